/*
** test_engine.c — the rule engine and its sandbox, end to end: a temporary catalog of three
** small records, temporary rule directories, the build's capability plugins, engine_new and
** engine_report, and assertions on the report's items and diagnostics.
**
**     test_engine PLUGINS_DIR
**
** Covers the rule API of docs/rules.md (what a rule returns, item validation, load errors,
** m:cap, m:fact) and the Lua cases of docs/spec/hardening.md sections A-D, each under
** short limits (5M instructions, 16 MiB, 2 s) so that every hostile case stops well under a
** second.  Every hostile rule runs in an engine of its own, followed by a rule "after" that
** checks the state is sound (libraries intact, a loop of 100000 iterations runs, the view
** unchanged).
**
** Environment: VERSUS_TEST_TIME_SCALE multiplies the per-case time limit of 1 s and the
** engines' wall-clock limits (valgrind: 40, so that the instruction budget and the memory cap
** still trip before the clock); VERSUS_TEST_SKIP_BURNERS=1 skips the cases that burn CPU
** inside one C call; VERSUS_TEST_VERBOSE=1 prints each hostile case and its time.
*/
#define _GNU_SOURCE /* nftw */
#include <errno.h>
#include <ftw.h>
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "diag_helpers.h"
#include "engine.h"
#include "harness.h"
#include "plugins.h"
#include "report.h"
#include "sandbox.h"

/* {====== Fixtures: data, plugins, temporary directories */

static vs_plugins plugins;
static vs_catalog cat;
static vs_engine_limits test_limits = {5000000L, 16u * 1024u * 1024u, 2.0};
static double time_scale = 1.0;
/* Not a speed test: a hostile rule must be stopped by its instruction budget (deterministic)
** or, failing that, by the engine's wall-clock backstop (test_limits.seconds).  This limit
** only catches a containment that failed outright, so it sits far above the backstop and a
** loaded 2-core machine under ASan cannot fail it (hardening issue, item 10). */
static double time_limit = 15.0;
static bool skip_burners;
static bool verbose;
static vs_strv temp_dirs;

#define TRIP "instruction budget exceeded|time limit exceeded"

static const char *const records[][2] = {
	{"alpha",
	 "{\"id\": \"alpha\", \"name\": \"Alpha\", \"product_type\": \"Standalone API model\",\n"
	 " \"context_window\": 131072,\n"
	 " \"capabilities\": {\"vision\": true, \"tool_use\": true},\n"
	 " \"routes\": [{\"provider\": \"Alpha Cloud\",\n"
	 "              \"pricing\": {\"input_per_mtok\": 1, \"output_per_mtok\": 2}}],\n"
	 " \"last_reviewed\": \"2026-05-01\"}\n"},
	{"beta",
	 "{\"id\": \"beta\", \"name\": \"Beta\", \"__index\": \"just data\",\n"
	 " \"capabilities\": {\"vision\": false},\n"
	 " \"routes\": [{\"provider\": \"Beta API\", \"pricing\": null},\n"
	 "            {\"provider\": \"Beta Cheap\",\n"
	 "             \"pricing\": {\"input_per_mtok\": 0.5, \"output_per_mtok\": 2}}],\n"
	 " \"benchmarks\": [{\"name\": \"__gc\", \"score\": 1}]}\n"},
	{"gamma", "{\"id\": \"gamma\", \"name\": \"Gamma\", \"routes\": [{\"provider\": \"_ENV\"}]}\n"},
};

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *make_temp_dir(void)
{
	char tmpl[] = "/tmp/versus-test-engine-XXXXXX";
	if (!mkdtemp(tmpl)) {
		perror("mkdtemp");
		exit(2);
	}
	strv_push(&temp_dirs, tmpl);
	return xstrdup(tmpl);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void remove_temp_dirs(void)
{
	for (size_t i = 0; i < temp_dirs.n; i++)
		nftw(temp_dirs.v[i], remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	strv_free(&temp_dirs);
}

/* Write dir/rel (rel may be "lib/x.lua": the directory is made). */
static void write_bytes(const char *dir, const char *rel, const char *data, size_t len)
{
	char *path = xasprintf("%s/%s", dir, rel);
	char *slash = strrchr(path, '/');
	if (slash > path + strlen(dir)) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
	free(path);
}

static void write_text(const char *dir, const char *rel, const char *text)
{
	write_bytes(dir, rel, text, strlen(text));
}

/* A rules directory from {rel, content} pairs, ended by NULL. */
static char *rules_dir(const char *const *files)
{
	char *dir = make_temp_dir();
	for (size_t i = 0; files[i]; i += 2)
		write_text(dir, files[i], files[i + 1]);
	return dir;
}

static const vs_model *model(const char *id)
{
	for (size_t i = 0; i < cat.n; i++)
		if (strcmp(cat.models[i].id, id) == 0)
			return &cat.models[i];
	fprintf(stderr, "no model %s in the test catalog\n", id);
	exit(2);
}

/* An engine over one rules directory (label "rules", so sources read "rules/x.lua:N"). */
typedef struct eng {
	vs_engine *e;
	vs_diags load;
	char *dir;
} eng;

static bool eng_open_dir(eng *g, const char *dir, const vs_engine_limits *lim)
{
	memset(g, 0, sizeof *g);
	g->dir = xstrdup(dir);
	vs_rule_dir rd = {g->dir, "rules"};
	g->e = engine_new(&rd, 1, &cat, &plugins, lim ? lim : &test_limits, &g->load);
	return g->e != NULL;
}

static bool eng_open(eng *g, const char *const *files, const vs_engine_limits *lim)
{
	char *dir = rules_dir(files);
	bool ok = eng_open_dir(g, dir, lim);
	free(dir);
	return ok;
}

static void eng_close(eng *g)
{
	engine_free(g->e);
	diags_free(&g->load);
	free(g->dir);
	memset(g, 0, sizeof *g);
}

/* Make the report of (a, b) at the default traffic; returns the seconds it took. */
static double make_report(const eng *g, const char *a, const char *b, vs_report *r)
{
	static const vs_traffic t = VS_TRAFFIC_DEFAULT;
	report_init(r);
	double t0 = now();
	engine_report(g->e, model(a), model(b), &t, r);
	return now() - t0;
}

/* The first item or row with this key, in any section; its section in *sec. */
static const vs_item *find_item(const vs_report *r, const char *key, int *sec)
{
	for (int s = 0; s < VS_SEC_COUNT; s++) {
		const vs_section *x = &r->sections[s];
		for (size_t i = 0; i < x->n_items; i++)
			if (strcmp(x->items[i].key, key) == 0) {
				if (sec)
					*sec = s;
				return &x->items[i];
			}
		for (size_t i = 0; i < x->n_rows; i++)
			if (strcmp(x->rows[i].key, key) == 0) {
				if (sec)
					*sec = s;
				return &x->rows[i];
			}
	}
	return NULL;
}

static size_t count_items(const vs_report *r, const char *key)
{
	size_t n = 0;
	for (int s = 0; s < VS_SEC_COUNT; s++) {
		const vs_section *x = &r->sections[s];
		for (size_t i = 0; i < x->n_items; i++)
			n += strcmp(x->items[i].key, key) == 0;
		for (size_t i = 0; i < x->n_rows; i++)
			n += strcmp(x->rows[i].key, key) == 0;
	}
	return n;
}

static const char *item_text(const vs_report *r, const char *key)
{
	const vs_item *it = find_item(r, key, NULL);
	return it ? it->text : NULL;
}

static const vs_diag *diag_for(const vs_diags *d, const char *rule)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].rule && strcmp(d->v[i].rule, rule) == 0)
			return &d->v[i];
	return NULL;
}

static size_t diags_for(const vs_diags *d, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->v[i].rule && strcmp(d->v[i].rule, rule) == 0;
	return n;
}

static const vs_diag *diag_with(const vs_diags *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].message, needle) || strstr(d->v[i].where, needle))
			return &d->v[i];
	return NULL;
}

/* Whether msg contains one of the '|'-separated alternatives ("*" matches anything). */
static bool matches_any(const char *msg, const char *alts)
{
	if (!msg)
		return false;
	if (strcmp(alts, "*") == 0)
		return true;
	char *copy = xstrdup(alts), *save = NULL;
	bool found = false;
	for (char *a = strtok_r(copy, "|", &save); a && !found; a = strtok_r(NULL, "|", &save))
		found = strstr(msg, a) != NULL;
	free(copy);
	return found;
}

static bool starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* }====== */

/* {====== Hostile rules, one engine each */

/* The rule that runs after every hostile one: a loop that would trip a budget left sticky,
** the string library through methods and the table, and a model view. */
#define AFTER_RULE                                                                         \
	"rule{ key = \"after\", section = \"deep_dive\", fn = function(p)\n"                   \
	"  local s = 0\n"                                                                      \
	"  for i = 1, 100000 do s = s + i end\n"                                               \
	"  return { text = string.format(\"after %d %s%s%s %s\", s, (\"x\"):upper(),\n"       \
	"    (\"ab\"):rep(2), tostring(1), p.a.name) }\n"                                      \
	"end }\n"
#define AFTER_TEXT "after 5000050000 Xabab1 Alpha"

typedef struct hcase {
	const char *name;    /* hardening.md case number and what */
	const char *prelude; /* the file's top level before the rule, or NULL */
	const char *body;    /* the body of the rule's function(p) */
	const char *diag;    /* the rule fails with a message containing one of these ('|'; "*":
	                     ** any message), or NULL */
	const char *text;    /* or: the rule succeeds with exactly this text; both NULL: either */
	const char *forbid;  /* never in the rule's text, message or place */
	double seconds;      /* a wall-clock limit of its own, or 0 */
	bool burner;         /* burns CPU inside one C call (see VERSUS_TEST_SKIP_BURNERS) */
	size_t memory;       /* a memory cap of its own, or 0 */
} hcase;

static void run_hostile(const hcase *c)
{
	if (c->burner && skip_burners)
		return;
	if (verbose)
		fprintf(stderr, "case %s\n", c->name);
	vs_buf fb = {0};
	buf_add(&fb, c->prelude ? c->prelude : "");
	buf_add(&fb, "\nrule{ key = \"t\", section = \"deep_dive\", fn = function(p)\n");
	buf_add(&fb, c->body);
	buf_add(&fb, "\nend }\n" AFTER_RULE);
	char *file = buf_steal(&fb);
	const char *files[] = {"t.lua", file, NULL};
	vs_engine_limits lim = test_limits;
	if (c->seconds > 0)
		lim.seconds = c->seconds * time_scale;
	if (c->memory > 0)
		lim.memory = c->memory;
	eng g;
	double t0 = now();
	if (!OK(eng_open(&g, files, &lim), "%s: engine_new", c->name)) {
		free(file);
		return;
	}
	double load_secs = now() - t0;
	if (!INT_EQ(g.load.n, 0, "%s: the file loads without a diagnostic", c->name))
		print_diags("load", &g.load);
	vs_report r;
	double secs = make_report(&g, "alpha", "beta", &r);
	if (verbose)
		fprintf(stderr, "    %.3f s (load %.3f s)\n", secs, load_secs);
	OK(load_secs < time_limit && secs < time_limit,
	   "%s: finished in %.3f s (load %.3f s), limit %.1f s", c->name, secs, load_secs,
	   time_limit);

	const vs_diag *d = diag_for(&r.diags, "t");
	const vs_item *it = find_item(&r, "t", NULL);
	if (c->diag) {
		if (OK(d != NULL, "%s: the rule fails with a diagnostic", c->name)) {
			OK(matches_any(d->message, c->diag), "%s: message \"%s\" contains %s", c->name,
			   d->message, c->diag);
			OK(starts_with(d->where, "rules/t.lua:"), "%s: place \"%s\" is rules/t.lua:LINE",
			   c->name, d->where);
			INT_EQ(d->severity, VS_ERROR, "%s: an error", c->name);
		}
		OK(it == NULL, "%s: no item from the failing rule (got \"%s\")", c->name,
		   it && it->text ? it->text : "");
	} else if (c->text) {
		if (!OK(d == NULL, "%s: the rule succeeds", c->name))
			print_diags("report", &r.diags);
		STR_EQ(it ? it->text : NULL, c->text, "%s: the rule's text", c->name);
	} else {
		OK(d != NULL || it != NULL, "%s: either a diagnostic or an item", c->name);
	}
	if (c->forbid) {
		OK(!it || !it->text || !strstr(it->text, c->forbid), "%s: \"%s\" not in the text \"%s\"",
		   c->name, c->forbid, it && it->text ? it->text : "");
		OK(!d || (!strstr(d->message, c->forbid) && !strstr(d->where, c->forbid)),
		   "%s: \"%s\" not in the diagnostic \"%s: %s\"", c->name, c->forbid,
		   d ? d->where : "", d ? d->message : "");
	}
	INT_EQ(diags_for(&r.diags, "t"), d ? 1 : 0, "%s: one diagnostic at most", c->name);
	/* Nothing else failed, and the next rule ran normally. */
	if (!INT_EQ(r.diags.n - diags_for(&r.diags, "t"), 0, "%s: no other diagnostic", c->name))
		print_diags("report", &r.diags);
	STR_EQ(item_text(&r, "after"), AFTER_TEXT, "%s: the next rule runs normally", c->name);

	/* A second pair in the same state: still sound. */
	vs_report r2;
	make_report(&g, "beta", "alpha", &r2);
	const char *after2 = item_text(&r2, "after");
	STR_CONTAINS(after2, "after 5000050000 Xabab1 Beta", "%s: the state is sound for the next pair",
	             c->name);
	report_free(&r2);
	report_free(&r);
	eng_close(&g);
	free(file);
}

