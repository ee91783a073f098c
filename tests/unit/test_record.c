/*
** test_record.c — record_parse and record_validate against data.md and hardening.md §E–F.
**
** Records are written with single quotes for readability; rec() turns them into JSON
** (a real apostrophe is written \u0027).  Most checks pin the exact message: the wording is
** part of the contract analysts read.
*/
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "diag_helpers.h"
#include "harness.h"
#include "../../fuzz/same_as_jansson.h"
#include "escape.h"
#include "record.h"
#include "record_fast.h"

static const char *const caps[] = {
	"vision", "multimodal", "reasoning", "function_calling", "tool_use",
	"structured_outputs", "code_execution", "ide_integration", "computer_use",
	"parallel_agents",
};

#define WHERE "data/models/foo.json"

/* {====== Helpers */

/* JSON from a single-quoted text. */
static char *dq(const char *text)
{
	char *s = xstrdup(text);
	for (char *p = s; *p; p++)
		if (*p == '\'')
			*p = '"';
	return s;
}

/* Validate text as the file data/models/<file_id>.json; returns false if it is not JSON. */
static bool validate_as(const char *text, const char *file_id, const char *const *known,
                        vs_diags *d)
{
	char *s = dq(text);
	json_error_t err;
	json_t *root = json_loads(s, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	free(s);
	if (!root) {
		fprintf(stderr, "bad test JSON: %s: %s\n", text, err.text);
		return false;
	}
	record_validate(root, WHERE, file_id, known, known ? VS_ARRAY_LEN(caps) : 0, d);
	json_decref(root);
	return true;
}

/* The minimal valid record with more fields: "{'id':'foo','name':'Foo',<body>}". */
static char *rec(const char *body)
{
	return xasprintf("{'id':'foo','name':'Foo'%s%s}", *body ? "," : "", body);
}

/* Exactly one diagnostic, of severity sev, with exactly this message. */
static void expect_one_at(const char *file, int line, const char *text, vs_severity sev,
                          const char *msg)
{
	vs_diags d = {0};
	if (test_check(file, line, validate_as(text, "foo", caps, &d), "parse %s", text) &&
	    test_check(file, line, d.n == 1 && d.v[0].severity == sev &&
	               strcmp(d.v[0].message, msg) == 0 && strcmp(d.v[0].where, WHERE) == 0,
	               "%s\n    want [%s] %s\n    got %zu:", text, severity_name(sev), msg, d.n) == false)
		print_diags(NULL, &d);
	diags_free(&d);
}

/* The same, for a body added to the minimal record. */
static void expect_body_at(const char *file, int line, const char *body, vs_severity sev,
                           const char *msg)
{
	char *text = rec(body);
	expect_one_at(file, line, text, sev, msg);
	free(text);
}

/* No diagnostics at all. */
static void expect_clean_at(const char *file, int line, const char *text)
{
	vs_diags d = {0};
	if (test_check(file, line, validate_as(text, "foo", caps, &d), "parse %s", text) &&
	    !test_check(file, line, d.n == 0, "%s: expected no diagnostics, got %zu:", text, d.n))
		print_diags(NULL, &d);
	diags_free(&d);
}

static void expect_body_clean_at(const char *file, int line, const char *body)
{
	char *text = rec(body);
	expect_clean_at(file, line, text);
	free(text);
}

/* Some diagnostic of severity sev contains sub. */
static void expect_has_at(const char *file, int line, const char *text, const char *file_id,
                          vs_severity sev, const char *sub)
{
	vs_diags d = {0};
	bool found = false;
	validate_as(text, file_id, caps, &d);
	for (size_t i = 0; i < d.n; i++)
		found |= d.v[i].severity == sev && strstr(d.v[i].message, sub) != NULL;
	if (!test_check(file, line, found, "%s: no %s containing '%s'; got:", text,
	                severity_name(sev), sub))
		print_diags(NULL, &d);
	diags_free(&d);
}

#define EXPECT_ONE(text, sev, msg) expect_one_at(__FILE__, __LINE__, (text), (sev), (msg))
#define EXPECT_BODY(body, sev, msg) expect_body_at(__FILE__, __LINE__, (body), (sev), (msg))
#define EXPECT_CLEAN(text) expect_clean_at(__FILE__, __LINE__, (text))
#define EXPECT_BODY_CLEAN(body) expect_body_clean_at(__FILE__, __LINE__, (body))
#define EXPECT_HAS(text, id, sev, sub) expect_has_at(__FILE__, __LINE__, (text), (id), (sev), (sub))

/* }====== */

/* {====== Whole records */

static const char qwen[] =
	"{'id':'qwen2-7b-instruct','name':'Qwen2-7B-Instruct','creator':'Alibaba Cloud (Qwen)',"
	"'released':'2024-06-07','product_type':'Standalone API model',"
	"'best_for':'general production evaluation','decision_tags':['Long context'],"
	"'context_window':128000,'parameters':7000000000,'architecture':'Decoder Only',"
	"'license':{'name':'Apache 2.0','spdx':'Apache-2.0','osi_approved':true},"
	"'openness':'open-source','commercial_use':'permitted','knowledge_cutoff':null,"
	"'capabilities':{'vision':false,'multimodal':false,'reasoning':false,"
	"'function_calling':false,'tool_use':false,'structured_outputs':false,"
	"'code_execution':false,'ide_integration':false,'computer_use':false,"
	"'parallel_agents':false},"
	"'routes':[{'provider':'NVIDIA NIM','pricing':null}],'benchmarks':[],"
	"'last_reviewed':'2026-06-04'}";

static void whole_records(void)
{
	vs_diags d = {0};
	validate_as(qwen, "qwen2-7b-instruct", caps, &d);
	if (!INT_EQ(d.n, 0, "the qwen2 record of data.md is valid"))
		print_diags(NULL, &d);
	diags_free(&d);

	validate_as("{'id':'gpt-5.3-codex-spark','name':'GPT-5.3-Codex-Spark',"
	            "'released':'2026-02-12','product_type':'Coding-specialized model',"
	            "'best_for':'custom coding agents, code generation, and tool loops',"
	            "'decision_tags':['Coding','RAG','Agents'],'context_window':131000,"
	            "'parameters':null,'architecture':'Decoder Only','license':{'name':'Proprietary'},"
	            "'openness':'proprietary','commercial_use':'conditional',"
	            "'capabilities':{'function_calling':true,'tool_use':true,"
	            "'structured_outputs':true,'code_execution':true,'vision':false},"
	            "'routes':[{'provider':'OpenAI API'}],'last_reviewed':'2026-06-04'}",
	            "gpt-5.3-codex-spark", caps, &d);
	if (!INT_EQ(d.n, 0, "the gpt-5.3-codex-spark record of data.md is valid"))
		print_diags(NULL, &d);
	diags_free(&d);

	/* Every optional structure filled in. */
	EXPECT_BODY_CLEAN(
		"'creator':'OpenAI','family':'GPT-X',"
		"'max_output_tokens':8192,'knowledge_cutoff':'2024-06',"
		"'routes':[{'provider':'OpenAI API','model':'gpt-x','first_party':true,'region':'us',"
		"'source':'https://openai.com/api/pricing','pricing':{'input_per_mtok':1.25,"
		"'output_per_mtok':10,'cached_input_per_mtok':0.125,'batch_discount':0.5,"
		"'tiers':[{'above_input_tokens':200000,'input_per_mtok':2.5,'output_per_mtok':15},"
		"{'above_input_tokens':1000000,'input_per_mtok':null}]}},"
		"{'provider':'OpenAI API','region':'eu'},{'provider':'Azure','first_party':false}],"
		"'benchmarks':[{'name':'HumanEval','score':79.9,'unit':'%','setting':'0-shot',"
		"'source':'https://example.com/x?a=1#b','date':'2024-06-07','higher_is_better':true},"
		"{'name':'MMLU','score':-2},{'name':'Latency','score':0.4,'unit':'s',"
		"'higher_is_better':false}],"
		"'sources':['https://huggingface.co/Qwen/Qwen2-7B-Instruct','HTTP://EXAMPLE.COM']");

	/* Unknown is not false: null anywhere optional is simply unknown. */
	EXPECT_BODY_CLEAN("'creator':null,'family':null,'released':null,'decision_tags':null,"
	                  "'context_window':null,'license':null,'openness':null,"
	                  "'capabilities':null,'routes':null,'benchmarks':null,'sources':null");
	EXPECT_BODY_CLEAN("'capabilities':{'vision':null}");
	EXPECT_BODY_CLEAN("'routes':[{'provider':'A','pricing':{'input_per_mtok':null,"
	                  "'batch_discount':null,'tiers':null},'first_party':null}]");
	EXPECT_BODY_CLEAN("'benchmarks':[{'name':'n','score':1,'higher_is_better':null}]");

	/* Markup in display strings is data; renderers escape it (hardening 83-84). */
	EXPECT_BODY_CLEAN("'creator':'Foo | Bar','best_for':'a & b < c'");
	EXPECT_CLEAN("{'id':'foo','name':'<script>alert(1)</script>'}");
	EXPECT_CLEAN("{'id':'foo','name':'\\'><img src=x onerror=alert(1)>'}");

	/* Diagnostics come in file order, one per problem. */
	validate_as("{'context_window':0,'id':'foo','parameters':'7B','zzz':1}", "foo", caps, &d);
	if (INT_EQ(d.n, 4, "four problems")) {
		STR_EQ(d.v[0].message, "$.context_window: expected an integer > 0, got 0", "1st");
		STR_EQ(d.v[1].message, "$.parameters: expected an integer > 0, got string \"7B\"", "2nd");
		STR_EQ(d.v[2].message, "$.zzz: unknown field, ignored", "3rd");
		STR_EQ(d.v[3].message, "$.name: required field is missing", "4th");
		INT_EQ(diags_count(&d, VS_ERROR), 3, "three errors");
	} else {
		print_diags(NULL, &d);
	}
	diags_free(&d);

	EXPECT_ONE("[]", VS_ERROR, "$: expected an object, got an array");
	EXPECT_ONE("'x'", VS_ERROR, "$: expected an object, got string \"x\"");
}

/* }====== */

/* {====== id and name */

static void ids(void)
{
	EXPECT_ONE("{'name':'Foo'}", VS_ERROR, "$.id: required field is missing");
	EXPECT_ONE("{'id':null,'name':'Foo'}", VS_ERROR, "$.id: expected a string, got null");
	EXPECT_ONE("{'id':7,'name':'Foo'}", VS_ERROR, "$.id: expected a string, got 7");
	EXPECT_ONE("{'id':'bar','name':'Foo'}", VS_ERROR,
	           "$.id: \"bar\" does not match the file name \"foo\"");
	/* "Foo" is both unsafe and not the file name: two problems, two lines. */
	EXPECT_HAS("{'id':'Foo','name':'Foo'}", "foo", VS_ERROR,
	           "$.id: \"Foo\" does not match the file name \"foo\"");
	EXPECT_HAS("{'id':'Foo','name':'Foo'}", "foo", VS_ERROR, "$.id: \"Foo\" is not a safe id");
	EXPECT_HAS("{'id':'../../etc/passwd','name':'P'}", "passwd", VS_ERROR,
	           "$.id: \"../../etc/passwd\" is not a safe id (expected ^[a-z0-9][a-z0-9._-]{0,63}$");
	EXPECT_HAS("{'id':'a/b','name':'P'}", "b", VS_ERROR, "is not a safe id");
	EXPECT_HAS("{'id':'.hidden','name':'P'}", ".hidden", VS_ERROR, "is not a safe id");
	EXPECT_HAS("{'id':'','name':'P'}", "", VS_ERROR, "$.id: \"\" is not a safe id");
	EXPECT_HAS("{'id':'foo-vs-bar','name':'P'}", "foo-vs-bar", VS_ERROR,
	           "$.id: \"foo-vs-bar\" contains \"-vs-\": \"-vs-\" separates the two ids of a "
	           "comparison page name");
	/* Issue 16, item 8: m with vs-z and m-vs with z both give compare/m-vs-vs-z.html. */
	EXPECT_HAS("{'id':'vs-z','name':'P'}", "vs-z", VS_ERROR,
	           "$.id: \"vs-z\" starts with \"vs-\"");
	EXPECT_HAS("{'id':'m-vs','name':'P'}", "m-vs", VS_ERROR, "$.id: \"m-vs\" ends with \"-vs\"");
	OK(!record_id_is_safe("vs-z") && !record_id_is_safe("m-vs"), "vs as a first or last segment");
	OK(record_id_is_safe("vs") && record_id_is_safe("vsz") && record_id_is_safe("m-vsx"),
	   "vs alone, or as part of a segment");
	EXPECT_HAS("{'id':'a-vs-B','name':'P'}", "a-vs-B", VS_ERROR,
	           "$.id: \"a-vs-B\" is not a safe id");

	OK(record_id_is_safe("qwen2-7b-instruct"), "qwen id");
	OK(record_id_is_safe("gpt-5.3-codex-spark"), "dots");
	OK(record_id_is_safe("0"), "one digit");
	OK(record_id_is_safe("a_b"), "underscore");
	OK(record_id_is_safe("con"), "con passes the regex");
	OK(record_id_is_safe("avs-b") && record_id_is_safe("a-vsb"), "vs without both dashes");
	char id[80];
	memset(id, 'a', sizeof id);
	id[64] = '\0';
	OK(record_id_is_safe(id), "64 characters");
	id[64] = 'a';
	id[65] = '\0';
	OK(!record_id_is_safe(id), "65 characters");
	OK(!record_id_is_safe(""), "empty");
	OK(!record_id_is_safe(NULL), "NULL");
	OK(!record_id_is_safe("Foo"), "upper case");
	OK(!record_id_is_safe("-a"), "leading dash");
	OK(!record_id_is_safe("_a"), "leading underscore");
	OK(!record_id_is_safe("."), "dot");
	OK(!record_id_is_safe(".."), "dot dot");
	OK(!record_id_is_safe("a b"), "space");
	OK(!record_id_is_safe("a/b"), "slash");
	OK(!record_id_is_safe("a\\b"), "backslash");
	OK(!record_id_is_safe("caf\xC3\xA9"), "non-ASCII");
	OK(!record_id_is_safe("a-vs-b"), "-vs-");
	OK(!record_id_is_safe("x-vs-"), "-vs- at the end");
}

/* Every code point the pages drop (escape.h's ESC_DROP) is one check warns about, and none
** it keeps: one list of invisible characters. */
static void invisible_all_warned(void)
{
	size_t dropped = 0, disagree = 0;
	for (unsigned cp = 0xA0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		bool drop = esc_class(cp) == ESC_DROP;
		/* The whole plane would take a while; every dropped one and their neighbours do. */
		if (!drop && esc_class(cp - 1) != ESC_DROP && esc_class(cp + 1) != ESC_DROP)
			continue;
		char u[5] = {0};
		if (cp < 0x800) {
			u[0] = (char)(0xC0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			u[0] = (char)(0xE0 | cp >> 12), u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
			u[2] = (char)(0x80 | (cp & 0x3F));
		} else {
			u[0] = (char)(0xF0 | cp >> 18), u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
			u[2] = (char)(0x80 | (cp >> 6 & 0x3F)), u[3] = (char)(0x80 | (cp & 0x3F));
		}
		char *text = xasprintf("{'id':'foo','name':'a%sb'}", u);
		vs_diags d = {0};
		validate_as(text, "foo", caps, &d);
		bool warned = d.n == 1 && d.v[0].severity == VS_WARNING;
		if (warned != drop && disagree++ < 5)
			OK(false, "U+%04X: the pages %s it, check %s", cp, drop ? "drop" : "keep",
			      warned ? "warns" : "says nothing");
		dropped += drop;
		diags_free(&d);
		free(text);
	}
	OK(disagree == 0 && dropped > 4000, "check warns about exactly the %zu code points the "
	      "pages drop (%zu disagree)", dropped, disagree);
}

static void names(void)
{
	EXPECT_ONE("{'id':'foo'}", VS_ERROR, "$.name: required field is missing");
	EXPECT_ONE("{'id':'foo','name':''}", VS_ERROR,
	           "$.name: expected 1 to 120 characters, got an empty string");
	EXPECT_ONE("{'id':'foo','name':'   '}", VS_ERROR,
	           "$.name: expected 1 to 120 characters, got only white space");
	EXPECT_ONE("{'id':'foo','name':42}", VS_ERROR,
	           "$.name: expected a string of 1 to 120 characters, got 42");
	EXPECT_ONE("{'id':'foo','name':null}", VS_ERROR,
	           "$.name: expected a string of 1 to 120 characters, got null");

	/* Length is in characters: 120 robots (480 bytes) fit, 121 do not. */
	vs_buf b = {0};
	buf_add(&b, "{'id':'foo','name':'");
	for (int i = 0; i < 120; i++)
		buf_add(&b, "\xF0\x9F\xA4\x96");
	buf_add(&b, "'}");
	EXPECT_CLEAN(b.s);
	b.len -= 2;
	buf_add(&b, "\xF0\x9F\xA4\x96'}");
	EXPECT_ONE(b.s, VS_ERROR, "$.name: expected 1 to 120 characters, got 121");
	buf_free(&b);
	buf_add(&b, "{'id':'foo','name':'");
	for (int i = 0; i < 121; i++)
		buf_addc(&b, 'x');
	buf_add(&b, "'}");
	EXPECT_ONE(b.s, VS_ERROR, "$.name: expected 1 to 120 characters, got 121");
	buf_free(&b);

	/* Control characters: C0 (newline, tab, BEL, ESC), DEL and C1. */
	EXPECT_ONE("{'id':'foo','name':'Line1\\nLine2'}", VS_ERROR,
	           "$.name: control characters are not allowed (U+000A at character 6)");
	EXPECT_ONE("{'id':'foo','name':'a\\u0007b'}", VS_ERROR,
	           "$.name: control characters are not allowed (U+0007 at character 2)");
	EXPECT_ONE("{'id':'foo','name':'\\u001b[2J\\u001b]8;;http://x\\u0007click'}", VS_ERROR,
	           "$.name: control characters are not allowed (U+001B at character 1)");
	EXPECT_ONE("{'id':'foo','name':'a\\tb'}", VS_ERROR,
	           "$.name: control characters are not allowed (U+0009 at character 2)");
	EXPECT_ONE("{'id':'foo','name':'a\\u007f'}", VS_ERROR,
	           "$.name: control characters are not allowed (U+007F at character 2)");
	EXPECT_ONE("{'id':'foo','name':'\\u00e9\\u0085'}", VS_ERROR,
	           "$.name: control characters are not allowed (U+0085 at character 2)");
	EXPECT_CLEAN("{'id':'foo','name':'\\u00a0\\u00e9 ok'}"); /* U+00A0 is past C1 */

	/* Bidi and zero-width: a warning, the record still loads. */
	EXPECT_ONE("{'id':'foo','name':'\\u202eBIRTS'}", VS_WARNING,
	           "$.name: invisible or bidi control character U+202E at character 1"
	           " (it hides or reorders text)");
	EXPECT_ONE("{'id':'foo','name':'Qwen2\\u2011\\u200b7B'}", VS_WARNING,
	           "$.name: invisible or bidi control character U+200B at character 7"
	           " (it hides or reorders text)");
	EXPECT_HAS("{'id':'foo','name':'a\\u2066b'}", "foo", VS_WARNING, "U+2066");
	EXPECT_HAS("{'id':'foo','name':'a\\u200fb'}", "foo", VS_WARNING, "U+200F");
	EXPECT_CLEAN("{'id':'foo','name':'a\\u2010b\\u2070'}"); /* neighbours of the ranges */
	/* The renderers' list, not a second one that forgot these (issue 17). */
	EXPECT_HAS("{'id':'foo','name':'a\\u061cb'}", "foo", VS_WARNING, "U+061C");
	EXPECT_HAS("{'id':'foo','name':'a\\u180eb'}", "foo", VS_WARNING, "U+180E");
	invisible_all_warned();
}

/* Every display string refuses control characters and warns on bidi characters. */
static void display_strings(void)
{
	static const struct {
		const char *pre, *post; /* the body is pre + the string's JSON text + post */
		const char *path;
	} places[] = {
		{"'creator':", "", "$.creator"},
		{"'family':", "", "$.family"},
		{"'product_type':", "", "$.product_type"},
		{"'best_for':", "", "$.best_for"},
		{"'architecture':", "", "$.architecture"},
		{"'decision_tags':['ok',", "]", "$.decision_tags[1]"},
		{"'license':{'name':", "}", "$.license.name"},
		{"'license':{'name':'x','spdx':", "}", "$.license.spdx"},
		{"'routes':[{'provider':", "}]", "$.routes[0].provider"},
		{"'routes':[{'provider':'p','model':", "}]", "$.routes[0].model"},
		{"'routes':[{'provider':'p','region':", "}]", "$.routes[0].region"},
		{"'benchmarks':[{'score':1,'name':", "}]", "$.benchmarks[0].name"},
		{"'benchmarks':[{'name':'n','score':1,'unit':", "}]", "$.benchmarks[0].unit"},
		{"'benchmarks':[{'name':'n','score':1,'setting':", "}]", "$.benchmarks[0].setting"},
	};
	for (size_t i = 0; i < VS_ARRAY_LEN(places); i++) {
		const char *pre = places[i].pre, *post = places[i].post, *path = places[i].path;
		char *body = xasprintf("%s'x\\ny'%s", pre, post);
		char *msg = xasprintf("%s: control characters are not allowed (U+000A at character 2)",
		                      path);
		EXPECT_BODY(body, VS_ERROR, msg);
		free(body);
		free(msg);
		body = xasprintf("%s'x\\u202dy'%s", pre, post);
		msg = xasprintf("%s: invisible or bidi control character U+202D at character 2"
		                " (it hides or reorders text)", path);
		EXPECT_BODY(body, VS_WARNING, msg);
		free(body);
		free(msg);
		body = xasprintf("%s5%s", pre, post);
		msg = xasprintf("%s: expected a %sstring, got 5", path,
		                strstr(path, "provider") ? "non-empty " : "");
		EXPECT_BODY(body, VS_ERROR, msg);
		free(body);
		free(msg);
	}
}

/* }====== */

/* {====== Dates, numbers, enums */

static void dates(void)
{
	OK(record_date_is_valid("2024-02-29"), "leap day 2024");
	OK(record_date_is_valid("2000-02-29"), "leap day 2000");
	OK(record_date_is_valid("2026-12-31"), "31 Dec");
	OK(!record_date_is_valid("1900-02-29"), "1900 is not a leap year");
	OK(!record_date_is_valid("2025-02-29"), "2025 is not a leap year");
	OK(!record_date_is_valid("2026-02-30"), "30 Feb");
	OK(!record_date_is_valid("2026-04-31"), "31 Apr");
	OK(!record_date_is_valid("2026-13-01"), "month 13");
	OK(!record_date_is_valid("2026-00-10"), "month 0");
	OK(!record_date_is_valid("2026-01-00"), "day 0");
	OK(!record_date_is_valid("0000-01-01"), "year 0");
	OK(!record_date_is_valid("2026-2-3"), "short fields");
	OK(!record_date_is_valid("2026-02-12T00:00:00Z"), "a timestamp");
	OK(!record_date_is_valid("2026/02/12"), "slashes");
	OK(!record_date_is_valid("+026-02-12"), "sign");
	OK(!record_date_is_valid(""), "empty");
	OK(!record_date_is_valid(NULL), "NULL");

	EXPECT_BODY("'released':'2026-02-30'", VS_ERROR,
	            "$.released: \"2026-02-30\" is not a real calendar date");
	EXPECT_BODY("'released':'2025-02-29'", VS_ERROR,
	            "$.released: \"2025-02-29\" is not a real calendar date");
	EXPECT_BODY("'released':'2026-13-01'", VS_ERROR,
	            "$.released: \"2026-13-01\" is not a real calendar date");
	EXPECT_BODY("'released':'2026-2-3'", VS_ERROR,
	            "$.released: expected a date YYYY-MM-DD, got string \"2026-2-3\"");
	EXPECT_BODY("'released':'2026-02-12T00:00:00Z'", VS_ERROR,
	            "$.released: expected a date YYYY-MM-DD, got string \"2026-02-12T00:00:00Z\"");
	EXPECT_BODY("'released':20260212", VS_ERROR,
	            "$.released: expected a date YYYY-MM-DD, got 20260212");
	EXPECT_BODY_CLEAN("'released':'2024-02-29','last_reviewed':'2026-06-04'");
	EXPECT_BODY("'last_reviewed':'2026-06-31'", VS_ERROR,
	            "$.last_reviewed: \"2026-06-31\" is not a real calendar date");
	EXPECT_BODY("'benchmarks':[{'name':'n','score':1,'date':'2024-6-7'}]", VS_ERROR,
	            "$.benchmarks[0].date: expected a date YYYY-MM-DD, got string \"2024-6-7\"");

	EXPECT_BODY_CLEAN("'knowledge_cutoff':'2024-06'");
	EXPECT_BODY_CLEAN("'knowledge_cutoff':'2024-06-30'");
	EXPECT_BODY("'knowledge_cutoff':'2024-13'", VS_ERROR,
	            "$.knowledge_cutoff: \"2024-13\" is not a real calendar month");
	EXPECT_BODY("'knowledge_cutoff':'2024-06-31'", VS_ERROR,
	            "$.knowledge_cutoff: \"2024-06-31\" is not a real calendar date");
	EXPECT_BODY("'knowledge_cutoff':'2024'", VS_ERROR,
	            "$.knowledge_cutoff: expected a date YYYY-MM or YYYY-MM-DD, got string \"2024\"");
	EXPECT_BODY("'knowledge_cutoff':'24-06'", VS_ERROR,
	            "$.knowledge_cutoff: expected a date YYYY-MM or YYYY-MM-DD, got string \"24-06\"");
}

static void counts(void)
{
	static const char *const fields[] = {"context_window", "max_output_tokens", "parameters"};
	for (size_t i = 0; i < VS_ARRAY_LEN(fields); i++) {
		const char *f = fields[i];
		char *body, *msg;
		static const struct {
			const char *json, *got;
		} bad[] = {
			{"-131000", "-131000"}, {"0", "0"}, {"'131k'", "string \"131k\""},
			{"131072.5", "131072.5"}, {"-5.0", "-5.0"}, {"0.0", "0.0"},
			{"true", "true"}, {"[]", "an array"}, {"{}", "an object"},
			{"-1e19", "-1e+19"},
		};
		for (size_t j = 0; j < VS_ARRAY_LEN(bad); j++) {
			body = xasprintf("'%s':%s", f, bad[j].json);
			msg = xasprintf("$.%s: expected an integer > 0, got %s", f, bad[j].got);
			EXPECT_BODY(body, VS_ERROR, msg);
			free(body);
			free(msg);
		}
		body = xasprintf("'%s':131072.0", f);
		msg = xasprintf("$.%s: integer written as a real (131072.0); write 131072", f);
		EXPECT_BODY(body, VS_WARNING, msg);
		free(body);
		free(msg);
		body = xasprintf("'%s':1.31e5", f);
		msg = xasprintf("$.%s: integer written as a real (131000.0); write 131000", f);
		EXPECT_BODY(body, VS_WARNING, msg);
		free(body);
		free(msg);

		/* 2^53 - 1 is the largest count (data.md): exactly it passes, one more does not,
		** whether written as an integer or as an integral real. */
		static const struct {
			const char *json, *got;
		} too_big[] = {
			{"9007199254740992", "9007199254740992"},
			{"9007199254740993", "9007199254740993"},
			{"9223372036854775807", "9223372036854775807"},
			{"9007199254740992.0", "9007199254740992.0"},
			{"1e19", "1e+19"},
			{"1e300", "1e+300"},
		};
		for (size_t j = 0; j < VS_ARRAY_LEN(too_big); j++) {
			body = xasprintf("'%s':%s", f, too_big[j].json);
			msg = xasprintf("$.%s: expected an integer <= 9007199254740991 (2^53 - 1), got %s",
			                f, too_big[j].got);
			EXPECT_BODY(body, VS_ERROR, msg);
			free(body);
			free(msg);
		}
		body = xasprintf("'%s':9007199254740991", f);
		EXPECT_BODY_CLEAN(body);
		free(body);
		body = xasprintf("'%s':9007199254740991.0", f);
		msg = xasprintf("$.%s: integer written as a real (9007199254740991.0); "
		                "write 9007199254740991", f);
		EXPECT_BODY(body, VS_WARNING, msg);
		free(body);
		free(msg);
	}
}

static void enums(void)
{
	EXPECT_BODY_CLEAN("'openness':'open-weights','commercial_use':'prohibited'");
	EXPECT_BODY("'openness':'Open-Source'", VS_ERROR,
	            "$.openness: expected one of \"open-source\", \"open-weights\" or "
	            "\"proprietary\", got string \"Open-Source\"");
	EXPECT_BODY("'commercial_use':'allowed'", VS_ERROR,
	            "$.commercial_use: expected one of \"permitted\", \"conditional\" or "
	            "\"prohibited\", got string \"allowed\"");
	EXPECT_BODY("'commercial_use':true", VS_ERROR,
	            "$.commercial_use: expected one of \"permitted\", \"conditional\" or "
	            "\"prohibited\", got true");
}

static void tags_and_license(void)
{
	EXPECT_BODY_CLEAN("'decision_tags':[]");
	EXPECT_BODY("'decision_tags':['RAG','RAG']", VS_ERROR,
	            "$.decision_tags[1]: \"RAG\" repeats decision_tags[0]; tags must be unique");
	EXPECT_BODY_CLEAN("'decision_tags':['RAG','rag']");
	EXPECT_BODY("'decision_tags':['RAG',5]", VS_ERROR,
	            "$.decision_tags[1]: expected a string, got 5");
	EXPECT_BODY("'decision_tags':'RAG'", VS_ERROR,
	            "$.decision_tags: expected an array of strings, got string \"RAG\"");

	EXPECT_BODY("'license':'Apache 2.0'", VS_ERROR,
	            "$.license: expected an object, got string \"Apache 2.0\"");
	EXPECT_BODY("'license':{}", VS_ERROR, "$.license.name: required field is missing");
	EXPECT_BODY("'license':{'name':null}", VS_ERROR, "$.license.name: expected a string, got null");
	EXPECT_BODY("'license':{'name':'MIT','osi_approved':'yes'}", VS_ERROR,
	            "$.license.osi_approved: expected true or false, got string \"yes\"");
	EXPECT_BODY("'license':{'name':'MIT','spdx':1}", VS_ERROR,
	            "$.license.spdx: expected a string, got 1");
	EXPECT_BODY("'license':{'name':'MIT','sdpx':'MIT'}", VS_WARNING,
	            "$.license.sdpx: unknown field, ignored; did you mean 'spdx'?");
}

static void capabilities(void)
{
	EXPECT_BODY("'capabilities':{'vision':'yes'}", VS_ERROR,
	            "$.capabilities.vision: expected true, false or null, got string \"yes\"");
	EXPECT_BODY("'capabilities':{'vision':1}", VS_ERROR,
	            "$.capabilities.vision: expected true, false or null, got 1");
	EXPECT_BODY("'capabilities':['vision']", VS_ERROR,
	            "$.capabilities: expected an object, got an array");
	EXPECT_BODY("'capabilities':{'visoin':true}", VS_WARNING,
	            "$.capabilities.visoin: unknown capability id (no loaded check knows it); "
	            "did you mean 'vision'?");
	EXPECT_BODY("'capabilities':{'Vision':true}", VS_WARNING,
	            "$.capabilities.Vision: unknown capability id (no loaded check knows it); "
	            "did you mean 'vision'?");
	EXPECT_BODY("'capabilities':{'tool-use':false}", VS_WARNING,
	            "$.capabilities[\"tool-use\"]: unknown capability id (no loaded check knows it); "
	            "did you mean 'tool_use'?");
	EXPECT_BODY("'capabilities':{'telepathy':true}", VS_WARNING,
	            "$.capabilities.telepathy: unknown capability id (no loaded check knows it)");

	/* Without a list of known ids there is nothing to compare against: no warning. */
	vs_diags d = {0};
	char *text = rec("'capabilities':{'telepathy':true}");
	validate_as(text, "foo", NULL, &d);
	INT_EQ(d.n, 0, "known_caps NULL: unknown ids are not reported");
	diags_free(&d);
	free(text);
}

/* }====== */

/* {====== Routes, prices, benchmarks, sources */

static void routes(void)
{
	EXPECT_BODY("'routes':{}", VS_ERROR, "$.routes: expected an array of route objects, got an object");
	EXPECT_BODY("'routes':['OpenAI']", VS_ERROR,
	            "$.routes[0]: expected an object, got string \"OpenAI\"");
	EXPECT_BODY("'routes':[{}]", VS_ERROR, "$.routes[0].provider: required field is missing");
	EXPECT_BODY("'routes':[{'provider':''}]", VS_ERROR,
	            "$.routes[0].provider: expected a non-empty string, got string \"\"");
	EXPECT_BODY("'routes':[{'provider':' '}]", VS_ERROR,
	            "$.routes[0].provider: expected a non-empty string, got string \" \"");
	EXPECT_BODY("'routes':[{'provider':'A','source':'javascript:alert(1)'}]", VS_ERROR,
	            "$.routes[0].source: expected an http:// or https:// URL (no spaces, quotes or "
	            "control characters), got string \"javascript:alert(1)\"");
	EXPECT_BODY("'routes':[{'provider':'A','pricng':{}}]", VS_WARNING,
	            "$.routes[0].pricng: unknown field, ignored; did you mean 'pricing'?");
	EXPECT_BODY("'routes':[{'provider':'A','price':{}}]", VS_WARNING,
	            "$.routes[0].price: unknown field, ignored");

	/* first_party: a boolean, the creator's own API (data.md). */
	EXPECT_BODY_CLEAN("'routes':[{'provider':'OpenAI API','first_party':true},"
	                  "{'provider':'Azure OpenAI','first_party':false},{'provider':'OpenRouter'}]");
	EXPECT_BODY("'routes':[{'provider':'A','first_party':'yes'}]", VS_ERROR,
	            "$.routes[0].first_party: expected true or false, got string \"yes\"");
	EXPECT_BODY("'routes':[{'provider':'A','first_party':1}]", VS_ERROR,
	            "$.routes[0].first_party: expected true or false, got 1");
	EXPECT_BODY("'routes':[{'provider':'A'},{'provider':'B','first_party':'true'}]", VS_ERROR,
	            "$.routes[1].first_party: expected true or false, got string \"true\"");
	EXPECT_BODY("'routes':[{'provider':'A','first_party':[true]}]", VS_ERROR,
	            "$.routes[0].first_party: expected true or false, got an array");
	EXPECT_BODY("'routes':[{'provider':'A','firstparty':true}]", VS_WARNING,
	            "$.routes[0].firstparty: unknown field, ignored; did you mean 'first_party'?");
	/* Two first-party routes are allowed (two regions of one API); the first one prices. */
	EXPECT_BODY_CLEAN("'routes':[{'provider':'A','first_party':true,'region':'us'},"
	                  "{'provider':'A','first_party':true,'region':'eu'}]");

	/* Same provider (ignoring case and spacing) and same region: a warning. */
	EXPECT_BODY("'routes':[{'provider':'OpenAI API'},{'provider':'openai api'}]", VS_WARNING,
	            "$.routes[1].provider: \"openai api\" repeats the provider \"OpenAI API\" of "
	            "routes[0] in the same region; one route per provider and region");
	EXPECT_HAS("{'id':'foo','name':'F','routes':[{'provider':'OpenAI  API','region':null},"
	           "{'provider':' openai api '}]}", "foo", VS_WARNING, "repeats the provider");
	EXPECT_HAS("{'id':'foo','name':'F','routes':[{'provider':'A','region':'EU'},"
	           "{'provider':'a','region':'eu'}]}", "foo", VS_WARNING, "repeats the provider");
	EXPECT_BODY_CLEAN("'routes':[{'provider':'A','region':'us'},{'provider':'A','region':'eu'}]");
	EXPECT_BODY_CLEAN("'routes':[{'provider':'A','region':'us'},{'provider':'A'}]");
	EXPECT_BODY_CLEAN("'routes':[{'provider':'OpenAI'},{'provider':'OpenAI API'}]");
}

static void prices(void)
{
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'input_per_mtok':'0.2'}}]", VS_ERROR,
	            "$.routes[0].pricing.input_per_mtok: expected a number >= 0, got string \"0.2\"");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'input_per_mtok':-0.5}}]", VS_ERROR,
	            "$.routes[0].pricing.input_per_mtok: expected a number >= 0, got -0.5");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'output_per_mtok':-1}}]", VS_ERROR,
	            "$.routes[0].pricing.output_per_mtok: expected a number >= 0, got -1");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'cached_input_per_mtok':true}}]", VS_ERROR,
	            "$.routes[0].pricing.cached_input_per_mtok: expected a number >= 0, got true");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'batch_discount':1.0}}]", VS_ERROR,
	            "$.routes[0].pricing.batch_discount: expected a number in [0, 1), got 1.0");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'batch_discount':1}}]", VS_ERROR,
	            "$.routes[0].pricing.batch_discount: expected a number in [0, 1), got 1");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'batch_discount':-0.1}}]", VS_ERROR,
	            "$.routes[0].pricing.batch_discount: expected a number in [0, 1), got -0.1");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'batch_discount':'50%'}}]", VS_ERROR,
	            "$.routes[0].pricing.batch_discount: expected a number in [0, 1), "
	            "got string \"50%\"");
	EXPECT_BODY_CLEAN("'routes':[{'provider':'A','pricing':{'batch_discount':0,"
	                  "'input_per_mtok':0,'output_per_mtok':-0.0}}]");
	EXPECT_BODY_CLEAN("'routes':[{'provider':'A','pricing':{'input_per_mtok':1e308,"
	                  "'output_per_mtok':1e308,'batch_discount':0.999}}]");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':'free'}]", VS_ERROR,
	            "$.routes[0].pricing: expected an object, got string \"free\"");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'input':1}}]", VS_WARNING,
	            "$.routes[0].pricing.input: unknown field, ignored; "
	            "did you mean 'input_per_mtok'?");

	/* Tiers. */
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'tiers':[{'above_input_tokens':-1}]}}]",
	            VS_ERROR, "$.routes[0].pricing.tiers[0].above_input_tokens: expected an "
	            "integer >= 0, got -1");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'tiers':[{'input_per_mtok':1}]}}]",
	            VS_ERROR, "$.routes[0].pricing.tiers[0].above_input_tokens: required field is "
	            "missing");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'tiers':[{'above_input_tokens':0,"
	            "'output_per_mtok':-2}]}}]", VS_ERROR,
	            "$.routes[0].pricing.tiers[0].output_per_mtok: expected a number >= 0, "
	            "got -2");
	/* Unsorted tiers and repeated thresholds have a meaning in report.md: valid. */
	EXPECT_BODY_CLEAN("'routes':[{'provider':'A','pricing':{'tiers':[{'above_input_tokens':200000},"
	                  "{'above_input_tokens':100000},{'above_input_tokens':100000}]}}]");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'tiers':[{'above_input_tokens':0.0}]}}]",
	            VS_WARNING, "$.routes[0].pricing.tiers[0].above_input_tokens: integer written "
	            "as a real (0.0); write 0");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'tiers':[{'above_input_tokens':'1k'}]}}]",
	            VS_ERROR, "$.routes[0].pricing.tiers[0].above_input_tokens: expected an "
	            "integer >= 0, got string \"1k\"");
	EXPECT_BODY_CLEAN("'routes':[{'provider':'A','pricing':{'tiers':[{'above_input_tokens':"
	                  "9007199254740991}]}}]");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'tiers':[{'above_input_tokens':"
	            "9007199254740992}]}}]", VS_ERROR,
	            "$.routes[0].pricing.tiers[0].above_input_tokens: expected an integer <= "
	            "9007199254740991 (2^53 - 1), got 9007199254740992");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'tiers':[{'above_input_tokens':"
	            "1e16}]}}]", VS_ERROR,
	            "$.routes[0].pricing.tiers[0].above_input_tokens: expected an integer <= "
	            "9007199254740991 (2^53 - 1), got 1e+16");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'tiers':{}}}]", VS_ERROR,
	            "$.routes[0].pricing.tiers: expected an array of tier objects, got an object");
	EXPECT_BODY("'routes':[{'provider':'A','pricing':{'tiers':[{'above_input_tokens':1,"
	            "'cached_input_per_mtok':1}]}}]", VS_WARNING,
	            "$.routes[0].pricing.tiers[0].cached_input_per_mtok: unknown field, ignored");
}

