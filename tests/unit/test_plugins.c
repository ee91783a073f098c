/*
** test_plugins.c — the plugin loader against good and bad plugins (tests/plugins/<case>/),
** the shipped capability checks, the example plugin and the versus_api table.
**
**     test_plugins CASES_DIR SHIPPED_DIR EXAMPLE_DIR     run the tests
**     test_plugins --load DIR...                          load DIRs, list what loaded, print
**                                                         diagnostics; exit 1 on any error
*/
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag_helpers.h"
#include "harness.h"
#include "outfile.h"
#include "plugins.h"
#include "report.h"

static const char *cases_dir, *shipped_dir, *example_dir;

static char *case_path(const char *rel)
{
	return xasprintf("%s/%s", cases_dir, rel);
}

/* The first diagnostic whose message contains needle, or NULL. */
static const vs_diag *find_diag(const vs_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].message, needle))
			return &d->v[i];
	return NULL;
}

static bool has_control_chars(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

/* Load the given directories into a fresh set. */
static size_t load_dirs(vs_plugins *ps, vs_diags *d, const char *d1, const char *d2,
                        const char *d3)
{
	const char *dirs[3] = {d1, d2, d3};
	size_t n = d3 ? 3 : d2 ? 2 : 1;
	memset(ps, 0, sizeof *ps);
	memset(d, 0, sizeof *d);
	return plugins_load(ps, dirs, n, d);
}

/* Load a case directory alone: expect `refused` refusals, `loaded` plugins, and one error
** whose where and message contain what is given. */
static void expect_refusal(const char *dir_rel, size_t refused, size_t loaded,
                           const char *where, const char *const *needles, size_t n_needles)
{
	char *dir = case_path(dir_rel);
	vs_plugins ps;
	vs_diags d;
	size_t r = load_dirs(&ps, &d, dir, NULL, NULL);
	bool ok = INT_EQ(r, refused, "%s: refused", dir_rel);
	ok &= INT_EQ(ps.n, loaded, "%s: loaded", dir_rel);
	ok &= INT_EQ(diags_count(&d, VS_ERROR), refused, "%s: errors", dir_rel);
	const vs_diag *e = NULL;
	for (size_t i = 0; i < d.n; i++)
		if (d.v[i].severity == VS_ERROR)
			e = &d.v[i];
	if (e) {
		ok &= STR_CONTAINS(e->where, where, "%s: where", dir_rel);
		for (size_t i = 0; i < n_needles; i++)
			ok &= STR_CONTAINS(e->message, needles[i], "%s: message", dir_rel);
		ok &= OK(!has_control_chars(e->message), "%s: no control characters", dir_rel);
	}
	if (!ok)
		print_diags(NULL, &d);
	plugins_free(&ps);
	diags_free(&d);
	free(dir);
}

#define REFUSED(dir, refused, loaded, where, ...)                                          \
	do {                                                                                   \
		const char *needles_[] = {__VA_ARGS__};                                             \
		expect_refusal(dir, refused, loaded, where, needles_, VS_ARRAY_LEN(needles_));      \
	} while (0)

static void refusals(void)
{
	char abi_core[32], abi_2[32], abi_newer[32];
	snprintf(abi_core, sizeof abi_core, "this versus provides ABI %d.%d",
	         VERSUS_PLUGIN_ABI_MAJOR, VERSUS_PLUGIN_ABI_MINOR);
	snprintf(abi_2, sizeof abi_2, "was built for ABI 2.0");
	snprintf(abi_newer, sizeof abi_newer, "was built for ABI %d.%d", VERSUS_PLUGIN_ABI_MAJOR,
	         VERSUS_PLUGIN_ABI_MINOR + 1);

	REFUSED("no_entry", 1, 0, "no_entry/no_entry.so", "plugin 'no_entry'",
	        "no_entry/no_entry.so", "no entry point versus_plugin_entry");
	REFUSED("abi_major", 1, 0, "abi_major/abi_major.so", "plugin 'abi_major'",
	        "(" , "abi_major/abi_major.so)", abi_2, abi_core);
	REFUSED("abi_minor", 1, 0, "abi_minor/abi_minor.so", "plugin 'abi_minor'",
	        "abi_minor/abi_minor.so", abi_newer, abi_core);
	REFUSED("null_entry", 1, 0, "null_entry/null_entry.so", "null_entry/null_entry.so",
	        "returned NULL");
	REFUSED("small_size", 1, 0, "small_size/small_size.so", "small_size/small_size.so",
	        "descriptor of 16 bytes");
	REFUSED("bad_name", 1, 0, "bad_name/bad_name.so", "plugin 'bad_name'",
	        "bad name 'Bad/Name??[31m'");
	REFUSED("bad_cap", 1, 0, "plugin:bad-cap", "plugin 'bad-cap'", "bad_cap/bad_cap.so",
	        "bad id 'Vision Pro'");
	REFUSED("bad_section", 1, 0, "plugin:bad-section", "bad_section/bad_section.so",
	        "statement 'sidebar_note' names an unknown section 'sidebar'");
	REFUSED("undefined_sym", 1, 0, "undefined_sym/undefined_sym.so",
	        "undefined_sym/undefined_sym.so", "cannot be loaded",
	        "versus_test_missing_function");
	REFUSED("init_fails", 1, 0, "plugin:init-fails", "init_fails/init_fails.so",
	        "init failed (5): cannot find its price sheet");
	REFUSED("dup_cap", 1, 1, "plugin:dup-b", "plugin 'dup-b'", "dup_cap/dup_b.so",
	        "capability 'shared_cap' is already provided by plugin 'dup-a'",
	        "dup_cap/dup_a.so");
	REFUSED("dup_name", 1, 1, "plugin:twin", "dup_name/twin_b.so",
	        "same name as the plugin loaded from", "dup_name/twin_a.so");
	REFUSED("junk", 1, 1, "junk/y.so", "plugin 'y'", "junk/y.so", "cannot be loaded");
	/* Issue 9: no address in a message, so the same plugin gives the same bytes each run. */
	REFUSED("bad_list", 1, 0, "plugin:bad-list", "bad_list/bad_list.so",
	        "has a bad capability list (1000000 entries, more than 1024); not loaded, so "
	        "reports lack its capability checks and statements");

	/* The junk directory: x.so is a directory (a warning), notes.txt is not looked at. */
	char *dir = case_path("junk");
	vs_plugins ps;
	vs_diags d;
	load_dirs(&ps, &d, dir, NULL, NULL);
	const vs_diag *x = find_diag(&d, "junk/x.so");
	if (OK(x != NULL, "junk: x.so reported"))
		OK(x->severity == VS_WARNING && strstr(x->message, "not a regular file"),
		   "junk: x.so is a warning: %s", x->message);
	OK(find_diag(&d, "notes.txt") == NULL, "junk: notes.txt ignored");
	if (OK(ps.n == 1, "junk: one plugin"))
		STR_EQ(ps.v[0]->name, "junk-ok", "junk: the good one loads");
	plugins_free(&ps);
	diags_free(&d);
	free(dir);

	/* A directory that does not exist is skipped silently. */
	dir = case_path("no-such-directory");
	INT_EQ(load_dirs(&ps, &d, dir, NULL, NULL), 0, "missing dir: nothing refused");
	INT_EQ(d.n, 0, "missing dir: no diagnostic");
	plugins_free(&ps);
	diags_free(&d);
	free(dir);

	/* Loaded plugins that pass: the problem cases that only show when called. */
	static const char *const loads[] = {"bad_answer", "check_exit", "stdout", "good"};
	for (size_t i = 0; i < VS_ARRAY_LEN(loads); i++) {
		dir = case_path(loads[i]);
		int saved = dup(1);
		int devnull = open("/dev/null", O_WRONLY);
		fflush(stdout);
		dup2(devnull, 1); /* the stdout plugin prints from its entry and init */
		load_dirs(&ps, &d, dir, NULL, NULL);
		fflush(stdout);
		dup2(saved, 1);
		close(saved);
		close(devnull);
		INT_EQ(ps.n, 1, "%s loads", loads[i]);
		INT_EQ(diags_count(&d, VS_ERROR), 0, "%s: no error", loads[i]);
		plugins_free(&ps);
		diags_free(&d);
		free(dir);
	}
}

/* {====== A hand-made catalog (the catalog module is tested on its own) */

static void model_set(vs_model *m, size_t index, const char *id, bool valid, const char *json)
{
	json_error_t err;
	memset(m, 0, sizeof *m);
	m->id = xstrdup(id);
	m->name = xstrdup(id);
	m->path = xasprintf("data/models/%s.json", id);
	m->root = json_loads(json, JSON_REJECT_DUPLICATES, &err);
	if (!m->root)
		fprintf(stderr, "bad test record %s: %s\n", id, err.text);
	m->valid = valid;
	m->index = index;
}


enum { M_ALL, M_CACHED, M_NOCACHE, M_AUDIO, M_INVALID, N_MODELS };

static void make_catalog(vs_catalog *cat)
{
	cat->n = N_MODELS;
	cat->models = xcalloc(N_MODELS, sizeof *cat->models);
	model_set(&cat->models[M_ALL], M_ALL, "m-all", true,
	          "{\"id\": \"m-all\", \"name\": \"Model All\", \"capabilities\": {"
	          "\"vision\": true, \"multimodal\": true, \"reasoning\": true, "
	          "\"function_calling\": true, \"tool_use\": true, \"structured_outputs\": true, "
	          "\"code_execution\": true, \"ide_integration\": true, \"computer_use\": true, "
	          "\"parallel_agents\": true, \"always_yes\": false, \"audio_input\": false}, "
	          "\"routes\": [{\"provider\": \"X\", \"pricing\": "
	          "{\"input_per_mtok\": 1, \"output_per_mtok\": 2}}]}");
	model_set(&cat->models[M_CACHED], M_CACHED, "m-cached", true,
	          "{\"id\": \"m-cached\", \"name\": \"Model Cached\", \"capabilities\": "
	          "{\"vision\": false, \"reasoning\": null}, "
	          "\"license\": {\"name\": \"Apache 2.0\", \"osi_approved\": true}, "
	          "\"context_window\": 131072, "
	          "\"routes\": [{\"provider\": \"A\", \"pricing\": null}, "
	          "{\"provider\": \"B\", \"pricing\": {\"input_per_mtok\": 1.25, "
	          "\"output_per_mtok\": 10, \"cached_input_per_mtok\": 0.125}}]}");
	model_set(&cat->models[M_NOCACHE], M_NOCACHE, "m-nocache", true,
	          "{\"id\": \"m-nocache\", \"name\": \"Model No Cache\", \"capabilities\": "
	          "{\"prompt_caching\": false}, \"routes\": [{\"provider\": \"B\", \"pricing\": "
	          "{\"cached_input_per_mtok\": 0.1}}]}");
	model_set(&cat->models[M_AUDIO], M_AUDIO, "m-audio", true,
	          "{\"id\": \"m-audio\", \"name\": \"Model Audio\", \"capabilities\": "
	          "{\"audio_input\": true}}");
	model_set(&cat->models[M_INVALID], M_INVALID, "m-invalid", false,
	          "{\"id\": \"m-invalid\", \"capabilities\": {\"vision\": true}}");
}

/* }====== */

static versus_cap_answer cap(const vs_plugins *ps, const vs_model *m, const char *id)
{
	int i = plugins_cap_index(ps, id);
	if (i < 0)
		return (versus_cap_answer)99;
	return plugins_answer(ps, m, i);
}

static void shipped(void)
{
	static const char *const ids[] = {
		"vision", "multimodal", "reasoning", "function_calling", "tool_use",
		"structured_outputs", "code_execution", "ide_integration", "computer_use",
		"parallel_agents", "prompt_caching",
	};
	static const char *const labels[] = {
		"Vision", "Multimodal", "Reasoning", "Function calling", "Tool use",
		"Structured outputs", "Code execution", "IDE integration", "Computer use",
		"Parallel agents", "Prompt caching",
	};
	vs_plugins ps;
	vs_diags d;
	INT_EQ(load_dirs(&ps, &d, shipped_dir, NULL, NULL), 0, "shipped: nothing refused");
	if (!INT_EQ(d.n, 0, "shipped: no diagnostics"))
		print_diags(NULL, &d);
	INT_EQ(ps.n, 2, "shipped: two plugins");
	if (INT_EQ(ps.n_caps, VS_ARRAY_LEN(ids), "shipped: eleven capabilities")) {
		for (size_t i = 0; i < ps.n_caps; i++) {
			STR_EQ(ps.caps[i].id, ids[i], "shipped: capability %zu id", i);
			STR_EQ(ps.cap_ids[i], ids[i], "shipped: cap_ids %zu", i);
			STR_EQ(ps.caps[i].label, labels[i], "shipped: capability %zu label", i);
			INT_EQ(ps.caps[i].order, 10 * ((int)i + 1), "shipped: capability %zu order", i);
			bool integration = i >= 3 && i <= 5;
			STR_EQ(ps.caps[i].group, integration ? "integration" : "",
			       "shipped: capability %zu group", i);
			INT_EQ(plugins_cap_index(&ps, ids[i]), i, "shipped: index of %s", ids[i]);
		}
	}
	INT_EQ(plugins_cap_index(&ps, "no_such"), -1, "shipped: unknown id");
	for (size_t i = 0; i < ps.n; i++) {
		OK(ps.v[i]->reentrant, "shipped: %s is reentrant", ps.v[i]->name);
		INT_EQ(ps.v[i]->abi_major, VERSUS_PLUGIN_ABI_MAJOR, "shipped: major");
	}

	vs_catalog cat = {0};
	make_catalog(&cat);
	vs_diags cd = {0};
	plugins_check_models(&ps, &cat, &cd);
	if (!INT_EQ(cd.n, 0, "shipped checks: no diagnostics"))
		print_diags(NULL, &cd);
	const vs_model *all = &cat.models[M_ALL], *cached = &cat.models[M_CACHED],
	               *nocache = &cat.models[M_NOCACHE], *invalid = &cat.models[M_INVALID];
	for (size_t i = 0; i < 10; i++)
		INT_EQ(cap(&ps, all, ids[i]), VERSUS_CAP_YES, "m-all: %s yes", ids[i]);
	INT_EQ(cap(&ps, all, "prompt_caching"), VERSUS_CAP_UNKNOWN,
	       "m-all: no cached price, not recorded: unknown (never no)");
	INT_EQ(cap(&ps, cached, "vision"), VERSUS_CAP_NO, "m-cached: vision false: no");
	INT_EQ(cap(&ps, cached, "reasoning"), VERSUS_CAP_UNKNOWN, "m-cached: null: unknown");
	INT_EQ(cap(&ps, cached, "tool_use"), VERSUS_CAP_UNKNOWN, "m-cached: absent: unknown");
	INT_EQ(cap(&ps, cached, "prompt_caching"), VERSUS_CAP_YES,
	       "m-cached: second route's cached price: yes");
	INT_EQ(cap(&ps, nocache, "prompt_caching"), VERSUS_CAP_NO,
	       "m-nocache: explicit false wins over a cached price");
	for (size_t i = 0; i < ps.n_caps; i++)
		INT_EQ(cap(&ps, invalid, ids[i]), VERSUS_CAP_UNKNOWN, "invalid: %s unknown", ids[i]);

	/* The answers belong to the set that checked, asked inside a call: outside one there is
	** no set to ask (no global set any more). */
	const versus_api *api = plugins_api();
	INT_EQ(api->model_cap((const versus_model *)all, "tool_use"), VERSUS_CAP_UNKNOWN,
	       "api model_cap outside a call: unknown");
	INT_EQ(plugins_answer(&ps, all, -1), VERSUS_CAP_UNKNOWN, "plugins_answer: bad index");
	catalog_free(&cat);
	diags_free(&cd);
	plugins_free(&ps);
	diags_free(&d);
}

/* {====== Two worlds in one process
** Two plugin sets and two catalogs, checked in turn: each set keeps its own answers for each
** catalog (the catalog holds none), so no check of one set changes what another reads, and a
** check asking model_cap reads its own set. */

static void make_flipped(vs_catalog *cat)
{
	cat->n = 2;
	cat->models = xcalloc(2, sizeof *cat->models);
	model_set(&cat->models[0], 0, "m-all", true,
	          "{\"id\": \"m-all\", \"capabilities\": {\"vision\": false, "
	          "\"always_yes\": true}}");
	model_set(&cat->models[1], 1, "m-cached", true,
	          "{\"id\": \"m-cached\", \"capabilities\": {\"vision\": true}}");
}

static void two_worlds(void)
{
	char *good = case_path("good");
	vs_plugins shipped_set, good_set, both_set;
	vs_diags d1, d2, d3, cd = {0};
	load_dirs(&shipped_set, &d1, shipped_dir, NULL, NULL);
	load_dirs(&good_set, &d2, good, NULL, NULL);
	load_dirs(&both_set, &d3, shipped_dir, good, NULL);
	vs_catalog one = {0}, two = {0}, never = {0};
	make_catalog(&one);
	make_flipped(&two);
	make_catalog(&never);
	const vs_catalog *cats[] = {&one, &two};
	vs_plugins *sets[] = {&shipped_set, &good_set, &both_set};
	for (size_t s = 0; s < VS_ARRAY_LEN(sets); s++)
		for (size_t c = 0; c < VS_ARRAY_LEN(cats); c++)
			plugins_check_models(sets[s], cats[c], &cd);
	INT_EQ(diags_count(&cd, VS_ERROR), 0, "two worlds: no check error");

	/* Same index 0, different checks: vision in one set, always_yes in the other. */
	INT_EQ(plugins_cap_index(&shipped_set, "vision"), 0, "two worlds: vision first");
	INT_EQ(plugins_cap_index(&good_set, "always_yes"), 0, "two worlds: always_yes first");
	const vs_model *all1 = &one.models[M_ALL], *cached1 = &one.models[M_CACHED],
	               *all2 = &two.models[0], *cached2 = &two.models[1];
	INT_EQ(cap(&shipped_set, all1, "vision"), VERSUS_CAP_YES, "shipped set, catalog 1: yes");
	INT_EQ(cap(&shipped_set, all2, "vision"), VERSUS_CAP_NO, "shipped set, catalog 2: no");
	INT_EQ(cap(&shipped_set, cached1, "vision"), VERSUS_CAP_NO, "catalog 1 m-cached: no");
	INT_EQ(cap(&shipped_set, cached2, "vision"), VERSUS_CAP_YES, "catalog 2 m-cached: yes");
	INT_EQ(cap(&good_set, all1, "always_yes"), VERSUS_CAP_NO, "good set, catalog 1: no");
	INT_EQ(cap(&good_set, all2, "always_yes"), VERSUS_CAP_YES, "good set, catalog 2: yes");
	/* echo_vision asks model_cap of its own set: no vision check in the good set alone. */
	INT_EQ(cap(&good_set, all1, "echo_vision"), VERSUS_CAP_UNKNOWN,
	       "good set alone: echo_vision reads its own set (no vision there)");
	INT_EQ(cap(&both_set, all1, "echo_vision"), VERSUS_CAP_YES, "both, catalog 1: echo yes");
	INT_EQ(cap(&both_set, all2, "echo_vision"), VERSUS_CAP_NO, "both, catalog 2: echo no");
	INT_EQ(cap(&both_set, cached2, "echo_vision"), VERSUS_CAP_YES, "both, catalog 2: yes");
	INT_EQ(cap(&shipped_set, &never.models[M_ALL], "vision"), VERSUS_CAP_UNKNOWN,
	       "a catalog the set never checked: unknown");

	/* Checking a catalog again replaces its answers only. */
	plugins_check_models(&shipped_set, &two, &cd);
	INT_EQ(cap(&shipped_set, all1, "vision"), VERSUS_CAP_YES, "catalog 1 kept after re-check");
	INT_EQ(cap(&shipped_set, all2, "vision"), VERSUS_CAP_NO, "catalog 2 after re-check");
	INT_EQ(shipped_set.n_answers, 2, "one table per catalog");

	for (size_t s = 0; s < VS_ARRAY_LEN(sets); s++)
		plugins_free(sets[s]);
	catalog_free(&one);
	catalog_free(&two);
	catalog_free(&never);
	diags_free(&d1);
	diags_free(&d2);
	diags_free(&d3);
	diags_free(&cd);
	free(good);
}

/* }====== */

static void model_fields(void)
{
	vs_catalog cat = {0};
	make_catalog(&cat);
	const versus_api *api = plugins_api();
	const versus_model *m = (const versus_model *)&cat.models[M_CACHED];
	versus_value v;

	INT_EQ(api->size, sizeof(versus_api), "api size");
	INT_EQ(api->abi_major, VERSUS_PLUGIN_ABI_MAJOR, "api major");
	STR_EQ(api->model_id(m), "m-cached", "model_id");
	INT_EQ(api->model_field(m, "name", &v), VERSUS_VALUE_STRING, "name: string");
	STR_EQ(v.string, "Model Cached", "name value");
	INT_EQ(v.length, 12, "name length");
	INT_EQ(api->model_field(m, "context_window", &v), VERSUS_VALUE_NUMBER, "integer: number");
	OK(v.number == 131072.0, "context_window value");
	INT_EQ(api->model_field(m, "routes", &v), VERSUS_VALUE_ARRAY, "routes: array");
	INT_EQ(v.length, 2, "routes length");
	INT_EQ(api->model_field(m, "routes.1.pricing.cached_input_per_mtok", &v),
	       VERSUS_VALUE_NUMBER, "nested number");
	OK(v.number == 0.125, "nested value");
	INT_EQ(api->model_field(m, "routes.1.pricing", &v), VERSUS_VALUE_OBJECT, "object");
	INT_EQ(v.length, 3, "object size");
	INT_EQ(api->model_field(m, "routes.0.pricing", &v), VERSUS_VALUE_NULL, "explicit null");
	INT_EQ(api->model_field(m, "routes.0.pricing.input_per_mtok", &v), VERSUS_VALUE_MISSING,
	       "through a null: missing");
	INT_EQ(api->model_field(m, "capabilities.vision", &v), VERSUS_VALUE_BOOL, "bool");
	INT_EQ(v.boolean, 0, "bool value");
	INT_EQ(api->model_field(m, "license.osi_approved", &v), VERSUS_VALUE_BOOL, "bool true");
	INT_EQ(v.boolean, 1, "bool true value");
	static const char *const missing[] = {
		"", ".", "nothing", "routes.2", "routes.-1", "routes.x", "routes.01x", "name.x",
		"routes..pricing", "routes.1.", "routes.99999999999999999999999", ".name",
	};
	for (size_t i = 0; i < VS_ARRAY_LEN(missing); i++)
		INT_EQ(api->model_field(m, missing[i], &v), VERSUS_VALUE_MISSING, "'%s': missing",
		       missing[i]);
	INT_EQ(api->model_field(m, NULL, &v), VERSUS_VALUE_MISSING, "NULL path");
	INT_EQ(api->model_field(m, "name", NULL), VERSUS_VALUE_STRING, "NULL out");
	char long_path[2048];
	memset(long_path, 'a', sizeof long_path - 1);
	long_path[sizeof long_path - 1] = '\0';
	INT_EQ(api->model_field(m, long_path, &v), VERSUS_VALUE_MISSING, "long path");

	/* Outside any plugin call the pair functions refuse everything. */
	INT_EQ(api->emit_item((versus_pair *)&v, NULL), -1, "emit_item outside a call");
	OK(api->pair_host((versus_pair *)&v) == NULL, "pair_host outside a call");
	OK(api->pair_model((const versus_pair *)&v, 0) == NULL, "pair_model outside a call");
	api->report_problem((versus_host *)&v, "ignored"); /* must not crash */
	const char *who = "x", *model = "y";
	OK(!plugins_in_call(&who, &model) && !who && !model, "not in a call");
	catalog_free(&cat);
}

static const vs_item *find_item(const vs_section *s, const char *key, bool rows)
{
	const vs_item *v = rows ? s->rows : s->items;
	size_t n = rows ? s->n_rows : s->n_items;
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return &v[i];
	return NULL;
}

struct worker {
	vs_plugins *ps;
	const vs_model *a, *b;
	vs_report r;
};

static void *worker_run(void *p)
{
	struct worker *w = p;
	report_init(&w->r);
	plugins_run_statements(w->ps, w->a, w->b, &w->r);
	return NULL;
}

static void statements(void)
{
	char *good = case_path("good");
	vs_plugins ps;
	vs_diags d;
	INT_EQ(load_dirs(&ps, &d, shipped_dir, good, example_dir), 0, "good: nothing refused");
	INT_EQ(ps.n, 4, "good: four plugins");
	INT_EQ(diags_count(&d, VS_ERROR), 0, "good: no error");
	const vs_diag *hello = find_diag(&d, "hello from init");
	if (OK(hello != NULL, "init's report_problem"))
		STR_EQ(hello->where, "plugin:good", "init problem where");
	/* Table order: the shipped ones, then always_yes (300), echo_vision (310). */
	INT_EQ(plugins_cap_index(&ps, "audio_input"), 11, "audio_input after prompt_caching");
	INT_EQ(plugins_cap_index(&ps, "always_yes"), 12, "always_yes");
	INT_EQ(plugins_cap_index(&ps, "echo_vision"), 13, "echo_vision last");

	vs_catalog cat = {0};
	make_catalog(&cat);
	vs_diags cd = {0};
	plugins_check_models(&ps, &cat, &cd);
	INT_EQ(cd.n, 0, "good checks: no diagnostics");
	const vs_model *all = &cat.models[M_ALL], *cached = &cat.models[M_CACHED],
	               *audio = &cat.models[M_AUDIO];
	INT_EQ(cap(&ps, all, "always_yes"), VERSUS_CAP_NO, "record's false beats a derived yes");
	INT_EQ(cap(&ps, cached, "always_yes"), VERSUS_CAP_YES, "derived yes");
	INT_EQ(cap(&ps, all, "echo_vision"), VERSUS_CAP_YES, "model_cap inside a check: yes");
	INT_EQ(cap(&ps, cached, "echo_vision"), VERSUS_CAP_NO, "model_cap inside a check: no");
	INT_EQ(cap(&ps, audio, "audio_input"), VERSUS_CAP_YES, "audio: yes");
	INT_EQ(cap(&ps, all, "audio_input"), VERSUS_CAP_NO, "audio: no");
	INT_EQ(cap(&ps, cached, "audio_input"), VERSUS_CAP_UNKNOWN, "audio: unknown");

	vs_report r;
	report_init(&r);
	plugins_run_statements(&ps, all, cached, &r);

	const vs_section *s = &r.sections[VS_SEC_TRADEOFFS];
	const vs_item *it = find_item(s, "good_items", false);
	if (OK(it != NULL, "text item emitted")) {
		STR_EQ(it->text, "A good text item.", "text");
		STR_EQ(it->source, "plugin:good", "source");
		if (INT_EQ(it->about.n, 2, "about defaults to both")) {
			STR_EQ(it->about.v[0], "m-all", "about[0]");
			STR_EQ(it->about.v[1], "m-cached", "about[1]");
		}
		INT_EQ(it->values.n, 0, "values default empty");
	}
	it = find_item(&r.sections[VS_SEC_FAQ], "faq.good", false);
	if (OK(it != NULL, "faq item emitted")) {
		STR_EQ(it->question, "Is this a question?", "question");
		STR_EQ(it->answer, "It is.", "answer");
		OK(it->text == NULL, "no text");
		OK(it->about.n == 1 && strcmp(it->about.v[0], "only-a") == 0, "about given");
		OK(it->values.n == 2 && strcmp(it->values.v[1], "Two") == 0, "values given");
	}
	it = find_item(&r.sections[VS_SEC_CAPABILITIES], "good_row", true);
	if (OK(it != NULL, "row emitted"))
		OK(it->cells.n == 3 && strcmp(it->cells.v[0], "Good row") == 0, "cells");
	const vs_diag *pd = find_diag(&r.diags, "a problem from a statement");
	if (OK(pd != NULL, "statement's report_problem")) {
		STR_EQ(pd->where, "plugin:good", "where");
		STR_EQ(pd->rule, "good_items", "rule");
	}

	s = &r.sections[VS_SEC_FRICTION];
	it = find_item(s, "good_bad_items", false);
	if (OK(it != NULL, "bad items note"))
		STR_EQ(it->text, "refused 14 of 14", "every malformed item refused");
	size_t emit_errors = 0;
	for (size_t i = 0; i < r.diags.n; i++)
		if (strncmp(r.diags.v[i].message, "emit_item: ", 11) == 0) {
			emit_errors++;
			OK(strcmp(r.diags.v[i].rule, "good_bad_items") == 0, "emit diag rule");
			OK(!has_control_chars(r.diags.v[i].message), "emit diag printable");
		}
	INT_EQ(emit_errors, 14, "a diagnostic per malformed item");
	OK(find_diag(&r.diags, "emit_item: section is not a section of the report") != NULL,
	   "unknown section named");
	OK(find_diag(&r.diags, "emit_item: item needs exactly one of") != NULL, "two kinds");
	OK(find_diag(&r.diags, "emit_item: text is not valid UTF-8") != NULL, "bad UTF-8");
	OK(find_diag(&r.diags, "emit_item: text contains a control character") != NULL, "escape");
	OK(find_diag(&r.diags, "emit_item: question is missing") != NULL, "answer alone");
	OK(find_diag(&r.diags, "emit_item: answer is missing") != NULL, "question alone");

	it = find_item(&r.sections[VS_SEC_DEEP_DIVE], "good_thread", false);
	if (OK(it != NULL, "thread note"))
		STR_EQ(it->text, "thread: emit -1, host null 1, model null 1",
		       "calls from the plugin's own thread refused");
	const vs_diag *fd = find_diag(&r.diags, "statement 'good_fails' failed (returned 3)");
	if (OK(fd != NULL, "failing statement"))
		OK(strcmp(fd->where, "plugin:good") == 0 && strcmp(fd->rule, "good_fails") == 0,
		   "failing statement: where and rule");

	/* The example plugin: m-all has no audio input, m-cached unknown: no statement. */
	OK(find_item(s, "audio_input_gap", false) == NULL, "audio: unknown is no difference");
	report_free(&r);

	report_init(&r);
	plugins_run_statements(&ps, all, audio, &r);
	it = find_item(&r.sections[VS_SEC_FRICTION], "audio_input_gap", false);
	if (OK(it != NULL, "audio statement")) {
		STR_CONTAINS(it->text, "Model Audio takes audio input and Model All does not",
		             "audio text");
		STR_EQ(it->source, "plugin:audio-example", "audio source");
		OK(it->about.n == 1 && strcmp(it->about.v[0], "m-audio") == 0, "audio about");
		OK(it->values.n == 1 && strcmp(it->values.v[0], "Audio input") == 0, "audio values");
	}
	report_free(&r);

	/* Four workers at once: the plugin is not reentrant, so its calls never overlap. */
	struct worker w[4];
	pthread_t th[4];
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){.ps = &ps, .a = all, .b = cached};
		pthread_create(&th[i], NULL, worker_run, &w[i]);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		it = find_item(&w[i].r.sections[VS_SEC_RELATED], "good_serial", false);
		if (OK(it != NULL, "worker %d: serial note", i))
			STR_EQ(it->text, "serial", "worker %d: no overlapping calls", i);
		report_free(&w[i].r);
	}

	catalog_free(&cat);
	diags_free(&cd);
	plugins_free(&ps);
	diags_free(&d);
	free(good);
}

