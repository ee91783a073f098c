/*
** api_has_test.c — VERSUS_API_HAS as a plugin sees it: built against versus/plugin.h alone,
** in C99 with -pedantic.  A table as an older core hands it over (api->size ends before an
** entry) lacks that entry; a NULL entry is lacking too; the core's own table has them all.
*/
#include "versus/plugin.h"

#include "harness.h"

static const char *id(const versus_model *m)
{
	(void)m;
	return "m";
}

static versus_host *host(versus_pair *pair)
{
	(void)pair;
	return NULL;
}

int main(void)
{
	versus_api api = {0};
	api.size = (uint32_t)sizeof api;
	api.abi_major = VERSUS_PLUGIN_ABI_MAJOR;
	api.abi_minor = VERSUS_PLUGIN_ABI_MINOR;
	api.model_id = id;
	api.pair_host = host;
	OK(VERSUS_API_HAS(&api, model_id), "a set entry of the core's table");
	OK(VERSUS_API_HAS(&api, pair_host), "the last entry of the core's table");
	OK(!VERSUS_API_HAS(&api, model_field), "a NULL entry is lacking");

	/* An older core's table ends before pair_host; what lies beyond is not read. */
	api.size = (uint32_t)offsetof(versus_api, pair_host);
	OK(!VERSUS_API_HAS(&api, pair_host), "an entry past api->size is lacking");
	api.size = (uint32_t)(offsetof(versus_api, pair_host) + sizeof api.pair_host - 1);
	OK(!VERSUS_API_HAS(&api, pair_host), "an entry cut by api->size is lacking");
	OK(VERSUS_API_HAS(&api, model_id), "an entry within api->size is there");
	return test_summary("api has");
}
