/* Loads cleanly, then calls exit(3) from its capability check.  The run must not report
** success: `versus check` runs checks in a child and names the plugin and the model. */
#include <stdlib.h>

#include <versus/plugin.h>

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	exit(3);
}

static const versus_capability caps[] = {
	{"exits", "Exits", NULL, 800, check},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "check-exit",
	.version = "1.0.0",
	.capabilities = caps,
	.n_capabilities = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
