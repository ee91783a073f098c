/*
** render.c — fuzz one renderer (FUZZ_RENDER_FORMAT: a format's name in the registry,
** formats.c: "md", "html", "text" or "json") over a report built from the input bytes, and check its output (check.c).
**
** The report keeps the contract engine.c gives renderers, and nothing more: every item has a
** key and a source, an item is text or question + answer, a row has cells, model ids pass
** record_id_is_safe, traffic counts are at most 2^53 (as the CLI parses them), cost curves
** rise in tokens and stay finite.  Every string is free:
** invalid UTF-8, controls, bidi characters, markup of every format, any length up to 255.
**
** Input: an options byte (explain, colour, link suffix, width), the title, each model's id,
** name and cost block, the traffic, then operations until the bytes run out (see op()).
*/
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "record.h"

#define COUNT_MAX (UINT64_C(1) << 53)

#ifndef FUZZ_RENDER_FORMAT
#define FUZZ_RENDER_FORMAT "md"
#endif

/* A model id: the input's when it is a safe id (renderers build link targets from ids),
** else a fixed one. */
static char *model_id(fuzz_in *in, const char *fallback)
{
	char *s = fuzz_string(in);
	if (record_id_is_safe(s))
		return s;
	free(s);
	return xstrdup(fallback);
}

static void cost_block(fuzz_in *in, vs_report_model *m)
{
	vs_cost *c = &m->cost;
	unsigned b = fuzz_byte(in);
	c->status = (vs_cost_status)(b % 7);
	c->basis = (vs_cost_basis)((b >> 3) % 4);
	c->fits = b & 0x20;
	c->serves = b & 0x40;
	c->batch_applied = b & 0x80;
	c->monthly = fuzz_double(in);
	c->route_index = (int)(fuzz_byte(in) % 5) - 1;
	m->route = c->route_index >= 0 ? fuzz_string(in) : NULL;
	c->route = m->route;
	c->tier_above = fuzz_byte(in) & 1 ? fuzz_double(in) : -1;
	c->cheapest_index = (int)(fuzz_byte(in) % 5) - 1;
	if (c->cheapest_index >= 0) {
		c->cheapest_monthly = fuzz_double(in);
		m->cheapest_route = fuzz_string(in);
		c->cheapest_route = m->cheapest_route;
	}
}

/* Curves as cost_curve makes them: tokens rising from lo to at most hi, costs finite, >= 0. */
static void curves(fuzz_in *in, vs_report *r)
{
	r->curve_lo = 1 + fuzz_byte(in) * 100.0;
	r->curve_hi = r->curve_lo * (2 + fuzz_byte(in) * 1000.0);
	for (int m = 0; m < 2; m++) {
		vs_curve *c = &r->curves[m];
		cost_curve_free(c);
		size_t n = fuzz_byte(in) % 12;
		c->v = n ? xcalloc(n, sizeof *c->v) : NULL;
		double tokens = r->curve_lo, step = (r->curve_hi - r->curve_lo) / 12;
		for (size_t i = 0; i < n; i++) {
			double y = fuzz_double(in);
			c->v[i].tokens = tokens;
			c->v[i].monthly = isfinite(y) ? fmin(fabs(y), 1e15) : 0;
			if (fuzz_byte(in) % 3) /* else the next point repeats the size: a tier step */
				tokens += step;
		}
		c->n = n;
	}
}

static void strv_from(fuzz_in *in, vs_strv *v, unsigned max)
{
	unsigned n = fuzz_byte(in) % (max + 1);
	for (unsigned i = 0; i < n; i++) {
		char *s = fuzz_string(in);
		strv_push(v, s);
		free(s);
	}
}

