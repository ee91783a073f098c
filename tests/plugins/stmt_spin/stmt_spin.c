/* Loads cleanly; its statement spins for ever (a busy loop) on every pair.
** `compare` must not hang: a watchdog ends the run with status 4 after
** VERSUS_PLUGIN_TIMEOUT_MS, naming the plugin, the statement and the pair. */
#include "case.h"

static int run(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	volatile unsigned long spins = 0;
	for (;;)
		spins++;
	return 0; /* never reached */
}

CASE_ONE_STATEMENT("stmt-spin", "stmt_spin", "deep_dive", run)