/* A case directory loaded alone, its checks run over the test catalog. */
typedef struct {
	vs_plugins ps;
	vs_diags d; /* from loading */
	vs_catalog cat;
	vs_diags cd; /* from the checks */
} checked_case;

static void check_case(checked_case *c, const char *dir_rel)
{
	char *dir = case_path(dir_rel);
	load_dirs(&c->ps, &c->d, dir, NULL, NULL);
	free(dir);
	memset(&c->cat, 0, sizeof c->cat);
	make_catalog(&c->cat);
	memset(&c->cd, 0, sizeof c->cd);
	plugins_check_models(&c->ps, &c->cat, &c->cd);
}

static void checked_case_free(checked_case *c)
{
	catalog_free(&c->cat);
	diags_free(&c->cd);
	plugins_free(&c->ps);
	diags_free(&c->d);
}

/* A check that answers 7: a diagnostic naming plugin, capability and model; read as unknown. */
static void bad_answer(void)
{
	checked_case c;
	check_case(&c, "bad_answer");
	INT_EQ(c.cd.n, N_MODELS - 1, "one diagnostic per valid model");
	const vs_diag *e = find_diag(&c.cd, "returned 7 for model 'm-all'");
	if (OK(e != NULL, "answer 7 reported")) {
		STR_EQ(e->where, "plugin:bad-answer", "where");
		STR_EQ(e->rule, "seven", "rule is the capability");
		INT_EQ(e->severity, VS_ERROR, "an error");
	}
	INT_EQ(cap(&c.ps, &c.cat.models[M_ALL], "seven"), VERSUS_CAP_UNKNOWN, "7 reads as unknown");
	checked_case_free(&c);
}

