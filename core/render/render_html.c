/*
** render_html.c — the report as one self-contained HTML page.
**
** Inline CSS (light and dark colour schemes, a narrow-screen layout where tables scroll
** inside a wrapper), no script, no external request.  The structure follows render_md.c:
** title, then each section with its heading, items laid out by the section's style, and its
** table.  The cost section also carries an inline SVG chart of each model's monthly cost over
** input tokens per request (log scales, tiers as steps, lines ending at the context window,
** the chosen size marked), when the driver filled the report's cost curves.
**
** No English here: every word comes from the report (section titles, items, the cost
** table's headers and cells, model names).  Numbers on the chart's axes are digits with
** thousands separators and "$".  Every data string goes through escape.c's esc_html, which
** escapes & < > " ' and drops control characters, in text and in attributes alike.
*/
#include "report.h"

#include "escape.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EM_DASH "\xE2\x80\x94" /* U+2014: unknown, in an empty cell */


/* {====== Numbers (locale-free) */

/* An unsigned integer with ',' between groups of three digits. */
static void put_grouped(vs_buf *out, uint64_t v)
{
	char digits[24];
	int n = 0;
	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (int i = n - 1; i >= 0; i--) {
		buf_addc(out, digits[i]);
		if (i > 0 && i % 3 == 0)
			buf_addc(out, ',');
	}
}

/* A coordinate with one decimal, rounded: "12.3", "-4.0".  Hand-made, not printf: a chart
** writes hundreds of them per page. */
static void put_coord(vs_buf *out, double x)
{
	long long t = llround(x * 10.0);
	char tmp[32];
	int n = 0;
	bool neg = t < 0;
	unsigned long long u = neg ? (unsigned long long)(-t) : (unsigned long long)t;
	tmp[n++] = (char)('0' + u % 10);
	tmp[n++] = '.';
	u /= 10;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg)
		tmp[n++] = '-';
	char rev[32];
	for (int i = 0; i < n; i++)
		rev[i] = tmp[n - 1 - i];
	buf_addn(out, rev, (size_t)n);
}

/* "$" and 10^k: "$1,000" or "$0.001". */
static void put_money_decade(vs_buf *out, int k)
{
	buf_addc(out, '$');
	if (k >= 0) {
		if (k <= 19) {
			uint64_t v = 1;
			for (int i = 0; i < k; i++)
				v *= 10;
			put_grouped(out, v);
		} else {
			buf_addc(out, '1');
			for (int i = 0; i < k; i++) {
				if ((k - i) % 3 == 0)
					buf_addc(out, ',');
				buf_addc(out, '0');
			}
		}
	} else {
		buf_addn(out, "0.", 2);
		for (int i = 1; i < -k; i++)
			buf_addc(out, '0');
		buf_addc(out, '1');
	}
}

/* "1,000" for 10^k (k >= 0). */
static void put_decade(vs_buf *out, int k)
{
	uint64_t v = 1;
	for (int i = 0; i < k && i < 19; i++)
		v *= 10;
	put_grouped(out, v);
}

/* }====== */

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

/* ' data-source="..."' when explaining. */
static void src_attr(page *p, const char *source)
{
	if (!explain(p, source))
		return;
	buf_add(p->out, " data-source=\"");
	esc_html(p->out, source);
	buf_addc(p->out, '"');
}

/* The visible source after an item when explaining. */
static void src_note(page *p, const char *source)
{
	if (!explain(p, source))
		return;
	buf_add(p->out, "<small class=\"src\">");
	esc_html(p->out, source);
	buf_add(p->out, "</small>");
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
	buf_printf(p->out, "<%s", tag);
	src_attr(p, source);
	buf_addc(p->out, '>');
	esc_html(p->out, text);
	src_note(p, source);
	buf_printf(p->out, "</%s>\n", tag);
}

