/*
** record_fast.c — the JSON fast path; record_fast.h has its contract.
** Why: jansson reads a byte at a time through its stream (some 150 instructions a byte),
** which made parsing most of the cost of loading a catalog of hundreds of records.  Records
** are plain JSON, so this reads that plain subset into the same jansson values as json_loadb
** would (the same types, key order, strings and doubles) at a fraction of the cost.
** Anything outside the subset gives NULL and the buffer goes to json_loadb as before, so
** every error, its wording and its position stay jansson's: a syntax error, a top level
** that is not an object, a duplicate key, a \u escape, a byte that is not valid UTF-8 (or a
** control character) in a string, an integer of more than 18 digits, a real that strtod
** reads out of range or as 0 although a digit is not 0 (record.c's underflow check then
** words the error), nesting deeper than FAST_MAX_DEPTH, or a locale whose decimal point is
** not '.'.
*/
#include "record_fast.h"

#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "util.h"

#define FAST_MAX_DEPTH 64

typedef struct fast {
	const char *p, *end;
	int depth;
	vs_buf tmp; /* a string with escapes, decoded */
} fast;

static void fast_space(fast *f)
{
	while (f->p < f->end && (*f->p == ' ' || *f->p == '\n' || *f->p == '\r' || *f->p == '\t'))
		f->p++;
}

/* The string at f->p (its opening quote): *s and *n get its text, in the buffer or in
** f->tmp; false to fall back. */
static bool fast_string(fast *f, const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)f->p + 1;
	const unsigned char *end = (const unsigned char *)f->end;
	const unsigned char *start = p;
	bool escaped = false;
	f->tmp.len = 0;
	while (p < end && *p != '"') {
		if (*p >= 0x20 && *p < 0x80 && *p != '\\') {
			p++;
			continue;
		}
		if (*p >= 0x80) {
			unsigned cp;
			size_t len = utf8_decode_n((const char *)p, (size_t)(end - p), &cp);
			if (!len)
				return false;
			p += len;
			continue;
		}
		if (*p != '\\' || p + 1 >= end)
			return false;
		static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
		const char *e = strchr(from, p[1]);
		if (!e || !p[1])
			return false;
		buf_addn(&f->tmp, (const char *)start, (size_t)(p - start));
		buf_addc(&f->tmp, to[e - from]);
		escaped = true;
		p += 2;
		start = p;
	}
	if (p >= end)
		return false;
	if (escaped) {
		buf_addn(&f->tmp, (const char *)start, (size_t)(p - start));
		*s = f->tmp.s;
		*n = f->tmp.len;
	} else {
		*s = (const char *)start;
		*n = (size_t)(p - start);
	}
	f->p = (const char *)p + 1;
	return true;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static json_t *fast_number(fast *f)
{
	const char *q = f->p, *first_digit;
	bool real = false, nonzero = false;
	if (*q == '-')
		q++;
	first_digit = q;
	if (q >= f->end || !is_digit(*q))
		return NULL;
	if (*q == '0')
		q++;
	else
		while (q < f->end && is_digit(*q))
			nonzero = true, q++;
	if (q < f->end && *q == '.') {
		real = true;
		if (++q >= f->end || !is_digit(*q))
			return NULL;
		while (q < f->end && is_digit(*q))
			nonzero |= *q++ != '0';
	}
	if (q < f->end && (*q == 'e' || *q == 'E')) {
		real = true;
		if (++q < f->end && (*q == '+' || *q == '-'))
			q++;
		if (q >= f->end || !is_digit(*q))
			return NULL;
		while (q < f->end && is_digit(*q))
			q++;
	}
	char tok[48];
	size_t len = (size_t)(q - f->p);
	if (len >= sizeof tok || (!real && q - first_digit > 18))
		return NULL;
	memcpy(tok, f->p, len);
	tok[len] = '\0';
	json_t *v;
	if (real) {
		errno = 0;
		char *after;
		double d = strtod(tok, &after);
		if (errno == ERANGE || after != tok + len || (d == 0 && nonzero))
			return NULL;
		v = json_real(d);
	} else {
		v = json_integer(strtoll(tok, NULL, 10));
	}
	f->p = q;
	return v;
}

static bool fast_word(fast *f, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(f->end - f->p) < n || memcmp(f->p, w, n) != 0)
		return false;
	f->p += n;
	return true;
}

static json_t *fast_value(fast *f);

/* The members of the object or array at f->p (its opening bracket). */
static json_t *fast_container(fast *f)
{
	bool object = *f->p == '{';
	char close = object ? '}' : ']';
	if (++f->depth > FAST_MAX_DEPTH)
		return NULL;
	json_t *c = object ? json_object() : json_array();
	f->p++;
	fast_space(f);
	if (f->p < f->end && *f->p == close) {
		f->p++;
		f->depth--;
		return c;
	}
	while (c) {
		json_t *v = NULL;
		if (object) {
			const char *key;
			size_t n;
			char *owned = NULL;
			if (f->p >= f->end || *f->p != '"' || !fast_string(f, &key, &n))
				goto fail;
			if (key == f->tmp.s)
				key = owned = xstrndup(key, n);
			fast_space(f);
			if (f->p >= f->end || *f->p != ':' || memchr(key, '\0', n)) {
				free(owned);
				goto fail;
			}
			f->p++;
			fast_space(f);
			v = fast_value(f);
			/* A key seen before replaces its value and leaves the size: a duplicate. */
			size_t size = json_object_size(c);
			if (!v || json_object_setn_new_nocheck(c, key, n, v) != 0 ||
			    json_object_size(c) == size) {
				free(owned);
				goto fail;
			}
			free(owned);
		} else if (!(v = fast_value(f)) || json_array_append_new(c, v) != 0) {
			goto fail;
		}
		fast_space(f);
		if (f->p < f->end && *f->p == ',') {
			f->p++;
			fast_space(f);
			continue;
		}
		if (f->p < f->end && *f->p == close) {
			f->p++;
			f->depth--;
			return c;
		}
		goto fail;
	}
fail:
	json_decref(c);
	return NULL;
}

static json_t *fast_value(fast *f)
{
	if (f->p >= f->end)
		return NULL;
	const char *s;
	size_t n;
	switch (*f->p) {
	case '{':
	case '[':
		return fast_container(f);
	case '"':
		return fast_string(f, &s, &n) ? json_stringn_nocheck(s, n) : NULL;
	case 't':
		return fast_word(f, "true") ? json_true() : NULL;
	case 'f':
		return fast_word(f, "false") ? json_false() : NULL;
	case 'n':
		return fast_word(f, "null") ? json_null() : NULL;
	default:
		return fast_number(f);
	}
}

json_t *record_fast_parse(const char *buf, size_t len)
{
	const char *point = localeconv()->decimal_point;
	fast f = {buf, buf + len, 0, {0}};
	fast_space(&f);
	if (strcmp(point, ".") != 0 || f.p >= f.end || *f.p != '{')
		return NULL;
	json_t *root = fast_container(&f);
	fast_space(&f);
	if (root && f.p != f.end) {
		json_decref(root);
		root = NULL;
	}
	buf_free(&f.tmp);
	return root;
}
