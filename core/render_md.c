/*
** render_md.c — the report as GitHub-flavoured Markdown.
**
** Structure only: headings, paragraphs, bullets, links and tables; every word comes from the
** report.  Every data string goes through one escaper (md_inline) so that nothing a record
** or a rule holds can create markup: no row split by a newline or a '|', no raw HTML (a
** '<' becomes "&lt;"), no emphasis, code, link or image, no heading, list or quote at the
** start of a paragraph.  Backslash escapes are used for ASCII punctuation, which CommonMark
** always renders as the character itself (hardening.md cases 116-120).
*/
#include "report.h"

#include <stdlib.h>
#include <string.h>

#define EM_DASH "\xE2\x80\x94" /* U+2014: unknown, in an empty cell */

/* {====== Escaping */

typedef enum md_ctx {
	MD_PARA,    /* a paragraph or list item: block markers at the start are escaped */
	MD_HEADING, /* an ATX heading: a closing '#' sequence is escaped */
	MD_CELL,    /* a table cell: '|' escaped, empty renders as U+2014 */
	MD_INLINE   /* link text */
} md_ctx;

/*
** The string on one line: control characters (C0 with newlines and tabs, DEL, C1) and the
** Unicode line and paragraph separators become spaces, bytes that are not UTF-8 become
** U+FFFD, white space at both ends is dropped (four leading spaces would make code).
** The result is str itself when nothing changes, else built in scratch (reused from call to
** call, so no allocation once it is large enough); it is returned with its length and is
** NUL-terminated.
*/
static const char *md_flatten(vs_buf *scratch, const char *str, size_t *n)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	vs_buf *b = scratch;

	/* Most strings are printable ASCII with no space at either end: already flat. */
	size_t ascii = 0;
	while (s[ascii] >= 0x20 && s[ascii] < 0x7F)
		ascii++;
	if (s[ascii] == '\0' && (ascii == 0 || (s[0] != ' ' && s[ascii - 1] != ' '))) {
		*n = ascii;
		return (const char *)s;
	}

	b->len = 0;
	buf_addn(b, "", 0); /* allocated and NUL-terminated even when str is empty */
	while (*s) {
		/* Printable ASCII is copied as it is, a run at a time. */
		size_t run = 0;
		while (s[run] >= 0x20 && s[run] < 0x7F)
			run++;
		if (run) {
			buf_addn(b, (const char *)s, run);
			s += run;
			continue;
		}
		size_t len;
		unsigned cp = utf8_decode((const char *)s, &len);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
			buf_addc(b, ' ');
		else if (cp == 0xFFFD && len == 1)
			buf_addn(b, "\xEF\xBF\xBD", 3);
		else
			buf_addn(b, (const char *)s, len);
		s += len;
	}
	size_t start = 0, end = b->len;
	while (start < end && b->s[start] == ' ')
		start++;
	while (end > start && b->s[end - 1] == ' ')
		end--;
	b->s[end] = '\0';
	*n = end - start;
	return b->s + start;
}

/* Would md_flatten(str) be empty?  Only when every code point of str flattens to a space. */
static bool flat_empty(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	if (!s)
		return true;
	while (*s) {
		if (*s > 0x20 && *s < 0x7F)
			return false;
		size_t len;
		unsigned cp = utf8_decode((const char *)s, &len);
		if (!(cp <= 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029))
			return false; /* U+FFFD for a byte that is not UTF-8 included */
		s += len;
	}
	return true;
}