static void benchmarks(void)
{
	EXPECT_BODY("'benchmarks':[{'score':1}]", VS_ERROR,
	            "$.benchmarks[0].name: required field is missing");
	EXPECT_BODY("'benchmarks':[{'name':'HumanEval'}]", VS_ERROR,
	            "$.benchmarks[0].score: required field is missing");
	EXPECT_BODY("'benchmarks':[{'name':'HumanEval','score':'79.9'}]", VS_ERROR,
	            "$.benchmarks[0].score: expected a number, got string \"79.9\"");
	EXPECT_BODY("'benchmarks':[{'name':'HumanEval','score':null}]", VS_ERROR,
	            "$.benchmarks[0].score: expected a number, got null");
	EXPECT_BODY("'benchmarks':[{'name':'H','score':1,'source':'file:///etc/passwd'}]", VS_ERROR,
	            "$.benchmarks[0].source: expected an http:// or https:// URL (no spaces, quotes "
	            "or control characters), got string \"file:///etc/passwd\"");
	EXPECT_BODY("'benchmarks':{}", VS_ERROR,
	            "$.benchmarks: expected an array of benchmark objects, got an object");
	EXPECT_BODY("'benchmarks':[{'name':'H','score':1,'shots':5}]", VS_WARNING,
	            "$.benchmarks[0].shots: unknown field, ignored");

	/* higher_is_better: a boolean, absent means true (data.md). */
	EXPECT_BODY_CLEAN("'benchmarks':[{'name':'Error rate','score':2.5,'unit':'%',"
	                  "'higher_is_better':false},{'name':'MMLU','score':80,"
	                  "'higher_is_better':true}]");
	EXPECT_BODY("'benchmarks':[{'name':'E','score':1,'higher_is_better':'false'}]", VS_ERROR,
	            "$.benchmarks[0].higher_is_better: expected true or false, got string \"false\"");
	EXPECT_BODY("'benchmarks':[{'name':'E','score':1,'higher_is_better':0}]", VS_ERROR,
	            "$.benchmarks[0].higher_is_better: expected true or false, got 0");
	EXPECT_BODY("'benchmarks':[{'name':'E','score':1},{'name':'L','score':2,"
	            "'higher_is_better':'lower'}]", VS_ERROR,
	            "$.benchmarks[1].higher_is_better: expected true or false, got string \"lower\"");
	EXPECT_BODY("'benchmarks':[{'name':'E','score':1,'lower_is_better':true}]", VS_WARNING,
	            "$.benchmarks[0].lower_is_better: unknown field, ignored; "
	            "did you mean 'higher_is_better'?");
}

