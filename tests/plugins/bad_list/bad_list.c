/* Claims a million capability checks (hardening.md case 97: counts are bounded).  Refused;
** the message gives the count and the bound but not the array's address, which differs from
** run to run, so the same plugin gives the same diagnostic bytes every time (issue 9). */
#include "case.h"

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	return VERSUS_CAP_UNKNOWN;
}

static const versus_capability caps[] = {
	{"listed", "Listed", NULL, 800, check},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "bad-list",
	.version = "1.0.0",
	.capabilities = caps,
	.n_capabilities = 1000000,
};

CASE_ENTRY(plugin)
