/* Loads cleanly, then calls _exit(0) from its capability check: no atexit handler runs, and
** the status says success.  The run must still not report success (hardening.md case 100):
** the checks run in a child, whose parent sees it end inside this plugin's check. */
#include <unistd.h>

#include "case.h"

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	_exit(0);
}

CASE_ONE_CHECK("check-exit0", "exits_quietly", "Exits quietly", 800, check)
