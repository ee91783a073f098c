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
** Outliers: with three or more priced routes, one whose input or output price is under a
** tenth of the model's median never prices it (a data error far more often than a bargain).
**
** Which route prices the model: the candidates are the routes with a complete price that are
** not outliers (only the --provider ones when named).  Where some candidate charges a tier at
** I, one with no tiers at all is not eligible for the median or the cheapest.  --cheapest
** takes the cheapest eligible one; otherwise the first first-party candidate; otherwise the
** median of the eligible ones by cost (ties in record order).  Resellers and stale listings
** undercut list prices, which is why the cheapest is not the default.
**
** Crossovers: the input sizes where the cheaper of two models changes, found on report.md's
** grid and bisected; each size costs both models from prices read once.
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
** provider, first_party, base prices, cached price, batch discount and tiers; then which
** routes are outliers and which are candidates for this run's --provider names.  Costing a
** model at one traffic profile, or at a hundred input sizes for the crossovers and a chart,
** then touches no JSON.
*/
typedef struct tier_price {
	double above;
	double input, output;
	bool has_input, has_output;
	const json_t *obj;
} tier_price;

typedef struct route_price {
	const json_t *route;
	bool complete;          /* input and output prices are numbers */
	bool first_party;
	bool outlier;
	bool candidate;         /* complete, not an outlier, one of the --provider names */
	double input, output, cached, discount;
	bool has_cached, has_discount;
	tier_price *tiers;
	size_t n_tiers;
} route_price;

/* One candidate evaluated at one input size. */
typedef struct candidate {
	size_t index;       /* in the record's routes */
	double monthly;
	const tier_price *tier;
	bool eligible;
} candidate;

struct vs_prices {
	bool has_window, has_max;
	double window, max_out;
	const json_t *routes;
	route_price *r;
	size_t n;
	tier_price *tiers;      /* every route's, in one block */
	size_t offered;         /* routes of the --provider names (all when none) */
	size_t n_cand;
	size_t *cand;           /* the candidates' indices, record order */
	candidate *scratch;     /* room for n_cand, twice: record order, then sorted */
	int *outliers;
	size_t n_outliers;
	double median_input, median_output;
	size_t priced;
};

