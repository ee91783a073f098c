/*
** cost.h — the monthly cost of a model at a traffic profile, exactly as report.md's
** "Monthly cost at traffic" and "Cost block" say: whether the model can serve the request,
** which routes are outliers and which are candidates, which candidate prices it (first
** party, else the median of the eligible ones, or the cheapest on request), the tier and
** batch discount that applied, the cheapest eligible alternative, a tier the cost route does
** not list, and the input sizes where the cheaper of two models changes (crossovers).
** No English: reasons and bases are codes.
*/
#ifndef VERSUS_COST_H
#define VERSUS_COST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct vs_traffic {
	uint64_t requests;      /* per month */
	uint64_t input_tokens;  /* per request */
	uint64_t output_tokens; /* per request */
	double cached_share;    /* [0,1] */
	bool batch;
	bool cheapest;          /* --cheapest: the cheapest candidate is the cost route */
	const char *const *providers; /* --provider names as given (borrowed), or NULL */
	size_t n_providers;
} vs_traffic;

#define VS_TRAFFIC_DEFAULT {100000, 2000, 500, 0.0, false, false, NULL, 0}

typedef enum vs_cost_status {
	VS_COST_OK,
	VS_COST_EXCEEDS_CONTEXT_WINDOW, /* I + O is more than the known context window */
	VS_COST_EXCEEDS_MAX_OUTPUT,     /* O is more than the known max output */
	VS_COST_NO_ROUTES,
	VS_COST_NO_ROUTE_FOR_PROVIDER,  /* routes exist, none of the --provider names */
	VS_COST_NO_COMPLETE_PRICE,
	VS_COST_OVERFLOW                /* prices so large the sum is not a finite number */
} vs_cost_status;

typedef enum vs_cost_basis {
	VS_BASIS_NONE,        /* the cost is unavailable */
	VS_BASIS_FIRST_PARTY, /* the first candidate with first_party: true */
	VS_BASIS_MEDIAN,      /* candidates by cost, index (n - 1) / 2 */
	VS_BASIS_CHEAPEST     /* --cheapest */
} vs_cost_basis;

/* One candidate route at the profile: its monthly cost and the prices the profile applied. */
typedef struct vs_cost_route {
	int index;          /* in the record's routes */
	double monthly;     /* USD, unrounded */
	bool eligible;      /* for the median and the cheapest at this I (report.md, eligible) */
	double input, output; /* per Mtok as applied: a tier's price where the tier sets one */
	double tier_above;  /* the tier applied (its above_input_tokens), else < 0 */
	bool tier_input, tier_output; /* the tier set that price (else the base price stands) */
	const json_t *tier; /* the tier object applied, or NULL */
	bool has_cached, has_discount;
	double cached, discount;
} vs_cost_route;

typedef struct vs_cost {
	vs_cost_status status;
	vs_cost_basis basis;
	bool fits;          /* false when the model cannot serve the profile */
	bool serves;        /* known to serve: window known and holds I + O, max output holds O */
	double monthly;     /* USD, unrounded; meaningful only when status == VS_COST_OK */
	int route_index;    /* the cost route's index in the record's routes, or -1 */
	const char *route;  /* its provider (borrowed from the record), or NULL */
	/* The long-context tier the cost route applied (tier_above >= 0), else tier_above < 0.
	** tier is the tier object itself, for the prices it lists. */
	double tier_above;
	const json_t *tier;
	bool batch_applied; /* batch on and the cost route has a batch_discount */
	/* The cheapest candidate when it costs less than the cost route, else index -1. */
	int cheapest_index;
	double cheapest_monthly;
	const char *cheapest_route;
	/* Candidates: routes with a complete price that are not outliers, of the --provider
	** names when given; the count does not depend on the fit rule. */
	size_t candidates;
	/* The cost route lists no tier while tier_routes of its tier_of other candidates charge
	** a tier at I; tier_monthly is the median of those (report.md, tier_unlisted). */
	bool tier_unlisted;
	size_t tier_routes, tier_of;
	double tier_monthly;
	/* The record's outlier routes (indices, ascending; owned). */
	int *outliers;
	size_t n_outliers;
	/* Every candidate by monthly cost (ties: record order) when the cost is known (owned). */
	vs_cost_route *ranked;
	size_t n_ranked;
	/* The route the pricing table shows: the cost route, or for a model that cannot serve
	** the profile the one the policy would pick if the fit rule were ignored. */
	bool has_applied;
	vs_cost_route applied;
} vs_cost;

