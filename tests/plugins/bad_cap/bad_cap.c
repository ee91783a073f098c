/* A capability whose id is not ^[a-z0-9_]+$. */
#include "case.h"

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	return VERSUS_CAP_YES;
}

CASE_ONE_CHECK("bad-cap", "Vision Pro", "Vision Pro", 10, check)