static void read_pricing(const json_t *pricing, route_price *rp, tier_price *room)
{
	rp->complete = json_is_object(pricing) && number_field(pricing, "input_per_mtok", &rp->input) &&
	               number_field(pricing, "output_per_mtok", &rp->output);
	if (!rp->complete)
		return;
	rp->has_cached = number_field(pricing, "cached_input_per_mtok", &rp->cached);
	rp->has_discount = number_field(pricing, "batch_discount", &rp->discount);
	const json_t *tiers = json_object_get(pricing, "tiers");
	rp->tiers = room;
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

static int by_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Is x under a tenth of the median?  Exactly a tenth (within the equality rule) is not. */
bool cost_under_tenth(double x, double median)
{
	return x < median / 10 && !cost_equal(x, median / 10);
}

/* report.md, Outliers: with at least three routes with a complete price, a route whose input
** price is under a tenth of their median input price, or whose output price is under a tenth
** of their median output price (median: index (n - 1) / 2 sorted ascending), whatever
** --provider says.  A price a hundred times below every other listing is a data error far
** more often than a bargain, and a free route beside paid ones is not what a team pays. */
static void find_outliers(vs_prices *mp)
{
	size_t n = 0;
	for (size_t i = 0; i < mp->n; i++)
		n += mp->r[i].complete;
	mp->priced = n;
	if (n < 3)
		return;
	double *in = xmalloc(2 * n * sizeof *in), *out = in + n;
	for (size_t i = 0, k = 0; i < mp->n; i++)
		if (mp->r[i].complete) {
			in[k] = mp->r[i].input;
			out[k++] = mp->r[i].output;
		}
	qsort(in, n, sizeof *in, by_double);
	qsort(out, n, sizeof *out, by_double);
	mp->median_input = in[cost_median_index(n)];
	mp->median_output = out[cost_median_index(n)];
	free(in);
	for (size_t i = 0; i < mp->n; i++) {
		route_price *rp = &mp->r[i];
		if (rp->complete && (cost_under_tenth(rp->input, mp->median_input) ||
		                     cost_under_tenth(rp->output, mp->median_output))) {
			rp->outlier = true;
			if (!mp->outliers)
				mp->outliers = xmalloc(mp->n * sizeof *mp->outliers);
			mp->outliers[mp->n_outliers++] = (int)i;
		}
	}
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

static vs_prices *prices_load(const json_t *record, const vs_traffic *t)
{
	vs_prices *mp = xcalloc(1, sizeof *mp);
	mp->has_window = number_field(record, "context_window", &mp->window);
	mp->has_max = number_field(record, "max_output_tokens", &mp->max_out);
	mp->routes = json_object_get(record, "routes");
	mp->n = json_array_size(mp->routes);
	size_t n_tiers = 0;
	for (size_t i = 0; i < mp->n; i++) {
		const json_t *pr = json_object_get(json_array_get(mp->routes, i), "pricing");
		n_tiers += json_array_size(json_object_get(pr, "tiers"));
	}
	mp->r = xcalloc(mp->n ? mp->n : 1, sizeof *mp->r);
	mp->tiers = n_tiers ? xcalloc(n_tiers, sizeof *mp->tiers) : NULL;
	mp->cand = xmalloc((mp->n ? mp->n : 1) * sizeof *mp->cand);
	mp->scratch = xmalloc((mp->n ? 2 * mp->n : 1) * sizeof *mp->scratch);
	for (size_t i = 0, used = 0; i < mp->n; i++) {
		route_price *rp = &mp->r[i];
		rp->route = json_array_get(mp->routes, i);
		rp->first_party = json_is_true(json_object_get(rp->route, "first_party"));
		/* no tiers at all: NULL, never NULL + 0 (undefined; UBSan in the record fuzzer) */
		read_pricing(json_object_get(rp->route, "pricing"), rp, mp->tiers ? mp->tiers + used : NULL);
		used += rp->n_tiers;
	}
	find_outliers(mp);
	for (size_t i = 0; i < mp->n; i++) {
		route_price *rp = &mp->r[i];
		if (!provider_wanted(rp->route, t))
			continue;
		mp->offered++;
		rp->candidate = rp->complete && !rp->outlier;
		if (rp->candidate)
			mp->cand[mp->n_cand++] = i;
	}
	return mp;
}

vs_prices *cost_prices_new(const json_t *record, const vs_traffic *t)
{
	return prices_load(record, t);
}

void cost_prices_free(vs_prices *mp)
{
	if (!mp)
		return;
	free(mp->r);
	free(mp->tiers);
	free(mp->cand);
	free(mp->scratch);
	free(mp->outliers);
	free(mp);
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

/* The input and output prices one request pays on a route with a complete price. */
static void applied_prices(const route_price *rp, const tier_price *tp, double *input,
                           double *output)
{
	*input = tp && tp->has_input ? tp->input : rp->input;
	*output = tp && tp->has_output ? tp->output : rp->output;
}

/* Steps 1-4 for one route with a complete price. */
static double route_monthly(const route_price *rp, const vs_traffic *t, const tier_price **tier)
{
	double input, output;
	const tier_price *tp = applied_tier(rp, t->input_tokens);
	applied_prices(rp, tp, &input, &output);
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
	size_t nt = json_array_size(json_object_get(pricing, "tiers"));
	tier_price *room = nt ? xcalloc(nt, sizeof *room) : NULL;
	read_pricing(pricing, &rp, room);
	bool ok = rp.complete;
	if (ok) {
		const tier_price *tp = NULL;
		*monthly = route_monthly(&rp, t, &tp);
		if (tier_out)
			*tier_out = tp ? tp->obj : NULL;
	}
	free(room);
	return ok;
}

/* The fit rule: VS_COST_OK when nothing known rules the profile out. */
static vs_cost_status fit(const vs_prices *mp, const vs_traffic *t, bool *serves)
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

/*
** Every candidate at t into c[] (record order), each with its cost, tier and eligibility: at
** a size where some candidate has a tier that I exceeds, a candidate with no tiers at all
** is not eligible for the median or the cheapest (a listing that records no long-context
** price proves no bargain there); one whose tiers start above I is.
*/
static void evaluate(const vs_prices *mp, const vs_traffic *t, candidate *c)
{
	bool tier_applies = false;
	for (size_t k = 0; k < mp->n_cand; k++) {
		size_t i = mp->cand[k];
		c[k].index = i;
		c[k].monthly = route_monthly(&mp->r[i], t, &c[k].tier);
		tier_applies |= c[k].tier != NULL;
	}
	for (size_t k = 0; k < mp->n_cand; k++)
		c[k].eligible = !tier_applies || mp->r[c[k].index].n_tiers > 0;
}

/* The cheapest eligible candidate of c[0..n) (ties: the first in the record). */
static const candidate *cheapest_eligible(const candidate *c, size_t n)
{
	const candidate *best = NULL;
	for (size_t k = 0; k < n; k++)
		if (c[k].eligible && (!best || c[k].monthly < best->monthly))
			best = &c[k];
	return best;
}

/* The eligible candidates of c[0..n) into out, by cost (ties: record order); their number. */
static size_t sort_eligible(const candidate *c, size_t n, candidate *out)
{
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		if (c[k].eligible)
			out[m++] = c[k];
	qsort(out, m, sizeof *out, by_cost);
	return m;
}

/*
** The route policy over the evaluated candidates c[] (record order): --cheapest takes the
** cheapest eligible one; otherwise the first first-party candidate, eligible or not (the
** creator's list price is the reference); otherwise the median of the eligible ones.
*/
static const candidate *pick(const vs_prices *mp, const vs_traffic *t, const candidate *c,
                             candidate *sorted, vs_cost_basis *basis)
{
	size_t n = mp->n_cand;
	if (t->cheapest) {
		*basis = VS_BASIS_CHEAPEST;
		return cheapest_eligible(c, n);
	}
	for (size_t k = 0; k < n; k++)
		if (mp->r[c[k].index].first_party) {
			*basis = VS_BASIS_FIRST_PARTY;
			return &c[k];
		}
	*basis = VS_BASIS_MEDIAN;
	size_t m = sort_eligible(c, n, sorted);
	return &sorted[cost_median_index(m)];
}

/* A model's monthly cost at t only (the crossovers' and the chart's many sizes). */
static vs_cost_status monthly_at(const vs_prices *mp, const vs_traffic *t, double *monthly)
{
	bool serves;
	vs_cost_status st = fit(mp, t, &serves);
	if (st != VS_COST_OK)
		return st;
	if (mp->n_cand == 0)
		return mp->n == 0 ? VS_COST_NO_ROUTES : mp->offered == 0 ? VS_COST_NO_ROUTE_FOR_PROVIDER
		                                                        : VS_COST_NO_COMPLETE_PRICE;
	candidate *c = mp->scratch, *sorted = mp->scratch + mp->n_cand;
	evaluate(mp, t, c);
	vs_cost_basis basis;
	const candidate *chosen = pick(mp, t, c, sorted, &basis);
	if (!isfinite(chosen->monthly))
		return VS_COST_OVERFLOW;
	*monthly = chosen->monthly;
	return VS_COST_OK;
}

static void fill_route(const vs_prices *mp, const candidate *c, vs_cost_route *out)
{
	const route_price *rp = &mp->r[c->index];
	out->index = (int)c->index;
	out->monthly = c->monthly;
	out->eligible = c->eligible;
	applied_prices(rp, c->tier, &out->input, &out->output);
	out->tier_above = c->tier ? c->tier->above : -1;
	out->tier_input = c->tier && c->tier->has_input;
	out->tier_output = c->tier && c->tier->has_output;
	out->tier = c->tier ? c->tier->obj : NULL;
	out->has_cached = rp->has_cached;
	out->cached = rp->cached;
	out->has_discount = rp->has_discount;
	out->discount = rp->discount;
}

/* report.md, A tier the cost route does not list: the cost route has no tiers, and some of
** its other candidates charge a tier at I; the figure is those candidates' median. */
static void tier_unlisted(const vs_prices *mp, const candidate *c, const candidate *chosen,
                          candidate *room, vs_cost *out)
{
	if (mp->r[chosen->index].n_tiers > 0)
		return;
	size_t k = 0;
	for (size_t j = 0; j < mp->n_cand; j++)
		if (c[j].index != chosen->index && c[j].tier)
			room[k++] = c[j];
	if (k == 0)
		return;
	qsort(room, k, sizeof *room, by_cost);
	out->tier_unlisted = true;
	out->tier_routes = k;
	out->tier_of = mp->n_cand - 1;
	out->tier_monthly = room[cost_median_index(k)].monthly;
}

void cost_of_prices(const vs_prices *mp, const vs_traffic *t, vs_cost *out)
{
	memset(out, 0, sizeof *out);
	out->route_index = -1;
	out->cheapest_index = -1;
	out->tier_above = -1;
	out->fits = true;
	out->candidates = mp->n_cand;
	if (mp->n_outliers) {
		out->outliers = xmalloc(mp->n_outliers * sizeof *out->outliers);
		memcpy(out->outliers, mp->outliers, mp->n_outliers * sizeof *out->outliers);
		out->n_outliers = mp->n_outliers;
	}
	out->status = fit(mp, t, &out->serves);
	if (mp->n_cand == 0) {
		if (out->status == VS_COST_OK)
			out->status = mp->n == 0 ? VS_COST_NO_ROUTES
			            : mp->offered == 0 ? VS_COST_NO_ROUTE_FOR_PROVIDER
			                               : VS_COST_NO_COMPLETE_PRICE;
		else
			out->fits = false;
		return;
	}
	candidate *c = mp->scratch, *sorted = mp->scratch + mp->n_cand;
	evaluate(mp, t, c);
	vs_cost_basis basis;
	const candidate *chosen = pick(mp, t, c, sorted, &basis);
	/* The pricing table's route: the policy's pick, even for a model that cannot serve. */
	out->has_applied = isfinite(chosen->monthly);
	fill_route(mp, chosen, &out->applied);
	if (out->status != VS_COST_OK) {
		out->fits = false;
		return;
	}
	if (!isfinite(chosen->monthly)) {
		out->status = VS_COST_OVERFLOW;
		return;
	}
	const route_price *rp = &mp->r[chosen->index];
	out->basis = basis;
	out->monthly = chosen->monthly;
	out->route_index = (int)chosen->index;
	out->route = json_string_value(json_object_get(rp->route, "provider"));
	if (chosen->tier) {
		out->tier = chosen->tier->obj;
		out->tier_above = chosen->tier->above;
	}
	out->batch_applied = t->batch && rp->has_discount;
	const candidate *low = cheapest_eligible(c, mp->n_cand);
	if (low->monthly < chosen->monthly && !cost_equal(low->monthly, chosen->monthly)) {
		out->cheapest_index = (int)low->index;
		out->cheapest_monthly = low->monthly;
		out->cheapest_route = json_string_value(
		        json_object_get(mp->r[low->index].route, "provider"));
	}
	/* chosen may point into sorted, which the two uses below overwrite: it is copied. */
	candidate pick_copy = *chosen;
	tier_unlisted(mp, c, &pick_copy, sorted, out);
	/* Every candidate by cost, for the routes table. */
	memcpy(sorted, c, mp->n_cand * sizeof *sorted);
	qsort(sorted, mp->n_cand, sizeof *sorted, by_cost);
	out->ranked = xmalloc(mp->n_cand * sizeof *out->ranked);
	out->n_ranked = mp->n_cand;
	for (size_t k = 0; k < mp->n_cand; k++)
		fill_route(mp, &sorted[k], &out->ranked[k]);
}

void cost_free(vs_cost *c)
{
	free(c->outliers);
	free(c->ranked);
	c->outliers = NULL;
	c->ranked = NULL;
	c->n_outliers = c->n_ranked = 0;
}

void cost_of_model(const json_t *record, const vs_traffic *t, vs_cost *out)
{
	vs_prices *mp = prices_load(record, t);
	cost_of_prices(mp, t, out);
	cost_prices_free(mp);
}

void cost_find_outliers(const json_t *record, vs_outliers *out)
{
	static const vs_traffic all = VS_TRAFFIC_DEFAULT;
	vs_prices *mp = prices_load(record, &all);
	memset(out, 0, sizeof *out);
	out->priced = mp->priced;
	out->median_input = mp->median_input;
	out->median_output = mp->median_output;
	out->n = mp->n_outliers;
	out->idx = mp->outliers;
	mp->outliers = NULL;
	cost_prices_free(mp);
}

/* {====== Where the cheaper model changes */

#define UNKNOWN_WINDOW 10000000.0 /* report.md: a model with an unknown window counts as this */

/* s(I): -1 when A is cheaper at I, +1 when B is, 0 when equal or either is unavailable. */
static int sign_at(const vs_prices *a, const vs_prices *b, vs_traffic *at, uint64_t I)
{
	at->input_tokens = I;
	double x, y;
	if (monthly_at(a, at, &x) != VS_COST_OK || monthly_at(b, at, &y) != VS_COST_OK ||
	    cost_equal(x, y))
		return 0;
	return x < y ? -1 : 1;
}

static int by_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

/* Tier thresholds t and t + 1 of a model's candidates, those in [1, U], onto the grid. */
static void grid_thresholds(const vs_prices *mp, double U, uint64_t **g, size_t *n, size_t *cap)
{
	for (size_t k = 0; k < mp->n_cand; k++) {
		const route_price *rp = &mp->r[mp->cand[k]];
		for (size_t j = 0; j < rp->n_tiers; j++) {
			double th = floor(rp->tiers[j].above);
			for (int d = 0; d < 2; d++)
				if (th + d >= 1 && th + d <= U)
					*VS_PUSH(*g, *n, *cap) = (uint64_t)(th + d);
		}
	}
}

void cost_crossovers(const vs_prices *a, const vs_prices *b, const vs_traffic *t,
                     vs_crossovers *out)
{
	memset(out, 0, sizeof *out);
	double wa = a->has_window ? a->window : UNKNOWN_WINDOW;
	double wb = b->has_window ? b->window : UNKNOWN_WINDOW;
	double U = floor(fmin(wa, wb)) - (double)t->output_tokens;
	if (!(U >= 1))
		return;
	/* The grid: 1, U, both sides of every tier threshold, round(10^(k/16)); sorted, once. */
	size_t n = 0, cap = 128;
	uint64_t *g = xmalloc(cap * sizeof *g);
	g[n++] = 1;
	g[n++] = (uint64_t)U;
	grid_thresholds(a, U, &g, &n, &cap);
	grid_thresholds(b, U, &g, &n, &cap);
	for (int k = 0;; k++) {
		double x = floor(pow(10, k / 16.0) + 0.5);
		if (x > U)
			break;
		*VS_PUSH(g, n, cap) = (uint64_t)x;
	}
	qsort(g, n, sizeof *g, by_u64);
	vs_traffic at = *t;
	size_t xcap = 0;
	uint64_t p = 0;
	int sp = 0;
	for (size_t k = 0; k < n; k++) {
		if (k > 0 && g[k] == g[k - 1])
			continue;
		uint64_t q = g[k];
		int sq = sign_at(a, b, &at, q);
		if (sq == 0)
			continue;
		if (sp != 0 && sq != sp) {
			uint64_t lo = p, hi = q;
			while (hi - lo > 1) {
				uint64_t mid = lo + (hi - lo) / 2;
				if (sign_at(a, b, &at, mid) == sq)
					hi = mid;
				else
					lo = mid;
			}
			*VS_PUSH(out->v, out->n, xcap) = (vs_crossover){hi, sq < 0 ? 0 : 1};
		}
		p = q;
		sp = sq;
	}
	free(g);
}

void cost_crossovers_free(vs_crossovers *x)
{
	free(x->v);
	x->v = NULL;
	x->n = 0;
}

/* }====== */

/* {====== Cost over input tokens, for charts */

#define CURVE_SAMPLES 64 /* log-spaced sizes; enough for a smooth line at any chart width */

/* Tier thresholds of every route: the sizes just at and just past each one. */
static size_t add_thresholds(const vs_prices *mp, double lo, double hi, double **xs, size_t n,
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

void cost_curve_prices(const vs_prices *mp, const vs_traffic *t, double lo, double hi,
                       vs_curve *out)
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
	if (mp->has_window) {
		double end = mp->window - (double)t->output_tokens;
		if (end >= lo && end <= hi) {
			vs_grow((void **)&xs, &cap, n, sizeof *xs);
			xs[n++] = end;
		}
	}
	n = add_thresholds(mp, lo, hi, &xs, n, &cap);
	qsort(xs, n, sizeof *xs, by_double);

	size_t pcap = 0;
	vs_traffic at = *t;
	for (size_t k = 0; k < n; k++) {
		if (k > 0 && xs[k] == xs[k - 1])
			continue;
		at.input_tokens = (uint64_t)xs[k];
		double m;
		vs_cost_status st = monthly_at(mp, &at, &m);
		if (st == VS_COST_EXCEEDS_CONTEXT_WINDOW || st == VS_COST_EXCEEDS_MAX_OUTPUT)
			break; /* larger requests do not fit either */
		if (st != VS_COST_OK)
			continue;
		vs_grow((void **)&out->v, &pcap, out->n, sizeof *out->v);
		out->v[out->n++] = (vs_curve_point){xs[k], m};
	}
	free(xs);
}

void cost_curve(const json_t *record, const vs_traffic *t, double lo, double hi, vs_curve *out)
{
	vs_prices *mp = prices_load(record, t); /* once: each size is costed without JSON */
	cost_curve_prices(mp, t, lo, hi, out);
	cost_prices_free(mp);
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
