/*
** report_builder.h — build reports by hand for renderer tests: an item, a three-cell row,
** three columns.  Header-only, shared by test_render.c and test_render_html.c.
*/
#ifndef VERSUS_TEST_REPORT_BUILDER_H
#define VERSUS_TEST_REPORT_BUILDER_H

#include <stdlib.h>

#include "report.h"
#include "util.h"

static inline void set(char **dst, const char *s)
{
	free(*dst);
	*dst = s ? xstrdup(s) : NULL;
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
