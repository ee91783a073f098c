/*
** import_json.c — records written the way the shipped ones are: keys in data.md's order,
** then the text json_write.h writes in JSON_RECORD style (what Python's json.dumps writes, so
** a record an analyst saved from Python and one the importer wrote diff cleanly).
*/
#include "import.h"

#include <string.h>

#include "json_write.h"

/* {====== Canonical key order */

static const char *const record_keys[] = {
	"id", "name", "creator", "family", "released", "product_type", "best_for",
	"decision_tags", "context_window", "max_output_tokens", "parameters", "architecture",
	"license", "openness", "commercial_use", "knowledge_cutoff", "capabilities", "routes",
	"benchmarks", "sources", "last_reviewed", NULL};
static const char *const license_keys[] = {"name", "spdx", "osi_approved", NULL};
static const char *const capability_keys[] = {
	"vision", "multimodal", "reasoning", "function_calling", "tool_use", "structured_outputs",
	"code_execution", "ide_integration", "computer_use", "parallel_agents", "prompt_caching",
	NULL};
/* The shipped records put first_party before pricing; the reference records are kept byte
** for byte, so that order is the canonical one. */
static const char *const route_keys[] = {"provider", "model", "first_party", "pricing",
                                         "region", "source", NULL};
static const char *const pricing_keys[] = {"input_per_mtok", "output_per_mtok",
                                           "cached_input_per_mtok", "batch_discount", "tiers",
                                           NULL};
static const char *const tier_keys[] = {"above_input_tokens", "input_per_mtok",
                                        "output_per_mtok", NULL};
static const char *const benchmark_keys[] = {"name", "score", "unit", "setting", "source",
                                             "date", "higher_is_better", NULL};

typedef enum shape { S_ANY, S_RECORD, S_LICENSE, S_CAPS, S_ROUTE, S_PRICING, S_TIER, S_BENCH } shape;

static const char *const *keys_of(shape s)
{
	switch (s) {
	case S_RECORD: return record_keys;
	case S_LICENSE: return license_keys;
	case S_CAPS: return capability_keys;
	case S_ROUTE: return route_keys;
	case S_PRICING: return pricing_keys;
	case S_TIER: return tier_keys;
	case S_BENCH: return benchmark_keys;
	default: return NULL;
	}
}

/* The shape of a member: what its key means inside an object of shape s. */
static shape member_shape(shape s, const char *key, bool in_array)
{
	if (s == S_RECORD) {
		if (strcmp(key, "license") == 0)
			return S_LICENSE;
		if (strcmp(key, "capabilities") == 0)
			return S_CAPS;
		if (strcmp(key, "routes") == 0 && in_array)
			return S_ROUTE;
		if (strcmp(key, "benchmarks") == 0 && in_array)
			return S_BENCH;
	} else if (s == S_ROUTE && strcmp(key, "pricing") == 0) {
		return S_PRICING;
	} else if (s == S_PRICING && strcmp(key, "tiers") == 0 && in_array) {
		return S_TIER;
	}
	return S_ANY;
}

static json_t *canonical(const json_t *v, shape s);

static json_t *canonical_member(const json_t *v, shape parent, const char *key)
{
	if (json_is_array(v)) {
		shape es = member_shape(parent, key, true);
		json_t *a = json_array();
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
			json_array_append_new(a, canonical(x, es));
		return a;
	}
	return canonical(v, member_shape(parent, key, false));
}

static json_t *canonical(const json_t *v, shape s)
{
	if (json_is_array(v))
		return canonical_member(v, S_ANY, "");
	if (!json_is_object(v))
		return json_deep_copy(v);
	json_t *o = json_object();
	const char *const *order = keys_of(s);
	for (size_t i = 0; order && order[i]; i++) {
		json_t *x = json_object_get(v, order[i]);
		if (x)
			json_object_set_new(o, order[i], canonical_member(x, s, order[i]));
	}
	const char *k;
	json_t *x;
	json_object_foreach((json_t *)v, k, x)
		if (!json_object_get(o, k))
			json_object_set_new(o, k, canonical_member(x, s, k));
	return o;
}

json_t *imp_canonical(const json_t *rec)
{
	return canonical(rec, S_RECORD);
}

/* }====== */

/* {====== Writing */

void imp_write_json(vs_buf *b, const json_t *v)
{
	json_write_value(b, v, 0, JSON_RECORD);
	buf_addc(b, '\n');
}

void imp_write_record(vs_buf *b, const json_t *rec)
{
	json_t *c = imp_canonical(rec);
	imp_write_json(b, c);
	json_decref(c);
}

/* }====== */

/* {====== Equality */

bool imp_json_equal(const json_t *a, const json_t *b)
{
	if (!a || !b)
		return a == b;
	if (json_is_number(a) && json_is_number(b))
		return json_number_value(a) == json_number_value(b);
	if (json_typeof(a) != json_typeof(b))
		return false;
	switch (json_typeof(a)) {
	case JSON_OBJECT: {
		if (json_object_size(a) != json_object_size(b))
			return false;
		const char *k;
		json_t *x;
		json_object_foreach((json_t *)a, k, x)
			if (!imp_json_equal(x, json_object_get(b, k)))
				return false;
		return true;
	}
	case JSON_ARRAY:
		if (json_array_size(a) != json_array_size(b))
			return false;
		for (size_t i = 0; i < json_array_size(a); i++)
			if (!imp_json_equal(json_array_get(a, i), json_array_get(b, i)))
				return false;
		return true;
	case JSON_STRING:
		return strcmp(json_string_value(a), json_string_value(b)) == 0;
	default:
		return true; /* true, false, null: the type says it all */
	}
}

/* }====== */
