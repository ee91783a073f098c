/*
** render_json.c — the report as data: versus-report/1 exactly as report.md documents it.
** Written by hand, not with jansson's dumper, so that the layout (two-space indent, keys in
** the documented order, arrays of strings on one line) and the number rule are ours and the
** same on every machine.
*/
#include "render.h"

#include "escape.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* {====== A small pretty-printing writer */

#define JW_MAX_DEPTH 16

typedef struct jw {
	vs_buf *out;
	int depth;
	bool after_key;                /* the next value follows "key": on the same line */
	size_t count[JW_MAX_DEPTH];    /* members written so far at each depth */
} jw;

static void jw_newline(jw *w)
{
	/* A new line and two spaces a level, in one append */
	static const char indent[] = "\n                                "; /* JW_MAX_DEPTH levels */
	if (w->depth >= 0 && (size_t)w->depth * 2 + 1 <= sizeof indent - 1) {
		buf_addn(w->out, indent, (size_t)w->depth * 2 + 1);
		return;
	}
	buf_addc(w->out, '\n');
	for (int i = 0; i < w->depth; i++)
		buf_add(w->out, "  ");
}

/* Before a member of the current container: a comma after the previous one, a new line. */
static void jw_member(jw *w)
{
	if (w->depth == 0)
		return;
	if (w->count[w->depth]++)
		buf_addc(w->out, ',');
	jw_newline(w);
}

static void jw_pre(jw *w)
{
	if (w->after_key)
		w->after_key = false;
	else
		jw_member(w);
}

static void jw_key(jw *w, const char *k)
{
	jw_member(w);
	json_put_string(w->out, k);
	buf_add(w->out, ": ");
	w->after_key = true;
}

static void jw_open(jw *w, char c)
{
	jw_pre(w);
	buf_addc(w->out, c);
	w->depth++; /* the report's shape nests 5 deep at most */
	w->count[w->depth] = 0;
}

static void jw_close(jw *w, char c)
{
	bool any = w->count[w->depth] > 0;
	w->depth--;
	if (any)
		jw_newline(w);
	buf_addc(w->out, c);
}

static void jw_str(jw *w, const char *s)
{
	jw_pre(w);
	json_put_string(w->out, s);
}

static void jw_num(jw *w, double x)
{
	jw_pre(w);
	json_put_number(w->out, x);
}

static void jw_u64(jw *w, uint64_t x)
{
	jw_pre(w);
	buf_printf(w->out, "%" PRIu64, x);
}

static void jw_lit(jw *w, const char *lit)
{
	jw_pre(w);
	buf_add(w->out, lit);
}

/* An array of strings, on one line: ["a", "b"]. */
static void jw_strv(jw *w, const vs_strv *v)
{
	jw_pre(w);
	buf_addc(w->out, '[');
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			buf_add(w->out, ", ");
		json_put_string(w->out, v->v[i]);
	}
	buf_addc(w->out, ']');
}

/* }====== */

static const char *nz(const char *s)
{
	return s ? s : "";
}

static void put_item(jw *w, const vs_item *it)
{
	jw_open(w, '{');
	jw_key(w, "key");
	jw_str(w, nz(it->key));
	jw_key(w, "about");
	jw_strv(w, &it->about);
	jw_key(w, "values");
	jw_strv(w, &it->values);
	if (it->question) {
		jw_key(w, "question");
		jw_str(w, it->question);
		jw_key(w, "answer");
		jw_str(w, nz(it->answer));
	} else {
		jw_key(w, "text");
		jw_str(w, nz(it->text));
	}
	jw_key(w, "source");
	jw_str(w, nz(it->source));
	jw_close(w, '}');
}

static void put_row(jw *w, const vs_item *row)
{
	jw_open(w, '{');
	jw_key(w, "key");
	jw_str(w, nz(row->key));
	jw_key(w, "cells");
	jw_strv(w, &row->cells);
	jw_key(w, "source");
	jw_str(w, nz(row->source));
	jw_close(w, '}');
}

static void put_section(jw *w, const vs_section *s)
{
	jw_open(w, '{');
	jw_key(w, "id");
	jw_str(w, section_name(s->id));
	jw_key(w, "title");
	jw_str(w, nz(s->title));
	jw_key(w, "items");
	jw_open(w, '[');
	for (size_t i = 0; i < s->n_items; i++)
		put_item(w, &s->items[i]);
	jw_close(w, ']');
	if (s->columns.n > 0 || s->n_rows > 0) {
		jw_key(w, "columns");
		jw_strv(w, &s->columns);
		jw_key(w, "rows");
		jw_open(w, '[');
		for (size_t i = 0; i < s->n_rows; i++)
			put_row(w, &s->rows[i]);
		jw_close(w, ']');
	}
	jw_close(w, '}');
}

