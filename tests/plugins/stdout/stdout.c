/* A valid plugin that prints to stdout from every function.  `versus compare -f json` with
** it loaded must still print valid JSON on stdout.  Each line starts "stdout-plugin:". */
#include <stdio.h>

#include <versus/plugin.h>

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)data;
	printf("stdout-plugin: check %s\n", api->model_id(m));
	return VERSUS_CAP_UNKNOWN;
}

static int run(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	printf("stdout-plugin: statement\n");
	return 0;
}

static int init(const versus_api *api, versus_host *host, void **data, char *err, size_t errlen)
{
	(void)api, (void)host, (void)data, (void)err, (void)errlen;
	printf("stdout-plugin: init\n");
	return 0;
}

static const versus_capability caps[] = {
	{"stdout_noise", "Stdout noise", NULL, 900, check},
};

static const versus_statement stmts[] = {
	{"stdout_noise", "deep_dive", run},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "stdout",
	.version = "1.0.0",
	.capabilities = caps,
	.n_capabilities = 1,
	.statements = stmts,
	.n_statements = 1,
	.init = init,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	printf("stdout-plugin: entry\n");
	return &plugin;
}
