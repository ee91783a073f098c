/*
** escape.c — see escape.h.  One decoder (utf8_decode), one classification (esc_class), and
** each context's writer built on them.
*/
#include "escape.h"

#include <stdlib.h>
#include <string.h>

#define EM_DASH "\xE2\x80\x94" /* U+2014: unknown, in an empty cell */

/* {====== Code points */

size_t utf8_decode_n(const char *str, size_t avail, unsigned *cp_out)
{
	const unsigned char *s = (const unsigned char *)str;
	if (avail == 0)
		return 0;
	unsigned c = s[0], cp;
	size_t n;
	if (c < 0x80) {
		*cp_out = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0; /* a continuation byte, C0/C1 (always overlong), F5 and above */
	}
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80) /* also stops at a NUL */
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*cp_out = cp;
	return n;
}

unsigned utf8_decode(const char *str, size_t *len)
{
	unsigned cp;
	/* No bound needed: a sequence stops at the first byte that is not a continuation byte,
	** and the NUL is not one, so nothing past the string is read. */
	*len = utf8_decode_n(str, 4, &cp);
	if (*len == 0) {
		*len = 1;
		return 0xFFFD;
	}
	return cp;
}

/*
** The invisible characters: Unicode's default-ignorable code points (DerivedCoreProperties,
** Default_Ignorable_Code_Point), which a renderer shows as nothing, so they hide text
** ("tag" characters spell out a whole sentence no reader sees), reorder it (bidi controls)
** or make two names that look the same differ.  Sorted, for a binary search.
*/
static const struct {
	unsigned lo, hi;
} invisible[] = {
	{0x00AD, 0x00AD},   /* soft hyphen */
	{0x034F, 0x034F},   /* combining grapheme joiner */
	{0x061C, 0x061C},   /* Arabic letter mark */
	{0x115F, 0x1160},   /* Hangul choseong and jungseong fillers */
	{0x17B4, 0x17B5},   /* Khmer inherent vowels */
	{0x180B, 0x180F},   /* Mongolian variation selectors and vowel separator */
	{0x200B, 0x200F},   /* zero-width space, joiners, LRM, RLM */
	{0x202A, 0x202E},   /* bidi embeddings and overrides */
	{0x2060, 0x206F},   /* word joiner, invisible operators, isolates, deprecated controls */
	{0x3164, 0x3164},   /* Hangul filler */
	{0xFE00, 0xFE0F},   /* variation selectors */
	{0xFEFF, 0xFEFF},   /* zero-width no-break space (BOM) */
	{0xFFA0, 0xFFA0},   /* halfwidth Hangul filler */
	{0xFFF0, 0xFFF8},   /* unassigned, default-ignorable */
	{0x1BCA0, 0x1BCA3}, /* shorthand format controls */
	{0x1D173, 0x1D17A}, /* musical symbol format controls */
	{0xE0000, 0xE0FFF}, /* tag characters, variation selectors supplement */
};

bool esc_is_invisible(unsigned cp)
{
	size_t lo = 0, hi = VS_ARRAY_LEN(invisible);
	if (cp < invisible[0].lo)
		return false;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < invisible[mid].lo)
			hi = mid;
		else if (cp > invisible[mid].hi)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

/* JavaScript cannot hold U+2028/U+2029 raw in a string literal, and an invisible character
** is easier to see as \u202e: everything esc_class does not keep is a \u escape. */
vs_cp_class esc_class(unsigned cp)
{
	if (cp == '\n' || cp == 0x2028 || cp == 0x2029)
		return ESC_NEWLINE;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return ESC_SPACE;
	return esc_is_invisible(cp) ? ESC_DROP : ESC_KEEP;
}

/* Plain bytes: what most escapers copy as they are (never the NUL that ends a string). */
static bool ascii_printable(unsigned char c)
{
	return c >= 0x20 && c < 0x7F;
}

/* Copies the run of bytes at *s that plain() keeps, at once rather than a byte at a time,
** and moves *s past it; false when *s does not start with one. */
static inline bool copy_plain(vs_buf *out, const unsigned char **s, bool (*plain)(unsigned char))
{
	size_t run = 0;
	while (plain((*s)[run]))
		run++;
	if (!run)
		return false;
	buf_addn(out, (const char *)*s, run);
	*s += run;
	return true;
}

