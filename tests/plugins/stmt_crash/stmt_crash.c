/* Loads cleanly; its statement crashes (SIGSEGV) on every pair.
** `versus check` runs statements in a child on the pairs of the catalog and names the
** plugin, the statement and the pair; `compare` runs statements in process, so there the
** crash ends the run, but a message names the plugin first. */
#include <signal.h>

#include "case.h"

static int run(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	raise(SIGSEGV);
	return 0;
}

CASE_ONE_STATEMENT("stmt-crash", "stmt_crash", "deep_dive", run)
