/*
** diff.h — `versus diff OLD NEW`: what a catalog update does to decisions (cli.md, "diff";
** docs/diff.schema.json).  Each model's monthly cost is worked out once per catalog
** (cost_of_model), so a pair costs two lookups, not a report: the whole 743-model import
** takes well under a second.  The result is a JSON document with codes and numbers only;
** diff_render.c lays it out in md or text with the words of rules/06-diff.lua.
*/
#ifndef VERSUS_DIFF_H
#define VERSUS_DIFF_H

#include <jansson.h>
#include <stdbool.h>

#include "catalog.h"
#include "cost.h"

/* Field codes of a model's change, in the order rules/06-diff.lua names them (1-based). */
enum {
	DIFF_CONTEXT_WINDOW = 1,
	DIFF_MAX_OUTPUT,
	DIFF_ROUTE,
	DIFF_INPUT,
	DIFF_OUTPUT,
	DIFF_CACHED,
	DIFF_BATCH,
	DIFF_TIERS,
	DIFF_RECORD,
	/* what only the reasons to choose read (diff_reasons.h) */
	DIFF_PRODUCT_TYPE,
	DIFF_OPENNESS,
	DIFF_CAPABILITIES,
	DIFF_BENCHMARKS
};

typedef struct diff_options {
	const vs_traffic *traffic;
	bool all;           /* every pair with a model whose monthly cost changed */
	const char *pair_a; /* --pair A B: only that pair (ids), else NULL */
	const char *pair_b;
} diff_options;

/* The diff of two loaded catalogs (invalid records are left out of both).  Never NULL. */
json_t *diff_catalogs(const vs_catalog *old_cat, const vs_catalog *new_cat,
                      const diff_options *o);

#endif
