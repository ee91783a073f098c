/*
** plugins_text.c — strings from plugins: bounded, checked as UTF-8 and, for messages,
** made printable.
*/
#include "plugins_private.h"

#include <string.h>

#include "escape.h"

/* {====== Strings from plugins
** Plugin strings reach diagnostics, JSON and terminals, so they are bounded, checked as
** UTF-8 and, when shown in a message, stripped of control characters. */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0: escape.h's decoder. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned cp;
	return utf8_decode_n((const char *)s, n, &cp);
}

/* NULL when s is valid UTF-8 of at most max bytes with no control character (tab and
** newline allowed with TEXT_NEWLINES), else what is wrong. */
const char *text_problem(const char *s, size_t max, int newlines)
{
	size_t n = strnlen(s, max + 1);
	if (n > max)
		return "too long";
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			if (!(newlines && (c == '\n' || c == '\t')))
				return "contains a control character";
		}
		size_t l = utf8_len((const unsigned char *)s + i, n - i);
		if (!l)
			return "is not valid UTF-8";
		i += l;
	}
	return NULL;
}

/* A copy of s fit for a message: control characters and bad UTF-8 become '?', and it is cut
** at max bytes. */
char *printable(const char *s, size_t max)
{
	vs_buf b = {0};
	if (!s)
		return xstrdup("(null)");
	size_t n = strnlen(s, max + 1);
	bool cut = n > max;
	if (cut)
		n = max;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t l = utf8_len((const unsigned char *)s + i, n - i);
		if (!l || c < 0x20 || c == 0x7f) {
			buf_addc(&b, '?');
			i++;
		} else {
			buf_addn(&b, s + i, l);
			i += l;
		}
	}
	if (cut)
		buf_add(&b, "...");
	return buf_steal(&b);
}

/* s matches ^[chars]+$ and is at most max bytes; chars are a-z, 0-9 and those in extra. */
bool is_ident(const char *s, size_t max, const char *extra)
{
	if (!s)
		return false;
	size_t n = strnlen(s, max + 1);
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr(extra, c)))
			return false;
	}
	return true;
}

const char *keep_copy(plugin_impl *p, const char *s)
{
	char **slot = VS_PUSH(p->strings, p->n_strings, p->cap_strings);
	*slot = xstrdup(s);
	return *slot;
}

/* A plugin's name before its descriptor gives one: its file name without ".so". */
char *file_label(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t n = strlen(name);
	char *base = xstrndup(name, n > 3 ? n - 3 : n);
	char *label = printable(base, MAX_NAME);
	free(base);
	return label;
}

/* }====== */
