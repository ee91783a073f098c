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

/*
** A record's prices read once into plain C values: the fit limits, and per route its
** provider, first_party, base prices, cached price, batch discount and tiers.  Costing a
** model at one traffic profile, or at a hundred input sizes for a chart, then touches no
** JSON.
*/
typedef struct tier_price {
	double above;
	double input, output;
	bool has_input, has_output;
	const json_t *obj;
} tier_price;

typedef struct route_price {
	size_t index;           /* in the record's routes */
	const json_t *route;
	bool complete;          /* input and output prices are numbers */
	bool first_party;
	double input, output, cached, discount;
	bool has_cached, has_discount;
	tier_price *tiers;
	size_t n_tiers;
} route_price;

typedef struct model_prices {
	bool has_window, has_max;
	double window, max_out;
	const json_t *routes;
	route_price *r;
	size_t n;
	route_price local[8];
	tier_price tiers_local[8];
	size_t n_tiers_local;
} model_prices;

static void read_pricing(const json_t *pricing, route_price *rp, model_prices *mp)
{
	rp->complete = json_is_object(pricing) && number_field(pricing, "input_per_mtok", &rp->input) &&
	               number_field(pricing, "output_per_mtok", &rp->output);
	if (!rp->complete)
		return;
	rp->has_cached = number_field(pricing, "cached_input_per_mtok", &rp->cached);
	rp->has_discount = number_field(pricing, "batch_discount", &rp->discount);
	const json_t *tiers = json_object_get(pricing, "tiers");
	size_t nt = json_array_size(tiers);
	if (nt == 0)
		return;
	if (mp && mp->n_tiers_local + nt <= sizeof mp->tiers_local / sizeof mp->tiers_local[0]) {
		rp->tiers = &mp->tiers_local[mp->n_tiers_local];
		mp->n_tiers_local += nt;
	} else {
		rp->tiers = xcalloc(nt, sizeof *rp->tiers);
	}
	size_t i;
	const json_t *tier;
	json_array_foreach(tiers, i, tier) {
		tier_price *tp = &rp->tiers[rp->n_tiers];
		if (!number_field(tier, "above_input_tokens", &tp->above))
			continue;
		tp->has_input = number_field(tier, "input_per_mtok", &tp->input);
		tp->has_output = number_field(tier, "output_per_mtok", &tp->output);
		tp->obj = tier;
		rp->n_tiers++;
	}
}

static bool owns_tiers(const model_prices *mp, const route_price *rp)
{
	return rp->tiers && !(mp && rp->tiers >= mp->tiers_local &&
	                      rp->tiers < mp->tiers_local + sizeof mp->tiers_local / sizeof mp->tiers_local[0]);
}

static void prices_load(const json_t *record, model_prices *mp)
{
	memset(mp, 0, sizeof *mp);
	mp->has_window = number_field(record, "context_window", &mp->window);
	mp->has_max = number_field(record, "max_output_tokens", &mp->max_out);
	mp->routes = json_object_get(record, "routes");
	mp->n = json_array_size(mp->routes);
	mp->r = mp->n <= sizeof mp->local / sizeof mp->local[0] ? mp->local
	      : xcalloc(mp->n, sizeof *mp->r);
	for (size_t i = 0; i < mp->n; i++) {
		route_price *rp = &mp->r[i];
		rp->index = i;
		rp->route = json_array_get(mp->routes, i);
		rp->first_party = json_is_true(json_object_get(rp->route, "first_party"));
		read_pricing(json_object_get(rp->route, "pricing"), rp, mp);
	}
}

static void prices_free(model_prices *mp)
{
	for (size_t i = 0; i < mp->n; i++)
		if (owns_tiers(mp, &mp->r[i]))
			free(mp->r[i].tiers);
	if (mp->r != mp->local)
		free(mp->r);
}