/* A paragraph whose URLs among the item's values are links. */
static void linked_paragraph(page *p, const vs_item *it)
{
	end_list(p);
	buf_add(p->out, "<p");
	src_attr(p, it->source);
	buf_addc(p->out, '>');
	esc_html_links(p->out, it->text, (const char *const *)it->values.v, it->values.n);
	src_note(p, it->source);
	buf_add(p->out, "</p>\n");
}

static void bullet(page *p, const vs_item *it, bool link)
{
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

static size_t table_cols(const vs_section *s)
{
	size_t ncols = s->columns.n;
	for (size_t i = 0; i < s->n_rows; i++)
		if (s->rows[i].cells.n > ncols)
			ncols = s->rows[i].cells.n;
	return ncols;
}

static void table(page *p, const vs_section *s)
{
	size_t ncols = table_cols(s);
	/* A header with no rows says nothing; the rule's own text says "none". */
	if (ncols == 0 || s->n_rows == 0)
		return;
	end_list(p);
	/* The header's columns come from the section{}, as its heading does. */
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

/* }====== */

/* {====== Cost chart */

/* Plot geometry in the SVG's user units. */
#define CW 580.0 /* viewBox width */
#define CH 346.0 /* viewBox height */
#define PL 118.0 /* plot left: room for "$10,000,000" at a phone's text size */
#define PR 536.0 /* plot right: room for half of "1,000,000" beyond it */
#define PT 40.0  /* plot top: the y axis title sits above the plot, read left to right */
#define PB 284.0 /* plot bottom */

typedef struct chart {
	double x0, x1; /* log10 input tokens at the left and right edges */
	int y0, y1;    /* log10 dollars at the bottom and top edges */
} chart;

static double cx(const chart *c, double lx)
{
	return PL + (lx - c->x0) / (c->x1 - c->x0) * (PR - PL);
}

static double cy(const chart *c, double ly)
{
	return PB - (ly - c->y0) / (double)(c->y1 - c->y0) * (PB - PT);
}

/* A point's height: a free model (cost 0) runs along the bottom. */
static double cy_cost(const chart *c, double monthly, int series)
{
	if (!(monthly > 0))
		return PB - 2 - 3 * series;
	return cy(c, log10(monthly));
}

/* The cost table's cell for model i (cells[1] of the row "cost.<id>"), or NULL. */
static const char *cost_cell(const vs_report *r, int i)
{
	const vs_section *s = &r->sections[VS_SEC_COST];
	const char *id = r->models[i].id;
	if (!id)
		return NULL;
	for (size_t k = 0; k < s->n_rows; k++) {
		const vs_item *row = &s->rows[k];
		if (row->key && strncmp(row->key, "cost.", 5) == 0 && strcmp(row->key + 5, id) == 0 &&
		    row->cells.n >= 2)
			return row->cells.v[1];
	}
	return NULL;
}

static void line(vs_buf *out, const char *cls, double xa, double ya, double xb, double yb)
{
	buf_printf(out, "<line class=\"%s\" x1=\"", cls);
	put_coord(out, xa);
	buf_add(out, "\" y1=\"");
	put_coord(out, ya);
	buf_add(out, "\" x2=\"");
	put_coord(out, xb);
	buf_add(out, "\" y2=\"");
	put_coord(out, yb);
	buf_add(out, "\"/>\n");
}

static void text_at(vs_buf *out, double x, double y, const char *anchor, const char *cls)
{
	buf_add(out, "<text x=\"");
	put_coord(out, x);
	buf_add(out, "\" y=\"");
	put_coord(out, y);
	buf_printf(out, "\" text-anchor=\"%s\"", anchor);
	if (cls)
		buf_printf(out, " class=\"%s\"", cls);
	buf_addc(out, '>');
}

/* The chart's word i from the rules (section{chart = {...}}), or NULL. */
static const char *chart_word(const vs_section *sec, int i)
{
	return (size_t)i < sec->chart.n && !esc_blank(sec->chart.v[i]) ? sec->chart.v[i] : NULL;
}

/* The cost at the chosen input size on a curve, if the curve reaches it. */
static bool cost_at(const vs_curve *c, double tokens, double *monthly)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->v[k].tokens == tokens) {
			*monthly = c->v[k].monthly;
			return true;
		}
	return false;
}

