/*
** render_text.c — the report for a terminal: wrapped to the width, aligned tables, ANSI
** bold for headings and dim for --explain sources when (and only when) opts->color says so;
** the CLI decides that from the TTY and NO_COLOR.
**
** Every data string is cleaned first: C0 controls (ESC among them), DEL and C1 controls are
** dropped, as are the bidi embedding, override and isolate controls, so a record or a rule
** cannot move the cursor, clear the screen, open a hyperlink or reorder a line
** (hardening.md cases 121, 122).  The only escape sequences in the output are the
** renderer's own.
**
** Display width: one column a code point, none for combining marks and other zero-width
** characters, two for East Asian wide and emoji code points.  No locale is consulted.
*/
#include "render.h"

#include "escape.h"

#include <stdlib.h>
#include <string.h>

#define SGR_BOLD "\x1b[1m"
#define SGR_TITLE "\x1b[1;4m"
#define SGR_DIM "\x1b[2m"
#define SGR_RESET "\x1b[0m"
#define EM_DASH "\xE2\x80\x94"
#define GAP 2 /* spaces between table columns */

/* Append n copies of c (a space, '-' or '='), a run of up to 64 at a time. */
static void put_run(vs_buf *b, char c, size_t n)
{
	static const char spaces[] = "                                                                ";
	static const char dashes[] = "----------------------------------------------------------------";
	static const char equals[] = "================================================================";
	_Static_assert(sizeof spaces == sizeof dashes && sizeof spaces == sizeof equals,
	               "runs of one length");
	const char *src = c == ' ' ? spaces : c == '-' ? dashes : c == '=' ? equals : NULL;
	if (!src) {
		while (n-- > 0)
			buf_addc(b, c);
		return;
	}
	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
		buf_addn(b, src, k);
		n -= k;
	}
}

/* {====== UTF-8 and display width */

typedef struct cp_range {
	unsigned lo, hi;
} cp_range;

