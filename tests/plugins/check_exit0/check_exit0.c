/* Loads cleanly, then calls _exit(0) from its capability check: no atexit handler runs, and
** the status says success.  The run must still not report success (hardening.md case 100):
** the checks run in a child, whose parent sees it end inside this plugin's check. */
#include <unistd.h>

#include <versus/plugin.h>

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	_exit(0);
}

static const versus_capability caps[] = {
	{"exits_quietly", "Exits quietly", NULL, 800, check},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "check-exit0",
	.version = "1.0.0",
	.capabilities = caps,
	.n_capabilities = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