/*
** Each model's monthly cost over input tokens per request (report.md, Formats): both axes
** log scale, tiers as steps, a line that ends where the request no longer fits the context
** window, the chosen size marked once.  A model with no price is named as unavailable, never
** drawn as zero; with no price on either side there is no chart.
*/
static void cost_chart(page *p, const vs_report *r)
{
	vs_buf *out = p->out;
	const vs_section *sec = &r->sections[VS_SEC_COST];
	const vs_curve *cv = r->curves;
	if (cv[0].n == 0 && cv[1].n == 0)
		return;

	chart ch = {log10(r->curve_lo), log10(r->curve_hi), 0, 0};
	bool any_pos = false;
	double lo = 0, hi = 0;
	for (int i = 0; i < 2; i++)
		for (size_t k = 0; k < cv[i].n; k++) {
			double m = cv[i].v[k].monthly;
			if (!(m > 0) || !isfinite(m))
				continue;
			double l = log10(m);
			if (!any_pos || l < lo)
				lo = l;
			if (!any_pos || l > hi)
				hi = l;
			any_pos = true;
		}
	ch.y0 = any_pos ? (int)floor(lo) : 0;
	ch.y1 = any_pos ? (int)ceil(hi) : 1;
	if (ch.y1 <= ch.y0)
		ch.y1 = ch.y0 + 1;

	const char *xtitle = chart_word(sec, VS_CHART_X), *ytitle = chart_word(sec, VS_CHART_Y);
	const char *marker = chart_word(sec, VS_CHART_MARKER);
	end_list(p);
	buf_add(out, "<figure class=\"chart\">\n");
	buf_printf(out, "<svg class=\"plot\" viewBox=\"0 0 %d %d\" role=\"img\"", (int)CW, (int)CH);
	if (ytitle) {
		buf_add(out, " aria-label=\"");
		esc_html(out, ytitle);
		buf_addc(out, '"');
	}
	buf_add(out, ">\n");

	/* Grid and ticks: one per decade of input tokens (x) and of dollars (y). */
	int kx0 = (int)ceil(ch.x0 - 1e-9), kx1 = (int)floor(ch.x1 + 1e-9);
	bool crowded = kx1 - kx0 > 4; /* more than four decades: a phone shows every other label */
	for (int k = kx0; k <= kx1; k++) {
		double x = cx(&ch, k);
		line(out, "ax", x, PT, x, PB);
		text_at(out, x, PB + 20, "middle", crowded && (k - kx0) % 2 ? "t2" : NULL);
		put_decade(out, k);
		buf_add(out, "</text>\n");
	}
	if (any_pos) {
		int span = ch.y1 - ch.y0, step = 1;
		while (span / step > 7)
			step++;
		for (int k = ch.y0; k <= ch.y1; k += step) {
			double y = cy(&ch, k);
			line(out, "ax", PL, y, PR, y);
			text_at(out, PL - 6, y + 4, "end", NULL);
			put_money_decade(out, k);
			buf_add(out, "</text>\n");
		}
	}
	buf_add(out, "<rect class=\"frame\" x=\"");
	put_coord(out, PL);
	buf_add(out, "\" y=\"");
	put_coord(out, PT);
	buf_add(out, "\" width=\"");
	put_coord(out, PR - PL);
	buf_add(out, "\" height=\"");
	put_coord(out, PB - PT);
	buf_add(out, "\"/>\n");
	if (xtitle) {
		text_at(out, (PL + PR) / 2, PB + 48, "middle", "at");
		esc_html(out, xtitle);
		buf_add(out, "</text>\n");
	}
	if (ytitle) { /* above the plot, not turned on its side: readable on a phone */
		text_at(out, 4, PT - 14, "start", "at");
		esc_html(out, ytitle);
		buf_add(out, "</text>\n");
	}

	/* The chosen input size, marked once, its label at the top (never over a tick). */
	double I = (double)r->traffic.input_tokens;
	bool marked = I >= r->curve_lo && I <= r->curve_hi;
	double xm = marked ? cx(&ch, log10(I)) : 0;
	if (marked) {
		line(out, "mk", xm, PT, xm, PB);
		if (marker) {
			bool right = xm < (PL + PR) / 2;
			text_at(out, xm + (right ? 5 : -5), PT + 20, right ? "start" : "end", "mkl");
			esc_html(out, marker);
			buf_add(out, "</text>\n");
		}
	}

	/* Where the cheaper model changes (report.md, crossovers): a line at each size in range,
	** its word from the rules at the foot of the plot, on the side with room, and left out
	** where it would run into the last one (its width reckoned at a phone's text size). */
	const char *xword = chart_word(sec, VS_CHART_CROSSOVER);
	double wide = xword ? 11.0 * (double)strlen(xword) : 0, free_from = PL;
	for (size_t k = 0; k < r->crossovers.n; k++) {
		double at = (double)r->crossovers.v[k].input_tokens;
		if (at < r->curve_lo || at > r->curve_hi)
			continue;
		double x = cx(&ch, log10(at));
		line(out, "xo", x, PT, x, PB);
		if (!xword)
			continue;
		bool right = x + 5 + wide <= PR;
		double from = right ? x + 5 : x - 5 - wide;
		if (from < free_from)
			continue;
		text_at(out, right ? x + 5 : x - 5, PB - 10, right ? "start" : "end", "xol");
		esc_html(out, xword);
		buf_add(out, "</text>\n");
		free_from = from + wide + 10;
	}

	/* The lines; a model with no price at any size says so in place of its line. */
	int na = 0;
	for (int i = 0; i < 2; i++) {
		if (cv[i].n == 0) {
			text_at(out, (PL + PR) / 2, PT + 36 + 22 * na, "middle", "na");
			esc_html(out, r->models[i].name);
			const char *cell = cost_cell(r, i);
			if (!esc_blank(cell)) {
				buf_add(out, ": ");
				esc_html(out, cell);
			}
			buf_add(out, "</text>\n");
			na++;
			continue;
		}
		buf_printf(out, "<polyline class=\"l%d\" points=\"", i);
		for (size_t k = 0; k < cv[i].n; k++) {
			if (k)
				buf_addc(out, ' ');
			put_coord(out, cx(&ch, log10(cv[i].v[k].tokens)));
			buf_addc(out, ',');
			put_coord(out, cy_cost(&ch, cv[i].v[k].monthly, i));
		}
		if (cv[i].n == 1) { /* one size only: a dot, not an invisible line */
			buf_addc(out, ' ');
			put_coord(out, cx(&ch, log10(cv[i].v[0].tokens)) + 1);
			buf_addc(out, ',');
			put_coord(out, cy_cost(&ch, cv[i].v[0].monthly, i));
		}
		buf_add(out, "\"/>\n");
		double m;
		if (marked && cost_at(&cv[i], I, &m)) {
			buf_printf(out, "<circle class=\"d%d\" cx=\"", i);
			put_coord(out, xm);
			buf_add(out, "\" cy=\"");
			put_coord(out, cy_cost(&ch, m, i));
			buf_add(out, "\" r=\"5\"/>\n");
		}
	}
	buf_add(out, "</svg>\n");

	/* Legend: a stroke sample, the model's name and its cost cell at the chosen traffic. */
	buf_add(out, "<figcaption><ul>\n");
	for (int i = 0; i < 2; i++) {
		buf_add(out, "<li>");
		if (cv[i].n)
			buf_printf(out, "<svg class=\"sw\" width=\"36\" height=\"10\" viewBox=\"0 0 36 10\""
			           " aria-hidden=\"true\"><line class=\"l%d\" x1=\"0\" y1=\"5\" x2=\"36\""
			           " y2=\"5\"/></svg>", i);
		esc_html(out, r->models[i].name);
		const char *cell = cost_cell(r, i);
		if (!esc_blank(cell)) {
			buf_add(out, ": ");
			esc_html(out, cell);
		}
		buf_add(out, "</li>\n");
	}
	buf_add(out, "</ul></figcaption>\n</figure>\n");
}

