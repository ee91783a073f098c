/* A capability check that answers 7: a diagnostic, and the answer reads as unknown. */
#include <versus/plugin.h>

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	return (versus_cap_answer)7;
}

static const versus_capability caps[] = {
	{"seven", "Seven", NULL, 700, check},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "bad-answer",
	.version = "1.0.0",
	.capabilities = caps,
	.n_capabilities = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
