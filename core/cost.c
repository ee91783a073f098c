/*
** cost.c — report.md's "Monthly cost at traffic", step by step.
**
** Can the model serve the profile?  Not when its known context window is less than I + O
** (checked first) or its known max output is less than O: then there is no cost at all.
**
** The price of one route:
**   1. tier: the tier with the largest above_input_tokens that I exceeds replaces the input
**      and output prices (a tier's missing price keeps the base price; of two tiers with the
**      same threshold the first wins; the cached-input price is never tiered);
**   2. in_eff = (1 - c) * input + c * cached   (cached defaults to the tier's input price);
**   3. per_request = (I * in_eff + O * output) / 1e6, times (1 - batch_discount) in batch;
**   4. monthly = R * per_request.
**
** Which route prices the model: the candidates are the routes with a complete price (only
** the --provider ones when named).  --cheapest takes the cheapest; otherwise the first
** first-party candidate; otherwise the median by cost (ties in record order).  Resellers
** and stale listings undercut list prices, which is why the cheapest is not the default.
*/
#include "cost.h"

#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool number_field(const json_t *obj, const char *key, double *out)
{
	const json_t *v = json_object_get(obj, key);
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return true;
}

/* The applicable tier of a pricing object at input_tokens, or NULL. */
static const json_t *applied_tier(const json_t *pricing, uint64_t input_tokens)
{
	const json_t *tiers = json_object_get(pricing, "tiers");
	const json_t *best = NULL;
	double best_above = -1;
	size_t i;
	const json_t *tier;
	json_array_foreach(tiers, i, tier) {
		double above;
		if (!number_field(tier, "above_input_tokens", &above))
			continue;
		/* Strictly greater: the first tier of an equal threshold wins. */
		if ((double)input_tokens > above && above > best_above) {
			best = tier;
			best_above = above;
		}
	}
	return best;
}

bool cost_of_pricing(const json_t *pricing, const vs_traffic *t, double *monthly,
                     const json_t **tier_out)
{
	double input, output;
	if (!json_is_object(pricing) || !number_field(pricing, "input_per_mtok", &input) ||
	    !number_field(pricing, "output_per_mtok", &output))
		return false;
	const json_t *tier = applied_tier(pricing, t->input_tokens);
	if (tier) {
		number_field(tier, "input_per_mtok", &input);
		number_field(tier, "output_per_mtok", &output);
	}
	if (tier_out)
		*tier_out = tier;
	/* Without a cached price, cached tokens cost what input costs at this tier; a cached
	** price itself is never tiered. */
	double cached = input;
	number_field(pricing, "cached_input_per_mtok", &cached);
	double c = t->cached_share;
	double in_eff = (1 - c) * input + c * cached;
	double per_request = ((double)t->input_tokens * in_eff + (double)t->output_tokens * output) / 1e6;
	double discount;
	if (t->batch && number_field(pricing, "batch_discount", &discount))
		per_request *= 1 - discount;
	*monthly = (double)t->requests * per_request;
	return true;
}

/* Is the route's provider one of --provider's names (all routes are, when none is named)? */
static bool provider_wanted(const json_t *route, const vs_traffic *t)
{
	if (t->n_providers == 0)
		return true;
	const char *name = json_string_value(json_object_get(route, "provider"));
	for (size_t i = 0; name && i < t->n_providers; i++)
		if (str_eq_loose(name, t->providers[i]))
			return true;
	return false;
}

/* The fit rule: VS_COST_OK when nothing known rules the profile out. */
static vs_cost_status fit(const json_t *record, const vs_traffic *t, bool *serves)
{
	double window = 0, max_out = 0;
	bool has_window = number_field(record, "context_window", &window);
	bool has_max = number_field(record, "max_output_tokens", &max_out);
	/* I + O in double: both are at most 2^53 (the option parser's bound), so the sum is
	** exact enough to compare with a count below 2^53. */
	double need = (double)t->input_tokens + (double)t->output_tokens;
	*serves = false;
	if (has_window && need > window)
		return VS_COST_EXCEEDS_CONTEXT_WINDOW;
	if (has_max && (double)t->output_tokens > max_out)
		return VS_COST_EXCEEDS_MAX_OUTPUT;
	*serves = has_window;
	return VS_COST_OK;
}

