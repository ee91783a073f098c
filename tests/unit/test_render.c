/*
** test_render.c — the md, text and JSON renderers over reports built by hand: escaping
** (hardening.md cases 116-126), layout, wrapping, colour, the JSON shape and number rule;
** the one walk (render.c) and the registry of formats (formats.c).
*/
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "outfile.h"
#include "render.h"
#include "report_builder.h"

/* {====== Building reports */


/* A small report: two models, a few sections of each style, one diagnostic. */
static void sample(vs_report *r)
{
	vs_item *it;

	two_models(r, "Alpha vs Beta", "alpha", "Alpha", "beta", "Beta");
	cost_known(r, 0, 0.1 + 0.2, 1, "Example Cloud");
	cost_unknown(r, 1, VS_COST_NO_COMPLETE_PRICE);
	r->cheaper = -1;

	item(r, VS_SEC_SUMMARY, "intro", "Alpha (2025) and Beta (2024) are compared here.",
	     "rules/summary.lua:4");

	set(&r->sections[VS_SEC_SCORECARD].title, "Decision scorecard");
	columns(r, VS_SEC_SCORECARD, "Signal", "Alpha", "Beta");
	row(r, VS_SEC_SCORECARD, "best_for", "Best for", "Foo|Bar", "line1\nline2",
	    "rules/scorecard.lua:9");
	row(r, VS_SEC_SCORECARD, "context_window", "Context window", "", "a\\|b",
	    "rules/scorecard.lua:12");

	titled(r, VS_SEC_TRADEOFFS, "Decision tradeoffs", VS_STYLE_LIST);
	it = item(r, VS_SEC_TRADEOFFS, "larger_context", "Alpha has the larger context window.",
	          "rules/tradeoffs.lua:12");
	strv_push(&it->about, "alpha");
	it = item(r, VS_SEC_TRADEOFFS, "decision_tags", "# not a heading <script>alert(1)</script>",
	          "rules/tradeoffs.lua:30");
	strv_push(&it->about, "beta");
	strv_push(&it->values, "Coding");
	strv_push(&it->values, "RAG");

	/* A section whose heading the rules left out: its content still renders. */
	item(r, VS_SEC_DEEP_DIVE, "choose", "Choose **Alpha** for _long_ prompts.",
	     "rules/deep_dive.lua:40");

	titled(r, VS_SEC_FAQ, "FAQ", VS_STYLE_FAQ);
	it = faq(r, "faq.open_source", "Is Alpha or Beta open source?",
	         "Beta is listed under Apache 2.0.", "rules/faq.lua:30");
	strv_push(&it->about, "alpha");
	strv_push(&it->about, "beta");

	titled(r, VS_SEC_RELATED, "Continue comparing", VS_STYLE_LINKS);
	it = item(r, VS_SEC_RELATED, "related", "Alpha vs Gamma", "rules/related.lua:50");
	set(&it->href, "alpha-vs-gamma");
	item(r, VS_SEC_RELATED, "related", "Beta vs Delta", "rules/related.lua:50");

	diags_add(&r->diags, VS_ERROR, "rules/broken.lua:3", NULL, "attempt to index a nil value");
}

static char *render(void (*fn)(const vs_report *, const vs_render_opts *, vs_buf *),
                    const vs_report *r, const vs_render_opts *o)
{
	vs_buf b = {0};
	fn(r, o, &b);
#ifdef TEST_RENDER_DUMP /* -DTEST_RENDER_DUMP=\"dir\": keep every JSON report for a schema check */
	static int seq;
	if (fn == render_json) {
		char *path = xasprintf("%s/report-%02d.json", TEST_RENDER_DUMP, seq++);
		write_file_atomic(path, b.s, b.len);
		free(path);
	}
#endif
	return buf_steal(&b);
}

/* The first line that contains needle, copied; NULL when none. */
static char *line_with(const char *s, const char *needle)
{
	while (*s) {
		size_t n = strcspn(s, "\n");
		char *l = xstrndup(s, n);
		if (strstr(l, needle))
			return l;
		free(l);
		s += n + (s[n] == '\n');
	}
	return NULL;
}

/* }====== */

/* {====== Markdown */

/* '|' not escaped by a backslash (a "\\" pair escapes itself). */
static int md_pipes(const char *l)
{
	int n = 0;
	for (; *l; l++) {
		if (*l == '\\' && l[1])
			l++;
		else if (*l == '|')
			n++;
	}
	return n;
}

