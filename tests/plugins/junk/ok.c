/* The one real plugin in a directory of things that are not plugins: notes.txt (ignored,
** not *.so), x.so (a directory: skipped with a warning), y.so (a text file: refused with
** dlopen's reason).  Loading goes on and this one loads. */
#include <versus/plugin.h>

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "junk-ok",
	.version = "1.0.0",
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
