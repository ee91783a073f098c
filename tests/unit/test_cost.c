/*
** test_cost.c — cost.c against report.md's "Monthly cost at traffic" and "Cost block", with
** every expected figure computed by hand in the comment beside it.
**
** Default traffic: R = 100000 requests, I = 2000 input tokens, O = 500 output tokens, c = 0,
** no batch.  Base pricing used throughout: input $1, output $2 per Mtok, so
**   per_request = (2000 * 1 + 500 * 2) / 1e6 = 0.003,   monthly = 100000 * 0.003 = $300.
*/
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cost.h"
#include "harness.h"

/* Within 1e-12 of the larger (exact figures computed in binary floating point). */
static bool near(double got, double want)
{
	double larger = fmax(fabs(got), fabs(want));
	return fabs(got - want) <= 1e-12 * larger;
}

static bool near_check(const char *file, int line, double got, double want, const char *fmt,
                       ...) TEST_PRINTF(5, 6);
static bool near_check(const char *file, int line, double got, double want, const char *fmt, ...)
{
	TEST_RETURN_IF_PASSED(near(got, want), file, line, fmt);
	fprintf(stderr, "    got      %.17g\n    expected %.17g\n", got, want);
	return false;
}

#define NEAR(got, want, ...) near_check(__FILE__, __LINE__, (got), (want), __VA_ARGS__)

static json_t *parse(const char *text)
{
	json_error_t err;
	json_t *j = json_loads(text, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	if (!j) {
		fprintf(stderr, "bad test JSON (%d:%d): %s\n%s\n", err.line, err.column, err.text, text);
		abort();
	}
	return j;
}

static const vs_traffic defaults = VS_TRAFFIC_DEFAULT;

/* The monthly cost of one pricing object at t; NAN when the price is not complete. */
static double pricing_cost(const char *pricing, const vs_traffic *t)
{
	json_t *p = parse(pricing);
	double m = -12345;
	bool ok = cost_of_pricing(p, t, &m, NULL);
	json_decref(p);
	return ok ? m : NAN;
}

/* Records stay alive until the end: a cost's route borrows from its record. */
static json_t *kept[128];
static size_t n_kept;

/* What each cost owns (outliers, ranked) is kept too, and freed with the records. */
static void *owned[256];
static size_t n_owned;

static void keep_owned(vs_cost *c)
{
	if (n_owned + 2 > sizeof owned / sizeof owned[0])
		abort();
	owned[n_owned++] = c->outliers;
	owned[n_owned++] = c->ranked;
}

static void model_cost(const char *record, const vs_traffic *t, vs_cost *out)
{
	json_t *r = parse(record);
	cost_of_model(r, t, out);
	keep_owned(out);
	if (n_kept == sizeof kept / sizeof kept[0])
		abort();
	kept[n_kept++] = r;
}

/* The default traffic, priced by routes of the one provider named (--provider). */
static vs_traffic only_provider(const char *const *one)
{
	vs_traffic t = defaults;
	t.providers = one;
	t.n_providers = 1;
	return t;
}

/* Routes A (2/2), B (1/2) and C (c_input/2), in that order. */
static void abc_routes(const char *c_input, const vs_traffic *t, vs_cost *out)
{
	char json[512];
	snprintf(json, sizeof json, "{\"routes\": ["
	         "{\"provider\": \"A\", \"pricing\": {\"input_per_mtok\": 2, \"output_per_mtok\": 2}},"
	         "{\"provider\": \"B\", \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2}},"
	         "{\"provider\": \"C\", \"pricing\": {\"input_per_mtok\": %s, \"output_per_mtok\": 2}}]}",
	         c_input);
	model_cost(json, t, out);
}

static void free_records(void)
{
	for (size_t i = 0; i < n_kept; i++)
		json_decref(kept[i]);
	n_kept = 0;
	for (size_t i = 0; i < n_owned; i++)
		free(owned[i]);
	n_owned = 0;
}

/* {====== The defaults and the formula */

static void test_defaults(void)
{
	INT_EQ(defaults.requests, 100000, "default requests per month");
	INT_EQ(defaults.input_tokens, 2000, "default input tokens");
	INT_EQ(defaults.output_tokens, 500, "default output tokens");
	OK(defaults.cached_share == 0.0, "default cached share is 0");
	OK(!defaults.batch, "default batch is off");

	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2}", &defaults), 300.0,
	     "base price 1/2 at the defaults: (2000*1 + 500*2)/1e6 * 100000 = 300");
	/* Reals as well as integers: 2.5 / 10 -> (5000 + 5000)/1e6 * 1e5 = 1000 */
	NEAR(pricing_cost("{\"input_per_mtok\": 2.5, \"output_per_mtok\": 10.0}", &defaults), 1000.0,
	     "2.5/10 at the defaults = 1000");
	/* 0.15/0.6 -> (300 + 300)/1e6 * 1e5 = 60 */
	NEAR(pricing_cost("{\"input_per_mtok\": 0.15, \"output_per_mtok\": 0.6}", &defaults), 60.0,
	     "0.15/0.6 at the defaults = 60");

	vs_traffic t = defaults;
	t.requests = 1;
	t.input_tokens = 1000000;
	t.output_tokens = 0;
	NEAR(pricing_cost("{\"input_per_mtok\": 3, \"output_per_mtok\": 15}", &t), 3.0,
	     "one request of one million input tokens costs the input price");
	t.input_tokens = 0;
	t.output_tokens = 1000000;
	NEAR(pricing_cost("{\"input_per_mtok\": 3, \"output_per_mtok\": 15}", &t), 15.0,
	     "one request of one million output tokens costs the output price");
	t.requests = 0;
	NEAR(pricing_cost("{\"input_per_mtok\": 3, \"output_per_mtok\": 15}", &t), 0.0,
	     "no requests cost nothing");
}

static void test_incomplete_pricing(void)
{
	OK(isnan(pricing_cost("null", &defaults)), "pricing null is not a complete price");
	OK(isnan(pricing_cost("{}", &defaults)), "empty pricing is not a complete price");
	OK(isnan(pricing_cost("{\"input_per_mtok\": 1}", &defaults)), "input only is incomplete");
	OK(isnan(pricing_cost("{\"output_per_mtok\": 2}", &defaults)), "output only is incomplete");
	OK(isnan(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": null}", &defaults)),
	   "output null is incomplete");
	OK(isnan(pricing_cost("{\"input_per_mtok\": null, \"output_per_mtok\": 2}", &defaults)),
	   "input null is incomplete");
	OK(isnan(pricing_cost("{\"input_per_mtok\": \"1\", \"output_per_mtok\": 2}", &defaults)),
	   "a string price is not a price");
	OK(isnan(pricing_cost("{\"cached_input_per_mtok\": 1, \"output_per_mtok\": 2}", &defaults)),
	   "a cached price does not stand in for the input price");
	double m = -1;
	OK(!cost_of_pricing(NULL, &defaults, &m, NULL), "NULL pricing is not a complete price");
	OK(m == -1, "an incomplete price leaves *monthly alone");
}