static void put_cost(jw *w, const vs_report *r)
{
	jw_open(w, '{');
	jw_key(w, "models");
	jw_open(w, '[');
	for (int m = 0; m < 2; m++) {
		const vs_report_model *rm = &r->models[m];
		vs_cost_status st = rm->cost.status;
		if (st == VS_COST_OK && !isfinite(rm->cost.monthly))
			st = VS_COST_OVERFLOW; /* never a number that is not one, never a missing key */
		bool ok = st == VS_COST_OK;
		jw_open(w, '{');
		jw_key(w, "id");
		jw_str(w, nz(rm->id));
		jw_key(w, "monthly_usd");
		if (ok)
			jw_num(w, rm->cost.monthly);
		else
			jw_lit(w, "null");
		jw_key(w, "route");
		jw_str(w, ok ? rm->route : NULL);
		jw_key(w, "route_index");
		if (ok && rm->cost.route_index >= 0)
			jw_num(w, rm->cost.route_index);
		else
			jw_lit(w, "null");
		jw_key(w, "reason");
		jw_str(w, cost_reason_code(st));
		jw_key(w, "basis");
		jw_str(w, ok ? cost_basis_code(rm->cost.basis) : NULL);
		jw_key(w, "tier_above");
		if (ok && rm->cost.tier_above >= 0)
			jw_num(w, rm->cost.tier_above);
		else
			jw_lit(w, "null");
		jw_key(w, "batch_applied");
		jw_lit(w, ok && rm->cost.batch_applied ? "true" : "false");
		jw_key(w, "fits");
		jw_lit(w, rm->cost.fits ? "true" : "false");
		jw_key(w, "cheapest");
		if (ok && rm->cost.cheapest_index >= 0) {
			jw_open(w, '{');
			jw_key(w, "monthly_usd");
			jw_num(w, rm->cost.cheapest_monthly);
			jw_key(w, "route");
			jw_str(w, rm->cheapest_route);
			jw_key(w, "route_index");
			jw_num(w, rm->cost.cheapest_index);
			jw_close(w, '}');
		} else {
			jw_lit(w, "null");
		}
		jw_key(w, "candidates");
		jw_num(w, (double)rm->cost.candidates);
		jw_key(w, "tier_unlisted");
		if (ok && rm->cost.tier_unlisted) {
			jw_open(w, '{');
			jw_key(w, "routes");
			jw_num(w, (double)rm->cost.tier_routes);
			jw_key(w, "of");
			jw_num(w, (double)rm->cost.tier_of);
			jw_key(w, "monthly_usd");
			jw_num(w, rm->cost.tier_monthly);
			jw_close(w, '}');
		} else {
			jw_lit(w, "null");
		}
		jw_key(w, "outliers");
		jw_open(w, '[');
		for (size_t i = 0; i < rm->cost.n_outliers; i++)
			jw_num(w, rm->cost.outliers[i]);
		jw_close(w, ']');
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_key(w, "delta_usd");
	if (r->have_delta)
		jw_num(w, r->delta_usd);
	else
		jw_lit(w, "null");
	jw_key(w, "cheaper");
	jw_str(w, r->cheaper == 0 || r->cheaper == 1 ? nz(r->models[r->cheaper].id) : NULL);
	jw_key(w, "crossovers");
	jw_open(w, '[');
	for (size_t i = 0; i < r->crossovers.n; i++) {
		const vs_crossover *x = &r->crossovers.v[i];
		jw_open(w, '{');
		jw_key(w, "input_tokens");
		jw_num(w, (double)x->input_tokens);
		jw_key(w, "cheaper");
		jw_str(w, nz(r->models[x->cheaper ? 1 : 0].id));
		jw_close(w, '}');
	}
	jw_close(w, ']');
	jw_close(w, '}');
}

void render_json(const vs_report *r, const vs_render_opts *o, vs_buf *out)
{
	jw w = {.out = out};
	(void)o; /* the JSON always carries every source; explain changes nothing */

	jw_open(&w, '{');
	jw_key(&w, "format");
	jw_str(&w, "versus-report/1");
	jw_key(&w, "title");
	jw_str(&w, nz(r->title));

	jw_key(&w, "models");
	jw_open(&w, '[');
	for (int m = 0; m < 2; m++) {
		jw_open(&w, '{');
		jw_key(&w, "id");
		jw_str(&w, nz(r->models[m].id));
		jw_key(&w, "name");
		jw_str(&w, nz(r->models[m].name));
		jw_close(&w, '}');
	}
	jw_close(&w, ']');

	jw_key(&w, "traffic");
	jw_open(&w, '{');
	jw_key(&w, "requests_per_month");
	jw_u64(&w, r->traffic.requests);
	jw_key(&w, "input_tokens");
	jw_u64(&w, r->traffic.input_tokens);
	jw_key(&w, "output_tokens");
	jw_u64(&w, r->traffic.output_tokens);
	jw_key(&w, "cached_share");
	jw_num(&w, r->traffic.cached_share);
	jw_key(&w, "batch");
	jw_lit(&w, r->traffic.batch ? "true" : "false");
	jw_key(&w, "providers");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->traffic.n_providers; i++)
		jw_str(&w, r->traffic.providers[i]);
	jw_close(&w, ']');
	jw_key(&w, "cheapest");
	jw_lit(&w, r->traffic.cheapest ? "true" : "false");
	jw_close(&w, '}');

	jw_key(&w, "cost");
	put_cost(&w, r);

	jw_key(&w, "sections");
	jw_open(&w, '[');
	for (int i = 0; i < VS_SEC_COUNT; i++)
		put_section(&w, &r->sections[i]);
	jw_close(&w, ']');

	jw_key(&w, "diagnostics");
	jw_open(&w, '[');
	for (size_t i = 0; i < r->diags.n; i++) {
		const vs_diag *d = &r->diags.v[i];
		jw_open(&w, '{');
		jw_key(&w, "severity");
		jw_str(&w, severity_name(d->severity));
		jw_key(&w, "where");
		jw_str(&w, nz(d->where));
		jw_key(&w, "rule");
		jw_str(&w, d->rule);
		jw_key(&w, "message");
		jw_str(&w, nz(d->message));
		jw_close(&w, '}');
	}
	jw_close(&w, ']');

	jw_close(&w, '}');
	buf_addc(out, '\n');
}
