/* Built for a newer minor of the same major than the core provides: refused. */
#include "case.h"

static const versus_plugin plugin = {
	.abi_major = VERSUS_PLUGIN_ABI_MAJOR,
	.abi_minor = VERSUS_PLUGIN_ABI_MINOR + 1,
	.size = sizeof(versus_plugin),
	.name = "abi-minor",
	.version = "1.0.0",
};

CASE_ENTRY(plugin)
