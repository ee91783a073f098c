/*
** record.c — parse one model record strictly and validate it against docs/spec/data.md.
**
** Parsing refuses what jansson would otherwise accept quietly (duplicate keys, a leading
** BOM, NUL bytes, numbers that underflow to 0).  Validation walks the record with small
** tables of fields, each with a checker; a checker sees one value and reports against the
** JSON path the walker keeps ("$.routes[0].pricing.input_per_mtok").  Every problem is one
** diagnostic, "PATH: expected WHAT, got WHAT-IT-IS", so an analyst can fix all of them in
** one pass and the wording stays the same for every field.
*/
#include "record.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "escape.h"
#include "record_fast.h"

/* {====== Characters */

/* One code point at *p, and move past it: escape.h's decoder, so a bad byte (a record built
** in memory with json_stringn_nocheck need not be valid UTF-8) is U+FFFD and moves on by
** one, and no loop here can run past the end or stall. */
static uint32_t utf8_next(const char **p)
{
	size_t len;
	uint32_t c = utf8_decode(*p, &len);
	*p += len;
	return c;
}

/* C0, DEL and C1: they split Markdown rows and drive terminals (escape sequences). */
static bool is_control(uint32_t c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* Bidi overrides, zero-width and tag characters: legal text, but they hide or reorder what
** a reader sees ("\u202eBIRTS"), so a display string carrying one deserves a second look.
** The renderers' list (escape.c), so what `check` passes without a word is what they show. */
static bool is_invisible(uint32_t c)
{
	return esc_is_invisible(c);
}

/* Characters a message must not print raw: controls, the invisible ones, and the line
** and paragraph separators that some terminals and editors treat as new lines. */
static bool needs_escape(uint32_t c)
{
	return is_control(c) || is_invisible(c) || c == 0x2028 || c == 0x2029 || c == 0xFFFD;
}

/*
** Append s to b as a quoted JSON-style string, escaped so a diagnostic never carries a raw
** control or bidi character to the terminal, and cut after max code points: a diagnostic
** is one line, and the analyst has the file open anyway.
*/
static void add_quoted(vs_buf *b, const char *s, size_t max)
{
	buf_addc(b, '"');
	for (size_t n = 0; *s; n++) {
		if (n == max) {
			buf_add(b, "\xE2\x80\xA6"); /* … */
			break;
		}
		const char *start = s;
		uint32_t c = utf8_next(&s);
		if (c == '"' || c == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)c);
		} else if (c == '\n') {
			buf_add(b, "\\n");
		} else if (c == '\t') {
			buf_add(b, "\\t");
		} else if (c == '\r') {
			buf_add(b, "\\r");
		} else if (c == 0xFFFD && (unsigned char)*start != 0xEF) {
			buf_printf(b, "\\x%02x", (unsigned char)*start); /* an undecodable byte */
		} else if (needs_escape(c)) {
			buf_printf(b, "\\u%04X", (unsigned)c);
		} else {
			buf_addn(b, start, (size_t)(s - start));
		}
	}
	buf_addc(b, '"');
}

/* Quoted strings in messages stop after this many characters. */
#define QUOTE_MAX 80

/* }====== */

/* {====== Validation context and reporting */

typedef struct ctx {
	const char *where;            /* display path of the file */
	vs_diags *problems;
	const char *const *known_caps;
	size_t n_known_caps;
	vs_buf path;                  /* JSON path of the value being checked */
	size_t shown;                 /* diagnostics reported for this record */
	size_t held, held_errors;     /* beyond DIAGS_MAX: counted, not reported */
} ctx;

/* A record with 100,000 unknown keys gets this many diagnostics and one line counting the
** rest: the first ones say what is wrong, the rest would bury every other file's. */
#define DIAGS_MAX 50