/* A verdict body: Lua collects what went wrong in `bad` and returns "ok" when nothing did. */
#define BAD_INIT "local bad = {}\nlocal function no(what) bad[#bad + 1] = what end\n"
#define BAD_RETURN "\nreturn { text = #bad == 0 and \"ok\" or table.concat(bad, \"; \") }"

static const hcase hostile_cases[] = {
	/* ---- A. library surface ---- */
	{.name = "1: io/os/package/require/debug/dofile/loadfile/rawset/print/warn/_G absent",
	 .prelude = "local function names()\n"
	            "  return table.concat({tostring(io), tostring(os), tostring(package), tostring(require),\n"
	            "    tostring(debug), tostring(dofile), tostring(loadfile), tostring(rawset),\n"
	            "    tostring(print), tostring(warn), tostring(_G), tostring(loadstring),\n"
	            "    tostring(collectgarbage ~= nil)}, \",\")\n"
	            "end\n"
	            "local AT_LOAD = names()\n",
	 .body = "return { text = AT_LOAD .. \";\" .. names() .. \";\" .. tostring(_ENV.package) .. \",\"\n"
	         "  .. tostring(rawget(_ENV, \"io\")) }",
	 .text = "nil,nil,nil,nil,nil,nil,nil,nil,nil,nil,nil,nil,true;"
	         "nil,nil,nil,nil,nil,nil,nil,nil,nil,nil,nil,nil,true;nil,nil"},
	{.name = "1: io.open refused",
	 .body = "return { text = io.open(\"/etc/passwd\", \"r\"):read(\"a\") }",
	 .diag = "is not available in rules: the sandbox has no I/O", .forbid = "root:"},
	{.name = "1: os.execute refused", .body = "os.execute(\"touch /tmp/versus-test-pwned\")",
	 .diag = "is not available in rules: the sandbox has no I/O"},
	{.name = "1: package.loadlib refused",
	 .body = "package.loadlib(\"liblua5.4.so.0\", \"luaopen_io\")", .diag = "is not available in rules: the sandbox has no I/O"},
	{.name = "1: require refused", .body = "require(\"io\")", .diag = "is not available in rules: the sandbox has no I/O"},
	{.name = "1: debug.sethook refused", .body = "debug.sethook()\nwhile true do end",
	 .diag = "is not available in rules: the sandbox has no I/O"},
	{.name = "1: dofile refused", .body = "dofile(\"/etc/passwd\")", .diag = "is not available in rules: the sandbox has no I/O"},
	/* Counting too (issue 16, item 7): memory in use differs run to run and worker to
	** worker, so a rule that printed it made sites differ. */
	{.name = "9: collectgarbage refused, counting too",
	 .body = BAD_INIT
	         "if pcall(collectgarbage) then no(\"default\") end\n"
	         "for _, opt in ipairs({\"count\", \"collect\", \"stop\", \"restart\", \"step\", \"incremental\",\n"
	         "                      \"generational\", \"isrunning\"}) do\n"
	         "  if pcall(collectgarbage, opt) then no(opt .. \" allowed\") end\n"
	         "end" BAD_RETURN,
	 .text = "ok"},
	{.name = "9: collectgarbage(\"collect\") is an error", .body = "collectgarbage(\"collect\")",
	 .diag = "collectgarbage"},
	{.name = "2: load without an environment refused",
	 .body = "local f = load(\"return 1\")\nreturn { text = tostring(f and f()) }",
	 .diag = "table expected"},
	{.name = "2: load with mode and no environment refused",
	 .body = "local f = load(\"return 1\", \"x\", \"t\")\nreturn { text = tostring(f and f()) }",
	 .diag = "table expected"},
	{.name = "10: load runs text with the environment given, nothing more",
	 .body = BAD_INIT
	         "local f = load(\"return x * 2\", \"=x\", \"t\", {x = 21})\n"
	         "if not f or f() ~= 42 then no(\"text chunk with an env\") end\n"
	         "if load(\"return tostring\", \"=x\", \"t\", {})() ~= nil then no(\"env leaks\") end\n"
	         "if pcall(load(\"y = 1\", \"=x\", \"t\", _ENV)) then no(\"wrote the rule env\") end\n"
	         "local g, e = load(\"return (\", \"=x\", \"t\", {})\n"
	         "if g ~= nil or type(e) ~= \"string\" then no(\"syntax error not reported\") end" BAD_RETURN,
	 .text = "ok"},
	{.name = "10: a loaded chunk cannot pose as another rule file",
	 .body = "load(\"error('boom')\", \"@rules/other.lua\", \"t\", { error = error })()",
	 .diag = "boom", .forbid = "other.lua"},
	{.name = "3: string.dump unreachable through (\"\").dump",
	 .body = "return { text = tostring((\"\").dump) .. \",\" .. tostring(string.dump) }",
	 .text = "nil,nil"},
	{.name = "4: string metatable protected",
	 .body = BAD_INIT
	         "if getmetatable(\"\") ~= false then no(\"getmetatable('') = \" .. tostring(getmetatable(\"\"))) end\n"
	         "if pcall(setmetatable, \"\", {}) then no(\"setmetatable on a string\") end\n"
	         "if pcall(function() getmetatable(\"\").__index.upper = function() return \"PWNED\" end end) then\n"
	         "  no(\"patched through the metatable\") end\n"
	         "if pcall(function() string.upper = function() return \"PWNED\" end end) then\n"
	         "  no(\"patched string.upper\") end\n"
	         "if pcall(function() string.rep = function() return \"PWNED\" end end) then\n"
	         "  no(\"patched string.rep\") end\n"
	         "if (\"x\"):upper() ~= \"X\" or (\"ab\"):rep(2) ~= \"abab\" then no(\"methods changed\") end"
	         BAD_RETURN,
	 .text = "ok"},
	{.name = "4: patching string.rep is an error and affects nobody",
	 .body = "string.rep = function() return \"PWNED\" end\nreturn { text = (\"x\"):rep(2) }",
	 .diag = "read-only", .forbid = "PWNED"},
	{.name = "4: patching through getmetatable(\"\") is an error",
	 .body = "getmetatable(\"\").__index.upper = function() return \"PWNED\" end",
	 .diag = "boolean", .forbid = "PWNED"},
	{.name = "5: library tables read-only",
	 .body = BAD_INIT
	         "local libs = {string = string, table = table, math = math, utf8 = utf8,\n"
	         "              coroutine = coroutine}\n"
	         "for _, name in ipairs({\"string\", \"table\", \"math\", \"utf8\", \"coroutine\"}) do\n"
	         "  if pcall(function() libs[name].concat = error end) then no(name .. \".concat\") end\n"
	         "  if pcall(function() libs[name].new_field = 1 end) then no(name .. \".new_field\") end\n"
	         "  if getmetatable(libs[name]) ~= false then no(\"getmetatable(\" .. name .. \")\") end\n"
	         "  if pcall(setmetatable, libs[name], {}) then no(\"setmetatable(\" .. name .. \")\") end\n"
	         "end\n"
	         "if pcall(function() _ENV.string = {} end) then no(\"replaced string\") end\n"
	         "if pcall(function() pairs = nil end) then no(\"replaced pairs\") end\n"
	         "if table.concat({\"a\", \"b\"}, \"-\") ~= \"a-b\" then no(\"table.concat changed\") end"
	         BAD_RETURN,
	 .text = "ok"},
	{.name = "5: table.concat = error is an error", .body = "table.concat = error",
	 .diag = "read-only"},
	{.name = "5: math.floor replaced is an error", .body = "math.floor = function() return 0 end",
	 .diag = "read-only"},
	{.name = "6: model views read-only",
	 .body = BAD_INIT
	         "if pcall(function() p.a.name = \"PWNED\" end) then no(\"p.a.name\") end\n"
	         "if pcall(function() p.a.routes[1].provider = \"PWNED\" end) then no(\"routes\") end\n"
	         "if pcall(function() p.a.capabilities.vision = false end) then no(\"capabilities\") end\n"
	         "if pcall(function() p.b = p.a end) then no(\"p.b\") end\n"
	         "if pcall(function() p.cost.a.monthly = 0 end) then no(\"p.cost\") end\n"
	         "if pcall(function() p.traffic.requests = 1 end) then no(\"p.traffic\") end\n"
	         "if pcall(function() p.capabilities[1].a = \"yes\" end) then no(\"p.capabilities\") end\n"
	         "if pcall(function() p.catalog[1] = p.b end) then no(\"p.catalog\") end\n"
	         "if rawset ~= nil then no(\"rawset present\") end\n"
	         "if pcall(rawget, p.a, \"name\") then no(\"rawget on a view\") end\n"
	         "if getmetatable(p.a) ~= false then no(\"getmetatable(view)\") end\n"
	         "if pcall(setmetatable, p.a, {}) then no(\"setmetatable(view)\") end\n"
	         "if pcall(next, p.a) then no(\"next(view)\") end\n"
	         "if p.a.name ~= \"Alpha\" or p.a.routes[1].provider ~= \"Alpha Cloud\" then\n"
	         "  no(\"the view changed\") end\n"
	         /* once read (a view may change how it answers after its first read), still read-only */
	         "local r = p.a.routes[1]\n"
	         "if r.provider ~= \"Alpha Cloud\" then no(\"provider\") end\n"
	         "if pcall(function() r.provider = \"PWNED\" end) then no(\"route after a read\") end\n"
	         "if pcall(function() p.a.routes[2] = r end) then no(\"routes[2] after a read\") end\n"
	         "if getmetatable(r) ~= false or getmetatable(p.a.routes) ~= false then\n"
	         "  no(\"getmetatable after a read\") end\n"
	         "if not rawequal(p.a.routes, p.a.routes) or not rawequal(p.a.routes[1], r) then\n"
	         "  no(\"nested views are not the same value each time\") end\n"
	         "if #p.a.routes ~= 1 or #p.b.routes ~= 2 then no(\"#routes\") end\n"
	         "if p.a.nope ~= nil or p.a.routes[1].nope ~= nil then no(\"unknown field not nil\") end\n"
	         "if type(p.a.cap) ~= \"function\" or p.a:cap(\"vision\") ~= \"yes\" then no(\"cap\") end"
	         BAD_RETURN,
	 .text = "ok"},
	{.name = "6: assigning to a model view is an error",
	 .body = "p.a.name = \"PWNED\"\nreturn { text = p.a.name }", .diag = "read-only",
	 .forbid = "PWNED"},
	{.name = "6: assigning into a nested view is an error",
	 .body = "p.a.routes[1].pricing.input_per_mtok = 0", .diag = "read-only"},
	{.name = "6: rawset is absent", .body = "rawset(p.a, \"name\", \"PWNED\")",
	 .diag = "rawset is not available in rules: views and libraries are read-only"},
	{.name = "8: a rule assigning a global fails",
	 .body = "seen = (seen or 0) + 1\nreturn { text = tostring(seen) }",
	 .diag = "cannot assign 'seen'"},
	{.name = "8: a global table defined at load cannot be reassigned",
	 .prelude = "CONFIG = { threshold = 1 }\n",
	 .body = "CONFIG = { threshold = 99 }\nreturn { text = \"reassigned\" }",
	 .diag = "cannot assign 'CONFIG'"},
	{.name = "8: a global function defined at load cannot be replaced",
	 .prelude = "function helper() return \"real\" end\n",
	 .body = "helper = function() return \"fake\" end\nreturn { text = helper() }",
	 .diag = "cannot assign 'helper'", .forbid = "fake"},
	{.name = "8: the frozen environment", .prelude = "CONFIG = { threshold = 1 }\n",
	 .body = BAD_INIT
	         "if pcall(function() _ENV.x = 1 end) then no(\"_ENV.x\") end\n"
	         "if getmetatable(_ENV) ~= false then no(\"getmetatable(_ENV)\") end\n"
	         "if pcall(setmetatable, _ENV, nil) then no(\"setmetatable(_ENV)\") end\n"
	         "if CONFIG.threshold ~= 1 then no(\"CONFIG unreadable\") end" BAD_RETURN,
	 .text = "ok"},
	{.name = "13: tostring shows no address",
	 .body = BAD_INIT
	         "for _, v in ipairs({ {}, tostring, function() end, coroutine.create(function() end) }) do\n"
	         "  local s = tostring(v)\n"
	         "  if s:find(\"0x\", 1, true) or s:find(\"%x%x%x%x%x%x\") then no(s) end\n"
	         "end\n"
	         "if tostring({}) ~= \"table\" then no(\"tostring({}) = \" .. tostring({})) end\n"
	         "if tostring(p.a) ~= \"model alpha\" then no(\"tostring(p.a) = \" .. tostring(p.a)) end"
	         BAD_RETURN,
	 .text = "ok"},
	{.name = "13: string.format(\"%s\") shows no address",
	 .body = "return { text = string.format(\"%s|%s|%s\", {}, tostring, coroutine.running()) }",
	 .forbid = "0x"},
	{.name = "13: string.format(\"%p\") shows no address",
	 .body = "return { text = string.format(\"%p\", {}) }", .forbid = "0x"},
	{.name = "14: math.random absent",
	 .body = "return { text = tostring(math.random) .. \",\" .. tostring(math.randomseed) }",
	 .text = "nil,nil"},

	/* ---- B. CPU, memory, stack ---- */
	{.name = "17: infinite loop", .body = "while true do end", .diag = TRIP},
	{.name = "17: infinite loop in a repeat", .body = "local n = 0\nrepeat n = n + 1 until false",
	 .diag = TRIP},
	{.name = "19: loop inside pcall",
	 .body = "while true do pcall(function() while true do end end) end", .diag = TRIP},
	/* The message handler of xpcall runs while the error raised by the budget hook is
	** thrown, and Lua runs it with hooks off: a handler that loops is stopped by nothing.
	** (A bounded loop here, so that a failure is slow rather than a hang.) */
	{.name = "19: xpcall whose handler loops after a trip",
	 .body = "xpcall(function() while true do end end, function() for i = 1, 3e8 do end end)\n"
	         "return { text = \"finished\" }",
	 .diag = TRIP, .burner = true},
	{.name = "19: pcall(error) forever", .body = "while true do pcall(error, \"x\") end", .diag = TRIP},
	{.name = "20: __close re-entering the loop",
	 .body = "while true do\n"
	         "  pcall(function()\n"
	         "    local x <close> = setmetatable({}, {__close = function() while true do end end})\n"
	         "    error(\"e\")\n"
	         "  end)\n"
	         "end",
	 .diag = TRIP},
	/* A coroutine kept from load time is reset once loading ends (it would carry state from
	** pair to pair, issue 16 item 7): it never runs in a pair. */
	{.name = "21: coroutine made at load time",
	 .prelude = "local co = coroutine.wrap(function() while true do end end)\n",
	 .body = "co()", .diag = "dead coroutine"},
	{.name = "21: coroutine started at load time",
	 .prelude = "local co = coroutine.wrap(function() coroutine.yield() while true do end end)\nco()\n",
	 .body = "co()", .diag = "dead coroutine"},
	{.name = "22: coroutines share one budget (50 each under it)",
	 .body = "for i = 1, 50 do\n"
	         "  coroutine.wrap(function() for j = 1, 200000 do end end)()\n"
	         "end\n"
	         "return { text = \"finished\" }",
	 .diag = TRIP},
	{.name = "22: a trip inside resume is not swallowed",
	 .body = "for i = 1, 1000 do\n"
	         "  coroutine.resume(coroutine.create(function() while true do end end))\n"
	         "end\n"
	         "return { text = \"finished\" }",
	 .diag = TRIP},
	/* Issue 19: a table rule code keeps from load (a file's local) sits behind a write barrier
	** so that only what a pair wrote is put back: reads, #, pairs, ipairs and the table
	** library see every write, and the barrier's metatable cannot be replaced. */
	{.name = "issue 19: writes to a file's local table, read back every way",
	 .prelude = "local t = {3, 1, 2, k = \"v\"}\n",
	 .body = "t[4] = 0\ntable.insert(t, 9)\ntable.remove(t, 1)\ntable.sort(t)\n"
	         "local ks, n = {}, 0\n"
	         "for k in pairs(t) do ks[#ks + 1] = tostring(k) end\n"
	         "for _ in ipairs(t) do n = n + 1 end\n"
	         "return { text = table.concat(t, \",\") .. \" #\" .. #t .. \" \" .. n .. \" \" ..\n"
	         "  table.concat(ks, \",\") .. \" \" .. t.k .. \" \" .. select(2, table.unpack(t)) }",
	 .text = "0,1,2,9 #4 4 1,2,3,4,k v 1"},
	{.name = "issue 19: a file's local table used as a metatable in a pair keeps its fields",
	 .prelude = "local mt = { __index = function(t, k) return k .. \"!\" end }\n",
	 .body = "local o = setmetatable({}, mt)\nreturn { text = o.hi }",
	 .text = "hi!"},
	/* The write barrier empties a file's local tables into stores: what a rule returns, and
	** what rawget and rawlen read, must still be their fields. */
	{.name = "issue 19: a rule returns a list its file built when it loaded",
	 .prelude = "local ITEMS = { { text = \"built at load\" } }\n",
	 .body = "return ITEMS", .text = "built at load"},
	{.name = "issue 19: a rule returns an item its file built when it loaded, in a new list",
	 .prelude = "local ONE = { text = \"nested at load\" }\n",
	 .body = "return { ONE }", .text = "nested at load"},
	{.name = "issue 19: a result sharing its tables (2^40 paths, a cycle) is read in linear time",
	 .body = "local t = { text = \"shared\" }\nfor i = 1, 40 do t = { t, t } end\n"
	         "local c = { text = \"cyclic\" }\nc.self = c\nreturn { t, c }",
	 .diag = "*"},
	{.name = "issue 19: rawget and rawlen read a file's local table's fields",
	 .prelude = "local t = { a = \"x\", 1, 2 }\n",
	 .body = "t.b = \"y\"\nreturn { text = rawget(t, \"a\") .. rawget(t, \"b\") .. rawlen(t) .. rawlen(\"abc\") }",
	 .text = "xy23"},
	{.name = "issue 19: setmetatable on a file's local table is refused (the write barrier stays)",
	 .prelude = "local t = {1, 2}\n",
	 .body = "setmetatable(t, {})\nreturn { text = \"replaced\" }",
	 .diag = "protected metatable", .forbid = "replaced"},
	{.name = "23: __gc refused",
	 .body = "setmetatable({}, { __gc = function() while true do end end })\nreturn { text = \"armed\" }",
	 .diag = "__gc"},
	{.name = "23: __gc added after setmetatable never runs",
	 .body = "local mt = {}\nlocal t = setmetatable({}, mt)\n"
	         "mt.__gc = function() while true do end end\n"
	         "t = nil\nreturn { text = \"ok\" }",
	 .text = "ok"},
	{.name = "25: memory bomb: table growth",
	 .body = "local t = {}\nfor i = 1, 1e8 do t[i] = (\"x\"):rep(1000) .. i end",
	 .diag = "memory"},
	{.name = "25: memory bomb: doubling a string",
	 .body = "local s = \"x\"\nwhile true do s = s .. s end", .diag = "memory"},
	{.name = "25: memory bomb: string.rep of 1 GiB", .body = "return { text = (\"x\"):rep(1 << 30) }",
	 .diag = "too large|memory"},
	{.name = "25: memory bomb: two 15 MiB strings",
	 .body = "local a = (\"x\"):rep(15 << 20)\nlocal b = (\"y\"):rep(15 << 20)\n"
	         "return { text = tostring(#a + #b) }",
	 .diag = "memory"},
	/* The allocator refuses and pcall catches the memory error; the trip is sticky only
	** from the next hook, 1000 instructions away: a rule that returns before then must
	** still fail, since it ran past its cap. */
	{.name = "25: a memory error swallowed by pcall just before returning",
	 .body = "pcall(function() local a = (\"x\"):rep(15 << 20) local b = (\"y\"):rep(15 << 20) end)\n"
	         "return { text = \"swallowed\" }",
	 .diag = "memory"},
	{.name = "25: memory bomb inside pcall",
	 .body = "while true do\n"
	         "  pcall(function() local t = {} while true do t[#t + 1] = (\"x\"):rep(4096) end end)\n"
	         "end",
	 .diag = "memory"},
	{.name = "29: deep Lua recursion (16 MiB: the stack or the cap, whichever comes first)",
	 .body = "local function f(n) return 1 + f(n + 1) end\nreturn { text = tostring(f(1)) }",
	 .diag = "stack overflow|memory"},
	{.name = "29: deep Lua recursion (64 MiB: a stack overflow)",
	 .body = "local function f(n) return 1 + f(n + 1) end\nreturn { text = tostring(f(1)) }",
	 .diag = "stack overflow", .memory = 64u << 20},
	{.name = "30: C-stack recursion through __index",
	 .body = "local t = setmetatable({}, { __index = function(t, k) return t[k] end })\n"
	         "return { text = tostring(t.x) }",
	 .diag = "stack overflow"},
	{.name = "30: C-stack recursion through gsub callbacks",
	 .body = "local function f(s) return (s:gsub(\".\", f)) end\nreturn { text = f(\"abc\") }",
	 .diag = "stack overflow"},
	{.name = "30: C-stack recursion through __tostring",
	 .body = "local t\nt = setmetatable({}, { __tostring = function(x) return tostring(x) end })\n"
	         "return { text = tostring(t) }",
	 .diag = "stack overflow"},
	{.name = "30: parser nesting 100000 deep",
	 .body = "local f, e = load(\"return \" .. (\"{\"):rep(100000) .. (\"}\"):rep(100000), \"=x\", \"t\", {})\n"
	         "return { text = (f == nil and type(e) == \"string\") and \"ok\" or \"parsed\" }",
	 .text = "ok"},
	{.name = "31: pattern blow-up refused (string.find)",
	 .body = "return { text = tostring(string.find((\"a\"):rep(200), (\".-\"):rep(4) .. \"b\")) }",
	 .diag = "pattern"},
	{.name = "31: pattern blow-up refused (method match)",
	 .body = "local s = (\"a\"):rep(200)\nreturn { text = tostring(s:match((\".-\"):rep(4) .. \"b\")) }",
	 .diag = "pattern"},
	{.name = "31: pattern blow-up refused (gmatch)",
	 .body = "for m in (\"a\"):rep(200):gmatch((\".-\"):rep(4) .. \"b\") do end\n"
	         "return { text = \"finished\" }",
	 .diag = "pattern"},
	{.name = "31: pattern blow-up refused (gsub)",
	 .body = "return { text = ((\"a\"):rep(200):gsub((\".-\"):rep(4) .. \"b\", \"\")) }",
	 .diag = "pattern"},
	{.name = "31: plain find is not refused",
	 .body = "return { text = tostring(string.find((\"a\"):rep(100000) .. \"b\", (\".-\"):rep(4), 1, true)) }",
	 .text = "nil"},
	{.name = "31: a long pattern without quantifiers on a 100 KB subject",
	 .body = "return { text = tostring(string.match((\"a\"):rep(100000), (\"a\"):rep(4000) .. \"b\")) }",
	 .burner = true},
	/* Within the cap (31001^2 < 1e9) yet about 5e8 steps of the matcher in one C call. */
	{.name = "31: one lazy quantifier on a 31000-byte subject",
	 .body = "return { text = tostring(string.find((\"a\"):rep(31000), \".-b\")) }",
	 .burner = true},
	{.name = "32: (\"\"):rep(3e9) refused", .body = "return { text = (\"\"):rep(3e9) }",
	 .diag = "too large"},
	{.name = "32: string.rep with a separator refused",
	 .body = "return { text = (\"x\"):rep(1e7, (\"y\"):rep(10)) }", .diag = "too large"},
	{.name = "32: table.move huge range refused", .body = "table.move({}, 1, 3e9, 1)",
	 .diag = "too large"},
	{.name = "32: table.move over the whole integer range refused",
	 .body = "table.move({}, math.mininteger, math.maxinteger, 1)",
	 .diag = "too large|too many"},
	{.name = "32: table.unpack huge range refused", .body = "table.unpack({}, 1, 1e8)",
	 .diag = "too many"},
	{.name = "32: front inserts stopped by the wall clock",
	 .body = "local t = {}\nfor i = 1, 100000 do t[i] = i end\n"
	         "for i = 1, 100000 do table.insert(t, 1, 0) table.remove(t, 1) end\n"
	         "return { text = \"finished\" }",
	 .diag = TRIP, .seconds = 0.3},
	{.name = "32: table.insert over a huge __len",
	 .body = "table.insert(setmetatable({}, { __len = function() return 1e8 end }), 1, 0)\n"
	         "return { text = \"finished\" }",
	 .burner = true},
	{.name = "32: table.remove over a huge __len",
	 .body = "table.remove(setmetatable({}, { __len = function() return 1e8 end }), 1)\n"
	         "return { text = \"finished\" }",
	 .burner = true},
	{.name = "32: table.concat through a C __index",
	 .body = "local s = table.concat(setmetatable({}, { __index = table.concat }), \"\", 1, 1e7)\n"
	         "return { text = \"finished \" .. #s }",
	 .burner = true},
	{.name = "34: integer-range edges of standard functions",
	 .body = BAD_INIT
	         "if pcall(table.unpack, {}, math.mininteger, math.maxinteger) then no(\"unpack\") end\n"
	         "if (\"x\"):rep(-1) ~= \"\" then no(\"rep(-1)\") end\n"
	         "if pcall(string.format, \"%d\", 2^63) then no(\"%d of 2^63\") end\n"
	         "pcall(utf8.char, 0x7FFFFFFF)\n"
	         "if math.tointeger(2^53) ~= 9007199254740992 then no(\"tointeger\") end\n"
	         "if pcall(string.rep, \"x\", math.maxinteger) then no(\"rep maxinteger\") end" BAD_RETURN,
	 .text = "ok"},

	/* ---- C. host boundary and error objects ---- */
	{.name = "36: error object whose __tostring errors",
	 .body = "error(setmetatable({}, { __tostring = function() error(\"again\") end }))",
	 .diag = "table value", .forbid = "0x"},
	{.name = "36: error object whose __tostring loops",
	 .body = "error(setmetatable({}, { __tostring = function() while true do end end }))",
	 .diag = "table value|instruction budget|time limit", .forbid = "0x"},
	{.name = "37: error()", .body = "error()", .diag = "nil"},
	{.name = "37: error(nil)", .body = "error(nil)", .diag = "nil"},
	{.name = "37: error(false)", .body = "error(false)", .diag = "boolean"},
	{.name = "37: error(42)", .body = "error(42)", .diag = "42"},
	{.name = "38: error({code = 42}) has no address", .body = "error({code = 42})",
	 .diag = "table value", .forbid = "0x"},
	{.name = "39: a returned item's metamethods are never called",
	 .body = "return setmetatable({ text = \"raw ok\" }, {\n"
	         "  __index = function() error(\"x\") end, __tostring = function() error(\"y\") end,\n"
	         "  __len = function() while true do end end,\n"
	         "  __pairs = function() return function() return 1, 1 end end })",
	 .text = "raw ok"},
	{.name = "39: a returned list's looping __len is never called",
	 .body = "return setmetatable({ { text = \"first\" } }, { __len = function() while true do end end })",
	 .text = "first"},
	{.name = "39: text that is a table with __tostring",
	 .body = "return { text = setmetatable({}, { __tostring = function() return \"hidden\" end }) }",
	 .diag = "must be a string", .forbid = "hidden"},
	{.name = "40: a list that contains itself", .body = "local t = {}\nt[1] = t\nreturn t",
	 .diag = "*"},
	{.name = "40: a result 100000 tables deep",
	 .body = "local t = {}\nfor i = 1, 100000 do t = { t } end\nreturn t", .diag = "*"},
	{.name = "40: values that contain themselves",
	 .body = "local v = {}\nv[1] = v\nreturn { text = \"x\", values = v }",
	 .diag = "must be a string"},
	{.name = "41: yield outside a coroutine", .body = "coroutine.yield(1)",
	 .diag = "outside a coroutine"},
	{.name = "41: yield across a C-call boundary",
	 .body = "coroutine.wrap(function()\n"
	         "  table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end)\n"
	         "end)()",
	 .diag = "C-call boundary"},
	{.name = "45: data keys named like metamethods are data",
	 .body = BAD_INIT
	         "local v = p.b.__index\n"
	         "if v ~= nil and v ~= \"just data\" then no(\"__index = \" .. tostring(v)) end\n"
	         "if p.b.benchmarks[1].name ~= \"__gc\" then no(\"benchmark name\") end\n"
	         "if p.b.name ~= \"Beta\" then no(\"name\") end\n"
	         "if getmetatable(p.b) ~= false then no(\"metatable\") end" BAD_RETURN,
	 .text = "ok"},
};

