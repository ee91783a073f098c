/* Loads cleanly, then crashes (SIGSEGV) in its capability check.  `versus check` runs the
** checks in a child first, so it reports the crash naming this plugin and the model. */
#include <signal.h>

#include <versus/plugin.h>

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	raise(SIGSEGV); /* a real null dereference would be undefined behaviour the compiler may drop */
	return VERSUS_CAP_UNKNOWN;
}

static const versus_capability caps[] = {
	{"crashes", "Crashes", NULL, 800, check},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "check-crash",
	.version = "1.0.0",
	.capabilities = caps,
	.n_capabilities = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