/* }====== */

/* Does the section show anything? */
static bool has_content(const vs_section *s)
{
	if (!esc_blank(s->title))
		return true;
	for (size_t i = 0; i < s->n_items; i++) {
		const vs_item *it = &s->items[i];
		if (it->question ? !esc_blank(it->question) || !esc_blank(it->answer) : !esc_blank(it->text))
			return true;
	}
	return table_cols(s) > 0 && s->n_rows > 0;
}

static void section(page *p, const vs_report *r, const vs_section *s)
{
	if (!has_content(s))
		return;
	buf_add(p->out, "<section id=\"");
	esc_html(p->out, section_name(s->id));
	buf_add(p->out, "\">\n");
	if (!esc_blank(s->title))
		element(p, "h2", s->title, s->source); /* its section{}: the heading and the columns */
	for (size_t i = 0; i < s->n_items; i++) {
		const vs_item *it = &s->items[i];
		vs_layout layout = item_layout(s, it);
		if (layout == VS_LAYOUT_QA) {
			if (!esc_blank(it->question))
				element(p, "h3", it->question, it->source);
			if (!esc_blank(it->answer))
				element(p, "p", it->answer, it->source);
		} else if (!esc_blank(it->text)) {
			if (s->id == VS_SEC_PROVENANCE && it->values.n)
				/* Sources: the record's validated URLs, listed in values, are links
				** (as Markdown makes them). */
				linked_paragraph(p, it);
			else if (layout == VS_LAYOUT_PARAGRAPH)
				element(p, "p", it->text, it->source);
			else
				bullet(p, it, layout == VS_LAYOUT_LINK);
		}
	}
	table(p, s);
	if (s->id == VS_SEC_COST)
		cost_chart(p, r);
	end_list(p);
	buf_add(p->out, "</section>\n");
}

