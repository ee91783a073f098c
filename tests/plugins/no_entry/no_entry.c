/* A shared object without the entry symbol (it exports a misspelt one). */
#include <versus/plugin.h>

VERSUS_EXPORT int versus_plugin_entri(void);
VERSUS_EXPORT int versus_plugin_entri(void)
{
	return 0;
}