static void md_tables(void)
{
	vs_report r;
	vs_render_opts o = {.link_suffix = ".md"};
	sample(&r);
	char *md = render(render_md, &r, &o);

	char *l = line_with(md, "Best for");
	OK(l != NULL, "the best_for row is there");
	if (l) {
		STR_EQ(l, "| Best for | Foo\\|Bar | line1 line2 |", "pipe escaped, newline a space");
		INT_EQ(md_pipes(l), 4, "three cells");
	}
	free(l);
	l = line_with(md, "Context window");
	if (OK(l != NULL, "the context row is there"))
		STR_EQ(l, "| Context window | \xE2\x80\x94 | a\\\\\\|b |",
		       "empty cell is an em dash; backslash and pipe both escaped");
	free(l);
	STR_CONTAINS(md, "| Signal | Alpha | Beta |\n|---|---|---|\n", "header and delimiter");
	OK(strstr(md, "\nline2") == NULL, "the row does not split");

	/* Every table line has exactly four unescaped pipes. */
	for (const char *p = md; *p;) {
		size_t n = strcspn(p, "\n");
		char *x = xstrndup(p, n);
		if (x[0] == '|')
			INT_EQ(md_pipes(x), 4, "table line %s", x);
		free(x);
		p += n + (p[n] == '\n');
	}
	free(md);
	report_free(&r);
}

static void md_escaping(void)
{
	vs_report r;
	vs_render_opts o = {.link_suffix = ".md"};
	sample(&r);
	set(&r.models[0].name, "<script>alert(1)</script>");
	row(&r, VS_SEC_SPECS, "license", "License", "<script>alert(1)</script>", "a & b &amp; c",
	    "rules/specs.lua:5");
	char *md = render(render_md, &r, &o);

	OK(strstr(md, "<script") == NULL, "no raw <script> anywhere");
	STR_CONTAINS(md, "&lt;script&gt;alert(1)&lt;/script&gt;", "escaped as entities");
	STR_CONTAINS(md, "- \\# not a heading &lt;script&gt;", "line-start # escaped in a bullet");
	STR_CONTAINS(md, "Choose \\*\\*Alpha\\*\\* for \\_long\\_ prompts.", "emphasis inert");
	STR_CONTAINS(md, "a & b \\&amp; c", "a bare & stays, an entity is made literal");
	free(md);

	/* Line-start markers in paragraphs; '#' closing sequences in headings. */
	vs_report q;
	report_init(&q);
	set(&q.title, "C# vs F #");
	item(&q, VS_SEC_SUMMARY, "a", "1. not a list", "rules/a.lua:1");
	item(&q, VS_SEC_SUMMARY, "b", "> not a quote", "rules/a.lua:2");
	item(&q, VS_SEC_SUMMARY, "c", "---", "rules/a.lua:3");
	item(&q, VS_SEC_SUMMARY, "d", "    indented\n\n# Heading", "rules/a.lua:4");
	item(&q, VS_SEC_SUMMARY, "e", "[click](https://evil) ![](https://t/p) `x` ~~y~~ snake_case",
	     "rules/a.lua:5");
	md = render(render_md, &q, &o);
	STR_EQ(md,
	       "# C# vs F \\#\n\n"
	       "1\\. not a list\n\n"
	       "&gt; not a quote\n\n"
	       "\\---\n\n"
	       "indented  # Heading\n\n"
	       "\\[click\\](https&#58;//evil) !\\[\\](https&#58;//t/p) \\`x\\` \\~\\~y\\~\\~ snake_case\n",
	       "paragraph starts and inline markup");
	free(md);
	report_free(&q);
	report_free(&r);
}

