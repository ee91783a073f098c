/*
** items.c — fuzz what the engine does with a rule's return value: the converter of
** engine.c that turns Lua values into report items and rows (raw reads only, one of text /
** question + answer / cells, lists of strings or model views), the title and column
** functions' results, and then the four renderers over the report that comes out
** (hardening.md case 147; cases 39, 40, 43, 50 and 124 as properties).
**
** Why through real rules and not a C seam: the converter's hazards come from what sandboxed
** rule code can build (metatables the sandbox allows, views of host data, coroutines, values
** left after a budget or memory trip), and it runs right after sandbox_pcall on the same
** state.  So the harness loads fuzz/items_rules/fuzz.lua into a real engine once, and hands
** each input to its rules as the only per-pair strings a rule can read that the host does
** not cache: the traffic's provider names (the input split at NUL bytes).  The rules decode
** them into Lua values and return them (see the rule file).  engine.c needs no test-only
** entry point, and the whole per-pair path is what is fuzzed.
**
** Checks on every report: each item and row is well formed (a key, a source, an about list,
** exactly one of text, question + answer or cells); the rule "after", which runs after the
** fuzzed ones, gave its item (a trip or a failure never poisons the next rule); every
** renderer's output passes check.c (JSON on every input, one of the others by length).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "engine.h"
#include "fuzz.h"

#ifndef FUZZ_ITEMS_RULES
#error "FUZZ_ITEMS_RULES: the directory of fuzz/items_rules"
#endif

#define MAX_PROGRAMS 64

static vs_catalog cat;
static vs_engine *engine;

static void init(void)
{
	static const char *const recs[] = {
		"{\"id\": \"a\", \"name\": \"Alpha\", \"context_window\": 131000,"
		" \"capabilities\": {\"vision\": true},"
		" \"routes\": [{\"provider\": \"OpenAI API\", \"first_party\": true,"
		"   \"pricing\": {\"input_per_mtok\": 1.25, \"output_per_mtok\": 10}}]}",
		"{\"id\": \"b\", \"name\": \"Beta | <b>\", \"openness\": \"open-weights\"}",
	};
	json_t *roots[2];
	const char *paths[2] = {"models/a.json", "models/b.json"};
	for (int i = 0; i < 2; i++) {
		json_error_t err;
		roots[i] = json_loads(recs[i], JSON_REJECT_DUPLICATES, &err);
		FUZZ_CHECK(roots[i] != NULL, "fixture record %d: %s", i, err.text);
	}
	catalog_from_records(&cat, roots, paths, 2, NULL, 0);
	for (int i = 0; i < 2; i++)
		json_decref(roots[i]); /* the catalog holds its own references */
	for (size_t i = 0; i < cat.n; i++)
		FUZZ_CHECK(cat.models[i].valid, "fixture record %s is not valid", cat.models[i].id);
	/* A small budget, cap and wall clock keep a trip cheap (fifteen rules may each trip on one
	** input, within run.sh's -timeout); the rule "after" fits easily. */
	static const vs_engine_limits limits = {300000L, 4u * 1024u * 1024u, 0.5};
	vs_rule_dir dir = {FUZZ_ITEMS_RULES, "rules"};
	vs_diags load = {0};
	engine = engine_new(&dir, 1, &cat, NULL, &limits, &load);
	for (size_t i = 0; i < load.n; i++)
		fprintf(stderr, "%s: %s\n", load.v[i].where, load.v[i].message);
	FUZZ_CHECK(engine && diags_count(&load, VS_ERROR) == 0, "the fuzz rules do not load");
	diags_free(&load);
}

static void check_item(const vs_item *it, bool row)
{
	FUZZ_CHECK(it->key && it->key[0], "an item without a key");
	FUZZ_CHECK(it->source, "item %s without a source", it->key);
	FUZZ_CHECK(it->about.n > 0, "item %s about no model", it->key);
	FUZZ_CHECK((it->question == NULL) == (it->answer == NULL), "item %s: question without answer",
	           it->key);
	int kinds = (it->text != NULL) + (it->question != NULL) + row;
	FUZZ_CHECK(kinds == 1, "item %s has %d of text, question + answer, cells", it->key, kinds);
	FUZZ_CHECK(row || it->cells.n == 0, "item %s (not a row) has cells", it->key);
}

static void check_report(const vs_report *r)
{
	FUZZ_CHECK(r->title != NULL, "no title");
	size_t after = 0;
	for (int s = 0; s < VS_SEC_COUNT; s++) {
		const vs_section *sec = &r->sections[s];
		for (size_t i = 0; i < sec->n_items; i++) {
			check_item(&sec->items[i], false);
			if (strcmp(sec->items[i].key, "after") == 0) {
				after++;
				FUZZ_CHECK(sec->items[i].text && strcmp(sec->items[i].text, "after 50005000 X") == 0,
				           "the rule after a fuzzed one said '%s'",
				           sec->items[i].text ? sec->items[i].text : "(null)");
			}
		}
		for (size_t i = 0; i < sec->n_rows; i++)
			check_item(&sec->rows[i], true);
	}
	if (after != 1)
		for (size_t i = 0; i < r->diags.n; i++)
			fprintf(stderr, "%s: %s: %s\n", r->diags.v[i].where,
			        r->diags.v[i].rule ? r->diags.v[i].rule : "-", r->diags.v[i].message);
	FUZZ_CHECK(after == 1, "the rule after the fuzzed ones gave %zu items", after);
	for (size_t i = 0; i < r->diags.n; i++)
		FUZZ_CHECK(r->diags.v[i].where && r->diags.v[i].message, "a diagnostic without place or text");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!engine)
		init();
	/* The input, split at NUL bytes, as the providers list p.traffic.providers. */
	char *programs[MAX_PROGRAMS];
	size_t n = 0;
	for (size_t start = 0; start <= size && n < MAX_PROGRAMS;) {
		const uint8_t *nul = memchr(data + start, 0, size - start);
		size_t end = nul ? (size_t)(nul - data) : size;
		programs[n++] = xstrndup((const char *)data + start, end - start);
		start = end + 1;
	}
	vs_traffic t = VS_TRAFFIC_DEFAULT;
	t.providers = (const char *const *)programs;
	t.n_providers = n;

	vs_report r;
	report_init(&r);
	engine_report(engine, &cat.models[0], &cat.models[1], &t, &r);
	check_report(&r);
	const vs_render_opts o = {.explain = size & 1, .color = size & 2, .width = 72,
	                          .link_suffix = ".html"};
	/* JSON every time (it carries every item and diagnostic), and one of the others of the
	** registry by the input's length: the renderers have fuzzers of their own, and all of
	** them would triple the time per input. */
	const vs_format *json = render_format("json");
	size_t n_other = 0;
	for (const vs_format *f = render_formats; f->name; f++)
		n_other += f != json;
	fuzz_check_render(json, &r, &o);
	const vs_format *other = &render_formats[size % n_other];
	fuzz_check_render(other < json ? other : other + 1, &r, &o);
	report_free(&r);
	for (size_t i = 0; i < n; i++)
		free(programs[i]);
	return 0;
}
