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
#include "render.h"

#include "escape.h"

#include <stdlib.h>
#include <string.h>

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
	vs_blocks blocks;
} md;

static void block(md *m, bool bullet)
{
	if (render_block(&m->blocks, bullet))
		buf_addc(m->out, '\n');
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

static void heading(md *m, int level, const char *text, const char *source)
{
	block(m, false);
	for (int i = 0; i < level; i++)
		buf_addc(m->out, '#');
	buf_addc(m->out, ' ');
	esc_md(m->out, &m->scratch, text, ESC_MD_HEADING);
	end_line(m, source);
}

static void md_title(void *st, const char *text, const char *source)
{
	heading(st, 1, text, source);
}

static void md_heading(void *st, const char *text, const char *source)
{
	heading(st, 2, text, source);
}

static void md_rules_note(void *st, const char *note)
{
	md *m = st;
	block(m, false);
	esc_md_comment(m->out, &m->scratch, note);
	buf_addc(m->out, '\n');
}

static void md_paragraph(void *st, const char *text, const char *source)
{
	md *m = st;
	block(m, false);
	esc_md(m->out, &m->scratch, text, ESC_MD_PARA);
	end_line(m, source);
}

static void md_qa(void *st, const vs_item *it, bool has_q, bool has_a)
{
	if (has_q)
		heading(st, 3, it->question, it->source);
	if (has_a)
		md_paragraph(st, it->answer, it->source);
}

/* The provenance item: its URLs among the values are links. */
static void md_sources(void *st, const vs_item *it)
{
	md *m = st;
	block(m, false);
	esc_md_links(m->out, &m->scratch, it->text, ESC_MD_PARA, (const char *const *)it->values.v,
	             it->values.n);
	end_line(m, it->source);
}

static void md_bullet(void *st, const vs_item *it, bool link)
{
	md *m = st;
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
		if (header && esc_blank(c))
			; /* a header the rules did not name stays empty */
		else
			esc_md(m->out, &m->scratch, c, ESC_MD_CELL);
		buf_add(m->out, " |");
	}
	end_line(m, source);
}

/* ncols counts every cell: GFM would ignore one past the header's. */
static void md_table(void *st, const vs_section *s, size_t ncols, bool titled)
{
	md *m = st;
	block(m, false);
	/* A GFM header row takes no trailing comment (its cells must match the delimiter row),
	** so the columns' source is the heading's; a table without a heading gets it on a line
	** of its own, which ends as an HTML block before the table starts. */
	if (m->o && m->o->explain && !titled && !esc_blank(s->source)) {
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

static void md_end(void *st, bool any)
{
	md *m = st;
	if (!any)
		buf_addc(m->out, '\n'); /* an empty report: one empty line */
}

/* }====== */

static const vs_render_ops md_ops = {
	.title = md_title,
	.rules_note = md_rules_note,
	.heading = md_heading,
	.paragraph = md_paragraph,
	.bullet = md_bullet,
	.qa = md_qa,
	.sources = md_sources,
	.table = md_table,
	.end = md_end,
};

void render_md(const vs_report *r, const vs_render_opts *o, vs_buf *out)
{
	md m = {.out = out, .o = o};
	render_walk(r, o, &md_ops, &m);
	buf_free(&m.scratch);
}
