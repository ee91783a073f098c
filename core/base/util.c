/* util.c — allocation, string buffers, file reading and atomic writes. */
#include "util.h"


#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void out_of_memory(void)
{
	fputs("versus: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory();
	return q;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	vs_buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_steal(&b);
}

void vs_grow(void **v, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return;
	size_t ncap = *cap ? *cap * 2 : 8;
	if (ncap > (size_t)-1 / elem)
		out_of_memory();
	*v = xrealloc(*v, ncap * elem);
	*cap = ncap;
}

void buf_grow(vs_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	if (need < b->len) /* overflow */
		out_of_memory();
	size_t ncap = b->cap ? b->cap : 64;
	while (ncap < need) {
		if (ncap > (size_t)-1 / 2)
			out_of_memory();
		ncap *= 2;
	}
	b->s = xrealloc(b->s, ncap);
	b->cap = ncap;
}

/* Formatted straight into the room the buffer has: a second vsnprintf only when it grows. */
void buf_vprintf(vs_buf *b, const char *fmt, va_list ap)
{
	size_t room = b->cap - b->len; /* 0 before the first allocation */
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(room ? b->s + b->len : NULL, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		if (room)
			b->s[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(vs_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *buf_steal(vs_buf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void buf_free(vs_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void strv_push(vs_strv *s, const char *str)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n++] = xstrdup(str);
}

void strv_free(vs_strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* FNV-1a, 64 bits: a content hash for incremental builds, not a defence. */
uint64_t vs_fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

uint64_t vs_fnv_str(uint64_t h, const char *s)
{
	return vs_fnv(h, s ? s : "", (s ? strlen(s) : 0) + 1);
}

char *vs_udigits(char *end, uint64_t v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

static char *read_file_flags(const char *path, size_t max, size_t *len, int more_flags)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | more_flags);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return NULL;
	}
	/* A FIFO or device in the data directory must not block or flood us. */
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return NULL;
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *data = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max) {
				free(data);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			data = xrealloc(data, cap);
		}
		ssize_t r = read(fd, data + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(data);
			close(fd);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	data[n] = '\0';
	if (len)
		*len = n;
	return data;
}

char *read_file(const char *path, size_t max, size_t *len)
{
	return read_file_flags(path, max, len, 0);
}

char *read_file_in_tree(const char *path, size_t max, size_t *len)
{
	return read_file_flags(path, max, len, O_NOFOLLOW);
}

static int ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool str_eq_icase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
			return false;
	return *a == *b;
}

bool str_eq_loose(const char *a, const char *b)
{
	while (is_space((unsigned char)*a))
		a++;
	while (is_space((unsigned char)*b))
		b++;
	for (;;) {
		bool sa = is_space((unsigned char)*a), sb = is_space((unsigned char)*b);
		if (sa || sb) {
			while (is_space((unsigned char)*a))
				a++;
			while (is_space((unsigned char)*b))
				b++;
			/* A run of spaces matches a run, and trailing runs match the end. */
			if (!*a && !*b)
				return true;
			if (!(sa && sb))
				return false;
			continue;
		}
		if (!*a || !*b)
			return *a == *b;
		if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
}

size_t vs_utf8_cut(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	if (n < max)
		return n; /* all of it */
	/* s[n] is the first byte left out: while it continues a character (10xxxxxx), that
	** character goes too, so none is cut in two. */
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

const char *vs_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xmalloc((lb + 1) * sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t cost = ascii_lower((unsigned char)a[i - 1]) ==
			              ascii_lower((unsigned char)b[j - 1]) ? 0 : 1;
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	size_t d = row[lb];
	free(row);
	return d;
}

char *vs_absolute(const char *path)
{
	if (!path || path[0] == '/')
		return path ? xstrdup(path) : NULL;
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return xstrdup(path); /* no working directory to name: keep what was given */
	return xasprintf("%s/%s", strcmp(cwd, "/") == 0 ? "" : cwd, path);
}

void vs_use_c_locale(void)
{
	/* One C locale object for the process, made on first use (main, before threads). */
	static locale_t c_locale;
	if (!c_locale)
		c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (c_locale)
		uselocale(c_locale);
}
