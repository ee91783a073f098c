/*
** prompt_caching.c — a derived capability: prompt caching.
**
** Yes when the record says so, or when any route's pricing has a cached-input price (a
** provider that bills cache hits offers caching).  No only when the record says false.
** Otherwise unknown: a missing price is not evidence that caching is absent.  (The core
** lets an explicit capabilities.prompt_caching in the record win in any case.)
*/
#include <stdio.h>

#include <versus/plugin.h>

static versus_cap_answer check_prompt_caching(const versus_api *api, const versus_model *m,
                                              void *data)
{
	versus_value v;
	(void)data;
	if (api->model_field(m, "capabilities.prompt_caching", &v) == VERSUS_VALUE_BOOL)
		return v.boolean ? VERSUS_CAP_YES : VERSUS_CAP_NO;

	if (api->model_field(m, "routes", &v) != VERSUS_VALUE_ARRAY)
		return VERSUS_CAP_UNKNOWN;
	size_t n = v.length;
	for (size_t i = 0; i < n; i++) {
		char path[64];
		snprintf(path, sizeof path, "routes.%zu.pricing.cached_input_per_mtok", i);
		if (api->model_field(m, path, &v) == VERSUS_VALUE_NUMBER)
			return VERSUS_CAP_YES;
	}
	return VERSUS_CAP_UNKNOWN;
}

static const versus_capability capabilities[] = {
	{"prompt_caching", "Prompt caching", NULL, 110, check_prompt_caching},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(VERSUS_PLUGIN_REENTRANT),
	.name = "prompt-caching",
	.version = "1.0.0",
	.capabilities = capabilities,
	.n_capabilities = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
