/* Two plugins in one directory that both provide capability "shared_cap": the later one
** (dup_b.so, by file name) is refused, naming both. */
#include <versus/plugin.h>

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	return VERSUS_CAP_YES;
}

static const versus_capability caps[] = {
	{"shared_cap", "Shared capability", NULL, 500, check},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "dup-b",
	.version = "1.0.0",
	.capabilities = caps,
	.n_capabilities = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
