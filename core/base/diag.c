/* diag.c — lists of diagnostics. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

/*
** What a diagnostic echoes comes from files someone else wrote (a 5 MB line of a hostile
** manifest, a page path): a message is cut after DIAG_MESSAGE_MAX bytes and a place after
** DIAG_WHERE_MAX, at a character boundary, with "…" to say so.  A diagnostic is one line a
** person reads; they have the file.
*/
#define DIAG_MESSAGE_MAX 4096
#define DIAG_WHERE_MAX 1024

static char *capped(char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max)
		return s;
	n = vs_utf8_cut(s, max - 3); /* room for "…", within the n + 1 bytes of s */
	memcpy(s + n, "\xE2\x80\xA6", 4);
	return s;
}

void diags_vadd(vs_diags *d, vs_severity sev, const char *where, const char *rule,
                const char *fmt, va_list ap)
{
	vs_diag *x = VS_PUSH(d->v, d->n, d->cap);
	vs_buf b = {0};
	buf_vprintf(&b, fmt, ap);
	x->severity = sev;
	x->where = capped(xstrdup(where ? where : ""), DIAG_WHERE_MAX);
	x->rule = rule ? capped(xstrdup(rule), DIAG_WHERE_MAX) : NULL;
	x->message = capped(buf_steal(&b), DIAG_MESSAGE_MAX);
}

void diags_add(vs_diags *d, vs_severity sev, const char *where, const char *rule,
               const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diags_vadd(d, sev, where, rule, fmt, ap);
	va_end(ap);
}

void diags_append(vs_diags *dst, const vs_diags *src)
{
	for (size_t i = 0; i < src->n; i++)
		diags_add(dst, src->v[i].severity, src->v[i].where, src->v[i].rule, "%s",
		          src->v[i].message);
}

size_t diags_count(const vs_diags *d, vs_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].severity == sev;
	return n;
}

void diags_free(vs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].where);
		free(d->v[i].rule);
		free(d->v[i].message);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

const char *severity_name(vs_severity sev)
{
	return sev == VS_ERROR ? "error" : "warning";
}
