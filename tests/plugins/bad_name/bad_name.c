/* A name that is not [a-z0-9_-]+ (a slash, a newline and an ANSI escape). */
#include <versus/plugin.h>

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "Bad/Name\n\033[31m",
	.version = "1.0.0",
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