/* Keys that are plain identifiers print as ".key"; anything else as ["key"] so the path
** stays readable and unambiguous ("$.capabilities[\"a.b\"]"). */
static size_t path_push_key(ctx *c, const char *key)
{
	size_t old = c->path.len;
	bool plain = *key && !(*key >= '0' && *key <= '9');
	for (const char *k = key; *k && plain; k++)
		plain = (*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') ||
		        (*k >= '0' && *k <= '9') || *k == '_';
	if (plain) {
		buf_addc(&c->path, '.');
		buf_add(&c->path, key);
	} else {
		buf_addc(&c->path, '[');
		add_quoted(&c->path, key, QUOTE_MAX);
		buf_addc(&c->path, ']');
	}
	return old;
}

/* "[i]", without printf: every element of every array of every record passes here. */
static size_t path_push_index(ctx *c, size_t i)
{
	size_t old = c->path.len;
	char digits[24], *d = digits + sizeof digits;
	*--d = ']';
	d = vs_udigits(d, i);
	*--d = '[';
	buf_addn(&c->path, d, (size_t)(digits + sizeof digits - d));
	return old;
}

static void path_pop(ctx *c, size_t old)
{
	c->path.len = old;
	c->path.s[old] = '\0';
}

/* Every diagnostic is "PATH: text", reported against the file. */
static void report(ctx *c, vs_severity sev, const char *fmt, ...) VS_PRINTF(3, 4);
static void report(ctx *c, vs_severity sev, const char *fmt, ...)
{
	if (c->shown >= DIAGS_MAX) {
		c->held++;
		c->held_errors += sev == VS_ERROR;
		return;
	}
	c->shown++;
	vs_buf m = {0};
	va_list ap;
	buf_add(&m, c->path.s);
	buf_add(&m, ": ");
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	diags_add(c->problems, sev, c->where, NULL, "%s", m.s);
	buf_free(&m);
}

/* The shortest decimal that reads back as d, written as a JSON real ("131072.0"). */
static void format_real(char *out, size_t n, double d)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			break;
	}
	if (!strpbrk(out, ".eEn")) /* "n": inf and nan keep their spelling */
		strncat(out, ".0", n - strlen(out) - 1);
}

/*
** What a value is, for "got ...": numbers, true, false and null as their JSON text (-131000,
** 131072.5, 1.0), strings with the word "string" so "131k" and 131 cannot be confused
** (string "131k"), and containers by kind (an object, an array).  This is the wording of
** data.md and hardening.md's table of bad records.
*/
static void describe(vs_buf *b, const json_t *v)
{
	char num[64];
	switch (json_typeof(v)) {
	case JSON_OBJECT: buf_add(b, "an object"); break;
	case JSON_ARRAY: buf_add(b, "an array"); break;
	case JSON_STRING:
		buf_add(b, "string ");
		add_quoted(b, json_string_value(v), QUOTE_MAX);
		break;
	case JSON_INTEGER: buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
	case JSON_REAL:
		format_real(num, sizeof num, json_real_value(v));
		buf_add(b, num);
		break;
	case JSON_TRUE: buf_add(b, "true"); break;
	case JSON_FALSE: buf_add(b, "false"); break;
	case JSON_NULL: buf_add(b, "null"); break;
	}
}

/* The common error: "PATH: expected WHAT, got DESCRIPTION". */
static void expected(ctx *c, const char *what, const json_t *v)
{
	vs_buf got = {0};
	describe(&got, v);
	report(c, VS_ERROR, "expected %s, got %s", what, got.s);
	buf_free(&got);
}

/* A string value quoted for a message. */
static char *quoted(const char *s)
{
	vs_buf b = {0};
	add_quoted(&b, s, QUOTE_MAX);
	return buf_steal(&b);
}

/* The closest name for a "did you mean" hint, or NULL when none is close: a typo or two
** (one more for every four characters of the name, case ignored), or a cut-short name
** ("price" for "pricing"). */
static const char *closest(const char *key, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, klen = strlen(key);
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(key, names[i]);
		size_t limit = 1 + strlen(names[i]) / 4;
		if (klen >= 3 && strncasecmp(key, names[i], klen) == 0)
			d = 1; /* a prefix counts as one typo */
		if (d <= limit && d < best_d) {
			best = names[i];
			best_d = d;
		}
	}
	return best;
}

static void report_unknown(ctx *c, const char *what, const char *key, const char *const *names,
                           size_t n)
{
	/* A held diagnostic is only counted: no hint worked out for it (100,000 keys). */
	const char *hint = c->shown < DIAGS_MAX ? closest(key, names, n) : NULL;
	if (hint)
		report(c, VS_WARNING, "%s; did you mean '%s'?", what, hint);
	else
		report(c, VS_WARNING, "%s", what);
}

/* }====== */

/* {====== Value checkers: one JSON value each, reporting against the current path */

typedef void (*check_fn)(ctx *c, const json_t *v);

/*
** A display string: rendered into Markdown, HTML and terminals.  Control characters are
** errors (a newline splits a table row, ESC rewrites the screen); bidi and zero-width
** characters are warnings.  One diagnostic of each kind per string is enough to find it.
*/
static bool check_text_chars(ctx *c, const char *s)
{
	bool ok = true, warned = false;
	size_t pos = 1;
	for (const char *p = s; *p; pos++) {
		uint32_t ch = utf8_next(&p);
		if (is_control(ch) && ok) {
			report(c, VS_ERROR, "control characters are not allowed (U+%04X at character %zu)",
			       (unsigned)ch, pos);
			ok = false;
		} else if (is_invisible(ch) && !warned) {
			report(c, VS_WARNING, "invisible or bidi control character U+%04X at character %zu"
			       " (it hides or reorders text)", (unsigned)ch, pos);
			warned = true;
		}
	}
	return ok;
}

