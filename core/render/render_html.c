/*
** render_html.c — the report as one self-contained HTML page, and a site's other pages.
**
** Inline CSS (light and dark colour schemes, a narrow-screen layout where tables scroll
** inside a wrapper), no script, no external request.  What shows is the walk's (render.c):
** the title, then each section with its heading, items laid out by the section's style, and
** its table; the cost section also carries render_chart.c's chart, when the driver filled
** the report's cost curves.
**
** No English here: every word comes from the report (section titles, items, the cost
** table's headers and cells, model names).  Every data string goes through escape.c:
** esc_html for text and attributes (it escapes & < > " ' and drops control characters),
** esc_html_links for a provenance item, whose validated http(s) URLs become links, and
** esc_href / esc_url_base for the targets of the links the renderer makes.
*/
#include "render.h"

#include "escape.h"
#include "render_chart.h"

#include <stdlib.h>
#include <string.h>

#define EM_DASH "\xE2\x80\x94" /* U+2014: unknown, in an empty cell */

/* {====== Page */

static const char css[] =
	":root{color-scheme:light dark;--fg:#1b1f24;--bg:#ffffff;--muted:#57606a;"
	"--line:#d0d7de;--head:#f3f5f7;--link:#0a58ca;--a:#1f5fbf;--b:#c2410c;--mark:#6e7781}\n"
	"@media (prefers-color-scheme: dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9da7b3;"
	"--line:#30363d;--head:#161b22;--link:#6cb6ff;--a:#6cb6ff;--b:#ff9a5c;--mark:#8b949e}}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;background:var(--bg);color:var(--fg);"
	"font:16px/1.55 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif}\n"
	"main{max-width:60rem;margin:0 auto;padding:1rem 1.25rem 3rem;overflow-wrap:break-word}\n"
	"h1{font-size:1.75rem;line-height:1.25;margin:.5rem 0 1rem}\n"
	"h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.25rem;"
	"border-bottom:1px solid var(--line)}\n"
	"h3{font-size:1.05rem;margin:1.25rem 0 .25rem}\n"
	"p,ul{margin:.5rem 0}\n"
	"a{color:var(--link)}\n"
	".tw{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.75rem 0}\n"
	"table{border-collapse:collapse;min-width:100%;font-size:.95rem}\n"
	"th,td{border:1px solid var(--line);padding:.35rem .6rem;text-align:left;"
	"vertical-align:top}\n"
	"thead th{background:var(--head)}\n"
	"td:first-child{font-weight:600}\n"
	".src{color:var(--muted);font-size:.75rem;margin-left:.4rem;overflow-wrap:anywhere}\n"
	"figure.chart{margin:1rem 0}\n"
	"figure.chart svg.plot{width:100%;height:auto;max-width:44rem;display:block}\n"
	".plot text{fill:var(--fg);font-size:14px}\n"
	".plot .mkl{font-weight:700}\n"
	".plot .at{fill:var(--muted)}\n"
	".plot .ax{stroke:var(--line);stroke-width:1}\n"
	".plot .frame{stroke:var(--muted);stroke-width:1;fill:none}\n"
	".plot .mk{stroke:var(--mark);stroke-width:1.5;stroke-dasharray:2 3}\n"
	".plot .xo{stroke:var(--fg);stroke-width:1.5;stroke-dasharray:6 3}\n"
	".plot .xol{font-weight:600;paint-order:stroke;stroke:var(--bg);stroke-width:4px}\n"
	".l0{stroke:var(--a);stroke-width:3;fill:none}\n"
	".l1{stroke:var(--b);stroke-width:3;fill:none;stroke-dasharray:8 5}\n"
	".d0{fill:var(--a)}\n.d1{fill:var(--b)}\n"
	".plot .na{fill:var(--muted);font-style:italic;paint-order:stroke;stroke:var(--bg);"
	"stroke-width:5px}\n"
	"figcaption ul{list-style:none;padding:0;margin:.5rem 0}\n"
	"figcaption li{margin:.2rem 0}\n"
	"svg.sw{vertical-align:middle;margin-right:.4rem}\n"
	"@media (max-width:40rem){body{font-size:15px}main{padding:.75rem .75rem 2rem}"
	"h1{font-size:1.4rem}h2{font-size:1.15rem}th,td{padding:.3rem .45rem}"
	".plot text{font-size:17px}}\n"
	/* The chart scales with the page: on a 390 px phone its 580 units are some 366 px wide,
	** so 20 units of text read as 12.6 px (14 units were 8.8 px); every other tick label of a
	** crowded axis gives way. */
	"@media (max-width:30rem){.plot text{font-size:20px}.plot .t2{display:none}}\n";

