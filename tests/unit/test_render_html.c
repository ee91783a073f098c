/*
** test_render_html.c — the HTML renderer over reports built by hand: escaping, no script,
** no external request, section order, the cost chart (two lines, an unavailable cost, the
** chosen traffic), --explain sources, determinism and balanced markup.
*/
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "harness.h"
#include "render.h"
#include "report_builder.h"

/* {====== Building reports */


/* Two models; model B's cost known only when b_known. */
static void sample(vs_report *r, bool b_known)
{
	vs_item *it;

	two_models(r, "Alpha vs <script>alert(1)</script> & Co", "alpha", "Alpha", "beta",
	           "Beta\"><img src=x onerror=alert(1)>");
	cost_known(r, 0, 1000.0, 0, "Example Cloud");
	if (b_known)
		cost_known(r, 1, 440.0, 0, NULL);
	else
		cost_unknown(r, 1, VS_COST_NO_COMPLETE_PRICE);
	r->cheaper = b_known ? 1 : -1;

	item(r, VS_SEC_SUMMARY, "intro", "Alpha & Beta\x01 compared <b>here</b>.",
	     "rules/summary.lua:4");

	set(&r->sections[VS_SEC_SCORECARD].title, "Decision scorecard");
	columns(r, VS_SEC_SCORECARD, "Signal", "Alpha", "Beta");
	row(r, VS_SEC_SCORECARD, "best_for", "Best for", "\"><img onerror=x>", "",
	    "rules/scorecard.lua:9");

	titled(r, VS_SEC_TRADEOFFS, "Tradeoffs", VS_STYLE_LIST);
	item(r, VS_SEC_TRADEOFFS, "a", "First 'quoted'", "rules/t.lua:1");
	item(r, VS_SEC_TRADEOFFS, "b", "See http://example.com/x for more", "rules/t.lua:2");

	set(&r->sections[VS_SEC_COST].title, "Monthly cost at traffic");
	strv_push(&r->sections[VS_SEC_COST].chart, "Input tokens per request");
	strv_push(&r->sections[VS_SEC_COST].chart, "Monthly cost (USD)");
	strv_push(&r->sections[VS_SEC_COST].chart, "this traffic");
	strv_push(&r->sections[VS_SEC_COST].chart, "crossover");
	columns(r, VS_SEC_COST, "Model", "Monthly cost", "Route");
	row(r, VS_SEC_COST, "cost.alpha", "Alpha", "$1,000.00", "Example Cloud",
	    "rules/40-cost.lua:41");
	row(r, VS_SEC_COST, "cost.beta", "Beta", b_known ? "$440.00" : "Unavailable",
	    b_known ? "Example Cloud" : "No route", "rules/40-cost.lua:41");

	/* A table with a header and no rows is skipped. */
	set(&r->sections[VS_SEC_SPECS].title, "Specs");
	columns(r, VS_SEC_SPECS, "Specification", "Alpha", "Beta");

	titled(r, VS_SEC_FAQ, "FAQ", VS_STYLE_FAQ);
	faq(r, "faq.q", "Which <one>?", "This one & that.", "rules/faq.lua:30");

	titled(r, VS_SEC_RELATED, "Related", VS_STYLE_LINKS);
	it = item(r, VS_SEC_RELATED, "pair", "Alpha vs Gamma", "rules/related.lua:3");
	set(&it->href, "alpha-vs-gamma");
	it = item(r, VS_SEC_RELATED, "pair", "Evil", "rules/related.lua:3");
	set(&it->href, "javascript:alert(1)\"/x");
}

/* Cost curves from two records, as the compare driver fills them for HTML. */
static void curves(vs_report *r, const char *a, const char *b)
{
	json_t *ja = json_loads(a, 0, NULL), *jb = json_loads(b, 0, NULL);
	OK(ja && jb, "curve records parse");
	report_cost_curves(r, ja, jb);
	json_decref(ja);
	json_decref(jb);
}

