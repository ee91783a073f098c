/*
** test_json_write.c — the one JSON writer (json_write.h) in both its styles: numbers (whole
** reals, shortest round-trip text, the ends of the double range), string escaping and the
** layout, the same for a report and for a record but where json_write.h says they differ.
*/
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "json_write.h"

static char *real(double x, json_style st)
{
	vs_buf b = {0};
	json_put_real(&b, x, st);
	return buf_steal(&b);
}

static char *str(const char *s, json_style st)
{
	vs_buf b = {0};
	json_put_string_as(&b, s, st);
	return buf_steal(&b);
}

static char *value(const char *json, int depth, json_style st)
{
	json_t *v = json_loads(json, JSON_DECODE_ANY, NULL);
	vs_buf b = {0};
	if (v)
		json_write_value(&b, v, depth, st);
	json_decref(v);
	return buf_steal(&b);
}

static void numbers(void)
{
	static const struct {
		double x;
		const char *report, *record;
	} cases[] = {
		{0.3, "0.3", "0.3"},
		{0.15, "0.15", "0.15"},
		{3e-6, "3e-06", "3e-06"},
		{1e-07, "1e-07", "1e-07"},
		{2.5e-5, "2.5e-05", "2.5e-05"},
		{12345.678, "12345.678", "12345.678"},
		{0.1 + 0.2, "0.30000000000000004", "0.30000000000000004"},
		{1.0 / 3.0, "0.3333333333333333", "0.3333333333333333"},
		{86, "86", "86.0"},
		{-3, "-3", "-3.0"},
		{0, "0", "0.0"},
		{-0.0, "-0.0", "-0.0"}, /* no integer keeps the sign (issue 16, item 14) */
		{131072, "131072", "131072.0"},
		{9007199254740992.0, "9007199254740992", "9007199254740992.0"},
		{9007199254740994.0, "9007199254740994", "9007199254740994.0"},
		{1e16, "1e+16", "1e+16"},
		{1.2e17, "1.2e+17", "1.2e+17"},
		{1e21, "1e+21", "1e+21"},
		{5e-324, "5e-324", "5e-324"},
		{1.7976931348623157e308, "1.7976931348623157e+308", "1.7976931348623157e+308"},
		{NAN, "null", "null"},
		{INFINITY, "null", "null"},
		{-INFINITY, "null", "null"},
	};
	for (size_t i = 0; i < VS_ARRAY_LEN(cases); i++) {
		char *r = real(cases[i].x, JSON_REPORT), *d = real(cases[i].x, JSON_RECORD);
		STR_EQ(r, cases[i].report, "report number %.17g", cases[i].x);
		STR_EQ(d, cases[i].record, "record number %.17g", cases[i].x);
		free(r);
		free(d);
	}
	char *n = NULL;
	vs_buf b = {0};
	json_put_number(&b, 0.5);
	n = buf_steal(&b);
	STR_EQ(n, "0.5", "json_put_number is the report style");
	free(n);

	/* Every finite text reads back to its double, with the fewest digits that do. */
	static const double spread[] = {1.25, 0.075, 2.5, 1e-300, 4.35, 1e15 + 0.3, 0.0000025e6,
	                                 0.00000015e6, 123456.789e3, 2.2250738585072014e-308};
	for (size_t i = 0; i < VS_ARRAY_LEN(spread); i++) {
		char text[40], fewer[400];
		json_shortest(spread[i], text, sizeof text);
		OK(strtod(text, NULL) == spread[i], "%s reads back as %.17g", text, spread[i]);
		int digits = 0; /* significant: from the first digit that is not 0 */
		for (const char *p = text; *p && *p != 'e'; p++)
			digits += (digits || (*p >= '1' && *p <= '9')) && *p >= '0' && *p <= '9';
		snprintf(fewer, sizeof fewer, "%.*g", digits - 1, spread[i]);
		OK(digits == 1 || strtod(fewer, NULL) != spread[i], "%s has the fewest digits", text);
	}
}

