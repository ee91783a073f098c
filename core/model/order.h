/*
** order.h — the one order lists a person reads are in (issue 18): the site's index, a model
** page's "Compare with" list and `versus list`.  Names compare case-insensitively with runs
** of digits as numbers, so "Claude Opus 4" < "Claude Opus 4.1" < "Claude Opus 4.5" and
** "Qwen2.5-7B" < "Qwen2.5-72B"; file names and ids play no part.
*/
#ifndef VERSUS_ORDER_H
#define VERSUS_ORDER_H

#include <stddef.h>

#include "catalog.h"

/* <0, 0, >0 as a comes before, with or after b in natural order; 0 only for equal strings. */
int vs_natural_cmp(const char *a, const char *b);

/* qsort's comparison for an array of const vs_model *: by name in natural order, then id. */
int vs_models_cmp_name(const void *x, const void *y);

/* The valid models of cat by name in natural order (ids settle a tie); *n gets how many.
** Free the array (the models are the catalog's). */
const vs_model **vs_models_by_name(const vs_catalog *cat, size_t *n);

#endif
