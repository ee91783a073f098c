/*
** order.c — see order.h.
*/
#include "order.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int vs_natural_cmp(const char *a, const char *b)
{
	const char *p = a, *q = b;
	while (*p && *q) {
		if (is_digit(*p) && is_digit(*q)) {
			/* Two numbers: the longer without leading zeros is larger, else digit by
			** digit; "07" and "7" are equal here (the byte order settles them last). */
			while (*p == '0' && is_digit(p[1]))
				p++;
			while (*q == '0' && is_digit(q[1]))
				q++;
			size_t np = strspn(p, "0123456789"), nq = strspn(q, "0123456789");
			if (np != nq)
				return np < nq ? -1 : 1;
			int c = strncmp(p, q, np);
			if (c)
				return c;
			p += np;
			q += nq;
			continue;
		}
		int c = lower((unsigned char)*p) - lower((unsigned char)*q);
		if (c)
			return c;
		p++;
		q++;
	}
	if (*p || *q)
		return *p ? 1 : -1;
	return strcmp(a, b);
}

int vs_models_cmp_name(const void *x, const void *y)
{
	const vs_model *a = *(const vs_model *const *)x, *b = *(const vs_model *const *)y;
	int c = vs_natural_cmp(a->name, b->name);
	return c ? c : strcmp(a->id, b->id);
}

/* The valid models of cat sorted by cmp. */
static const vs_model **valid_sorted(const vs_catalog *cat, size_t *n,
                                     int (*cmp)(const void *, const void *))
{
	const vs_model **v = xcalloc(cat->n ? cat->n : 1, sizeof *v);
	*n = 0;
	for (size_t i = 0; i < cat->n; i++)
		if (cat->models[i].valid)
			v[(*n)++] = &cat->models[i];
	qsort(v, *n, sizeof *v, cmp);
	return v;
}

const vs_model **vs_models_by_name(const vs_catalog *cat, size_t *n)
{
	return valid_sorted(cat, n, vs_models_cmp_name);
}

static int cmp_model_id(const void *x, const void *y)
{
	const vs_model *a = *(const vs_model *const *)x, *b = *(const vs_model *const *)y;
	return strcmp(a->id, b->id);
}

const vs_model **vs_models_by_id(const vs_catalog *cat, size_t *n)
{
	return valid_sorted(cat, n, cmp_model_id);
}

void vs_pair_order(const char **x, const char **y)
{
	if (strcmp(*x, *y) > 0) {
		const char *t = *x;
		*x = *y;
		*y = t;
	}
}

bool vs_pairs_next(vs_pairs *p)
{
	if (!p->started) {
		p->started = true;
		p->i = 0;
		p->k = 1;
	} else if (++p->k >= p->n) {
		p->i++;
		p->k = p->i + 1;
	}
	return p->k < p->n;
}
