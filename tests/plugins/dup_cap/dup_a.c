/* Two plugins in one directory that both provide capability "shared_cap": the later one
** (dup_b.so, by file name) is refused, naming both. */
#include "case.h"

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	return VERSUS_CAP_YES;
}

CASE_ONE_CHECK("dup-a", "shared_cap", "Shared capability", 500, check)
