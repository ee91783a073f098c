/*
** test_item.c — the one item contract (item.h) that a rule's item (engine.c) and a
** plugin's item (plugins_api.c) both pass: the faults in their order, and what it fills in.
*/
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "item.h"

static void faults(void)
{
	static const struct {
		vs_item_parts parts;
		vs_item_fault fault;
		const char *what;
	} cases[] = {
		{{.text = true}, VS_ITEM_OK, "text"},
		{{.question = true, .answer = true}, VS_ITEM_OK, "question and answer"},
		{{.cells = true, .key = "k"}, VS_ITEM_OK, "cells with a key"},
		{{0}, VS_ITEM_KINDS, "nothing"},
		{{.text = true, .cells = true}, VS_ITEM_KINDS, "text and cells"},
		{{.text = true, .question = true, .answer = true}, VS_ITEM_KINDS, "text and q+a"},
		{{.answer = true}, VS_ITEM_NO_QUESTION, "an answer alone"},
		{{.question = true}, VS_ITEM_NO_ANSWER, "a question alone"},
		{{.text = true, .key = ""}, VS_ITEM_EMPTY_KEY, "an empty key"},
		/* The order: the kinds before the pair before the key. */
		{{.text = true, .cells = true, .key = ""}, VS_ITEM_KINDS, "kinds before the key"},
		{{.question = true, .key = ""}, VS_ITEM_NO_ANSWER, "the pair before the key"},
	};
	for (size_t i = 0; i < VS_ARRAY_LEN(cases); i++)
		INT_EQ(item_fault(&cases[i].parts), cases[i].fault, "%s", cases[i].what);
}

static void completion(void)
{
	vs_item it;
	memset(&it, 0, sizeof it);
	item_complete(&it, "rule.key", "a", "b");
	STR_EQ(it.key, "rule.key", "no key: the maker's");
	if (INT_EQ(it.about.n, 2, "no about: the pair")) {
		STR_EQ(it.about.v[0], "a", "the pair, a first");
		STR_EQ(it.about.v[1], "b", "the pair, b second");
	}
	free(it.key);
	strv_free(&it.about);

	memset(&it, 0, sizeof it);
	it.key = xstrdup("own");
	strv_push(&it.about, "b");
	item_complete(&it, "rule.key", "a", "b");
	STR_EQ(it.key, "own", "its own key stays");
	INT_EQ(it.about.n, 1, "its own about stays");
	free(it.key);
	strv_free(&it.about);
}

int main(void)
{
	faults();
	completion();
	return test_summary("item");
}