static void sources(void)
{
	static const struct {
		const char *json, *got;
	} bad[] = {
		{"'javascript:alert(1)'", "string \"javascript:alert(1)\""},
		{"'https://x/\\'><script>'", "string \"https://x/\\\"><script>\""},
		{"'ftp://x'", "string \"ftp://x\""},
		{"'not a url'", "string \"not a url\""},
		{"'file:///etc/passwd'", "string \"file:///etc/passwd\""},
		{"'https://'", "string \"https://\""},
		{"'https:///path'", "string \"https:///path\""},
		{"'http://a b'", "string \"http://a b\""},
		{"'https://x/\\ny'", "string \"https://x/\\ny\""},
		{"'https://x/<b>'", "string \"https://x/<b>\""},
		{"'https://x/`y'", "string \"https://x/`y\""},
		{"'https://x/\\\\y'", "string \"https://x/\\\\y\""},
		{"'https://x/\\u202e'", "string \"https://x/\\u202E\""},
		{"' https://x'", "string \" https://x\""},
		{"5", "5"},
	};
	for (size_t i = 0; i < VS_ARRAY_LEN(bad); i++) {
		char *body = xasprintf("'sources':['https://ok.example',%s]", bad[i].json);
		char *msg = xasprintf("$.sources[1]: expected an http:// or https:// URL (no spaces, "
		                      "quotes or control characters), got %s", bad[i].got);
		EXPECT_BODY(body, VS_ERROR, msg);
		free(body);
		free(msg);
	}
	EXPECT_BODY("'sources':'https://x'", VS_ERROR,
	            "$.sources: expected an array of URLs, got string \"https://x\"");
	EXPECT_BODY_CLEAN("'sources':['http://x','https://x.y/a?b=c&d=%20#e','HTTPS://X']");
}

