/*
** plugins_run.c — running capability checks on a catalog and statements on a pair.
*/
#include "plugins_private.h"

#include <stdlib.h>
#include <string.h>

/* {====== Running checks and statements */

/* Every check on every valid model, here.  A check whose plugin is not attached (isolated
** sets keep answers, not code) answers unknown. */
const vs_cap_answers *run_checks(vs_plugins *ps, const vs_catalog *cat,
                                 vs_diags *diags)
{
	const vs_cap_answers *t = answers_reset(ps, cat);
	for (size_t mi = 0; mi < cat->n; mi++) {
		const vs_model *m = &cat->models[mi];
		uint8_t *row = answer_row(t, mi);
		if (!m->valid || !m->root)
			continue;

		/* An explicit true/false in the record wins over any check: fill those first, so
		** a check that asks model_cap sees them too. */
		const json_t *recorded = json_object_get(m->root, "capabilities");
		bool *explicit_ = xcalloc(ps->n_caps, sizeof *explicit_);
		for (size_t i = 0; i < ps->n_caps; i++) {
			const json_t *v = json_is_object(recorded) ?
			                  json_object_get(recorded, ps->caps[i].id) : NULL;
			if (json_is_boolean(v)) {
				row[i] = json_is_true(v) ? VERSUS_CAP_YES : VERSUS_CAP_NO;
				explicit_[i] = true;
			}
		}

		for (size_t i = 0; i < ps->n_caps; i++) {
			const vs_capcheck *cc = &ps->caps[i];
			plugin_impl *p = (plugin_impl *)cc->plugin;
			if (!cc->def->check)
				continue;
			call_ctx ctx = {.who = p->pub.name, .path = p->pub.path, .kind = CALL_CHECK,
			                .model = m->id, .set = ps}, *saved;
			call_enter(p, &ctx, &saved);
			versus_cap_answer got = cc->def->check(plugins_api(), (const versus_model *)m,
			                                       p->pub.data);
			int answer = (int)got;
			call_leave(p, saved);
			if (answer != VERSUS_CAP_UNKNOWN && answer != VERSUS_CAP_NO &&
			    answer != VERSUS_CAP_YES) {
				char *where = xasprintf("plugin:%s", p->pub.name);
				diags_add(diags, VS_ERROR, where, cc->id,
				          "capability check '%s' returned %d for model '%s' (expected "
				          "0 unknown, 1 no or 2 yes); read as unknown",
				          cc->id, answer, m->id);
				free(where);
				answer = VERSUS_CAP_UNKNOWN;
			}
			if (!explicit_[i])
				row[i] = (uint8_t)answer;
		}
		free(explicit_);
	}
	return t;
}

void plugins_run_statements(vs_plugins *ps, const vs_model *a, const vs_model *b, vs_report *r)
{
	for (size_t i = 0; i < ps->n_stmts; i++) {
		const vs_plugin_statement *st = &ps->stmts[i];
		plugin_impl *p = (plugin_impl *)st->plugin;
		if (!st->def->run)
			continue; /* not attached: plugins_check_models attaches every one that has
			          ** statements, so only a set that was never checked gets here */
		versus_pair pair = {
			.m = {a, b},
			.r = r,
			.plugin = p,
			.key = st->key,
			.host = {.plugin = p->pub.name, .diags = &r->diags, .rule = st->key},
		};
		call_ctx ctx = {.who = p->pub.name, .path = p->pub.path, .kind = CALL_STATEMENT,
		                .host = &pair.host, .pair = &pair, .set = ps}, *saved;
		call_enter(p, &ctx, &saved);
		int rc = st->def->run(plugins_api(), &pair, p->pub.data);
		call_leave(p, saved);
		if (rc != 0) {
			char *where = xasprintf("plugin:%s", p->pub.name);
			diags_add(&r->diags, VS_ERROR, where, st->key,
			          "statement '%s' failed (returned %d)", st->key, rc);
			free(where);
		}
	}
}

/* The problems statements report on many pairs: each once, and at most this many. */
#define MAX_STATEMENT_PROBLEMS 50

static bool diag_seen(const vs_diags *d, const vs_diag *x)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity == x->severity && strcmp(d->v[i].where, x->where) == 0 &&
		    strcmp(d->v[i].message, x->message) == 0 &&
		    (d->v[i].rule ? x->rule && strcmp(d->v[i].rule, x->rule) == 0 : !x->rule))
			return true;
	return false;
}

/* Every statement on the pairs of the catalog: model i against the next k models, in both
** orders; k covers every ordered pair unless that is more than VS_CHECK_MAX_PAIRS. */
void run_statement_pairs(vs_plugins *ps, const vs_catalog *cat, vs_diags *diags)
{
	size_t *valid = xcalloc(cat->n ? cat->n : 1, sizeof *valid), nv = 0;
	for (size_t i = 0; i < cat->n; i++)
		if (cat->models[i].valid && cat->models[i].root)
			valid[nv++] = i;
	size_t k = nv > 1 ? nv - 1 : 0;
	if (nv && nv * k > VS_CHECK_MAX_PAIRS)
		k = VS_CHECK_MAX_PAIRS / nv > 0 ? VS_CHECK_MAX_PAIRS / nv : 1;
	vs_diags found = {0};
	size_t more = 0;
	for (size_t i = 0; i < nv; i++)
		for (size_t d = 1; d <= k; d++) {
			vs_report r;
			report_init(&r);
			plugins_run_statements(ps, &cat->models[valid[i]],
			                       &cat->models[valid[(i + d) % nv]], &r);
			for (size_t j = 0; j < r.diags.n; j++) {
				if (diag_seen(&found, &r.diags.v[j]))
					continue;
				if (found.n < MAX_STATEMENT_PROBLEMS)
					diags_add(&found, r.diags.v[j].severity, r.diags.v[j].where,
					          r.diags.v[j].rule, "%s", r.diags.v[j].message);
				else
					more++;
			}
			report_free(&r);
		}
	if (more)
		diags_add(&found, VS_WARNING, "plugins", NULL, "%zu more %s from statements "
		          "not shown", more, vs_plural(more, "problem", "problems"));
	diags_append(diags, &found);
	diags_free(&found);
	free(valid);
}

/* }====== */