/* }====== */

/* {====== Tiers */

static void test_tiers(void)
{
	/* Tier {above 1999: 3/4} applies at I = 2000: (2000*3 + 500*4)/1e6 * 1e5 = 800. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 1999, \"input_per_mtok\": 3, \"output_per_mtok\": 4}]}",
	                  &defaults),
	     800.0, "a tier I exceeds replaces both prices (800)");
	/* I equal to the threshold does not exceed it: base price, 300. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 2000, \"input_per_mtok\": 3, \"output_per_mtok\": 4}]}",
	                  &defaults),
	     300.0, "I equal to a threshold does not exceed it (300)");
	/* A threshold above I: base price. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 128000, \"input_per_mtok\": 3, \"output_per_mtok\": 4}]}",
	                  &defaults),
	     300.0, "a tier above I does not apply (300)");
	/* Largest threshold that I exceeds, whatever the order in the record: 100 and 1000 are
	** exceeded, 5000 is not; 1000 wins: 3/4 -> 800. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": 3, \"output_per_mtok\": 4},"
	                  "{\"above_input_tokens\": 5000, \"input_per_mtok\": 9, \"output_per_mtok\": 9},"
	                  "{\"above_input_tokens\": 100, \"input_per_mtok\": 5, \"output_per_mtok\": 5}]}",
	                  &defaults),
	     800.0, "the largest threshold I exceeds wins, not the last or the first (800)");
	/* A tier without an output price keeps the base output: (2000*3 + 500*2)/1e6*1e5 = 700. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": 3}]}",
	                  &defaults),
	     700.0, "a tier's missing output price keeps the base (700)");
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": 3, \"output_per_mtok\": null}]}",
	                  &defaults),
	     700.0, "a tier's null output price keeps the base (700)");
	/* A tier without an input price keeps the base input: (2000*1 + 500*20)/1e6*1e5 = 1200. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": null, \"output_per_mtok\": 20}]}",
	                  &defaults),
	     1200.0, "a tier's null input price keeps the base (1200)");
	/* The missing price falls back to the base, not to a lower tier's price: tiers 100 (7/7)
	** and 1000 (input only 3); I = 2000 -> input 3, output base 2 -> 700. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 100, \"input_per_mtok\": 7, \"output_per_mtok\": 7},"
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": 3}]}",
	                  &defaults),
	     700.0, "a tier's missing price keeps the base, not a lower tier's (700)");
	/* Same threshold twice: the first in the record wins (3/4 -> 800, not 100/100). */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": 3, \"output_per_mtok\": 4},"
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": 100, \"output_per_mtok\": 100}]}",
	                  &defaults),
	     800.0, "of two tiers with the same threshold the first wins (800)");
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": 100, \"output_per_mtok\": 100},"
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": 3, \"output_per_mtok\": 4}]}",
	                  &defaults),
	     25000.0, "first of two equal thresholds: 100/100 -> 25000");
	/* tests/fixtures/edge/models/edge-tiers.json: base 1/2; tiers 1500 (in 3), 1500
	** (100/100), 100000 (in null, out 20).  I = 2000: first 1500 tier -> 3/2 ->
	** (6000 + 1000)/1e6*1e5 = 700.  I = 150000: tier 100000 -> input base 1, output 20 ->
	** (150000 + 10000)/1e6*1e5 = 16000. */
	const char *edge = "{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                   "{\"above_input_tokens\": 1500, \"input_per_mtok\": 3},"
	                   "{\"above_input_tokens\": 1500, \"input_per_mtok\": 100, \"output_per_mtok\": 100},"
	                   "{\"above_input_tokens\": 100000, \"input_per_mtok\": null, \"output_per_mtok\": 20}]}";
	NEAR(pricing_cost(edge, &defaults), 700.0, "edge-tiers at the defaults = 700");
	vs_traffic t = defaults;
	t.input_tokens = 150000;
	NEAR(pricing_cost(edge, &t), 16000.0, "edge-tiers at I = 150000 = 16000");
	t.input_tokens = 1500;
	/* 1500 does not exceed 1500: base -> (1500 + 1000)/1e6*1e5 = 250. */
	NEAR(pricing_cost(edge, &t), 250.0, "edge-tiers at I = 1500 (equal to a threshold) = 250");
	/* A tier without a threshold is ignored. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"input_per_mtok\": 9, \"output_per_mtok\": 9}]}",
	                  &defaults),
	     300.0, "a tier without above_input_tokens is ignored (300)");
	/* An empty tier list: base. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": []}", &defaults),
	     300.0, "an empty tier list changes nothing (300)");
	/* A tier price does not make an incomplete base price complete. */
	OK(isnan(pricing_cost("{\"input_per_mtok\": 1, \"tiers\": ["
	                      "{\"above_input_tokens\": 10, \"input_per_mtok\": 3, \"output_per_mtok\": 4}]}",
	                      &defaults)),
	   "a tier's output price does not complete a base price without one");
}

/* }====== */

/* {====== Cached share and batch */

static void test_cached(void)
{
	vs_traffic t = defaults;
	t.cached_share = 0.4;
	/* in_eff = 0.6*1 + 0.4*0.5 = 0.8; (2000*0.8 + 500*2)/1e6*1e5 = 260. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"cached_input_per_mtok\": 0.5}", &t),
	     260.0, "cached share 0.4 with a cached price 0.5 = 260");
	/* Without a cached price, cached tokens cost the input price: 300. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2}", &t), 300.0,
	     "cached share without a cached price costs the input price (300)");
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"cached_input_per_mtok\": null}", &t),
	     300.0, "a null cached price is no cached price (300)");
	/* With a tier and no cached price: cached = the tier's input price 3 -> 800. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	                  "{\"above_input_tokens\": 1000, \"input_per_mtok\": 3, \"output_per_mtok\": 4}]}",
	                  &t),
	     800.0, "without a cached price, cached = the tier's input price (800)");
	/* With a tier and a cached price: the cached price is never tiered, even when the tier
	** carries one of its own: in_eff = 0.6*3 + 0.4*0.5 = 2.0; (4000 + 2000)/1e6*1e5 = 600. */
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"cached_input_per_mtok\": 0.5,"
	                  " \"tiers\": [{\"above_input_tokens\": 1000, \"input_per_mtok\": 3,"
	                  " \"output_per_mtok\": 4, \"cached_input_per_mtok\": 0.01}]}",
	                  &t),
	     600.0, "the cached price is never tiered (600)");
	/* c = 1: all input at the cached price: (2000*0.5 + 1000)/1e6*1e5 = 200. */
	t.cached_share = 1.0;
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"cached_input_per_mtok\": 0.5}", &t),
	     200.0, "cached share 1 = all input at the cached price (200)");
	/* c = 0: the cached price plays no part: 300. */
	t.cached_share = 0.0;
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"cached_input_per_mtok\": 0.5}", &t),
	     300.0, "cached share 0 ignores the cached price (300)");
}