/* }====== */

/* {====== Unknown fields and message formatting */

static void unknown_fields(void)
{
	EXPECT_BODY("'contxt_window':131000", VS_WARNING,
	            "$.contxt_window: unknown field, ignored; did you mean 'context_window'?");
	EXPECT_BODY("'Name2':1", VS_WARNING, "$.Name2: unknown field, ignored; did you mean 'name'?");
	EXPECT_BODY("'famliy':'GPT-4o'", VS_WARNING,
	            "$.famliy: unknown field, ignored; did you mean 'family'?");
	EXPECT_BODY_CLEAN("'family':'GPT-4o'");
	EXPECT_BODY_CLEAN("'family':'Claude Sonnet','creator':'Anthropic'");
	EXPECT_BODY("'family':['GPT-4o']", VS_ERROR, "$.family: expected a string, got an array");
	EXPECT_BODY("'family':true", VS_ERROR, "$.family: expected a string, got true");
	EXPECT_BODY("'x_internal_notes':'hi'", VS_WARNING, "$.x_internal_notes: unknown field, ignored");
	EXPECT_BODY("'a b':1", VS_WARNING, "$[\"a b\"]: unknown field, ignored");
	EXPECT_BODY("'a\\u001bb':1", VS_WARNING, "$[\"a\\u001Bb\"]: unknown field, ignored");
	EXPECT_BODY("'':1", VS_WARNING, "$[\"\"]: unknown field, ignored");
}

