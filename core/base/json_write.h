/*
** json_write.h — JSON text written by hand, one writer for all the JSON the program writes:
** reports and `versus show --json` (report.md) and the records and state file `versus import`
** writes (data.md: what Python's json.dumps(indent=2, ensure_ascii=False) writes).  The layout
** is the same for both: two-space indent, ": " after a key, "{}" and "[]" when empty, keys in
** the object's own order.  A json_style (escape.h) decides the two things that differ:
**   - a whole real: JSON_REPORT writes an integer within +-2^53 (88, -0 as 0); JSON_RECORD
**     writes Python's ".0" below 1e16 (88.0, -0.0), so a record reads back as it was typed;
**   - a string: as json_put_string_as writes it in that style.
** Any other finite number is the shortest text strtod reads back to the same double; NaN and
** the infinities, which JSON cannot hold, are null.  Integers are written as they are.
*/
#ifndef VERSUS_JSON_WRITE_H
#define VERSUS_JSON_WRITE_H

#include <jansson.h>
#include <stddef.h>

#include "escape.h"
#include "util.h"

/* The fewest significant digits (1 to 17) that strtod reads back as d, in "%g" form with a
** '.' whatever the locale: "0.15", "3", "1e-07", "0.30000000000000004".  n >= 32. */
void json_shortest(double d, char *out, size_t n);

/* A number in style st, as above. */
void json_put_real(vs_buf *out, double x, json_style st);
/* A number in a report: json_put_real(out, x, JSON_REPORT). */
void json_put_number(vs_buf *out, double x);

/* Any JSON value in style st, its lines indented two spaces a level from depth; no final
** newline. */
void json_write_value(vs_buf *out, const json_t *v, int depth, json_style st);
/* Any JSON value in a report: json_write_value(out, v, depth, JSON_REPORT). */
void json_put_value(vs_buf *out, const json_t *v, int depth);

#endif
