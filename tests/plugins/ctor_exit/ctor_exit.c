/* Calls exit(0) from a constructor, inside dlopen, before any check the core can make.
** The run must not report success (hardening.md case 99). */
#include <stdlib.h>

#include <versus/plugin.h>

__attribute__((constructor)) static void leave(void)
{
	exit(0);
}

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "ctor-exit",
	.version = "1.0.0",
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