/* Hardening case 60: 100,000 keys load in linear time, and their diagnostics are capped so
** they do not bury every other file's; an error beyond the cap still makes the record invalid. */
static void many_keys(void)
{
	for (int with_error = 0; with_error <= 1; with_error++) {
		vs_buf b = {0};
		buf_add(&b, "{'id':'foo','name':'Foo'");
		for (int i = 0; i < 100000; i++)
			buf_printf(&b, ",'x%06d':%d", i, i);
		if (with_error)
			buf_add(&b, ",'context_window':'big'");
		buf_add(&b, "}");
		vs_diags d = {0};
		OK(validate_as(b.s, "foo", caps, &d), "100,000 keys parse");
		OK(d.n == 51, "50 diagnostics and one that counts the rest (got %zu)", d.n);
		if (d.n == 51) {
			STR_EQ(d.v[49].message, "$.x000049: unknown field, ignored", "the 50th is shown");
			STR_EQ(d.v[50].message,
			       with_error ? "$: 99951 more problems (1 error) not shown; fix the ones above "
			                    "and check again"
			                  : "$: 99950 more problems (0 errors) not shown; fix the ones above "
			                    "and check again",
			       "the rest counted, errors among them");
			OK(d.v[50].severity == (with_error ? VS_ERROR : VS_WARNING),
			   "the count is an error when a held-back diagnostic is one");
		}
		diags_free(&d);
		buf_free(&b);
	}
}

