/* Loads cleanly, then blocks for ever in its capability check.  The run must not hang: the
** child running the checks is killed after VERSUS_PLUGIN_TIMEOUT_MS and the plugin named. */
#include <unistd.h>

#include "case.h"

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	for (;;)
		pause();
	return VERSUS_CAP_UNKNOWN; /* never reached */
}

CASE_ONE_CHECK("check-pause", "blocks", "Blocks", 800, check)
