/*
** record.c — fuzz the record loader: record_parse_buffer (jansson with the project's flags,
** the BOM, NUL and underflow checks) then record_validate, then, for a record with no error,
** the cost maths the report runs on it (cost_of_model at three traffic profiles and the
** chart's cost curve).  The input is the file's bytes (hardening.md case 146).
**
** Checks:
**   - a record refused by the parser comes with at least one error, and every diagnostic
**     names the file first ("fuzz.json" or "fuzz.json:LINE:COL") and says something;
**   - no diagnostic carries a control character (a file's bytes are quoted escaped);
**   - the parser's fast path reads what jansson reads (same_as_jansson.h);
**   - a valid record's cost is finite and >= 0 whenever it is reported as known, and its
**     curve rises in tokens with finite costs.
** The validator is told the file is named after the record's own id, so valid records (the
** seeds) reach the cost maths.
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cost.h"
#include "fuzz.h"
#include "record.h"
#include "same_as_jansson.h"

static const char *const known_caps[] = {
	"vision", "multimodal", "reasoning", "function_calling", "tool_use", "structured_outputs",
	"code_execution", "ide_integration", "computer_use", "parallel_agents",
};

static void check_diags(const vs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const vs_diag *g = &d->v[i];
		FUZZ_CHECK(strncmp(g->where, "fuzz.json", 9) == 0 &&
		           (g->where[9] == '\0' || g->where[9] == ':'),
		           "diagnostic placed at '%s'", g->where);
		FUZZ_CHECK(g->message && g->message[0], "an empty diagnostic at %s", g->where);
		for (const unsigned char *p = (const unsigned char *)g->message; *p; p++)
			FUZZ_CHECK(*p >= 0x20 && *p != 0x7F, "control byte 0x%02x in diagnostic '%s'", *p,
			           g->message);
	}
}

static void check_cost(const json_t *root)
{
	static const char *const providers[] = {"OpenAI API", "nobody"};
	const vs_traffic profiles[] = {
		VS_TRAFFIC_DEFAULT,
		{2500000, 100000, 1200, 0.4, true, false, NULL, 0},
		{1, 1, 1, 1.0, true, true, providers, 2},
	};
	for (size_t i = 0; i < VS_ARRAY_LEN(profiles); i++) {
		vs_cost c;
		cost_of_model(root, &profiles[i], &c);
		if (c.status == VS_COST_OK)
			FUZZ_CHECK(isfinite(c.monthly) && c.monthly >= 0, "cost %g at profile %zu", c.monthly, i);
		if (c.cheapest_index >= 0)
			FUZZ_CHECK(isfinite(c.cheapest_monthly) && c.cheapest_monthly >= 0,
			           "cheapest cost %g at profile %zu", c.cheapest_monthly, i);
		cost_free(&c);
	}
	vs_curve curve = {0};
	const vs_traffic t = VS_TRAFFIC_DEFAULT;
	cost_curve(root, &t, 100, 2e6, &curve);
	for (size_t i = 0; i < curve.n; i++) {
		FUZZ_CHECK(isfinite(curve.v[i].monthly) && curve.v[i].monthly >= 0,
		           "curve cost %g at point %zu", curve.v[i].monthly, i);
		FUZZ_CHECK(i == 0 || curve.v[i].tokens >= curve.v[i - 1].tokens,
		           "curve goes back at point %zu", i);
	}
	cost_curve_free(&curve);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_CHECK(same_as_jansson((const char *)data, size), "the fast path and jansson disagree");
	vs_diags d = {0};
	json_t *root = record_parse_buffer((const char *)data, size, "fuzz.json", &d);
	if (!root) {
		FUZZ_CHECK(diags_count(&d, VS_ERROR) > 0, "refused without an error");
	} else {
		const json_t *id = json_object_get(root, "id");
		const char *file_id = json_is_string(id) ? json_string_value(id) : "fuzz";
		record_validate(root, "fuzz.json", file_id, known_caps, VS_ARRAY_LEN(known_caps), &d);
		if (diags_count(&d, VS_ERROR) == 0)
			check_cost(root);
		json_decref(root);
	}
	check_diags(&d);
	diags_free(&d);
	return 0;
}