static void got_formats(void)
{
	/* Strings are quoted and escaped: a message is one safe line. */
	EXPECT_BODY("'creator':1.5", VS_ERROR, "$.creator: expected a string, got 1.5");
	EXPECT_BODY("'creator':-3", VS_ERROR, "$.creator: expected a string, got -3");
	EXPECT_BODY("'creator':false", VS_ERROR, "$.creator: expected a string, got false");
	EXPECT_BODY("'creator':0.1", VS_ERROR, "$.creator: expected a string, got 0.1");
	EXPECT_BODY("'creator':1e-5", VS_ERROR, "$.creator: expected a string, got 1e-05");
	EXPECT_BODY("'openness':'a\\\\b\\'c\\n\\u0001\\u202e'", VS_ERROR,
	            "$.openness: expected one of \"open-source\", \"open-weights\" or "
	            "\"proprietary\", got string \"a\\\\b\\\"c\\n\\u0001\\u202E\"");

	/* Long strings are cut after 80 characters. */
	vs_buf b = {0}, want = {0};
	buf_add(&b, "'openness':'");
	buf_add(&want, "$.openness: expected one of \"open-source\", \"open-weights\" or "
	        "\"proprietary\", got string \"");
	for (int i = 0; i < 200; i++) {
		buf_addc(&b, 'x');
		if (i < 80)
			buf_addc(&want, 'x');
	}
	buf_add(&b, "'");
	buf_add(&want, "\xE2\x80\xA6\"");
	EXPECT_BODY(b.s, VS_ERROR, want.s);
	buf_free(&b);
	buf_free(&want);
}

/* }====== */

/* {====== record_parse over real files */

static char tmpdir[] = "/tmp/versus-test-record-XXXXXX";

static char *write_tmp(const char *name, const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
		exit(2);
	}
	return path;
}

/* Parse data as a file; expect failure with exactly one error at where (suffix after the
** display path, "" for the bare path) with message msg. */
static void parse_fails_at(const char *file, int line, const char *data, size_t len,
                           const char *where_suffix, const char *msg)
{
	char *path = write_tmp("x.json", data, len);
	vs_diags d = {0};
	json_t *root = record_parse(path, "models/x.json", &d);
	char *where = xasprintf("models/x.json%s", where_suffix);
	test_check(file, line, root == NULL, "parse of %s should fail", msg);
	if (test_check(file, line, d.n == 1, "one diagnostic for %s, got %zu", msg, d.n)) {
		test_check(file, line, d.v[0].severity == VS_ERROR, "an error: %s", msg);
		test_str(file, line, d.v[0].where, where, false, "where");
		test_str(file, line, d.v[0].message, msg, false, "message");
	} else {
		print_diags(NULL, &d);
	}
	json_decref(root);
	diags_free(&d);
	free(where);
	unlink(path);
	free(path);
}

#define PARSE_FAILS(data, where, msg) \
	parse_fails_at(__FILE__, __LINE__, (data), sizeof(data) - 1, (where), (msg))