static void md_layout(void)
{
	vs_report r;
	vs_render_opts o = {.link_suffix = ".md"};
	sample(&r);
	char *md = render(render_md, &r, &o);

	static const char head[] =
		"# Alpha vs Beta\n\nAlpha (2025) and Beta (2024) are compared here.\n\n## ";
	OK(strncmp(md, head, strlen(head)) == 0, "title then the summary paragraph");
	STR_CONTAINS(md, "## Decision tradeoffs\n\n- Alpha has the larger context window.\n- ",
	             "a tight bullet list");
	STR_CONTAINS(md, "### Is Alpha or Beta open source?\n\nBeta is listed under Apache 2.0.\n",
	             "FAQ: question heading, answer paragraph");
	STR_CONTAINS(md, "- [Alpha vs Gamma](alpha-vs-gamma.md)\n- Beta vs Delta\n",
	             "links, and plain text without href");
	STR_CONTAINS(md, "\n\nChoose ", "an untitled section's content");
	OK(strstr(md, "##  ") == NULL && strstr(md, "## \n") == NULL, "no empty heading");
	INT_EQ(md[strlen(md) - 1], '\n', "ends with a newline");
	OK(strlen(md) < 2 || md[strlen(md) - 2] != '\n', "a single trailing newline");
	OK(strstr(md, " \n") == NULL, "no trailing spaces");
	OK(strstr(md, "\n\n\n") == NULL, "no double blank lines");
	OK(strstr(md, "<!--") == NULL, "no sources without --explain");

	/* Deterministic. */
	char *again = render(render_md, &r, &o);
	STR_EQ(again, md, "same output twice");
	free(again);
	free(md);

	o.explain = true;
	md = render(render_md, &r, &o);
	STR_CONTAINS(md, "| Best for | Foo\\|Bar | line1 line2 | <!-- rules/scorecard.lua:9 -->\n",
	             "row source");
	STR_CONTAINS(md, "| Signal | Alpha | Beta |\n", "the header line has no source");
	STR_CONTAINS(md, "- Alpha has the larger context window. <!-- rules/tradeoffs.lua:12 -->\n",
	             "bullet source");
	STR_CONTAINS(md, "- [Alpha vs Gamma](alpha-vs-gamma.md) <!-- rules/related.lua:50 -->",
	             "link source");
	OK(strstr(md, " \n") == NULL, "no trailing spaces with --explain");
	free(md);

	/* A hostile href stays a relative page name. */
	set(&r.sections[VS_SEC_RELATED].items[0].href, "javascript:alert(1)//x y");
	o.explain = false;
	md = render(render_md, &r, &o);
	STR_CONTAINS(md, "(javascript%3Aalert%281%29%2F%2Fx%20y.md)", "href percent-encoded");
	free(md);
	report_free(&r);

	/* An empty report is one newline. */
	report_init(&r);
	md = render(render_md, &r, &o);
	STR_EQ(md, "\n", "empty report");
	free(md);
	report_free(&r);
}

/* }====== */

/* {====== Text */

/* Display width of a line without the SGR sequences: code points (test data is narrow). */
static size_t text_width(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\x1b' && i + 1 < n && s[i + 1] == '[') {
			i += 2;
			while (i < n && s[i] != 'm')
				i++;
			continue;
		}
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	}
	return w;
}

static bool max_width_ok(const char *out, size_t width, size_t *worst)
{
	*worst = 0;
	for (const char *p = out; *p;) {
		size_t n = strcspn(p, "\n");
		size_t w = text_width(p, n);
		if (w > *worst)
			*worst = w;
		p += n + (p[n] == '\n');
	}
	return *worst <= width;
}

/* Every byte of s, spaces aside, occurs in out at least as often (nothing lost when words
** are cut). */
static bool bytes_kept(const char *out, const char *s)
{
	size_t have[256] = {0}, need[256] = {0};
	for (; *out; out++)
		have[(unsigned char)*out]++;
	for (; *s; s++)
		need[(unsigned char)*s]++;
	for (int c = '!'; c < 256; c++)
		if (need[c] > have[c])
			return false;
	return true;
}

/* Every space-separated word of s appears in out (nothing lost to wrapping). */
static bool words_kept(const char *out, const char *s)
{
	char *c = xstrdup(s);
	bool ok = true;
	for (char *w = strtok(c, " \n"); w; w = strtok(NULL, " \n"))
		if (!strstr(out, w))
			ok = false;
	free(c);
	return ok;
}

static const char *long_text =
	"Choose Alpha when coding workflow support and larger context windows are central to the "
	"workload. For production, rerun your own prompts through the exact provider, region, "
	"and tool stack you plan to ship. Supercalifragilisticexpialidocious-and-then-some-more "
	"words.";