static bool is_alnum_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       c >= 0x80;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Does s (just after a '&') read as an HTML entity or numeric character reference? */
static bool entity_like(const char *s)
{
	size_t n = 0;
	if (*s == '#') {
		s++;
		if (*s == 'x' || *s == 'X') {
			s++;
			while (n < 8 && ((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f') ||
			                 (s[n] >= 'A' && s[n] <= 'F')))
				n++;
		} else {
			while (n < 9 && is_digit((unsigned char)s[n]))
				n++;
		}
		return n > 0 && s[n] == ';';
	}
	while (n < 40 && is_alnum_byte((unsigned char)s[n]) && (unsigned char)s[n] < 0x80)
		n++;
	return n > 0 && s[n] == ';';
}

/* The bytes md_inline may change; every other byte is copied as it is. */
static const unsigned char md_special[256] = {
	['\\'] = 1, ['`'] = 1, ['*'] = 1, ['['] = 1, [']'] = 1, ['~'] = 1, ['|'] = 1,
	['<'] = 1, ['>'] = 1, ['&'] = 1, ['_'] = 1, ['#'] = 1,
};

/* Append str escaped for ctx (scratch: a buffer for md_flatten). */
static void md_inline(vs_buf *out, vs_buf *scratch, const char *str, md_ctx ctx)
{
	size_t n, i = 0, hash_run;
	const char *t = md_flatten(scratch, str, &n);

	hash_run = n;
	if (n == 0) {
		if (ctx == MD_CELL)
			buf_addn(out, EM_DASH, sizeof EM_DASH - 1);
		return;
	}
	if (ctx == MD_HEADING && t[n - 1] == '#') {
		/* "## C #" would lose its last '#' as a closing sequence: escape the run. */
		hash_run = n;
		while (hash_run > 0 && t[hash_run - 1] == '#')
			hash_run--;
		if (hash_run > 0 && t[hash_run - 1] != ' ')
			hash_run = n; /* "C#": not a closing sequence */
	}
	if (ctx == MD_PARA) {
		/* Block markers at the start of a line: heading, list, thematic break. */
		if (strchr("#-+=", t[0])) { /* ('>' becomes "&gt;", '*' and '`' are escaped below) */
			buf_addc(out, '\\');
		} else if (is_digit((unsigned char)t[0])) {
			size_t d = 0;
			while (d < 10 && is_digit((unsigned char)t[d]))
				d++;
			if (d < 10 && (t[d] == '.' || t[d] == ')')) {
				buf_addn(out, t, d);
				buf_addc(out, '\\');
				i = d;
			}
		}
	}
	size_t plain = i; /* start of the run of bytes not yet written */
	for (; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if (!md_special[c])
			continue;
		if (i > plain)
			buf_addn(out, t + plain, i - plain);
		plain = i + 1;
		switch (c) {
		case '\\': case '`': case '*': case '[': case ']': case '~': {
			char esc[2] = {'\\', (char)c};
			buf_addn(out, esc, 2);
			break;
		}
		case '|':
			if (ctx == MD_CELL)
				buf_addn(out, "\\|", 2);
			else
				buf_addc(out, '|');
			break;
		case '<':
			buf_addn(out, "&lt;", 4);
			break;
		case '>':
			buf_addn(out, "&gt;", 4);
			break;
		case '&':
			if (entity_like(t + i + 1))
				buf_addn(out, "\\&", 2);
			else
				buf_addc(out, '&');
			break;
		case '_':
			/* Intraword underscores never emphasise (snake_case stays readable). */
			if (!(i > 0 && is_alnum_byte((unsigned char)t[i - 1]) &&
			      is_alnum_byte((unsigned char)t[i + 1])))
				buf_addn(out, "\\_", 2);
			else
				buf_addc(out, '_');
			break;
		case '#':
			if (i == hash_run)
				buf_addn(out, "\\#", 2);
			else
				buf_addc(out, '#');
			break;
		}
	}
	if (n > plain)
		buf_addn(out, t + plain, n - plain);
}

/* Bytes a link target keeps as they are: [A-Za-z0-9._~-]. */
static const unsigned char href_plain[256] = {
	['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

static void href_part(vs_buf *out, const char *str)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str;
	while (*s) {
		size_t run = 0;
		while (href_plain[s[run]])
			run++;
		if (run) {
			buf_addn(out, (const char *)s, run);
			s += run;
			continue;
		}
		char enc[3] = {'%', hex[*s >> 4], hex[*s & 15]};
		buf_addn(out, enc, 3);
		s++;
	}
}

/*
** A link target: the page name plus suffix, percent-encoded outside [A-Za-z0-9._~-], so it
** is always a relative page name: no scheme (':'), no other host ('//'), no ')' ending it.
*/
static void md_href(vs_buf *out, const char *href, const char *suffix)
{
	href_part(out, href);
	if (suffix)
		href_part(out, suffix);
}

/* }====== */

/* {====== Blocks */

typedef struct md {
	vs_buf *out;
	vs_buf scratch; /* for md_flatten */
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

/*
** An HTML comment holding text.  It cannot end early or be refused as a comment: '<' and '>'
** are escaped, and so is the second '-' of "--"; '|' is escaped so that a comment after a
** table row adds no cell.
*/
static void comment(vs_buf *out, vs_buf *scratch, const char *text)
{
	size_t n;
	const char *t = md_flatten(scratch, text, &n);
	buf_addn(out, "<!-- ", 5);
	size_t plain = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (t[i]) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '|': rep = "&#124;"; break;
		case '-': rep = i > 0 && t[i - 1] == '-' ? "&#45;" : NULL; break;
		default: rep = NULL;
		}
		if (!rep)
			continue;
		if (i > plain)
			buf_addn(out, t + plain, i - plain);
		buf_add(out, rep);
		plain = i + 1;
	}
	if (n > plain)
		buf_addn(out, t + plain, n - plain);
	buf_addn(out, " -->", 4);
}

/* End a line that came from an item or row: --explain adds its source as a comment. */
static void end_line(md *m, const char *source)
{
	if (m->o && m->o->explain && source && *source) {
		buf_addc(m->out, ' ');
		comment(m->out, &m->scratch, source);
	}
	buf_addc(m->out, '\n');
}

static bool empty(const char *s)
{
	return flat_empty(s);
}

static void heading(md *m, int level, const char *text, const char *source)
{
	block(m, false);
	for (int i = 0; i < level; i++)
		buf_addc(m->out, '#');
	buf_addc(m->out, ' ');
	md_inline(m->out, &m->scratch, text, MD_HEADING);
	end_line(m, source);
}

static void paragraph(md *m, const char *text, const char *source)
{
	block(m, false);
	md_inline(m->out, &m->scratch, text, MD_PARA);
	end_line(m, source);
}

static void bullet(md *m, const char *text, const char *href, const char *source)
{
	block(m, true);
	buf_add(m->out, "- ");
	if (href && *href) {
		buf_addc(m->out, '[');
		md_inline(m->out, &m->scratch, text, MD_INLINE);
		buf_add(m->out, "](");
		md_href(m->out, href, m->o ? m->o->link_suffix : NULL);
		buf_addc(m->out, ')');
	} else {
		md_inline(m->out, &m->scratch, text, MD_PARA);
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
			md_inline(m->out, &m->scratch, c, MD_CELL);
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
		heading(m, 2, s->title, NULL);
	for (size_t i = 0; i < s->n_items; i++) {
		const vs_item *it = &s->items[i];
		vs_layout layout = item_layout(s, it);
		if (layout == VS_LAYOUT_QA) {
			if (!empty(it->question))
				heading(m, 3, it->question, it->source);
			if (!empty(it->answer))
				paragraph(m, it->answer, it->source);
		} else if (!empty(it->text)) {
			if (layout == VS_LAYOUT_PARAGRAPH)
				paragraph(m, it->text, it->source);
			else
				bullet(m, it->text, layout == VS_LAYOUT_LINK ? it->href : NULL, it->source);
		}
	}
	table(m, s);
}

/* }====== */

void render_md(const vs_report *r, const vs_render_opts *o, vs_buf *out)
{
	md m = {.out = out, .o = o};

	if (!empty(r->title))
		heading(&m, 1, r->title, NULL);
	if (o && o->explain && !empty(o->rules_dir_note)) {
		block(&m, false); /* which rules directory the sources are relative to */
		comment(out, &m.scratch, o->rules_dir_note);
		buf_addc(out, '\n');
	}
	for (int i = 0; i < VS_SEC_COUNT; i++)
		section(&m, &r->sections[i]);
	if (!m.any)
		buf_addc(out, '\n');
	buf_free(&m.scratch);
}
