/*
** diff_reasons.c — report.md's reasons to choose for `versus diff` (diff_reasons.h).  Each
** rule below is a row of report.md's table, "Reasons to choose (the verdict)"; the thresholds
** compare with the equality rule of the cost block (cost_at_least).
*/
#include "diff_reasons.h"

#include <math.h>
#include <string.h>

#include "util.h"

const char *const diff_reason_codes[REASON_COUNT] = {
	"fits_traffic", "cheaper_at_traffic", "benchmarks", "capabilities", "larger_context",
	"open_license", "more_providers",
};

/* data.md's product types that are not chat models (rules/lib/model.lua's model.kind). */
static const char *const not_chat[] = {
	"embedding model", "image generation model", "speech recognition model",
	"text-to-speech model", "reranking model", "moderation model",
};

void diff_model_init(diff_model *m, const json_t *root, const vs_cost *cost)
{
	m->root = root;
	m->cost = cost;
	m->kind = "chat";
	const char *t = json_string_value(json_object_get(root, "product_type"));
	for (size_t i = 0; t && i < VS_ARRAY_LEN(not_chat); i++)
		if (str_eq_loose(t, not_chat[i]))
			m->kind = not_chat[i];
	const char *o = json_string_value(json_object_get(root, "openness"));
	m->openness = !o ? 0
	            : str_eq_loose(o, "open-source") || str_eq_loose(o, "open-weights") ? 1
	            : str_eq_loose(o, "proprietary") ? -1 : 0;
	/* Providers once each, matched ignoring case and white space. */
	const json_t *routes = json_object_get(root, "routes");
	m->n_providers = 0;
	for (size_t i = 0; i < json_array_size(routes); i++) {
		const char *p = json_string_value(json_object_get(json_array_get(routes, i), "provider"));
		bool seen = !p;
		for (size_t j = 0; !seen && j < i; j++) {
			const char *q = json_string_value(
				json_object_get(json_array_get(routes, j), "provider"));
			seen = q && str_eq_loose(p, q);
		}
		m->n_providers += !seen;
	}
}

static double window(const diff_model *m)
{
	const json_t *w = json_object_get(m->root, "context_window");
	return json_is_integer(w) ? (double)json_integer_value(w) : NAN;
}

/* A benchmark's key (report.md, Matching): its name ignoring case, and its setting. */
static bool same_benchmark(const json_t *a, const json_t *b)
{
	const char *na = json_string_value(json_object_get(a, "name"));
	const char *nb = json_string_value(json_object_get(b, "name"));
	const char *sa = json_string_value(json_object_get(a, "setting"));
	const char *sb = json_string_value(json_object_get(b, "setting"));
	return na && nb && str_eq_icase(na, nb) && (!sa == !sb) && (!sa || strcmp(sa, sb) == 0);
}

static bool lower_is_better(const json_t *x)
{
	return json_is_false(json_object_get(x, "higher_is_better"));
}

/* Material leads of x over y and of y over x on their comparable shared benchmarks
** (report.md, Benchmarks): same unit ignoring case, same direction; 2 points when both units
** are %, else 3 % of the larger absolute score. */
static void benchmark_leads(const json_t *x, const json_t *y, size_t *lx, size_t *ly)
{
	*lx = *ly = 0;
	const json_t *bx = json_object_get(x, "benchmarks"), *by = json_object_get(y, "benchmarks");
	for (size_t i = 0; i < json_array_size(bx); i++) {
		const json_t *a = json_array_get(bx, i), *b = NULL;
		bool dup = false;
		for (size_t k = 0; k < i && !dup; k++)
			dup = same_benchmark(json_array_get(bx, k), a);
		for (size_t j = 0; !dup && !b && j < json_array_size(by); j++)
			if (same_benchmark(a, json_array_get(by, j)))
				b = json_array_get(by, j);
		if (!b)
			continue;
		const char *ua = json_string_value(json_object_get(a, "unit"));
		const char *ub = json_string_value(json_object_get(b, "unit"));
		if ((!ua != !ub) || (ua && !str_eq_icase(ua, ub)) || lower_is_better(a) != lower_is_better(b))
			continue;
		double sa = json_number_value(json_object_get(a, "score"));
		double sb = json_number_value(json_object_get(b, "score"));
		double gap = fabs(sa - sb);
		bool pct = ua && strcmp(ua, "%") == 0;
		double need = pct ? 2.0 : 0.03 * fmax(fabs(sa), fabs(sb));
		if (sa == sb || !cost_at_least(gap, need))
			continue;
		bool a_better = (sa > sb) != lower_is_better(a);
		*(a_better ? lx : ly) += 1;
	}
}

static bool some_capability(const json_t *x, const json_t *y)
{
	const json_t *cy = json_object_get(y, "capabilities");
	const char *k;
	const json_t *v;
	json_object_foreach((json_t *)json_object_get(x, "capabilities"), k, v)
		if (json_is_true(v) && json_is_false(json_object_get(cy, k)))
			return true;
	return false;
}

double diff_cost_high(const vs_cost *c)
{
	return c->tier_unlisted && c->tier_monthly > c->monthly ? c->tier_monthly : c->monthly;
}

unsigned diff_reasons(const diff_model *x, const diff_model *y)
{
	unsigned set = 0;
	bool kind = strcmp(x->kind, y->kind) == 0;
	if (kind && x->cost->serves && !y->cost->fits)
		set |= 1u << REASON_FITS_TRAFFIC;
	if (kind && x->cost->status == VS_COST_OK && y->cost->status == VS_COST_OK &&
	    cost_at_least(0.90 * y->cost->monthly, diff_cost_high(x->cost)) &&
	    !cost_equal(x->cost->monthly, y->cost->monthly))
		set |= 1u << REASON_CHEAPER_AT_TRAFFIC;
	size_t lx, ly;
	benchmark_leads(x->root, y->root, &lx, &ly);
	if (lx > ly)
		set |= 1u << REASON_BENCHMARKS;
	if (some_capability(x->root, y->root))
		set |= 1u << REASON_CAPABILITIES;
	double wx = window(x), wy = window(y);
	if (!isnan(wx) && !isnan(wy) && 4 * wx >= 5 * wy)
		set |= 1u << REASON_LARGER_CONTEXT;
	if (x->openness == 1 && y->openness == -1)
		set |= 1u << REASON_OPEN_LICENSE;
	if (x->n_providers >= 2 * y->n_providers && x->n_providers >= y->n_providers + 2)
		set |= 1u << REASON_MORE_PROVIDERS;
	return set;
}

json_t *diff_reasons_json(unsigned set)
{
	json_t *a = json_array();
	for (int i = 0; i < REASON_COUNT; i++)
		if (set & (1u << i))
			json_array_append_new(a, json_string(diff_reason_codes[i]));
	return a;
}