static void text_wrapping(void)
{
	static const int widths[] = {20, 33, 40, 60, 80, 0};
	vs_report r;
	sample(&r);
	item(&r, VS_SEC_DEEP_DIVE, "long", long_text, "rules/deep_dive.lua:50");
	item(&r, VS_SEC_TRADEOFFS, "long", long_text, "rules/tradeoffs.lua:70");
	set(&r.sections[VS_SEC_SPECS].title, "Specs");
	columns(&r, VS_SEC_SPECS, "Specification", "Alpha", "Beta");
	row(&r, VS_SEC_SPECS, "license", "License", "Apache 2.0 with a long tail of conditions",
	    "Proprietary terms that run on and on for a while", "rules/specs.lua:5");
	row(&r, VS_SEC_SPECS, "released", "Released", "2026-02-12", "", "rules/specs.lua:6");

	for (size_t i = 0; i < VS_ARRAY_LEN(widths); i++) {
		for (int explain = 0; explain < 2; explain++) {
			vs_render_opts o = {.width = widths[i], .explain = explain};
			char *out = render(render_text, &r, &o);
			size_t worst = 0, want = widths[i] > 0 ? (size_t)widths[i] : 80;
			bool fits = max_width_ok(out, want, &worst);
			OK(fits, "width %zu explain %d: a line of %zu", want, explain, worst);
			OK(words_kept(out, "Choose Alpha when coding workflow support and larger context"
			                   " windows are central to the workload."),
			   "width %zu: paragraph words kept", want);
			if (want >= 40)
				OK(words_kept(out, "Apache 2.0 with a long tail of conditions Proprietary"
				                   " terms that run on and on for a while"),
				   "width %zu: table words kept", want);
			OK(bytes_kept(out, "Apache 2.0 with a long tail of conditions Proprietary terms"
			                   " that run on and on for a while Specification" ),
			   "width %zu: table text kept", want);
			OK(bytes_kept(out, long_text), "width %zu: long word kept", want);
			OK(strstr(out, " \n") == NULL, "width %zu: no trailing spaces", want);
			OK(strstr(out, "\n\n\n") == NULL, "width %zu: no double blank lines", want);
			if (explain && want >= 40)
				STR_CONTAINS(out, "[rules/specs.lua:5]", "width %zu: row source", want);
			free(out);
		}
	}

	vs_render_opts o = {.width = 40};
	char *out = render(render_text, &r, &o);
	STR_CONTAINS(out, "Alpha vs Beta\n=============\n", "title underlined");
	STR_CONTAINS(out, "Decision tradeoffs\n------------------\n", "heading underlined");
	STR_CONTAINS(out, "- Choose Alpha when coding workflow\n  support and larger context windows are\n",
	             "bullet with a hanging indent");
	STR_CONTAINS(out, "Is Alpha or Beta open source?\n  Beta is listed under Apache 2.0.\n",
	             "FAQ: question, answer indented");
	STR_CONTAINS(out, "Signal          Alpha    Beta\n--------------  -------  -----------\n",
	             "table header padded to the widest cell");
	STR_CONTAINS(out, "Context window  \xE2\x80\x94        a\\|b\n", "em dash for an empty cell");
	STR_CONTAINS(out, "- Alpha vs Gamma\n- Beta vs Delta\n", "links without a suffix");
	free(out);
	report_free(&r);
}

static void text_escapes(void)
{
	vs_report r;
	sample(&r);
	set(&r.title, "\x1b[2J\x1b[31mFAKE\x1b]8;;https://evil\alink\x1b]8;;\a vs \xC2\x9B" "31mB");
	item(&r, VS_SEC_SUMMARY, "x", "clear\x1b[2J screen \x7f\xE2\x80\xAEreversed\r\n",
	     "rules/x.lua:1\x1b[5m");
	columns(&r, VS_SEC_SPECS, "Spec\x1b[1m", "A", "B");
	row(&r, VS_SEC_SPECS, "k", "\x1b[2J", "\x9b", "ok", "rules/specs.lua:1");

	for (int explain = 0; explain < 2; explain++) {
		vs_render_opts o = {.width = 60, .explain = explain};
		char *out = render(render_text, &r, &o);
		OK(strchr(out, '\x1b') == NULL, "explain %d: no ESC without colour", explain);
		OK(strchr(out, '\a') == NULL && strchr(out, '\r') == NULL && strchr(out, 0x7f) == NULL,
		   "explain %d: no BEL, CR or DEL", explain);
		OK(strstr(out, "\xC2\x9B") == NULL && strstr(out, "\xE2\x80\xAE") == NULL,
		   "explain %d: no C1 CSI, no bidi override", explain);
		STR_CONTAINS(out, "[2J[31mFAKE]8;;https://evillink]8;; vs 31mB", "printable text kept");
		free(out);

		o.color = true;
		out = render(render_text, &r, &o);
		STR_CONTAINS(out, "\x1b[1;4m", "title bold and underlined");
		STR_CONTAINS(out, "\x1b[1m", "bold");
		if (explain)
			STR_CONTAINS(out, "\x1b[2m[rules/x.lua:1[5m]\x1b[0m", "dim source");
		/* Remove the renderer's own sequences: no ESC may remain. */
		vs_buf b = {0};
		for (const char *p = out; *p; p++) {
			static const char *const sgr[] = {"\x1b[1m", "\x1b[1;4m", "\x1b[2m", "\x1b[0m"};
			size_t k;
			for (k = 0; k < VS_ARRAY_LEN(sgr); k++)
				if (strncmp(p, sgr[k], strlen(sgr[k])) == 0)
					break;
			if (k < VS_ARRAY_LEN(sgr))
				p += strlen(sgr[k]) - 1;
			else
				buf_addc(&b, *p);
		}
		OK(b.s && strchr(b.s, '\x1b') == NULL, "explain %d: ESC only from the renderer",
		   explain);
		buf_free(&b);
		free(out);
	}
	report_free(&r);
}

/* }====== */

/* {====== JSON */

