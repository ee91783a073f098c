/* Calls exit(0) from a constructor, inside dlopen, before any check the core can make.
** The run must not report success (hardening.md case 99). */
#include <stdlib.h>

#include "case.h"

__attribute__((constructor)) static void leave(void)
{
	exit(0);
}

CASE_PLUGIN("ctor-exit", "1.0.0")
