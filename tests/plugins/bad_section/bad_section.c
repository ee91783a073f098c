/* A statement in a section the report does not have. */
#include "case.h"

static int run(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	return 0;
}

CASE_ONE_STATEMENT("bad-section", "sidebar_note", "sidebar", run)
