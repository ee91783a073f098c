/* Crashes (SIGSEGV) in a constructor, inside dlopen, before the core can check anything
** (hardening.md case 99).  Only a child may load it: `check` and `compare` name it and go on
** without it. */
#include <signal.h>

#include "case.h"

__attribute__((constructor)) static void crash(void)
{
	raise(SIGSEGV);
}

CASE_PLUGIN("ctor-crash", "1.0.0")