static void check_text(ctx *c, const json_t *v)
{
	if (!json_is_string(v))
		expected(c, "a string", v);
	else
		check_text_chars(c, json_string_value(v));
}

static bool is_blank(const char *s)
{
	for (; *s; s++)
		if (!strchr(" \t\n\r\f\v", *s))
			return false;
	return true;
}

/* A display string that names something (a route's provider): it cannot be empty. */
static void check_nonempty_text(ctx *c, const json_t *v)
{
	if (!json_is_string(v) || is_blank(json_string_value(v)))
		expected(c, "a non-empty string", v);
	else
		check_text_chars(c, json_string_value(v));
}

static size_t utf8_length(const char *s)
{
	size_t n = 0;
	while (*s) {
		utf8_next(&s);
		n++;
	}
	return n;
}

/* The name is counted in characters (code points), not bytes: 120 emoji are a valid name. */
#define NAME_MAX_CHARS 120

static void check_name(ctx *c, const json_t *v)
{
	if (!json_is_string(v)) {
		expected(c, "a string of 1 to 120 characters", v);
		return;
	}
	const char *s = json_string_value(v);
	size_t n = utf8_length(s);
	if (n == 0)
		report(c, VS_ERROR, "expected 1 to %d characters, got an empty string", NAME_MAX_CHARS);
	else if (is_blank(s))
		report(c, VS_ERROR, "expected 1 to %d characters, got only white space", NAME_MAX_CHARS);
	else if (n > NAME_MAX_CHARS)
		report(c, VS_ERROR, "expected 1 to %d characters, got %zu", NAME_MAX_CHARS, n);
	check_text_chars(c, s);
}

/*
** http(s) only: other schemes (javascript:, file:, data:) turn a rendered link into script
** or a local file.  White space, quotes, angle brackets, backslashes and control characters
** are refused too, so a URL can never break out of an HTML attribute or a Markdown link;
** anything else must be percent-encoded, as RFC 3986 wants.
*/
static bool url_is_valid(const char *s)
{
	size_t skip;
	if (strncasecmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncasecmp(s, "http://", 7) == 0)
		skip = 7;
	else
		return false;
	const char *host = s + skip;
	if (!*host || strchr("/?#", *host))
		return false;
	/* (a switch, not strchr: every character of every source URL of a catalog passes here) */
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7F)
			return false;
		switch (*p) {
		case '"': case '\'': case '<': case '>': case '\\': case '`':
			return false;
		default:
			break;
		}
	}
	return true;
}

#define URL_EXPECTED "an http:// or https:// URL (no spaces, quotes or control characters)"

static void check_url(ctx *c, const json_t *v)
{
	if (!json_is_string(v) || !url_is_valid(json_string_value(v)))
		expected(c, URL_EXPECTED, v);
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : days[m - 1];
}

/* The shape: "YYYY-MM" (with_day false) or "YYYY-MM-DD", digits where digits belong. */
static bool date_shape(const char *s, bool with_day)
{
	size_t n = strlen(s);
	if (n != (with_day ? 10u : 7u) || !is_digits(s, 4) || s[4] != '-' || !is_digits(s + 5, 2))
		return false;
	return !with_day || (s[7] == '-' && is_digits(s + 8, 2));
}

/* Year 1 to 9999, a real month, and (when given) a day that month has. */
static bool date_real(const char *s, bool with_day)
{
	int y = atoi(s), m = (s[5] - '0') * 10 + (s[6] - '0');
	if (y < 1 || m < 1 || m > 12)
		return false;
	if (!with_day)
		return true;
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	return d >= 1 && d <= days_in_month(y, m);
}

bool record_date_is_valid(const char *s)
{
	return s && date_shape(s, true) && date_real(s, true);
}

static void check_date(ctx *c, const json_t *v)
{
	const char *s = json_string_value(v);
	if (!s || !date_shape(s, true)) {
		expected(c, "a date YYYY-MM-DD", v);
	} else if (!date_real(s, true)) {
		char *q = quoted(s);
		report(c, VS_ERROR, "%s is not a real calendar date", q);
		free(q);
	}
}