/* Case 2 with real bytecode: made here with the host's own Lua, then written into the rule
** as a string literal of decimal escapes. */
static int dump_writer(lua_State *L, const void *p, size_t sz, void *ud)
{
	(void)L;
	buf_addn(ud, p, sz);
	return 0;
}

static char *bytecode_of(const char *code, size_t *len)
{
	lua_State *L = luaL_newstate();
	vs_buf b = {0};
	if (!L || luaL_loadstring(L, code) != LUA_OK || lua_dump(L, dump_writer, &b, 0) != 0) {
		fprintf(stderr, "cannot make bytecode\n");
		exit(2);
	}
	lua_close(L);
	*len = b.len;
	if (!b.s)
		buf_add(&b, "");
	return buf_steal(&b);
}

static char *lua_escaped(const char *s, size_t len)
{
	vs_buf b = {0};
	buf_addc(&b, '"');
	for (size_t i = 0; i < len; i++)
		buf_printf(&b, "\\%03u", (unsigned char)s[i]);
	buf_addc(&b, '"');
	return buf_steal(&b);
}

static void test_bytecode(void)
{
	size_t len;
	char *bc = bytecode_of("return 'ran bytecode'", &len);
	char *lit = lua_escaped(bc, len);
	char *prelude = xasprintf("local BC = %s\n", lit);
	const char *body =
		BAD_INIT
		"local f, e = load(BC, \"=x\", \"t\", {})\n"
		"if f ~= nil then no(\"mode t loaded bytecode: \" .. tostring(f())) end\n"
		"if not tostring(e):find(\"binary\", 1, true) then no(\"mode t: \" .. tostring(e)) end\n"
		"f = load(BC, \"=x\", \"bt\", {})\n"
		"if f ~= nil then no(\"mode bt loaded bytecode: \" .. tostring(f())) end\n"
		"f = load(BC, \"=x\", nil, {})\n"
		"if f ~= nil then no(\"default mode loaded bytecode: \" .. tostring(f())) end\n"
		"local ok, g = pcall(load, BC, \"=x\", \"b\", {})\n"
		"if ok and g ~= nil then no(\"mode b loaded bytecode: \" .. tostring(g())) end\n"
		"local h = load(\"\\27Lua\\84\\0\\25\\147\\13\\10\\26\\10\" .. (\"\\0\"):rep(32), \"=x\", \"bt\", {})\n"
		"if h ~= nil then no(\"a bytecode header loaded\") end" BAD_RETURN;
	hcase c = {"2: binary chunks through load refused", prelude, body, NULL, "ok", "ran bytecode",
	           0, false, 0};
	run_hostile(&c);
	hcase c2 = {"2: load(..., \"b\") is an error", prelude,
	            "local f = load(BC, \"=x\", \"b\", {})\nreturn { text = tostring(f and f()) }",
	            "binary", NULL, "ran bytecode", 0, false, 0};
	run_hostile(&c2);

	/* A rule file that is itself bytecode is refused at load (text mode only). */
	size_t flen;
	char *fbc = bytecode_of("rule{ key = \"bc\", section = \"deep_dive\", fn = function(p)\n"
	                        "  return { text = \"ran bytecode\" } end }\n",
	                        &flen);
	char *dir = make_temp_dir();
	write_bytes(dir, "bc.lua", fbc, flen);
	write_text(dir, "ok.lua",
	           "rule{ key = \"ok\", section = \"deep_dive\", fn = function(p) return { text = \"ok\" } end }\n");
	eng g;
	if (OK(eng_open_dir(&g, dir, NULL), "bytecode file: engine_new")) {
		const vs_diag *d = diag_with(&g.load, "binary");
		if (OK(d != NULL, "a bytecode rule file is a load error"))
			STR_CONTAINS(d->where, "rules/bc.lua", "the error names the file");
		vs_report r;
		make_report(&g, "alpha", "beta", &r);
		OK(find_item(&r, "bc", NULL) == NULL, "the bytecode file's rule never registered");
		STR_EQ(item_text(&r, "ok"), "ok", "the other file still loads");
		report_free(&r);
		eng_close(&g);
	}
	free(dir);
	free(fbc);
	free(prelude);
	free(lit);
	free(bc);
}