typedef struct page {
	vs_buf *out;
	const vs_render_opts *o;
	bool in_list;
} page;

static bool explain(const page *p, const char *source)
{
	return p->o && p->o->explain && !esc_blank(source);
}

/* The item's source between open and close, when explaining: an attribute of the item's
** element (src_attr) or a visible note after it (src_note). */
static void src_between(page *p, const char *source, const char *open, const char *close)
{
	if (!explain(p, source))
		return;
	buf_add(p->out, open);
	esc_html(p->out, source);
	buf_add(p->out, close);
}

static void src_attr(page *p, const char *source)
{
	src_between(p, source, " data-source=\"", "\"");
}

static void src_note(page *p, const char *source)
{
	src_between(p, source, "<small class=\"src\">", "</small>");
}

static void end_list(page *p)
{
	if (p->in_list)
		buf_add(p->out, "</ul>\n");
	p->in_list = false;
}

static void element(page *p, const char *tag, const char *text, const char *source)
{
	end_list(p);
	buf_addc(p->out, '<');
	buf_add(p->out, tag);
	src_attr(p, source);
	buf_addc(p->out, '>');
	esc_html(p->out, text);
	src_note(p, source);
	buf_addn(p->out, "</", 2);
	buf_add(p->out, tag);
	buf_addn(p->out, ">\n", 2);
}

/* The provenance item: its URLs among the values are links. */
static void html_sources(void *st, const vs_item *it)
{
	page *p = st;
	end_list(p);
	buf_add(p->out, "<p");
	src_attr(p, it->source);
	buf_addc(p->out, '>');
	esc_html_links(p->out, it->text, (const char *const *)it->values.v, it->values.n);
	src_note(p, it->source);
	buf_add(p->out, "</p>\n");
}

static void html_bullet(void *st, const vs_item *it, bool link)
{
	page *p = st;
	const char *text = it->text, *href = link ? it->href : NULL, *source = it->source;
	if (!p->in_list)
		buf_add(p->out, "<ul>\n");
	p->in_list = true;
	buf_add(p->out, "<li");
	src_attr(p, source);
	buf_addc(p->out, '>');
	if (href && *href && p->o && p->o->link_suffix) {
		buf_add(p->out, "<a href=\"");
		if (p->o->link_base)
			esc_url_base(p->out, p->o->link_base);
		esc_href(p->out, href);
		esc_href(p->out, p->o->link_suffix);
		buf_add(p->out, "\">");
		esc_html(p->out, text);
		buf_add(p->out, "</a>");
	} else {
		esc_html(p->out, text);
		char *cmd = link ? item_pair_command(it) : NULL;
		if (cmd) {
			buf_add(p->out, " <code>");
			esc_html(p->out, cmd);
			buf_add(p->out, "</code>");
		}
		free(cmd);
	}
	src_note(p, source);
	buf_add(p->out, "</li>\n");
}


static void html_paragraph(void *st, const char *text, const char *source)
{
	element(st, "p", text, source);
}

static void html_title(void *st, const char *text, const char *source)
{
	element(st, "h1", text, source);
}

static void html_heading(void *st, const char *text, const char *source)
{
	element(st, "h2", text, source);
}