/* Frees what a vs_cost owns (outliers, ranked); the cost may be filled again after. */
void cost_free(vs_cost *c);

/*
** A record's prices read once into plain C values for one run's --provider names, with its
** outliers found: a report costs each model once at the profile, then at a hundred or so
** input sizes for the crossovers and the chart, without touching JSON again.
*/
typedef struct vs_prices vs_prices;
vs_prices *cost_prices_new(const json_t *record, const vs_traffic *t);
void cost_prices_free(vs_prices *p);
void cost_of_prices(const vs_prices *p, const vs_traffic *t, vs_cost *out);

/* Where the cheaper of two models changes (report.md, "Where the cheaper model changes"):
** cheaper is 0 for A, 1 for B, from input_tokens up. */
typedef struct vs_crossover {
	uint64_t input_tokens;
	int cheaper;
} vs_crossover;

typedef struct vs_crossovers {
	vs_crossover *v;
	size_t n;
} vs_crossovers;

/* The grid of report.md walked in order, each change of sign bisected on integers. */
void cost_crossovers(const vs_prices *a, const vs_prices *b, const vs_traffic *t,
                     vs_crossovers *out);
void cost_crossovers_free(vs_crossovers *x);

/* A record's outlier routes (report.md, Outliers), with the medians they fall under: for
** check's price_outlier warning.  idx is owned by the caller (free it). */
typedef struct vs_outliers {
	int *idx;
	size_t n;
	size_t priced;      /* routes with a complete price */
	double median_input, median_output;
} vs_outliers;
void cost_find_outliers(const json_t *record, vs_outliers *out);
/* Is price x under a tenth of the median (report.md, Outliers)?  Exactly a tenth, within the
** equality rule, is not: check's price_outlier says which of a route's prices is. */
bool cost_under_tenth(double x, double median);

/* The cost of one route's pricing object; false when the price is not complete.  *tier is
** set to the tier applied (or NULL) when tier is not NULL. */
bool cost_of_pricing(const json_t *pricing, const vs_traffic *t, double *monthly,
                     const json_t **tier);

/* A model's cost at t: the fit rule, then the cost route by the route policy.  out owns
** memory: cost_free it. */
void cost_of_model(const json_t *record, const vs_traffic *t, vs_cost *out);

/* A model's monthly cost as a function of input tokens per request, the rest of the traffic
** fixed and the route policy applied afresh at each size (tiers can change which route is
** the median): points in increasing tokens, with both sides of every tier threshold so that
** tiers show as steps, ending at the last size the context window holds (I + O = window). */
typedef struct vs_curve_point {
	double tokens;
	double monthly;
} vs_curve_point;

typedef struct vs_curve {
	vs_curve_point *v;
	size_t n;
} vs_curve;

/* The curve from lo to hi input tokens (lo < hi); empty when the model has no price. */
void cost_curve(const json_t *record, const vs_traffic *t, double lo, double hi, vs_curve *out);
void cost_curve_prices(const vs_prices *p, const vs_traffic *t, double lo, double hi,
                       vs_curve *out);
void cost_curve_free(vs_curve *c);

/* The index among n candidates sorted by cost that the median policy picks: (n - 1) / 2. */
size_t cost_median_index(size_t n);

/* "exceeds_context_window", "no_routes", … ; NULL when OK. */
const char *cost_reason_code(vs_cost_status s);

/* "first_party", "median", "cheapest"; NULL for VS_BASIS_NONE. */
const char *cost_basis_code(vs_cost_basis b);

/* Equal within 1e-9 of the larger (floating-point noise is not a difference). */
bool cost_equal(double a, double b);

/* a >= b where noise is not a difference: a threshold met exactly (within cost_equal) is met. */
bool cost_at_least(double a, double b);

#endif
