/* Hardening case 108: sym_a.so and sym_b.so both export helper() and global_state, and
** sym_a.so exports json_object_get, which the host calls on every record.  Loaded with
** RTLD_LOCAL, each plugin calls its own helper() and reads its own global_state, and the
** host's json_object_get stays jansson's: the check answers yes only when helper() and
** global_state are this file's.  With RTLD_GLOBAL, the later plugin's helper() would bind
** to the earlier one's and answer no.  One source, built twice: SYM_N 1 and SYM_X "a" for
** sym_a.so, 2 and "b" for sym_b.so. */
#include <stddef.h>
#include <versus/plugin.h>

VERSUS_EXPORT int global_state = SYM_N;
VERSUS_EXPORT int helper(void);
VERSUS_EXPORT int helper(void)
{
	return SYM_N;
}

#if SYM_N == 1
VERSUS_EXPORT void *json_object_get(const void *object, const char *key);
VERSUS_EXPORT void *json_object_get(const void *object, const char *key)
{
	(void)object, (void)key;
	return NULL; /* the host reads every record with jansson's: never with this one */
}
#endif

static versus_cap_answer check(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m, (void)data;
	return helper() == SYM_N && global_state == SYM_N ? VERSUS_CAP_YES : VERSUS_CAP_NO;
}

static const versus_capability caps[] = {
	{"own_helper_" SYM_X, "Own helper " SYM_X, NULL, 500, check},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "sym-" SYM_X,
	.version = "1.0.0",
	.capabilities = caps,
	.n_capabilities = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
