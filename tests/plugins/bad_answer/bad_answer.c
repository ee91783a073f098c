/* A capability check that answers 7: a diagnostic, and the answer reads as unknown. */
#include "case.h"

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	return (versus_cap_answer)7;
}

CASE_ONE_CHECK("bad-answer", "seven", "Seven", 700, check)
