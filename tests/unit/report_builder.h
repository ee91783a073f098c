/*
** report_builder.h — build reports by hand for renderer tests: two models and their costs,
** an item, a three-cell row, three columns.  Header-only, shared by test_render.c and
** test_render_html.c.
*/
#ifndef VERSUS_TEST_REPORT_BUILDER_H
#define VERSUS_TEST_REPORT_BUILDER_H

#include <stdlib.h>

#include "render.h"
#include "util.h"

static inline void set(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? xstrdup(s) : NULL;
}

/* report_init, then the title and the two models' ids and names, at the default traffic. */
static inline void two_models(vs_report *r, const char *title, const char *id_a,
                              const char *name_a, const char *id_b, const char *name_b)
{
	vs_traffic t = VS_TRAFFIC_DEFAULT;
	report_init(r);
	set(&r->title, title);
	set(&r->models[0].id, id_a);
	set(&r->models[0].name, name_a);
	set(&r->models[1].id, id_b);
	set(&r->models[1].name, name_b);
	r->traffic = t;
}

/* Model m's cost is known: monthly, on its route_index'th route (named route, or NULL). */
static inline void cost_known(vs_report *r, int m, double monthly, int route_index,
                              const char *route)
{
	r->models[m].cost.status = VS_COST_OK;
	r->models[m].cost.monthly = monthly;
	r->models[m].cost.route_index = route_index;
	if (route)
		set(&r->models[m].route, route);
}

/* Model m's cost is unknown, for the reason status. */
static inline void cost_unknown(vs_report *r, int m, vs_cost_status status)
{
	r->models[m].cost.status = status;
	r->models[m].cost.route_index = -1;
}

static inline vs_item *item(vs_report *r, vs_section_id sec, const char *key, const char *text,
                            const char *source)
{
	vs_item *it = report_add_item(r, sec);
	set(&it->key, key);
	set(&it->text, text);
	set(&it->source, source);
	return it;
}

/* A heading and a style for section sec. */
static inline void titled(vs_report *r, vs_section_id sec, const char *title, vs_style style)
{
	set(&r->sections[sec].title, title);
	r->sections[sec].style = style;
}

/* A question and its answer in the FAQ section. */
static inline vs_item *faq(vs_report *r, const char *key, const char *question,
                           const char *answer, const char *source)
{
	vs_item *it = report_add_item(r, VS_SEC_FAQ);
	set(&it->key, key);
	set(&it->question, question);
	set(&it->answer, answer);
	set(&it->source, source);
	return it;
}

static inline vs_item *row(vs_report *r, vs_section_id sec, const char *key, const char *c0,
                           const char *c1, const char *c2, const char *source)
{
	vs_item *it = report_add_row(r, sec);
	set(&it->key, key);
	strv_push(&it->cells, c0);
	strv_push(&it->cells, c1);
	strv_push(&it->cells, c2);
	set(&it->source, source);
	return it;
}

static inline void columns(vs_report *r, vs_section_id sec, const char *c0, const char *c1,
                           const char *c2)
{
	strv_push(&r->sections[sec].columns, c0);
	strv_push(&r->sections[sec].columns, c1);
	strv_push(&r->sections[sec].columns, c2);
}

#endif