static char *num(double x)
{
	vs_buf b = {0};
	json_put_number(&b, x);
	return buf_steal(&b);
}

static char *jstr(const char *s)
{
	vs_buf b = {0};
	json_put_string(&b, s);
	return buf_steal(&b);
}

static void json_numbers(void)
{
	static const struct {
		double x;
		const char *want;
	} cases[] = {
		{100000, "100000"},
		{0, "0"},
		{-0.0, "-0.0"}, /* the sign kept: issue 16, item 14 */
		{0.1, "0.1"},
		{2.5e-5, "2.5e-05"},
		{131000.0, "131000"},
		{12345.678, "12345.678"},
		{-3, "-3"},
		{1e21, "1e+21"},
		{9007199254740992.0, "9007199254740992"},
		{-9007199254740992.0, "-9007199254740992"},
		{9007199254740994.0, "9007199254740994"},
		{1.0 / 3.0, "0.3333333333333333"},
	};
	for (size_t i = 0; i < VS_ARRAY_LEN(cases); i++) {
		char *s = num(cases[i].x);
		STR_EQ(s, cases[i].want, "number %.17g", cases[i].x);
		free(s);
	}
	char *s = num(0.1 + 0.2);
	STR_EQ(s, "0.30000000000000004", "0.1 + 0.2");
	free(s);
	s = num(NAN);
	STR_EQ(s, "null", "NaN");
	free(s);
	s = num(INFINITY);
	STR_EQ(s, "null", "Inf");
	free(s);
	s = num(-INFINITY);
	STR_EQ(s, "null", "-Inf");
	free(s);

	/* Round trip and fewest digits over a spread of values. */
	static const double spread[] = {1.25, 0.075, 2.5, 1e-300, 5e-324, 1.7976931348623157e308,
	                                 123456.789e3, 0.2 * 3, 1234567.891, 4.35, 1e15 + 0.3};
	for (size_t i = 0; i < VS_ARRAY_LEN(spread); i++) {
		char *txt = num(spread[i]);
		const char *shown = txt ? txt : "(null)";
		OK(strtod(shown, NULL) == spread[i], "%s reads back as %.17g", shown, spread[i]);
		OK(!strchr(shown, 'n') && !strchr(shown, ','), "%s is a JSON number", shown);
		json_t *j = json_loads(shown, JSON_DECODE_ANY, NULL);
		OK(j && json_is_number(j), "%s parses", shown);
		json_decref(j);
		free(txt);
	}
}

static void json_strings(void)
{
	char *s = jstr("a\"b\\c\nd\te\x01" "f\x1b" "g\xE2\x80\xA8h\xE2\x80\xA9i\x7f\xC2\x9bj/\xE2\x80\x94");
	STR_EQ(s, "\"a\\\"b\\\\c\\nd\\te\\u0001f\\u001bg\\u2028h\\u2029i\\u007f\\u009bj/\xE2\x80\x94\"",
	       "escapes; UTF-8 passes through");
	free(s);
	s = jstr("caf\xE9 \xFF\xC3");
	STR_EQ(s, "\"caf\\ufffd \\ufffd\\ufffd\"", "invalid UTF-8 becomes U+FFFD");
	free(s);
	s = jstr("\xF0\x9F\xA4\x96 \xED\xA0\x80");
	STR_EQ(s, "\"\xF0\x9F\xA4\x96 \\ufffd\\ufffd\\ufffd\"", "emoji kept, surrogate replaced");
	free(s);
	s = jstr(NULL);
	STR_EQ(s, "null", "NULL is null");
	free(s);
}

static bool keys_are(const json_t *o, const char *const *want, size_t n)
{
	size_t i = 0;
	for (void *it = json_object_iter((json_t *)o); it;
	     it = json_object_iter_next((json_t *)o, it), i++)
		if (i >= n || strcmp(json_object_iter_key(it), want[i]) != 0)
			return false;
	return i == n;
}