static void test_batch(void)
{
	vs_traffic t = defaults;
	const char *p = "{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"batch_discount\": 0.5}";
	NEAR(pricing_cost(p, &t), 300.0, "a batch discount without --batch changes nothing (300)");
	t.batch = true;
	NEAR(pricing_cost(p, &t), 150.0, "--batch with discount 0.5 halves the price (150)");
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2}", &t), 300.0,
	     "--batch on a route without a discount changes nothing (300)");
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"batch_discount\": null}", &t),
	     300.0, "--batch with a null discount changes nothing (300)");
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"batch_discount\": 0}", &t),
	     300.0, "--batch with discount 0 changes nothing (300)");
	/* The discount covers the whole request, cached input included:
	** c = 0.4, cached 0.5, discount 0.25: 260 * 0.75 = 195. */
	t.cached_share = 0.4;
	NEAR(pricing_cost("{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"cached_input_per_mtok\": 0.5,"
	                  " \"batch_discount\": 0.25}",
	                  &t),
	     195.0, "the batch discount applies to input, cached input and output (195)");

	/* The heavy profile of the golden file: R = 2.5M, I = 150000, O = 1200, c = 0.4, batch.
	** Pricing 1.25/10, cached 0.3125, discount 0.5, tier above 128000: 2.5/15.
	** in_eff = 0.6*2.5 + 0.4*0.3125 = 1.625; per_request = (150000*1.625 + 1200*15)/1e6
	** = (243750 + 18000)/1e6 = 0.26175; * 0.5 = 0.130875; * 2.5e6 = 327187.5. */
	vs_traffic heavy = {2500000, 150000, 1200, 0.4, true, false, NULL, 0};
	NEAR(pricing_cost("{\"input_per_mtok\": 1.25, \"output_per_mtok\": 10, \"cached_input_per_mtok\": 0.3125,"
	                  " \"batch_discount\": 0.5, \"tiers\": [{\"above_input_tokens\": 128000,"
	                  " \"input_per_mtok\": 2.5, \"output_per_mtok\": 15}]}",
	                  &heavy),
	     327187.5, "heavy profile with tier, cache and batch = 327187.5");
	heavy.batch = false;
	NEAR(pricing_cost("{\"input_per_mtok\": 1.25, \"output_per_mtok\": 10, \"cached_input_per_mtok\": 0.3125,"
	                  " \"batch_discount\": 0.5, \"tiers\": [{\"above_input_tokens\": 128000,"
	                  " \"input_per_mtok\": 2.5, \"output_per_mtok\": 15}]}",
	                  &heavy),
	     654375.0, "heavy profile without batch = 654375");
}

/* }====== */

/* {====== A model's cost over its routes */

