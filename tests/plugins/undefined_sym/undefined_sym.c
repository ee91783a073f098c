/* Calls a function nothing defines: RTLD_NOW refuses it at dlopen, with dlerror's text. */
#include <versus/plugin.h>

extern int versus_test_missing_function(void);

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "undefined-sym",
	.version = "1.0.0",
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return versus_test_missing_function() ? &plugin : &plugin;
}