static const cp_range zero_width[] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
	{0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x1AB0, 0x1AFF},
	{0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2060, 0x2064}, {0x20D0, 0x20FF},
	{0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

static const cp_range wide[] = {
	{0x1100, 0x115F}, {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF},
	{0x4E00, 0x9FFF}, {0xA000, 0xA4CF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
	{0xFE30, 0xFE4F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
	{0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static bool in_ranges(unsigned cp, const cp_range *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= r[i].lo && cp <= r[i].hi)
			return true;
	return false;
}

static size_t cp_width(unsigned cp)
{
	if (cp < 0x0300) /* below every range: Latin, and all of ASCII */
		return 1;
	if (in_ranges(cp, zero_width, VS_ARRAY_LEN(zero_width)))
		return 0;
	if (in_ranges(cp, wide, VS_ARRAY_LEN(wide)))
		return 2;
	return 1;
}

static size_t str_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w = 0, len;
	while (*s) {
		if (*s < 0x80) { /* ASCII: one column a byte */
			w++;
			s++;
			continue;
		}
		w += cp_width(utf8_decode((const char *)s, &len));
		s += len;
	}
	return w;
}

/* The display width of the n bytes at s, as str_width would give for a copy of them. */
static size_t str_width_n(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t w = 0, i = 0, len;
	while (i < n && s[i]) {
		if (s[i] < 0x80) {
			w++;
			i++;
			continue;
		}
		if (n - i < 4) {
			/* near the end: decode a NUL-terminated copy, so nothing past n is read */
			char tmp[5] = {0};
			memcpy(tmp, s + i, n - i);
			w += cp_width(utf8_decode(tmp, &len));
		} else {
			w += cp_width(utf8_decode((const char *)s + i, &len));
		}
		i += len;
	}
	return w;
}

/* }====== */

/* {====== Wrapping */

typedef struct line_builder {
	vs_strv *lines;
	vs_buf cur;
	size_t cw;      /* display width of cur */
	bool has;       /* cur holds a word */
	size_t avail;
} line_builder;

static void lb_push(line_builder *lb)
{
	strv_push(lb->lines, lb->cur.s ? lb->cur.s : "");
	lb->cur.len = 0;
	if (lb->cur.s)
		lb->cur.s[0] = '\0';
	lb->cw = 0;
	lb->has = false;
}

/*
** A word wider than the line (cur is empty): cut it after its last hyphen that fits, else
** between code points.  Nothing is lost; a piece is never empty.
*/
static void lb_hard(line_builder *lb, const char *w, size_t n)
{
	size_t i = 0, hy = 0, hy_w = 0; /* bytes of cur up to and with its last '-', their width */
	while (i < n) {
		size_t len;
		size_t cw = cp_width(utf8_decode(w + i, &len));
		if (lb->cw + cw > lb->avail && lb->cw > 0) {
			if (hy > 0 && hy < lb->cur.len) {
				char *rest = xstrdup(lb->cur.s + hy);
				size_t rest_w = lb->cw - hy_w;
				lb->cur.len = hy;
				lb->cur.s[hy] = '\0';
				lb_push(lb);
				buf_add(&lb->cur, rest);
				lb->cw = rest_w;
				lb->has = true;
				free(rest);
				if (lb->cw + cw > lb->avail)
					lb_push(lb);
			} else {
				lb_push(lb);
			}
			hy = 0;
		}
		buf_addn(&lb->cur, w + i, len);
		lb->cw += cw;
		lb->has = true;
		if (w[i] == '-') {
			hy = lb->cur.len;
			hy_w = lb->cw;
		}
		i += len;
		if (lb->cw > lb->avail && lb->cw == cw) { /* one wide character in a narrow column */
			lb_push(lb);
			hy = 0;
		}
	}
}

/* A URL is never cut: a reader copies it whole, or follows it (issue 18). */
static bool is_url(const char *w, size_t n)
{
	for (size_t i = 0; i + 3 <= n; i++)
		if (w[i] == ':' && w[i + 1] == '/' && w[i + 2] == '/')
			return i > 0;
	return n > 4 && strncmp(w, "www.", 4) == 0;
}

static void lb_word(line_builder *lb, const char *w, size_t n)
{
	size_t ww = str_width_n(w, n);
	if (lb->has && lb->cw + 1 + ww <= lb->avail) {
		buf_addc(&lb->cur, ' ');
		buf_addn(&lb->cur, w, n);
		lb->cw += 1 + ww;
		return;
	}
	if (lb->has)
		lb_push(lb);
	if (ww <= lb->avail || is_url(w, n)) { /* a URL wider than the line: on a line of its own */
		buf_addn(&lb->cur, w, n);
		lb->cw = ww;
		lb->has = true;
	} else {
		lb_hard(lb, w, n);
	}
}

/*
** Break clean text into lines no wider than avail (at least 1) at spaces; a line break in
** the text starts a new line, and a run of empty lines is one.  Lines carry no leading or
** trailing spaces, none is empty at either end.  Empty text gives no lines.
*/
static void wrap(const char *s, size_t avail, vs_strv *lines)
{
	line_builder lb = {.lines = lines, .avail = avail ? avail : 1};
	size_t start_n = lines->n;

	s += strspn(s, " \n");
	for (;;) {
		size_t seg = strcspn(s, "\n");
		const char *p = s, *end = s + seg;
		while (p < end) {
			while (p < end && *p == ' ')
				p++;
			const char *q = p;
			while (q < end && *q != ' ')
				q++;
			if (q > p)
				lb_word(&lb, p, (size_t)(q - p));
			p = q;
		}
		if (!s[seg])
			break;
		/* The line break; of several empty lines one is kept. */
		if (lb.has || (lines->n > start_n && *lines->v[lines->n - 1]))
			lb_push(&lb);
		s = end + 1;
	}
	if (lb.has)
		lb_push(&lb);
	while (lines->n > start_n && !*lines->v[lines->n - 1]) /* trailing line breaks */
		free(lines->v[--lines->n]);
	buf_free(&lb.cur);
}

/* }====== */

/* {====== Blocks */

typedef struct tx {
	vs_buf *out;
	const vs_render_opts *o;
	size_t width;
	vs_blocks blocks;
} tx;

static bool color(const tx *t)
{
	return t->o && t->o->color;
}

static void block(tx *t, bool bullet)
{
	if (render_block(&t->blocks, bullet))
		buf_addc(t->out, '\n');
}

/*
** Write clean text wrapped, the first line after first, the others after rest (both of the
** same display width), each line inside sgr when colour is on.  No newline after the last
** line; returns its display width.
*/
static size_t put_wrapped(tx *t, const char *text, const char *first, const char *rest,
                          const char *sgr, size_t *maxw)
{
	vs_strv lines = {0};
	size_t indent = str_width(first), lastw = 0;
	wrap(text, t->width > indent ? t->width - indent : 1, &lines);
	if (lines.n == 0)
		strv_push(&lines, "");
	for (size_t i = 0; i < lines.n; i++) {
		const char *pre = i ? rest : first;
		if (i)
			buf_addc(t->out, '\n');
		if (*lines.v[i] || i == 0)
			buf_add(t->out, pre); /* an empty line inside the text carries no indent */
		if (sgr && color(t) && *lines.v[i])
			buf_printf(t->out, "%s%s" SGR_RESET, sgr, lines.v[i]);
		else
			buf_add(t->out, lines.v[i]);
		lastw = indent + str_width(lines.v[i]);
		if (maxw && lastw > *maxw)
			*maxw = lastw;
	}
	strv_free(&lines);
	return lastw;
}

/* End an item's last line: with --explain, its source after it when it fits, else below. */
static void finish(tx *t, size_t lastw, const char *source, const char *indent)
{
	if (t->o && t->o->explain && source && *source) {
		char *c = esc_terminal(source, false);
		char *tag = xasprintf("[%s]", c);
		size_t tw = str_width(tag);
		if (lastw + 2 + tw <= t->width) {
			buf_add(t->out, "  ");
			buf_add(t->out, color(t) ? SGR_DIM : "");
			buf_add(t->out, tag);
			buf_add(t->out, color(t) ? SGR_RESET : "");
		} else {
			buf_addc(t->out, '\n');
			put_wrapped(t, tag, indent, indent, SGR_DIM, NULL);
		}
		free(tag);
		free(c);
	}
	buf_addc(t->out, '\n');
}

static void heading(tx *t, const char *text, char rule, const char *sgr, const char *source)
{
	char *c = esc_terminal(text, false);
	size_t maxw = 0;
	block(t, false);
	finish(t, put_wrapped(t, c, "", "", sgr, &maxw), source, "");
	if (!color(t)) {
		put_run(t->out, rule, maxw);
		buf_addc(t->out, '\n');
	}
	free(c);
}

static void paragraph(tx *t, const char *text, const char *first, const char *rest,
                      const char *sgr, const char *source, bool bullet)
{
	char *c = esc_terminal(text, true);
	block(t, bullet);
	finish(t, put_wrapped(t, c, first, rest, sgr, NULL), source, rest);
	free(c);
}

static void faq_entry(tx *t, const vs_item *it)
{
	char *q = esc_terminal(it->question, false);
	char *a = esc_terminal(it->answer, true);
	size_t lastw;
	block(t, false);
	lastw = put_wrapped(t, q, "", "", SGR_BOLD, NULL);
	if (*a) {
		buf_addc(t->out, '\n');
		lastw = put_wrapped(t, a, "  ", "  ", NULL, NULL);
	}
	finish(t, lastw, it->source, "  ");
	free(q);
	free(a);
}

static void link_entry(tx *t, const vs_item *it)
{
	const char *suffix = t->o ? t->o->link_suffix : NULL;
	char *text, *cmd = NULL;
	if (it->href && *it->href && suffix)
		text = xasprintf("%s (%s%s%s)", it->text, t->o->link_base ? t->o->link_base : "",
		                 it->href, suffix);
	else if ((cmd = item_pair_command(it)) != NULL)
		text = xasprintf("%s (%s)", it->text, cmd); /* a one-off page: the command */
	else
		text = xstrdup(it->text);
	free(cmd);
	paragraph(t, text, "- ", "  ", NULL, it->source, true);
	free(text);
}

/* }====== */

/* {====== Tables */

/*
** Column widths that fit the line.  Natural widths when the table fits.  Otherwise, when
** every column can hold its longest word, each gets that and the space left is shared out
** (share_what_is_left).  Otherwise columns narrower than a fair share keep their width and
** the others share the rest, cutting words (fair_shares).  Each column gets at least 1.
*/

/* Each column its longest word; then what is left goes first to the columns that lack no
** more than a fair share (so short columns stay on one line), the rest in proportion to
** what each lacks. */
static void share_what_is_left(const size_t *minw, size_t *col, size_t n, size_t left)
{
	size_t nleft = 0, lack = 0, given = 0;
	size_t *want = xcalloc(n, sizeof *want);
	for (size_t i = 0; i < n; i++) {
		size_t m = minw[i] ? minw[i] : 1;
		want[i] = col[i];
		col[i] = m < want[i] ? m : want[i];
		nleft += col[i] < want[i];
	}
	for (bool changed = true; changed && nleft > 0;) {
		changed = false;
		for (size_t i = 0; i < n; i++) {
			if (col[i] < want[i] && want[i] - col[i] <= left / nleft) {
				left -= want[i] - col[i];
				col[i] = want[i];
				nleft--;
				changed = true;
				break;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		lack += want[i] - col[i];
	for (size_t i = 0; i < n && lack > 0; i++) {
		size_t extra = (size_t)((double)left * (double)(want[i] - col[i]) / (double)lack);
		col[i] += extra;
		given += extra;
	}
	for (size_t i = 0; given < left && i < n; i++) {
		if (col[i] < want[i]) {
			col[i]++;
			given++;
		}
	}
	free(want);
}

/* Columns no wider than a fair share of left keep their width (again and again, as the
** share grows); the others share the rest equally, cutting words. */
static void fair_shares(size_t *col, size_t n, size_t left)
{
	size_t nleft = n;
	bool *fixed = xcalloc(n, sizeof *fixed);
	for (bool changed = true; changed && nleft > 0;) {
		changed = false;
		size_t share = left / nleft;
		for (size_t i = 0; i < n; i++) {
			if (!fixed[i] && col[i] <= share) {
				fixed[i] = true;
				left -= col[i];
				nleft--;
				changed = true;
			}
		}
	}
	if (nleft > 0) {
		size_t share = left / nleft, extra = left % nleft;
		for (size_t i = 0; i < n; i++) {
			if (fixed[i])
				continue;
			col[i] = share + (extra ? 1 : 0);
			if (extra)
				extra--;
			if (col[i] == 0)
				col[i] = 1; /* too narrow to fit: overflow rather than lose text */
		}
	}
	free(fixed);
}

static void fit_columns(const size_t *nat, const size_t *minw, size_t *col, size_t n,
                        size_t width)
{
	size_t gaps = GAP * (n - 1), total = gaps, mintotal = gaps;
	for (size_t i = 0; i < n; i++) {
		col[i] = nat[i] ? nat[i] : 1;
		total += col[i];
		size_t m = minw[i] ? minw[i] : 1;
		mintotal += m < col[i] ? m : col[i];
	}
	if (total <= width)
		return;
	if (mintotal <= width)
		share_what_is_left(minw, col, n, width - mintotal);
	else
		fair_shares(col, n, width > gaps ? width - gaps : 0);
}

/*
** fit_columns with the label column first: the first column names each row ("Input price
** (per 1M tokens)") and reads badly cut into pieces, so when the table does not fit it keeps
** its natural width up to two fifths of the line (its longest word when that is wider), or
** what the other columns leave when they hold their longest words, and they share the rest.
*/
static void fit_table(const size_t *nat, const size_t *minw, size_t *col, size_t n, size_t width)
{
	size_t total = GAP * (n - 1), rest_min = n > 1 ? GAP * (n - 2) : 0;
	for (size_t i = 0; i < n; i++) {
		size_t w = nat[i] ? nat[i] : 1, m = minw[i] ? minw[i] : 1;
		total += w;
		if (i > 0)
			rest_min += m < w ? m : w;
	}
	size_t label = nat[0] ? nat[0] : 1, cap = width * 2 / 5, least = minw[0] ? minw[0] : 1;
	if (label > cap)
		label = least > cap ? least : cap;
	if (n >= 2 && label + GAP + rest_min > width) /* many columns: what they leave it */
		label = width > GAP + rest_min ? width - GAP - rest_min : 0;
	if (n < 2 || total <= width || label < least) {
		fit_columns(nat, minw, col, n, width);
		return;
	}
	col[0] = label;
	fit_columns(nat + 1, minw + 1, col + 1, n - 1, width - label - GAP);
}

/* One table row of clean cells, each wrapped inside its column. */
static void table_row(tx *t, const vs_strv *cells, const size_t *col, size_t n, bool header,
                      bool dim_last)
{
	vs_strv *lines = xcalloc(n, sizeof *lines);
	size_t height = 1;
	vs_buf line = {0};

	for (size_t i = 0; i < n; i++) {
		wrap(cells->v[i], col[i], &lines[i]);
		if (lines[i].n > height)
			height = lines[i].n;
	}
	for (size_t k = 0; k < height; k++) {
		line.len = 0;
		for (size_t i = 0; i < n; i++) {
			const char *s = k < lines[i].n ? lines[i].v[k] : "";
			const char *sgr = header ? SGR_BOLD : dim_last && i == n - 1 ? SGR_DIM : NULL;
			size_t sw = str_width(s);
			if (i)
				buf_add(&line, "  "); /* GAP */
			if (*s && sgr && color(t))
				buf_printf(&line, "%s%s" SGR_RESET, sgr, s);
			else
				buf_add(&line, s);
			if (sw < col[i])
				put_run(&line, ' ', col[i] - sw);
		}
		while (line.len > 0 && line.s[line.len - 1] == ' ')
			line.len--;
		buf_addn(t->out, line.s ? line.s : "", line.len);
		buf_addc(t->out, '\n');
	}
	for (size_t i = 0; i < n; i++)
		strv_free(&lines[i]);
	free(lines);
	buf_free(&line);
}

/* The display width of the widest space-separated word of clean text. */
static size_t longest_word(const char *c)
{
	size_t best = 0;
	while (*c) {
		size_t k = strcspn(c, " ");
		size_t ww = str_width_n(c, k);
		if (ww > best)
			best = ww;
		c += k + (c[k] == ' ');
	}
	return best;
}

/* A table's clean cells: rows[0] is the header, each row gets ndata cells (an empty data
** cell shows U+2014), then its source tag ("" when none or not explaining); nat and minw
** hold each column's natural width and longest word, srcw the widest tag, col the widths
** chosen. */
typedef struct grid {
	vs_strv *rows;   /* n_rows + 1 */
	size_t *nat, *minw, *col; /* ndata + 1 each */
	size_t ndata, srcw;
} grid;

static void grid_cells(grid *g, size_t r, const vs_strv *cells)
{
	for (size_t i = 0; i < g->ndata; i++) {
		char *c = esc_terminal(i < cells->n ? cells->v[i] : "", false);
		if (r > 0 && strspn(c, " ") == strlen(c)) {
			free(c);
			c = xstrdup(EM_DASH);
		}
		size_t w = str_width(c), lw = longest_word(c);
		if (w > g->nat[i])
			g->nat[i] = w;
		if (lw > g->minw[i])
			g->minw[i] = lw;
		strv_push(&g->rows[r], c);
		free(c);
	}
}

static void grid_source(grid *g, size_t r, const tx *t, const char *src)
{
	if (t->o && t->o->explain && src && *src) {
		char *cs = esc_terminal(src, false);
		char *tag = xasprintf("[%s]", cs);
		if (str_width(tag) > g->srcw)
			g->srcw = str_width(tag);
		strv_push(&g->rows[r], tag);
		free(tag);
		free(cs);
	} else {
		strv_push(&g->rows[r], "");
	}
}

static void grid_fill(grid *g, const tx *t, const vs_section *s)
{
	for (size_t r = 0; r <= s->n_rows; r++) {
		grid_cells(g, r, r == 0 ? &s->columns : &s->rows[r - 1].cells);
		/* The header's columns come from the section{}, as its heading does. */
		grid_source(g, r, t, r > 0 ? s->rows[r - 1].source : (s->columns.n ? s->source : NULL));
	}
}

/* The columns' widths; true when the sources are a column of their own (the table fits
** with it at full width), false when each goes on a line below its row. */
static bool grid_widths(grid *g, const tx *t)
{
	size_t mintotal = GAP * (g->ndata - 1);
	for (size_t i = 0; i < g->ndata; i++) {
		size_t m = g->minw[i] ? g->minw[i] : 1;
		mintotal += m < g->nat[i] ? m : (g->nat[i] ? g->nat[i] : 1);
	}
	bool src_col = g->srcw > 0 && mintotal + GAP + g->srcw <= t->width;
	if (src_col) {
		fit_table(g->nat, g->minw, g->col, g->ndata, t->width - GAP - g->srcw);
		g->col[g->ndata] = g->srcw;
	} else {
		fit_table(g->nat, g->minw, g->col, g->ndata, t->width);
	}
	return src_col;
}

static void grid_write(const grid *g, tx *t, const vs_section *s, bool src_col)
{
	size_t n = g->ndata + src_col;
	block(t, false);
	if (s->columns.n > 0) {
		table_row(t, &g->rows[0], g->col, n, true, false);
		vs_buf rule = {0};
		for (size_t i = 0; i < g->ndata; i++) {
			if (i)
				buf_add(&rule, "  ");
			put_run(&rule, '-', g->col[i]);
		}
		buf_addc(&rule, '\n');
		buf_add(t->out, rule.s);
		buf_free(&rule);
	}
	for (size_t r = 1; r <= s->n_rows; r++) {
		table_row(t, &g->rows[r], g->col, n, false, src_col);
		if (!src_col && *g->rows[r].v[g->ndata]) {
			put_wrapped(t, g->rows[r].v[g->ndata], "  ", "  ", SGR_DIM, NULL);
			buf_addc(t->out, '\n');
		}
	}
}

/*
** An aligned table: a header row (when the section has columns) underlined with '-', then a
** row per row; an empty cell shows U+2014.  With --explain each row's source is one more
** column without a header when the table fits with it at full width, else a line below
** the row.
*/
static void text_table(void *st, const vs_section *s, size_t ndata, bool titled)
{
	tx *t = st;
	(void)titled; /* the header row carries the columns' source itself */
	grid g = {.rows = xcalloc(s->n_rows + 1, sizeof *g.rows), .ndata = ndata};
	g.nat = xcalloc(ndata + 1, sizeof *g.nat);
	g.minw = xcalloc(ndata + 1, sizeof *g.minw);
	g.col = xcalloc(ndata + 1, sizeof *g.col);
	grid_fill(&g, t, s);
	grid_write(&g, t, s, grid_widths(&g, t));
	for (size_t r = 0; r <= s->n_rows; r++)
		strv_free(&g.rows[r]);
	free(g.rows);
	free(g.nat);
	free(g.minw);
	free(g.col);
}

/* }====== */

/* {====== The walk's callbacks */

static void text_title(void *st, const char *text, const char *source)
{
	heading(st, text, '=', SGR_TITLE, source);
}

static void text_heading(void *st, const char *text, const char *source)
{
	heading(st, text, '-', SGR_BOLD, source);
}

static void text_rules_note(void *st, const char *note)
{
	tx *t = st;
	char *c = esc_terminal(note, false);
	char *tag = xasprintf("[%s]", c);
	block(t, false);
	put_wrapped(t, tag, "", "", SGR_DIM, NULL);
	buf_addc(t->out, '\n');
	free(tag);
	free(c);
}

static void text_paragraph(void *st, const char *text, const char *source)
{
	paragraph(st, text, "", "", NULL, source, false);
}

static void text_bullet(void *st, const vs_item *it, bool link)
{
	if (link)
		link_entry(st, it);
	else
		paragraph(st, it->text, "- ", "  ", NULL, it->source, true);
}

static void text_qa(void *st, const vs_item *it, bool has_q, bool has_a)
{
	(void)has_q; /* the question's line stays when it is blank, under the answer's indent */
	(void)has_a;
	faq_entry(st, it);
}

/* }====== */

/* Provenance is paragraphs: a terminal shows a URL as it is, and its reader's terminal
** finds it (no .sources hook). */
static const vs_render_ops text_ops = {
	.title = text_title,
	.rules_note = text_rules_note,
	.heading = text_heading,
	.paragraph = text_paragraph,
	.bullet = text_bullet,
	.qa = text_qa,
	.table = text_table,
};

void render_text(const vs_report *r, const vs_render_opts *o, vs_buf *out)
{
	tx t = {.out = out, .o = o, .width = o && o->width > 0 ? (size_t)o->width : 80};
	render_walk(r, o, &text_ops, &t);
}