static void test_hostile(void)
{
	for (size_t i = 0; i < VS_ARRAY_LEN(hostile_cases); i++)
		run_hostile(&hostile_cases[i]);
	test_bytecode();
}

/* }====== */

/* {====== The rule API: what a rule returns, and item validation */

static const char items_lua[] =
	"section{ id = \"tradeoffs\", title = \"Decision tradeoffs\", style = \"list\" }\n" /* 1 */
	"rule{ key = \"one\", section = \"tradeoffs\", fn = function(p)\n"                   /* 2 */
	"  return { text = \"one item\" }\n"
	"end }\n"
	"rule{ key = \"list\", section = \"tradeoffs\", fn = function(p)\n" /* 5 */
	"  return { { text = \"first\" },\n"
	"           { text = \"second\", key = \"list.second\", about = { p.b, \"alpha\" },\n"
	"             values = { \"x\", \"y\" } } }\n"
	"end }\n"
	"rule{ key = \"none\", section = \"tradeoffs\", fn = function(p) return nil end }\n" /* 10 */
	"rule{ key = \"empty\", section = \"tradeoffs\", fn = function(p) return {} end }\n"
	"rule{ key = \"row\", section = \"specs\", fn = function(p)\n" /* 12 */
	"  return { cells = { \"Context window\", \"131k\", \"—\" } }\n"
	"end }\n"
	"rule{ key = \"faq.one\", section = \"faq\", fn = function(p)\n" /* 15 */
	"  return { question = \"Q?\", answer = \"A.\" }\n"
	"end }\n"
	"rule{ key = \"bad.unknown\", section = \"tradeoffs\", fn = function(p)\n" /* 18 */
	"  return { txt = \"typo\" }\n"
	"end }\n"
	"rule{ key = \"bad.both\", section = \"tradeoffs\", fn = function(p)\n" /* 21 */
	"  return { text = \"x\", cells = { \"a\" } }\n"
	"end }\n"
	"rule{ key = \"bad.about\", section = \"tradeoffs\", fn = function(p)\n" /* 24 */
	"  return { text = \"x\", about = { {} } }\n"
	"end }\n"
	"rule{ key = \"bad.about2\", section = \"tradeoffs\", fn = function(p)\n" /* 27 */
	"  return { text = \"x\", about = \"alpha\" }\n"
	"end }\n"
	"rule{ key = \"bad.second\", section = \"tradeoffs\", fn = function(p)\n" /* 30 */
	"  return { { text = \"fine\", key = \"bad.second.fine\" }, { text = {} } }\n"
	"end }\n"
	"rule{ key = \"bad.qa\", section = \"faq\", fn = function(p)\n" /* 33 */
	"  return { question = \"Q only\" }\n"
	"end }\n"
	"rule{ key = \"bad.return\", section = \"tradeoffs\", fn = function(p)\n" /* 36 */
	"  return \"a string\"\n"
	"end }\n"
	"rule{ key = \"bad.key\", section = \"tradeoffs\", fn = function(p)\n" /* 39 */
	"  return { text = \"x\", key = \"\" }\n"
	"end }\n"
	"rule{ key = \"bad.values\", section = \"tradeoffs\", fn = function(p)\n" /* 42 */
	"  return { text = \"x\", values = { 1, {} } }\n"
	"end }\n"
	"rule{ key = \"raise\", section = \"tradeoffs\", fn = function(p)\n" /* 45 */
	"  local x = nil\n"
	"  return { text = x.field }\n" /* 47 */
	"end }\n"
	"rule{ key = \"last\", section = \"tradeoffs\", fn = function(p)\n" /* 49 */
	"  return { text = \"last item\" }\n"
	"end }\n";