/* The page up to its heading: the same head, styles and main element for every page. */
static void page_start(vs_buf *out, const char *title, page *p, const char *source)
{
	buf_add(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	        "<meta name=\"color-scheme\" content=\"light dark\">\n<title>");
	esc_html(out, title);
	buf_add(out, "</title>\n<style>\n");
	buf_add(out, css);
	buf_add(out, "</style>\n</head>\n<body>\n<main>\n");
	if (!esc_blank(title) && p)
		element(p, "h1", title, source);
	else if (!esc_blank(title)) {
		buf_add(out, "<h1>");
		esc_html(out, title);
		buf_add(out, "</h1>\n");
	}
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

void render_page_html(const vs_page *pg, vs_buf *out)
{
	page_start(out, pg->title, NULL, NULL);
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
	if (pg->n_rows) {
		size_t ncols = pg->columns.n;
		for (size_t i = 0; i < pg->n_rows; i++)
			if (pg->rows[i].n > ncols)
				ncols = pg->rows[i].n;
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

void render_html(const vs_report *r, const vs_render_opts *o, vs_buf *out)
{
	page p = {.out = out, .o = o};

	page_start(out, r->title, &p, r->title_source);
	if (o && o->n_nav)
		site_nav(out, o->nav, o->n_nav);
	if (o && o->explain && !esc_blank(o->rules_dir_note)) {
		buf_add(out, "<p><small class=\"src\">");
		esc_html(out, o->rules_dir_note);
		buf_add(out, "</small></p>\n");
	}
	for (int i = 0; i < VS_SEC_COUNT; i++)
		section(&p, r, &r->sections[i]);
	buf_add(out, "</main>\n</body>\n</html>\n");
}