static void parsing(void)
{
	if (!mkdtemp(tmpdir)) {
		fprintf(stderr, "mkdtemp: %s\n", strerror(errno));
		exit(2);
	}

	/* A good file parses, with nothing reported, and validates against its file name. */
	static const char good[] = "{\n  \"id\": \"x\",\n  \"name\": \"\xCE\xA9mega\"\n}\n";
	char *path = write_tmp("x.json", good, sizeof good - 1);
	vs_diags d = {0};
	json_t *root = record_parse(path, "models/x.json", &d);
	OK(root != NULL && d.n == 0, "a good record parses");
	record_validate(root, "models/x.json", "x", caps, VS_ARRAY_LEN(caps), &d);
	INT_EQ(d.n, 0, "and validates");
	json_decref(root);
	diags_free(&d);
	/* display_path NULL falls back to the path. */
	static const char arr[] = "[]";
	FILE *f = fopen(path, "wb");
	fwrite(arr, 1, 2, f);
	fclose(f);
	root = record_parse(path, NULL, &d);
	OK(root == NULL && d.n == 1, "[] refused");
	if (d.n == 1)
		STR_EQ(d.v[0].where, path, "where is the path when display_path is NULL");
	diags_free(&d);
	unlink(path);
	free(path);

	PARSE_FAILS("\xEF\xBB\xBF{\"id\":\"x\",\"name\":\"X\"}", ":1:1",
	            "parse error: the file starts with a UTF-8 byte-order mark; save the file "
	            "without a BOM");
	PARSE_FAILS("{\"id\":\"x\",\n\"name\":\"a\0b\"}", ":2:10",
	            "parse error: NUL byte; a record must be UTF-8 text (is the file UTF-16?)");
	PARSE_FAILS("{\0\"\0}\0", ":1:2",
	            "parse error: NUL byte; a record must be UTF-8 text (is the file UTF-16?)");
	PARSE_FAILS("{\"name\":\"a\\u0000b\"}", ":1:18",
	            "parse error: \\u0000 (a NUL character) is not allowed in a string");
	PARSE_FAILS("{\n  \"id\": \"a\",\n}\n", ":3:1",
	            "parse error: string or '}' expected near '}'");
	PARSE_FAILS("{\"id\":\"a\",\"id\":\"b\"}", ":1:14",
	            "parse error: duplicate object key near '\"id\"'");
	PARSE_FAILS("{\"routes\":[{\"provider\":\"a\",\"provider\":\"b\"}]}", ":1:37",
	            "parse error: duplicate object key near '\"provider\"'");
	PARSE_FAILS("", ":1:1", "parse error: '[' or '{' expected near end of file");
	PARSE_FAILS("  \n", ":2:1", "parse error: '[' or '{' expected near end of file");
	PARSE_FAILS("[]", "", "$: expected an object, got an array");
	PARSE_FAILS("[{\"id\":\"x\"}]", "", "$: expected an object, got an array");
	PARSE_FAILS("\"x\"", ":1:3", "parse error: '[' or '{' expected near '\"x\"'");
	PARSE_FAILS("{\"id\":\"a\"} x", ":1:12", "parse error: end of file expected near 'x'");
	PARSE_FAILS("{}{}", ":1:3", "parse error: end of file expected near '{'");
	PARSE_FAILS("{\"id\":\"a\",\"name\":", ":1:17", "parse error: unexpected token near end of file");
	PARSE_FAILS("{\"context_window\":1e400}", ":1:23",
	            "parse error: real number overflow near '1e400'");
	PARSE_FAILS("{\"context_window\":99999999999999999999}", ":1:38",
	            "parse error: too big integer near '99999999999999999999'");
	PARSE_FAILS("{\"a\":NaN}", ":1:8", "parse error: invalid token near 'NaN'");
	PARSE_FAILS("{\"a\":0123}", ":1:6", "parse error: invalid token near '0'");
	/* Too small for a double: jansson says nothing and reads 0, a free model. */
	PARSE_FAILS("{\"routes\":[{\"provider\":\"A\",\n\"pricing\":{\"input_per_mtok\":1e-400}}]}",
	            ":2:29", "parse error: number 1e-400 is too small for a double and would read as 0");
	PARSE_FAILS("{\"x\":\"1e-400\",\"y\":-2.5E-999}", ":1:19",
	            "parse error: number -2.5E-999 is too small for a double and would read as 0");
	/* Columns count characters, not bytes. */
	PARSE_FAILS("{\"name\":\"\xCE\xA9mega\",\"context_window\":-1,}", ":1:37",
	            "parse error: string or '}' expected near '}'");
	/* Bad bytes never reach the terminal raw. */
	PARSE_FAILS("{\x01}", ":1:2", "parse error: string or '}' expected near '\\x01'");
	PARSE_FAILS("{\"a\":\"x\xff\"}", ":1:7", "parse error: unable to decode byte 0xff near '\"x'");
	PARSE_FAILS("{\"a\":\"\xed\xa0\x80\"}", ":1:6",
	            "parse error: unable to decode byte 0xed near '\"'");
	PARSE_FAILS("{\"a\":\"\\ud800\"}", ":1:13", "parse error: invalid Unicode '\\uD800' near '\"\\ud800\"'");

	/* These parse: the validator judges them. */
	static const char zero[] = "{\"a\":0.0e-400,\"b\":-0,\"c\":-0.0,\"d\":1e-300,\"e\":\"1e-400\"}";
	path = write_tmp("z.json", zero, sizeof zero - 1);
	root = record_parse(path, "models/z.json", &d);
	OK(root != NULL && d.n == 0, "zeros written as zeros and small numbers parse");
	json_decref(root);
	diags_free(&d);
	unlink(path);
	free(path);

	/* 2048 levels of nesting is jansson's limit; deeper is an error, not a crash. */
	vs_buf deep = {0};
	buf_add(&deep, "{\"benchmarks\":");
	for (int i = 0; i < 3000; i++)
		buf_addc(&deep, '[');
	for (int i = 0; i < 3000; i++)
		buf_addc(&deep, ']');
	buf_addc(&deep, '}');
	path = write_tmp("deep.json", deep.s, deep.len);
	root = record_parse(path, "models/deep.json", &d);
	OK(root == NULL && d.n == 1, "3000-deep nesting refused");
	if (d.n == 1)
		STR_CONTAINS(d.v[0].message, "maximum parsing depth reached", "depth message");
	diags_free(&d);
	unlink(path);
	free(path);
	buf_free(&deep);

	/* Too large: refused before parsing. */
	size_t big = VS_RECORD_MAX_BYTES + 1;
	char *data = xmalloc(big);
	memset(data, ' ', big);
	data[0] = '{';
	data[big - 1] = '}';
	path = write_tmp("big.json", data, big);
	free(data);
	root = record_parse(path, "models/big.json", &d);
	OK(root == NULL && d.n == 1, "a 4 MiB + 1 file is refused");
	if (d.n == 1) {
		STR_EQ(d.v[0].where, "models/big.json", "where");
		STR_EQ(d.v[0].message, "record too large (over 4 MiB)", "too large");
	}
	diags_free(&d);
	unlink(path);
	free(path);

	/* Not regular files: a directory, a FIFO (must not block), a device. */
	path = xasprintf("%s/d.json", tmpdir);
	mkdir(path, 0700);
	root = record_parse(path, "models/d.json", &d);
	OK(root == NULL && d.n == 1, "a directory is refused");
	if (d.n == 1)
		STR_EQ(d.v[0].message, "not a regular file (a directory)", "directory");
	diags_free(&d);
	rmdir(path);
	free(path);

	path = xasprintf("%s/f.json", tmpdir);
	if (mkfifo(path, 0600) == 0) {
		root = record_parse(path, "models/f.json", &d);
		OK(root == NULL && d.n == 1, "a FIFO is refused");
		if (d.n == 1)
			STR_EQ(d.v[0].message, "not a regular file (a FIFO, socket or device); "
			       "a record must be a regular file", "FIFO");
		diags_free(&d);
		unlink(path);
	}
	free(path);

	path = xasprintf("%s/z.json", tmpdir);
	if (symlink("/dev/zero", path) == 0) {
		root = record_parse(path, "models/z.json", &d);
		OK(root == NULL && d.n == 1, "a symlink to /dev/zero is refused");
		if (d.n == 1)
			STR_CONTAINS(d.v[0].message, "not a regular file", "device");
		diags_free(&d);
		unlink(path);
	}
	free(path);

	path = xasprintf("%s/missing.json", tmpdir);
	root = record_parse(path, "models/missing.json", &d);
	OK(root == NULL && d.n == 1, "a missing file is reported");
	if (d.n == 1)
		STR_EQ(d.v[0].message, "cannot read: No such file or directory", "missing");
	diags_free(&d);
	free(path);

	rmdir(tmpdir);
}

