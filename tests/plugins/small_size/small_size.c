/* A descriptor claiming to be smaller than ABI 1.0's: refused before any field is read. */
#include "case.h"

static const versus_plugin plugin = {
	.abi_major = VERSUS_PLUGIN_ABI_MAJOR,
	.abi_minor = VERSUS_PLUGIN_ABI_MINOR,
	.size = 16,
	.name = "small-size",
	.version = "1.0.0",
};

CASE_ENTRY(plugin)