static void strings(void)
{
	/* What both styles escape alike. */
	const char *common = "a\"b\\c\nd\te\r\b\f\x01" "f\x1bg";
	const char *want = "\"a\\\"b\\\\c\\nd\\te\\r\\b\\f\\u0001f\\u001bg\"";
	char *r = str(common, JSON_REPORT), *d = str(common, JSON_RECORD);
	STR_EQ(r, want, "report: quote, backslash and C0 controls escaped");
	STR_EQ(d, want, "record: quote, backslash and C0 controls escaped");
	free(r);
	free(d);

	/* Where they differ: DEL, C1, U+2028, a zero-width space and a bidi override are
	** escaped in a report, kept as bytes in a record (Python's ensure_ascii=False). */
	const char *odd = "x\x7fy\xC2\x9bz\xE2\x80\xA8w\xE2\x80\x8Bv\xE2\x80\xAE" "u";
	r = str(odd, JSON_REPORT);
	d = str(odd, JSON_RECORD);
	STR_EQ(r, "\"x\\u007fy\\u009bz\\u2028w\\u200bv\\u202eu\"", "report escapes the invisible");
	STR_EQ(d, "\"x\x7fy\xC2\x9bz\xE2\x80\xA8w\xE2\x80\x8Bv\xE2\x80\xAEu\"", "record keeps them");
	free(r);
	free(d);

	/* UTF-8 passes through in both; an invalid byte is U+FFFD in a report. */
	r = str("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\xA4\x96", JSON_REPORT);
	d = str("caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\xA4\x96", JSON_RECORD);
	STR_EQ(r, "\"caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\xA4\x96\"", "report keeps UTF-8");
	STR_EQ(d, "\"caf\xC3\xA9 \xE2\x80\x94 \xF0\x9F\xA4\x96\"", "record keeps UTF-8");
	free(r);
	free(d);
	r = str("caf\xE9", JSON_REPORT);
	STR_EQ(r, "\"caf\\ufffd\"", "report: invalid UTF-8 is \\ufffd");
	free(r);
	r = str(NULL, JSON_RECORD);
	STR_EQ(r, "null", "NULL is null");
	free(r);
}

static void values(void)
{
	const char *doc = "{\"b\": [1, 2.5, 3.0, \"\\u2028\"], \"a\": {}, \"c\": [], "
	                  "\"d\": {\"x\": null, \"y\": true, \"z\": false}}";
	char *r = value(doc, 0, JSON_REPORT), *d = value(doc, 0, JSON_RECORD);
	STR_EQ(r, "{\n  \"b\": [\n    1,\n    2.5,\n    3,\n    \"\\u2028\"\n  ],\n  \"a\": {},\n"
	       "  \"c\": [],\n  \"d\": {\n    \"x\": null,\n    \"y\": true,\n    \"z\": false\n  }\n}",
	       "report layout: key order kept, 3.0 as 3");
	STR_EQ(d, "{\n  \"b\": [\n    1,\n    2.5,\n    3.0,\n    \"\xE2\x80\xA8\"\n  ],\n  \"a\": {},\n"
	       "  \"c\": [],\n  \"d\": {\n    \"x\": null,\n    \"y\": true,\n    \"z\": false\n  }\n}",
	       "record layout: the same lines, 3.0 kept, U+2028 as bytes");
	free(r);
	free(d);
	r = value("[{\"k\": 9007199254740993}]", 2, JSON_REPORT);
	STR_EQ(r, "[\n      {\n        \"k\": 9007199254740993\n      }\n    ]", "from depth 2; "
	       "integers as they are");
	free(r);
	r = value("\"x\"", 0, JSON_RECORD);
	STR_EQ(r, "\"x\"", "a lone string");
	free(r);
}

int main(void)
{
	numbers();
	strings();
	values();
	return test_summary("json_write");
}