static void html_qa(void *st, const vs_item *it, bool has_q, bool has_a)
{
	if (has_q)
		element(st, "h3", it->question, it->source);
	if (has_a)
		element(st, "p", it->answer, it->source);
}

/* The header row: its columns come from the section{}, as its heading does. */
static void table_head(page *p, const vs_section *s, size_t ncols)
{
	buf_add(p->out, "<div class=\"tw\"><table>\n<thead><tr");
	src_attr(p, s->source);
	buf_addc(p->out, '>');
	for (size_t c = 0; c < ncols; c++) {
		buf_add(p->out, "<th scope=\"col\">");
		if (c < s->columns.n)
			esc_html(p->out, s->columns.v[c]);
		if (c + 1 == ncols && s->columns.n > 0)
			src_note(p, s->source);
		buf_add(p->out, "</th>");
	}
	buf_add(p->out, "</tr></thead>\n<tbody>\n");
}

static void html_table(void *st, const vs_section *s, size_t ncols, bool titled)
{
	page *p = st;
	(void)titled; /* the header row carries the columns' source itself */
	end_list(p);
	table_head(p, s, ncols);
	for (size_t i = 0; i < s->n_rows; i++) {
		const vs_item *row = &s->rows[i];
		buf_add(p->out, "<tr");
		src_attr(p, row->source);
		buf_addc(p->out, '>');
		for (size_t c = 0; c < ncols; c++) {
			const char *cell = c < row->cells.n ? row->cells.v[c] : "";
			buf_add(p->out, "<td>");
			if (esc_blank(cell))
				buf_add(p->out, EM_DASH);
			else
				esc_html(p->out, cell);
			if (c + 1 == ncols)
				src_note(p, row->source);
			buf_add(p->out, "</td>");
		}
		buf_add(p->out, "</tr>\n");
	}
	buf_add(p->out, "</tbody>\n</table></div>\n");
}

/* The cost section's hook: the chart below its table. */
static void html_cost(void *st, const vs_report *r)
{
	page *p = st;
	end_list(p);
	html_cost_chart(r, p->out);
}

static void html_section_start(void *st, const vs_section *s)
{
	page *p = st;
	buf_add(p->out, "<section id=\"");
	esc_html(p->out, section_name(s->id));
	buf_add(p->out, "\">\n");
}

static void html_section_end(void *st, const vs_section *s)
{
	page *p = st;
	(void)s;
	end_list(p);
	buf_add(p->out, "</section>\n");
}

/* }====== */

/* {====== Page frame and a site's pages */

