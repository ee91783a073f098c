/*
** json_write.c — see json_write.h.  jansson's own dumper writes reals with 17 digits (0.3 as
** 0.29999999999999999) and its own layout, which is why this file exists.
*/
#include "json_write.h"

#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* {====== Numbers */

void json_shortest(double d, char *out, size_t n)
{
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(out, n, "%.*g", prec, d);
		if (strtod(out, NULL) == d)
			break; /* 17 digits always read back */
	}
	/* main and each site worker use the C locale (vs_use_c_locale); guard the point anyway. */
	for (char *p = out; *p; p++)
		if (*p == ',')
			*p = '.';
}

void json_put_real(vs_buf *out, double x, json_style st)
{
	char text[40];

	if (!isfinite(x)) {
		buf_add(out, "null");
		return;
	}
	if (x == 0 && signbit(x)) {
		/* No integer carries the sign ("-0" reads back as 0 in jansson and Python): the
		** one whole value written as a real, so -0.0 in a record round-trips. */
		buf_add(out, "-0.0");
		return;
	}
	if (x == floor(x)) {
		/* Exact as an integer within +-2^53 ("100000", never "100000.0"). */
		if (st == JSON_REPORT && fabs(x) <= 9007199254740992.0) {
			buf_printf(out, "%" PRId64, (int64_t)x);
			return;
		}
		/* As Python writes a float: a whole one keeps ".0" ("86.0") below 1e16. */
		if (st == JSON_RECORD && fabs(x) < 1e16) {
			buf_printf(out, "%.1f", x);
			return;
		}
	}
	json_shortest(x, text, sizeof text);
	buf_add(out, text);
}

void json_put_number(vs_buf *out, double x)
{
	json_put_real(out, x, JSON_REPORT);
}

/* }====== */

/* {====== Values */

static void put_indent(vs_buf *out, int depth)
{
	buf_addc(out, '\n');
	for (int i = 0; i < depth; i++)
		buf_addn(out, "  ", 2);
}

void json_write_value(vs_buf *out, const json_t *v, int depth, json_style st)
{
	size_t i, n;
	const char *k;
	const json_t *x;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		if (json_object_size(v) == 0) {
			buf_add(out, "{}");
			break;
		}
		buf_addc(out, '{');
		n = 0;
		json_object_foreach((json_t *)v, k, x) {
			if (n++)
				buf_addc(out, ',');
			put_indent(out, depth + 1);
			json_put_string_as(out, k, st);
			buf_add(out, ": ");
			json_write_value(out, x, depth + 1, st);
		}
		put_indent(out, depth);
		buf_addc(out, '}');
		break;
	case JSON_ARRAY:
		if (json_array_size(v) == 0) {
			buf_add(out, "[]");
			break;
		}
		buf_addc(out, '[');
		json_array_foreach(v, i, x) {
			if (i)
				buf_addc(out, ',');
			put_indent(out, depth + 1);
			json_write_value(out, x, depth + 1, st);
		}
		put_indent(out, depth);
		buf_addc(out, ']');
		break;
	case JSON_STRING: json_put_string_as(out, json_string_value(v), st); break;
	case JSON_INTEGER: buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v)); break;
	case JSON_REAL: json_put_real(out, json_real_value(v), st); break;
	case JSON_TRUE: buf_add(out, "true"); break;
	case JSON_FALSE: buf_add(out, "false"); break;
	case JSON_NULL: buf_add(out, "null"); break;
	}
}

void json_put_value(vs_buf *out, const json_t *v, int depth)
{
	json_write_value(out, v, depth, JSON_REPORT);
}

/* }====== */
