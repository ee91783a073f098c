/*
** test_import.c — the importer's pure functions (core/import/import_match.c, import_json.c) with the
** real names and prices of the snapshots (data/snapshots) that need each rule: exact
** per-million prices, the name rules that decide which record an entry belongs to, and the
** canonical writer, which must reproduce every shipped record byte for byte (so re-importing
** into data/ leaves a record nobody changed alone).  Usage: test_import SOURCE_ROOT
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "import.h"
#include "json_write.h"

static void prices(void)
{
	double v = 0;
	/* 1e-07 per token (LiteLLM's gpt-4.1-nano): 1e-07 * 1e6 in doubles is 0.09999999999999999;
	** the importer moves the decimal point in the text instead. */
	volatile double tok = 1e-07, mil = 1e6;
	OK(tok * mil != 0.1, "doubles show the problem (1e-07 * 1e6 = %.17g)", tok * mil);
	/* Per-token prices that read, and their exact per-million prices. */
	static const struct {
		const char *text; /* through imp_price_from_text; NULL: number through _from_double */
		double number;
		double want;
	} reads[] = {
		{NULL, 1e-07, 0.1},
		{NULL, 3e-06, 3.0},
		{"3e-06", 0, 3.0},
		/* OpenRouter's ibm-granite/granite-4.1-8b (naively 0.049999999999999996) */
		{"0.00000005", 0, 0.05},
		{"0.0000025", 0, 2.5},
		{NULL, 1.25e-06, 1.25},
		{"0.00000008333333333333334", 0, 0.08333333333333334}, /* keeps its digits */
		{"15", 0, 15e6},                                         /* an integer */
	};
	for (size_t i = 0; i < sizeof reads / sizeof *reads; i++) {
		char in[40];
		if (reads[i].text)
			snprintf(in, sizeof in, "text \"%s\"", reads[i].text);
		else
			snprintf(in, sizeof in, "%g", reads[i].number);
		INT_EQ(reads[i].text ? imp_price_from_text(reads[i].text, &v)
		                     : imp_price_from_double(reads[i].number, &v),
		       IMP_PRICE_OK, "%s reads", in);
		OK(v == reads[i].want, "%s per token is %.17g per million exactly (got %.17g)", in,
		   reads[i].want, v);
	}

	/* Unknown, never free: OpenRouter's "-1" (varies), "0", LiteLLM's 0.0 on a paid model. */
	INT_EQ(imp_price_from_text("-1", &v), IMP_PRICE_NEGATIVE, "-1 is negative: unknown");
	INT_EQ(imp_price_from_text("0", &v), IMP_PRICE_ZERO, "0 is unknown");
	INT_EQ(imp_price_from_text("0.000", &v), IMP_PRICE_ZERO, "0.000 is unknown");
	INT_EQ(imp_price_from_text("-0", &v), IMP_PRICE_ZERO, "-0 is unknown");
	INT_EQ(imp_price_from_double(0.0, &v), IMP_PRICE_ZERO, "0.0 is unknown");
	INT_EQ(imp_price_from_double(-1.0, &v), IMP_PRICE_NEGATIVE, "-1.0 is unknown");

	/* Strict: anything but a plain decimal is bad input. */
	const char *bad[] = {"", " 1", "1 ", "abc", "1e", "1e+", "0x10", ".", "-", "1.2.3", "NaN",
	                     "inf", "1,5", "$1", "1e99999999"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		INT_EQ(imp_price_from_text(bad[i], &v), IMP_PRICE_BAD, "'%s' is not a price", bad[i]);
	INT_EQ(imp_price_from_text(".5", &v), IMP_PRICE_OK, ".5 reads");
	OK(v == 500000, ".5 per token is 500000 per million");

	char text[40];
	json_shortest(0.15, text, sizeof text);
	STR_EQ(text, "0.15", "shortest text of 0.15");
	json_shortest(1e-07, text, sizeof text);
	STR_EQ(text, "1e-07", "shortest text of 1e-07");
}

