/*
** cost.h — the monthly cost of a model at a traffic profile, exactly as report.md's
** "Monthly cost at traffic" and "Cost block" say.  No English: reasons are codes.
*/
#ifndef VERSUS_COST_H
#define VERSUS_COST_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct vs_traffic {
	uint64_t requests;      /* per month */
	uint64_t input_tokens;  /* per request */
	uint64_t output_tokens; /* per request */
	double cached_share;    /* [0,1] */
	bool batch;
} vs_traffic;

#define VS_TRAFFIC_DEFAULT {100000, 2000, 500, 0.0, false}

typedef enum vs_cost_status {
	VS_COST_OK,
	VS_COST_NO_ROUTES,
	VS_COST_NO_COMPLETE_PRICE,
	VS_COST_OVERFLOW /* prices so large the sum is not a finite number */
} vs_cost_status;

typedef struct vs_cost {
	vs_cost_status status;
	double monthly;     /* USD, unrounded; meaningful only when status == VS_COST_OK */
	int route_index;    /* index in the record's routes, or -1 */
	const char *route;  /* the cost route's provider (borrowed from the record), or NULL */
} vs_cost;

/* The cost of one route's pricing object; false when the price is not complete. */
bool cost_of_pricing(const json_t *pricing, const vs_traffic *t, double *monthly);

/* The least cost over a record's routes with a complete price (ties: the first). */
void cost_of_model(const json_t *record, const vs_traffic *t, vs_cost *out);

/* "no_routes", "no_complete_price", "overflow"; NULL when OK. */
const char *cost_reason_code(vs_cost_status s);

/* Equal within 1e-9 of the larger (floating-point noise is not a difference). */
bool cost_equal(double a, double b);

#endif