/* {====== record_parse_buffer: a record already in memory */

/* hardening.md case 63: the bytes end exactly at the buffer's end, with no NUL after them
** (the ASan build would see a read past it); the same answers as from a file. */
static void parse_buffer(void)
{
	static const char good[] = "{\"id\":\"x\",\"name\":\"X\"}";
	char *exact = xmalloc(sizeof good - 1);
	memcpy(exact, good, sizeof good - 1);
	vs_diags d = {0};
	json_t *root = record_parse_buffer(exact, sizeof good - 1, "mem.json", &d);
	OK(root != NULL && d.n == 0, "a record from an exact-size buffer parses");
	json_decref(root);
	/* Cut inside the last string: an error at the string that never ends. */
	root = record_parse_buffer(exact, sizeof good - 3, "mem.json", &d);
	OK(root == NULL && d.n == 1, "a cut record is refused");
	if (d.n == 1)
		STR_EQ(d.v[0].where, "mem.json:1:19", "placed at the unterminated string");
	diags_free(&d);
	root = record_parse_buffer(exact, 0, "mem.json", &d);
	OK(root == NULL && d.n == 1, "no bytes: refused");
	diags_free(&d);
	free(exact);
	root = record_parse_buffer("{}", VS_RECORD_MAX_BYTES + 1, "mem.json", &d);
	OK(root == NULL && d.n == 1, "over the size cap: refused before reading a byte");
	if (d.n == 1)
		STR_EQ(d.v[0].message, "record too large (over 4 MiB)", "the size message");
	diags_free(&d);
}

/* }====== */

/* {====== The fast path reads what jansson reads */

#define SAME(text) OK(same_as_jansson((text), sizeof(text) - 1), "as jansson reads %s", (text))

static void fast_path(void)
{
	SAME("{}");
	SAME(" \t\r\n{ \"a\" : [ ] , \"b\" : { } } \n");
	SAME("{\"a\":1,\"b\":-0,\"c\":0.0,\"d\":-0.0,\"e\":1e5,\"f\":1E+5,\"g\":2.5e-3,\"h\":10}");
	SAME("{\"big\":123456789012345678,\"bigger\":1234567890123456789}");
	SAME("{\"huge\":99999999999999999999}");
	SAME("{\"r\":1e400}");
	SAME("{\"r\":1e-400}");
	SAME("{\"r\":0.000000000000000000000000000000000000000000000000000000000000000000001}");
	SAME("{\"r\":4.9e-324,\"s\":2.2250738585072014e-308,\"t\":1.7976931348623157e308}");
	SAME("{\"r\":0e-400,\"s\":0.0e0,\"t\":-0e+1}");
	SAME("{\"n\":01}");
	SAME("{\"n\":1.}");
	SAME("{\"n\":.5}");
	SAME("{\"n\":-}");
	SAME("{\"n\":+1}");
	SAME("{\"n\":1e}");
	SAME("{\"n\":1x}");
	SAME("{\"t\":true,\"f\":false,\"z\":null}");
	SAME("{\"t\":tru}");
	SAME("{\"t\":truex}");
	SAME("{\"t\":nul}");
	SAME("{\"s\":\"a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti\"}");
	SAME("{\"s\":\"\\u00e9\\u0000\"}");
	SAME("{\"s\":\"\\ud83d\\ude00\",\"t\":\"\\ud83d\"}");
	SAME("{\"s\":\"\\x\"}");
	SAME("{\"s\":\"tab\there\"}");
	SAME("{\"s\":\"\xC3\xA9\xE2\x80\xA6\xF0\x9F\x98\x80\xEF\xBF\xBF\xF4\x8F\xBF\xBF\"}");
	SAME("{\"s\":\"\xC0\xAF\"}");
	SAME("{\"s\":\"\xE0\x80\xAF\"}");
	SAME("{\"s\":\"\xED\xA0\x80\"}");
	SAME("{\"s\":\"\xF4\x90\x80\x80\"}");
	SAME("{\"s\":\"\xF5\x80\x80\x80\"}");
	SAME("{\"s\":\"\xE2\x80\"}");
	SAME("{\"s\":\"\x80\"}");
	SAME("{\"s\":\"\x7F\"}");
	SAME("{\"\xC3\xA9\":1}");
	SAME("{\"a\":1,\"a\":2}");
	SAME("{\"a\\/\":1,\"a/\":2}");
	SAME("{\"a\\u0000\":1}");
	SAME("{\"\":1}");
	SAME("{\"a\":1,}");
	SAME("{\"a\":[1,]}");
	SAME("{\"a\":[1 2]}");
	SAME("{\"a\" 1}");
	SAME("{\"a\":1}}");
	SAME("{\"a\":1} x");
	SAME("{\"a\":1");
	SAME("{\"a\":\"");
	SAME("{a:1}");
	SAME("[]");
	SAME("\"x\"");
	SAME("");
	SAME("{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	     "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}");

	/* Then a real record, changed at random (a fixed seed: the same cases every run). */
	static const char record[] =
		"{\n  \"id\": \"x-1\",\n  \"name\": \"X \\\"one\\\" \xE2\x80\x94 \xC3\xA9t\xC3\xA9\",\n"
		"  \"context_window\": 200000,\n  \"capabilities\": {\"vision\": true, \"tool_use\": null,"
		" \"reasoning\": false},\n  \"routes\": [{\"provider\": \"P\", \"pricing\": "
		"{\"input_per_mtok\": 0.8, \"output_per_mtok\": 4, \"discount\": 1e-2}}],\n"
		"  \"tags\": [\"a/b\", \"\", \"\\\\\"]\n}\n";
	static const char bytes[] = "{}[]\",:\\/ 0123456789.eE+-tfnulrsa\x01\x1F\x7F\x80\xBF\xC0"
	                            "\xC2\xC3\xE0\xE2\xED\xF0\xF4\xF5\xFF";
	uint32_t seed = 12345;
	char buf[sizeof record + 8];
	int differ = 0;
	for (int i = 0; i < 20000; i++) {
		size_t len = sizeof record - 1;
		memcpy(buf, record, len);
		for (int k = 0, n = 1 + i % 3; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			char c = bytes[(seed >> 8) % (sizeof bytes - 1)];
			if (k == 2 && len + 1 < sizeof buf) { /* an insertion */
				memmove(buf + at + 1, buf + at, len - at);
				len++;
			}
			buf[at] = c;
		}
		if (!same_as_jansson(buf, len) && differ++ < 5)
			OK(false, "as jansson reads %.*s", (int)len, buf);
	}
	INT_EQ(differ, 0, "changed records read as jansson reads them");
}

/* Every shipped record takes the fast path (record_fast.h): record_fast_parse itself gives
** its object, the one jansson reads, so loading the catalog never falls back to jansson. */
static void shipped_records_fast(void)
{
	char *dir_path = xasprintf("%s/data/models", VERSUS_SOURCE_ROOT);
	DIR *dir = opendir(dir_path);
	if (!OK(dir != NULL, "open %s", dir_path)) {
		free(dir_path);
		return;
	}
	size_t n = 0, slow = 0;
	for (struct dirent *e; (e = readdir(dir));) {
		size_t l = strlen(e->d_name);
		if (l < 6 || strcmp(e->d_name + l - 5, ".json") != 0 || e->d_name[0] == '.')
			continue;
		char *path = xasprintf("%s/%s", dir_path, e->d_name);
		size_t len;
		char *buf = read_file(path, VS_RECORD_MAX_BYTES, &len);
		json_t *fast = buf ? record_fast_parse(buf, len) : NULL;
		n++;
		if (!fast || !same_as_jansson(buf, len)) {
			if (slow++ < 5)
				OK(false, "%s takes the fast path and reads as jansson reads it", e->d_name);
		}
		json_decref(fast);
		free(buf);
		free(path);
	}
	closedir(dir);
	OK(n >= 20 && slow == 0, "all %zu shipped records take the fast path (%zu do not)", n, slow);
	free(dir_path);
}

/* }====== */

int main(void)
{
	whole_records();
	ids();
	names();
	display_strings();
	dates();
	counts();
	enums();
	tags_and_license();
	capabilities();
	routes();
	prices();
	benchmarks();
	sources();
	unknown_fields();
	many_keys();
	got_formats();
	parsing();
	parse_buffer();
	fast_path();
	shipped_records_fast();
	return test_summary("record");
}
