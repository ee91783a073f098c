/* Two files whose plugins share the name "twin": the later (twin_b.so) is refused. */
#include <versus/plugin.h>

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "twin",
	.version = "1.0.1",
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