/* The bytes of cp at s (length len) as they are written when kept: U+FFFD for a byte that
** is not UTF-8, else the bytes themselves. */
static void put_kept(vs_buf *out, const char *s, unsigned cp, size_t len)
{
	if (cp == 0xFFFD && len == 1)
		buf_addn(out, "\xEF\xBF\xBD", 3);
	else
		buf_addn(out, s, len);
}

bool esc_blank(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	if (!s)
		return true;
	while (*s) {
		if (*s > 0x20 && *s < 0x7F)
			return false;
		size_t len = 1;
		unsigned cp = *s;
		if (cp >= 0x80)
			cp = utf8_decode((const char *)s, &len);
		if (cp != ' ' && esc_class(cp) == ESC_KEEP)
			return false; /* U+FFFD for a byte that is not UTF-8 included */
		s += len;
	}
	return true;
}

/* }====== */

/* {====== Markdown */

/*
** The string on one line: control characters and line breaks become spaces, invisible
** characters are dropped, bytes that are not UTF-8 become U+FFFD, white space at both ends
** is dropped (four leading spaces would make code).  The result is str itself when nothing
** changes, else built in scratch; it is returned with its length and is NUL-terminated.
*/
static const char *flatten(vs_buf *scratch, const char *str, size_t *n)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	vs_buf *b = scratch;

	/* Most strings are printable ASCII with no space at either end: already flat. */
	size_t ascii = 0;
	while (ascii_printable(s[ascii]))
		ascii++;
	if (s[ascii] == '\0' && (ascii == 0 || (s[0] != ' ' && s[ascii - 1] != ' '))) {
		*n = ascii;
		return (const char *)s;
	}

	b->len = 0;
	buf_addn(b, "", 0); /* allocated and NUL-terminated even when str is empty */
	while (*s) {
		if (copy_plain(b, &s, ascii_printable))
			continue;
		size_t len;
		unsigned cp = utf8_decode((const char *)s, &len);
		switch (esc_class(cp)) {
		case ESC_SPACE: case ESC_NEWLINE: buf_addc(b, ' '); break;
		case ESC_DROP: break;
		case ESC_KEEP: put_kept(b, (const char *)s, cp, len); break;
		}
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

static bool is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A byte GFM's e-mail autolink accepts just before the '@'. */
static bool email_byte(unsigned char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '+' || c == '-';
}

static bool ascii_ieq(const char *s, const char *lower, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != lower[i])
			return false;
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

/* The bytes md_flat may change; every other byte is copied as it is. */
static const unsigned char md_special[256] = {
	['\\'] = 1, ['`'] = 1, ['*'] = 1, ['['] = 1, [']'] = 1, ['~'] = 1, ['|'] = 1,
	['<'] = 1, ['>'] = 1, ['&'] = 1, ['_'] = 1, ['#'] = 1, [':'] = 1, ['.'] = 1, ['@'] = 1,
};

/* Where a heading's closing '#' run starts in t[0..n): escaped, or "## C #" would lose its
** last '#'; n when there is none ("C#" is not one). */
static size_t closing_hashes(const char *t, size_t n)
{
	if (t[n - 1] != '#')
		return n;
	size_t run = n;
	while (run > 0 && t[run - 1] == '#')
		run--;
	return run > 0 && t[run - 1] != ' ' ? n : run;
}

/* A paragraph's block marker at the start of a line (heading, list, thematic break)
** escaped; returns how many bytes of t it wrote ('>' becomes "&gt;", '*' and '`' are
** escaped by md_byte). */
static size_t md_line_start(vs_buf *out, const char *t)
{
	if (strchr("#-+=", t[0])) {
		buf_addc(out, '\\');
	} else if (is_digit((unsigned char)t[0])) {
		size_t d = 0;
		while (d < 10 && is_digit((unsigned char)t[d]))
			d++;
		if (d < 10 && (t[d] == '.' || t[d] == ')')) {
			buf_addn(out, t, d);
			buf_addc(out, '\\');
			return d;
		}
	}
	return 0;
}

/* One md_special byte, t[i] of t[0..n), written as ctx needs: escaped, as a reference, or
** as it is.  hash_run: closing_hashes' answer for a heading, else n. */
static void md_byte(vs_buf *out, const char *t, size_t n, size_t i, vs_md_ctx ctx,
                    size_t hash_run)
{
	unsigned char c = (unsigned char)t[i];
	switch (c) {
	case '\\': case '`': case '*': case '[': case ']': case '~': {
		char esc[2] = {'\\', (char)c};
		buf_addn(out, esc, 2);
		break;
	}
	case '|':
		if (ctx == ESC_MD_CELL)
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
	case ':':
		/* "https://…": a character reference keeps GFM from making it a link. */
		if (i + 2 < n && t[i + 1] == '/' && t[i + 2] == '/' && i > 0 &&
		    is_alpha((unsigned char)t[i - 1]))
			buf_addn(out, "&#58;", 5);
		else
			buf_addc(out, ':');
		break;
	case '.':
		/* "www.…" at the start of a word: likewise. */
		if (i >= 3 && ascii_ieq(t + i - 3, "www", 3) &&
		    (i == 3 || !is_alnum_byte((unsigned char)t[i - 4])))
			buf_addn(out, "&#46;", 5);
		else
			buf_addc(out, '.');
		break;
	case '@':
		/* "x@host.tld": GFM links an e-mail address whatever is escaped in it; a
		** zero-width non-joiner of our own before the '@' breaks the pattern. */
		if (i > 0 && email_byte((unsigned char)t[i - 1]) && i + 1 < n &&
		    is_alnum_byte((unsigned char)t[i + 1]))
			buf_addn(out, "&zwnj;@", 7);
		else
			buf_addc(out, '@');
		break;
	case '#':
		if (i == hash_run)
			buf_addn(out, "\\#", 2);
		else
			buf_addc(out, '#');
		break;
	}
}

/* Escape t[0..n) (already flat) for ctx: the runs of plain bytes copied, each special byte
** through md_byte. */
static void md_flat(vs_buf *out, const char *t, size_t n, vs_md_ctx ctx)
{
	if (n == 0) {
		if (ctx == ESC_MD_CELL)
			buf_addn(out, EM_DASH, sizeof EM_DASH - 1);
		return;
	}
	size_t hash_run = ctx == ESC_MD_HEADING ? closing_hashes(t, n) : n;
	size_t i = ctx == ESC_MD_PARA ? md_line_start(out, t) : 0;
	size_t plain = i; /* start of the run of bytes not yet written */
	for (; i < n; i++) {
		if (!md_special[(unsigned char)t[i]])
			continue;
		if (i > plain)
			buf_addn(out, t + plain, i - plain);
		plain = i + 1;
		md_byte(out, t, n, i, ctx, hash_run);
	}
	if (n > plain)
		buf_addn(out, t + plain, n - plain);
}

void esc_md(vs_buf *out, vs_buf *scratch, const char *str, vs_md_ctx ctx)
{
	size_t n;
	const char *t = flatten(scratch, str, &n);
	md_flat(out, t, n, ctx);
}

/* A source URL a rule may show as a link: http(s), and nothing that could end an autolink
** early or carry markup. */
static bool plain_url(const char *u)
{
	if (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0)
		return false;
	for (const unsigned char *p = (const unsigned char *)u; *p; p++)
		if (*p <= 0x20 || *p >= 0x7F || *p == '<' || *p == '>' || *p == '"' || *p == '\\')
			return false;
	return true;
}

void esc_md_links(vs_buf *out, vs_buf *scratch, const char *str, vs_md_ctx ctx,
                  const char *const *urls, size_t n_urls)
{
	size_t n;
	const char *t = flatten(scratch, str, &n);
	size_t done = 0;
	for (size_t i = 0; i < n;) {
		/* The longest URL of the list that starts here. */
		size_t best = 0;
		for (size_t u = 0; u < n_urls; u++) {
			size_t len = strlen(urls[u]);
			if (len > best && len <= n - i && memcmp(t + i, urls[u], len) == 0 &&
			    plain_url(urls[u]))
				best = len;
		}
		if (!best) {
			i++;
			continue;
		}
		if (i > done)
			md_flat(out, t + done, i - done, done == 0 ? ctx : ESC_MD_INLINE);
		buf_addc(out, '<');
		buf_addn(out, t + i, best);
		buf_addc(out, '>');
		i += best;
		done = i;
	}
	if (n > done || n == 0)
		md_flat(out, t + done, n - done, done == 0 ? ctx : ESC_MD_INLINE);
}

/*
** An HTML comment holding text.  It cannot end early or be refused as a comment: '<' and '>'
** are escaped, and so is the second '-' of "--"; '|' is escaped so that a comment after a
** table row adds no cell.
*/
void esc_md_comment(vs_buf *out, vs_buf *scratch, const char *text)
{
	size_t n;
	const char *t = flatten(scratch, text, &n);
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

/* }====== */

/* {====== HTML */

/* Printable ASCII esc_html copies as it is: not a space (trimmed at the ends), not one of
** the five it escapes. */
static const unsigned char html_plain[256] = {
#define R8(c) [c] = 1, [c + 1] = 1, [c + 2] = 1, [c + 3] = 1, [c + 4] = 1, [c + 5] = 1, \
              [c + 6] = 1, [c + 7] = 1
	[0x21] = 1, [0x23] = 1, [0x24] = 1, [0x25] = 1,                 /* not ' ' " & ' */
	R8(0x28), R8(0x30),
	[0x38] = 1, [0x39] = 1, [0x3A] = 1, [0x3B] = 1, [0x3D] = 1, [0x3F] = 1, /* not < > */
	R8(0x40), R8(0x48), R8(0x50), R8(0x58), R8(0x60), R8(0x68), R8(0x70),
	[0x78] = 1, [0x79] = 1, [0x7A] = 1, [0x7B] = 1, [0x7C] = 1, [0x7D] = 1, [0x7E] = 1,
#undef R8
};

/* pending spaces (held back in case the text ends there) are written: a later byte is kept. */
static void put_spaces(vs_buf *out, size_t pending)
{
	static const char spaces[] = "                "; /* 16 */
	while (pending) {
		size_t n = pending < 16 ? pending : 16;
		buf_addn(out, spaces, n);
		pending -= n;
	}
}

void esc_html(vs_buf *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	size_t pending = 0; /* spaces not yet written: dropped at the end */
	bool started = false;

	while (*s) {
		if (html_plain[*s]) {
			/* A run of plain bytes and spaces is one append; its trailing spaces wait. */
			size_t run = 1, end;
			while (html_plain[s[run]] || s[run] == ' ')
				run++;
			for (end = run; s[end - 1] == ' '; end--)
				;
			put_spaces(out, pending);
			buf_addn(out, (const char *)s, end);
			pending = run - end;
			started = true;
			s += run;
			continue;
		}
		size_t len = 1;
		unsigned cp = *s;
		if (cp >= 0x80)
			cp = utf8_decode((const char *)s, &len);
		vs_cp_class k = cp == ' ' ? ESC_SPACE : esc_class(cp);
		if (k == ESC_DROP) {
			s += len;
			continue;
		}
		if (k != ESC_KEEP) {
			if (started)
				pending++;
			s += len;
			continue;
		}
		put_spaces(out, pending);
		pending = 0;
		started = true;
		switch (cp) {
		case '&': buf_addn(out, "&amp;", 5); break;
		case '<': buf_addn(out, "&lt;", 4); break;
		case '>': buf_addn(out, "&gt;", 4); break;
		case '"': buf_addn(out, "&quot;", 6); break;
		case '\'': buf_addn(out, "&#39;", 5); break;
		default:
			put_kept(out, (const char *)s, cp, len);
		}
		s += len;
	}
}

/*
** As esc_html, but each occurrence of one of urls (validated http(s) URLs, as a record's
** sources) becomes a link, <a href="URL">URL</a>; nothing else can become one.  The text is
** escaped first, then each URL's escaped form is found in it: a URL escapes the same alone
** as inside the text, since no character of a plain URL is white space or dropped.
*/
void esc_html_links(vs_buf *out, const char *str, const char *const *urls, size_t n_urls)
{
	vs_buf text = {0}, esc = {0};
	size_t *start = calloc(n_urls ? n_urls : 1, sizeof *start);
	size_t *len = calloc(n_urls ? n_urls : 1, sizeof *len);
	if (!start || !len)
		abort();
	esc_html(&text, str);
	for (size_t u = 0; u < n_urls; u++) {
		start[u] = esc.len;
		if (plain_url(urls[u]))
			esc_html(&esc, urls[u]);
		len[u] = esc.len - start[u];
	}
	for (size_t i = 0; i < text.len;) {
		size_t best = 0, at = 0; /* the longest URL that starts here */
		for (size_t u = 0; u < n_urls; u++)
			if (len[u] > best && len[u] <= text.len - i &&
			    memcmp(text.s + i, esc.s + start[u], len[u]) == 0)
				best = len[u], at = start[u];
		if (!best) {
			buf_addc(out, text.s[i++]);
			continue;
		}
		buf_add(out, "<a href=\"");
		buf_addn(out, esc.s + at, best);
		buf_add(out, "\">");
		buf_addn(out, esc.s + at, best);
		buf_add(out, "</a>");
		i += best;
	}
	free(start);
	free(len);
	buf_free(&text);
	buf_free(&esc);
}

/* }====== */

/* {====== Links */

/* Bytes a link target keeps as they are: [A-Za-z0-9._~-]. */
static bool href_plain(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       c == '-' || c == '.' || c == '_' || c == '~';
}

void esc_href(vs_buf *out, const char *str)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	while (*s) {
		if (copy_plain(out, &s, href_plain))
			continue;
		char enc[3] = {'%', hex[*s >> 4], hex[*s & 15]};
		buf_addn(out, enc, 3);
		s++;
	}
}

void esc_url_base(vs_buf *out, const char *base)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *s = (const unsigned char *)(base ? base : ""); *s; s++) {
		if (href_plain(*s) || *s == ':' || *s == '/') {
			buf_addc(out, (char)*s);
		} else {
			char enc[3] = {'%', hex[*s >> 4], hex[*s & 15]};
			buf_addn(out, enc, 3);
		}
	}
}

