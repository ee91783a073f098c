/* Loads cleanly, then crashes (SIGSEGV) in its capability check.  `versus check` runs the
** checks in a child first, so it reports the crash naming this plugin and the model. */
#include <signal.h>

#include "case.h"

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	raise(SIGSEGV); /* a real null dereference would be undefined behaviour the compiler may drop */
	return VERSUS_CAP_UNKNOWN;
}

CASE_ONE_CHECK("check-crash", "crashes", "Crashes", 800, check)