/* {====== Plugins that exit or print: run in a child */

/* Fork; in the child run fn with stdout and stderr on a pipe; return what the child wrote
** and its wait status. */
static char *in_child(void (*fn)(void), int *status)
{
	int p[2];
	if (pipe(p) != 0)
		return NULL;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 1);
		dup2(p[1], 2);
		fn();
		fflush(stdout);
		_exit(0);
	}
	close(p[1]);
	vs_buf b = {0};
	char chunk[512];
	ssize_t n;
	while ((n = read(p[0], chunk, sizeof chunk)) > 0 ||
	       (n < 0 && errno == EINTR))
		if (n > 0)
			buf_addn(&b, chunk, (size_t)n);
	close(p[0]);
	waitpid(pid, status, 0);
	return buf_steal(&b);
}

static void child_check_exit(void)
{
	checked_case c;
	check_case(&c, "check_exit"); /* exits */
	_exit(0);
}

static void child_ctor_exit(void)
{
	char *dir = case_path("ctor_exit");
	vs_plugins ps;
	vs_diags d;
	load_dirs(&ps, &d, dir, NULL, NULL); /* exits inside dlopen */
	_exit(0);
}

static void child_stdout(void)
{
	checked_case c;
	check_case(&c, "stdout");
	vs_report r;
	report_init(&r);
	plugins_run_statements(&c.ps, &c.cat.models[0], &c.cat.models[1], &r);
	report_free(&r);
	checked_case_free(&c);
}