/* }====== */

/* {====== Terminal */

char *esc_terminal(const char *str, bool keep_newlines)
{
	const unsigned char *s = (const unsigned char *)(str ? str : "");
	vs_buf b = {0};

	buf_addn(&b, "", 0); /* never NULL, even for an empty string */
	while (*s) {
		if (copy_plain(&b, &s, ascii_printable))
			continue;
		size_t len;
		unsigned cp = utf8_decode((const char *)s, &len);
		switch (esc_class(cp)) {
		case ESC_NEWLINE: buf_addc(&b, keep_newlines ? '\n' : ' '); break;
		case ESC_SPACE: /* a tab is a space; ESC and the rest are dropped, never sent */
			if (cp == '\t')
				buf_addc(&b, ' ');
			break;
		case ESC_DROP: break;
		case ESC_KEEP: put_kept(&b, (const char *)s, cp, len); break;
		}
		s += len;
	}
	return buf_steal(&b);
}

/* }====== */

/* {====== JSON */

/* \uXXXX, or a surrogate pair above U+FFFF (a tag character is "\udb40\udc41", never
** "\ue0041", which reads back as U+E004 and a '1'). */
static void put_json_escape(vs_buf *out, unsigned cp)
{
	if (cp < 0x10000) {
		buf_printf(out, "\\u%04x", cp);
		return;
	}
	cp -= 0x10000;
	buf_printf(out, "\\u%04x\\u%04x", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
}

/* Bytes a JSON string holds as they are: printable ASCII but the quote and the backslash. */
static bool json_plain(unsigned char c)
{
	return ascii_printable(c) && c != '"' && c != '\\';
}

/* JavaScript cannot hold U+2028/U+2029 raw in a string literal, and an invisible character
** is easier to see as \u202e: in a report everything esc_class does not keep is a \u escape.
** A record file keeps every character but the C0 controls as its bytes, as Python's
** json.dumps(ensure_ascii=False) does. */
void json_put_string_as(vs_buf *out, const char *str, json_style st)
{
	const unsigned char *s = (const unsigned char *)str;

	if (!s) {
		buf_add(out, "null");
		return;
	}
	buf_addc(out, '"');
	while (*s) {
		if (copy_plain(out, &s, json_plain))
			continue;
		size_t len;
		unsigned cp = utf8_decode((const char *)s, &len);
		switch (cp) {
		case '"': buf_add(out, "\\\""); break;
		case '\\': buf_add(out, "\\\\"); break;
		case '\b': buf_add(out, "\\b"); break;
		case '\f': buf_add(out, "\\f"); break;
		case '\n': buf_add(out, "\\n"); break;
		case '\r': buf_add(out, "\\r"); break;
		case '\t': buf_add(out, "\\t"); break;
		default:
			if (st == JSON_RECORD ? cp < 0x20 : esc_class(cp) != ESC_KEEP)
				put_json_escape(out, cp);
			else if (st == JSON_REPORT && cp == 0xFFFD && len == 1)
				buf_add(out, "\\ufffd");
			else
				buf_addn(out, (const char *)s, len);
		}
		s += len;
	}
	buf_addc(out, '"');
}

void json_put_string(vs_buf *out, const char *str)
{
	json_put_string_as(out, str, JSON_REPORT);
}


/* }====== */
