/* report.c — the report data structure: sections, items, rows. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const char *const section_names[VS_SEC_COUNT] = {
	"summary", "scorecard", "tradeoffs", "cost", "friction", "specs", "pricing", "routes",
	"capabilities", "benchmarks", "deep_dive", "faq", "related", "provenance",
};

static const char *const style_names[] = {"paragraphs", "list", "faq", "links"};

const char *section_name(vs_section_id id)
{
	return (unsigned)id < VS_SEC_COUNT ? section_names[id] : NULL;
}

int section_from_name(const char *name)
{
	for (int i = 0; i < VS_SEC_COUNT; i++)
		if (strcmp(section_names[i], name) == 0)
			return i;
	return -1;
}

int style_from_name(const char *name)
{
	for (size_t i = 0; i < VS_ARRAY_LEN(style_names); i++)
		if (strcmp(style_names[i], name) == 0)
			return (int)i;
	return -1;
}

void report_init(vs_report *r)
{
	memset(r, 0, sizeof *r);
	r->cheaper = -1;
	for (int i = 0; i < VS_SEC_COUNT; i++) {
		r->sections[i].id = (vs_section_id)i;
		r->sections[i].title = xstrdup("");
	}
}

char *item_pair_command(const vs_item *it)
{
	if (!it->href || !*it->href || it->about.n != 2)
		return NULL;
	const char *x = it->about.v[0], *y = it->about.v[1];
	if (strcmp(x, y) > 0) {
		const char *tmp = x;
		x = y;
		y = tmp;
	}
	return xasprintf("versus compare %s %s", x, y);
}

void item_free(vs_item *it)
{
	free(it->key);
	strv_free(&it->about);
	strv_free(&it->values);
	free(it->text);
	free(it->question);
	free(it->answer);
	strv_free(&it->cells);
	free(it->href);
	free(it->source);
	free(it->origin);
	memset(it, 0, sizeof *it);
}

void report_free(vs_report *r)
{
	free(r->title);
	free(r->title_source);
	free(r->title_origin);
	for (int m = 0; m < 2; m++) {
		free(r->models[m].id);
		free(r->models[m].name);
		free(r->models[m].route);
		free(r->models[m].cheapest_route);
		cost_free(&r->models[m].cost);
		cost_curve_free(&r->curves[m]);
	}
	for (int i = 0; i < VS_SEC_COUNT; i++) {
		vs_section *s = &r->sections[i];
		free(s->title);
		free(s->source);
		free(s->origin);
		strv_free(&s->columns);
		strv_free(&s->chart);
		for (size_t j = 0; j < s->n_items; j++)
			item_free(&s->items[j]);
		for (size_t j = 0; j < s->n_rows; j++)
			item_free(&s->rows[j]);
		free(s->items);
		free(s->rows);
	}
	cost_crossovers_free(&r->crossovers);
	diags_free(&r->diags);
	memset(r, 0, sizeof *r);
}

vs_layout item_layout(const vs_section *s, const vs_item *it)
{
	if (it->question)
		return VS_LAYOUT_QA;
	switch (s->style) {
	case VS_STYLE_LIST:
		return VS_LAYOUT_BULLET;
	case VS_STYLE_LINKS:
		return VS_LAYOUT_LINK;
	case VS_STYLE_PARAGRAPHS:
	case VS_STYLE_FAQ:
		break;
	}
	return VS_LAYOUT_PARAGRAPH;
}

vs_item *report_add_item(vs_report *r, vs_section_id sec)
{
	vs_section *s = &r->sections[sec];
	vs_item *it = VS_PUSH(s->items, s->n_items, s->cap_items);
	memset(it, 0, sizeof *it);
	return it;
}

vs_item *report_add_row(vs_report *r, vs_section_id sec)
{
	vs_section *s = &r->sections[sec];
	vs_item *it = VS_PUSH(s->rows, s->n_rows, s->cap_rows);
	memset(it, 0, sizeof *it);
	return it;
}

void report_cost_curves(vs_report *r, const json_t *a, const json_t *b)
{
	const json_t *m[2] = {a, b};
	double hi = 0;
	for (int i = 0; i < 2; i++) {
		const json_t *w = json_object_get(m[i], "context_window");
		if (json_is_number(w) && json_number_value(w) > hi)
			hi = json_number_value(w);
	}
	if (hi == 0)
		hi = 1e6;
	r->curve_lo = 100;
	r->curve_hi = hi > 1000 ? hi : 1000; /* a decade at least, even for a tiny window */
	for (int i = 0; i < 2; i++) {
		cost_curve_free(&r->curves[i]);
		cost_curve(m[i], &r->traffic, r->curve_lo, r->curve_hi, &r->curves[i]);
	}
}

void page_free(vs_page *pg)
{
	free(pg->title);
	strv_free(&pg->intro);
	strv_free(&pg->columns);
	for (size_t i = 0; i < pg->n_rows; i++) {
		strv_free(&pg->rows[i]);
		free(pg->row_links[i]);
	}
	free(pg->rows);
	free(pg->row_links);
	free(pg->links_heading);
	for (size_t i = 0; i < pg->n_links; i++) {
		free(pg->links[i].text);
		free(pg->links[i].href);
	}
	free(pg->links);
	free(pg->back.text);
	free(pg->back.href);
	diags_free(&pg->diags);
	memset(pg, 0, sizeof *pg);
}