static void children(void)
{
	int status = 0;
	char *out = in_child(child_check_exit, &status);
	OK(WIFEXITED(status) && WEXITSTATUS(status) == 4, "exit() in a check caught (status %d)",
	   status);
	STR_EQ(out, "versus: plugin 'check-exit' called exit() while checking model 'm-all'\n",
	       "the guard names the plugin and the model");
	free(out);

	out = in_child(child_ctor_exit, &status);
	OK(WIFEXITED(status) && WEXITSTATUS(status) == 4,
	   "exit(0) in a constructor inside dlopen caught (status %d)", status);
	STR_CONTAINS(out, "ctor_exit/ctor_exit.so' called exit() while being loaded",
	             "the guard names the file");
	free(out);

	out = in_child(child_stdout, &status);
	OK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "stdout plugin runs");
	STR_CONTAINS(out, "stdout-plugin: entry\n", "prints from its entry");
	STR_CONTAINS(out, "stdout-plugin: init\n", "prints from init");
	STR_CONTAINS(out, "stdout-plugin: check m-all\n", "prints from its check");
	STR_CONTAINS(out, "stdout-plugin: statement\n", "prints from its statement");
	free(out);
}

/* }====== */

/* {====== Files that are not plugins, symlinks, and later directories winning */

static char *tmpdir;