static void check_bad_item(const vs_report *r, const char *key, const char *where,
                           const char *needle)
{
	const vs_diag *d = diag_for(&r->diags, key);
	if (!OK(d != NULL, "%s: a diagnostic naming the rule", key))
		return;
	STR_EQ(d->where, where, "%s: the diagnostic's file:line", key);
	STR_CONTAINS(d->message, needle, "%s: the message", key);
	INT_EQ(count_items(r, key), 0, "%s: no items from that rule", key);
}

static void test_items(void)
{
	const char *files[] = {"items.lua", items_lua, NULL};
	eng g;
	if (!OK(eng_open(&g, files, NULL), "items: engine_new"))
		return;
	if (!INT_EQ(g.load.n, 0, "items: loads cleanly"))
		print_diags("load", &g.load);
	vs_report r;
	make_report(&g, "alpha", "beta", &r);

	int sec = -1;
	const vs_item *it = find_item(&r, "one", &sec);
	if (OK(it != NULL, "one item")) {
		STR_EQ(it->text, "one item", "its text");
		INT_EQ(sec, VS_SEC_TRADEOFFS, "in the rule's section");
		STR_EQ(it->source, "rules/items.lua:2", "source: the file and the line of rule{}");
		INT_EQ(it->about.n, 2, "about defaults to both models");
		if (it->about.n == 2) {
			STR_EQ(it->about.v[0], "alpha", "about[1] = a");
			STR_EQ(it->about.v[1], "beta", "about[2] = b");
		}
		INT_EQ(it->values.n, 0, "values default to empty");
		STR_EQ(it->origin, NULL, "no origin for the directory labelled \"rules\"");
	}
	STR_EQ(r.sections[VS_SEC_TRADEOFFS].title, "Decision tradeoffs", "section{} sets the title");
	INT_EQ(r.sections[VS_SEC_TRADEOFFS].style, VS_STYLE_LIST, "section{} sets the style");

	it = find_item(&r, "list", NULL);
	OK(it && it->text && strcmp(it->text, "first") == 0, "a list: first item, default key");
	it = find_item(&r, "list.second", NULL);
	if (OK(it != NULL, "a list: second item with its own key")) {
		STR_EQ(it->text, "second", "its text");
		INT_EQ(it->about.n, 2, "about from views and ids");
		if (it->about.n == 2) {
			STR_EQ(it->about.v[0], "beta", "a model view becomes its id");
			STR_EQ(it->about.v[1], "alpha", "an id stays");
		}
		INT_EQ(it->values.n, 2, "values");
		if (it->values.n == 2)
			OK(strcmp(it->values.v[0], "x") == 0 && strcmp(it->values.v[1], "y") == 0,
			   "values in order");
	}
	/* Items land in registration order within the section. */
	const vs_section *tr = &r.sections[VS_SEC_TRADEOFFS];
	if (OK(tr->n_items == 4, "tradeoffs has one, first, second, last (got %zu)", tr->n_items)) {
		STR_EQ(tr->items[0].key, "one", "order 1");
		STR_EQ(tr->items[1].key, "list", "order 2");
		STR_EQ(tr->items[2].key, "list.second", "order 3");
		STR_EQ(tr->items[3].key, "last", "order 4: a failing rule does not stop later ones");
	}
	INT_EQ(count_items(&r, "none"), 0, "nil: no item");
	OK(diag_for(&r.diags, "none") == NULL, "nil: no diagnostic");
	INT_EQ(count_items(&r, "empty"), 0, "an empty list: no item");
	OK(diag_for(&r.diags, "empty") == NULL, "an empty list: no diagnostic");

	const vs_section *specs = &r.sections[VS_SEC_SPECS];
	if (OK(specs->n_rows == 1 && specs->n_items == 0, "cells make a table row, not an item")) {
		STR_EQ(specs->rows[0].key, "row", "row key");
		INT_EQ(specs->rows[0].cells.n, 3, "three cells");
		if (specs->rows[0].cells.n == 3)
			STR_EQ(specs->rows[0].cells.v[2], "—", "cells as given");
	}
	it = find_item(&r, "faq.one", NULL);
	if (OK(it != NULL, "a FAQ item")) {
		STR_EQ(it->question, "Q?", "question");
		STR_EQ(it->answer, "A.", "answer");
		STR_EQ(it->text, NULL, "no text");
	}

	check_bad_item(&r, "bad.unknown", "rules/items.lua:18", "unknown field 'txt'");
	check_bad_item(&r, "bad.both", "rules/items.lua:21", "exactly one of");
	check_bad_item(&r, "bad.about", "rules/items.lua:24", "about");
	check_bad_item(&r, "bad.about2", "rules/items.lua:27", "about");
	check_bad_item(&r, "bad.second", "rules/items.lua:30", "text");
	INT_EQ(count_items(&r, "bad.second.fine"), 0,
	       "all or nothing: a good item beside a bad one is dropped too");
	check_bad_item(&r, "bad.qa", "rules/items.lua:33", "question");
	check_bad_item(&r, "bad.return", "rules/items.lua:36", "string");
	check_bad_item(&r, "bad.key", "rules/items.lua:39", "key");
	check_bad_item(&r, "bad.values", "rules/items.lua:42", "values");
	const vs_diag *d = diag_for(&r.diags, "raise");
	if (OK(d != NULL, "a rule raising an error is a diagnostic")) {
		STR_EQ(d->where, "rules/items.lua:47", "the line of the error");
		STR_CONTAINS(d->message, "attempt to index a nil value", "the Lua message");
		OK(!starts_with(d->message, "rules/"), "the place is not repeated in the message");
	}
	if (!INT_EQ(r.diags.n, 10, "one diagnostic per bad rule, nothing else"))
		print_diags("report", &r.diags);
	/* Diagnostics in rule order. */
	if (r.diags.n == 10) {
		STR_EQ(r.diags.v[0].rule, "bad.unknown", "first diagnostic");
		STR_EQ(r.diags.v[9].rule, "raise", "last diagnostic");
	}
	report_free(&r);
	eng_close(&g);
}

/* }====== */

/* {====== Load errors */

static const char *const load_files[] = {
	"10-loop.lua",
	"rule{ key = \"loop.early\", section = \"deep_dive\", fn = function(p) return { text = \"early\" } end }\n"
	"while true do end\n",
	"11-gc.lua", "setmetatable({}, { __gc = function() while true do end end })\n",
	"12-fill.lua",
	"head = nil\n"
	"for _, size in ipairs({65536, 4096, 256, 16, 1}) do\n"
	"  pcall(function() while true do head = {next = head, s = (\"x\"):rep(size)} end end)\n"
	"end\n"
	"rule{ key = \"fill\", section = \"deep_dive\", fn = function(p) return { text = \"rule ran\" } end }\n",
	"14-dup.lua",
	"rule{ key = \"dup\", section = \"deep_dive\", fn = function(p) return { text = \"dup 14\" } end }\n",
	"15-dup.lua",
	"rule{ key = \"dup15.other\", section = \"deep_dive\", fn = function(p) return { text = \"x\" } end }\n"
	"rule{ key = \"dup\", section = \"deep_dive\", fn = function(p) return { text = \"dup 15\" } end }\n",
	"16-section.lua",
	"rule{ key = \"nosection\", section = \"nope\", fn = function(p) return { text = \"x\" } end }\n",
	"17-syntax.lua", "rule{ key = \"syntax\", section = \n",
	"18-error.lua", "\nerror(\"top level boom\")\n",
	"19-ok.lua",
	"rule{ key = \"ok\", section = \"deep_dive\", fn = function(p) return { text = \"still loaded\" } end }\n",
	"20-shared.lua",
	"SHARED = \"from 20\"\n"
	"rule{ key = \"shared.own\", section = \"deep_dive\", fn = function(p) return { text = SHARED } end }\n",
	"21-peek.lua",
	"rule{ key = \"shared.peek\", section = \"deep_dive\", fn = function(p)\n"
	"  return { text = tostring(SHARED) .. \" \" .. tostring(h.twice(21)) }\n"
	"end }\n",
	"22-helper.lua",
	"rule{ key = \"helper.boom\", section = \"deep_dive\", fn = function(p)\n"
	"  local x = 1\n"
	"  h.boom()\n" /* line 3 */
	"end }\n",
	/* 6 MiB each: string.rep's buffer and its copy take twice that at once, under the
	** test's 16 MiB cap */
	"23-retain.lua", "BIG = (\"x\"):rep(6 << 20)\n",
	"24-alloc.lua",
	"rule{ key = \"alloc\", section = \"deep_dive\", fn = function(p)\n"
	"  local s = (\"y\"):rep(6 << 20)\n"
	"  return { text = tostring(#s) }\n"
	"end }\n",
	"25-fact.lua",
	"fact{ key = \"f\", fn = function(m) return m.id end }\n"
	"fact{ key = \"f\", fn = function(m) return m.id end }\n",
	"26-late.lua",
	"rule{ key = \"late\", section = \"deep_dive\", fn = function(p)\n"
	"  rule{ key = \"sneaky\", section = \"deep_dive\", fn = function() return { text = \"x\" } end }\n"
	"end }\n",
	"30-partial.lua",
	"section{ id = \"faq\", title = \"From a broken file\" }\n"
	"title{ fn = function(p) return \"broken title\" end }\n"
	"fact{ key = \"partial\", fn = function(m) return \"partial\" end }\n"
	"error(\"broken after registering\")\n",
	"31-after.lua",
	"section{ id = \"faq\", title = \"FAQ\" }\n"
	"title{ fn = function(p) return p.a.name .. \" vs \" .. p.b.name end }\n"
	"rule{ key = \"partial.fact\", section = \"faq\", fn = function(p)\n"
	"  return { text = tostring(p.a:fact(\"partial\")) }\n"
	"end }\n",
	"lib/h.lua",
	"local M = {}\n"
	"function M.boom() error(\"bad\", 2) end\n"
	"function M.twice(x) return x * 2 end\n"
	"return M\n",
	"lib/notable.lua", "return 42\n",
	NULL,
};