static void test_routes(void)
{
	vs_cost c;
	/* Route costs: A 2/2 -> (4000 + 1000)/1e6*1e5 = 500; B 1/2 -> 300; C 1/2 -> 300. */
	abc_routes("1", &defaults, &c);
	INT_EQ(c.status, VS_COST_OK, "priced routes: status OK");
	/* No first party: the median of B 300, C 300, A 500 (ties in record order) is C. */
	NEAR(c.monthly, 300.0, "the median route's cost (300)");
	INT_EQ(c.route_index, 2, "the median of three, ties in record order (C, index 2)");
	STR_EQ(c.route, "C", "route is the cost route's provider");
	STR_EQ(cost_basis_code(c.basis), "median", "basis median");
	STR_EQ(cost_reason_code(c.status), NULL, "no reason code when the cost is known");
	INT_EQ(c.cheapest_index, -1, "B ties the median: no cheaper alternative (equality rule)");
	vs_traffic cheap = defaults;
	cheap.cheapest = true;
	abc_routes("1", &cheap, &c);
	INT_EQ(c.route_index, 1, "--cheapest: ties go to the first (B, index 1)");
	STR_EQ(cost_basis_code(c.basis), "cheapest", "basis cheapest");

	/* The cheapest is last. */
	abc_routes("0.5", &defaults, &c);
	NEAR(c.monthly, 300.0, "the median: B at 300 (C 200, B 300, A 500)");
	INT_EQ(c.route_index, 1, "the median route B");
	INT_EQ(c.cheapest_index, 2, "the cheapest alternative may be the last (C)");
	NEAR(c.cheapest_monthly, 200.0, "C: (1000 + 1000)/1e6*1e5 = 200");
	STR_EQ(c.cheapest_route, "C", "cheapest route C");

	/* Routes without a complete price are skipped; route_index counts them. */
	model_cost("{\"routes\": ["
	           "{\"provider\": \"X\", \"pricing\": null},"
	           "{\"provider\": \"Y\", \"pricing\": {\"input_per_mtok\": 0.01}},"
	           "{\"provider\": \"W\"},"
	           "{\"provider\": \"Z\", \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2}}]}",
	           &defaults, &c);
	INT_EQ(c.status, VS_COST_OK, "one complete route among incomplete ones: OK");
	INT_EQ(c.route_index, 3, "route_index is the index in the record's routes (3)");
	STR_EQ(c.route, "Z", "the only complete route");
	NEAR(c.monthly, 300.0, "Z costs 300");

	/* A provider listed twice: the index tells them apart. */
	model_cost("{\"routes\": ["
	           "{\"provider\": \"P\", \"region\": \"us\", \"pricing\": {\"input_per_mtok\": 2, \"output_per_mtok\": 2}},"
	           "{\"provider\": \"P\", \"region\": \"eu\", \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2}}]}",
	           &defaults, &c);
	INT_EQ(c.route_index, 1, "the same provider twice: the cheaper entry's index");
	STR_EQ(c.route, "P", "the provider of that entry");

	/* Ties: exact ties go to the first route even when a later route is cheaper at the
	** base price but not after tiers. */
	model_cost("{\"routes\": ["
	           "{\"provider\": \"T1\", \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": ["
	           "{\"above_input_tokens\": 1000, \"input_per_mtok\": 0.5}]}},"
	           "{\"provider\": \"T2\", \"pricing\": {\"input_per_mtok\": 0.5, \"output_per_mtok\": 2}}]}",
	           &defaults, &c);
	NEAR(c.monthly, 200.0, "tiered T1 = (1000 + 1000)/1e6*1e5 = 200 = T2");
	INT_EQ(c.route_index, 0, "equal costs: the first route wins");
	STR_EQ(c.route, "T1", "equal costs: the first route's provider");

	/* The cheapest route depends on the traffic: with batch, the discounted route wins. */
	const char *two = "{\"routes\": ["
	                  "{\"provider\": \"Plain\", \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2}},"
	                  "{\"provider\": \"Batchy\", \"pricing\": {\"input_per_mtok\": 1.5, \"output_per_mtok\": 2,"
	                  " \"batch_discount\": 0.5}}]}";
	model_cost(two, &defaults, &c);
	STR_EQ(c.route, "Plain", "without --batch the plain route is cheaper (300 < 400)");
	NEAR(c.monthly, 300.0, "Plain = 300");
	vs_traffic b = defaults;
	b.batch = true;
	model_cost(two, &b, &c);
	STR_EQ(c.route, "Batchy", "with --batch the discounted route is cheaper (200 < 300)");
	INT_EQ(c.route_index, 1, "Batchy is route 1");
	NEAR(c.monthly, 200.0, "Batchy with batch = (3000 + 1000)/1e6*1e5 * 0.5 = 200");
}

static void test_unknown_costs(void)
{
	vs_cost c;
	model_cost("{\"id\": \"x\"}", &defaults, &c);
	INT_EQ(c.status, VS_COST_NO_ROUTES, "no routes field: no_routes");
	INT_EQ(c.route_index, -1, "no routes: route_index -1");
	STR_EQ(c.route, NULL, "no routes: no route");
	STR_EQ(cost_reason_code(c.status), "no_routes", "reason code no_routes");

	model_cost("{\"routes\": []}", &defaults, &c);
	INT_EQ(c.status, VS_COST_NO_ROUTES, "an empty route list: no_routes");

	model_cost("{\"routes\": ["
	           "{\"provider\": \"X\", \"pricing\": null},"
	           "{\"provider\": \"Y\", \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": null}},"
	           "{\"provider\": \"Z\"}]}",
	           &defaults, &c);
	INT_EQ(c.status, VS_COST_NO_COMPLETE_PRICE, "no route with both prices: no_complete_price");
	INT_EQ(c.route_index, -1, "no complete price: route_index -1");
	STR_EQ(c.route, NULL, "no complete price: no route");
	STR_EQ(cost_reason_code(c.status), "no_complete_price", "reason code no_complete_price");

	/* A free route is a real cost of $0, not an unknown. */
	model_cost("{\"routes\": [{\"provider\": \"Free\", \"pricing\": {\"input_per_mtok\": 0,"
	           " \"output_per_mtok\": 0}}]}",
	           &defaults, &c);
	INT_EQ(c.status, VS_COST_OK, "a 0/0 route is a known cost");
	OK(c.monthly == 0.0 && !signbit(c.monthly), "a 0/0 route costs exactly $0 (not -0)");
	INT_EQ(c.route_index, 0, "the free route is the cost route");
	STR_EQ(c.route, "Free", "the free route's provider");
	STR_EQ(cost_reason_code(c.status), NULL, "no reason for a free route");

	model_cost("{\"routes\": ["
	           "{\"provider\": \"Paid\", \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2}},"
	           "{\"provider\": \"Free\", \"pricing\": {\"input_per_mtok\": 0.0, \"output_per_mtok\": 0.0}}]}",
	           &defaults, &c);
	STR_EQ(c.route, "Free", "a free route beats a paid one");
	INT_EQ(c.route_index, 1, "the free route's index");
	OK(c.monthly == 0.0, "and costs $0");

	/* Overflow: prices so large the sum is not finite. */
	const char *huge = "{\"routes\": [{\"provider\": \"H\", \"pricing\": {\"input_per_mtok\": 1e308,"
	                   " \"output_per_mtok\": 1e308}}]}";
	double m = 0;
	json_t *hp = parse("{\"input_per_mtok\": 1e308, \"output_per_mtok\": 1e308}");
	OK(cost_of_pricing(hp, &defaults, &m, NULL), "a huge price is still a complete price");
	OK(!isfinite(m), "1e308 per Mtok at the defaults is not finite");
	json_decref(hp);
	model_cost(huge, &defaults, &c);
	INT_EQ(c.status, VS_COST_OVERFLOW, "a non-finite cost: overflow");
	STR_EQ(cost_reason_code(c.status), "overflow", "reason code overflow");
	INT_EQ(c.route_index, -1, "overflow: no route index");
	STR_EQ(c.route, NULL, "overflow: no route");

	model_cost("{\"routes\": ["
	           "{\"provider\": \"H\", \"pricing\": {\"input_per_mtok\": 1e308, \"output_per_mtok\": 1e308}},"
	           "{\"provider\": \"N\", \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2}}]}",
	           &defaults, &c);
	INT_EQ(c.status, VS_COST_OK, "an overflowing route beside a finite one: the finite one");
	STR_EQ(c.route, "N", "the finite route");
	INT_EQ(c.route_index, 1, "the finite route's index");
	NEAR(c.monthly, 300.0, "N = 300");

	model_cost("{\"routes\": ["
	           "{\"provider\": \"X\", \"pricing\": null},"
	           "{\"provider\": \"H\", \"pricing\": {\"input_per_mtok\": 1e308, \"output_per_mtok\": 1}}]}",
	           &defaults, &c);
	INT_EQ(c.status, VS_COST_OVERFLOW, "overflow beside an incomplete route: overflow");

	/* Finite per request, not finite per month: 1e300 * 2000 / 1e6 = 2e297 per request,
	** times R = 2^64 - 1 (about 1.8e19) is past DBL_MAX. */
	vs_traffic t = defaults;
	t.requests = UINT64_C(18446744073709551615);
	model_cost("{\"routes\": [{\"provider\": \"H\", \"pricing\": {\"input_per_mtok\": 1e300,"
	           " \"output_per_mtok\": 0}}]}",
	           &t, &c);
	INT_EQ(c.status, VS_COST_OVERFLOW, "a monthly sum past DBL_MAX: overflow");

	model_cost("{\"routes\": [{\"provider\": \"Big\", \"pricing\": {\"input_per_mtok\": 1e300,"
	           " \"output_per_mtok\": 0}}]}",
	           &defaults, &c);
	INT_EQ(c.status, VS_COST_OK, "a large but finite cost is a cost");
	NEAR(c.monthly, 2e302, "1e300 * 2000 / 1e6 * 1e5 = 2e302");

	STR_EQ(cost_reason_code(VS_COST_OK), NULL, "OK has no reason code");
}