static char *tmp_path(const char *rel)
{
	return xasprintf("%s/%s", tmpdir, rel);
}

static void remove_tmpdir(void)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
}

/* A symlink tmpdir/rel -> target (made absolute when it exists: the cases dir may be
** relative). */
static void link_to(const char *target, const char *rel)
{
	char *path = tmp_path(rel);
	char *abs = realpath(target, NULL);
	if (symlink(abs ? abs : target, path) != 0)
		perror(path);
	free(abs);
	free(path);
}

static void copy_file(const char *from, const char *rel, mode_t mode)
{
	size_t len;
	char *data = read_file(from, 64u << 20, &len);
	char *path = tmp_path(rel);
	if (!data || write_file_atomic(path, data, len) != 0 || chmod(path, mode) != 0)
		perror(path);
	free(data);
	free(path);
}

static void file_kinds(void)
{
	char tmpl[] = "/tmp/versus-test-plugins-XXXXXX";
	tmpdir = mkdtemp(tmpl);
	if (!OK(tmpdir != NULL, "mkdtemp"))
		return;
	char *fifo = tmp_path("fifo.so"), *a = tmp_path("a"), *b = tmp_path("b");
	mkfifo(fifo, 0644);
	char *ok = case_path("junk/ok.so"), *twin_a = case_path("dup_name/twin_a.so"),
	     *twin_b = case_path("dup_name/twin_b.so"), *dup_a = case_path("dup_cap/dup_a.so");
	link_to("/dev/null", "dev.so");
	link_to("/nonexistent/none.so", "dangling.so");
	link_to(ok, "link.so");
	copy_file(dup_a, "writable.so", 0757);
	mkdir(a, 0755);
	mkdir(b, 0755);
	link_to(twin_a, "a/same.so");
	link_to(twin_b, "b/same.so");

	vs_plugins ps;
	vs_diags d;
	size_t refused = load_dirs(&ps, &d, tmpdir, NULL, NULL);
	INT_EQ(refused, 1, "tmp: one refused (world-writable)");
	if (INT_EQ(ps.n, 1, "tmp: the symlinked plugin loads"))
		STR_EQ(ps.v[0]->name, "junk-ok", "tmp: through the symlink");
	const vs_diag *x;
	x = find_diag(&d, "fifo.so): not a regular file");
	OK(x && x->severity == VS_WARNING, "tmp: FIFO skipped, no hang");
	x = find_diag(&d, "dev.so): not a regular file");
	OK(x && x->severity == VS_WARNING, "tmp: symlink to a device skipped");
	x = find_diag(&d, "dangling.so): cannot read");
	OK(x && x->severity == VS_WARNING, "tmp: dangling symlink skipped");
	x = find_diag(&d, "writable by others");
	OK(x && x->severity == VS_ERROR && strstr(x->message, "writable.so"),
	   "tmp: world-writable refused");
	if (ps.n != 1 || refused != 1)
		print_diags(NULL, &d);
	plugins_free(&ps);
	diags_free(&d);

	/* The same file name in two directories: the later directory's file is loaded alone. */
	load_dirs(&ps, &d, a, b, NULL);
	INT_EQ(d.n, 0, "later dir: no diagnostic");
	if (INT_EQ(ps.n, 1, "later dir: one plugin")) {
		STR_EQ(ps.v[0]->version, "1.0.1", "later dir wins");
		STR_CONTAINS(ps.v[0]->path, "/b/same.so", "later dir's path");
	}
	plugins_free(&ps);
	diags_free(&d);

	/* A clash between directories: the later directory's plugin is refused, even when its
	** file name sorts first. */
	char *c = tmp_path("c"), *e = tmp_path("e"), *dup_b = case_path("dup_cap/dup_b.so");
	mkdir(c, 0755);
	mkdir(e, 0755);
	link_to(dup_a, "c/z.so");
	link_to(dup_b, "e/a.so");
	INT_EQ(load_dirs(&ps, &d, c, e, NULL), 1, "clash: one refused");
	if (INT_EQ(ps.n, 1, "clash: one loaded"))
		STR_EQ(ps.v[0]->name, "dup-a", "clash: the earlier directory's plugin wins");
	x = find_diag(&d, "already provided by plugin 'dup-a'");
	OK(x && strcmp(x->where, "plugin:dup-b") == 0, "clash: the later one is named");
	plugins_free(&ps);
	diags_free(&d);
	free(c);
	free(e);
	free(dup_b);

	remove_tmpdir();
	free(fifo);
	free(a);
	free(b);
	free(ok);
	free(twin_a);
	free(twin_b);
	free(dup_a);
}

