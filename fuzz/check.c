/*
** check.c — the reader of fuzz.h and the output checks every harness that renders shares.
**
** The checks read the output the way a consumer would, not the way the renderer wrote it:
** a Markdown table is found from its delimiter row and its cells counted by unescaped '|';
** HTML tags and attribute names are scanned and compared with what the template writes; JSON
** goes through jansson.  A failed check prints the output (cut) and aborts.
*/
#include "fuzz.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "escape.h"

void fuzz_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s:%d: fuzz invariant broken: ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

/* {====== Reading the input */

unsigned fuzz_byte(fuzz_in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

uint64_t fuzz_u64(fuzz_in *in)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | fuzz_byte(in);
	return v;
}

double fuzz_double(fuzz_in *in)
{
	uint64_t bits = fuzz_u64(in);
	double d;
	memcpy(&d, &bits, sizeof d);
	return d;
}

char *fuzz_string(fuzz_in *in)
{
	size_t len = fuzz_byte(in);
	if (len > in->n)
		len = in->n;
	char *s = xmalloc(len + 1);
	size_t k = 0;
	for (size_t i = 0; i < len; i++)
		if (in->p[i]) /* a C string ends at a NUL: the report holds C strings */
			s[k++] = (char)in->p[i];
	s[k] = '\0';
	in->p += len;
	in->n -= len;
	return s;
}

/* }====== */

/* {====== Checks every format shares */

static void show(const vs_buf *out)
{
	fprintf(stderr, "---- output (%zu bytes, first 4000) ----\n%.*s\n----\n", out->len,
	        (int)(out->len < 4000 ? out->len : 4000), out->s ? out->s : "");
}

#define OUT_CHECK(out, cond, ...) ((cond) ? (void)0 : (show(out), fuzz_fail(__FILE__, __LINE__, __VA_ARGS__)))

/* Valid UTF-8 throughout; no control character but '\n' (and ESC when esc_ok: the text
** renderer's colours, checked apart); no C1 control, no bidirectional or zero-width
** character (escape.h: they never reach a page). */
static void check_chars(const vs_buf *out, const char *fmt, bool esc_ok)
{
	const char *s = out->s ? out->s : "";
	OUT_CHECK(out, strlen(s) == out->len, "%s: a NUL byte in the output", fmt);
	for (size_t i = 0; i < out->len;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		size_t len = 1;
		unsigned cp = c;
		if (c >= 0x80) {
			cp = utf8_decode(s + i, &len);
			OUT_CHECK(out, !(cp == 0xFFFD && len == 1), "%s: invalid UTF-8 at byte %zu", fmt, i);
		}
		OUT_CHECK(out, cp == '\n' || (cp == 0x1B && esc_ok) || esc_class(cp) != ESC_SPACE,
		          "%s: control character U+%04X at byte %zu", fmt, cp, i);
		OUT_CHECK(out, esc_class(cp) != ESC_DROP && cp != 0x2028 && cp != 0x2029,
		          "%s: invisible or bidi character U+%04X at byte %zu", fmt, cp, i);
		i += len;
	}
}

/* }====== */

/* {====== Markdown */

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A delimiter row as render_md writes it: "|---|---|". */
static bool is_delimiter_row(const char *line, size_t n)
{
	if (n < 4 || line[0] != '|')
		return false;
	for (size_t i = 1; i < n; i += 4)
		if (i + 4 > n || memcmp(line + i, "---|", 4) != 0)
			return false;
	return true;
}

/* The cells of a table row: '|' not escaped by a backslash, up to a trailing comment. */
static size_t count_pipes(const char *line, size_t n)
{
	size_t pipes = 0;
	for (size_t i = 0; i < n; i++) {
		if (line[i] == '\\') {
			i++;
			continue;
		}
		if (starts(line + i, " <!-- "))
			break; /* --explain's source after the row */
		pipes += line[i] == '|';
	}
	return pipes;
}

typedef struct line {
	const char *s;
	size_t n;
} line;

