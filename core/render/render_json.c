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

/* A member whose value is a string: "key": "s" (null for NULL). */
static void jw_kstr(jw *w, const char *k, const char *s)
{
	jw_key(w, k);
	jw_str(w, s);
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
	jw_kstr(w, "key", nz(it->key));
	jw_key(w, "about");
	jw_strv(w, &it->about);
	jw_key(w, "values");
	jw_strv(w, &it->values);
	if (it->question) {
		jw_kstr(w, "question", it->question);
		jw_kstr(w, "answer", nz(it->answer));
	} else {
		jw_kstr(w, "text", nz(it->text));
	}
	jw_kstr(w, "source", nz(it->source));
	jw_close(w, '}');
}

static void put_row(jw *w, const vs_item *row)
{
	jw_open(w, '{');
	jw_kstr(w, "key", nz(row->key));
	jw_key(w, "cells");
	jw_strv(w, &row->cells);
	jw_kstr(w, "source", nz(row->source));
	jw_close(w, '}');
}

static void put_section(jw *w, const vs_section *s)
{
	jw_open(w, '{');
	jw_kstr(w, "id", section_name(s->id));
	jw_kstr(w, "title", nz(s->title));
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

/* A number, or null when not known. */
static void jw_num_or_null(jw *w, bool known, double x)
{
	if (known)
		jw_num(w, x);
	else
		jw_lit(w, "null");
}

/* The cheapest route's cost when the model was priced on another ("cheapest"), or null. */
static void put_cheapest(jw *w, const vs_report_model *rm, bool ok)
{
	if (!(ok && rm->cost.cheapest_index >= 0)) {
		jw_lit(w, "null");
		return;
	}
	jw_open(w, '{');
	jw_key(w, "monthly_usd");
	jw_num(w, rm->cost.cheapest_monthly);
	jw_kstr(w, "route", rm->cheapest_route);
	jw_key(w, "route_index");
	jw_num(w, rm->cost.cheapest_index);
	jw_close(w, '}');
}

/* How many routes list the tier the traffic reaches, and the cost on them, or null. */
static void put_tier_unlisted(jw *w, const vs_report_model *rm, bool ok)
{
	if (!(ok && rm->cost.tier_unlisted)) {
		jw_lit(w, "null");
		return;
	}
	jw_open(w, '{');
	jw_key(w, "routes");
	jw_num(w, (double)rm->cost.tier_routes);
	jw_key(w, "of");
	jw_num(w, (double)rm->cost.tier_of);
	jw_key(w, "monthly_usd");
	jw_num(w, rm->cost.tier_monthly);
	jw_close(w, '}');
}

/* One model's cost block; every key always there, null where not known. */
static void put_model_cost(jw *w, const vs_report_model *rm)
{
	vs_cost_status st = rm->cost.status;
	if (st == VS_COST_OK && !isfinite(rm->cost.monthly))
		st = VS_COST_OVERFLOW; /* never a number that is not one, never a missing key */
	bool ok = st == VS_COST_OK;
	jw_open(w, '{');
	jw_kstr(w, "id", nz(rm->id));
	jw_key(w, "monthly_usd");
	jw_num_or_null(w, ok, rm->cost.monthly);
	jw_kstr(w, "route", ok ? rm->route : NULL);
	jw_key(w, "route_index");
	jw_num_or_null(w, ok && rm->cost.route_index >= 0, rm->cost.route_index);
	jw_kstr(w, "reason", cost_reason_code(st));
	jw_kstr(w, "basis", ok ? cost_basis_code(rm->cost.basis) : NULL);
	jw_key(w, "tier_above");
	jw_num_or_null(w, ok && rm->cost.tier_above >= 0, rm->cost.tier_above);
	jw_key(w, "batch_applied");
	jw_lit(w, ok && rm->cost.batch_applied ? "true" : "false");
	jw_key(w, "fits");
	jw_lit(w, rm->cost.fits ? "true" : "false");
	jw_key(w, "cheapest");
	put_cheapest(w, rm, ok);
	jw_key(w, "candidates");
	jw_num(w, (double)rm->cost.candidates);
	jw_key(w, "tier_unlisted");
	put_tier_unlisted(w, rm, ok);
	jw_key(w, "outliers");
	jw_open(w, '[');
	for (size_t i = 0; i < rm->cost.n_outliers; i++)
		jw_num(w, rm->cost.outliers[i]);
	jw_close(w, ']');
	jw_close(w, '}');
}

static void put_crossovers(jw *w, const vs_report *r)
{
	jw_open(w, '[');
	for (size_t i = 0; i < r->crossovers.n; i++) {
		const vs_crossover *x = &r->crossovers.v[i];
		jw_open(w, '{');
		jw_key(w, "input_tokens");
		jw_num(w, (double)x->input_tokens);
		jw_kstr(w, "cheaper", nz(r->models[x->cheaper ? 1 : 0].id));
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void put_cost(jw *w, const vs_report *r)
{
	jw_open(w, '{');
	jw_key(w, "models");
	jw_open(w, '[');
	for (int m = 0; m < 2; m++)
		put_model_cost(w, &r->models[m]);
	jw_close(w, ']');
	jw_key(w, "delta_usd");
	jw_num_or_null(w, r->have_delta, r->delta_usd);
	jw_kstr(w, "cheaper", r->cheaper == 0 || r->cheaper == 1 ? nz(r->models[r->cheaper].id) : NULL);
	jw_key(w, "crossovers");
	put_crossovers(w, r);
	jw_close(w, '}');
}

static void put_models(jw *w, const vs_report *r)
{
	jw_open(w, '[');
	for (int m = 0; m < 2; m++) {
		jw_open(w, '{');
		jw_kstr(w, "id", nz(r->models[m].id));
		jw_kstr(w, "name", nz(r->models[m].name));
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

static void put_traffic(jw *w, const vs_traffic *t)
{
	jw_open(w, '{');
	jw_key(w, "requests_per_month");
	jw_u64(w, t->requests);
	jw_key(w, "input_tokens");
	jw_u64(w, t->input_tokens);
	jw_key(w, "output_tokens");
	jw_u64(w, t->output_tokens);
	jw_key(w, "cached_share");
	jw_num(w, t->cached_share);
	jw_key(w, "batch");
	jw_lit(w, t->batch ? "true" : "false");
	jw_key(w, "providers");
	jw_open(w, '[');
	for (size_t i = 0; i < t->n_providers; i++)
		jw_str(w, t->providers[i]);
	jw_close(w, ']');
	jw_key(w, "cheapest");
	jw_lit(w, t->cheapest ? "true" : "false");
	jw_close(w, '}');
}

static void put_diagnostics(jw *w, const vs_diags *diags)
{
	jw_open(w, '[');
	for (size_t i = 0; i < diags->n; i++) {
		const vs_diag *d = &diags->v[i];
		jw_open(w, '{');
		jw_kstr(w, "severity", severity_name(d->severity));
		jw_kstr(w, "where", nz(d->where));
		jw_kstr(w, "rule", d->rule);
		jw_kstr(w, "message", nz(d->message));
		jw_close(w, '}');
	}
	jw_close(w, ']');
}

/*
** Not render.c's walk: versus-report/1 is the whole report as data, so it shows what the
** document formats leave out (a blank string, a section with nothing in it, a table's
** columns without rows) and carries what they do not (cost, traffic, diagnostics).
*/
void render_json(const vs_report *r, const vs_render_opts *o, vs_buf *out)
{
	jw w = {.out = out};
	(void)o; /* the JSON always carries every source; explain changes nothing */

	jw_open(&w, '{');
	jw_kstr(&w, "format", "versus-report/1");
	jw_kstr(&w, "title", nz(r->title));
	jw_key(&w, "models");
	put_models(&w, r);
	jw_key(&w, "traffic");
	put_traffic(&w, &r->traffic);
	jw_key(&w, "cost");
	put_cost(&w, r);
	jw_key(&w, "sections");
	jw_open(&w, '[');
	for (int i = 0; i < VS_SEC_COUNT; i++)
		put_section(&w, &r->sections[i]);
	jw_close(&w, ']');
	jw_key(&w, "diagnostics");
	put_diagnostics(&w, &r->diags);
	jw_close(&w, '}');
	buf_addc(out, '\n');
}