static void json_shape(void)
{
	static const char *const top[] = {"format", "title", "models", "traffic", "cost",
	                                   "sections", "diagnostics"};
	static const char *const traffic[] = {"requests_per_month", "input_tokens", "output_tokens",
	                                       "cached_share", "batch", "providers", "cheapest"};
	static const char *const cost[] = {"models", "delta_usd", "cheaper", "crossovers"};
	static const char *const cm[] = {"id", "monthly_usd", "route", "route_index", "reason",
	                                 "basis", "tier_above", "batch_applied", "fits", "cheapest",
	                                 "candidates", "tier_unlisted", "outliers"};
	static const char *const sec_plain[] = {"id", "title", "items"};
	static const char *const sec_table[] = {"id", "title", "items", "columns", "rows"};
	static const char *const item_text[] = {"key", "about", "values", "text", "source"};
	static const char *const item_faq[] = {"key", "about", "values", "question", "answer",
	                                        "source"};
	static const char *const row_keys[] = {"key", "cells", "source"};
	static const char *const diag[] = {"severity", "where", "rule", "message"};

	vs_report r;
	sample(&r);
	char *out = render(render_json, &r, NULL);
	json_error_t err;
	json_t *j = json_loads(out, JSON_REJECT_DUPLICATES, &err);
	if (!OK(j != NULL, "valid JSON: %s at %d:%d", err.text, err.line, err.column)) {
		free(out);
		report_free(&r);
		return;
	}
	INT_EQ(out[strlen(out) - 1], '\n', "ends with a newline");
	STR_CONTAINS(out, "{\n  \"format\": \"versus-report/1\",\n  \"title\": \"Alpha vs Beta\",\n",
	             "two-space indent");
	OK(keys_are(j, top, VS_ARRAY_LEN(top)), "top-level keys in order");
	OK(keys_are(json_object_get(j, "traffic"), traffic, VS_ARRAY_LEN(traffic)), "traffic keys");
	json_t *c = json_object_get(j, "cost");
	OK(keys_are(c, cost, VS_ARRAY_LEN(cost)), "cost keys");
	json_t *m0 = json_array_get(json_object_get(c, "models"), 0);
	json_t *m1 = json_array_get(json_object_get(c, "models"), 1);
	OK(keys_are(m0, cm, VS_ARRAY_LEN(cm)) && keys_are(m1, cm, VS_ARRAY_LEN(cm)), "cost models");
	STR_CONTAINS(out, "\"monthly_usd\": 0.30000000000000004,", "unrounded cost");
	STR_EQ(json_string_value(json_object_get(m0, "route")), "Example Cloud", "route");
	INT_EQ(json_integer_value(json_object_get(m0, "route_index")), 1, "route index");
	OK(json_is_null(json_object_get(m0, "reason")), "no reason when known");
	OK(json_is_null(json_object_get(m1, "monthly_usd")) &&
	       json_is_null(json_object_get(m1, "route")) &&
	       json_is_null(json_object_get(m1, "route_index")),
	   "unknown cost is null");
	STR_EQ(json_string_value(json_object_get(m1, "reason")), "no_complete_price", "reason code");
	OK(json_is_null(json_object_get(c, "delta_usd")) && json_is_null(json_object_get(c, "cheaper")),
	   "no delta, no cheaper");
	json_t *tr = json_object_get(j, "traffic");
	STR_CONTAINS(out, "\"requests_per_month\": 100000,", "integer traffic");
	OK(json_is_integer(json_object_get(tr, "cached_share")), "cached_share 0 as an integer");
	OK(json_is_false(json_object_get(tr, "batch")), "batch false");

	json_t *secs = json_object_get(j, "sections");
	INT_EQ(json_array_size(secs), VS_SEC_COUNT, "13 sections");
	for (size_t i = 0; i < json_array_size(secs); i++) {
		json_t *s = json_array_get(secs, i);
		const vs_section *rs = &r.sections[i];
		STR_EQ(json_string_value(json_object_get(s, "id")), section_name((vs_section_id)i),
		       "section %zu id", i);
		if (rs->columns.n || rs->n_rows)
			OK(keys_are(s, sec_table, VS_ARRAY_LEN(sec_table)), "section %zu keys", i);
		else
			OK(keys_are(s, sec_plain, VS_ARRAY_LEN(sec_plain)), "section %zu keys", i);
		json_t *items = json_object_get(s, "items");
		for (size_t k = 0; k < json_array_size(items); k++) {
			json_t *it = json_array_get(items, k);
			if (json_object_get(it, "question"))
				OK(keys_are(it, item_faq, VS_ARRAY_LEN(item_faq)), "faq item keys");
			else
				OK(keys_are(it, item_text, VS_ARRAY_LEN(item_text)), "item keys");
			OK(json_object_get(it, "href") == NULL, "no href in JSON");
		}
		json_t *rows = json_object_get(s, "rows");
		for (size_t k = 0; k < json_array_size(rows); k++)
			OK(keys_are(json_array_get(rows, k), row_keys, VS_ARRAY_LEN(row_keys)), "row keys");
	}
	json_t *sc = json_array_get(secs, VS_SEC_SCORECARD);
	json_t *row0 = json_array_get(json_object_get(sc, "rows"), 0);
	STR_EQ(json_string_value(json_array_get(json_object_get(row0, "cells"), 2)), "line1\nline2",
	       "cells carried exactly");
	STR_CONTAINS(out, "\"columns\": [\"Signal\", \"Alpha\", \"Beta\"],", "string arrays inline");
	json_t *td = json_array_get(json_object_get(json_array_get(secs, VS_SEC_TRADEOFFS), "items"), 1);
	STR_EQ(json_string_value(json_array_get(json_object_get(td, "values"), 1)), "RAG", "values");
	STR_CONTAINS(out, "\"items\": [],", "empty items");

	json_t *d = json_array_get(json_object_get(j, "diagnostics"), 0);
	OK(keys_are(d, diag, VS_ARRAY_LEN(diag)), "diagnostic keys");
	OK(json_is_null(json_object_get(d, "rule")), "no rule is null");
	STR_EQ(json_string_value(json_object_get(d, "severity")), "error", "severity");
	json_decref(j);
	free(out);

	/* Known costs: delta, cheaper; deterministic output. */
	r.models[1].cost.status = VS_COST_OK;
	r.models[1].cost.monthly = 1e21;
	r.models[1].cost.route_index = 0;
	set(&r.models[1].route, "Other \"Cloud\"");
	r.have_delta = true;
	r.delta_usd = NAN;
	r.cheaper = 0;
	out = render(render_json, &r, NULL);
	j = json_loads(out, JSON_REJECT_DUPLICATES, &err);
	OK(j != NULL, "valid JSON: %s", err.text);
	c = json_object_get(j, "cost");
	STR_EQ(json_string_value(json_object_get(c, "cheaper")), "alpha", "cheaper is an id");
	OK(json_is_null(json_object_get(c, "delta_usd")), "a NaN delta is null, not missing");
	STR_CONTAINS(out, "\"monthly_usd\": 1e+21,", "1e21");
	STR_CONTAINS(out, "\"route\": \"Other \\\"Cloud\\\"\",", "escaped route");
	char *again = render(render_json, &r, NULL);
	STR_EQ(again, out, "same output twice");
	free(again);
	json_decref(j);
	free(out);

	/* A cost that is not a finite number is null with a reason, never a missing key. */
	r.models[1].cost.monthly = INFINITY;
	out = render(render_json, &r, NULL);
	j = json_loads(out, JSON_REJECT_DUPLICATES, &err);
	m1 = json_array_get(json_object_get(json_object_get(j, "cost"), "models"), 1);
	OK(m1 && keys_are(m1, cm, VS_ARRAY_LEN(cm)), "all cost keys");
	OK(json_is_null(json_object_get(m1, "monthly_usd")) &&
	       json_is_null(json_object_get(m1, "route")) &&
	       json_is_null(json_object_get(m1, "route_index")),
	   "infinite cost is null");
	STR_EQ(json_string_value(json_object_get(m1, "reason")), "overflow", "overflow reason");
	json_decref(j);
	free(out);
	report_free(&r);

	/* An empty report still has all 13 sections and valid JSON. */
	report_init(&r);
	out = render(render_json, &r, NULL);
	j = json_loads(out, 0, &err);
	OK(j && json_array_size(json_object_get(j, "sections")) == VS_SEC_COUNT, "empty report");
	json_decref(j);
	free(out);
	report_free(&r);
}