/* }====== */

/* {====== Equality */

static void test_equal(void)
{
	OK(cost_equal(0, 0), "0 == 0");
	OK(cost_equal(0.0, -0.0), "0 == -0");
	OK(cost_equal(300, 300), "300 == 300");
	OK(cost_equal(0.1 + 0.2, 0.3), "0.1 + 0.2 == 0.3 (floating-point noise)");
	OK(cost_equal(1.0, 1.0 + 1e-10), "a difference of 1e-10 of the larger is noise");
	OK(cost_equal(1.0 + 1e-10, 1.0), "and symmetric");
	OK(!cost_equal(1.0, 1.0 + 2e-9), "a difference of 2e-9 of the larger is a difference");
	OK(!cost_equal(1.0 + 2e-9, 1.0), "and symmetric");
	OK(cost_equal(1e6, 1e6 + 0.0009), "1e6 vs 1e6 + 0.0009: within 1e-9 * 1e6 = 0.001");
	OK(!cost_equal(1e6, 1e6 + 0.0011), "1e6 vs 1e6 + 0.0011: beyond 0.001");
	OK(!cost_equal(0, 1e-300), "0 vs a tiny positive amount differ");
	OK(!cost_equal(0, 0.01), "0 vs a cent differ");
	OK(!cost_equal(300, 200), "300 vs 200 differ");
	OK(cost_equal(2e302, 2e302 * (1 + 1e-12)), "large values: relative, not absolute");
	/* Two routes that are the same price written two ways. */
	double a, b;
	json_t *pa = parse("{\"input_per_mtok\": 0.3, \"output_per_mtok\": 0.6}");
	json_t *pb = parse("{\"input_per_mtok\": 0.1, \"output_per_mtok\": 0.6, \"tiers\": ["
	                   "{\"above_input_tokens\": 1, \"input_per_mtok\": 0.30000000000000004}]}");
	OK(cost_of_pricing(pa, &defaults, &a, NULL) && cost_of_pricing(pb, &defaults, &b, NULL), "both priced");
	OK(cost_equal(a, b), "0.3 and 0.30000000000000004 per Mtok cost the same");
	json_decref(pa);
	json_decref(pb);
}

/* }====== */

/* {====== The route policy and the fit rule (report.md, Monthly cost at traffic) */

/* A route of provider P at input price IN and output 2, optionally first party. */
#define ROUTE(P, IN) "{\"provider\": \"" P "\", \"pricing\": {\"input_per_mtok\": " IN ", \"output_per_mtok\": 2}}"
#define FIRST(P, IN) "{\"provider\": \"" P "\", \"first_party\": true, \"pricing\": {\"input_per_mtok\": " IN ", \"output_per_mtok\": 2}}"

static void test_median(void)
{
	INT_EQ(cost_median_index(1), 0, "one candidate: that one");
	INT_EQ(cost_median_index(2), 0, "two: the cheaper");
	INT_EQ(cost_median_index(3), 1, "three: the middle");
	INT_EQ(cost_median_index(4), 1, "four: the lower middle, (4 - 1) / 2 = 1");
	vs_cost c;
	/* Costs: 1 -> 300, 2 -> 500, 3 -> 700, 4 -> 900 (input 2000 * p + output 1000, per 1e5). */
	model_cost("{\"routes\": [" ROUTE("D", "4") "]}", &defaults, &c);
	STR_EQ(c.route, "D", "median of one: D");
	model_cost("{\"routes\": [" ROUTE("D", "4") "," ROUTE("A", "1") "]}", &defaults, &c);
	STR_EQ(c.route, "A", "median of two: the cheaper, A");
	NEAR(c.monthly, 300.0, "A costs 300");
	model_cost("{\"routes\": [" ROUTE("D", "4") "," ROUTE("A", "1") "," ROUTE("C", "3") "]}",
	           &defaults, &c);
	STR_EQ(c.route, "C", "median of three (A, C, D): C");
	STR_EQ(c.cheapest_route, "A", "the cheapest alternative A");
	model_cost("{\"routes\": [" ROUTE("D", "4") "," ROUTE("A", "1") "," ROUTE("C", "3") ","
	           ROUTE("B", "2") "]}", &defaults, &c);
	STR_EQ(c.route, "B", "median of four (A, B, C, D): B, index 1 of the sorted list");
	INT_EQ(c.route_index, 3, "B's index in the record");
	NEAR(c.monthly, 500.0, "B costs 500");
}

static void test_first_party(void)
{
	vs_cost c;
	/* A reseller at 1 and the creator's own API at 3: the creator's prices the model. */
	model_cost("{\"routes\": [" ROUTE("Reseller", "1") "," FIRST("Creator", "3") ","
	           FIRST("Creator EU", "2") "]}", &defaults, &c);
	STR_EQ(c.route, "Creator", "the first first-party route, not the cheapest");
	INT_EQ(c.route_index, 1, "its index");
	STR_EQ(cost_basis_code(c.basis), "first_party", "basis first_party");
	NEAR(c.monthly, 700.0, "Creator costs 700");
	INT_EQ(c.cheapest_index, 0, "the reseller is the cheaper alternative");
	NEAR(c.cheapest_monthly, 300.0, "the reseller costs 300");
	/* A first-party route with no complete price is no candidate. */
	model_cost("{\"routes\": [{\"provider\": \"Creator\", \"first_party\": true}," ROUTE("R", "1")
	           "]}", &defaults, &c);
	STR_EQ(c.route, "R", "an unpriced first party does not count");
	STR_EQ(cost_basis_code(c.basis), "median", "basis median");
	/* first_party false is just a route. */
	model_cost("{\"routes\": [{\"provider\": \"X\", \"first_party\": false, \"pricing\": "
	           "{\"input_per_mtok\": 1, \"output_per_mtok\": 2}}]}", &defaults, &c);
	STR_EQ(cost_basis_code(c.basis), "median", "first_party false: median");
	/* --cheapest wins over first party. */
	vs_traffic t = defaults;
	t.cheapest = true;
	model_cost("{\"routes\": [" FIRST("Creator", "3") "," ROUTE("Reseller", "1") "]}", &t, &c);
	STR_EQ(c.route, "Reseller", "--cheapest: the cheapest route");
	INT_EQ(c.cheapest_index, -1, "--cheapest: nothing cheaper than the cost route");
}

