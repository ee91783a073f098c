/*
** render_chart.c — the HTML report's cost chart: an inline SVG of each model's monthly cost
** over input tokens per request (report.md, Formats).  Both axes log scale, tiers as steps,
** a line that ends where the request no longer fits the context window, the chosen size
** marked once, the sizes where the cheaper model changes marked, a legend below.  A model
** with no price is named as unavailable, never drawn as zero; with no price on either side
** there is no chart.
**
** No English here: the axis titles and marks are the words of the cost section's
** section{chart = {...}}; numbers on the axes are digits with thousands separators and "$".
*/
#include "render_chart.h"

#include "escape.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* {====== Numbers (locale-free) */

/* An unsigned integer with ',' between groups of three digits. */
static void put_grouped(vs_buf *out, uint64_t v)
{
	char digits[24], *end = digits + sizeof digits;
	for (const char *d = vs_udigits(end, v); d < end; d++) {
		buf_addc(out, *d);
		size_t after = (size_t)(end - d - 1); /* digits still to come */
		if (after > 0 && after % 3 == 0)
			buf_addc(out, ',');
	}
}

/* A coordinate with one decimal, rounded: "12.3", "-4.0".  Hand-made, not printf: a chart
** writes hundreds of them per page. */
static void put_coord(vs_buf *out, double x)
{
	long long t = llround(x * 10.0);
	bool neg = t < 0;
	unsigned long long u = neg ? (unsigned long long)(-t) : (unsigned long long)t;
	char tmp[32], *end = tmp + sizeof tmp, *d = end;
	*--d = (char)('0' + u % 10);
	*--d = '.';
	d = vs_udigits(d, u / 10);
	if (neg)
		*--d = '-';
	buf_addn(out, d, (size_t)(end - d));
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

/* {====== Plot geometry */

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
	buf_add(out, "<line class=\"");
	buf_add(out, cls);
	buf_add(out, "\" x1=\"");
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
	buf_add(out, "\" text-anchor=\"");
	buf_add(out, anchor);
	if (cls) {
		buf_add(out, "\" class=\"");
		buf_add(out, cls);
	}
	buf_add(out, "\">");
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

/* }====== */

/* {====== The chart, step by step */

/* The plot's ranges: x from the curves' span, y the decades of dollars their positive
** costs cover (one decade when none is positive).  Returns whether any cost is positive. */
static bool chart_scale(const vs_report *r, chart *ch)
{
	const vs_curve *cv = r->curves;
	bool any_pos = false;
	double lo = 0, hi = 0;
	*ch = (chart){log10(r->curve_lo), log10(r->curve_hi), 0, 0};
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
	ch->y0 = any_pos ? (int)floor(lo) : 0;
	ch->y1 = any_pos ? (int)ceil(hi) : 1;
	if (ch->y1 <= ch->y0)
		ch->y1 = ch->y0 + 1;
	return any_pos;
}

/* The figure and the svg element, labelled with the y axis' title. */
static void chart_open(vs_buf *out, const char *ytitle)
{
	buf_add(out, "<figure class=\"chart\">\n");
	buf_printf(out, "<svg class=\"plot\" viewBox=\"0 0 %d %d\" role=\"img\"", (int)CW, (int)CH);
	if (ytitle) {
		buf_add(out, " aria-label=\"");
		esc_html(out, ytitle);
		buf_addc(out, '"');
	}
	buf_add(out, ">\n");
}

/* Grid and ticks: one per decade of input tokens (x) and, when any cost is positive, of
** dollars (y). */
static void chart_grid(vs_buf *out, const chart *ch, bool any_pos)
{
	int kx0 = (int)ceil(ch->x0 - 1e-9), kx1 = (int)floor(ch->x1 + 1e-9);
	bool crowded = kx1 - kx0 > 4; /* more than four decades: a phone shows every other label */
	for (int k = kx0; k <= kx1; k++) {
		double x = cx(ch, k);
		line(out, "ax", x, PT, x, PB);
		text_at(out, x, PB + 20, "middle", crowded && (k - kx0) % 2 ? "t2" : NULL);
		put_decade(out, k);
		buf_add(out, "</text>\n");
	}
	if (!any_pos)
		return;
	int span = ch->y1 - ch->y0, step = 1;
	while (span / step > 7)
		step++;
	for (int k = ch->y0; k <= ch->y1; k += step) {
		double y = cy(ch, k);
		line(out, "ax", PL, y, PR, y);
		text_at(out, PL - 6, y + 4, "end", NULL);
		put_money_decade(out, k);
		buf_add(out, "</text>\n");
	}
}

/* The plot's frame and the axes' titles. */
static void chart_frame(vs_buf *out, const char *xtitle, const char *ytitle)
{
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
}

/* The chosen input size, marked once, its label at the top (never over a tick).  Returns
** whether it is in range, its x in *xm. */
static bool chart_marker(vs_buf *out, const chart *ch, const vs_report *r, const char *marker,
                         double *xm)
{
	double I = (double)r->traffic.input_tokens;
	bool marked = I >= r->curve_lo && I <= r->curve_hi;
	*xm = marked ? cx(ch, log10(I)) : 0;
	if (marked) {
		line(out, "mk", *xm, PT, *xm, PB);
		if (marker) {
			bool right = *xm < (PL + PR) / 2;
			text_at(out, *xm + (right ? 5 : -5), PT + 20, right ? "start" : "end", "mkl");
			esc_html(out, marker);
			buf_add(out, "</text>\n");
		}
	}
	return marked;
}

/* Where the cheaper model changes (report.md, crossovers): a line at each size in range,
** its word from the rules at the foot of the plot, on the side with room, and left out
** where it would run into the last one (its width reckoned at a phone's text size). */
static void chart_crossovers(vs_buf *out, const chart *ch, const vs_report *r, const char *xword)
{
	double wide = xword ? 11.0 * (double)strlen(xword) : 0, free_from = PL;
	for (size_t k = 0; k < r->crossovers.n; k++) {
		double at = (double)r->crossovers.v[k].input_tokens;
		if (at < r->curve_lo || at > r->curve_hi)
			continue;
		double x = cx(ch, log10(at));
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
}

/* A model's name and, when it has one, its cost cell: "Model A: $12.00". */
static void name_and_cost(vs_buf *out, const vs_report *r, int i)
{
	esc_html(out, r->models[i].name);
	const char *cell = cost_cell(r, i);
	if (!esc_blank(cell)) {
		buf_add(out, ": ");
		esc_html(out, cell);
	}
}

/* Model i's line (a dot for one size only), and its point at the chosen size when marked. */
static void chart_line(vs_buf *out, const chart *ch, const vs_report *r, int i, bool marked,
                       double xm)
{
	const vs_curve *c = &r->curves[i];
	buf_printf(out, "<polyline class=\"l%d\" points=\"", i);
	for (size_t k = 0; k < c->n; k++) {
		if (k)
			buf_addc(out, ' ');
		put_coord(out, cx(ch, log10(c->v[k].tokens)));
		buf_addc(out, ',');
		put_coord(out, cy_cost(ch, c->v[k].monthly, i));
	}
	if (c->n == 1) { /* one size only: a dot, not an invisible line */
		buf_addc(out, ' ');
		put_coord(out, cx(ch, log10(c->v[0].tokens)) + 1);
		buf_addc(out, ',');
		put_coord(out, cy_cost(ch, c->v[0].monthly, i));
	}
	buf_add(out, "\"/>\n");
	double m;
	if (marked && cost_at(c, (double)r->traffic.input_tokens, &m)) {
		buf_printf(out, "<circle class=\"d%d\" cx=\"", i);
		put_coord(out, xm);
		buf_add(out, "\" cy=\"");
		put_coord(out, cy_cost(ch, m, i));
		buf_add(out, "\" r=\"5\"/>\n");
	}
}

/* The lines; a model with no price at any size says so in place of its line. */
static void chart_lines(vs_buf *out, const chart *ch, const vs_report *r, bool marked, double xm)
{
	int na = 0;
	for (int i = 0; i < 2; i++) {
		if (r->curves[i].n) {
			chart_line(out, ch, r, i, marked, xm);
			continue;
		}
		text_at(out, (PL + PR) / 2, PT + 36 + 22 * na, "middle", "na");
		name_and_cost(out, r, i);
		buf_add(out, "</text>\n");
		na++;
	}
}

/* Legend: a stroke sample, the model's name and its cost cell at the chosen traffic. */
static void chart_legend(vs_buf *out, const vs_report *r)
{
	buf_add(out, "<figcaption><ul>\n");
	for (int i = 0; i < 2; i++) {
		buf_add(out, "<li>");
		if (r->curves[i].n)
			buf_printf(out, "<svg class=\"sw\" width=\"36\" height=\"10\" viewBox=\"0 0 36 10\""
			           " aria-hidden=\"true\"><line class=\"l%d\" x1=\"0\" y1=\"5\" x2=\"36\""
			           " y2=\"5\"/></svg>", i);
		name_and_cost(out, r, i);
		buf_add(out, "</li>\n");
	}
	buf_add(out, "</ul></figcaption>\n</figure>\n");
}

void html_cost_chart(const vs_report *r, vs_buf *out)
{
	const vs_section *sec = &r->sections[VS_SEC_COST];
	if (r->curves[0].n == 0 && r->curves[1].n == 0)
		return;
	chart ch;
	bool any_pos = chart_scale(r, &ch);
	const char *xtitle = chart_word(sec, VS_CHART_X), *ytitle = chart_word(sec, VS_CHART_Y);
	double xm;
	chart_open(out, ytitle);
	chart_grid(out, &ch, any_pos);
	chart_frame(out, xtitle, ytitle);
	bool marked = chart_marker(out, &ch, r, chart_word(sec, VS_CHART_MARKER), &xm);
	chart_crossovers(out, &ch, r, chart_word(sec, VS_CHART_CROSSOVER));
	chart_lines(out, &ch, r, marked, xm);
	buf_add(out, "</svg>\n");
	chart_legend(out, r);
}

/* }====== */
