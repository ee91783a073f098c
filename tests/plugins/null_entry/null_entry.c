/* The entry point returns NULL. */
#include <stddef.h>

#include <versus/plugin.h>

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return NULL;
}
