/*
** diag.h — problems found while loading records, rules and plugins, or while making a
** report.  A diagnostic says where (file, file:line or file:line:col), optionally which
** rule, and what; the CLI prints it as "where: message" on stderr and the JSON renderer
** carries it in "diagnostics".
*/
#ifndef VERSUS_DIAG_H
#define VERSUS_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "util.h"

typedef enum vs_severity { VS_ERROR, VS_WARNING } vs_severity;

typedef struct vs_diag {
	vs_severity severity;
	char *where;   /* "data/models/foo.json", "rules/faq.lua:12", "plugin:caps" */
	char *rule;    /* the rule key, or NULL */
	char *message;
} vs_diag;

typedef struct vs_diags {
	vs_diag *v;
	size_t n, cap;
} vs_diags;

void diags_add(vs_diags *d, vs_severity sev, const char *where, const char *rule,
               const char *fmt, ...) VS_PRINTF(5, 6);
void diags_vadd(vs_diags *d, vs_severity sev, const char *where, const char *rule,
                const char *fmt, va_list ap);
void diags_append(vs_diags *dst, const vs_diags *src); /* copies */
size_t diags_count(const vs_diags *d, vs_severity sev);
void diags_free(vs_diags *d);
const char *severity_name(vs_severity sev); /* "error" / "warning" */

#endif