static void check_month_or_date(ctx *c, const json_t *v)
{
	const char *s = json_string_value(v);
	bool day = s && strlen(s) == 10;
	if (!s || !date_shape(s, day)) {
		expected(c, "a date YYYY-MM or YYYY-MM-DD", v);
	} else if (!date_real(s, day)) {
		char *q = quoted(s);
		report(c, VS_ERROR, "%s is not a real calendar %s", q, day ? "date" : "month");
		free(q);
	}
}

/*
** The largest count a record may hold: 2^53 - 1, the largest integer a double and a Lua
** number both hold exactly (data.md).  Above it two different counts could read back as
** one, and a rule would see another number than the file says.
*/
#define COUNT_MAX ((json_int_t)9007199254740991)
#define COUNT_MAX_TEXT "an integer <= 9007199254740991 (2^53 - 1)"

/*
** An integer at least min and at most COUNT_MAX.  JSON has one number type, so 131072.0 and
** 1.31e5 are the integer an analyst meant: accepted with a warning, on every integer field
** alike.  An integer (or integral real) above COUNT_MAX is an error of its own, so the
** message says the bound rather than repeating the lower one.  Returns true and sets *out
** when the value is usable.
*/
static bool get_integer(ctx *c, const json_t *v, json_int_t min, const char *what,
                        json_int_t *out)
{
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);
		if (i > COUNT_MAX) {
			expected(c, COUNT_MAX_TEXT, v);
			return false;
		}
		if (i >= min) {
			*out = i;
			return true;
		}
	} else if (json_is_real(v)) {
		double d = json_real_value(v);
		if (isfinite(d) && d == floor(d) && d > (double)COUNT_MAX) {
			expected(c, COUNT_MAX_TEXT, v);
			return false;
		}
		/* Below 2^53 an integral double converts to json_int_t exactly. */
		if (isfinite(d) && d == floor(d) && d >= (double)min) {
			char num[64];
			format_real(num, sizeof num, d);
			*out = (json_int_t)d;
			report(c, VS_WARNING, "integer written as a real (%s); write %" JSON_INTEGER_FORMAT,
			       num, *out);
			return true;
		}
	}
	expected(c, what, v);
	return false;
}

static void check_count(ctx *c, const json_t *v)
{
	json_int_t n;
	get_integer(c, v, 1, "an integer > 0", &n);
}

/* A price: finite and not negative.  -0.0 passes (it is zero; renderers print $0.00). */
static void check_price(ctx *c, const json_t *v)
{
	if (!json_is_number(v) || !isfinite(json_number_value(v)) || json_number_value(v) < 0)
		expected(c, "a number >= 0", v);
}

/* A fraction of the price: a discount of 1 would make batch jobs free. */
static void check_discount(ctx *c, const json_t *v)
{
	double d = json_number_value(v);
	if (!json_is_number(v) || !isfinite(d) || d < 0 || d >= 1)
		expected(c, "a number in [0, 1)", v);
}

static void check_score(ctx *c, const json_t *v)
{
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		expected(c, "a number", v);
}

static void check_bool(ctx *c, const json_t *v)
{
	if (!json_is_boolean(v))
		expected(c, "true or false", v);
}

/* Closed vocabularies are case-sensitive: renderers and rules compare them exactly. */
static void check_enum(ctx *c, const json_t *v, const char *const *allowed, size_t n)
{
	const char *s = json_string_value(v);
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, allowed[i]) == 0)
			return;
	vs_buf what = {0};
	buf_add(&what, "one of ");
	for (size_t i = 0; i < n; i++)
		buf_printf(&what, "%s\"%s\"", i == 0 ? "" : i + 1 == n ? " or " : ", ", allowed[i]);
	expected(c, what.s, v);
	buf_free(&what);
}

static void check_openness(ctx *c, const json_t *v)
{
	static const char *const values[] = {"open-source", "open-weights", "proprietary"};
	check_enum(c, v, values, VS_ARRAY_LEN(values));
}

static void check_commercial_use(ctx *c, const json_t *v)
{
	static const char *const values[] = {"permitted", "conditional", "prohibited"};
	check_enum(c, v, values, VS_ARRAY_LEN(values));
}

/* }====== */

/* {====== Objects and arrays */

/* One known key of an object.  An optional field that is null is unknown, which is what
** absent means too (data.md), so the checker only sees null when the field is required. */
typedef struct field {
	const char *key;
	check_fn check;
	bool required;
} field;