/* A: 128k window, a first-party route with a tier above 32,000 input tokens.  B: 1M window,
** one flat route.  C: no price at all. */
#define REC_A "{\"context_window\": 128000, \"routes\": [{\"provider\": \"P\", \"first_party\": true," \
	" \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2, \"tiers\": [{\"above_input_tokens\":" \
	" 32000, \"input_per_mtok\": 2, \"output_per_mtok\": 4}]}}]}"
#define REC_B "{\"context_window\": 1000000, \"routes\": [{\"provider\": \"Q\", \"pricing\":" \
	" {\"input_per_mtok\": 0.5, \"output_per_mtok\": 1.5}}]}"
#define REC_C "{\"routes\": [{\"provider\": \"Q\"}]}"
#define REC_FREE "{\"context_window\": 1000000, \"routes\": [{\"provider\": \"Q\", \"pricing\":" \
	" {\"input_per_mtok\": 0, \"output_per_mtok\": 0}}]}"

#define NEAR(got, want, msg) OK(fabs((got) - (want)) < 1e-6, "%s (got %g)", (msg), (double)(got))

static char *render(const vs_report *r, bool explain)
{
	vs_render_opts o = {.explain = explain, .width = 80, .link_suffix = ".html"};
	vs_buf b = {0};
	render_html(r, &o, &b);
	return buf_steal(&b);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle);
	for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
		n++;
	return n;
}

/* No attribute src= or href= whose value holds "http" or a scheme. */
static bool attrs_local(const char *html)
{
	static const char *names[] = {" src=\"", " href=\""};
	for (int k = 0; k < 2; k++) {
		for (const char *p = strstr(html, names[k]); p; p = strstr(p + 1, names[k])) {
			const char *v = p + strlen(names[k]);
			const char *e = strchr(v, '"');
			if (!e)
				return false;
			for (const char *q = v; q < e; q++)
				if (*q == ':' || strncmp(q, "http", 4) == 0)
					return false;
		}
	}
	return true;
}

/* }====== */

static void escaping(void)
{
	vs_report r;
	sample(&r, true);
	curves(&r, REC_A, REC_C); /* B's name appears in the chart's note too */
	char *h = render(&r, true);

	STR_CONTAINS(h, "<!DOCTYPE html>", "doctype");
	STR_CONTAINS(h, "<meta charset=\"utf-8\">", "charset");
	STR_CONTAINS(h, "<meta name=\"viewport\"", "viewport");
	STR_CONTAINS(h, "prefers-color-scheme: dark", "dark scheme");
	STR_CONTAINS(h, "<title>Alpha vs &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co</title>",
	             "title escaped");
	OK(strstr(h, "<script") == NULL, "no <script anywhere");
	OK(strstr(h, "<img") == NULL, "no <img anywhere");
	STR_CONTAINS(h, "&quot;&gt;&lt;img onerror=x&gt;", "cell escaped");
	STR_CONTAINS(h, "Beta&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", "model name escaped");
	STR_CONTAINS(h, "Alpha &amp; Beta  compared &lt;b&gt;here&lt;/b&gt;.",
	             "ampersand escaped, control character as a space");
	OK(strchr(h, '\x01') == NULL, "no control character");
	STR_CONTAINS(h, "First &#39;quoted&#39;", "apostrophe escaped");
	STR_CONTAINS(h, "<h3 data-source=\"rules/faq.lua:30\">Which &lt;one&gt;?", "faq question");
	STR_CONTAINS(h, "<a href=\"alpha-vs-gamma.html\">Alpha vs Gamma</a>", "link");
	STR_CONTAINS(h, "<a href=\"javascript%3Aalert%281%29%22%2Fx.html\">", "href encoded");
	OK(attrs_local(h), "no external or scheme src/href");
	STR_CONTAINS(h, "See http://example.com/x for more", "a URL in text stays text");
	STR_CONTAINS(h, "<small class=\"src\">rules/summary.lua:4</small>", "explain note");
	STR_CONTAINS(h, "<tr data-source=\"rules/scorecard.lua:9\">", "explain on a row");
	INT_EQ(count(h, "<td>\xE2\x80\x94</td>") + count(h, "<td>\xE2\x80\x94<small"), 1,
	       "empty cell as an em dash");
	OK(strstr(h, "Specification") == NULL, "a table with no rows is skipped");
	free(h);

	h = render(&r, false);
	OK(strstr(h, "data-source") == NULL && strstr(h, "class=\"src\"") == NULL,
	   "no sources without explain");
	free(h);
	report_free(&r);
}