/* The applicable tier at input_tokens (the largest threshold I exceeds; of two equal
** thresholds the first in the record), or NULL. */
static const tier_price *applied_tier(const route_price *rp, uint64_t input_tokens)
{
	const tier_price *best = NULL;
	for (size_t i = 0; i < rp->n_tiers; i++) {
		const tier_price *tp = &rp->tiers[i];
		/* Strictly greater: the first tier of an equal threshold wins. */
		if ((double)input_tokens > tp->above && (!best || tp->above > best->above))
			best = tp;
	}
	return best;
}

/* Steps 1-4 for one route with a complete price. */
static double route_monthly(const route_price *rp, const vs_traffic *t, const tier_price **tier)
{
	double input = rp->input, output = rp->output;
	const tier_price *tp = applied_tier(rp, t->input_tokens);
	if (tp) {
		if (tp->has_input)
			input = tp->input;
		if (tp->has_output)
			output = tp->output;
	}
	if (tier)
		*tier = tp;
	/* Without a cached price, cached tokens cost what input costs at this tier; a cached
	** price itself is never tiered. */
	double cached = rp->has_cached ? rp->cached : input;
	double c = t->cached_share;
	double in_eff = (1 - c) * input + c * cached;
	double per_request = ((double)t->input_tokens * in_eff + (double)t->output_tokens * output) / 1e6;
	if (t->batch && rp->has_discount)
		per_request *= 1 - rp->discount;
	return (double)t->requests * per_request;
}