/* {====== Who may change a plugin (hardening.md case 106) */

/* Load dir alone: expect `loaded` plugins and, when needle is given, a diagnostic of that
** severity containing it. */
static void expect_load(const char *what, const char *dir, size_t loaded, vs_severity sev,
                        const char *needle)
{
	vs_plugins ps;
	vs_diags d;
	load_dirs(&ps, &d, dir, NULL, NULL);
	bool ok = INT_EQ(ps.n, loaded, "%s: loaded", what);
	if (needle) {
		const vs_diag *x = find_diag(&d, needle);
		ok &= OK(x && x->severity == sev, "%s: says '%s'", what, needle);
	} else {
		ok &= INT_EQ(d.n, 0, "%s: nothing to say", what);
	}
	if (!ok)
		print_diags(NULL, &d);
	plugins_free(&ps);
	diags_free(&d);
}

static void permissions(void)
{
	char tmpl[] = "/tmp/versus-test-perms-XXXXXX";
	tmpdir = mkdtemp(tmpl);
	if (!OK(tmpdir != NULL, "mkdtemp"))
		return;
	char *ok = case_path("junk/ok.so");
	static const char *const dirs[] = {"own", "grp", "open", "sticky", "other", "mine"};
	for (size_t i = 0; i < VS_ARRAY_LEN(dirs); i++) {
		char *dir = tmp_path(dirs[i]), *rel = xasprintf("%s/ok.so", dirs[i]);
		mkdir(dir, 0755);
		copy_file(ok, rel, 0755);
		free(rel);
		free(dir);
	}
	char *own = tmp_path("own"), *grp = tmp_path("grp"), *open_dir = tmp_path("open"),
	     *sticky = tmp_path("sticky"), *other = tmp_path("other"), *mine = tmp_path("mine");
	char *own_so = tmp_path("own/ok.so"), *grp_so = tmp_path("grp/ok.so"),
	     *other_so = tmp_path("other/ok.so");

	expect_load("0755 file in a 0755 directory", mine, 1, VS_ERROR, NULL);

	/* Writable by its group: our own file in our own group (umask 002 with a group per
	** user) loads with a warning; any other group is refused. */
	chmod(own_so, 0775);
	if (chown(own_so, geteuid(), getegid()) != 0)
		perror(own_so);
	expect_load("group-writable, our group", own, 1, VS_WARNING,
	            "is writable by its group (mode 0775), your own group");
	chmod(grp_so, 0775);
	if (geteuid() == 0 && chown(grp_so, 0, 65534) == 0)
		expect_load("group-writable, another group", grp, 0, VS_ERROR,
		            "is writable by its group (mode 0775, gid 65534); not loaded");
	else
		SKIP("group-writable, another group: needs root to chgrp");

	/* A directory anyone can write to: refused, unless the sticky bit keeps others from
	** replacing our files. */
	chmod(open_dir, 0777);
	expect_load("directory 0777", open_dir, 0, VS_ERROR,
	            "is in a directory that others can write to");
	chmod(sticky, 01777);
	expect_load("directory 1777 (sticky)", sticky, 1, VS_ERROR, NULL);

	/* Owned by another user than us or root. */
	if (geteuid() == 0 && chown(other_so, 65534, 65534) == 0)
		expect_load("owned by another user", other, 0, VS_ERROR,
		            "is owned by uid 65534, neither the user running versus (uid 0) nor root");
	else
		SKIP("owned by another user: needs root to chown");

	remove_tmpdir();
	free(ok);
	free(own);
	free(grp);
	free(open_dir);
	free(sticky);
	free(other);
	free(mine);
	free(own_so);
	free(grp_so);
	free(other_so);
}

