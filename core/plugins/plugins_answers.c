/*
** plugins_answers.c — the capability answers a plugin set owns, one table per catalog
** it checked.
*/
#include "plugins_private.h"

#include <stdlib.h>
#include <string.h>

/* {====== Capability answers
** One table per catalog the set checked, found by the address of the catalog's models (a
** model knows its index in them), so readers need nothing but the set and the model. */

static bool answers_hold(const vs_cap_answers *t, const vs_model *m)
{
	uintptr_t lo = (uintptr_t)t->models, at = (uintptr_t)m;
	return at >= lo && at < lo + t->n_models * sizeof *m;
}

/* A zeroed table for the catalog, in place of any the set had for the same memory (the
** same catalog checked again, or one freed since). */
vs_cap_answers *answers_reset(vs_plugins *ps, const vs_catalog *cat)
{
	uintptr_t lo = (uintptr_t)cat->models, hi = lo + cat->n * sizeof *cat->models;
	size_t k = 0;
	for (size_t i = 0; i < ps->n_answers; i++) {
		vs_cap_answers *t = &ps->answers[i];
		uintptr_t tlo = (uintptr_t)t->models, thi = tlo + t->n_models * sizeof *t->models;
		if (tlo < hi && lo < thi)
			free(t->v);
		else
			ps->answers[k++] = *t;
	}
	ps->answers = xrealloc(ps->answers, (k + 1) * sizeof *ps->answers);
	ps->n_answers = k + 1;
	vs_cap_answers *t = &ps->answers[k];
	size_t cells = cat->n * ps->n_caps;
	*t = (vs_cap_answers){cat->models, cat->n, ps->n_caps, xcalloc(cells ? cells : 1, 1)};
	return t;
}

uint8_t *answer_row(const vs_cap_answers *t, size_t mi)
{
	return t->v + mi * t->stride;
}

/* The checks of a plugin being removed leave every table: keep[i] says which stay. */
void answers_keep(vs_plugins *ps, const bool *keep)
{
	for (size_t a = 0; a < ps->n_answers; a++) {
		vs_cap_answers *t = &ps->answers[a];
		size_t k = 0;
		for (size_t mi = 0; mi < t->n_models; mi++)
			for (size_t i = 0; i < t->stride; i++)
				if (keep[i])
					t->v[k++] = t->v[mi * t->stride + i];
		size_t stride = 0;
		for (size_t i = 0; i < t->stride; i++)
			stride += keep[i];
		t->stride = stride;
	}
}

versus_cap_answer plugins_answer(const vs_plugins *ps, const vs_model *m, int cap)
{
	if (!ps || !m || cap < 0)
		return VERSUS_CAP_UNKNOWN;
	for (size_t a = 0; a < ps->n_answers; a++) {
		const vs_cap_answers *t = &ps->answers[a];
		if (answers_hold(t, m) && (size_t)cap < t->stride)
			return (versus_cap_answer)answer_row(t, m->index)[cap];
	}
	return VERSUS_CAP_UNKNOWN;
}

int plugins_cap_index(const vs_plugins *ps, const char *id)
{
	if (!ps || !id)
		return -1;
	for (size_t i = 0; i < ps->n_caps; i++)
		if (strcmp(ps->caps[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* }====== */