static void test_load_errors(void)
{
	eng g;
	double t0 = now();
	if (!OK(eng_open(&g, load_files, NULL), "load errors: engine_new"))
		return;
	double secs = now() - t0;
	OK(secs < 2 * time_limit, "loading, load-time loop included, took %.3f s", secs);

	const vs_diag *d = diag_with(&g.load, "rules/10-loop.lua");
	if (OK(d != NULL, "a file that loops at load time is a load diagnostic")) {
		OK(matches_any(d->message, TRIP), "its message: %s", d->message);
		STR_EQ(d->where, "rules/10-loop.lua:2", "the place: the loop's line");
	}
	d = diag_with(&g.load, "rules/11-gc.lua");
	if (OK(d != NULL, "__gc at load time is a load diagnostic"))
		STR_CONTAINS(d->message, "__gc", "its message");
	d = diag_with(&g.load, "rules/12-fill.lua");
	if (OK(d != NULL, "filling memory at load time is a load diagnostic, not an abort"))
		STR_CONTAINS(d->message, "memory", "its message");
	d = diag_with(&g.load, "duplicate rule key");
	if (OK(d != NULL, "a duplicate rule key across files is a load error")) {
		STR_EQ(d->where, "rules/15-dup.lua:2", "it names the second place");
		STR_CONTAINS(d->message, "rules/14-dup.lua:1", "and the first");
		STR_CONTAINS(d->message, "'dup'", "and the key");
	}
	d = diag_with(&g.load, "unknown section");
	if (OK(d != NULL, "an unknown section is a load error")) {
		STR_EQ(d->where, "rules/16-section.lua:1", "the place");
		STR_CONTAINS(d->message, "'nope'", "the section named");
	}
	d = diag_with(&g.load, "rules/17-syntax.lua");
	OK(d != NULL, "a syntax error is a load diagnostic");
	d = diag_with(&g.load, "top level boom");
	if (OK(d != NULL, "an error at the top level is a load diagnostic"))
		STR_EQ(d->where, "rules/18-error.lua:2", "the place");
	d = diag_with(&g.load, "registered twice");
	if (OK(d != NULL, "a fact registered twice is a load error"))
		STR_CONTAINS(d->where, "rules/25-fact.lua", "the place");
	d = diag_with(&g.load, "rules/lib/notable.lua");
	if (OK(d != NULL, "a helper library returning a non-table is a load error"))
		STR_CONTAINS(d->message, "table", "the message");
	d = diag_with(&g.load, "broken after registering");
	if (OK(d != NULL, "an error after section{}, title{} and fact{} is a load error"))
		STR_EQ(d->where, "rules/30-partial.lua:4", "the place");
	d = diag_with(&g.load, "rules/31-after.lua");
	OK(d == NULL, "a file that failed to load leaves no section{} or title{} behind (got \"%s: %s\")",
	   d ? d->where : "", d ? d->message : "");
	if (!INT_EQ(g.load.n, 10, "exactly these load diagnostics"))
		print_diags("load", &g.load);

	vs_report r;
	make_report(&g, "alpha", "beta", &r);
	INT_EQ(count_items(&r, "loop.early"), 0, "a rule registered before the load failure is dropped");
	INT_EQ(count_items(&r, "fill"), 0, "the file that failed to load has no rule");
	STR_EQ(item_text(&r, "dup"), "dup 14", "the first registration of a key stays");
	INT_EQ(count_items(&r, "dup"), 1, "the duplicate is not registered");
	INT_EQ(count_items(&r, "dup15.other"), 0, "nor the rest of the file that duplicated it");
	INT_EQ(count_items(&r, "nosection"), 0, "the rule with an unknown section is not registered");
	STR_EQ(item_text(&r, "ok"), "still loaded", "the other files still load");
	STR_EQ(item_text(&r, "shared.own"), "from 20", "a file reads its own globals");
	STR_EQ(item_text(&r, "shared.peek"), "nil 42",
	       "a file cannot see another file's globals; helper libraries are globals");
	STR_EQ(item_text(&r, "alloc"), "6291456",
	       "memory retained at load does not count against a later call's cap");

	d = diag_for(&r.diags, "helper.boom");
	if (OK(d != NULL, "an error in a helper is a diagnostic of the calling rule")) {
		STR_CONTAINS(d->message, "bad", "the helper's message");
		/* hardening.md case 42: error("bad", 2) blames the caller, the rule file's line. */
		STR_EQ(d->where, "rules/22-helper.lua:3", "error(msg, 2) in a helper names the rule's line");
	}
	d = diag_for(&r.diags, "late");
	if (OK(d != NULL, "rule{} called from a rule is an error"))
		STR_CONTAINS(d->message, "while a rule file loads", "its message");
	INT_EQ(count_items(&r, "sneaky"), 0, "and registers nothing");

	STR_EQ(r.sections[VS_SEC_FAQ].title, "FAQ", "the section title of the file that loaded");
	STR_EQ(r.title, "Alpha vs Beta", "the title{} of the file that loaded");
	d = diag_for(&r.diags, "partial.fact");
	if (OK(d != NULL, "a fact of a file that failed to load is not registered"))
		STR_CONTAINS(d->message, "unknown fact", "its message");
	report_free(&r);
	eng_close(&g);
}

/* Issue 17 item 5: each registration call refuses a field it does not know (a typo such as
** fallbak = true was ignored without a word), naming the file, the line, the field and the
** fields it knows; the file that made the typo loads nothing, the others load. */
static const char *const typo_files[] = {
	"10-rule.lua",
	"rule{ key = \"typo.rule\", section = \"faq\",\n"
	"      fallbak = true, fn = function(p) return { text = \"x\" } end }\n",
	"11-section.lua", "section{ id = \"faq\", titel = \"FAQ\" }\n",
	"12-fact.lua", "\nfact{ key = \"typo.fact\", fn = function(m) return 1 end, cached = true }\n",
	"13-page.lua", "page{ id = \"model\", title = \"T\", pair_heading = \"Compare\" }\n",
	"14-title.lua", "title{ fn = function(p) return \"T\" end, text = \"T\" }\n",
	"15-page.lua", "page{ id = \"index\", \"positional\" }\n",
	"20-ok.lua", "rule{ key = \"ok\", section = \"faq\", fallback = false,\n"
	"      fn = function(p) return { text = \"loaded\" } end }\n",
	NULL,
};

static void check_typo(const vs_diags *load, const char *file, const char *where,
                       const char *call, const char *field, const char *fields)
{
	const vs_diag *d = diag_with(load, file);
	if (!OK(d != NULL, "%s with an unknown field is a load error", call))
		return;
	STR_EQ(d->where, where, "%s: the file and line", call);
	STR_CONTAINS(d->message, call, "%s: the call", call);
	STR_CONTAINS(d->message, field, "%s: the field", call);
	STR_CONTAINS(d->message, fields, "%s: the fields it knows", call);
}

static void test_unknown_fields(void)
{
	eng g;
	if (!OK(eng_open(&g, typo_files, NULL), "unknown fields: engine_new"))
		return;
	check_typo(&g.load, "rules/10-rule.lua", "rules/10-rule.lua:1", "rule{}", "'fallbak'",
	           "(fields: key, section, fn, fallback)");
	const vs_diag *d = diag_with(&g.load, "rules/10-rule.lua");
	if (d)
		STR_CONTAINS(d->message, "did you mean 'fallback'?", "rule{}: the field meant");
	check_typo(&g.load, "rules/11-section.lua", "rules/11-section.lua:1", "section{}", "'titel'",
	           "(fields: id, title, style, columns, chart)");
	check_typo(&g.load, "rules/12-fact.lua", "rules/12-fact.lua:2", "fact{}", "'cached'",
	           "(fields: key, fn)");
	check_typo(&g.load, "rules/13-page.lua", "rules/13-page.lua:1", "page{}", "'pair_heading'",
	           "(fields: id, title, columns, facts, pairs_heading, pair, back)");
	check_typo(&g.load, "rules/14-title.lua", "rules/14-title.lua:1", "title{}", "'text'",
	           "(fields: fn)");
	check_typo(&g.load, "rules/15-page.lua", "rules/15-page.lua:1", "page{}",
	           "field that is not a string", "(fields: id, title, intro, columns, row)");
	if (!INT_EQ(g.load.n, 6, "exactly these load diagnostics"))
		print_diags("load", &g.load);
	vs_report r;
	make_report(&g, "alpha", "beta", &r);
	INT_EQ(count_items(&r, "typo.rule"), 0, "the rule with the typo is not registered");
	STR_EQ(item_text(&r, "ok"), "loaded", "the file without a typo loads");
	STR_EQ(r.sections[VS_SEC_FAQ].title, "", "the section{} with the typo declares nothing");
	report_free(&r);
	eng_close(&g);
}

static void list_rule(void *ctx, const vs_rule_info *rule)
{
	buf_printf(ctx, "%s,", rule->key);
}

/* hardening.md cases 4, 5 and 8 at load time: a file rewriting the shared base table. */
static void test_base_isolation(void)
{
	const char *files[] = {
		"a-evil.lua",
		"rule{ key = \"evil\", section = \"deep_dive\", fn = function(p) return { text = MT_TYPE } end }\n"
		"local mt = getmetatable(_ENV)\n"
		"MT_TYPE = type(mt)\n"
		"pcall(function() mt.__index.tostring = function() return \"PWNED\" end end)\n"
		"pcall(function() mt.__index.string = { format = function() return \"PWNED\" end } end)\n"
		"pcall(function() mt.__index.rule = function() end end)\n",
		"b-victim.lua",
		"rule{ key = \"victim\", section = \"deep_dive\", fn = function(p)\n"
		"  return { text = tostring(1) .. \" \" .. string.format(\"%d\", 2) }\n"
		"end }\n",
		NULL,
	};
	eng g;
	if (!OK(eng_open(&g, files, NULL), "base isolation: engine_new"))
		return;
	vs_report r;
	make_report(&g, "alpha", "beta", &r);
	const char *mt = item_text(&r, "evil");
	OK(mt && strcmp(mt, "table") != 0,
	   "5/8: a file at load time cannot reach the shared base through getmetatable(_ENV) "
	   "(got type %s)", mt ? mt : "(no item)");
	STR_EQ(item_text(&r, "victim"), "1 2",
	       "5/8: a file cannot replace tostring, string or rule{} for the files after it");
	report_free(&r);
	eng_close(&g);
}

/* A helper library is a frozen copy of the table its file returned (rules.md): no field of
** it, nested or not, can be changed by a rule, and what the library's own code changes in
** its table later is not seen. */
static void test_helper_frozen(void)
{
	const char *files[] = {
		"lib/h.lua",
		"local M = { list = { \"x\", \"y\" } }\n"
		"function M.twice(x) return x * 2 end\n"
		"function M.later() M.added = \"late\"; M.twice = nil end\n"
		"return M\n",
		"a.lua",
		"rule{ key = \"frozen\", section = \"deep_dive\", fn = function(p)\n"
		BAD_INIT
		"  if pcall(function() h.twice = nil end) then no(\"h.twice\") end\n"
		"  if pcall(function() h.fresh = 1 end) then no(\"h.fresh\") end\n"
		"  if pcall(function() h.list[1] = \"PWNED\" end) then no(\"h.list[1]\") end\n"
		"  if getmetatable(h) ~= false or getmetatable(h.list) ~= false then no(\"metatable\") end\n"
		"  if h.twice(2) ~= 4 or h.list[1] ~= \"x\" or #h.list ~= 2 then no(\"reads\") end\n"
		"  h.later()\n"
		"  if h.added ~= nil or h.twice == nil then no(\"a later change seen\") end"
		BAD_RETURN
		"\nend }\n",
		NULL,
	};
	eng g;
	if (!OK(eng_open(&g, files, NULL), "frozen helper: engine_new"))
		return;
	if (!INT_EQ(g.load.n, 0, "frozen helper: loads without a diagnostic"))
		print_diags("load", &g.load);
	for (int i = 0; i < 2; i++) {
		vs_report r;
		make_report(&g, i ? "beta" : "alpha", i ? "alpha" : "beta", &r);
		STR_EQ(item_text(&r, "frozen"), "ok",
		       "6: a helper library cannot be changed by a rule, and shows its fields as "
		       "loaded (pair %d)", i + 1);
		report_free(&r);
	}
	eng_close(&g);
}

/* Later directories replace a file of the same name (hardening.md case 51). */
static void test_later_wins(void)
{
	char *d1 = make_temp_dir(), *d2 = make_temp_dir();
	write_text(d1, "same.lua",
	           "rule{ key = \"same\", section = \"deep_dive\", fn = function(p) return { text = \"d1\" } end }\n");
	write_text(d1, "only1.lua",
	           "rule{ key = \"only1\", section = \"deep_dive\", fn = function(p) return { text = \"d1\" } end }\n");
	write_text(d2, "same.lua",
	           "\nrule{ key = \"same\", section = \"deep_dive\", fn = function(p) return { text = \"d2\" } end }\n");
	vs_rule_dir dirs[2] = {{d1, "rules"}, {d2, "user"}};
	vs_diags load = {0};
	vs_engine *e = engine_new(dirs, 2, &cat, &plugins, &test_limits, &load);
	if (OK(e != NULL, "two directories: engine_new")) {
		INT_EQ(load.n, 0, "no duplicate-key error: the later file replaces the earlier");
		eng g = {e, {0}, NULL};
		vs_report r;
		make_report(&g, "alpha", "beta", &r);
		INT_EQ(count_items(&r, "same"), 1, "one rule 'same'");
		const vs_item *it = find_item(&r, "same", NULL);
		if (it) {
			STR_EQ(it->text, "d2", "the later directory wins");
			STR_EQ(it->source, "rules/same.lua:2", "its source");
			STR_EQ(it->origin, "user", "its origin is the later directory's label");
		}
		STR_EQ(item_text(&r, "only1"), "d1", "files only in the first directory still load");
		vs_buf b = {0};
		engine_list_rules(e, list_rule, &b);
		STR_EQ(b.s, "only1,same,", "engine_list_rules: sorted file order, one 'same'");
		buf_free(&b);
		report_free(&r);
		engine_free(e);
	}
	diags_free(&load);
	free(d1);
	free(d2);
}

