/*
** test_order.c — the natural order lists a person reads are in (order.h) and the names a
** "did you mean" offers (suggest.h): numbers as numbers, case ignored, a total order; a word
** prefix ("azure") or a near spelling ("function-calling").
*/
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "order.h"
#include "suggest.h"

static int sign(int v)
{
	return (v > 0) - (v < 0);
}

static void natural(void)
{
	/* Each name comes before the next one. */
	static const char *const sorted[] = {
		"Amazon Nova Lite", "Claude 3.5 Haiku", "Claude Opus 4", "Claude Opus 4.1",
		"Claude Opus 4.5", "Claude Opus 10", "gpt-4.1", "GPT-4o", "GPT-4o mini", "GPT-5",
		"o3", "o3-mini", "Qwen2-7B", "Qwen2.5-7B", "Qwen2.5-72B", "Qwen3-32B",
	};
	size_t n = sizeof sorted / sizeof *sorted;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			INT_EQ(sign(vs_natural_cmp(sorted[i], sorted[j])), i < j ? -1 : i > j ? 1 : 0,
			       "'%s' against '%s'", sorted[i], sorted[j]);
	/* Equal only when the bytes are: leading zeros and case still order two names. */
	OK(vs_natural_cmp("x07", "x7") != 0, "x07 and x7 are not equal");
	INT_EQ(sign(vs_natural_cmp("x07", "x7")), -sign(vs_natural_cmp("x7", "x07")), "antisymmetric");
	OK(vs_natural_cmp("gpt", "GPT") != 0, "gpt and GPT are not equal");
	INT_EQ(sign(vs_natural_cmp("gpt", "GPT")), -sign(vs_natural_cmp("GPT", "gpt")), "antisymmetric");
	/* A number longer than any integer type still compares as a number. */
	OK(vs_natural_cmp("v99999999999999999999", "v100000000000000000000") < 0, "long numbers");
}

static void suggest(const char *typed, const char *const *names, size_t n, const char *want)
{
	vs_buf b = {0};
	size_t k = suggest_names(typed, names, n, &b);
	if (want)
		STR_EQ(b.s ? b.s : "", want, "'%s' suggests %s", typed, want);
	else
		INT_EQ((int)k, 0, "'%s' suggests nothing (got %s)", typed, b.s ? b.s : "");
	buf_free(&b);
}

static void suggestions(void)
{
	static const char *const providers[] = {"OpenAI API", "Azure OpenAI", "OpenRouter",
	                                        "Azure AI Foundry", "AWS Bedrock"};
	static const char *const caps[] = {"vision", "function_calling", "tool_use"};
	suggest("azure", providers, 2, "'Azure OpenAI'");
	suggest("azure", providers, 5, "'Azure OpenAI' or 'Azure AI Foundry'");
	suggest("bedrock", providers, 5, "'AWS Bedrock'");
	suggest("openroutr", providers, 5, "'OpenRouter'");
	suggest("nowhere-cloud", providers, 5, NULL);
	suggest("function-calling", caps, 3, "'function_calling'");
	suggest("teleportation", caps, 3, NULL);
}

/* The one walk of pairs (order.h): each unordered pair once, i < k, i major; none for 0 or 1. */
static void pairs(void)
{
	for (size_t n = 0; n <= 5; n++) {
		vs_buf got = {0}, want = {0};
		for (vs_pairs p = vs_pairs_of(n); vs_pairs_next(&p);)
			buf_printf(&got, "%zu%zu ", p.i, p.k);
		for (size_t i = 0; i < n; i++)
			for (size_t k = i + 1; k < n; k++)
				buf_printf(&want, "%zu%zu ", i, k);
		STR_EQ(got.s ? got.s : "", want.s ? want.s : "", "the pairs of %zu things", n);
		buf_free(&got);
		buf_free(&want);
	}
	const char *x = "zeta", *y = "alpha";
	vs_pair_order(&x, &y);
	STR_EQ(x, "alpha", "a pair is named by its smaller id first");
	vs_pair_order(&x, &y);
	STR_EQ(y, "zeta", "and stays so");
}

int main(void)
{
	natural();
	pairs();
	suggestions();
	return test_summary("order");
}
