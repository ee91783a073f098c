/* Crashes (SIGSEGV) in its entry point (hardening.md case 101).  Only a child may call it. */
#include <signal.h>

#include <versus/plugin.h>

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	raise(SIGSEGV);
	return NULL;
}
