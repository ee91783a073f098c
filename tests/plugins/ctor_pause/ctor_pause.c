/* Blocks for ever in a constructor, inside dlopen.  Loading must not hang: the child that
** loads plugins is killed after VERSUS_PLUGIN_TIMEOUT_MS and the file named. */
#include <unistd.h>

#include <versus/plugin.h>

__attribute__((constructor)) static void block(void)
{
	for (;;)
		pause();
}

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "ctor-pause",
	.version = "1.0.0",
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