static void order_and_balance(void)
{
	vs_report r;
	sample(&r, true);
	char *h = render(&r, false);

	const char *ids[] = {"summary", "scorecard", "tradeoffs", "cost", "specs", "faq",
	                     "related"};
	const char *prev = h;
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		char tag[64];
		snprintf(tag, sizeof tag, "<section id=\"%s\">", ids[i]);
		const char *at = strstr(h, tag);
		OK(at != NULL && at > prev, "section %s present and in order", ids[i]);
		if (at)
			prev = at;
	}
	INT_EQ(count(h, "<section"), count(h, "</section>"), "sections balanced");
	INT_EQ(count(h, "<section"), 7, "only sections with content");
	INT_EQ(count(h, "<table>"), count(h, "</table>"), "tables balanced");
	INT_EQ(count(h, "<thead>"), count(h, "</thead>"), "thead balanced");
	INT_EQ(count(h, "<tbody>"), count(h, "</tbody>"), "tbody balanced");
	INT_EQ(count(h, "<tr"), count(h, "</tr>"), "rows balanced");
	INT_EQ(count(h, "<ul>"), count(h, "</ul>"), "lists balanced");
	INT_EQ(count(h, "<li>") + count(h, "<li "), count(h, "</li>"), "items balanced");
	INT_EQ(count(h, "<svg"), count(h, "</svg>"), "svg balanced");
	INT_EQ(count(h, "<text"), count(h, "</text>"), "svg text balanced");
	INT_EQ(count(h, "<p>") + count(h, "<p "), count(h, "</p>"), "paragraphs balanced");
	STR_CONTAINS(h, "</html>\n", "ends the page");

	/* Determinism: the same report gives the same bytes. */
	char *h2 = render(&r, false);
	OK(strcmp(h, h2) == 0, "render twice, same bytes");
	free(h2);
	free(h);
	report_free(&r);
}

/* The x of the last point of polyline cls, or -1. */
static double last_x(const char *h, const char *cls)
{
	char want[64];
	snprintf(want, sizeof want, "<polyline class=\"%s\" points=\"", cls);
	const char *p = strstr(h, want);
	if (!p)
		return -1;
	const char *end = strchr(p + strlen(want), '"');
	const char *sp = end;
	while (sp > p && sp[-1] != ' ' && sp[-1] != '"')
		sp--;
	return strtod(sp, NULL);
}