static void list_places(void *ctx, const vs_rule_info *rule)
{
	buf_printf(ctx, "%s %s %s %s|", rule->key, rule->source, rule->where,
	           rule->origin ? rule->origin : "-");
}

/* cli.md: a file of another rules directory is named by its real path in diagnostics and
** `versus rules`; the report's sources keep "rules/NAME.lua:LINE", the origin naming the
** directory.  Section headings and the title carry their source too (--explain). */
static void test_real_places(void)
{
	char *d1 = make_temp_dir(), *d2 = make_temp_dir();
	write_text(d1, "a.lua",
	           "section{ id = \"specs\", title = \"Specs\", columns = { \"x\" } }\n");
	write_text(d2, "b.lua",
	           "section{ id = \"deep_dive\", title = \"Mine\", columns = { \"y\" } }\n"
	           "title{ fn = function(p) return \"T\" end }\n"
	           "rule{ key = \"b.boom\", section = \"deep_dive\", fn = function(p)\n"
	           "  error(\"boom\")\n"
	           "end }\n"
	           "rule{ key = \"b.ok\", section = \"deep_dive\", fn = function(p) return { text = \"ok\" } end }\n");
	write_text(d2, "c.lua", "rule{ key = \"c\", section = \"faq\", fn = \n");
	vs_rule_dir dirs[2] = {{d1, "rules"}, {d2, d2}};
	vs_diags load = {0};
	vs_engine *e = engine_new(dirs, 2, &cat, &plugins, &test_limits, &load);
	char *c_place = xasprintf("%s/c.lua:2", d2);
	char *boom = xasprintf("%s/b.lua:4", d2);
	if (OK(e != NULL, "engine_new")) {
		if (OK(load.n == 1, "one load error (c.lua)"))
			STR_EQ(load.v[0].where, c_place, "a syntax error names the real file and line");
		eng g = {e, {0}, NULL};
		vs_report r;
		make_report(&g, "alpha", "beta", &r);
		STR_EQ(r.sections[VS_SEC_SPECS].source, "rules/a.lua:1", "a shipped section's source");
		OK(r.sections[VS_SEC_SPECS].origin == NULL, "a shipped section has no origin");
		STR_EQ(r.sections[VS_SEC_DEEP_DIVE].source, "rules/b.lua:1", "the section's source: rules/ form");
		STR_EQ(r.sections[VS_SEC_DEEP_DIVE].origin, d2, "its origin: the directory");
		STR_EQ(r.title_source, "rules/b.lua:2", "the title's source");
		STR_EQ(r.title_origin, d2, "the title's origin");
		OK(r.sections[VS_SEC_FAQ].source == NULL, "no section{} for faq: no source");
		const vs_item *it = find_item(&r, "b.ok", NULL);
		if (OK(it != NULL, "b.ok ran"))
			STR_EQ(it->source, "rules/b.lua:6", "an item's source keeps the rules/ form");
		if (OK(r.diags.n == 1, "one diagnostic (b.boom)"))
			STR_EQ(r.diags.v[0].where, boom, "a failing rule is named by its real path");
		vs_buf b = {0};
		engine_list_rules(e, list_places, &b);
		char *want = xasprintf("b.boom rules/b.lua:3 %s/b.lua:3 %s|b.ok rules/b.lua:6 %s/b.lua:6 %s|",
		                       d2, d2, d2, d2);
		STR_EQ(b.s, want, "engine_list_rules: source, real place and origin");
		free(want);
		buf_free(&b);
		report_free(&r);
		engine_free(e);
	}
	free(c_place);
	free(boom);
	diags_free(&load);
	free(d1);
	free(d2);
}

/* hardening.md case 50: rules A (error), B (budget), C (memory), D (normal) in one file. */
static void test_failures_isolated(void)
{
	const char *files[] = {
		"abcd.lua",
		"rule{ key = \"A\", section = \"deep_dive\", fn = function(p) error(\"A failed\") end }\n"
		"rule{ key = \"B\", section = \"deep_dive\", fn = function(p) while true do end end }\n"
		"rule{ key = \"C\", section = \"deep_dive\", fn = function(p)\n"
		"  local t = {} while true do t[#t + 1] = (\"x\"):rep(65536) end\n"
		"end }\n"
		"rule{ key = \"D\", section = \"deep_dive\", fn = function(p) return { text = \"D ran\" } end }\n",
		NULL,
	};
	eng g;
	if (!OK(eng_open(&g, files, NULL), "A/B/C/D: engine_new"))
		return;
	vs_report r;
	make_report(&g, "alpha", "beta", &r);
	STR_EQ(item_text(&r, "D"), "D ran", "50: D's item appears");
	if (OK(r.diags.n == 3, "50: three diagnostics (got %zu)", r.diags.n)) {
		STR_EQ(r.diags.v[0].rule, "A", "in rule order: A");
		STR_CONTAINS(r.diags.v[0].message, "A failed", "A's message");
		STR_EQ(r.diags.v[0].where, "rules/abcd.lua:1", "A's place");
		STR_EQ(r.diags.v[1].rule, "B", "B");
		OK(matches_any(r.diags.v[1].message, TRIP), "B's message: %s", r.diags.v[1].message);
		STR_EQ(r.diags.v[1].where, "rules/abcd.lua:2", "B's place");
		STR_EQ(r.diags.v[2].rule, "C", "C");
		STR_CONTAINS(r.diags.v[2].message, "memory", "C's message");
	} else {
		print_diags("report", &r.diags);
	}
	/* The same engine again: the same outcome (nothing left over from the trips). */
	vs_report r2;
	make_report(&g, "alpha", "beta", &r2);
	STR_EQ(item_text(&r2, "D"), "D ran", "50: D again on the next report");
	INT_EQ(r2.diags.n, 3, "50: the same three diagnostics");
	report_free(&r2);
	report_free(&r);
	eng_close(&g);
}

/* }====== */

/* {====== Capabilities, facts, costs, determinism */

static const char model_lua[] =
	"local calls = 0\n"
	"local first = {}\n"
	"fact{ key = \"probe\", fn = function(m, catalog)\n"
	"  calls = calls + 1\n"
	"  return { id = m.id, n = calls, catalog_size = #catalog }\n"
	"end }\n"
	"rule{ key = \"fact.check\", section = \"deep_dive\", fn = function(p)\n"
	"  local fa, fb = p.a:fact(\"probe\"), p.b:fact(\"probe\")\n"
	"  local same = true\n"
	"  for _, f in ipairs({ fa, fb, p.a:fact(\"probe\") }) do\n"
	"    if first[f.id] == nil then first[f.id] = f\n"
	"    elseif not rawequal(first[f.id], f) then same = false end\n"
	"  end\n"
	"  return { text = string.format(\"%s:%d %s:%d calls=%d same=%s n=%d\", fa.id, fa.n, fb.id,\n"
	"    fb.n, calls, tostring(same), fa.catalog_size) }\n"
	"end }\n"
	"rule{ key = \"fact.frozen\", section = \"deep_dive\", fn = function(p)\n"
	"  p.a:fact(\"probe\").n = 99\n"
	"end }\n"
	"rule{ key = \"fact.unknown\", section = \"deep_dive\", fn = function(p)\n"
	"  return { text = tostring(p.a:fact(\"nope\")) }\n"
	"end }\n"
	"rule{ key = \"cap\", section = \"deep_dive\", fn = function(p)\n"
	"  return { text = p.a:cap(\"vision\") .. \"/\" .. p.b:cap(\"vision\") }\n"
	"end }\n"
	"rule{ key = \"cap.bogus\", section = \"deep_dive\", fn = function(p)\n"
	"  return { text = p.a:cap(\"bogus\") }\n"
	"end }\n"
	"rule{ key = \"cap.table\", section = \"deep_dive\", fn = function(p)\n"
	"  for _, c in ipairs(p.capabilities) do\n"
	"    if c.id == \"vision\" then return { text = c.label .. \":\" .. c.a .. \"/\" .. c.b } end\n"
	"  end\n"
	"end }\n"
	"rule{ key = \"cap.differences\", section = \"deep_dive\", fn = function(p)\n"
	"  local want = {}\n"
	"  for _, c in ipairs(p.capabilities) do\n"
	"    if (c.a == \"yes\" and c.b == \"no\") or (c.a == \"no\" and c.b == \"yes\") then\n"
	"      want[#want + 1] = c\n"
	"    end\n"
	"  end\n"
	"  local ids, same = {}, #want == #p.differences\n"
	"  for i, c in ipairs(p.differences) do ids[i] = c.id; same = same and c == want[i] end\n"
	"  return { text = table.concat(ids, \",\") .. \" \" .. tostring(same) .. \" \"\n"
	"                  .. tostring(p.same_name) }\n"
	"end }\n"
	"rule{ key = \"cost\", section = \"cost\", fn = function(p)\n"
	"  local a, b = p.cost.a, p.cost.b\n"
	"  return { text = string.format(\"%s %s %s %s | %s %s %s %s | %s %s %s\",\n"
	"    tostring(a.monthly), tostring(a.route), tostring(a.route_index), tostring(a.reason),\n"
	"    tostring(b.monthly), tostring(b.route), tostring(b.route_index), tostring(b.reason),\n"
	"    tostring(p.cost.delta), p.cost.cheaper and p.cost.cheaper.id or \"none\",\n"
	"    tostring(p.cost.equal)) }\n"
	"end }\n"
	"rule{ key = \"traffic\", section = \"cost\", fn = function(p)\n"
	"  local t = p.traffic\n"
	"  return { text = string.format(\"%d %d %d %s %s\", t.requests, t.input_tokens,\n"
	"    t.output_tokens, tostring(t.cached_share), tostring(t.batch)) }\n"
	"end }\n"
	"rule{ key = \"order\", section = \"deep_dive\", fn = function(p)\n"
	"  local t = {}\n"
	"  for c in (\"zyxwvutsrqponmlkjihgfedcba\"):gmatch(\".\") do t[c .. \"_key\"] = true end\n"
	"  t[3] = true t[1] = true t[2] = true\n"
	"  local o = {}\n"
	"  for k in pairs(t) do o[#o + 1] = tostring(k) end\n"
	"  local n = { tostring(next) }\n"
	"  local v = {}\n"
	"  for key in pairs(p.a) do v[#v + 1] = key end\n"
	/* a model read field by field, then walked: the values read first, all the fields */
	"  local g = p.catalog[3]\n"
	"  local gr, gv = g.routes, {}\n"
	"  for key, x in pairs(g) do\n"
	"    gv[#gv + 1] = key .. (key == \"routes\" and tostring(rawequal(x, gr)) or \"\")\n"
	"  end\n"
	"  gv[#gv + 1] = tostring(rawequal(g.routes, gr)) .. #g .. tostring(g.nope)\n"
	"  return { { key = \"order.pairs\", text = table.concat(o, \",\") },\n"
	"           { key = \"order.next\", text = table.concat(n, \",\") },\n"
	"           { key = \"order.view\", text = table.concat(v, \",\") },\n"
	"           { key = \"order.read_first\", text = table.concat(gv, \",\") } }\n"
	"end }\n"
	"rule{ key = \"catalog\", section = \"related\", fn = function(p)\n"
	"  local ids = {}\n"
	"  for _, m in ipairs(p.catalog) do ids[#ids + 1] = m.id end\n"
	"  return { text = table.concat(ids, \",\") .. \" \" .. #p.catalog }\n"
	"end }\n";

