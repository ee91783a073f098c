/* Crashes (SIGSEGV) in a constructor, inside dlopen, before the core can check anything
** (hardening.md case 99).  Only a child may load it: `check` and `compare` name it and go on
** without it. */
#include <signal.h>

#include <versus/plugin.h>

__attribute__((constructor)) static void crash(void)
{
	raise(SIGSEGV);
}

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "ctor-crash",
	.version = "1.0.0",
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