static void chart(void)
{
	vs_report r;
	sample(&r, true);
	curves(&r, REC_A, REC_B);
	OK(r.curves[0].n > 0 && r.curves[1].n > 0, "both models have a curve");
	/* A's curve: a step at the tier (32,000 then 32,001) and an end where I + O = 128,000. */
	bool step = false;
	for (size_t k = 1; k < r.curves[0].n; k++)
		if (r.curves[0].v[k - 1].tokens == 32000 && r.curves[0].v[k].tokens == 32001 &&
		    r.curves[0].v[k].monthly > 1.9 * r.curves[0].v[k - 1].monthly)
			step = true;
	OK(step, "the tier shows as a step at 32,000 input tokens");
	NEAR(r.curves[0].v[r.curves[0].n - 1].tokens, 127500.0, "A's line ends at 128,000 - 500");
	NEAR(r.curves[1].v[r.curves[1].n - 1].tokens, 999500.0, "B's line ends at its window");
	NEAR(r.curve_hi, 1000000.0, "the x axis runs to the larger window");
	char *h = render(&r, false);
	const char *cost = strstr(h, "<section id=\"cost\">");
	const char *svg = cost ? strstr(cost, "<svg class=\"plot\"") : NULL;
	const char *end = cost ? strstr(cost, "</section>") : NULL;
	OK(svg != NULL && end != NULL && svg < end, "the chart is in the cost section");
	STR_CONTAINS(h, "<polyline class=\"l0\"", "model A's line");
	STR_CONTAINS(h, "<polyline class=\"l1\"", "model B's line");
	OK(last_x(h, "l0") < last_x(h, "l1") - 50, "A's line ends well left of B's");
	STR_CONTAINS(h, "stroke-dasharray", "a dashed stroke");
	INT_EQ(count(h, "<line class=\"mk\""), 1, "chosen input size marked once");
	STR_CONTAINS(h, ">this traffic</text>", "the marker's word from the rules");
	INT_EQ(count(h, ">100,000</text>"), 1, "each tick label once");
	STR_CONTAINS(h, ">100</text>", "axis from 100 tokens");
	STR_CONTAINS(h, ">1,000,000</text>", "axis to a million tokens");
	STR_CONTAINS(h, ">Input tokens per request</text>", "x axis title from the rules");
	STR_CONTAINS(h, ">Monthly cost (USD)</text>", "y axis title from the rules");
	STR_CONTAINS(h, ">$100</text>", "money axis");
	INT_EQ(count(h, "<circle"), 2, "a dot on each line at the chosen size");
	STR_CONTAINS(h, "Alpha: $1,000.00</li>", "legend");
	free(h);
	report_free(&r);

	/* Crossovers (report.md): a line at each size in the chart's range, the rules' word at
	** the first and at any other with room; none below the axis's 100 tokens. */
	sample(&r, true);
	curves(&r, REC_A, REC_B);
	vs_crossover xs[] = {{50, 1}, {4001, 0}, {4200, 1}, {100001, 0}};
	r.crossovers.v = malloc(sizeof xs);
	memcpy(r.crossovers.v, xs, sizeof xs);
	r.crossovers.n = 4;
	h = render(&r, false);
	INT_EQ(count(h, "<line class=\"xo\""), 3, "three crossovers in range, each a line");
	INT_EQ(count(h, ">crossover</text>"), 2, "labelled where there is room (4,200 is too close)");
	/* Readable on a 390 px phone: the chart's 580 units are some 366 px wide there, so its
	** text must be at least 12 px: 12 * 580 / 366 = 19.02 units. */
	const char *phone = strstr(h, "@media (max-width:30rem){.plot text{font-size:");
	OK(phone != NULL, "a phone size for the chart's text");
	double units = phone ? strtod(phone + strlen("@media (max-width:30rem){.plot text{font-size:"), NULL) : 0;
	OK(units * 366.0 / 580.0 >= 12.0, "chart text at least 12 px on a 390 px phone (%g units)", units);
	OK(strstr(h, "rotate(-90") == NULL, "no axis title turned on its side");
	free(h);
	report_free(&r);

	sample(&r, false);
	curves(&r, REC_A, REC_C);
	h = render(&r, false);
	STR_CONTAINS(h, "<polyline class=\"l0\"", "known line drawn");
	OK(strstr(h, "<polyline class=\"l1\"") == NULL, "no line for a model with no price");
	STR_CONTAINS(h, "class=\"na\">Beta&quot;&gt;&lt;img src=x onerror=alert(1)&gt;: "
	             "Unavailable</text>", "the unavailable cell in the chart");
	free(h);
	report_free(&r);

	/* Neither priced: no chart at all, only the sentences. */
	sample(&r, false);
	r.models[0].cost.status = VS_COST_NO_ROUTES;
	curves(&r, REC_C, REC_C);
	h = render(&r, false);
	OK(strstr(h, "<svg class=\"plot\"") == NULL, "no chart without a price");
	OK(strstr(h, "<polyline") == NULL, "no lines");
	free(h);
	report_free(&r);

	/* A free route: drawn along the bottom, never off the log scale. */
	sample(&r, true);
	curves(&r, REC_A, REC_FREE);
	h = render(&r, false);
	STR_CONTAINS(h, "<polyline class=\"l1\"", "free line drawn");
	OK(strstr(h, "nan") == NULL && strstr(h, "inf") == NULL, "no nan or inf coordinates");
	free(h);
	report_free(&r);

	/* Curves not filled (the driver did not ask): no chart. */
	sample(&r, true);
	h = render(&r, false);
	OK(strstr(h, "<svg class=\"plot\"") == NULL, "no chart without curves");
	free(h);
	report_free(&r);
}