static const char **field_names(const field *fields, size_t n)
{
	const char **names = xmalloc(n * sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = fields[i].key;
	return names;
}

/*
** Check obj against its field table: known keys go to their checkers, unknown keys are
** warnings (a newer record may carry fields this build does not know), and missing required
** keys are errors.  Keys are visited in file order, so diagnostics follow the file.
*/
static void check_fields(ctx *c, const json_t *obj, const field *fields, size_t n)
{
	const char *key;
	const json_t *v;
	size_t next = 0; /* records mostly list their keys in the table's order: look there first */
	json_object_foreach((json_t *)obj, key, v) {
		const field *f = NULL;
		for (size_t k = 0; k < n && !f; k++) {
			size_t i = (next + k) % n;
			if (strcmp(fields[i].key, key) == 0) {
				f = &fields[i];
				next = i + 1;
			}
		}
		size_t old = path_push_key(c, key);
		if (!f) {
			const char **names = field_names(fields, n);
			report_unknown(c, "unknown field, ignored", key, names, n);
			free(names);
		} else if (!json_is_null(v) || f->required) {
			f->check(c, v);
		}
		path_pop(c, old);
	}
	for (size_t i = 0; i < n; i++) {
		if (fields[i].required && !json_object_get(obj, fields[i].key)) {
			size_t old = path_push_key(c, fields[i].key);
			report(c, VS_ERROR, "required field is missing");
			path_pop(c, old);
		}
	}
}

static void check_object(ctx *c, const json_t *v, const field *fields, size_t n)
{
	if (!json_is_object(v))
		expected(c, "an object", v);
	else
		check_fields(c, v, fields, n);
}

/* Run item on each element of an array value, with "[i]" on the path. */
static bool each_item(ctx *c, const json_t *v, const char *what, check_fn item)
{
	if (!json_is_array(v)) {
		expected(c, what, v);
		return false;
	}
	for (size_t i = 0; i < json_array_size(v); i++) {
		size_t old = path_push_index(c, i);
		item(c, json_array_get(v, i));
		path_pop(c, old);
	}
	return true;
}

/* }====== */

/* {====== Fields of a record */

/*
** A pair page is compare/A-vs-B.html, so "vs" must not be an id's first or last segment nor
** sit inside one: "m" and "vs-z", "m-vs" and "z" both give m-vs-vs-z, and "a-vs-b" with "c"
** gives what "a" with "b-vs-c" gives.  Without any of the three, "-vs-" occurs in A-vs-B
** once, so the page name gives back its pair (data.md, the id rule).
*/
static const char *id_vs_problem(const char *s)
{
	size_t n = strlen(s);
	if (strstr(s, "-vs-"))
		return "contains \"-vs-\"";
	if (strncmp(s, "vs-", 3) == 0)
		return "starts with \"vs-\"";
	if (n >= 3 && strcmp(s + n - 3, "-vs") == 0)
		return "ends with \"-vs\"";
	return NULL;
}

/* ^[a-z0-9][a-z0-9._-]{0,63}$: safe as a file name and in a URL, never "." or "..". */
static bool id_matches_pattern(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	size_t n = 1;
	for (const char *p = s + 1; *p; p++, n++) {
		bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || strchr("._-", *p);
		if (!ok || n >= 64)
			return false;
	}
	return true;
}

static void check_id(ctx *c, const json_t *v)
{
	const char *s = json_string_value(v);
	if (!s) {
		expected(c, "a string", v);
		return;
	}
	char *q = quoted(s);
	if (!id_matches_pattern(s))
		report(c, VS_ERROR, "%s is not a safe id (expected ^[a-z0-9][a-z0-9._-]{0,63}$: "
		       "lower-case letters, digits, '.', '_' and '-', at most 64)", q);
	else if (id_vs_problem(s))
		report(c, VS_ERROR, "%s %s: \"-vs-\" separates the two ids of a comparison page "
		       "name, so two pairs could share one page", q, id_vs_problem(s));
	free(q);
}

/* The id must equal the file name, checked apart from check_id because it needs the file. */
static void check_id_matches_file(ctx *c, const json_t *root, const char *file_id)
{
	const char *s = json_string_value(json_object_get(root, "id"));
	if (!s || !file_id || strcmp(s, file_id) == 0)
		return;
	char *q = quoted(s), *f = quoted(file_id);
	size_t old = path_push_key(c, "id");
	report(c, VS_ERROR, "%s does not match the file name %s", q, f);
	path_pop(c, old);
	free(q);
	free(f);
}

static void check_tag(ctx *c, const json_t *v)
{
	check_text(c, v);
}

/* Tags are a set: a repeated tag is a copy-paste slip, and renderers would list it twice. */
static void check_decision_tags(ctx *c, const json_t *v)
{
	if (!each_item(c, v, "an array of strings", check_tag))
		return;
	for (size_t i = 0; i < json_array_size(v); i++) {
		const char *s = json_string_value(json_array_get(v, i));
		for (size_t j = 0; s && j < i; j++) {
			const char *t = json_string_value(json_array_get(v, j));
			if (t && strcmp(s, t) == 0) {
				char *q = quoted(s);
				size_t old = path_push_index(c, i);
				report(c, VS_ERROR, "%s repeats decision_tags[%zu]; tags must be unique", q, j);
				path_pop(c, old);
				free(q);
				break;
			}
		}
	}
}

static const field license_fields[] = {
	{"name", check_text, true},
	{"spdx", check_text, false},
	{"osi_approved", check_bool, false},
};

static void check_license(ctx *c, const json_t *v)
{
	check_object(c, v, license_fields, VS_ARRAY_LEN(license_fields));
}

static void check_capability_value(ctx *c, const json_t *v)
{
	if (!json_is_boolean(v) && !json_is_null(v))
		expected(c, "true, false or null", v);
}

/* Capability ids come from the loaded checks, not from a fixed list: an id no check knows
** is a warning, since the record may be ahead of the plugins installed here. */
static void check_capabilities(ctx *c, const json_t *v)
{
	if (!json_is_object(v)) {
		expected(c, "an object", v);
		return;
	}
	const char *key;
	const json_t *value;
	json_object_foreach((json_t *)v, key, value) {
		size_t old = path_push_key(c, key);
		check_capability_value(c, value);
		bool known = c->known_caps == NULL;
		for (size_t i = 0; i < c->n_known_caps && !known; i++)
			known = strcmp(c->known_caps[i], key) == 0;
		if (!known)
			report_unknown(c, "unknown capability id (no loaded check knows it)", key,
			               c->known_caps, c->n_known_caps);
		path_pop(c, old);
	}
}

/* {------ Routes and prices */

static void check_tier_threshold(ctx *c, const json_t *v)
{
	json_int_t n;
	get_integer(c, v, 0, "an integer >= 0", &n);
}

static const field tier_fields[] = {
	{"above_input_tokens", check_tier_threshold, true},
	{"input_per_mtok", check_price, false},
	{"output_per_mtok", check_price, false},
};

static void check_tier(ctx *c, const json_t *v)
{
	check_object(c, v, tier_fields, VS_ARRAY_LEN(tier_fields));
}

/* Tiers need not be sorted and may repeat a threshold: report.md gives both a meaning (the
** largest threshold a request exceeds applies; of equal ones the first in the record). */
static void check_tiers(ctx *c, const json_t *v)
{
	each_item(c, v, "an array of tier objects", check_tier);
}

static const field pricing_fields[] = {
	{"input_per_mtok", check_price, false},
	{"output_per_mtok", check_price, false},
	{"cached_input_per_mtok", check_price, false},
	{"batch_discount", check_discount, false},
	{"tiers", check_tiers, false},
};

static void check_pricing(ctx *c, const json_t *v)
{
	check_object(c, v, pricing_fields, VS_ARRAY_LEN(pricing_fields));
}

static const field route_fields[] = {
	{"provider", check_nonempty_text, true},
	{"model", check_text, false},
	{"pricing", check_pricing, false},
	{"first_party", check_bool, false},
	{"region", check_text, false},
	{"source", check_url, false},
};

static void check_route(ctx *c, const json_t *v)
{
	check_object(c, v, route_fields, VS_ARRAY_LEN(route_fields));
}

/* A route's region, "" when absent or null: absent equals absent. */
static const char *route_region(const json_t *route)
{
	const char *s = json_string_value(json_object_get(route, "region"));
	return s ? s : "";
}

/* Two routes from one provider in one region would be counted twice ("2 tracked routes")
** and priced twice; it is a warning because the record is still usable. */
static void check_routes(ctx *c, const json_t *v)
{
	if (!each_item(c, v, "an array of route objects", check_route))
		return;
	for (size_t i = 0; i < json_array_size(v); i++) {
		const json_t *r = json_array_get(v, i);
		const char *p = json_string_value(json_object_get(r, "provider"));
		for (size_t j = 0; p && j < i; j++) {
			const json_t *q = json_array_get(v, j);
			const char *pj = json_string_value(json_object_get(q, "provider"));
			if (!pj || !str_eq_loose(p, pj) || !str_eq_loose(route_region(r), route_region(q)))
				continue;
			char *a = quoted(p), *b = quoted(pj);
			size_t old = path_push_index(c, i);
			size_t old2 = path_push_key(c, "provider");
			report(c, VS_WARNING, "%s repeats the provider %s of routes[%zu] in the same region; "
			       "one route per provider and region", a, b, j);
			path_pop(c, old2);
			path_pop(c, old);
			free(a);
			free(b);
			break;
		}
	}
}

/* }------ */

static const field benchmark_fields[] = {
	{"name", check_text, true},
	{"score", check_score, true},
	{"unit", check_text, false},
	{"setting", check_text, false},
	{"source", check_url, false},
	{"date", check_date, false},
	{"higher_is_better", check_bool, false},
};

static void check_benchmark(ctx *c, const json_t *v)
{
	check_object(c, v, benchmark_fields, VS_ARRAY_LEN(benchmark_fields));
}

static void check_benchmarks(ctx *c, const json_t *v)
{
	each_item(c, v, "an array of benchmark objects", check_benchmark);
}

static void check_sources(ctx *c, const json_t *v)
{
	each_item(c, v, "an array of URLs", check_url);
}

/* The record's fields, in the order of data.md. */
static const field record_fields[] = {
	{"id", check_id, true},
	{"name", check_name, true},
	{"creator", check_text, false},
	{"family", check_text, false},
	{"released", check_date, false},
	{"product_type", check_text, false},
	{"best_for", check_text, false},
	{"decision_tags", check_decision_tags, false},
	{"context_window", check_count, false},
	{"max_output_tokens", check_count, false},
	{"parameters", check_count, false},
	{"architecture", check_text, false},
	{"license", check_license, false},
	{"openness", check_openness, false},
	{"commercial_use", check_commercial_use, false},
	{"knowledge_cutoff", check_month_or_date, false},
	{"capabilities", check_capabilities, false},
	{"routes", check_routes, false},
	{"benchmarks", check_benchmarks, false},
	{"sources", check_sources, false},
	{"last_reviewed", check_date, false},
};

void record_validate(const json_t *root, const char *display_path, const char *file_id,
                     const char *const *known_caps, size_t n_known_caps, vs_diags *problems)
{
	ctx c = {
		.where = display_path,
		.problems = problems,
		.known_caps = known_caps,
		.n_known_caps = known_caps ? n_known_caps : 0,
	};
	buf_add(&c.path, "$");
	if (!root || !json_is_object(root)) {
		if (root)
			expected(&c, "an object", root);
		else
			report(&c, VS_ERROR, "expected an object, got nothing");
	} else {
		check_fields(&c, root, record_fields, VS_ARRAY_LEN(record_fields));
		check_id_matches_file(&c, root, file_id);
	}
	if (c.held) /* an error among them still makes the record invalid */
		diags_add(problems, c.held_errors ? VS_ERROR : VS_WARNING, display_path, NULL,
		          "$: %zu more %s (%zu %s) not shown; fix the ones above and check again",
		          c.held, c.held == 1 ? "problem" : "problems", c.held_errors,
		          c.held_errors == 1 ? "error" : "errors");
	buf_free(&c.path);
}

bool record_id_is_safe(const char *s)
{
	return s && id_matches_pattern(s) && !id_vs_problem(s);
}

/* }====== */

/* {====== Parsing */

/* Line and column (1-based, counted in characters) of byte offset off, as an editor shows. */
static void line_col(const char *buf, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off; i++) {
		unsigned char ch = (unsigned char)buf[i];
		if (ch == '\n') {
			(*line)++;
			*col = 1;
		} else if ((ch & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* Add a parse error at a position: "path:LINE:COL", "parse error: ...". */
static void parse_error(vs_diags *d, const char *where, int line, int col, const char *text)
{
	char *at = xasprintf("%s:%d:%d", where, line < 1 ? 1 : line, col < 1 ? 1 : col);
	diags_add(d, VS_ERROR, at, NULL, "parse error: %s", text);
	free(at);
}

/* jansson quotes the offending token into its message; a control byte there would reach the
** terminal raw, so escape everything not printable. */
static char *clean_text(const char *s)
{
	vs_buf b = {0};
	while (*s) {
		const char *start = s;
		uint32_t c = utf8_next(&s);
		if (needs_escape(c) && !(c == 0xFFFD && (unsigned char)*start == 0xEF))
			buf_printf(&b, c < 0x80 || c == 0xFFFD ? "\\x%02x" : "\\u%04X",
			           c == 0xFFFD ? (unsigned)(unsigned char)*start : (unsigned)c);
		else
			buf_addn(&b, start, (size_t)(s - start));
	}
	return buf_steal(&b);
}

/*
** jansson reads a number too small for a double (1e-400, or 0.000…1 with 400 zeros) as 0.0
** without a word, and a price of 0 means free.  Parsing succeeded, so the text is valid
** JSON: scan its number tokens outside strings, and return the offset of the first one whose
** digits are not all zero but whose value is 0, or (size_t)-1.
*/
static size_t find_underflow(const char *buf, size_t len, size_t *toklen)
{
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		char ch = buf[i];
		if (in_string) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_string = false;
			continue;
		}
		if (ch == '"') {
			in_string = true;
			continue;
		}
		if (ch != '-' && !(ch >= '0' && ch <= '9'))
			continue;
		size_t j = i;
		bool nonzero = false, mantissa = true, real = false;
		for (; j < len && strchr("+-0123456789.eE", buf[j]) && buf[j]; j++) {
			if (buf[j] == 'e' || buf[j] == 'E' || buf[j] == '.')
				real = true;
			if (buf[j] == 'e' || buf[j] == 'E')
				mantissa = false;
			if (mantissa && buf[j] >= '1' && buf[j] <= '9')
				nonzero = true;
		}
		if (real && nonzero) {
			char *tok = xstrndup(buf + i, j - i);
			double d = strtod(tok, NULL);
			free(tok);
			if (d == 0) {
				*toklen = j - i;
				return i;
			}
		}
		i = j - 1;
	}
	return (size_t)-1;
}

static void read_error(vs_diags *d, const char *where, int err)
{
	switch (err) {
	case EFBIG:
		diags_add(d, VS_ERROR, where, NULL, "record too large (over %u MiB)",
		          VS_RECORD_MAX_BYTES / (1024u * 1024u));
		break;
	case EISDIR:
		diags_add(d, VS_ERROR, where, NULL, "not a regular file (a directory)");
		break;
	case EINVAL: /* read_file's answer for a FIFO, socket or device */
		diags_add(d, VS_ERROR, where, NULL,
		          "not a regular file (a FIFO, socket or device); a record must be a regular file");
		break;
	default:
		diags_add(d, VS_ERROR, where, NULL, "cannot read: %s", strerror(err));
		break;
	}
}

json_t *record_parse(const char *path, const char *display_path, vs_diags *problems)
{
	const char *where = display_path ? display_path : path;
	size_t len = 0;
	char *buf = read_file(path, VS_RECORD_MAX_BYTES, &len);
	if (!buf) {
		read_error(problems, where, errno);
		return NULL;
	}
	json_t *root = record_parse_buffer(buf, len, where, problems);
	free(buf);
	return root;
}

json_t *record_parse_buffer(const char *buf, size_t len, const char *where, vs_diags *problems)
{
	json_t *root = NULL;
	if (len > VS_RECORD_MAX_BYTES) {
		read_error(problems, where, EFBIG);
		return NULL;
	}
	int line, col;
	const char *nul = memchr(buf, '\0', len);
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		/* jansson would say "'[' or '{' expected near '\xEF\xBB\xBF'", printing an
		** invisible character; say what it is and how to fix it instead. */
		parse_error(problems, where, 1, 1,
		            "the file starts with a UTF-8 byte-order mark; save the file without a BOM");
	} else if (nul) {
		/* jansson stops at a NUL with a confusing "near end of file"; UTF-16 is the usual
		** cause (every other byte is 0). */
		line_col(buf, (size_t)(nul - buf), &line, &col);
		parse_error(problems, where, line, col,
		            "NUL byte; a record must be UTF-8 text (is the file UTF-16?)");
	} else {
		root = record_fast_parse(buf, len);
		if (root)
			return root; /* an object, with no number that underflows */
		json_error_t err;
		root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &err);
		size_t tok, off;
		if (!root && json_error_code(&err) == json_error_null_character) {
			/* jansson's text names its own flag (JSON_ALLOW_NUL); say it in the analyst's terms. */
			parse_error(problems, where, err.line, err.column,
			            "\\u0000 (a NUL character) is not allowed in a string");
		} else if (!root) {
			char *text = clean_text(err.text);
			parse_error(problems, where, err.line, err.column, text);
			free(text);
		} else if (!json_is_object(root)) {
			vs_buf got = {0};
			describe(&got, root);
			diags_add(problems, VS_ERROR, where, NULL, "$: expected an object, got %s", got.s);
			buf_free(&got);
			json_decref(root);
			root = NULL;
		} else if ((off = find_underflow(buf, len, &tok)) != (size_t)-1) {
			char *num = xstrndup(buf + off, tok > 40 ? 40 : tok);
			char *msg = xasprintf("number %s%s is too small for a double and would read as 0",
			                      num, tok > 40 ? "\xE2\x80\xA6" : "");
			line_col(buf, off, &line, &col);
			parse_error(problems, where, line, col, msg);
			free(msg);
			free(num);
			json_decref(root);
			root = NULL;
		}
	}
	return root;
}

/* }====== */