/* }====== */

/* {====== Isolation: loading and checks in child processes (hardening.md cases 99-101) */

static void isolation(void)
{
	char *ctor_crash = case_path("ctor_crash"), *entry_crash = case_path("entry_crash"),
	     *ctor_exit = case_path("ctor_exit"), *ctor_pause = case_path("ctor_pause"),
	     *check_crash = case_path("check_crash"), *check_exit0 = case_path("check_exit0"),
	     *stmt_crash = case_path("stmt_crash"), *good = case_path("good");
	const char *dirs[] = {ctor_crash, entry_crash, ctor_exit, ctor_pause, check_crash,
	                      check_exit0, good};
	vs_plugins ps = {0};
	vs_diags d = {0};
	size_t refused = plugins_load_isolated(&ps, dirs, VS_ARRAY_LEN(dirs), &d);
	bool ok = INT_EQ(refused, 4, "isolated: four refused while loading");
	ok &= INT_EQ(ps.n, 3, "isolated: check-crash, check-exit0 and good described");
	for (size_t i = 0; i < ps.n; i++)
		ok &= OK(ps.v[i]->handle == NULL, "isolated: %s not loaded here yet", ps.v[i]->name);
	const vs_diag *x;
	x = find_diag(&d, "ctor_crash.so) crashed (Segmentation fault) while being loaded");
	ok &= OK(x && x->severity == VS_ERROR, "isolated: a constructor's crash is named");
	x = find_diag(&d, "entry_crash.so) crashed (Segmentation fault) while being loaded");
	ok &= OK(x != NULL, "isolated: an entry point's crash is named");
	x = find_diag(&d, "ctor_exit.so) called exit() while being loaded");
	ok &= OK(x != NULL, "isolated: exit() in a constructor is named");
	x = find_diag(&d, "ctor_pause.so) did not return within");
	ok &= OK(x != NULL, "isolated: a constructor that blocks is named");
	if (!ok)
		print_diags(NULL, &d);

	vs_catalog cat = {0};
	make_catalog(&cat);
	vs_diags cd = {0};
	refused = plugins_check_models(&ps, &cat, &cd);
	ok = INT_EQ(refused, 2, "isolated checks: two removed");
	if (INT_EQ(ps.n, 1, "isolated checks: good remains")) {
		STR_EQ(ps.v[0]->name, "good", "isolated checks: good");
		OK(ps.v[0]->handle != NULL, "isolated checks: good has statements: loaded here");
	}
	INT_EQ(cap(&ps, &cat.models[M_CACHED], "always_yes"), VERSUS_CAP_YES,
	       "isolated checks: the child's answer reaches the catalog");
	INT_EQ(cap(&ps, &cat.models[M_ALL], "always_yes"), VERSUS_CAP_NO,
	       "isolated checks: the record's explicit false still wins");
	OK(plugins_cap_index(&ps, "crashes") < 0, "isolated checks: the crashing check is gone");
	x = find_diag(&cd, "crashed (Segmentation fault) while checking model 'm-all'");
	ok &= OK(x && strcmp(x->where, "plugin:check-crash") == 0,
	         "isolated checks: a crash names the plugin and the model");
	x = find_diag(&cd, "ended the process (status 0) while checking model 'm-all'");
	ok &= OK(x && strcmp(x->where, "plugin:check-exit0") == 0,
	         "isolated checks: _exit(0) is not success");
	if (!ok)
		print_diags(NULL, &cd);
	catalog_free(&cat);
	diags_free(&cd);
	plugins_free(&ps);
	diags_free(&d);

	/* versus check: statements run in the child on every pair, and a crash names the pair. */
	const char *sdirs[] = {stmt_crash, good};
	plugins_load_isolated(&ps, sdirs, 2, &d);
	make_catalog(&cat);
	refused = plugins_check_all(&ps, &cat, &cd);
	INT_EQ(refused, 1, "check all: the crashing statement's plugin removed");
	x = find_diag(&cd, "crashed (Segmentation fault) in statement 'stmt_crash' for the pair "
	              "'m-all' vs 'm-cached'");
	if (!OK(x != NULL, "check all: the plugin, the statement and the pair"))
		print_diags(NULL, &cd);
	catalog_free(&cat);
	diags_free(&cd);
	plugins_free(&ps);
	diags_free(&d);

	free(ctor_crash);
	free(entry_crash);
	free(ctor_exit);
	free(ctor_pause);
	free(check_crash);
	free(check_exit0);
	free(stmt_crash);
	free(good);
}