typedef struct candidate {
	size_t index;       /* in the record's routes */
	double monthly;
	const json_t *tier;
} candidate;

/* By cost, ties in record order (a stable order, as the median needs). */
static int by_cost(const void *x, const void *y)
{
	const candidate *a = x, *b = y;
	if (a->monthly < b->monthly)
		return -1;
	if (a->monthly > b->monthly)
		return 1;
	return (a->index > b->index) - (a->index < b->index);
}

size_t cost_median_index(size_t n)
{
	return n == 0 ? 0 : (n - 1) / 2;
}

void cost_of_model(const json_t *record, const vs_traffic *t, vs_cost *out)
{
	memset(out, 0, sizeof *out);
	out->route_index = -1;
	out->cheapest_index = -1;
	out->tier_above = -1;
	out->fits = true;
	out->status = fit(record, t, &out->serves);
	if (out->status != VS_COST_OK) {
		out->fits = false;
		return;
	}

	const json_t *routes = json_object_get(record, "routes");
	size_t n_routes = json_array_size(routes);
	if (n_routes == 0) {
		out->status = VS_COST_NO_ROUTES;
		return;
	}
	/* Most records list a handful of routes: no allocation for them. */
	candidate local[16];
	candidate *cand = n_routes <= 16 ? local : xmalloc(n_routes * sizeof *cand);
	size_t n = 0, offered = 0;
	for (size_t i = 0; i < n_routes; i++) {
		const json_t *route = json_array_get(routes, i);
		if (!provider_wanted(route, t))
			continue;
		offered++;
		candidate c = {i, 0, NULL};
		if (cost_of_pricing(json_object_get(route, "pricing"), t, &c.monthly, &c.tier))
			cand[n++] = c;
	}
	if (n == 0) {
		out->status = offered == 0 ? VS_COST_NO_ROUTE_FOR_PROVIDER : VS_COST_NO_COMPLETE_PRICE;
		goto done;
	}

	/* The first first-party candidate, in record order (before sorting). */
	const candidate *first_party = NULL;
	for (size_t k = 0; k < n && !first_party; k++)
		if (json_is_true(json_object_get(json_array_get(routes, cand[k].index), "first_party")))
			first_party = &cand[k];
	candidate chosen;
	if (t->cheapest || !first_party) {
		qsort(cand, n, sizeof *cand, by_cost);
		chosen = cand[t->cheapest ? 0 : cost_median_index(n)];
		out->basis = t->cheapest ? VS_BASIS_CHEAPEST : VS_BASIS_MEDIAN;
	} else {
		chosen = *first_party;
		out->basis = VS_BASIS_FIRST_PARTY;
		qsort(cand, n, sizeof *cand, by_cost);
	}
	if (!isfinite(chosen.monthly)) {
		out->status = VS_COST_OVERFLOW;
		out->basis = VS_BASIS_NONE;
		goto done;
	}

	const json_t *route = json_array_get(routes, chosen.index);
	out->monthly = chosen.monthly;
	out->route_index = (int)chosen.index;
	out->route = json_string_value(json_object_get(route, "provider"));
	if (chosen.tier) {
		out->tier = chosen.tier;
		number_field(chosen.tier, "above_input_tokens", &out->tier_above);
	}
	out->batch_applied = t->batch && json_is_number(json_object_get(
	        json_object_get(route, "pricing"), "batch_discount"));
	/* cand is sorted now: the cheapest is the first. */
	if (cand[0].monthly < chosen.monthly && !cost_equal(cand[0].monthly, chosen.monthly)) {
		out->cheapest_index = (int)cand[0].index;
		out->cheapest_monthly = cand[0].monthly;
		out->cheapest_route = json_string_value(
		        json_object_get(json_array_get(routes, cand[0].index), "provider"));
	}
done:
	if (cand != local)
		free(cand);
}

