/* Loads cleanly; its statement spins for ever (a busy loop) on every pair.
** `compare` must not hang: a watchdog ends the run with status 4 after
** VERSUS_PLUGIN_TIMEOUT_MS, naming the plugin, the statement and the pair. */
#include <versus/plugin.h>

static int run(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	volatile unsigned long spins = 0;
	for (;;)
		spins++;
	return 0; /* never reached */
}

static const versus_statement stmts[] = {
	{"stmt_spin", "deep_dive", run},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "stmt-spin",
	.version = "1.0.0",
	.statements = stmts,
	.n_statements = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
