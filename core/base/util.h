/*
** util.h — small building blocks every core module uses: checked allocation, a growable
** string buffer, whole-file reads (writing files is outfile.h's).  Allocation failure aborts
** with a message: the tool cannot do anything useful without memory, and checking every call
** would hide the logic.
*/
#ifndef VERSUS_UTIL_H
#define VERSUS_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <stdint.h>

#if defined(__GNUC__)
#define VS_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define VS_PRINTF(f, a)
#endif

#define VS_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The most worker threads of a run (site -j): the plugin watchdog (plugins_guard.c) and the
** temporary-file registry (outfile.c) hold one slot per thread, sized from this with one
** more for the main thread, so that no worker runs unwatched or leaves a file behind. */
#define VS_MAX_JOBS 255

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) VS_PRINTF(1, 2);

/* Grow *v (holding *n elements of size elem, capacity *cap) to hold one more. */
void vs_grow(void **v, size_t *cap, size_t n, size_t elem);
#define VS_PUSH(arr, n, cap) (vs_grow((void **)&(arr), &(cap), (n), sizeof(*(arr))), &(arr)[(n)++])

/* A growable NUL-terminated byte buffer. */
typedef struct vs_buf {
	char *s;
	size_t len;
	size_t cap;
} vs_buf;

/* Make room for extra more bytes and the NUL (out of line: appends almost never grow). */
void buf_grow(vs_buf *b, size_t extra);

/* The appends are inline: the renderers make many small ones, and a call each cost more
** than the copy. */
static inline void buf_addn(vs_buf *b, const char *s, size_t n)
{
	if (b->cap - b->len <= n) /* cap >= len + 1 whenever s is allocated */
		buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static inline void buf_add(vs_buf *b, const char *s)
{
	buf_addn(b, s, strlen(s));
}

static inline void buf_addc(vs_buf *b, char c)
{
	if (b->cap - b->len <= 1)
		buf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void buf_printf(vs_buf *b, const char *fmt, ...) VS_PRINTF(2, 3);
void buf_vprintf(vs_buf *b, const char *fmt, va_list ap);
char *buf_steal(vs_buf *b); /* the string (never NULL); b is left empty */
void buf_free(vs_buf *b);

/* A list of strings, each a copy the list owns. */
typedef struct vs_strv {
	char **v;
	size_t n;
} vs_strv;

void strv_push(vs_strv *s, const char *str); /* copies */
void strv_free(vs_strv *s);

/* FNV-1a, 64 bits, from VS_FNV_START: the content hash of incremental builds (facts.c's
** per-model hashes, site.c's page hashes), not a defence. */
#define VS_FNV_START 0xcbf29ce484222325ULL
uint64_t vs_fnv(uint64_t h, const void *data, size_t n);
/* s with its terminating NUL, so "ab"+"c" and "a"+"bc" differ; NULL hashes as "". */
uint64_t vs_fnv_str(uint64_t h, const char *s);

/* The decimal digits of v, written backwards so that they end at end; returns where they
** start (at most 20 bytes before end).  No printf, no locale, no allocation: the watchdog
** calls it from a signal-safe path, and record paths and charts call it very often. */
char *vs_udigits(char *end, uint64_t v);

/* Read a whole regular file (at most max bytes).  Returns NULL with errno set; *len gets the
** size.  The buffer is NUL-terminated (json_loadb needs no NUL, but callers may). */
char *read_file(const char *path, size_t max, size_t *len);

/* read_file for a file inside a directory that is not trusted (a site, an import's -o DIR):
** a symbolic link is not followed (NULL, errno ELOOP), so nothing outside the directory is
** read through one. */
char *read_file_in_tree(const char *path, size_t max, size_t *len);

/* Case-insensitive ASCII comparison that also treats runs of white space as one space and
** ignores leading/trailing white space (provider matching of report.md). */
bool str_eq_loose(const char *a, const char *b);
bool str_eq_icase(const char *a, const char *b);

/* path made absolute against the working directory as it is now (no symlink resolution), so
** that a plugin calling chdir() later cannot redirect it.  A copy; NULL for NULL. */
char *vs_absolute(const char *path);

/* Make the calling thread format and parse numbers in the C locale whatever setlocale()
** does later (a plugin may call it): uselocale() is per thread.  Call it in main and at the
** start of every thread that runs rules, parses records or writes numbers. */
void vs_use_c_locale(void);

/* How many bytes of s to keep to cut it after at most max bytes, at a UTF-8 character
** boundary: strlen(s) when it is shorter. */
size_t vs_utf8_cut(const char *s, size_t max);

/* "1 error", "2 errors": one when n is 1, else many (a message never says "1 warnings"). */
const char *vs_plural(size_t n, const char *one, const char *many);

/* Levenshtein distance, for "did you mean" suggestions. */
size_t edit_distance(const char *a, const char *b);

#endif