static void batch(void)
{
	/* gpt-4o: 2.5/10 standard, 1.25/5 batch */
	OK(imp_batch_discount(2.5, 10, 1.25, 5) == 0.5, "gpt-4o's batch prices are half: 0.5");
	OK(imp_batch_discount(0.15, 0.6, 0.075, 0.3) == 0.5, "gpt-4o-mini: 0.5");
	OK(imp_batch_discount(1, 2, 0.5, 1.5) < 0, "different fractions: no discount");
	OK(imp_batch_discount(1, 2, 1, 2) < 0, "batch at the standard price: no discount");
	OK(imp_batch_discount(1, 2, 2, 4) < 0, "batch dearer: no discount");
}

static void names(void)
{
	static const struct {
		const char *raw;
		bool p;
		const char *want;
	} cases[] = {
		{"claude-3-5-sonnet-20241022", false, "claude-3.5-sonnet-20241022"},
		{"gpt-4o-2024-08-06", false, "gpt-4o-2024-08-06"},          /* a date is no version */
		{"gpt-4o-mini", false, "gpt-4o-mini"},
		{"us.anthropic.claude-3-5-sonnet-20241022-v2:0", false, "claude-3.5-sonnet-20241022"},
		{"bedrock/us-east-1/meta.llama3-8b-instruct-v1:0", false, "llama3-8b-instruct"},
		{"meta.llama3-1-70b-instruct-v1:0", false, "llama3.1-70b-instruct"},
		{"mistral.mistral-7b-instruct-v0:2", false, "mistral-7b-instruct-v0.2"},
		{"anthropic.claude-v2:1", false, "claude-v2.1"},             /* Claude 2.1 */
		{"anthropic.claude-v2", false, "claude-v2"},
		{"openai.gpt-oss-120b-1:0", false, "gpt-oss-120b"},
		{"us.deepseek.r1-v1:0", false, "r1"},
		{"accounts/fireworks/models/llama-v3p1-8b-instruct", true, "llama-v3.1-8b-instruct"},
		{"accounts/fireworks/models/qwen2p5-coder-32b-instruct", true, "qwen2.5-coder-32b-instruct"},
		{"claude-3-5-sonnet@20240620", false, "claude-3.5-sonnet-20240620"},
		{"meta/llama-3.1-405b-instruct-maas", false, "llama-3.1-405b-instruct"},
		{"gemma-3-4b-it", false, "gemma-3-4b-it"},                    /* 3-4b: a size follows */
		{"meta-llama/Meta-Llama-3.1-8B-Instruct", false, "llama-3.1-8b-instruct"},
		{"gpt-35-turbo-16k", false, "gpt-3.5-turbo-16k"},
		{"qwen-plus-2025-07-28:thinking", false, "qwen-plus-2025-07-28-thinking"},
		{"o1-2024-12-17", false, "o1-2024-12-17"},
		{"deepseek-r1-0528", false, "deepseek-r1-0528"},
		{"llama-3-1-8b", false, "llama-3.1-8b"},
		{"@cf/meta/llama-2-7b-chat-fp16", false, "llama-2-7b-chat-fp16"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *n = imp_normalise(cases[i].raw, cases[i].p);
		STR_EQ(n, cases[i].want, "normalise %s", cases[i].raw);
		free(n);
	}
	char *d = imp_display_name("us.anthropic.claude-3-5-sonnet-20241022-v2:0");
	STR_EQ(d, "claude-3-5-sonnet-20241022", "display name keeps the provider's spelling");
	free(d);
	d = imp_display_name("meta-llama/Llama-3.3-70B-Instruct");
	STR_EQ(d, "Llama-3.3-70B-Instruct", "display name keeps case");
	free(d);

	/* Names written two ways by providers share a match key; variants do not. */
	static const char *const same[][2] = {
		{"qwen-2.5-7b-instruct", "qwen2.5-7b-instruct"},
		{"llama-3.1-8b-instruct", "llama3.1-8b-instruct"},
		{"gemma2-9b-it", "gemma-2-9b-it"},
	};
	for (size_t i = 0; i < sizeof same / sizeof *same; i++) {
		char *a = imp_match_key(same[i][0]), *b = imp_match_key(same[i][1]);
		STR_EQ(a, b, "%s and %s are one model", same[i][0], same[i][1]);
		free(a);
		free(b);
	}
	static const char *const apart[][2] = {
		{"gpt-4o", "gpt-4o-2024-08-06"},
		{"gpt-4o", "gpt-4o-mini"},
		{"claude-3.5-sonnet", "claude-3.5-sonnet-20240620"},
		{"llama-3.3-70b-instruct", "llama-3.3-70b-instruct-turbo"},
	};
	for (size_t i = 0; i < sizeof apart / sizeof *apart; i++) {
		char *a = imp_match_key(apart[i][0]), *b = imp_match_key(apart[i][1]);
		OK(strcmp(a, b) != 0, "%s and %s stay apart", apart[i][0], apart[i][1]);
		free(a);
		free(b);
	}

	OK(imp_id_ok("gpt-4o"), "gpt-4o is an id");
	OK(!imp_id_ok("gpt-vs-claude"), "-vs- is never in an id");
	OK(!imp_id_ok("-x"), "an id starts with a letter or digit");
	OK(!imp_id_ok("GPT"), "ids are lower case");
	STR_EQ(imp_bedrock_region("eu.anthropic.claude-3-7-sonnet-20250219-v1:0"),
	       "EU (cross-region inference)", "Bedrock cross-region prefix");
	OK(imp_bedrock_region("anthropic.claude-3-7-sonnet-20250219-v1:0") == NULL, "no prefix");
	char *v = imp_vendor("us.deepseek.r1-v1:0");
	STR_EQ(v, "deepseek", "vendor of a Bedrock id");
	free(v);
}

static void json_helpers(void)
{
	json_t *a = json_integer(3), *b = json_real(3.0);
	OK(imp_json_equal(a, b), "3 equals 3.0");
	OK(!imp_json_equal(a, NULL), "absent is not 3");
	OK(imp_json_equal(NULL, NULL), "absent equals absent");
	json_decref(a);
	json_decref(b);
	json_t *r1 = json_pack("{s:s, s:s}", "provider", "AWS  Bedrock", "region", "EU (x)");
	char *k = imp_route_key(r1);
	STR_EQ(k, "aws bedrock|eu (x)", "route key folds case and white space");
	free(k);
	json_decref(r1);

	/* Canonical order, shortest numbers, two-space indent. */
	json_t *rec = json_pack("{s:[{s:{s:f,s:f},s:s}], s:s, s:s}", "routes", "pricing",
	                        "output_per_mtok", 0.3, "input_per_mtok", 3.0, "provider", "X", "name",
	                        "N", "id", "n");
	vs_buf out = {0};
	imp_write_record(&out, rec);
	STR_EQ(out.s, "{\n  \"id\": \"n\",\n  \"name\": \"N\",\n  \"routes\": [\n    {\n"
	       "      \"provider\": \"X\",\n      \"pricing\": {\n        \"input_per_mtok\": 3.0,\n"
	       "        \"output_per_mtok\": 0.3\n      }\n    }\n  ]\n}\n", "canonical record text");
	buf_free(&out);
	json_decref(rec);
	a = imp_number(10);
	b = imp_number(0.3);
	OK(json_is_integer(a) && json_is_real(b), "a whole price is an integer, others reals");
	json_decref(a);
	json_decref(b);
}

/* Every shipped record is already canonical: written again, it is the same bytes. */
static void shipped_records(const char *root)
{
	char *dir = xasprintf("%s/data/models", root);
	DIR *d = opendir(dir);
	OK(d != NULL, "open %s", dir);
	struct dirent *e;
	size_t n = 0;
	while (d && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		size_t flen;
		char *text = read_file(path, 1u << 22, &flen);
		json_t *rec = text ? json_loads(text, 0, NULL) : NULL;
		vs_buf out = {0};
		if (rec)
			imp_write_record(&out, rec);
		OK(rec && out.len == flen && memcmp(out.s, text, flen) == 0,
		   "%s is written back byte for byte", e->d_name);
		buf_free(&out);
		json_decref(rec);
		free(text);
		free(path);
		n++;
	}
	if (d)
		closedir(d);
	OK(n >= 17, "read the shipped records (%zu)", n);
	free(dir);
}

int main(int argc, char **argv)
{
	prices();
	batch();
	names();
	json_helpers();
	if (argc > 1)
		shipped_records(argv[1]);
	return test_summary("import");
}
