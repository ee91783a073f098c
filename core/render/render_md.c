/*
** render_md.c — the report as GitHub-flavoured Markdown.
**
** Structure only: headings, paragraphs, bullets, links and tables; every word comes from the
** report.  Every data string goes through escape.c's esc_md (esc_md_links for an item that
** names its sources, esc_md_comment for --explain) so that nothing a record or a rule holds
** can create markup: no row split by a newline or a '|', no raw HTML (a '<' becomes "&lt;"),
** no emphasis, code, link or image, no heading, list or quote at the start of a paragraph.
** Backslash escapes are used for ASCII punctuation, which CommonMark always renders as the
** character itself (hardening.md cases 116-120).
*/
#include "report.h"

#include "escape.h"

#include <stdlib.h>
#include <string.h>

#define EM_DASH "\xE2\x80\x94" /* U+2014: unknown, in an empty cell */

/* {====== Escaping: escape.c decides; a link target is a page name plus its suffix */

static void md_href(vs_buf *out, const char *href, const char *suffix)
{
	esc_href(out, href);
	if (suffix)
		esc_href(out, suffix);
}

/* }====== */

/* {====== Blocks */

typedef struct md {
	vs_buf *out;
	vs_buf scratch; /* for esc_md */
	const vs_render_opts *o;
	bool any;     /* a block has been written: the next one starts after a blank line */
	bool in_list; /* the last block was a bullet: the next bullet continues the list */
} md;

static void block(md *m, bool bullet)
{
	if (m->any && !(bullet && m->in_list))
		buf_addc(m->out, '\n');
	m->any = true;
	m->in_list = bullet;
}


/* End a line that came from an item or row: --explain adds its source as a comment. */
static void end_line(md *m, const char *source)
{
	if (m->o && m->o->explain && source && *source) {
		buf_addc(m->out, ' ');
		esc_md_comment(m->out, &m->scratch, source);
	}
	buf_addc(m->out, '\n');
}

static bool empty(const char *s)
{
	return esc_blank(s);
}

static void heading(md *m, int level, const char *text, const char *source)
{
	block(m, false);
	for (int i = 0; i < level; i++)
		buf_addc(m->out, '#');
	buf_addc(m->out, ' ');
	esc_md(m->out, &m->scratch, text, ESC_MD_HEADING);
	end_line(m, source);
}

static void paragraph(md *m, const char *text, const char *source)
{
	block(m, false);
	esc_md(m->out, &m->scratch, text, ESC_MD_PARA);
	end_line(m, source);
}

static void linked_paragraph(md *m, const vs_item *it)
{
	block(m, false);
	esc_md_links(m->out, &m->scratch, it->text, ESC_MD_PARA, (const char *const *)it->values.v,
	             it->values.n);
	end_line(m, it->source);
}

static void bullet(md *m, const vs_item *it, bool link)
{
	const char *text = it->text, *href = link ? it->href : NULL, *source = it->source;
	block(m, true);
	buf_add(m->out, "- ");
	if (href && *href && m->o && m->o->link_suffix) {
		buf_addc(m->out, '[');
		esc_md(m->out, &m->scratch, text, ESC_MD_INLINE);
		buf_add(m->out, "](");
		if (m->o->link_base)
			esc_url_base(m->out, m->o->link_base);
		md_href(m->out, href, m->o->link_suffix);
		buf_addc(m->out, ')');
	} else {
		esc_md(m->out, &m->scratch, text, ESC_MD_PARA);
		char *cmd = link ? item_pair_command(it) : NULL;
		if (cmd) {
			buf_add(m->out, " (`");
			esc_md(m->out, &m->scratch, cmd, ESC_MD_INLINE);
			buf_add(m->out, "`)");
		}
		free(cmd);
	}
	end_line(m, source);
}

static void table_row(md *m, const vs_strv *cells, size_t ncols, bool header,
                      const char *source)
{
	buf_addc(m->out, '|');
	for (size_t i = 0; i < ncols; i++) {
		const char *c = i < cells->n ? cells->v[i] : "";
		buf_addc(m->out, ' ');
		if (header && empty(c))
			; /* a header the rules did not name stays empty */
		else
			esc_md(m->out, &m->scratch, c, ESC_MD_CELL);
		buf_add(m->out, " |");
	}
	end_line(m, source);
}

static void table(md *m, const vs_section *s)
{
	size_t ncols = s->columns.n;
	for (size_t i = 0; i < s->n_rows; i++)
		if (s->rows[i].cells.n > ncols)
			ncols = s->rows[i].cells.n; /* never drop a cell GFM would ignore */
	/* A header with no rows says nothing; the rule's own text says "none". */
	if (ncols == 0 || s->n_rows == 0)
		return;
	block(m, false);
	/* A GFM header row takes no trailing comment (its cells must match the delimiter row),
	** so the columns' source is the heading's; a table without a heading gets it on a line
	** of its own, which ends as an HTML block before the table starts. */
	if (m->o && m->o->explain && empty(s->title) && !empty(s->source)) {
		esc_md_comment(m->out, &m->scratch, s->source);
		buf_addc(m->out, '\n');
	}
	table_row(m, &s->columns, ncols, true, NULL);
	buf_addc(m->out, '|');
	for (size_t i = 0; i < ncols; i++)
		buf_add(m->out, "---|");
	buf_addc(m->out, '\n');
	for (size_t i = 0; i < s->n_rows; i++)
		table_row(m, &s->rows[i].cells, ncols, false, s->rows[i].source);
}

static void section(md *m, const vs_section *s)
{
	if (!empty(s->title))
		heading(m, 2, s->title, s->source); /* its section{}: the heading and the columns */
	for (size_t i = 0; i < s->n_items; i++) {
		const vs_item *it = &s->items[i];
		vs_layout layout = item_layout(s, it);
		if (layout == VS_LAYOUT_QA) {
			if (!empty(it->question))
				heading(m, 3, it->question, it->source);
			if (!empty(it->answer))
				paragraph(m, it->answer, it->source);
		} else if (!empty(it->text)) {
			if (s->id == VS_SEC_PROVENANCE && it->values.n)
				/* Sources: the record's validated URLs, listed in values, are links. */
				linked_paragraph(m, it);
			else if (layout == VS_LAYOUT_PARAGRAPH)
				paragraph(m, it->text, it->source);
			else
				bullet(m, it, layout == VS_LAYOUT_LINK);
		}
	}
	table(m, s);
}

/* }====== */

void render_md(const vs_report *r, const vs_render_opts *o, vs_buf *out)
{
	md m = {.out = out, .o = o};

	if (!empty(r->title))
		heading(&m, 1, r->title, r->title_source);
	if (o && o->explain && !empty(o->rules_dir_note)) {
		block(&m, false); /* which rules directory the sources are relative to */
		esc_md_comment(out, &m.scratch, o->rules_dir_note);
		buf_addc(out, '\n');
	}
	for (int i = 0; i < VS_SEC_COUNT; i++)
		section(&m, &r->sections[i]);
	if (!m.any)
		buf_addc(out, '\n');
	buf_free(&m.scratch);
}