static void test_providers(void)
{
	vs_cost c;
	const char *const want[] = {"  creator   api "};
	vs_traffic t = only_provider(want);
	const char *rec = "{\"routes\": [" ROUTE("Reseller", "1") "," ROUTE("Creator API", "3") "]}";
	model_cost(rec, &t, &c);
	STR_EQ(c.route, "Creator API", "--provider matches ignoring case and white space");
	INT_EQ(c.cheapest_index, -1, "routes of other providers are no candidates");
	const char *const other[] = {"Nobody"};
	t.providers = other;
	model_cost(rec, &t, &c);
	STR_EQ(cost_reason_code(c.status), "no_route_for_provider", "no route of the named provider");
	INT_EQ(c.basis, VS_BASIS_NONE, "no basis when unavailable");
	t.providers = want;
	model_cost("{\"routes\": [{\"provider\": \"creator api\"}]}", &t, &c);
	STR_EQ(cost_reason_code(c.status), "no_complete_price", "the provider's route has no price");
}

static void test_fit(void)
{
	vs_cost c;
	vs_traffic t = defaults;
	const char *small = "{\"context_window\": 4096, \"max_output_tokens\": 256, \"routes\": ["
	                    ROUTE("P", "1") "]}";
	t.input_tokens = 3840;
	t.output_tokens = 256;
	model_cost(small, &t, &c);
	INT_EQ(c.status, VS_COST_OK, "exactly the window (3840 + 256 = 4096) and the max output fit");
	OK(c.fits && c.serves, "fits, and known to serve");
	t.input_tokens = 3841;
	model_cost(small, &t, &c);
	STR_EQ(cost_reason_code(c.status), "exceeds_context_window", "one token over the window");
	OK(!c.fits && !c.serves, "does not fit");
	INT_EQ(c.route_index, -1, "no route when it does not fit");
	t.input_tokens = 3000;
	t.output_tokens = 257;
	model_cost(small, &t, &c);
	STR_EQ(cost_reason_code(c.status), "exceeds_max_output", "one token over the max output");
	t.input_tokens = 5000;
	model_cost(small, &t, &c);
	STR_EQ(cost_reason_code(c.status), "exceeds_context_window", "the window is checked first");
	model_cost("{\"routes\": [" ROUTE("P", "1") "]}", &t, &c);
	OK(c.fits && !c.serves, "unknown window: priced, but not known to serve");
	INT_EQ(c.status, VS_COST_OK, "unknown window: priced");
	model_cost("{\"context_window\": 1000000, \"routes\": [" ROUTE("P", "1") "]}", &t, &c);
	OK(c.fits && c.serves, "known window, unknown max output: known to serve");
	model_cost("{\"context_window\": 4096}", &t, &c);
	STR_EQ(cost_reason_code(c.status), "exceeds_context_window", "does not fit beats no routes");
}

static void test_block_fields(void)
{
	vs_cost c;
	vs_traffic t = defaults;
	t.input_tokens = 200000;
	t.batch = true;
	model_cost("{\"routes\": [{\"provider\": \"T\", \"first_party\": true, \"pricing\": "
	           "{\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"batch_discount\": 0.5, \"tiers\": ["
	           "{\"above_input_tokens\": 128000, \"input_per_mtok\": 2}]}}]}", &t, &c);
	NEAR(c.tier_above, 128000.0, "tier_above is the applied tier's threshold");
	OK(c.tier != NULL, "the tier object for its prices");
	OK(c.batch_applied, "batch on and a discount: applied");
	/* (200000 * 2 + 500 * 2) / 1e6 * 0.5 * 1e5 = 20050 */
	NEAR(c.monthly, 20050.0, "tiered and batched cost");
	t.input_tokens = 128000;
	model_cost("{\"routes\": [{\"provider\": \"T\", \"pricing\": {\"input_per_mtok\": 1, "
	           "\"output_per_mtok\": 2, \"tiers\": [{\"above_input_tokens\": 128000, "
	           "\"input_per_mtok\": 2}]}}]}", &t, &c);
	OK(c.tier_above < 0 && c.tier == NULL, "exactly at the threshold: no tier");
	OK(!c.batch_applied, "batch on, no discount: not applied");
}

static void test_at_least(void)
{
	/* The 1.10 threshold of cheaper_at_traffic, met exactly despite binary noise. */
	OK(cost_at_least(1100.0, 1.1 * 1000.0), "1100 is at least 1.1 x 1000 (1.1 * 1000 = 1100.0000000000002)");
	OK(cost_at_least(330.0, 1.1 * 300.0), "330 is at least 1.1 x 300");
	OK(!cost_at_least(1099.99, 1.1 * 1000.0), "1099.99 is not");
	OK(cost_at_least(2, 1), "2 >= 1");
	OK(!cost_at_least(1, 2), "1 < 2");
}

/* }====== */


/* {====== Revision 3: outliers, candidates, eligibility, tier_unlisted, crossovers */

/* A route with input IN and output OUT per Mtok; with tiers T (a JSON array, or "[]"). */
#define PRICED(P, IN, OUT) "{\"provider\": \"" P "\", \"pricing\": {\"input_per_mtok\": " IN \
	", \"output_per_mtok\": " OUT "}}"
#define TIERED(P, IN, OUT, ABOVE, TIN, TOUT) "{\"provider\": \"" P "\", \"pricing\": " \
	"{\"input_per_mtok\": " IN ", \"output_per_mtok\": " OUT ", \"tiers\": [{\"above_input_tokens\": " \
	ABOVE ", \"input_per_mtok\": " TIN ", \"output_per_mtok\": " TOUT "}]}}"

