/* A statement in a section the report does not have. */
#include <versus/plugin.h>

static int run(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	return 0;
}

static const versus_statement stmts[] = {
	{"sidebar_note", "sidebar", run},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "bad-section",
	.version = "1.0.0",
	.statements = stmts,
	.n_statements = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