/* One operation on the report. */
static void op(fuzz_in *in, vs_report *r)
{
	unsigned b = fuzz_byte(in);
	vs_section *s = &r->sections[(b >> 3) % VS_SEC_COUNT];
	switch (b % 8) {
	case 0:
		free(s->title);
		s->title = fuzz_string(in);
		break;
	case 1:
		s->style = (vs_style)(fuzz_byte(in) % 4);
		break;
	case 2:
		strv_free(&s->columns);
		strv_from(in, &s->columns, 5);
		break;
	case 3:
		strv_free(&s->chart);
		for (int i = 0; i < VS_CHART_WORDS; i++) {
			char *w = fuzz_string(in);
			strv_push(&s->chart, w);
			free(w);
		}
		break;
	case 4:
	case 5: { /* an item (the most common operation) */
		vs_item *it = report_add_item(r, s->id);
		unsigned k = fuzz_byte(in);
		if (k & 1) {
			it->question = fuzz_string(in);
			it->answer = fuzz_string(in);
		} else {
			it->text = fuzz_string(in);
		}
		it->key = fuzz_string(in);
		it->source = fuzz_string(in);
		strv_from(in, &it->about, 2);
		strv_from(in, &it->values, 3);
		if (k & 2) /* values that are source URLs: Provenance links them */
			strv_push(&it->values, "https://example.com/a_b?c=d&e");
		if (k & 4)
			it->href = fuzz_string(in);
		if (k & 8)
			it->origin = fuzz_string(in);
		break;
	}
	case 6: {
		vs_item *row = report_add_row(r, s->id);
		strv_from(in, &row->cells, 6);
		unsigned k = fuzz_byte(in);
		/* "cost.<id>": the row the HTML chart's legend reads its cells from. */
		row->key = k & 1 ? xasprintf("cost.%s", r->models[k >> 1 & 1].id) : fuzz_string(in);
		row->source = fuzz_string(in);
		break;
	}
	case 7:
		if (fuzz_byte(in) & 1) {
			curves(in, r);
		} else {
			char *where = fuzz_string(in), *rule = fuzz_string(in), *msg = fuzz_string(in);
			diags_add(&r->diags, (b >> 7) ? VS_WARNING : VS_ERROR, where, rule[0] ? rule : NULL,
			          "%s", msg);
			free(where);
			free(rule);
			free(msg);
		}
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_in in = {data, size};
	vs_report r;
	report_init(&r);

	unsigned flags = fuzz_byte(&in);
	static const char *const suffixes[] = {NULL, ".md", ".html", "x/../y"};
	char *note = flags & 0x40 ? fuzz_string(&in) : NULL;
	vs_render_opts o = {
		.explain = flags & 1,
		.color = flags & 2,
		.link_suffix = suffixes[(flags >> 2) & 3],
		.width = 20 + (int)fuzz_byte(&in),
		.rules_dir_note = note,
	};

	r.title = fuzz_string(&in);
	r.models[0].id = model_id(&in, "a");
	r.models[1].id = model_id(&in, "b");
	for (int m = 0; m < 2; m++) {
		r.models[m].name = fuzz_string(&in);
		cost_block(&in, &r.models[m]);
	}
	unsigned d = fuzz_byte(&in);
	r.have_delta = d & 1;
	r.delta_usd = fuzz_double(&in);
	r.cheaper = (int)((d >> 1) % 3) - 1;

	char *providers[3] = {NULL, NULL, NULL};
	/* Counts as the CLI takes them: at most 2^53 (main.c parse_count). */
	r.traffic.requests = fuzz_u64(&in) % (COUNT_MAX + 1);
	r.traffic.input_tokens = fuzz_u64(&in) % (COUNT_MAX + 1);
	r.traffic.output_tokens = fuzz_u64(&in) % (COUNT_MAX + 1);
	r.traffic.cached_share = fuzz_double(&in);
	r.traffic.batch = d & 8;
	r.traffic.cheapest = d & 16;
	r.traffic.n_providers = (d >> 5) % 4;
	for (size_t i = 0; i < r.traffic.n_providers; i++)
		providers[i] = fuzz_string(&in);
	r.traffic.providers = (const char *const *)providers;

	while (in.n > 0)
		op(&in, &r);

	fuzz_check_render(render_format(FUZZ_RENDER_FORMAT), &r, &o);

	report_free(&r);
	for (int i = 0; i < 3; i++)
		free(providers[i]);
	free(note);
	return 0;
}
