/*
** diff_render.c — `versus diff` as md or text: the document of diff.c laid out in two tables
** (models that changed, pairs), every word from rules/06-diff.lua (page "diff"): the core
** supplies ids, provider names and numbers, the rules their words and formats.
*/
#include "diff_render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "diff_reasons.h"
#include "escape.h"

typedef struct ctx {
	vs_engine *e;
	vs_page *pg;  /* rule problems */
	bool md;
	vs_buf *out;
	vs_buf scratch;
} ctx;

static char *word(ctx *c, const char *field)
{
	char *t = engine_page_text(c->e, "diff", field, NULL, 0, c->pg);
	return t ? t : xstrdup("");
}

static char *word_n(ctx *c, const char *field, const double *v, size_t n)
{
	char *t = engine_page_text(c->e, "diff", field, v, n, c->pg);
	return t ? t : xstrdup("");
}

static double num(const json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* A field's value as the rules format it: money, price, tokens, share, tiers or "listed". */
static char *value_text(ctx *c, int code, const json_t *v)
{
	double x = num(v);
	switch (code) {
	case DIFF_CONTEXT_WINDOW:
	case DIFF_MAX_OUTPUT:
		return word_n(c, "tokens", &x, 1);
	case DIFF_INPUT:
	case DIFF_OUTPUT:
	case DIFF_CACHED:
		return word_n(c, "price", &x, 1);
	case DIFF_BATCH:
		return word_n(c, "share", &x, 1);
	case DIFF_ROUTE: {
		double yes = json_is_true(v) ? 1 : NAN;
		return word_n(c, "listed", &yes, 1);
	}
	case DIFF_TIERS: {
		if (!json_array_size(v))
			return word(c, "none");
		vs_buf b = {0};
		size_t i;
		json_t *t;
		json_array_foreach(v, i, t) {
			double a[3] = {num(json_object_get(t, "above_input_tokens")),
			               num(json_object_get(t, "input_per_mtok")),
			               num(json_object_get(t, "output_per_mtok"))};
			char *s = word_n(c, "tier", a, 3);
			buf_printf(&b, "%s%s", i ? "; " : "", s);
			free(s);
		}
		return buf_steal(&b);
	}
	case DIFF_PRODUCT_TYPE:
	case DIFF_OPENNESS:
		return json_is_string(v) ? xstrdup(json_string_value(v)) : word(c, "none");
	case DIFF_CAPABILITIES: {
		/* The ids the record says yes to, as the record writes them. */
		vs_buf b = {0};
		const char *k;
		json_t *yes;
		json_object_foreach((json_t *)v, k, yes)
			if (json_is_true(yes))
				buf_printf(&b, "%s%s", b.len ? ", " : "", k);
		if (!b.len)
			return word(c, "none");
		return buf_steal(&b);
	}
	case DIFF_BENCHMARKS: {
		double n = (double)json_array_size(v);
		return json_is_array(v) ? word_n(c, "benchmarks", &n, 1) : word(c, "none");
	}
	default:
		return word(c, "none");
	}
}

static int field_code(const char *name)
{
	static const char *const names[] = {NULL, "context_window", "max_output_tokens", "route",
	                                    "input_per_mtok", "output_per_mtok",
	                                    "cached_input_per_mtok", "batch_discount", "tiers",
	                                    "record", "product_type", "openness", "capabilities",
	                                    "benchmarks"};
	for (int i = 1; i < (int)VS_ARRAY_LEN(names); i++)
		if (name && strcmp(names[i], name) == 0)
			return i;
	return 0;
}

/* A heading or paragraph: escaped for md, made safe for a terminal in text. */
static void text(ctx *c, const char *s, vs_md_ctx where)
{
	if (c->md) {
		esc_md(c->out, &c->scratch, s, where);
	} else {
		char *t = esc_terminal(s, false);
		buf_add(c->out, t);
		free(t);
	}
}

/* One table row: md escapes each cell and writes "| a | b |"; text "a | b". */
static void row(ctx *c, char **cells, size_t n)
{
	if (c->md)
		buf_add(c->out, "|");
	for (size_t i = 0; i < n; i++) {
		if (c->md) {
			buf_addc(c->out, ' ');
			esc_md(c->out, &c->scratch, cells[i], ESC_MD_CELL);
			buf_add(c->out, " |");
		} else {
			char *t = esc_terminal(cells[i], false);
			buf_printf(c->out, "%s%s", i ? " | " : "", t);
			free(t);
		}
		free(cells[i]);
	}
	buf_addc(c->out, '\n');
}

static void header(ctx *c, const char *heading_field, const char *columns_field, size_t n)
{
	char *h = word(c, heading_field);
	buf_printf(c->out, "\n%s", c->md ? "## " : "");
	text(c, h, ESC_MD_HEADING);
	buf_add(c->out, "\n\n");
	free(h);
	char *cells[6];
	for (size_t i = 0; i < n; i++) {
		char key[32];
		snprintf(key, sizeof key, "%s_%zu", columns_field, i + 1);
		cells[i] = word(c, key);
	}
	row(c, cells, n);
	if (c->md) {
		buf_add(c->out, "|");
		for (size_t i = 0; i < n; i++)
			buf_add(c->out, "---|");
		buf_addc(c->out, '\n');
	}
}

static void models_table(ctx *c, const json_t *models)
{
	header(c, "models_heading", "models_column", 4);
	size_t i;
	json_t *m;
	json_array_foreach(models, i, m) {
		const char *id = json_string_value(json_object_get(m, "id"));
		const char *change = json_string_value(json_object_get(m, "change"));
		if (strcmp(change, "changed") != 0) {
			double code = strcmp(change, "added") == 0 ? 1 : 2;
			char *cells[4] = {xstrdup(id), word_n(c, "field", (double[]){DIFF_RECORD}, 1),
			                  code == 1 ? word(c, "none") : word_n(c, "record", &code, 1),
			                  code == 1 ? word_n(c, "record", &code, 1) : word(c, "none")};
			row(c, cells, 4);
		}
		const json_t *mu = json_object_get(m, "monthly_usd");
		double o = num(json_object_get(mu, "old")), nw = num(json_object_get(mu, "new"));
		char *cells[4] = {xstrdup(id), word(c, "cost_row"), word_n(c, "money", &o, 1),
		                  word_n(c, "money", &nw, 1)};
		row(c, cells, 4);
		size_t j;
		json_t *f;
		json_array_foreach(json_object_get(m, "fields"), j, f) {
			int code = field_code(json_string_value(json_object_get(f, "field")));
			double dc = code;
			char *label = word_n(c, "field", &dc, 1);
			const char *route = json_string_value(json_object_get(f, "route"));
			char *what = route ? xasprintf("%s: %s", route, label) : xstrdup(label);
			free(label);
			char *fc[4] = {xstrdup(id), what, value_text(c, code, json_object_get(f, "old")),
			               value_text(c, code, json_object_get(f, "new"))};
			row(c, fc, 4);
		}
	}
}

/* "a → b", the flip mark after it when they differ. */
static char *change_cell(ctx *c, const json_t *on, bool flipped)
{
	const char *o = json_string_value(json_object_get(on, "old"));
	const char *n = json_string_value(json_object_get(on, "new"));
	char *none = word(c, "none");
	char *flip = flipped ? word(c, "flipped") : xstrdup("");
	char *s = flipped ? xasprintf("%s \u2192 %s %s", o ? o : none, n ? n : none, flip)
	                  : xstrdup(n ? n : none);
	free(none);
	free(flip);
	return s;
}

static char *two_money(ctx *c, const json_t *v)
{
	double a = num(json_array_get(v, 0)), b = num(json_array_get(v, 1));
	char *x = word_n(c, "money", &a, 1), *y = word_n(c, "money", &b, 1);
	char *s = xasprintf("%s / %s", x, y);
	free(x);
	free(y);
	return s;
}

/* One catalog's reasons to choose of a pair: "A: reason, reason; B: reason", or none. */
static char *reasons_text(ctx *c, const json_t *p, const json_t *r)
{
	vs_buf b = {0};
	const char *sides[2] = {"a", "b"};
	for (int k = 0; k < 2; k++) {
		const json_t *codes = json_object_get(r, sides[k]);
		if (!json_array_size(codes))
			continue;
		buf_printf(&b, "%s%s: ", b.len ? "; " : "", json_string_value(json_object_get(p, sides[k])));
		for (size_t i = 0; i < json_array_size(codes); i++) {
			const char *code = json_string_value(json_array_get(codes, i));
			double n = 0;
			for (int j = 0; j < REASON_COUNT; j++)
				if (strcmp(diff_reason_codes[j], code) == 0)
					n = j + 1;
			char *w = word_n(c, "reason", &n, 1);
			buf_printf(&b, "%s%s", i ? ", " : "", w);
			free(w);
		}
	}
	if (!b.len)
		return word(c, "none");
	return buf_steal(&b);
}

/* The reasons after the update, "before → after" and the mark when they changed. */
static char *reasons_cell(ctx *c, const json_t *p)
{
	const json_t *r = json_object_get(p, "reasons");
	char *n = reasons_text(c, p, json_object_get(r, "new"));
	if (!json_is_true(json_object_get(p, "reasons_changed")))
		return n;
	char *o = reasons_text(c, p, json_object_get(r, "old"));
	char *mark = word(c, "changed");
	char *s = xasprintf("%s \u2192 %s %s", o, n, mark);
	free(o);
	free(n);
	free(mark);
	return s;
}

/* The heading says which pairs are listed: selection is "decisions", "all" or "pair". */
static void pairs_table(ctx *c, const json_t *pairs, const char *selection)
{
	char heading[64];
	snprintf(heading, sizeof heading, "pairs_heading_%s", selection);
	header(c, heading, "pairs_column", 6);
	size_t i;
	json_t *p;
	json_array_foreach(pairs, i, p) {
		const json_t *mu = json_object_get(p, "monthly_usd");
		char *cells[6] = {
			xasprintf("%s / %s", json_string_value(json_object_get(p, "a")),
			          json_string_value(json_object_get(p, "b"))),
			two_money(c, json_object_get(mu, "old")), two_money(c, json_object_get(mu, "new")),
			change_cell(c, json_object_get(p, "cheaper"),
			            json_is_true(json_object_get(p, "cheaper_flipped"))),
			change_cell(c, json_object_get(p, "verdict"),
			            json_is_true(json_object_get(p, "verdict_flipped"))),
			reasons_cell(c, p)};
		row(c, cells, 6);
	}
}

void diff_render(vs_engine *e, const json_t *doc, bool md, vs_buf *out, vs_page *pg)
{
	ctx c = {e, pg, md, out, {0}};
	const json_t *models = json_object_get(doc, "models"), *pairs = json_object_get(doc, "pairs");
	const json_t *t = json_object_get(doc, "traffic");
	char *title = word(&c, "title");
	buf_add(out, md ? "# " : "");
	text(&c, title, ESC_MD_HEADING);
	buf_add(out, "\n\n");
	free(title);
	double args[5] = {(double)json_array_size(models), (double)json_array_size(pairs),
	                  num(json_object_get(t, "requests")), num(json_object_get(t, "input_tokens")),
	                  num(json_object_get(t, "output_tokens"))};
	char *intro = word_n(&c, "intro", args, 5);
	text(&c, intro, ESC_MD_PARA);
	buf_addc(out, '\n');
	free(intro);
	if (!json_array_size(models) && !json_array_size(pairs)) {
		char *s = word(&c, "nothing");
		buf_addc(out, '\n');
		text(&c, s, ESC_MD_PARA);
		buf_addc(out, '\n');
		free(s);
	}
	if (json_array_size(models))
		models_table(&c, models);
	if (json_array_size(pairs))
		pairs_table(&c, pairs, json_string_value(json_object_get(doc, "selection")));
	buf_free(&c.scratch);
}
