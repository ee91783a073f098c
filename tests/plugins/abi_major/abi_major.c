/* Built for ABI 2.0: refused by a 1.x core, which must name both versions. */
#include "case.h"

static const versus_plugin plugin = {
	.abi_major = 2,
	.abi_minor = 0,
	.size = sizeof(versus_plugin),
	.name = "abi-major",
	.version = "2.0.0",
};

CASE_ENTRY(plugin)