/* report.md, Links: every http(s) source is a link in HTML, as in Markdown; a value that is
** not a plain URL (a date, a URL with a quote) stays text, and the text around stays escaped. */
static void source_links(void)
{
	vs_report r;
	two_models(&r, "A vs B", "a", "A", "b", "B"); /* it calls report_init */
	vs_item *it = item(&r, VS_SEC_PROVENANCE, "sources",
	                   "Sources: https://example.com/a?x=1&y=2, http://e.org/\"><b>, <i>.",
	                   "rules/99-provenance.lua:26");
	strv_push(&it->values, "https://example.com/a?x=1&y=2");
	strv_push(&it->values, "http://e.org/\"><b>");
	it = item(&r, VS_SEC_PROVENANCE, "last_reviewed", "Last reviewed: 2026-01-01.",
	          "rules/99-provenance.lua:5");
	strv_push(&it->values, "2026-01-01");
	char *h = render(&r, false);
	STR_CONTAINS(h, "Sources: <a href=\"https://example.com/a?x=1&amp;y=2\">"
	             "https://example.com/a?x=1&amp;y=2</a>, http://e.org/&quot;&gt;&lt;b&gt;, "
	             "&lt;i&gt;.</p>", "a source URL is a link, the rest escaped text");
	INT_EQ(count(h, "<a href="), 1, "only the plain URL is a link");
	STR_CONTAINS(h, "Last reviewed: 2026-01-01.", "a date stays text");
	free(h);
	report_free(&r);
}

static void empty_report(void)
{
	vs_report r;
	report_init(&r);
	char *h = render(&r, false);
	STR_CONTAINS(h, "<title></title>", "empty title");
	INT_EQ(count(h, "<section"), 0, "no sections");
	free(h);
	report_free(&r);
}

/* esc_html copies runs of plain ASCII at once: the spaces inside a run stay, those at its
** ends wait for the next kept character, which must come after whatever ends the run. */
static void html_runs(void)
{
	static const char *const cases[][2] = {
		{"  a  b  ", "a  b"},
		{"a  <b", "a  &lt;b"},
		{"a \x01 b", "a   b"},
		{"a  \xE2\x80\x8B  b", "a    b"}, /* the dropped ZWSP leaves the four spaces */
		{"x&y 'q' \"z\" ", "x&amp;y &#39;q&#39; &quot;z&quot;"},
		{"caf\xC3\xA9 \xFF end  ", "caf\xC3\xA9 \xEF\xBF\xBD end"},
		{"a                    b", "a                    b"}, /* more than 16 spaces */
		{"\x7F~ }", "~ }"},
		{"", ""},
		{"   ", ""},
	};
	for (size_t i = 0; i < VS_ARRAY_LEN(cases); i++) {
		vs_buf b = {0};
		buf_addn(&b, "", 0);
		esc_html(&b, cases[i][0]);
		STR_EQ(b.s, cases[i][1], "esc_html case %zu", i);
		buf_free(&b);
	}
}

int main(void)
{
	html_runs();
	escaping();
	order_and_balance();
	chart();
	source_links();
	empty_report();
	return test_summary("render_html");
}