/* {====== Cost over input tokens, for charts */

#define CURVE_SAMPLES 96 /* log-spaced sizes; enough for a smooth line at any chart width */

static int by_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Tier thresholds of every route: the sizes just at and just past each one. */
static size_t add_thresholds(const json_t *record, double lo, double hi, double **xs, size_t n,
                             size_t *cap)
{
	size_t i, j;
	const json_t *route, *tier;
	json_array_foreach(json_object_get(record, "routes"), i, route) {
		json_array_foreach(json_object_get(json_object_get(route, "pricing"), "tiers"), j, tier) {
			double above;
			if (!number_field(tier, "above_input_tokens", &above))
				continue;
			for (int k = 0; k < 2; k++) {
				double x = floor(above) + k;
				if (x < lo || x > hi)
					continue;
				vs_grow((void **)xs, cap, n, sizeof **xs);
				(*xs)[n++] = x;
			}
		}
	}
	return n;
}

void cost_curve(const json_t *record, const vs_traffic *t, double lo, double hi, vs_curve *out)
{
	memset(out, 0, sizeof *out);
	size_t cap = CURVE_SAMPLES + 8, n = 0; /* room for the samples and the chosen size */
	double *xs = xmalloc(cap * sizeof *xs);
	for (int k = 0; k < CURVE_SAMPLES; k++)
		xs[n++] = floor(lo * pow(hi / lo, (double)k / (CURVE_SAMPLES - 1)) + 0.5);
	/* The chosen size itself, where the chart marks each line. */
	double chosen = (double)t->input_tokens;
	if (chosen >= lo && chosen <= hi)
		xs[n++] = chosen;
	/* The last size the window holds, where the line ends. */
	double window;
	if (number_field(record, "context_window", &window)) {
		double end = window - (double)t->output_tokens;
		if (end >= lo && end <= hi) {
			vs_grow((void **)&xs, &cap, n, sizeof *xs);
			xs[n++] = end;
		}
	}
	n = add_thresholds(record, lo, hi, &xs, n, &cap);
	qsort(xs, n, sizeof *xs, by_double);

	size_t pcap = 0;
	vs_traffic at = *t;
	for (size_t k = 0; k < n; k++) {
		if (k > 0 && xs[k] == xs[k - 1])
			continue;
		at.input_tokens = (uint64_t)xs[k];
		vs_cost c;
		cost_of_model(record, &at, &c);
		if (!c.fits)
			break; /* larger requests do not fit either */
		if (c.status != VS_COST_OK)
			continue;
		vs_grow((void **)&out->v, &pcap, out->n, sizeof *out->v);
		out->v[out->n++] = (vs_curve_point){xs[k], c.monthly};
	}
	free(xs);
}

void cost_curve_free(vs_curve *c)
{
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

/* }====== */

const char *cost_reason_code(vs_cost_status s)
{
	switch (s) {
	case VS_COST_EXCEEDS_CONTEXT_WINDOW: return "exceeds_context_window";
	case VS_COST_EXCEEDS_MAX_OUTPUT: return "exceeds_max_output";
	case VS_COST_NO_ROUTES: return "no_routes";
	case VS_COST_NO_ROUTE_FOR_PROVIDER: return "no_route_for_provider";
	case VS_COST_NO_COMPLETE_PRICE: return "no_complete_price";
	case VS_COST_OVERFLOW: return "overflow";
	case VS_COST_OK: break;
	}
	return NULL;
}

const char *cost_basis_code(vs_cost_basis b)
{
	switch (b) {
	case VS_BASIS_FIRST_PARTY: return "first_party";
	case VS_BASIS_MEDIAN: return "median";
	case VS_BASIS_CHEAPEST: return "cheapest";
	case VS_BASIS_NONE: break;
	}
	return NULL;
}

bool cost_equal(double a, double b)
{
	double larger = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= 1e-9 * larger;
}

bool cost_at_least(double a, double b)
{
	return a > b || cost_equal(a, b);
}
