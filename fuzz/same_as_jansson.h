/*
** same_as_jansson.h — record_parse_buffer reads most records without json_loadb (record.c's
** fast path); it must give jansson's answer: the same values of the same types in the same
** key order when the text is a record, and a refusal (the fast path gives up, jansson's error
** follows) when it is not.  Used by the record fuzzer and by test_record.
*/
#ifndef VERSUS_SAME_AS_JANSSON_H
#define VERSUS_SAME_AS_JANSSON_H

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

static inline bool same_as_jansson(const char *buf, size_t len)
{
	json_error_t e;
	json_t *want = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &e);
	vs_diags d = {0};
	json_t *got = record_parse_buffer(buf, len, "mem.json", &d);
	bool same;
	if (got) {
		size_t flags = JSON_COMPACT | JSON_REAL_PRECISION(17);
		char *a = json_dumps(got, flags), *b = want ? json_dumps(want, flags) : NULL;
		same = d.n == 0 && want && json_equal(got, want) && a && b && strcmp(a, b) == 0;
		free(a);
		free(b);
	} else {
		/* Refused: jansson refused it too, or it is no object, or a number underflows, or
		** the file holds a NUL byte (jansson stops reading there and may accept what came
		** before; record_parse_buffer refuses the file before any parser sees it). */
		same = d.n == 1 && (!want || !json_is_object(want) ||
		                    strstr(d.v[0].message, "too small for a double") ||
		                    memchr(buf, '\0', len) != NULL);
	}
	json_decref(want);
	json_decref(got);
	diags_free(&d);
	return same;
}

#endif