static void test_outliers(void)
{
	vs_cost c;
	/* Outputs 15, 15, 15, 0.15: the median output is 15 (index 1 of 0.15, 15, 15, 15), a
	** tenth 1.5; 0.15 is under it.  Its route never prices the model. */
	model_cost("{\"routes\": [" PRICED("A", "3", "15") "," PRICED("B", "3", "15") ","
	           PRICED("C", "3", "15") "," PRICED("Oracle", "3", "0.15") "]}", &defaults, &c);
	INT_EQ(c.n_outliers, 1, "one outlier");
	INT_EQ(c.n_outliers ? c.outliers[0] : -1, 3, "route 3 is the outlier");
	INT_EQ(c.candidates, 3, "outliers are not candidates: 3 of 4");
	INT_EQ(c.cheapest_index, -1, "the outlier is no cheaper alternative");
	STR_EQ(c.route, "B", "the median of A, B, C (ties in record order): B");
	/* Exactly a tenth is not under it: output 1.5 against a median of 15. */
	model_cost("{\"routes\": [" PRICED("A", "3", "15") "," PRICED("B", "3", "15") ","
	           PRICED("C", "3", "1.5") "]}", &defaults, &c);
	INT_EQ(c.n_outliers, 0, "exactly a tenth of the median output is not an outlier");
	INT_EQ(c.candidates, 3, "all three are candidates");
	/* ... nor is 0.3 input against a median of 3 (0.3 is 3/10 only within noise). */
	model_cost("{\"routes\": [" PRICED("A", "3", "15") "," PRICED("B", "3", "15") ","
	           PRICED("C", "0.3", "15") "]}", &defaults, &c);
	INT_EQ(c.n_outliers, 0, "an input of exactly a tenth (0.3 of 3) is not an outlier");
	/* Just under a tenth is. */
	model_cost("{\"routes\": [" PRICED("A", "3", "15") "," PRICED("B", "3", "15") ","
	           PRICED("C", "0.2999", "15") "]}", &defaults, &c);
	INT_EQ(c.n_outliers, 1, "0.2999 input against a median of 3 is an outlier");
	/* A free route beside paid ones is an outlier too. */
	model_cost("{\"routes\": [" PRICED("A", "3", "15") "," PRICED("Free", "0", "0") ","
	           PRICED("C", "3", "15") "]}", &defaults, &c);
	INT_EQ(c.n_outliers, 1, "a free route beside paid ones is an outlier");
	NEAR(c.monthly, 1350.0, "priced on a paid route: (2000*3 + 500*15)/1e6 * 1e5 = 1350");
	/* Fewer than three priced routes: no outlier, however far apart. */
	model_cost("{\"routes\": [" PRICED("A", "3", "15") "," PRICED("B", "3", "0.01") ","
	           "{\"provider\": \"U\"}]}", &defaults, &c);
	INT_EQ(c.n_outliers, 0, "two priced routes: no outlier");
	/* Only outliers left under --provider: no complete price; outliers counted over all
	** routes whatever --provider says. */
	const char *const oracle[] = {"Oracle"};
	vs_traffic t = only_provider(oracle);
	model_cost("{\"routes\": [" PRICED("A", "3", "15") "," PRICED("B", "3", "15") ","
	           PRICED("C", "3", "15") "," PRICED("Oracle", "3", "0.15") "]}", &t, &c);
	INT_EQ(c.n_outliers, 1, "--provider does not change which routes are outliers");
	INT_EQ(c.candidates, 0, "no candidate left");
	STR_EQ(cost_reason_code(c.status), "no_complete_price", "only an outlier: no complete price");
	/* The warning's medians. */
	json_t *r = parse("{\"routes\": [" PRICED("A", "2", "10") "," PRICED("B", "4", "12") ","
	                  PRICED("C", "3", "0.5") "]}");
	vs_outliers o;
	cost_find_outliers(r, &o);
	INT_EQ(o.n, 1, "cost_find_outliers: one");
	INT_EQ(o.priced, 3, "over three priced routes");
	NEAR(o.median_input, 3.0, "median input 3");
	NEAR(o.median_output, 10.0, "median output 10 (0.5, 10, 12)");
	free(o.idx);
	json_decref(r);
}

static void test_candidates(void)
{
	vs_cost c;
	const char *const want[] = {"B"};
	vs_traffic t = only_provider(want);
	model_cost("{\"routes\": [" PRICED("A", "1", "2") "," PRICED("B", "1", "2") ","
	           PRICED("B", "2", "2") "," "{\"provider\": \"B\"}]}", &t, &c);
	INT_EQ(c.candidates, 2, "--provider B: its two priced routes are the candidates");
	/* The count does not depend on the fit rule. */
	t = defaults;
	t.input_tokens = 10000;
	model_cost("{\"context_window\": 4096, \"routes\": [" PRICED("A", "1", "2") ","
	           PRICED("B", "1", "2") "]}", &t, &c);
	OK(!c.fits, "10,500 tokens do not fit a 4k window");
	INT_EQ(c.candidates, 2, "two candidates all the same");
	INT_EQ(c.n_ranked, 0, "no routes table for a model that cannot serve");
	OK(c.has_applied, "the pricing table still has the route the policy would pick");
	NEAR(c.applied.input, 1.0, "its input price");
}

/* At I = 250,000 a 200k tier applies on the tiered routes; a route with no tiers is then
** not eligible for the median or the cheapest. */
static void test_eligibility(void)
{
	vs_cost c;
	vs_traffic t = defaults;
	t.input_tokens = 250000;
	/* Costs at 250k (R = 1e5, O = 500): flat 1/2 -> 25,100; tiered 3/15 over 200k at 6/22.5
	** -> (250000*6 + 500*22.5)/1e6 * 1e5 = 151,125; tiered 2/10 over 200k at 4/15 ->
	** (1e6 + 7500)/10 = 100,750. */
	const char *rec = "{\"routes\": [" PRICED("Flat", "1", "2") ","
	                  TIERED("T1", "3", "15", "200000", "6", "22.5") ","
	                  TIERED("T2", "2", "10", "200000", "4", "15") "]}";
	model_cost(rec, &t, &c);
	STR_EQ(c.route, "T2", "median of the two eligible (T2, T1): the cheaper, T2, not Flat");
	NEAR(c.monthly, 100750.0, "T2 at its tier: 100,750");
	INT_EQ(c.cheapest_index, -1, "Flat is cheaper but not eligible: no cheaper route named");
	INT_EQ(c.candidates, 3, "Flat is still a candidate");
	INT_EQ(c.n_ranked, 3, "all three ranked");
	OK(c.n_ranked == 3 && !c.ranked[0].eligible && c.ranked[0].index == 0,
	   "ranked first: Flat, not eligible");
	OK(c.n_ranked == 3 && c.ranked[1].eligible && c.ranked[1].tier_above == 200000 &&
	   c.ranked[1].tier_input && c.ranked[1].input == 4.0, "ranked second: T2 at its tier's 4");
	/* --cheapest: the cheapest eligible, not Flat. */
	t.cheapest = true;
	model_cost(rec, &t, &c);
	STR_EQ(c.route, "T2", "--cheapest: the cheapest eligible candidate");
	t.cheapest = false;
	/* Below the threshold every candidate is eligible: Flat is the cheapest again. */
	t.input_tokens = 2000;
	model_cost(rec, &t, &c);
	STR_EQ(c.route, "T2", "at 2,000 the median of Flat (300), T2 (900), T1 (1350): T2");
	INT_EQ(c.cheapest_index, 0, "and Flat is named cheaper");
	/* A route whose tiers start above I is eligible. */
	t.input_tokens = 250000;
	model_cost("{\"routes\": [" TIERED("High", "1", "2", "500000", "2", "4") ","
	           TIERED("T2", "2", "10", "200000", "4", "15") "]}", &t, &c);
	STR_EQ(c.route, "High", "a tier above I still records a long-context price: eligible");
	/* A first-party route is the cost route eligible or not. */
	model_cost("{\"routes\": [{\"provider\": \"Own\", \"first_party\": true, \"pricing\": "
	           "{\"input_per_mtok\": 3, \"output_per_mtok\": 15}}," TIERED("T1", "3", "15", "200000",
	           "6", "22.5") "," TIERED("T2", "2", "10", "200000", "4", "15") "]}", &t, &c);
	STR_EQ(c.route, "Own", "first party prices it though it lists no tier");
	INT_EQ(c.cheapest_index, -1, "no eligible candidate is cheaper than Own's 75,750");
}

