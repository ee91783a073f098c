/* Loads cleanly, then blocks for ever in its capability check.  The run must not hang: the
** child running the checks is killed after VERSUS_PLUGIN_TIMEOUT_MS and the plugin named. */
#include <unistd.h>

#include <versus/plugin.h>

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	for (;;)
		pause();
	return VERSUS_CAP_UNKNOWN; /* never reached */
}

static const versus_capability caps[] = {
	{"blocks", "Blocks", NULL, 800, check},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "check-pause",
	.version = "1.0.0",
	.capabilities = caps,
	.n_capabilities = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
