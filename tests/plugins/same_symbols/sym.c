/* Hardening case 108: sym_a.so and sym_b.so both export helper() and global_state, and
** sym_a.so exports json_object_get, which the host calls on every record.  Loaded with
** RTLD_LOCAL, each plugin calls its own helper() and reads its own global_state, and the
** host's json_object_get stays jansson's: the check answers yes only when helper() and
** global_state are this file's.  With RTLD_GLOBAL, the later plugin's helper() would bind
** to the earlier one's and answer no.  One source, built twice: SYM_N 1 and SYM_X "a" for
** sym_a.so, 2 and "b" for sym_b.so. */
#include <stddef.h>

#include "../case.h"

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

CASE_ONE_CHECK("sym-" SYM_X, "own_helper_" SYM_X, "Own helper " SYM_X, 500, check)
