/*
** diff_reasons.h — report.md's reasons to choose ("Reasons to choose (the verdict)") worked
** out in C from the records and each model's cost, so `versus diff` compares them for every
** pair without a report per pair (rules/lib/model.lua's model.reasons needs a pair's report
** state: a Lua call per pair and the plugins' capability checks on both catalogs).
**
** The trade-off: this is a second statement of report.md's table beside model.reasons, and
** `capabilities` reads the record's own capabilities (true and false as written), not the
** answers capability plugins derive (prompt caching from cached prices, for one); a reason
** only a plugin's answer gives is not compared.  tests/diff checks both agree on the goldens'
** pairs.
*/
#ifndef VERSUS_DIFF_REASONS_H
#define VERSUS_DIFF_REASONS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "cost.h"

/* report.md's codes, in its order; bit i of a reason set is code i. */
enum {
	REASON_FITS_TRAFFIC,
	REASON_CHEAPER_AT_TRAFFIC,
	REASON_BENCHMARKS,
	REASON_CAPABILITIES,
	REASON_LARGER_CONTEXT,
	REASON_OPEN_LICENSE,
	REASON_MORE_PROVIDERS,
	REASON_COUNT
};
extern const char *const diff_reason_codes[REASON_COUNT];

/* What the reasons read of one model, worked out once per catalog. */
typedef struct diff_model {
	const json_t *root;
	const vs_cost *cost;
	const char *kind;   /* product_type when not a chat model (lower case), else "chat" */
	int openness;       /* 1 open source or open weights, -1 proprietary, 0 unknown */
	size_t n_providers; /* distinct providers of its routes (report.md, Matching) */
} diff_model;

void diff_model_init(diff_model *m, const json_t *root, const vs_cost *cost);

/* A known cost's high figure (report.md, Reasons to choose): tier_unlisted's monthly cost when
** the cost route lists no tier that other candidates charge at the profile and that figure is
** larger, else the monthly cost.  X is cheaper at traffic only when this figure is too. */
double diff_cost_high(const vs_cost *c);

/* The reasons to choose x over y, a set of bits (1u << REASON_...). */
unsigned diff_reasons(const diff_model *x, const diff_model *y);

/* The set as a JSON array of codes, in report.md's order. */
json_t *diff_reasons_json(unsigned set);

#endif
