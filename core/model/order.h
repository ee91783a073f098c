/*
** order.h — the one order lists a person reads are in (issue 18): the site's index, a model
** page's "Compare with" list and `versus list`.  Names compare case-insensitively with runs
** of digits as numbers, so "Claude Opus 4" < "Claude Opus 4.1" < "Claude Opus 4.5" and
** "Qwen2.5-7B" < "Qwen2.5-72B"; file names and ids play no part.
** And the one order of pairs: a pair is named by its two ids in byte order (compare/A-vs-B
** with A < B), and the pairs of a list sorted by id are walked (0,1), (0,2) ... (1,2) ...
*/
#ifndef VERSUS_ORDER_H
#define VERSUS_ORDER_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"

/* <0, 0, >0 as a comes before, with or after b in natural order; 0 only for equal strings. */
int vs_natural_cmp(const char *a, const char *b);

/* qsort's comparison for an array of const vs_model *: by name in natural order, then id. */
int vs_models_cmp_name(const void *x, const void *y);

/* The valid models of cat by name in natural order (ids settle a tie); *n gets how many.
** Free the array (the models are the catalog's). */
const vs_model **vs_models_by_name(const vs_catalog *cat, size_t *n);

/* The valid models of cat by id (strcmp); *n gets how many.  Free the array. */
const vs_model **vs_models_by_id(const vs_catalog *cat, size_t *n);

/* The two ids of a pair in the order its page is named by: *x < *y (swapped if needed). */
void vs_pair_order(const char **x, const char **y);

/* Every unordered pair of n things once, i < k, i major: the order of a site's pair pages and
** of diff's pairs over lists sorted by id.
**     for (vs_pairs p = vs_pairs_of(n); vs_pairs_next(&p);) use(p.i, p.k);  */
typedef struct vs_pairs {
	size_t n, i, k;
	bool started;
} vs_pairs;

static inline vs_pairs vs_pairs_of(size_t n)
{
	return (vs_pairs){.n = n};
}

bool vs_pairs_next(vs_pairs *p);

#endif