static void test_model_api(void)
{
	OK(plugins_cap_index(&plugins, "vision") >= 0, "the build's plugins provide 'vision'");
	const char *files[] = {"model.lua", model_lua, NULL};
	eng g;
	if (!OK(eng_open(&g, files, NULL), "model API: engine_new"))
		return;
	if (!INT_EQ(g.load.n, 0, "model API: loads cleanly"))
		print_diags("load", &g.load);

	static const char *const pairs[][3] = {
		/* Without a site's store, a fact is worked out once per model and pair: the rules'
		** state (calls, first) is put back after each pair (issue 16, item 7). */
		{"alpha", "beta", "alpha:1 beta:2 calls=2 same=true n=3"},
		{"alpha", "gamma", "alpha:1 gamma:2 calls=2 same=true n=3"},
		{"beta", "gamma", "beta:1 gamma:2 calls=2 same=true n=3"},
		{"beta", "alpha", "beta:1 alpha:2 calls=2 same=true n=3"},
		{"gamma", "alpha", "gamma:1 alpha:2 calls=2 same=true n=3"},
	};
	static const char *const caps[] = {"yes/no", "yes/unknown", "no/unknown", "no/yes",
	                                   "unknown/yes"};
	for (size_t i = 0; i < VS_ARRAY_LEN(pairs); i++) {
		vs_report r;
		make_report(&g, pairs[i][0], pairs[i][1], &r);
		STR_EQ(item_text(&r, "fact.check"), pairs[i][2],
		       "m:fact runs fn once per model and pair, then serves the same value (%s vs %s)",
		       pairs[i][0], pairs[i][1]);
		STR_EQ(item_text(&r, "cap"), caps[i], "m:cap answers yes/no/unknown (%s vs %s)",
		       pairs[i][0], pairs[i][1]);
		const vs_diag *d = diag_for(&r.diags, "fact.frozen");
		if (OK(d != NULL, "a fact's table is frozen (%s vs %s)", pairs[i][0], pairs[i][1]))
			STR_CONTAINS(d->message, "read-only", "its message");
		report_free(&r);
	}

	vs_report r;
	make_report(&g, "alpha", "beta", &r);
	const vs_diag *d = diag_for(&r.diags, "cap.bogus");
	if (OK(d != NULL, "m:cap(\"bogus\") is an error")) {
		STR_CONTAINS(d->message, "bogus", "naming the id");
		STR_CONTAINS(d->where, "rules/model.lua:", "at the rule's line");
	}
	d = diag_for(&r.diags, "fact.unknown");
	if (OK(d != NULL, "m:fact(\"nope\") is an error"))
		STR_CONTAINS(d->message, "nope", "naming the fact");
	STR_CONTAINS(item_text(&r, "cap.table"), ":yes/no", "p.capabilities carries each side's answer");
	/* issue 17 item 5: what model.cap_diff and fmt.name read, worked out once a pair */
	STR_EQ(item_text(&r, "cap.differences"), "vision true false",
	       "p.differences: the entries answered yes against no, the same values in table order; "
	       "p.same_name: false for Alpha and Beta");
	{
		vs_report twin;
		make_report(&g, "alpha", "alpha", &twin);
		STR_EQ(item_text(&twin, "cap.differences"), " true true",
		       "a model against itself: no differences, the same name");
		report_free(&twin);
	}
	/* alpha: 1/2 -> 300 on route 1; beta: route 1 unpriced, route 2 0.5/2 -> 200. */
	STR_EQ(item_text(&r, "cost"),
	       "300.0 Alpha Cloud 1 nil | 200.0 Beta Cheap 2 nil | 100.0 beta false",
	       "p.cost: monthly, route, 1-based route_index, reason, delta, cheaper, equal");
	STR_EQ(item_text(&r, "traffic"), "100000 2000 500 0.0 false", "p.traffic");
	STR_EQ(item_text(&r, "catalog"), "alpha,beta,gamma 3", "p.catalog: valid models in id order");
	STR_EQ(item_text(&r, "order.pairs"),
	       "1,2,3,a_key,b_key,c_key,d_key,e_key,f_key,g_key,h_key,i_key,j_key,k_key,l_key,"
	       "m_key,n_key,o_key,p_key,q_key,r_key,s_key,t_key,u_key,v_key,w_key,x_key,y_key,z_key",
	       "46: pairs over a rule table: numbers ascending, then strings byte-wise");
	STR_EQ(item_text(&r, "order.view"), "id,name,product_type,context_window,capabilities,routes,last_reviewed",
	       "pairs over a model view follows the record's key order");
	STR_EQ(item_text(&r, "order.read_first"), "id,name,routestrue,true0nil",
	       "pairs after a field read: every field in order, the same nested view as the read");
	vs_report rg;
	make_report(&g, "gamma", "alpha", &rg);
	STR_EQ(item_text(&rg, "cost"),
	       "nil nil nil no_complete_price | 300.0 Alpha Cloud 1 nil | nil none false",
	       "p.cost when a side is unknown: reason code, no delta, no cheaper");
	report_free(&rg);
	report_free(&r);
	eng_close(&g);
}

/* Two engines (two Lua states, two hash seeds), the same pair: the same items. */
static bool same_strv(const vs_strv *a, const vs_strv *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_item(const vs_item *a, const vs_item *b)
{
	return same_str(a->key, b->key) && same_str(a->text, b->text) &&
	       same_str(a->question, b->question) && same_str(a->answer, b->answer) &&
	       same_str(a->source, b->source) && same_strv(&a->about, &b->about) &&
	       same_strv(&a->values, &b->values) && same_strv(&a->cells, &b->cells);
}

static void test_determinism(void)
{
	char *dir = rules_dir((const char *const[]){"model.lua", model_lua, "items.lua", items_lua, NULL});
	eng g1, g2;
	bool ok1 = eng_open_dir(&g1, dir, NULL), ok2 = eng_open_dir(&g2, dir, NULL);
	free(dir);
	if (!OK(ok1 && ok2, "determinism: two engines")) {
		if (ok1)
			eng_close(&g1);
		if (ok2)
			eng_close(&g2);
		return;
	}
	vs_report r1, r2;
	make_report(&g1, "beta", "alpha", &r1);
	make_report(&g2, "beta", "alpha", &r2);
	size_t n = 0, differ = 0;
	for (int s = 0; s < VS_SEC_COUNT; s++) {
		const vs_section *a = &r1.sections[s], *b = &r2.sections[s];
		if (a->n_items != b->n_items || a->n_rows != b->n_rows) {
			differ++;
			continue;
		}
		for (size_t i = 0; i < a->n_items; i++, n++)
			if (strcmp(a->items[i].key, "order.next") != 0 && /* checked on its own below */
			    !same_item(&a->items[i], &b->items[i])) {
				differ++;
				fprintf(stderr, "    differs: %s: \"%s\" vs \"%s\"\n", a->items[i].key,
				        a->items[i].text ? a->items[i].text : "",
				        b->items[i].text ? b->items[i].text : "");
			}
		for (size_t i = 0; i < a->n_rows; i++, n++)
			differ += !same_item(&a->rows[i], &b->rows[i]);
	}
	OK(n > 10, "determinism: the reports have items (%zu)", n);
	INT_EQ(differ, 0, "two engines, the same pair: identical items");
	STR_EQ(item_text(&r1, "order.pairs"), item_text(&r2, "order.pairs"),
	       "46: pairs order identical across two states");
	/* 46: next() follows Lua's per-state hash seed, so rules do not get it (pairs is sorted). */
	STR_EQ(item_text(&r1, "order.next"), "nil", "46: next is not in the sandbox");
	INT_EQ(r1.diags.n, r2.diags.n, "the same diagnostics");
	for (size_t i = 0; i < r1.diags.n && i < r2.diags.n; i++)
		OK(same_str(r1.diags.v[i].message, r2.diags.v[i].message) &&
		   same_str(r1.diags.v[i].where, r2.diags.v[i].where),
		   "diagnostic %zu identical", i);
	report_free(&r1);
	report_free(&r2);
	eng_close(&g1);
	eng_close(&g2);
}

/* }====== */

static void setup(const char *plugins_dir)
{
	vs_diags d = {0};
	const char *dirs[1] = {plugins_dir};
	size_t refused = plugins_load(&plugins, dirs, 1, &d);
	if (refused || plugins.n_caps == 0) {
		print_diags("plugins", &d);
		fprintf(stderr, "cannot load the plugins of %s\n", plugins_dir);
		exit(2);
	}
	char *data = make_temp_dir();
	char *models = xasprintf("%s/models", data);
	mkdir(models, 0755);
	for (size_t i = 0; i < VS_ARRAY_LEN(records); i++) {
		char *rel = xasprintf("models/%s.json", records[i][0]);
		write_text(data, rel, records[i][1]);
		free(rel);
	}
	if (catalog_load(&cat, data, plugins.cap_ids, plugins.n_caps, &d) != 0 || cat.n != 3) {
		print_diags("catalog", &d);
		exit(2);
	}
	for (size_t i = 0; i < cat.n; i++)
		if (!cat.models[i].valid) {
			print_diags(cat.models[i].id, &cat.models[i].problems);
			exit(2);
		}
	plugins_check_models(&plugins, &cat, &d);
	diags_free(&d);
	free(models);
	free(data);
}

/* {====== The allocator (hardening.md case 26) */

/* Lua's own count of the bytes it holds (lua_gc LUA_GCCOUNT / LUA_GCCOUNTB). */
static size_t lua_bytes(lua_State *L)
{
	return (size_t)lua_gc(L, LUA_GCCOUNT) * 1024u + (size_t)lua_gc(L, LUA_GCCOUNTB);
}

/* Run code in sb under its budget and cap; the status of sandbox_pcall. */
static int sandbox_run(vs_sandbox *sb, const char *code)
{
	if (luaL_loadstring(sb->L, code) != LUA_OK)
		return -1;
	int rc = sandbox_pcall(sb, 0, 0);
	lua_settop(sb->L, 0);
	lua_gc(sb->L, LUA_GCCOLLECT);
	return rc;
}

/* The cap's counter agrees with Lua's to the byte after a million reallocations that grow and
** shrink, after a refused fresh allocation, and returns to where it started: frees subtract
** what was allocated, shrinking never fails, and the count never underflows. */
static void test_allocator(void)
{
	vs_sandbox *sb = sandbox_new(50000000L, 1u << 20, 10.0 * time_scale);
	if (!OK(sb != NULL, "26: sandbox_new"))
		return;
	lua_gc(sb->L, LUA_GCCOLLECT);
	size_t base = sb->used;
	INT_EQ((long long)sb->used, (long long)lua_bytes(sb->L), "26: the cap counts what Lua counts");
	INT_EQ(sandbox_run(sb, "local s = ''\n"
	                       "for i = 1, 200000 do s = s .. 'x' if #s > 64 then s = s:sub(2) end end\n"
	                       "local t = {}\n"
	                       "for i = 1, 5000 do t[i] = i end\n"
	                       "for i = 5000, 1, -1 do t[i] = nil end\n"),
	       LUA_OK, "26: grow and shrink within the cap");
	INT_EQ((long long)sb->used, (long long)lua_bytes(sb->L), "26: still Lua's count after the churn");
	INT_EQ((long long)sb->used, (long long)base, "26: back to where it started");
	/* Fresh objects only (ptr == NULL: osize is a type tag, not a size): refused at the cap. */
	OK(sandbox_run(sb, "local t = {}\nfor i = 1, 1e7 do t[i] = {} end\n") != LUA_OK,
	   "26: a flood of fresh tables is refused at the cap");
	/* 1 MB holds some 18,000 tables, reached long before the instruction budget or the time
	** limit: the refusal is the memory cap's, and says so. */
	INT_EQ(sb->trip, VS_TRIP_MEMORY, "26: the refusal is a memory trip");
	INT_EQ((long long)sb->used, (long long)lua_bytes(sb->L), "26: Lua's count after a refusal");
	OK(sb->used < base + (1u << 20), "26: never above the cap after it (%zu bytes over the base)",
	   sb->used - base);
	sandbox_free(sb);
}

/* }====== */

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_engine PLUGINS_DIR\n");
		return 2;
	}
	const char *scale = getenv("VERSUS_TEST_TIME_SCALE");
	if (scale && atof(scale) > 0) {
		time_scale = atof(scale);
		time_limit *= time_scale;
		test_limits.seconds *= time_scale;
	}
	const char *skip = getenv("VERSUS_TEST_SKIP_BURNERS");
	skip_burners = skip && *skip && strcmp(skip, "0") != 0;
	verbose = getenv("VERSUS_TEST_VERBOSE") != NULL;
	setup(argv[1]);

	test_items();
	test_load_errors();
	test_unknown_fields();
	test_base_isolation();
	test_later_wins();
	test_helper_frozen();
	test_real_places();
	test_failures_isolated();
	test_model_api();
	test_determinism();
	test_hostile();
	test_allocator();

	catalog_free(&cat);
	plugins_free(&plugins);
	remove_temp_dirs();
	return test_summary("engine");
}