static void check_md(const vs_buf *out, const vs_report *r)
{
	check_chars(out, "md", false);
	/* Split into lines. */
	line *lines = NULL;
	size_t nl = 0, cap = 0;
	for (const char *s = out->s; s && *s;) {
		const char *e = strchr(s, '\n');
		size_t n = e ? (size_t)(e - s) : strlen(s);
		line *l = VS_PUSH(lines, nl, cap);
		l->s = s;
		l->n = n;
		s += n + (e != NULL);
	}
	/* Every table: a header line, the delimiter row, then one line per row; all with the
	** same number of cells.  Tables expected: sections with rows and at least one column. */
	size_t want_tables = 0, want_rows = 0;
	for (int i = 0; i < VS_SEC_COUNT; i++) {
		const vs_section *s = &r->sections[i];
		size_t ncols = s->columns.n;
		for (size_t j = 0; j < s->n_rows; j++)
			if (s->rows[j].cells.n > ncols)
				ncols = s->rows[j].cells.n;
		if (ncols > 0 && s->n_rows > 0) {
			want_tables++;
			want_rows += s->n_rows;
		}
	}
	size_t tables = 0, rows = 0;
	for (size_t i = 1; i < nl; i++) {
		if (!is_delimiter_row(lines[i].s, lines[i].n) || lines[i - 1].n == 0 ||
		    lines[i - 1].s[0] != '|')
			continue;
		tables++;
		size_t cells = (lines[i].n - 1) / 4 + 1;
		OUT_CHECK(out, count_pipes(lines[i - 1].s, lines[i - 1].n) == cells,
		          "md: a table header with %zu '|' for %zu columns", count_pipes(lines[i - 1].s, lines[i - 1].n), cells - 1);
		size_t j = i + 1;
		for (; j < nl && lines[j].n > 0; j++) {
			OUT_CHECK(out, lines[j].s[0] == '|', "md: line %zu inside a table is not a row", j + 1);
			size_t got = count_pipes(lines[j].s, lines[j].n);
			OUT_CHECK(out, got == cells, "md: line %zu has %zu '|' where the table has %zu",
			          j + 1, got, cells);
			rows++;
		}
		i = j;
	}
	OUT_CHECK(out, tables == want_tables, "md: %zu tables, the report has %zu", tables, want_tables);
	OUT_CHECK(out, rows == want_rows, "md: %zu table rows, the report has %zu", rows, want_rows);
	/* No raw HTML from data: a '<' opens only a comment (--explain) or a source autolink. */
	for (const char *p = out->s ? strchr(out->s, '<') : NULL; p; p = strchr(p + 1, '<'))
		OUT_CHECK(out, starts(p, "<!-- ") || starts(p, "<https://") || starts(p, "<http://"),
		          "md: raw '<' at byte %zu", (size_t)(p - out->s));
	free(lines);
}

/* }====== */

/* {====== HTML */

static const char *const html_tags[] = {
	"html", "head", "meta", "title", "style", "body", "main", "section", "h1", "h2", "h3", "p",
	"ul", "li", "a", "small", "div", "table", "thead", "tbody", "tr", "th", "td", "figure",
	"figcaption", "svg", "line", "text", "rect", "polyline", "circle", "nav", "code", NULL,
};

static const char *const html_attrs[] = {
	"aria-hidden", "aria-label", "charset", "class", "content", "cx", "cy", "data-source",
	"height", "href", "id", "lang", "name", "points", "r", "role", "scope", "text-anchor",
	"transform", "viewBox", "width", "x", "y", "x1", "y1", "x2", "y2", NULL,
};

static bool in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return true;
	return false;
}

static bool name_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

