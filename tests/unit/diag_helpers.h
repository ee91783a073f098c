/*
** diag_helpers.h — show diagnostics under a failed check, one a line:
** "    [WHAT ][severity] where: (rule) message".  Header-only, shared by test_record.c,
** test_record_fixtures.c, test_plugins.c and test_engine.c.
*/
#ifndef VERSUS_TEST_DIAG_HELPERS_H
#define VERSUS_TEST_DIAG_HELPERS_H

#include <stdio.h>

#include "diag.h"

/* Print every diagnostic of d on stderr, each after what (NULL: nothing) */
static inline void print_diags(const char *what, const vs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const vs_diag *e = &d->v[i];
		fprintf(stderr, "    %s%s[%s] %s: %s%s%s%s\n", what ? what : "", what ? " " : "",
		        severity_name(e->severity), e->where, e->rule ? "(" : "", e->rule ? e->rule : "",
		        e->rule ? ") " : "", e->message);
	}
}

#endif