/* The page up to its heading: the same head, styles and main element for every page. */
static void page_head(vs_buf *out, const char *title)
{
	buf_add(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	        "<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
	esc_html(out, title);
	buf_add(out, "</title>\n<style>\n");
	buf_add(out, css);
	buf_add(out, "</style>\n</head>\n<body>\n<main>\n");
}

/* A relative link the site made (never data): "models/x.html", "../compare/a-vs-b.html".
** Each path segment is percent-encoded, '/' kept. */
static void site_href(vs_buf *out, const char *href)
{
	for (const char *seg = href; seg;) {
		const char *slash = strchr(seg, '/');
		size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
		char *part = xstrndup(seg, n);
		if (strcmp(part, "..") == 0)
			buf_add(out, "..");
		else
			esc_href(out, part);
		free(part);
		if (slash)
			buf_addc(out, '/');
		seg = slash ? slash + 1 : NULL;
	}
}

static void site_link(vs_buf *out, const char *href, const char *text)
{
	buf_add(out, "<a href=\"");
	site_href(out, href);
	buf_add(out, "\">");
	esc_html(out, text);
	buf_add(out, "</a>");
}

/* A site page's table: the first cell of a row links to its page when it has one. */
static void page_table(const vs_page *pg, vs_buf *out)
{
	size_t ncols = render_ncols(pg->columns.n, pg->rows, pg->n_rows, sizeof *pg->rows);
	buf_add(out, "<div class=\"tw\"><table>\n<thead><tr>");
	for (size_t c = 0; c < ncols; c++) {
		buf_add(out, "<th scope=\"col\">");
		if (c < pg->columns.n)
			esc_html(out, pg->columns.v[c]);
		buf_add(out, "</th>");
	}
	buf_add(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < pg->n_rows; i++) {
		buf_add(out, "<tr>");
		for (size_t c = 0; c < ncols; c++) {
			const char *cell = c < pg->rows[i].n ? pg->rows[i].v[c] : "";
			buf_add(out, "<td>");
			if (esc_blank(cell))
				buf_add(out, EM_DASH);
			else if (c == 0 && pg->row_links[i])
				site_link(out, pg->row_links[i], cell);
			else
				esc_html(out, cell);
			buf_add(out, "</td>");
		}
		buf_add(out, "</tr>\n");
	}
	buf_add(out, "</tbody>\n</table></div>\n");
}

void render_page_html(const vs_page *pg, vs_buf *out)
{
	page_head(out, pg->title);
	if (!esc_blank(pg->title)) {
		buf_add(out, "<h1>");
		esc_html(out, pg->title);
		buf_add(out, "</h1>\n");
	}
	if (pg->back.text && pg->back.href) {
		buf_add(out, "<p>");
		site_link(out, pg->back.href, pg->back.text);
		buf_add(out, "</p>\n");
	}
	for (size_t i = 0; i < pg->intro.n; i++) {
		buf_add(out, "<p>");
		esc_html(out, pg->intro.v[i]);
		buf_add(out, "</p>\n");
	}
	if (pg->n_rows)
		page_table(pg, out);
	if (pg->n_links) {
		if (!esc_blank(pg->links_heading)) {
			buf_add(out, "<h2>");
			esc_html(out, pg->links_heading);
			buf_add(out, "</h2>\n");
		}
		buf_add(out, "<ul>\n");
		for (size_t i = 0; i < pg->n_links; i++) {
			buf_add(out, "<li>");
			site_link(out, pg->links[i].href, pg->links[i].text);
			buf_add(out, "</li>\n");
		}
		buf_add(out, "</ul>\n");
	}
	buf_add(out, "</main>\n</body>\n</html>\n");
}

/* A site page's links to the pages around it, under its title: "All models · A · B". */
static void site_nav(vs_buf *out, const vs_link *links, size_t n)
{
	size_t shown = 0;
	for (size_t i = 0; i < n; i++) {
		if (esc_blank(links[i].text) || !links[i].href)
			continue;
		buf_add(out, shown++ ? " \xC2\xB7 " : "<nav>");
		site_link(out, links[i].href, links[i].text);
	}
	if (shown)
		buf_add(out, "</nav>\n");
}

static void html_start(void *st, const vs_report *r)
{
	page *p = st;
	page_head(p->out, r->title);
}

static void html_front(void *st)
{
	page *p = st;
	if (p->o && p->o->n_nav)
		site_nav(p->out, p->o->nav, p->o->n_nav);
}

static void html_rules_note(void *st, const char *note)
{
	page *p = st;
	buf_add(p->out, "<p><small class=\"src\">");
	esc_html(p->out, note);
	buf_add(p->out, "</small></p>\n");
}

static void html_end(void *st, bool any)
{
	page *p = st;
	(void)any;
	buf_add(p->out, "</main>\n</body>\n</html>\n");
}

/* }====== */

static const vs_render_ops html_ops = {
	.start = html_start,
	.title = html_title,
	.front = html_front,
	.rules_note = html_rules_note,
	.section_start = html_section_start,
	.heading = html_heading,
	.paragraph = html_paragraph,
	.bullet = html_bullet,
	.qa = html_qa,
	.sources = html_sources,
	.table = html_table,
	.after = {[VS_SEC_COST] = html_cost},
	.section_end = html_section_end,
	.end = html_end,
};

void render_html(const vs_report *r, const vs_render_opts *o, vs_buf *out)
{
	page p = {.out = out, .o = o};
	render_walk(r, o, &html_ops, &p);
}