static void check_html(const vs_buf *out)
{
	check_chars(out, "html", false);
	const char *s = out->s;
	for (const char *p = s; (p = strchr(p, '<')) != NULL;) {
		size_t at = (size_t)(p - s);
		OUT_CHECK(out, strncasecmp(p, "<script", 7) != 0, "html: <script at byte %zu", at);
		if (starts(p, "<!DOCTYPE html>")) {
			p++;
			continue;
		}
		const char *q = p + 1 + (p[1] == '/');
		size_t n = 0;
		while (name_byte(q[n]))
			n++;
		OUT_CHECK(out, n > 0 && in_list(html_tags, q, n), "html: unexpected '<%.*s' at byte %zu",
		          (int)(n ? n : 1), q, at);
		/* Attributes up to the tag's end; quoted values skipped. */
		q += n;
		while (*q && *q != '>') {
			if (*q == '"') {
				const char *e = strchr(q + 1, '"');
				OUT_CHECK(out, e != NULL, "html: an attribute value never ends (byte %zu)", at);
				q = e + 1;
				continue;
			}
			if (name_byte(*q)) {
				size_t an = 0;
				while (name_byte(q[an]))
					an++;
				OUT_CHECK(out, in_list(html_attrs, q, an), "html: unexpected attribute '%.*s' at byte %zu",
				          (int)an, q, at);
				OUT_CHECK(out, !(an == 4 && memcmp(q, "href", 4) == 0) ||
				          strncasecmp(q + an, "=\"javascript:", 13) != 0,
				          "html: a javascript: link at byte %zu", at);
				q += an;
				continue;
			}
			OUT_CHECK(out, *q == ' ' || *q == '=' || *q == '/' || *q == '\n',
			          "html: unexpected byte '%c' inside a tag at byte %zu", *q, (size_t)(q - s));
			q++;
		}
		OUT_CHECK(out, *q == '>', "html: a tag never ends (byte %zu)", at);
		if (n == 5 && memcmp(p + 1, "style", 5) == 0) {
			const char *end = strstr(q, "</style>"); /* the template's own CSS */
			OUT_CHECK(out, end != NULL, "html: <style> never ends");
			q = end;
		}
		p = q;
	}
}

/* }====== */

/* {====== Terminal text */

static void check_text(const vs_buf *out, bool color)
{
	check_chars(out, "text", color);
	/* Colour: only SGR sequences, ESC [ digits and ';' then 'm'. */
	for (const char *p = out->s ? strchr(out->s, '\x1b') : NULL; p; p = strchr(p + 1, '\x1b')) {
		size_t i = 1;
		bool ok = p[i++] == '[';
		while (ok && ((p[i] >= '0' && p[i] <= '9') || p[i] == ';'))
			i++;
		OUT_CHECK(out, ok && p[i] == 'm', "text: an escape sequence that is not SGR at byte %zu",
		          (size_t)(p - out->s));
	}
}

/* }====== */

/* {====== JSON */

static void check_json(const vs_buf *out, const vs_report *r)
{
	check_chars(out, "json", false);
	json_error_t err;
	json_t *root = json_loadb(out->s, out->len, JSON_REJECT_DUPLICATES, &err);
	OUT_CHECK(out, root != NULL, "json: does not parse: %d:%d: %s", err.line, err.column, err.text);
	OUT_CHECK(out, json_is_object(root), "json: not an object");
	const json_t *d = json_object_get(root, "diagnostics");
	OUT_CHECK(out, json_is_array(d) && json_array_size(d) == r->diags.n,
	          "json: %zu diagnostics for the report's %zu", json_array_size(d), r->diags.n);
	json_decref(root);
}

/* }====== */

/* What each format promises beyond check_chars, by the registry's name (formats.c); a format
** without a row here is checked for its characters only. */
static void promise_md(const vs_buf *out, const vs_report *r, const vs_render_opts *o)
{
	(void)o;
	check_md(out, r);
}

static void promise_html(const vs_buf *out, const vs_report *r, const vs_render_opts *o)
{
	(void)r;
	(void)o;
	check_html(out);
}

static void promise_text(const vs_buf *out, const vs_report *r, const vs_render_opts *o)
{
	(void)r;
	check_text(out, o && o->color);
}

static void promise_json(const vs_buf *out, const vs_report *r, const vs_render_opts *o)
{
	(void)o;
	check_json(out, r);
}

static const struct {
	const char *format;
	void (*check)(const vs_buf *out, const vs_report *r, const vs_render_opts *o);
} promises[] = {
	{"md", promise_md}, {"html", promise_html}, {"text", promise_text}, {"json", promise_json},
};

void fuzz_check_render(const vs_format *f, const vs_report *r, const vs_render_opts *o)
{
	vs_buf out = {0};
	size_t i = 0;
	buf_addn(&out, "", 0);
	f->render(r, o, &out);
	while (i < VS_ARRAY_LEN(promises) && strcmp(promises[i].format, f->name) != 0)
		i++;
	if (i < VS_ARRAY_LEN(promises))
		promises[i].check(&out, r, o);
	else
		check_chars(&out, f->name, false);
	if (getenv("FUZZ_SHOW")) /* see what an input renders to: FUZZ_SHOW=1 replay_... FILE */
		fwrite(out.s, 1, out.len, stderr);
	buf_free(&out);
}
