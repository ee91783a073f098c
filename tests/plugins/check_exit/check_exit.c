/* Loads cleanly, then calls exit(3) from its capability check.  The run must not report
** success: `versus check` runs checks in a child and names the plugin and the model. */
#include <stdlib.h>

#include "case.h"

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	exit(3);
}

CASE_ONE_CHECK("check-exit", "exits", "Exits", 800, check)