/* }====== */

/* {====== The walk and the registry */

/* A format that writes one letter a piece, so the walk's choices read as a string. */
static void w_title(void *st, const char *text, const char *source)
{
	(void)text;
	(void)source;
	buf_add(st, "T");
}

static void w_start(void *st, const vs_section *s)
{
	buf_printf(st, "[%s:", section_name(s->id));
}

static void w_heading(void *st, const char *text, const char *source)
{
	(void)text;
	(void)source;
	buf_add(st, "h");
}

static void w_paragraph(void *st, const char *text, const char *source)
{
	(void)source;
	buf_printf(st, "p(%s)", text);
}

static void w_bullet(void *st, const vs_item *it, bool link)
{
	buf_printf(st, "%s(%s)", link ? "l" : "b", it->text);
}

static void w_qa(void *st, const vs_item *it, bool has_q, bool has_a)
{
	(void)it;
	buf_printf(st, "q%d%d", has_q, has_a);
}

static void w_sources(void *st, const vs_item *it)
{
	buf_printf(st, "s(%s)", it->text);
}

static void w_table(void *st, const vs_section *s, size_t ncols, bool titled)
{
	buf_printf(st, "t%zu/%zu%s", ncols, s->n_rows, titled ? "+" : "");
}

static void w_cost(void *st, const vs_report *r)
{
	(void)r;
	buf_add(st, "C");
}

static void w_end_section(void *st, const vs_section *s)
{
	(void)s;
	buf_add(st, "]");
}

static void w_end(void *st, bool any)
{
	buf_add(st, any ? "." : "0");
}