/* }====== */

/* --load DIR...: for scripts (tests/plugins/out_of_tree.sh). */
static int load_only(int argc, char **argv)
{
	vs_plugins ps = {0};
	vs_diags d = {0};
	plugins_load(&ps, (const char *const *)argv, (size_t)argc, &d);
	for (size_t i = 0; i < ps.n; i++)
		printf("plugin %s %s %s\n", ps.v[i]->name, ps.v[i]->version, ps.v[i]->path);
	for (size_t i = 0; i < ps.n_caps; i++)
		printf("capability %s \"%s\" %s %d\n", ps.caps[i].id, ps.caps[i].label,
		       *ps.caps[i].group ? ps.caps[i].group : "-", ps.caps[i].order);
	for (size_t i = 0; i < ps.n_stmts; i++)
		printf("statement %s %s\n", ps.stmts[i].key, section_name(ps.stmts[i].section));
	print_diags(NULL, &d);
	int rc = diags_count(&d, VS_ERROR) ? 1 : 0;
	plugins_free(&ps);
	diags_free(&d);
	return rc;
}

/*
** Hardening cases 107 and 108.  A plugin file named like a system library is loaded from its
** directory, not found by ld.so's search: the host passes dlopen() a path with a slash, even
** for a relative --plugins directory.  Two plugins exporting the same symbols each call
** their own (RTLD_LOCAL), and one exporting json_object_get does not replace jansson's.
*/
static void symbols(void)
{
	char tmpl[] = "/tmp/versus-test-symbols-XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (!OK(dir != NULL, "mkdtemp"))
		return;
	char *here = getcwd(NULL, 0);
	char *plug = xasprintf("%s/plug", dir), *lib = xasprintf("%s/plug/libjansson.so", dir);
	char *rel = case_path("junk/ok.so"), *ok = realpath(rel, NULL); /* we chdir below */
	free(rel);
	mkdir(plug, 0755);
	OK(ok && symlink(ok, lib) == 0, "case 107: plugin named libjansson.so");
	vs_plugins ps;
	vs_diags d;
	if (OK(chdir(dir) == 0, "case 107: into the temporary directory")) {
		load_dirs(&ps, &d, "plug", NULL, NULL); /* relative, as --plugins plug */
		if (INT_EQ(ps.n, 1, "case 107: libjansson.so loads from its directory"))
			STR_EQ(ps.v[0]->name, "junk-ok", "case 107: the plugin, not the system library");
		if (ps.n != 1)
			print_diags(NULL, &d);
		plugins_free(&ps);
		diags_free(&d);
		OK(here && chdir(here) == 0, "back to the working directory");
	}
	unlink(lib);
	rmdir(plug);
	rmdir(dir);
	free(here);
	free(plug);
	free(lib);
	free(ok);

	char *same = case_path("same_symbols");
	INT_EQ(load_dirs(&ps, &d, same, NULL, NULL), 0, "case 108: nothing refused");
	INT_EQ(ps.n, 2, "case 108: both plugins load");
	vs_catalog cat = {0};
	make_catalog(&cat);
	vs_diags cd = {0};
	plugins_check_models(&ps, &cat, &cd);
	if (!INT_EQ(cd.n, 0, "case 108: checks run without diagnostics"))
		print_diags(NULL, &cd);
	const vs_model *all = &cat.models[M_ALL];
	INT_EQ(cap(&ps, all, "own_helper_a"), VERSUS_CAP_YES, "case 108: sym-a calls its own helper");
	INT_EQ(cap(&ps, all, "own_helper_b"), VERSUS_CAP_YES, "case 108: sym-b calls its own helper");
	INT_EQ(cap(&ps, &cat.models[M_CACHED], "vision"), 99,
	       "case 108: no shipped check loaded (the table holds only these two)");
	json_t *ctx = json_object_get(all->root, "context_window");
	OK(json_object_get(all->root, "capabilities") != NULL && ctx == NULL,
	   "case 108: the host's json_object_get is still jansson's");
	catalog_free(&cat);
	diags_free(&cd);
	plugins_free(&ps);
	diags_free(&d);
	free(same);
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--load") == 0)
		return load_only(argc - 2, argv + 2);
	if (argc != 4) {
		fprintf(stderr, "usage: test_plugins CASES_DIR SHIPPED_DIR EXAMPLE_DIR\n"
		                "       test_plugins --load DIR...\n");
		return 2;
	}
	cases_dir = argv[1];
	shipped_dir = argv[2];
	example_dir = argv[3];
	/* A short limit for the plugins that block; the rest return in microseconds. */
	setenv("VERSUS_PLUGIN_TIMEOUT_MS", "1000", 0);
	isolation(); /* first: its children fork before any plugin code ran in this process */
	refusals();
	shipped();
	model_fields();
	statements();
	two_worlds();
	bad_answer();
	children();
	file_kinds();
	permissions();
	symbols();
	return test_summary("plugins");
}
