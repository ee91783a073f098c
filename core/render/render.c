/*
** render.c — the one walk over a report that Markdown, HTML and text share (render.h).
**
** Here, and only here, is decided what a reader sees: a blank title or heading is left out,
** an item shows when it has words (a question or an answer for a FAQ entry), a section
** shows when its title, an item or its table does, and a table shows when it has a column
** and a row.  What a piece looks like is the format's (its vs_render_ops).
**
** JSON is not walked here: versus-report/1 is the whole report as data, blank strings,
** empty sections and tables without rows included, so it has nothing to decide about what
** is shown, and its shape (cost, traffic, diagnostics) is not the document's.
*/
#include "render.h"

#include "escape.h"

size_t render_ncols(size_t header, const vs_strv *rows, size_t n_rows, size_t stride)
{
	size_t ncols = header;
	const char *row = (const char *)rows;
	for (size_t i = 0; i < n_rows; i++, row += stride) {
		const vs_strv *cells = (const vs_strv *)(const void *)row;
		if (cells->n > ncols)
			ncols = cells->n;
	}
	return ncols;
}

bool render_block(vs_blocks *b, bool bullet)
{
	bool gap = b->any && !(bullet && b->in_list);
	b->any = true;
	b->in_list = bullet;
	return gap;
}

static size_t table_cols(const vs_section *s)
{
	return s->n_rows ? render_ncols(s->columns.n, &s->rows[0].cells, s->n_rows, sizeof *s->rows)
	                 : s->columns.n;
}

/* A header with no rows says nothing; the rule's own text says "none". */
static bool has_table(const vs_section *s)
{
	return s->n_rows > 0 && table_cols(s) > 0;
}

static bool item_shows(const vs_item *it)
{
	if (it->question) /* item_layout's VS_LAYOUT_QA */
		return !esc_blank(it->question) || !esc_blank(it->answer);
	return !esc_blank(it->text);
}

/* Does the section show anything? */
static bool section_shows(const vs_section *s)
{
	if (!esc_blank(s->title))
		return true;
	for (size_t i = 0; i < s->n_items; i++)
		if (item_shows(&s->items[i]))
			return true;
	return has_table(s);
}

static void walk_item(const vs_render_ops *ops, void *st, const vs_section *s, const vs_item *it)
{
	vs_layout layout = item_layout(s, it);
	if (!item_shows(it))
		return;
	if (layout == VS_LAYOUT_QA)
		ops->qa(st, it, !esc_blank(it->question), !esc_blank(it->answer));
	else if (s->id == VS_SEC_PROVENANCE && it->values.n && ops->sources)
		/* Sources: the record's validated URLs, listed in values, are links. */
		ops->sources(st, it);
	else if (layout == VS_LAYOUT_PARAGRAPH)
		ops->paragraph(st, it->text, it->source);
	else
		ops->bullet(st, it, layout == VS_LAYOUT_LINK);
}

static void walk_section(const vs_report *r, const vs_render_ops *ops, void *st,
                         const vs_section *s)
{
	bool titled = !esc_blank(s->title);
	if (ops->section_start)
		ops->section_start(st, s);
	if (titled) /* its section{}: the heading and the columns */
		ops->heading(st, s->title, s->source);
	for (size_t i = 0; i < s->n_items; i++)
		walk_item(ops, st, s, &s->items[i]);
	if (has_table(s))
		ops->table(st, s, table_cols(s), titled);
	if (ops->after[s->id])
		ops->after[s->id](st, r);
	if (ops->section_end)
		ops->section_end(st, s);
}

void render_walk(const vs_report *r, const vs_render_opts *o, const vs_render_ops *ops,
                 void *st)
{
	bool any = false;
	if (ops->start)
		ops->start(st, r);
	if (!esc_blank(r->title)) {
		ops->title(st, r->title, r->title_source);
		any = true;
	}
	if (ops->front)
		ops->front(st);
	if (o && o->explain && !esc_blank(o->rules_dir_note)) {
		ops->rules_note(st, o->rules_dir_note); /* which directory the sources are in */
		any = true;
	}
	for (int i = 0; i < VS_SEC_COUNT; i++) {
		if (!section_shows(&r->sections[i]))
			continue;
		walk_section(r, ops, st, &r->sections[i]);
		any = true;
	}
	if (ops->end)
		ops->end(st, any);
}
