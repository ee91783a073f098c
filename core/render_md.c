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
*/
static char *md_flatten(const char *str)
{
	const char *s = str ? str : "";
	vs_buf b = {0};

	while (*s) {
		size_t len;
		unsigned cp = utf8_decode(s, &len);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029)
			buf_addc(&b, ' ');
		else if (cp == 0xFFFD && len == 1)
			buf_add(&b, "\xEF\xBF\xBD");
		else
			buf_addn(&b, s, len);
		s += len;
	}
	char *t = buf_steal(&b);
	size_t start = strspn(t, " "), end = strlen(t);
	while (end > start && t[end - 1] == ' ')
		end--;
	memmove(t, t + start, end - start);
	t[end - start] = '\0';
	return t;
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

/* Append str escaped for ctx. */
static void md_inline(vs_buf *out, const char *str, md_ctx ctx)
{
	char *t = md_flatten(str);
	size_t n = strlen(t), i = 0, hash_run = n;

	if (n == 0) {
		if (ctx == MD_CELL)
			buf_add(out, EM_DASH);
		free(t);
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
	for (; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		switch (c) {
		case '\\': case '`': case '*': case '[': case ']': case '~':
			buf_addc(out, '\\');
			buf_addc(out, (char)c);
			break;
		case '|':
			buf_add(out, ctx == MD_CELL ? "\\|" : "|");
			break;
		case '<':
			buf_add(out, "&lt;");
			break;
		case '>':
			buf_add(out, "&gt;");
			break;
		case '&':
			buf_add(out, entity_like(t + i + 1) ? "\\&" : "&");
			break;
		case '_':
			/* Intraword underscores never emphasise (snake_case stays readable). */
			if (!(i > 0 && is_alnum_byte((unsigned char)t[i - 1]) &&
			      is_alnum_byte((unsigned char)t[i + 1])))
				buf_addc(out, '\\');
			buf_addc(out, '_');
			break;
		case '#':
			if (i == hash_run)
				buf_addc(out, '\\');
			buf_addc(out, '#');
			break;
		default:
			buf_addc(out, (char)c);
		}
	}
	free(t);
}

/*
** A link target: the page name plus suffix, percent-encoded outside [A-Za-z0-9._~-], so it
** is always a relative page name: no scheme (':'), no other host ('//'), no ')' ending it.
*/
static void md_href(vs_buf *out, const char *href, const char *suffix)
{
	static const char hex[] = "0123456789ABCDEF";
	vs_buf b = {0};
	buf_add(&b, href);
	if (suffix)
		buf_add(&b, suffix);
	for (size_t i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.s[i];
		if ((is_alnum_byte(c) && c < 0x80) || (c && strchr("-._~", c)))
			buf_addc(out, (char)c);
		else {
			buf_addc(out, '%');
			buf_addc(out, hex[c >> 4]);
			buf_addc(out, hex[c & 15]);
		}
	}
	buf_free(&b);
}

/* }====== */

/* {====== Blocks */

typedef struct md {
	vs_buf *out;
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
static void comment(vs_buf *out, const char *text)
{
	char *t = md_flatten(text);
	buf_add(out, "<!-- ");
	for (const char *p = t; *p; p++) {
		if (*p == '<')
			buf_add(out, "&lt;");
		else if (*p == '>')
			buf_add(out, "&gt;");
		else if (*p == '|')
			buf_add(out, "&#124;");
		else if (*p == '-' && p > t && p[-1] == '-')
			buf_add(out, "&#45;");
		else
			buf_addc(out, *p);
	}
	buf_add(out, " -->");
	free(t);
}

/* End a line that came from an item or row: --explain adds its source as a comment. */
static void end_line(md *m, const char *source)
{
	if (m->o && m->o->explain && source && *source) {
		buf_addc(m->out, ' ');
		comment(m->out, source);
	}
	buf_addc(m->out, '\n');
}

static bool empty(const char *s)
{
	if (!s)
		return true;
	char *t = md_flatten(s);
	bool e = *t == '\0';
	free(t);
	return e;
}

static void heading(md *m, int level, const char *text, const char *source)
{
	block(m, false);
	for (int i = 0; i < level; i++)
		buf_addc(m->out, '#');
	buf_addc(m->out, ' ');
	md_inline(m->out, text, MD_HEADING);
	end_line(m, source);
}

static void paragraph(md *m, const char *text, const char *source)
{
	block(m, false);
	md_inline(m->out, text, MD_PARA);
	end_line(m, source);
}

static void bullet(md *m, const char *text, const char *href, const char *source)
{
	block(m, true);
	buf_add(m->out, "- ");
	if (href && *href) {
		buf_addc(m->out, '[');
		md_inline(m->out, text, MD_INLINE);
		buf_add(m->out, "](");
		md_href(m->out, href, m->o ? m->o->link_suffix : NULL);
		buf_addc(m->out, ')');
	} else {
		md_inline(m->out, text, MD_PARA);
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
			md_inline(m->out, c, MD_CELL);
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
		if (it->question) {
			if (!empty(it->question))
				heading(m, 3, it->question, it->source);
			if (!empty(it->answer))
				paragraph(m, it->answer, it->source);
			continue;
		}
		if (empty(it->text))
			continue;
		switch (s->style) {
		case VS_STYLE_LIST:
			bullet(m, it->text, NULL, it->source);
			break;
		case VS_STYLE_LINKS:
			bullet(m, it->text, it->href, it->source);
			break;
		case VS_STYLE_PARAGRAPHS:
		case VS_STYLE_FAQ:
		default:
			paragraph(m, it->text, it->source);
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
		comment(out, o->rules_dir_note);
		buf_addc(out, '\n');
	}
	for (int i = 0; i < VS_SEC_COUNT; i++)
		section(&m, &r->sections[i]);
	if (!m.any)
		buf_addc(out, '\n');
}