bool cost_of_pricing(const json_t *pricing, const vs_traffic *t, double *monthly,
                     const json_t **tier_out)
{
	route_price rp;
	memset(&rp, 0, sizeof rp);
	read_pricing(pricing, &rp, NULL);
	if (!rp.complete)
		return false;
	const tier_price *tp = NULL;
	*monthly = route_monthly(&rp, t, &tp);
	if (tier_out)
		*tier_out = tp ? tp->obj : NULL;
	free(rp.tiers);
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
static vs_cost_status fit(const model_prices *mp, const vs_traffic *t, bool *serves)
{
	/* I + O in double: both are at most 2^53 (the option parser's bound), so the sum is
	** exact enough to compare with a count below 2^53. */
	double need = (double)t->input_tokens + (double)t->output_tokens;
	*serves = false;
	if (mp->has_window && need > mp->window)
		return VS_COST_EXCEEDS_CONTEXT_WINDOW;
	if (mp->has_max && (double)t->output_tokens > mp->max_out)
		return VS_COST_EXCEEDS_MAX_OUTPUT;
	*serves = mp->has_window;
	return VS_COST_OK;
}

typedef struct candidate {
	size_t index;       /* in the record's routes */
	double monthly;
	const tier_price *tier;
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

/* The route policy over a record's loaded prices (see the top of this file). */
static void prices_cost(const model_prices *mp, const vs_traffic *t, vs_cost *out)
{
	memset(out, 0, sizeof *out);
	out->route_index = -1;
	out->cheapest_index = -1;
	out->tier_above = -1;
	out->fits = true;
	out->status = fit(mp, t, &out->serves);
	if (out->status != VS_COST_OK) {
		out->fits = false;
		return;
	}
	if (mp->n == 0) {
		out->status = VS_COST_NO_ROUTES;
		return;
	}
	/* Most records list a handful of routes: no allocation for them. */
	candidate local[16];
	candidate *cand = mp->n <= 16 ? local : xmalloc(mp->n * sizeof *cand);
	size_t n = 0, offered = 0;
	for (size_t i = 0; i < mp->n; i++) {
		const route_price *rp = &mp->r[i];
		if (!provider_wanted(rp->route, t))
			continue;
		offered++;
		if (!rp->complete)
			continue;
		candidate c = {i, 0, NULL};
		c.monthly = route_monthly(rp, t, &c.tier);
		cand[n++] = c;
	}
	if (n == 0) {
		out->status = offered == 0 ? VS_COST_NO_ROUTE_FOR_PROVIDER : VS_COST_NO_COMPLETE_PRICE;
		goto done;
	}

	/* The first first-party candidate, in record order (before sorting). */
	const candidate *first_party = NULL;
	for (size_t k = 0; k < n && !first_party; k++)
		if (mp->r[cand[k].index].first_party)
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

	const route_price *rp = &mp->r[chosen.index];
	out->monthly = chosen.monthly;
	out->route_index = (int)chosen.index;
	out->route = json_string_value(json_object_get(rp->route, "provider"));
	if (chosen.tier) {
		out->tier = chosen.tier->obj;
		out->tier_above = chosen.tier->above;
	}
	out->batch_applied = t->batch && rp->has_discount;
	/* cand is sorted now: the cheapest is the first. */
	if (cand[0].monthly < chosen.monthly && !cost_equal(cand[0].monthly, chosen.monthly)) {
		out->cheapest_index = (int)cand[0].index;
		out->cheapest_monthly = cand[0].monthly;
		out->cheapest_route = json_string_value(
		        json_object_get(mp->r[cand[0].index].route, "provider"));
	}
done:
	if (cand != local)
		free(cand);
}

void cost_of_model(const json_t *record, const vs_traffic *t, vs_cost *out)
{
	model_prices mp;
	prices_load(record, &mp);
	prices_cost(&mp, t, out);
	prices_free(&mp);
}

/* {====== Cost over input tokens, for charts */

#define CURVE_SAMPLES 64 /* log-spaced sizes; enough for a smooth line at any chart width */

static int by_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Tier thresholds of every route: the sizes just at and just past each one. */
static size_t add_thresholds(const model_prices *mp, double lo, double hi, double **xs, size_t n,
                             size_t *cap)
{
	for (size_t i = 0; i < mp->n; i++)
		for (size_t j = 0; j < mp->r[i].n_tiers; j++)
			for (int k = 0; k < 2; k++) {
				double x = floor(mp->r[i].tiers[j].above) + k;
				if (x < lo || x > hi)
					continue;
				vs_grow((void **)xs, cap, n, sizeof **xs);
				(*xs)[n++] = x;
			}
	return n;
}

void cost_curve(const json_t *record, const vs_traffic *t, double lo, double hi, vs_curve *out)
{
	memset(out, 0, sizeof *out);
	model_prices mp;
	prices_load(record, &mp); /* once: each size below is costed without touching JSON */
	size_t cap = CURVE_SAMPLES + 8, n = 0; /* room for the samples and the chosen size */
	double *xs = xmalloc(cap * sizeof *xs);
	for (int k = 0; k < CURVE_SAMPLES; k++)
		xs[n++] = floor(lo * pow(hi / lo, (double)k / (CURVE_SAMPLES - 1)) + 0.5);
	/* The chosen size itself, where the chart marks each line. */
	double chosen = (double)t->input_tokens;
	if (chosen >= lo && chosen <= hi)
		xs[n++] = chosen;
	/* The last size the window holds, where the line ends. */
	if (mp.has_window) {
		double end = mp.window - (double)t->output_tokens;
		if (end >= lo && end <= hi) {
			vs_grow((void **)&xs, &cap, n, sizeof *xs);
			xs[n++] = end;
		}
	}
	n = add_thresholds(&mp, lo, hi, &xs, n, &cap);
	qsort(xs, n, sizeof *xs, by_double);

	size_t pcap = 0;
	vs_traffic at = *t;
	for (size_t k = 0; k < n; k++) {
		if (k > 0 && xs[k] == xs[k - 1])
			continue;
		at.input_tokens = (uint64_t)xs[k];
		vs_cost c;
		prices_cost(&mp, &at, &c);
		if (!c.fits)
			break; /* larger requests do not fit either */
		if (c.status != VS_COST_OK)
			continue;
		vs_grow((void **)&out->v, &pcap, out->n, sizeof *out->v);
		out->v[out->n++] = (vs_curve_point){xs[k], c.monthly};
	}
	free(xs);
	prices_free(&mp);
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
