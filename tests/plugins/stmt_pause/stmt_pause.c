/* Loads cleanly; its statement blocks for ever (pause()) on every pair.
** `compare` must not hang: a watchdog ends the run with status 4 after
** VERSUS_PLUGIN_TIMEOUT_MS, naming the plugin, the statement and the pair. */
#include <unistd.h>

#include "case.h"

static int run(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	for (;;)
		pause();
	return 0; /* never reached */
}

CASE_ONE_STATEMENT("stmt-pause", "stmt_pause", "deep_dive", run)