static const vs_render_ops letters = {
	.title = w_title, .section_start = w_start, .heading = w_heading,
	.paragraph = w_paragraph, .bullet = w_bullet, .qa = w_qa, .sources = w_sources,
	.table = w_table, .after = {[VS_SEC_COST] = w_cost}, .section_end = w_end_section,
	.end = w_end,
};

static void walk(void)
{
	vs_report r;
	vs_buf b = {0};
	two_models(&r, " \t", "a", "A", "b", "B"); /* a blank title: no title */
	item(&r, VS_SEC_SUMMARY, "blank", " \xE2\x80\x8B ", "rules/x.lua:1"); /* only invisible */
	item(&r, VS_SEC_SUMMARY, "intro", "hi", "rules/x.lua:2");
	columns(&r, VS_SEC_SCORECARD, "a", "b", "c"); /* columns without rows: no table */
	row(&r, VS_SEC_SPECS, "k", "1", "2", "3", NULL);
	strv_push(&r.sections[VS_SEC_SPECS].rows[0].cells, "4"); /* a row wider than none */
	set(&r.sections[VS_SEC_COST].title, "Cost");
	r.sections[VS_SEC_RELATED].style = VS_STYLE_LINKS;
	item(&r, VS_SEC_RELATED, "pair", "x", "rules/r.lua:1");
	vs_item *q = item(&r, VS_SEC_FAQ, "faq", NULL, "rules/faq.lua:1");
	set(&q->question, "?");
	set(&q->answer, " ");
	vs_item *src = item(&r, VS_SEC_PROVENANCE, "src", "see https://a.example", "r:1");
	strv_push(&src->values, "https://a.example");
	buf_addn(&b, "", 0);
	render_walk(&r, NULL, &letters, &b);
	STR_EQ(b.s, "[summary:p(hi)][cost:hC][specs:t4/1][faq:q10][related:l(x)]"
	       "[provenance:s(see https://a.example)].",
	       "the walk shows what has words, counts every cell, calls the section's hook");
	b.len = 0;
	vs_report empty;
	two_models(&empty, "", "a", "A", "b", "B");
	render_walk(&empty, NULL, &letters, &b);
	STR_EQ(b.s, "0", "an empty report: nothing but the end");
	report_free(&empty);
	report_free(&r);
	buf_free(&b);
}

static void registry(void)
{
	bool none;
	OK(render_format("md")->render == render_md && render_format("html")->render == render_html &&
	   render_format("text")->render == render_text && render_format("json")->render == render_json,
	   "the registry's rows write with their renderers");
	OK(render_format("pdf") == NULL && render_format(NULL) == NULL, "no row for an unknown name");
	OK(render_format("html")->needs_curves && !render_format("md")->needs_curves,
	   "only HTML draws the cost chart");
	STR_EQ(render_format_for_file("out/r.MD", &none)->name, "md", ".MD is Markdown");
	STR_EQ(render_format_for_file("r.markdown", &none)->name, "md", ".markdown");
	STR_EQ(render_format_for_file("r.htm", &none)->name, "html", ".htm is HTML");
	STR_EQ(render_format_for_file("r.text", &none)->name, "text", ".text is text");
	STR_EQ(render_format_for_file("r.Json", &none)->name, "json", ".Json is JSON");
	OK(render_format_for_file("r.pdf", &none) == NULL && !none, ".pdf: no format");
	OK(render_format_for_file("r.", &none) == NULL && !none, "a bare dot: no format");
	OK(render_format_for_file("dir.d/report", &none) == NULL && none, "no extension");
	OK(render_format_for_file(".hidden", &none) == NULL && none, "a dot file: no extension");
	char *names = render_format_list(false, ", ", " or ");
	char *exts = render_format_list(true, ", ", " or ");
	STR_EQ(names, "md, html, text or json", "the names as a usage message lists them");
	STR_EQ(exts, ".md, .html, .txt or .json", "each format's usual extension");
	STR_EQ(render_format_names(), "md html text json", "the words -f takes");
	free(names);
	free(exts);

	vs_report r;
	sample(&r);
	for (const vs_format *f = render_formats; f->name; f++) {
		vs_buf a = {0}, b = {0};
		f->render(&r, NULL, &a);
		f->render(&r, NULL, &b);
		OK(a.len > 0 && b.len == a.len && memcmp(a.s, b.s, a.len) == 0,
		   "%s: a document, the same bytes twice", f->name);
		buf_free(&a);
		buf_free(&b);
	}
	report_free(&r);
}

/* }====== */

int main(void)
{
	md_tables();
	md_escaping();
	md_layout();
	text_wrapping();
	text_escapes();
	json_numbers();
	json_strings();
	json_shape();
	walk();
	registry();
	return test_summary("render");
}