static void test_tier_unlisted(void)
{
	vs_cost c;
	vs_traffic t = defaults;
	t.input_tokens = 250000;
	/* Own (first party, no tiers) 3/15 -> 75,750; T1 151,125; T2 100,750; Flat 25,100 (no
	** tier).  k = 2 (T1, T2) of n = 3 others; their median (index 0 of 100,750, 151,125). */
	model_cost("{\"routes\": [{\"provider\": \"Own\", \"first_party\": true, \"pricing\": "
	           "{\"input_per_mtok\": 3, \"output_per_mtok\": 15}}," PRICED("Flat", "1", "2") ","
	           TIERED("T1", "3", "15", "200000", "6", "22.5") ","
	           TIERED("T2", "2", "10", "200000", "4", "15") "]}", &t, &c);
	OK(c.tier_unlisted, "the cost route lists no tier others charge");
	INT_EQ(c.tier_routes, 2, "2 routes charge one");
	INT_EQ(c.tier_of, 3, "of 3 other candidates");
	NEAR(c.tier_monthly, 100750.0, "at their median: 100,750");
	/* Below the threshold: nothing unlisted. */
	model_cost("{\"routes\": [{\"provider\": \"Own\", \"first_party\": true, \"pricing\": "
	           "{\"input_per_mtok\": 3, \"output_per_mtok\": 15}}," TIERED("T1", "3", "15", "200000",
	           "6", "22.5") "]}", &defaults, &c);
	OK(!c.tier_unlisted, "at 2,000 input tokens no tier applies: nothing unlisted");
	/* A cost route with tiers (even above I) lists them. */
	model_cost("{\"routes\": [{\"provider\": \"Own\", \"first_party\": true, \"pricing\": "
	           "{\"input_per_mtok\": 3, \"output_per_mtok\": 15, \"tiers\": [{\"above_input_tokens\": "
	           "900000, \"input_per_mtok\": 9}]}}," TIERED("T1", "3", "15", "200000", "6", "22.5")
	           "]}", &t, &c);
	OK(!c.tier_unlisted, "a cost route with tiers is not tier_unlisted");
}

/* Crossovers of two records at t. */
static vs_crossovers crossovers_of(const char *a, const char *b, const vs_traffic *t)
{
	json_t *ja = parse(a), *jb = parse(b);
	vs_prices *pa = cost_prices_new(ja, t), *pb = cost_prices_new(jb, t);
	vs_crossovers x;
	cost_crossovers(pa, pb, t, &x);
	cost_prices_free(pa);
	cost_prices_free(pb);
	json_decref(ja);
	json_decref(jb);
	return x;
}

static void test_crossovers(void)
{
	vs_traffic t = defaults;
	/* A: input 1, output 10; B: input 2, output 2.  Per request (O = 500): A = I + 5000, B =
	** 2I + 1000 (in 1e-6 USD): A is cheaper from I > 4000, B below; equal at 4000 exactly.
	** So s(4000) = 0 and the crossover is 4001, where A becomes cheaper. */
	const char *a = "{\"id\": \"a\", \"context_window\": 100000, \"routes\": [" PRICED("P", "1", "10") "]}";
	const char *b = "{\"id\": \"b\", \"context_window\": 100000, \"routes\": [" PRICED("Q", "2", "2") "]}";
	vs_crossovers x = crossovers_of(a, b, &t);
	INT_EQ(x.n, 1, "one crossover");
	INT_EQ(x.n ? x.v[0].input_tokens : 0, 4001, "at 4,001 input tokens (equal at 4,000)");
	INT_EQ(x.n ? x.v[0].cheaper : -1, 0, "A cheaper from there");
	cost_crossovers_free(&x);
	/* Two: B is tiered above 50,000 to input 20 (2I + 1000 -> 20I + 1000): B cheaper below
	** 4,000, A from 4,001, B never again... make A flat and B cheaper again past a tier of A:
	** A tier above 30,000 at input 5: A = 5I + 5000 > 2I + 1000, B cheaper from 30,001. */
	const char *a2 = "{\"context_window\": 100000, \"routes\": [" TIERED("P", "1", "10", "30000", "5", "10") "]}";
	x = crossovers_of(a2, b, &t);
	INT_EQ(x.n, 2, "two crossovers");
	INT_EQ(x.n > 1 ? x.v[1].input_tokens : 0, 30001, "the second at the tier threshold + 1");
	INT_EQ(x.n > 1 ? x.v[1].cheaper : -1, 1, "B cheaper from 30,001");
	cost_crossovers_free(&x);
	/* U < 1: the window holds no input beside O. */
	const char *tiny = "{\"context_window\": 500, \"routes\": [" PRICED("P", "1", "10") "]}";
	x = crossovers_of(tiny, b, &t);
	INT_EQ(x.n, 0, "U = 500 - 500 = 0: no crossover");
	cost_crossovers_free(&x);
	/* An unpriced model: s is 0 everywhere. */
	x = crossovers_of("{\"routes\": []}", b, &t);
	INT_EQ(x.n, 0, "an unpriced side: no crossover");
	cost_crossovers_free(&x);
	/* Same prices: equal everywhere. */
	x = crossovers_of(b, b, &t);
	INT_EQ(x.n, 0, "equal costs: no crossover");
	cost_crossovers_free(&x);
	/* Unknown windows count as 10,000,000: A cheaper from 4,001 still. */
	x = crossovers_of("{\"routes\": [" PRICED("P", "1", "10") "]}",
	                  "{\"routes\": [" PRICED("Q", "2", "2") "]}", &t);
	INT_EQ(x.n, 1, "unknown windows: the crossover is still found");
	cost_crossovers_free(&x);
}

/* }====== */

int main(void)
{
	test_defaults();
	test_incomplete_pricing();
	test_tiers();
	test_cached();
	test_batch();
	test_routes();
	test_unknown_costs();
	test_equal();
	test_median();
	test_first_party();
	test_providers();
	test_fit();
	test_block_fields();
	test_at_least();
	test_outliers();
	test_candidates();
	test_eligibility();
	test_tier_unlisted();
	test_crossovers();
	free_records();
	return test_summary("cost");
}
