/* Blocks for ever in a constructor, inside dlopen.  Loading must not hang: the child that
** loads plugins is killed after VERSUS_PLUGIN_TIMEOUT_MS and the file named. */
#include <unistd.h>

#include "case.h"

__attribute__((constructor)) static void block(void)
{
	for (;;)
		pause();
}

CASE_PLUGIN("ctor-pause", "1.0.0")
