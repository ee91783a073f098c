/*
** engine.c — load rule files into a sandboxed state once, then make reports from them.
**
** Load:   rules/lib/NAME.lua (helpers, each returns a table that becomes a frozen global) and
**         rules/NAME.lua (each calls rule{}, section{}, title{}), in sorted name order over the
**         merged rule directories, each file in its own environment, frozen after it runs.
** Report: costs in C; the pair table p built once per pair; section headers and the title;
**         every rule in registration order, each call under the budget; then the plugins'
**         statements.  A failing rule adds a diagnostic and nothing else.
*/
#include "engine.h"
#include "order.h"
#include "suggest.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "item.h"
#include "luaview.h"
#include "sandbox.h"

#define MAX_RULE_FILE_BYTES (1u * 1024u * 1024u)

typedef struct rule_def {
	char *key;
	vs_section_id section;
	char *source;   /* "rules/30-tradeoffs.lua:12": the report's form (report.md) */
	char *where;    /* the same place in its real directory, for diagnostics (cli.md) */
	char *origin;   /* the directory it came from, when not the shipped one; else NULL */
	int fn_ref;     /* registry reference to the function */
	bool fallback;  /* runs last, and only when its section got nothing else */
} rule_def;

typedef struct section_def {
	bool declared;
	char *source;        /* where section{} is, in the report's form; where: the real place */
	char *where;
	char *origin;        /* its rules directory, unless shipped (NULL) */
	char *title;
	vs_style style;
	vs_strv columns;     /* fixed columns, or */
	int columns_ref;     /* a function of p (LUA_NOREF when none) */
	vs_strv chart;       /* the chart's words, VS_CHART_* order ("" when not given) */
} section_def;

typedef struct rule_file {
	char *rel;      /* "30-tradeoffs.lua", "lib/fmt.lua" */
	char *path;     /* the file on disk */
	char *dir_label;
} rule_file;

/* A loaded file's chunk name (its real place, which diagnostics show) and its name in the
** report's form, "rules/REL" (which `source` shows, so goldens do not depend on where a
** checkout lives): shipped files are the same in both. */
typedef struct chunk_name {
	char *real;
	char *shown;
} chunk_name;

struct vs_engine {
	vs_sandbox *sb;
	const vs_catalog *cat;
	vs_plugins *plugins;
	rule_def *rules;
	size_t n_rules, cap_rules;
	section_def sections[VS_SEC_COUNT];
	int title_ref;
	char *title_source;
	char *title_where;
	char *title_origin;
	chunk_name *chunks;
	size_t n_chunks, cap_chunks;
	bool loading;   /* rule{}, section{} and title{} work only while files load */
	/* What the file being loaded declared, so a failed load can be undone entirely. */
	bool declared_now[VS_SEC_COUNT];
	bool title_now;
	vs_strv facts_now;
	const char *loading_origin; /* the file being loaded: its directory, unless shipped */
	int catalog_ref;
	int cap_entries_ref; /* p.capabilities entries made so far, by check and answers */
	int libs_ref;        /* the helper libraries' own tables, as their files returned them */
	/* p.serial: counts the warm-up pairs (engine_warm_up), then stays one above: rule state
	** is put back after every pair, so one number serves every later pair */
	lua_Integer pair_serial;
	bool serial_fixed;
};

/* {====== Registration functions rule files call */

static vs_engine *engine_of(lua_State *L)
{
	return lua_touserdata(L, lua_upvalueindex(1));
}

/* The place of the Lua function that called the current C function: *where as the file
** really is ("/home/me/rules/x.lua:12" for a file of --rules; "rules/x.lua:12" for a shipped
** one), *source in the report's form ("rules/x.lua:12"). */
static void caller_place(lua_State *L, const vs_engine *e, char **where, char **source)
{
	lua_Debug ar;
	if (!(lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.source[0] == '@')) {
		*where = xstrdup("?");
		*source = xstrdup("?");
		return;
	}
	*where = xasprintf("%s:%d", ar.source + 1, ar.currentline);
	for (size_t i = 0; i < e->n_chunks; i++)
		if (strcmp(e->chunks[i].real, ar.source + 1) == 0) {
			*source = xasprintf("%s:%d", e->chunks[i].shown, ar.currentline);
			return;
		}
	*source = xstrdup(*where);
}

static const char *field_string(lua_State *L, int t, const char *name, bool required)
{
	int type = lua_getfield(L, t, name);
	if (type == LUA_TNIL && !required) {
		lua_pop(L, 1);
		return NULL;
	}
	if (type != LUA_TSTRING)
		luaL_error(L, "field '%s' must be a string, got %s", name, luaL_typename(L, -1));
	const char *s = lua_tostring(L, -1);
	lua_pop(L, 1); /* the string stays alive in the table */
	return s;
}

static vs_section_id check_section(lua_State *L, const char *name)
{
	int s = section_from_name(name);
	if (s < 0) {
		vs_buf b = {0}, near = {0};
		const char *names[VS_SEC_COUNT];
		for (int i = 0; i < VS_SEC_COUNT; i++) {
			names[i] = section_name((vs_section_id)i);
			buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
		}
		if (suggest_names(name, names, VS_SEC_COUNT, &near)) /* "tradeoff": 'tradeoffs' */
			lua_pushfstring(L, "unknown section '%s'; did you mean %s? (one of: %s)", name,
			                near.s, b.s);
		else
			lua_pushfstring(L, "unknown section '%s' (one of: %s)", name, b.s);
		buf_free(&b);
		buf_free(&near);
		lua_error(L);
	}
	return (vs_section_id)s;
}

static void check_loading(lua_State *L, vs_engine *e, const char *what)
{
	if (!e->loading)
		luaL_error(L, "%s{} can only be called while a rule file loads", what);
}

static int api_rule(lua_State *L)
{
	vs_engine *e = engine_of(L);
	check_loading(L, e, "rule");
	luaL_checktype(L, 1, LUA_TTABLE);
	const char *key = field_string(L, 1, "key", true);
	const char *section = field_string(L, 1, "section", true);
	if (lua_getfield(L, 1, "fn") != LUA_TFUNCTION)
		return luaL_error(L, "rule '%s': field 'fn' must be a function", key);
	vs_section_id sec = check_section(L, section);
	for (size_t i = 0; i < e->n_rules; i++)
		if (strcmp(e->rules[i].key, key) == 0)
			return luaL_error(L, "duplicate rule key '%s': already registered at %s", key,
			                  e->rules[i].where);
	int ref = luaL_ref(L, LUA_REGISTRYINDEX);
	bool fallback = lua_getfield(L, 1, "fallback") != LUA_TNIL && lua_toboolean(L, -1);
	lua_pop(L, 1);
	rule_def *r = VS_PUSH(e->rules, e->n_rules, e->cap_rules);
	r->fallback = fallback;
	r->key = xstrdup(key);
	r->section = sec;
	caller_place(L, e, &r->where, &r->source);
	r->origin = e->loading_origin ? xstrdup(e->loading_origin) : NULL;
	r->fn_ref = ref;
	return 0;
}

static int api_section(lua_State *L)
{
	vs_engine *e = engine_of(L);
	check_loading(L, e, "section");
	luaL_checktype(L, 1, LUA_TTABLE);
	vs_section_id sec = check_section(L, field_string(L, 1, "id", true));
	section_def *d = &e->sections[sec];
	if (d->declared)
		return luaL_error(L, "section '%s' declared twice: already declared at %s",
		                  section_name(sec), d->where);
	const char *title = field_string(L, 1, "title", false);
	const char *style = field_string(L, 1, "style", false);
	int st = style ? style_from_name(style) : VS_STYLE_PARAGRAPHS;
	if (st < 0)
		return luaL_error(L, "unknown style '%s' (one of: paragraphs, list, faq, links)", style);
	int ct = lua_getfield(L, 1, "columns");
	vs_strv cols = {0};
	int ref = LUA_NOREF;
	if (ct == LUA_TTABLE) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		for (lua_Integer i = 1; i <= n; i++) {
			if (lua_rawgeti(L, -1, i) != LUA_TSTRING) {
				strv_free(&cols);
				return luaL_error(L, "columns[%d] must be a string", (int)i);
			}
			strv_push(&cols, lua_tostring(L, -1));
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	} else if (ct == LUA_TFUNCTION) {
		ref = luaL_ref(L, LUA_REGISTRYINDEX);
	} else if (ct != LUA_TNIL) {
		return luaL_error(L, "columns must be a list of strings or a function");
	} else {
		lua_pop(L, 1);
	}
	/* chart = {x = "...", y = "...", marker = "..."}: the words of a section's chart. */
	vs_strv chart = {0};
	if (lua_getfield(L, 1, "chart") == LUA_TTABLE) {
		static const char *const names[VS_CHART_WORDS] = {"x", "y", "marker", "crossover"};
		for (int i = 0; i < VS_CHART_WORDS; i++) {
			int t = lua_getfield(L, -1, names[i]);
			if (t != LUA_TSTRING && t != LUA_TNIL) {
				strv_free(&cols);
				strv_free(&chart);
				if (ref != LUA_NOREF)
					luaL_unref(L, LUA_REGISTRYINDEX, ref);
				return luaL_error(L, "chart.%s must be a string", names[i]);
			}
			strv_push(&chart, t == LUA_TSTRING ? lua_tostring(L, -1) : "");
			lua_pop(L, 1);
		}
	} else if (!lua_isnil(L, -1)) {
		strv_free(&cols);
		if (ref != LUA_NOREF)
			luaL_unref(L, LUA_REGISTRYINDEX, ref);
		return luaL_error(L, "chart must be a table {x = ..., y = ..., marker = ..., crossover = ...}");
	}
	lua_pop(L, 1);
	d->declared = true;
	e->declared_now[sec] = true;
	strv_free(&d->chart);
	d->chart = chart;
	free(d->source);
	free(d->where);
	free(d->origin);
	caller_place(L, e, &d->where, &d->source);
	d->origin = e->loading_origin ? xstrdup(e->loading_origin) : NULL;
	free(d->title);
	d->title = xstrdup(title ? title : "");
	d->style = (vs_style)st;
	d->columns = cols;
	d->columns_ref = ref;
	return 0;
}

static int api_fact(lua_State *L)
{
	vs_engine *e = engine_of(L);
	check_loading(L, e, "fact");
	luaL_checktype(L, 1, LUA_TTABLE);
	const char *key = field_string(L, 1, "key", true);
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_FACTS_KEY);
	lua_pushstring(L, key);
	if (lua_rawget(L, -2) != LUA_TNIL)
		return luaL_error(L, "fact '%s' registered twice", key);
	lua_pop(L, 1);
	lua_pushstring(L, key);
	if (lua_getfield(L, 1, "fn") != LUA_TFUNCTION)
		return luaL_error(L, "fact '%s': field 'fn' must be a function", key);
	lua_rawset(L, -3);
	strv_push(&e->facts_now, key);
	return 0;
}

/* page{id = "index" | "model", ...}: the words of a site's other pages (site.lua). */
static const char PAGES_KEY[] = "versus.pages";

static int api_page(lua_State *L)
{
	vs_engine *e = engine_of(L);
	check_loading(L, e, "page");
	luaL_checktype(L, 1, LUA_TTABLE);
	const char *id = field_string(L, 1, "id", true);
	if (strcmp(id, "index") != 0 && strcmp(id, "model") != 0 && strcmp(id, "diff") != 0)
		return luaL_error(L, "unknown page '%s' (one of: index, model, diff)", id);
	if (lua_getfield(L, LUA_REGISTRYINDEX, PAGES_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, LUA_REGISTRYINDEX, PAGES_KEY);
	}
	if (lua_getfield(L, -1, id) != LUA_TNIL)
		return luaL_error(L, "page '%s' declared twice", id);
	lua_pop(L, 1);
	lua_pushvalue(L, 1);
	lua_setfield(L, -2, id);
	return 0;
}

static int api_title(lua_State *L)
{
	vs_engine *e = engine_of(L);
	check_loading(L, e, "title");
	luaL_checktype(L, 1, LUA_TTABLE);
	if (e->title_ref != LUA_NOREF)
		return luaL_error(L, "title{} declared twice: already declared at %s", e->title_where);
	if (lua_getfield(L, 1, "fn") != LUA_TFUNCTION)
		return luaL_error(L, "title: field 'fn' must be a function");
	e->title_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	caller_place(L, e, &e->title_where, &e->title_source);
	e->title_origin = e->loading_origin ? xstrdup(e->loading_origin) : NULL;
	e->title_now = true;
	return 0;
}

/* }====== */

/* {====== Loading rule files */

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const rule_file *)a)->rel, ((const rule_file *)b)->rel);
}

static bool is_lua_file(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".lua") == 0;
}

/* Add dir/sub/NAME.lua to files; a file of the same relative name replaces an earlier one. */
static void scan_dir(const char *dir, const char *sub, const char *label, rule_file **files,
                     size_t *n, size_t *cap)
{
	char *path = sub ? xasprintf("%s/%s", dir, sub) : xstrdup(dir);
	DIR *d = opendir(path);
	if (!d) {
		free(path);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (!is_lua_file(de->d_name))
			continue;
		char *rel = sub ? xasprintf("%s/%s", sub, de->d_name) : xstrdup(de->d_name);
		rule_file *f = NULL;
		for (size_t i = 0; i < *n; i++)
			if (strcmp((*files)[i].rel, rel) == 0)
				f = &(*files)[i];
		if (f) {
			free(f->path);
			free(f->dir_label);
			free(rel);
		} else {
			f = VS_PUSH(*files, *n, *cap);
			f->rel = rel;
		}
		f->path = xasprintf("%s/%s", path, de->d_name);
		f->dir_label = xstrdup(label);
	}
	closedir(d);
	free(path);
}

/* The global name a helper library gets: "lib/fmt.lua" -> "fmt". */
static char *lib_name(const char *rel)
{
	const char *base = rel + strlen("lib/");
	return xstrndup(base, strlen(base) - strlen(".lua"));
}

/* Undo what a file that failed to load declared: sections, the title and facts. */
static void drop_declarations(vs_engine *e)
{
	lua_State *L = e->sb->L;
	for (int i = 0; i < VS_SEC_COUNT; i++) {
		if (!e->declared_now[i])
			continue;
		section_def *d = &e->sections[i];
		d->declared = false;
		free(d->title);
		d->title = xstrdup("");
		d->style = VS_STYLE_PARAGRAPHS;
		strv_free(&d->columns);
		strv_free(&d->chart);
		luaL_unref(L, LUA_REGISTRYINDEX, d->columns_ref);
		d->columns_ref = LUA_NOREF;
		free(d->source);
		free(d->where);
		free(d->origin);
		d->source = d->where = d->origin = NULL;
	}
	if (e->title_now) {
		luaL_unref(L, LUA_REGISTRYINDEX, e->title_ref);
		e->title_ref = LUA_NOREF;
		free(e->title_source);
		free(e->title_where);
		free(e->title_origin);
		e->title_source = NULL;
		e->title_where = NULL;
		e->title_origin = NULL;
	}
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_FACTS_KEY);
	for (size_t i = 0; i < e->facts_now.n; i++) {
		lua_pushnil(L);
		lua_setfield(L, -2, e->facts_now.v[i]);
	}
	lua_pop(L, 1);
}

static void drop_rules_from(vs_engine *e, size_t keep)
{
	while (e->n_rules > keep) {
		rule_def *r = &e->rules[--e->n_rules];
		luaL_unref(e->sb->L, LUA_REGISTRYINDEX, r->fn_ref);
		free(r->key);
		free(r->source);
		free(r->where);
		free(r->origin);
	}
}

/* Run one file in a fresh environment; lib files publish their result as a global. */
static void load_file(vs_engine *e, const rule_file *f, bool is_lib, vs_diags *diags)
{
	lua_State *L = e->sb->L;
	/* cli.md: diagnostics name a file of another rules directory by its real place; a
	** shipped one (label "rules") keeps "rules/REL", as goldens and the report's source do. */
	bool shipped = strcmp(f->dir_label, "rules") == 0;
	char *shown = shipped ? xasprintf("rules/%s", f->rel) : xstrdup(f->path);
	chunk_name *cn = VS_PUSH(e->chunks, e->n_chunks, e->cap_chunks);
	cn->real = xstrdup(shown);
	cn->shown = xasprintf("rules/%s", f->rel);
	size_t len;
	char *code = read_file(f->path, MAX_RULE_FILE_BYTES, &len);
	if (!code) {
		diags_add(diags, VS_ERROR, shown, NULL, "cannot read %s: %s", f->path, strerror(errno));
		free(shown);
		return;
	}
	char *chunk = xasprintf("@%s", shown);
	int status = luaL_loadbufferx(L, code, len, chunk, "t");
	free(code);
	free(chunk);
	if (status != LUA_OK) {
		const char *msg = lua_tostring(L, -1);
		/* The parser's message starts with "FILE:LINE: ", which is the place; Lua shortens
		** a long FILE to "...TAIL". */
		size_t n = strlen(shown), skip = 0, digits = 0;
		if (msg && strncmp(msg, shown, n) == 0 && msg[n] == ':')
			skip = n;
		else if (msg && strncmp(msg, "...", 3) == 0) {
			const char *colon = strstr(msg, ".lua:");
			size_t tail = colon ? (size_t)(colon + 4 - msg) - 3 : 0;
			if (colon && tail <= n && strncmp(shown + n - tail, msg + 3, tail) == 0)
				skip = tail + 3;
		}
		if (skip)
			while (msg[skip + 1 + digits] >= '0' && msg[skip + 1 + digits] <= '9')
				digits++;
		if (digits && strncmp(msg + skip + 1 + digits, ": ", 2) == 0) {
			char *place = xasprintf("%s:%.*s", shown, (int)digits, msg + skip + 1);
			diags_add(diags, VS_ERROR, place, NULL, "%s", msg + skip + 3 + digits);
			free(place);
		} else {
			diags_add(diags, VS_ERROR, shown, NULL, "%s", msg ? msg : "cannot load");
		}
		lua_pop(L, 1);
		free(shown);
		return;
	}
	/* env: reads fall through to the base; writes land in env until it is frozen. */
	lua_newtable(L);
	lua_createtable(L, 0, 2);
	sandbox_push_base(e->sb);
	lua_setfield(L, -2, "__index");
	/* Protected: getmetatable(_ENV) must not hand the shared base to the file. */
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_setupvalue(L, -3, 1);
	lua_insert(L, -2); /* env below the function */

	size_t before = e->n_rules;
	memset(e->declared_now, 0, sizeof e->declared_now);
	e->title_now = false;
	strv_free(&e->facts_now);
	e->loading = !is_lib;
	e->loading_origin = shipped ? NULL : f->dir_label;
	status = sandbox_pcall(e->sb, 0, 1);
	e->loading = false;
	if (status != LUA_OK) {
		diags_add(diags, VS_ERROR, e->sb->err_where[0] ? e->sb->err_where : shown, NULL,
		          "failed to load: %s", lua_tostring(L, -1));
		drop_rules_from(e, before);
		drop_declarations(e);
		lua_pop(L, 2);
		lua_gc(L, LUA_GCCOLLECT, 0); /* what the failed file held is freed now */
		free(shown);
		return;
	}
	if (is_lib) {
		if (!lua_istable(L, -1)) {
			diags_add(diags, VS_ERROR, shown, NULL,
			          "a helper library must return a table, got %s", luaL_typename(L, -1));
		} else {
			/* the library's own table (its functions may change it): kept per pair */
			lua_rawgeti(L, LUA_REGISTRYINDEX, e->libs_ref);
			lua_pushvalue(L, -2);
			lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
			lua_pop(L, 1);
			char *name = lib_name(f->rel);
			sandbox_push_base(e->sb);
			view_push_snapshot(L, -2);
			lua_setfield(L, -2, name);
			lua_pop(L, 1);
			free(name);
		}
	}
	lua_pop(L, 1); /* the result */
	sandbox_freeze_env(L, -1);
	lua_pop(L, 1); /* env */
	free(shown);
}

static int setup_engine(lua_State *L)
{
	vs_engine *e = lua_touserdata(L, 1);
	view_init(L);
	sandbox_push_base(e->sb);
	static const luaL_Reg api[] = {
		{"rule", api_rule},
		{"section", api_section},
		{"title", api_title},
		{"fact", api_fact},
		{"page", api_page},
		{NULL, NULL},
	};
	lua_pushlightuserdata(L, e);
	luaL_setfuncs(L, api, 1);
	lua_pop(L, 1);
	/* The catalog's valid models, in id order: one view array for every pair. */
	lua_newtable(L);
	lua_Integer n = 0;
	for (size_t i = 0; i < e->cat->n; i++) {
		if (!e->cat->models[i].valid)
			continue;
		view_push_model(L, &e->cat->models[i], e->plugins);
		lua_rawseti(L, -2, ++n);
	}
	view_wrap(L, -1);
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, VIEW_CATALOG_KEY);
	e->catalog_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_pop(L, 1);
	lua_newtable(L);
	e->cap_entries_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	e->libs_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/* Record the state rule code can change, to put it back after every pair (sandbox.c, "State
** that does not outlive a pair"): what the rules, sections, title, facts and pages registered
** reach, and the helper libraries' own tables. */
static void snapshot_rules(vs_engine *e, vs_diags *diags)
{
	lua_State *L = e->sb->L;
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->libs_ref);
	int roots = lua_gettop(L);
	lua_Integer n = (lua_Integer)lua_rawlen(L, roots);
	for (size_t i = 0; i < e->n_rules; i++) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, e->rules[i].fn_ref);
		lua_rawseti(L, roots, ++n);
	}
	for (int i = 0; i < VS_SEC_COUNT; i++)
		if (e->sections[i].columns_ref != LUA_NOREF) {
			lua_rawgeti(L, LUA_REGISTRYINDEX, e->sections[i].columns_ref);
			lua_rawseti(L, roots, ++n);
		}
	if (e->title_ref != LUA_NOREF) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, e->title_ref);
		lua_rawseti(L, roots, ++n);
	}
	lua_createtable(L, 2, 0);
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_FACTS_KEY);
	lua_rawseti(L, -2, 1);
	if (lua_getfield(L, LUA_REGISTRYINDEX, PAGES_KEY) == LUA_TTABLE)
		lua_rawseti(L, -2, 2);
	else
		lua_pop(L, 1);
	if (!sandbox_snapshot(e->sb, roots, -1))
		diags_add(diags, VS_ERROR, "rules", NULL,
		          "cannot record the rules' state after loading (out of memory?)");
	lua_pop(L, 2);
}

/* pairs() orders model views by id (sandbox.c, push_sorted_keys). */
static const char *view_key_text(lua_State *L, int idx)
{
	const vs_model *m = view_model(L, idx);
	return m ? m->id : NULL;
}

vs_engine_limits engine_limits_for(size_t n_models)
{
	vs_engine_limits lim = VS_ENGINE_LIMITS_DEFAULT;
	if (n_models > (SIZE_MAX - lim.memory) / VS_ENGINE_MEMORY_PER_MODEL)
		lim.memory = SIZE_MAX;
	else
		lim.memory += n_models * VS_ENGINE_MEMORY_PER_MODEL;
	return lim;
}

vs_engine *engine_new(const vs_rule_dir *dirs, size_t n_dirs, const vs_catalog *cat,
                      vs_plugins *plugins, const vs_engine_limits *limits, vs_diags *diags)
{
	vs_sandbox *sb = sandbox_new(limits->instructions, limits->memory, limits->seconds);
	if (!sb)
		return NULL;
	sb->key_text = view_key_text;
	vs_engine *e = xcalloc(1, sizeof *e);
	e->sb = sb;
	e->cat = cat;
	e->plugins = plugins;
	e->title_ref = LUA_NOREF;
	e->catalog_ref = LUA_NOREF;
	e->cap_entries_ref = LUA_NOREF;
	e->libs_ref = LUA_NOREF;
	for (int i = 0; i < VS_SEC_COUNT; i++) {
		e->sections[i].title = xstrdup("");
		e->sections[i].columns_ref = LUA_NOREF;
	}
	lua_State *L = sb->L;
	lua_pushcfunction(L, setup_engine);
	lua_pushlightuserdata(L, e);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		diags_add(diags, VS_ERROR, "rules", NULL, "cannot set up the rule engine: %s",
		          lua_tostring(L, -1));
		engine_free(e);
		return NULL;
	}

	rule_file *libs = NULL, *files = NULL;
	size_t n_libs = 0, cap_libs = 0, n_files = 0, cap_files = 0;
	for (size_t i = 0; i < n_dirs; i++) {
		scan_dir(dirs[i].path, "lib", dirs[i].label, &libs, &n_libs, &cap_libs);
		scan_dir(dirs[i].path, NULL, dirs[i].label, &files, &n_files, &cap_files);
	}
	if (n_libs)
		qsort(libs, n_libs, sizeof *libs, cmp_file);
	if (n_files)
		qsort(files, n_files, sizeof *files, cmp_file);
	if (n_files == 0)
		diags_add(diags, VS_ERROR, n_dirs ? dirs[0].path : "rules", NULL,
		          "no rule files (*.lua) found; pass --rules DIR");
	/* All files' loading is one phase: what they keep counts together against the cap. */
	sandbox_begin_phase(sb);
	for (size_t i = 0; i < n_libs; i++)
		load_file(e, &libs[i], true, diags);
	for (size_t i = 0; i < n_files; i++)
		load_file(e, &files[i], false, diags);
	sandbox_end_phase(sb);
	for (size_t i = 0; i < n_libs; i++) {
		free(libs[i].rel);
		free(libs[i].path);
		free(libs[i].dir_label);
	}
	for (size_t i = 0; i < n_files; i++) {
		free(files[i].rel);
		free(files[i].path);
		free(files[i].dir_label);
	}
	free(libs);
	free(files);
	snapshot_rules(e, diags);
	e->serial_fixed = true;
	sandbox_flatten_envs(sb);
	lua_gc(L, LUA_GCCOLLECT, 0);
	return e;
}

void engine_free(vs_engine *e)
{
	if (!e)
		return;
	/* The references die with the state; only the C side needs freeing. */
	for (size_t i = 0; i < e->n_rules; i++) {
		free(e->rules[i].key);
		free(e->rules[i].source);
		free(e->rules[i].where);
		free(e->rules[i].origin);
	}
	sandbox_free(e->sb);
	free(e->rules);
	for (int i = 0; i < VS_SEC_COUNT; i++) {
		free(e->sections[i].source);
		free(e->sections[i].where);
		free(e->sections[i].origin);
		free(e->sections[i].title);
		strv_free(&e->sections[i].columns);
		strv_free(&e->sections[i].chart);
	}
	free(e->title_source);
	free(e->title_where);
	free(e->title_origin);
	for (size_t i = 0; i < e->n_chunks; i++) {
		free(e->chunks[i].real);
		free(e->chunks[i].shown);
	}
	free(e->chunks);
	strv_free(&e->facts_now);
	free(e);
}

void engine_list_rules(vs_engine *e, vs_rule_visit fn, void *ctx)
{
	for (size_t i = 0; i < e->n_rules; i++) {
		const rule_def *r = &e->rules[i];
		vs_rule_info info = {r->key, section_name(r->section), r->source, r->where, r->origin,
		                     r->fallback};
		fn(ctx, &info);
	}
}

/* }====== */

/* {====== The pair table p */

/* t[k] = v on the table at the top of the stack (a NULL string sets nil). */
static void set_string(lua_State *L, const char *k, const char *v)
{
	lua_pushstring(L, v);
	lua_setfield(L, -2, k);
}

static void set_boolean(lua_State *L, const char *k, bool v)
{
	lua_pushboolean(L, v);
	lua_setfield(L, -2, k);
}

static void set_number_or_nil(lua_State *L, const char *k, bool known, double v)
{
	if (known)
		lua_pushnumber(L, v);
	else
		lua_pushnil(L);
	lua_setfield(L, -2, k);
}

static void set_integer(lua_State *L, const char *k, lua_Integer v)
{
	lua_pushinteger(L, v);
	lua_setfield(L, -2, k);
}

static void set_number(lua_State *L, const char *k, double v)
{
	lua_pushnumber(L, v);
	lua_setfield(L, -2, k);
}

/* One route as the profile applied its prices (p.cost.a.applied, p.cost.a.ranked[i]):
** route_index (1-based), monthly, eligible, input_per_mtok and output_per_mtok as applied,
** tier_above and tier_input / tier_output (the tier set that price) when a tier applied,
** cached_input_per_mtok and batch_discount when the route lists them. */
static void push_cost_route(lua_State *L, const vs_cost_route *c)
{
	lua_createtable(L, 0, 10);
	set_integer(L, "route_index", c->index + 1);
	set_number(L, "monthly", c->monthly);
	set_boolean(L, "eligible", c->eligible);
	set_number(L, "input_per_mtok", c->input);
	set_number(L, "output_per_mtok", c->output);
	if (c->tier_above >= 0) {
		set_integer(L, "tier_above", (lua_Integer)c->tier_above);
		set_boolean(L, "tier_input", c->tier_input);
		set_boolean(L, "tier_output", c->tier_output);
	}
	set_number_or_nil(L, "cached_input_per_mtok", c->has_cached, c->cached);
	set_number_or_nil(L, "batch_discount", c->has_discount, c->discount);
}

/* p.cost.a / p.cost.b: one model's cost block as rules read it (report.md, Cost block), with
** the JSON's field names (monthly_usd is `monthly`, as before).  Indices are 1-based, as
** Lua's (route_index, cheapest.route_index, outliers); absent fields are nil.  Beyond the
** JSON: serves, tier (the tier object applied), applied (the pricing table's route) and
** ranked (every candidate by monthly cost, for the routes table). */
static void push_cost(lua_State *L, const vs_cost *c)
{
	lua_createtable(L, 0, 18);
	set_number_or_nil(L, "monthly", c->status == VS_COST_OK, c->monthly);
	if (c->route) {
		set_string(L, "route", c->route);
		set_integer(L, "route_index", c->route_index + 1);
	}
	set_string(L, "reason", cost_reason_code(c->status)); /* NULL: nil */
	set_string(L, "basis", cost_basis_code(c->basis));
	set_boolean(L, "fits", c->fits);
	set_boolean(L, "serves", c->serves);
	set_boolean(L, "batch_applied", c->batch_applied);
	set_integer(L, "candidates", (lua_Integer)c->candidates);
	if (c->tier) {
		/* The tier as the record lists it: a missing price stays nil (it keeps the base). */
		lua_createtable(L, 0, 3);
		set_integer(L, "above_input_tokens", (lua_Integer)c->tier_above);
		static const char *const prices[] = {"input_per_mtok", "output_per_mtok"};
		for (int i = 0; i < 2; i++) {
			const json_t *v = json_object_get(c->tier, prices[i]);
			if (json_is_number(v))
				set_number(L, prices[i], json_number_value(v));
		}
		lua_setfield(L, -2, "tier");
	}
	if (c->status == VS_COST_OK && c->tier_above >= 0)
		set_integer(L, "tier_above", (lua_Integer)c->tier_above);
	if (c->cheapest_index >= 0) {
		lua_createtable(L, 0, 3);
		set_number(L, "monthly", c->cheapest_monthly);
		set_string(L, "route", c->cheapest_route ? c->cheapest_route : "");
		set_integer(L, "route_index", c->cheapest_index + 1);
		lua_setfield(L, -2, "cheapest");
	}
	if (c->tier_unlisted) {
		lua_createtable(L, 0, 3);
		set_integer(L, "routes", (lua_Integer)c->tier_routes);
		set_integer(L, "of", (lua_Integer)c->tier_of);
		set_number(L, "monthly_usd", c->tier_monthly);
		lua_setfield(L, -2, "tier_unlisted");
	}
	lua_createtable(L, (int)c->n_outliers, 0);
	for (size_t i = 0; i < c->n_outliers; i++) {
		lua_pushinteger(L, c->outliers[i] + 1);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "outliers");
	if (c->has_applied) {
		push_cost_route(L, &c->applied);
		lua_setfield(L, -2, "applied");
	}
	lua_createtable(L, (int)c->n_ranked, 0);
	for (size_t i = 0; i < c->n_ranked; i++) {
		push_cost_route(L, &c->ranked[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "ranked");
}

/* p.cost.crossovers: {input_tokens = N, cheaper = <model id>, side = "a" | "b"}, in order. */
static void push_crossovers(lua_State *L, const vs_report *r)
{
	lua_createtable(L, (int)r->crossovers.n, 0);
	for (size_t i = 0; i < r->crossovers.n; i++) {
		const vs_crossover *x = &r->crossovers.v[i];
		lua_createtable(L, 0, 3);
		set_integer(L, "input_tokens", (lua_Integer)x->input_tokens);
		set_string(L, "cheaper", r->models[x->cheaper].id);
		set_string(L, "side", x->cheaper == 0 ? "a" : "b");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "crossovers");
}

typedef struct pair_args {
	vs_engine *e;
	const vs_model *m[2];
	const vs_traffic *t;
	const vs_report *r;
} pair_args;

/* Build p and leave its view on the stack.  Runs in a protected call, disarmed. */
static int build_pair(lua_State *L)
{
	pair_args *pa = lua_touserdata(L, 1);
	vs_engine *e = pa->e;
	const vs_report *r = pa->r;
	lua_createtable(L, 0, 6);
	int p = lua_gettop(L);
	view_push_model(L, pa->m[0], e->plugins);
	lua_setfield(L, p, "a");
	view_push_model(L, pa->m[1], e->plugins);
	lua_setfield(L, p, "b");

	lua_createtable(L, 0, 5);
	lua_pushinteger(L, (lua_Integer)pa->t->requests);
	lua_setfield(L, -2, "requests");
	lua_pushinteger(L, (lua_Integer)pa->t->input_tokens);
	lua_setfield(L, -2, "input_tokens");
	lua_pushinteger(L, (lua_Integer)pa->t->output_tokens);
	lua_setfield(L, -2, "output_tokens");
	lua_pushnumber(L, pa->t->cached_share);
	lua_setfield(L, -2, "cached_share");
	set_boolean(L, "batch", pa->t->batch);
	set_boolean(L, "cheapest", pa->t->cheapest);
	lua_createtable(L, (int)pa->t->n_providers, 0);
	for (size_t i = 0; i < pa->t->n_providers; i++) {
		lua_pushstring(L, pa->t->providers[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "providers");
	lua_setfield(L, p, "traffic");
	/* Helpers remember per-pair answers by this number.  Rule state is put back after every
	** pair (sandbox_restore), so one number, other than the warm-up's, serves every pair, and
	** no rule can tell how many pairs this worker made before (issue 16, item 7). */
	lua_pushinteger(L, e->serial_fixed ? e->pair_serial + 1 : ++e->pair_serial);
	lua_setfield(L, p, "serial");

	lua_createtable(L, 0, 5);
	push_cost(L, &r->models[0].cost);
	lua_setfield(L, -2, "a");
	push_cost(L, &r->models[1].cost);
	lua_setfield(L, -2, "b");
	set_number_or_nil(L, "delta", r->have_delta, r->delta_usd);
	if (r->cheaper >= 0) {
		lua_getfield(L, p, r->cheaper == 0 ? "a" : "b");
		lua_setfield(L, -2, "cheaper");
	}
	set_boolean(L, "equal", r->have_delta && r->cheaper < 0);
	push_crossovers(L, r);
	lua_setfield(L, p, "cost");

	/* An entry is read-only and depends on its check and the two answers only: each one is
	** made once per state and shared by every pair that has it (a view freezes on its
	** first read, so later pairs read it as a table). */
	static const char *const answers[] = {"unknown", "no", "yes"};
	const vs_plugins *ps = e->plugins;
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->cap_entries_ref);
	int made = lua_gettop(L);
	lua_createtable(L, ps ? (int)ps->n_caps : 0, 0);
	for (size_t i = 0; ps && i < ps->n_caps; i++) {
		unsigned ans[2];
		for (int m = 0; m < 2; m++) {
			unsigned a = plugins_answer(ps, pa->m[m], (int)i);
			ans[m] = a <= 2 ? a : 0;
		}
		lua_Integer slot = (lua_Integer)(i * 9 + ans[0] * 3 + ans[1]) + 1;
		if (lua_rawgeti(L, made, slot) == LUA_TNIL) {
			lua_pop(L, 1);
			const vs_capcheck *c = &ps->caps[i];
			lua_createtable(L, 0, 5);
			set_string(L, "id", c->id);
			set_string(L, "label", c->label);
			set_string(L, "group", c->group);
			for (int m = 0; m < 2; m++) {
				lua_pushstring(L, answers[ans[m]]);
				lua_setfield(L, -2, m == 0 ? "a" : "b");
			}
			view_push_frozen(L, -1);
			lua_remove(L, -2);
			lua_pushvalue(L, -1);
			lua_rawseti(L, made, slot);
		}
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, p, "capabilities");
	lua_pop(L, 1);

	lua_rawgeti(L, LUA_REGISTRYINDEX, e->catalog_ref);
	lua_setfield(L, p, "catalog");
	view_push_frozen(L, p);
	return 1;
}

/* }====== */

/* {====== Reading what a rule returned (raw reads only: no metamethod of rule code runs) */

typedef struct collected {
	vs_item *items;
	vs_section_id *sections;
	bool *is_row;
	size_t n, cap;
} collected;

static void collected_free(collected *c)
{
	for (size_t i = 0; i < c->n; i++)
		item_free(&c->items[i]);
	free(c->items);
	free(c->sections);
	free(c->is_row);
	memset(c, 0, sizeof *c);
}

/* A string or number as text; NULL for anything else.  Numbers are formatted here, not by
** lua_tostring, which would allocate and convert in place. */
static char *raw_text(lua_State *L, int idx)
{
	if (lua_type(L, idx) == LUA_TSTRING)
		return xstrdup(lua_tostring(L, idx));
	if (lua_type(L, idx) == LUA_TNUMBER) {
		if (lua_isinteger(L, idx))
			return xasprintf("%lld", (long long)lua_tointeger(L, idx));
		double d = lua_tonumber(L, idx);
		return isfinite(d) ? xasprintf("%.14g", d) : NULL;
	}
	return NULL;
}

static const char *raw_field_text(lua_State *L, int t, const char *k, char **out, char *err,
                                  size_t errlen)
{
	lua_pushstring(L, k);
	int type = lua_rawget(L, t);
	*out = NULL;
	if (type != LUA_TNIL) {
		*out = raw_text(L, -1);
		if (!*out)
			snprintf(err, errlen, "item field '%s' must be a string, got %s", k,
			         lua_typename(L, type));
	}
	lua_pop(L, 1);
	return *out;
}

/* Read a list of strings (or model views, for about) at t[k]. */
static bool raw_list(lua_State *L, int t, const char *k, bool models, vs_strv *out, char *err,
                     size_t errlen)
{
	lua_pushstring(L, k);
	int type = lua_rawget(L, t);
	bool ok = true;
	if (type == LUA_TTABLE) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		/* Room for all of them at once; each string is the copy raw_text made. */
		if (n > 0)
			out->v = xrealloc(out->v, (out->n + (size_t)n) * sizeof *out->v);
		for (lua_Integer i = 1; ok && i <= n; i++) {
			lua_rawgeti(L, -1, i);
			const vs_model *m = models ? view_model(L, -1) : NULL;
			char *s = m ? xstrdup(m->id) : raw_text(L, -1);
			if (s) {
				out->v[out->n++] = s;
			} else {
				snprintf(err, errlen, "item field '%s'[%d] must be a %s, got %s", k, (int)i,
				         models ? "model or id" : "string", luaL_typename(L, -1));
				ok = false;
			}
			lua_pop(L, 1);
		}
	} else if (type != LUA_TNIL) {
		snprintf(err, errlen, "item field '%s' must be a list, got %s", k, lua_typename(L, type));
		ok = false;
	}
	lua_pop(L, 1);
	return ok;
}

static const char *const item_fields[] = {"text", "question", "answer", "cells", "key",
                                          "about", "values", NULL};

static bool read_item(lua_State *L, int t, const rule_def *rd, const vs_report *r, vs_item *it,
                      bool *is_row, char *err, size_t errlen)
{
	/* Unknown fields are typos ("txt") that would silently drop text: refuse them. */
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		bool known = false;
		if (lua_type(L, -1) == LUA_TSTRING)
			for (const char *const *f = item_fields; *f; f++)
				known |= strcmp(lua_tostring(L, -1), *f) == 0;
		if (!known) {
			snprintf(err, errlen, "item has an unknown field '%s' (fields: text, question, "
			         "answer, cells, key, about, values)",
			         lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(not a string)");
			lua_pop(L, 1);
			return false;
		}
	}
	err[0] = '\0';
	raw_field_text(L, t, "text", &it->text, err, errlen);
	if (!err[0])
		raw_field_text(L, t, "question", &it->question, err, errlen);
	if (!err[0])
		raw_field_text(L, t, "answer", &it->answer, err, errlen);
	if (!err[0])
		raw_field_text(L, t, "key", &it->key, err, errlen);
	if (err[0])
		return false;
	if (!raw_list(L, t, "cells", false, &it->cells, err, errlen) ||
	    !raw_list(L, t, "about", true, &it->about, err, errlen) ||
	    !raw_list(L, t, "values", false, &it->values, err, errlen))
		return false;
	lua_pushliteral(L, "cells");
	bool has_cells = lua_rawget(L, t) != LUA_TNIL;
	lua_pop(L, 1);
	vs_item_parts parts = {it->text != NULL, it->question != NULL, it->answer != NULL,
	                       has_cells, it->key};
	vs_item_fault fault = item_fault(&parts);
	if (fault == VS_ITEM_EMPTY_KEY) {
		snprintf(err, errlen, "item key is empty");
		return false;
	}
	if (fault != VS_ITEM_OK) {
		snprintf(err, errlen, "an item needs exactly one of text, question + answer, or cells");
		return false;
	}
	*is_row = has_cells;
	item_complete(it, rd->key, r->models[0].id, r->models[1].id);
	it->source = xstrdup(rd->source);
	it->origin = rd->origin ? xstrdup(rd->origin) : NULL;
	return true;
}

static bool is_item_table(lua_State *L, int t)
{
	static const char *const markers[] = {"text", "question", "answer", "cells", NULL};
	for (const char *const *m = markers; *m; m++) {
		lua_pushstring(L, *m);
		bool has = lua_rawget(L, t) != LUA_TNIL;
		lua_pop(L, 1);
		if (has)
			return true;
	}
	return false;
}

static bool collect_one(lua_State *L, int t, const rule_def *rd, const vs_report *r,
                        collected *c, char *err, size_t errlen)
{
	if (lua_type(L, t) != LUA_TTABLE) {
		snprintf(err, errlen, "a rule must return nil, an item or a list of items, got %s",
		         luaL_typename(L, t));
		return false;
	}
	size_t i = c->n;
	if (i == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 8;
		c->items = xrealloc(c->items, c->cap * sizeof *c->items);
		c->sections = xrealloc(c->sections, c->cap * sizeof *c->sections);
		c->is_row = xrealloc(c->is_row, c->cap * sizeof *c->is_row);
	}
	memset(&c->items[i], 0, sizeof c->items[i]);
	c->sections[i] = rd->section;
	c->n++;
	return read_item(L, lua_absindex(L, t), rd, r, &c->items[i], &c->is_row[i], err, errlen);
}

/* Turn the value at the top of the stack into items. */
#define RULE_MAX_ITEMS 2000
#define RULE_MAX_BYTES (1024 * 1024)

/* The text an item carries, for the bound on what a rule returns. */
static size_t item_bytes(const vs_item *it)
{
	size_t n = (it->text ? strlen(it->text) : 0) + (it->question ? strlen(it->question) : 0) +
	           (it->answer ? strlen(it->answer) : 0);
	for (size_t i = 0; i < it->cells.n; i++)
		n += strlen(it->cells.v[i]);
	for (size_t i = 0; i < it->values.n; i++)
		n += strlen(it->values.v[i]);
	return n;
}

static bool collect_result(lua_State *L, const rule_def *rd, const vs_report *r, collected *c,
                           char *err, size_t errlen)
{
	int t = lua_gettop(L);
	if (lua_isnil(L, t))
		return true;
	lua_Integer n = lua_type(L, t) == LUA_TTABLE ? (lua_Integer)lua_rawlen(L, t) : 0;
	/* A list has a list part; a table with only named fields is one item, so a typo such
	** as { txt = "..." } is reported as an unknown field, not read as an empty list. */
	bool named_only = false;
	if (n == 0 && lua_type(L, t) == LUA_TTABLE) {
		lua_pushnil(L);
		named_only = lua_next(L, t) != 0;
		if (named_only)
			lua_pop(L, 2);
	}
	if (lua_type(L, t) == LUA_TTABLE && !is_item_table(L, t) && !named_only) {
		/* What one rule may add to a report is bounded (hardening.md case 33): a rule that
		** returns the same large string many times costs little Lua memory but would make
		** the report, and the host's copies, as large as it likes. */
		if (n > RULE_MAX_ITEMS) {
			snprintf(err, errlen, "result too large: %lld items (at most %d a rule)",
			         (long long)n, RULE_MAX_ITEMS);
			return false;
		}
		size_t bytes = 0;
		for (lua_Integer i = 1; i <= n; i++) {
			lua_rawgeti(L, t, i);
			bool ok = collect_one(L, -1, rd, r, c, err, errlen);
			lua_pop(L, 1);
			if (!ok)
				return false;
			bytes += item_bytes(&c->items[c->n - 1]);
			if (bytes > RULE_MAX_BYTES) {
				snprintf(err, errlen, "result too large: more than %d bytes of text (at most "
				         "%d a rule)", RULE_MAX_BYTES, RULE_MAX_BYTES);
				return false;
			}
		}
		return true;
	}
	return collect_one(L, t, rd, r, c, err, errlen);
}

/* }====== */

/* {====== Making a report */

/* Nothing a rule did for one pair (or page) reaches the next: rule state is put back as it
** was after loading, and facts worked out inside the pair are forgotten (issue 16, item 7). */
static void end_of_pair(vs_engine *e)
{
	sandbox_end_phase(e->sb);
	view_forget_facts(e->sb->L);
	if (e->serial_fixed) /* else a warm-up (engine_warm_up) */
		sandbox_restore(e->sb);
}

static void rule_failed(vs_report *r, vs_sandbox *sb, const char *where, const char *key,
                        const char *msg)
{
	diags_add(&r->diags, VS_ERROR, sb->err_where[0] ? sb->err_where : where, key, "%s",
	          msg ? msg : "error");
}

/* Call the function below p (at the top) with p; leave one result. */
static bool call_with_pair(vs_engine *e, int fn_ref, int p, vs_report *r, const char *where,
                           const char *key)
{
	lua_State *L = e->sb->L;
	lua_rawgeti(L, LUA_REGISTRYINDEX, fn_ref);
	lua_pushvalue(L, p);
	if (sandbox_pcall(e->sb, 1, 1) != LUA_OK) {
		rule_failed(r, e->sb, where, key, lua_tostring(L, -1));
		lua_pop(L, 1);
		return false;
	}
	return true;
}

static void section_headers(vs_engine *e, int p, vs_report *r)
{
	lua_State *L = e->sb->L;
	for (int i = 0; i < VS_SEC_COUNT; i++) {
		const section_def *d = &e->sections[i];
		vs_section *s = &r->sections[i];
		free(s->title);
		s->title = xstrdup(d->title);
		s->style = d->style;
		free(s->source);
		free(s->origin);
		s->source = d->source ? xstrdup(d->source) : NULL;
		s->origin = d->origin ? xstrdup(d->origin) : NULL;
		for (size_t j = 0; j < d->columns.n; j++)
			strv_push(&s->columns, d->columns.v[j]);
		for (size_t j = 0; j < d->chart.n; j++)
			strv_push(&s->chart, d->chart.v[j]);
		if (d->columns_ref == LUA_NOREF)
			continue;
		if (!call_with_pair(e, d->columns_ref, p, r, d->where, section_name((vs_section_id)i)))
			continue;
		vs_strv cols = {0};
		bool ok = lua_istable(L, -1);
		lua_Integer n = ok ? (lua_Integer)lua_rawlen(L, -1) : 0;
		for (lua_Integer k = 1; ok && k <= n; k++) {
			lua_rawgeti(L, -1, k);
			char *txt = raw_text(L, -1);
			if (txt)
				strv_push(&cols, txt);
			ok = txt != NULL;
			free(txt);
			lua_pop(L, 1);
		}
		if (ok) {
			strv_free(&s->columns);
			s->columns = cols;
		} else {
			strv_free(&cols);
			diags_add(&r->diags, VS_ERROR, d->where, section_name((vs_section_id)i),
			          "columns must return a list of strings");
		}
		lua_pop(L, 1);
	}
}

static void report_title(vs_engine *e, int p, vs_report *r)
{
	lua_State *L = e->sb->L;
	if (e->title_ref == LUA_NOREF) {
		r->title = xstrdup("");
		return;
	}
	free(r->title_source);
	free(r->title_origin);
	r->title_source = e->title_source ? xstrdup(e->title_source) : NULL;
	r->title_origin = e->title_origin ? xstrdup(e->title_origin) : NULL;
	if (call_with_pair(e, e->title_ref, p, r, e->title_where, "title")) {
		r->title = raw_text(L, -1);
		if (!r->title)
			diags_add(&r->diags, VS_ERROR, e->title_where, "title", "title must return a string");
		lua_pop(L, 1);
	}
	if (!r->title)
		r->title = xstrdup("");
}

/* False when the rule failed (a diagnostic says why). */
static bool run_rule(vs_engine *e, const rule_def *rd, int p, vs_report *r)
{
	lua_State *L = e->sb->L;
	if (!call_with_pair(e, rd->fn_ref, p, r, rd->where, rd->key))
		return false;
	collected c = {0};
	char err[256] = "";
	if (!collect_result(L, rd, r, &c, err, sizeof err)) {
		diags_add(&r->diags, VS_ERROR, rd->where, rd->key, "%s", err);
		collected_free(&c);
		lua_settop(L, p);
		return false;
	}
	lua_settop(L, p);
	/* All or nothing: a rule's items land only when every one of them was well formed. */
	for (size_t i = 0; i < c.n; i++) {
		vs_item *dst = c.is_row[i] ? report_add_row(r, c.sections[i])
		                           : report_add_item(r, c.sections[i]);
		*dst = c.items[i];
	}
	free(c.items);
	free(c.sections);
	free(c.is_row);
	return true;
}

static void fill_costs(const vs_model *a, const vs_model *b, const vs_traffic *t, vs_report *r)
{
	const vs_model *m[2] = {a, b};
	vs_prices *pr[2];
	for (int i = 0; i < 2; i++) {
		r->models[i].id = xstrdup(m[i]->id);
		r->models[i].name = xstrdup(m[i]->name);
		/* Each record's prices are read once, for the profile and every crossover size. */
		pr[i] = cost_prices_new(m[i]->root, t);
		cost_of_prices(pr[i], t, &r->models[i].cost);
		if (r->models[i].cost.route)
			r->models[i].route = xstrdup(r->models[i].cost.route);
		if (r->models[i].cost.cheapest_route)
			r->models[i].cheapest_route = xstrdup(r->models[i].cost.cheapest_route);
	}
	cost_crossovers(pr[0], pr[1], t, &r->crossovers);
	cost_prices_free(pr[0]);
	cost_prices_free(pr[1]);
	const vs_cost *ca = &r->models[0].cost, *cb = &r->models[1].cost;
	r->cheaper = -1;
	if (ca->status == VS_COST_OK && cb->status == VS_COST_OK) {
		r->have_delta = true;
		r->delta_usd = fabs(ca->monthly - cb->monthly);
		if (!cost_equal(ca->monthly, cb->monthly))
			r->cheaper = ca->monthly < cb->monthly ? 0 : 1;
	}
}

/* Links: the page of the pair in an item's about, ids in sorted order. */
static void link_items(vs_report *r)
{
	for (int s = 0; s < VS_SEC_COUNT; s++) {
		vs_section *sec = &r->sections[s];
		if (sec->style != VS_STYLE_LINKS)
			continue;
		for (size_t i = 0; i < sec->n_items; i++) {
			vs_item *it = &sec->items[i];
			if (it->about.n != 2 || it->href)
				continue;
			const char *x = it->about.v[0], *y = it->about.v[1];
			vs_pair_order(&x, &y);
			it->href = xasprintf("%s-vs-%s", x, y);
		}
	}
}

void engine_report(vs_engine *e, const vs_model *a, const vs_model *b, const vs_traffic *t,
                   vs_report *r)
{
	lua_State *L = e->sb->L;
	r->traffic = *t;
	fill_costs(a, b, t, r);

	pair_args pa = {e, {a, b}, t, r};
	lua_pushcfunction(L, build_pair);
	lua_pushlightuserdata(L, &pa);
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
		diags_add(&r->diags, VS_ERROR, "rules", NULL, "cannot prepare the pair for rules: %s",
		          lua_tostring(L, -1));
		lua_pop(L, 1);
		r->title = xstrdup("");
		return;
	}
	int p = lua_gettop(L);
	sandbox_begin_phase(e->sb); /* the pair's rule calls share one memory cap */
	report_title(e, p, r);
	section_headers(e, p, r);
	/* A section where a rule failed: its `none` statement could claim the opposite of the
	** data ("no other model to compare with" when the related rule ran out of memory), so
	** it is left to the diagnostic (issue 16, item 6). */
	bool failed[VS_SEC_COUNT] = {false};
	for (size_t i = 0; i < e->n_rules; i++)
		if (!e->rules[i].fallback && !run_rule(e, &e->rules[i], p, r))
			failed[e->rules[i].section] = true;
	if (e->plugins)
		plugins_run_statements(e->plugins, a, b, r);
	/* A section's `none` statement: only when no rule or plugin said anything there. */
	for (size_t i = 0; i < e->n_rules; i++) {
		const vs_section *sec = &r->sections[e->rules[i].section];
		if (e->rules[i].fallback && !failed[e->rules[i].section] && sec->n_items == 0 &&
		    sec->n_rows == 0)
			run_rule(e, &e->rules[i], p, r);
	}
	lua_settop(L, p - 1);
	end_of_pair(e);
	link_items(r);
}

/*
** Rule state is put back after every pair to what it was once loading ended, so a cache a
** helper fills (normalized names, formatted numbers, a model's providers) starts empty on
** every pair.  A site's workers first make the same few pairs, the first models of the
** catalog two by two, and record the state after them instead: every worker of every run
** does exactly this, so the state each pair starts from is still the same everywhere, and
** the helpers' caches start warm.
*/
#define WARM_UP_PAIRS 32

void engine_warm_up(vs_engine *e, const vs_traffic *t)
{
	const vs_model *m[2 * WARM_UP_PAIRS];
	size_t n = 0;
	for (size_t i = 0; i < e->cat->n && n < 2 * WARM_UP_PAIRS; i++)
		if (e->cat->models[i].valid)
			m[n++] = &e->cat->models[i];
	e->serial_fixed = false;
	for (size_t i = 0; i + 1 < n; i += 2) {
		vs_report r;
		report_init(&r);
		engine_report(e, m[i], m[i + 1], t, &r);
		report_free(&r);
	}
	vs_diags ignored = {0};
	snapshot_rules(e, &ignored);
	diags_free(&ignored);
	e->serial_fixed = true;
}

/* }====== */

static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* {====== Facts for a whole run (a site's world) */

typedef struct fact_job {
	vs_engine *e;
	const char *key;
	const vs_model *m;
	vs_fact *out;
	char err[256];
	bool ok;
} fact_job;

/* In a protected call: fn(m, catalog) under the rule budget, then its value as C data. */
static int compute_fact(lua_State *L)
{
	fact_job *j = lua_touserdata(L, 1);
	vs_engine *e = j->e;
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_FACTS_KEY);
	lua_getfield(L, -1, j->key);
	view_push_model(L, j->m, e->plugins);
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_CATALOG_KEY);
	if (sandbox_pcall(e->sb, 2, 1) != LUA_OK) {
		const char *trip = sandbox_trip_message(e->sb);
		snprintf(j->err, sizeof j->err, "%s", trip ? trip : lua_tostring(L, -1));
		return 0;
	}
	j->ok = fact_from_lua(L, -1, e->cat, j->out, j->err, sizeof j->err);
	return 0;
}

void engine_compute_facts(vs_engine *e, vs_facts *s, vs_diags *diags)
{
	lua_State *L = e->sb->L;
	memset(s, 0, sizeof *s);
	s->n_models = e->cat->n;
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_FACTS_KEY);
	int t = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, t) != 0) {
		if (lua_type(L, -2) == LUA_TSTRING) {
			s->keys = xrealloc(s->keys, (s->n_keys + 1) * sizeof *s->keys);
			s->keys[s->n_keys++] = xstrdup(lua_tostring(L, -2));
		}
		lua_pop(L, 1);
	}
	lua_settop(L, t - 1);
	qsort(s->keys, s->n_keys, sizeof *s->keys, cmp_strp);
	size_t cells = s->n_keys * s->n_models;
	s->values = xcalloc(cells ? cells : 1, sizeof *s->values);
	s->have = xcalloc(cells ? cells : 1, sizeof *s->have);
	for (size_t k = 0; k < s->n_keys; k++)
		for (size_t m = 0; m < s->n_models; m++) {
			const vs_model *model = &e->cat->models[m];
			if (!model->valid)
				continue;
			fact_job j = {e, s->keys[k], model, &s->values[k * s->n_models + m], "", false};
			lua_pushcfunction(L, compute_fact);
			lua_pushlightuserdata(L, &j);
			int rc = lua_pcall(L, 1, 0, 0);
			if (rc != LUA_OK) {
				snprintf(j.err, sizeof j.err, "%s", lua_tostring(L, -1));
				lua_pop(L, 1);
			}
			lua_settop(L, t - 1);
			if (j.ok)
				s->have[k * s->n_models + m] = true;
			else
				diags_add(diags, VS_ERROR, "rules", s->keys[k],
				          "fact '%s' for %s: %s (rules that use it compute it again per pair)",
				          s->keys[k], model->id, j.err);
		}
	facts_hash_models(s, e->cat);
	/* The facts are worked out in one order in one state (the same every run); what the
	** rules kept while doing it does not reach the pages this state makes next. */
	end_of_pair(e);
}

void engine_use_facts(vs_engine *e, const vs_facts *s)
{
	lua_State *L = e->sb->L;
	lua_pushlightuserdata(L, (void *)s);
	lua_setfield(L, LUA_REGISTRYINDEX, VIEW_FACT_STORE_KEY);
	lua_pushlightuserdata(L, (void *)e->cat);
	lua_setfield(L, LUA_REGISTRYINDEX, VIEW_FACT_CATALOG_KEY);
}

/* }====== */

/* {====== A site's index and model pages */

/* Push field `field` of page `page`: a function is called with the nargs values below it on
** the stack (under the rule budget), anything else is taken as it is.  Leaves the value on
** top in place of the arguments; false (nothing left) when the call failed. */
static bool page_value(vs_engine *e, const char *page, const char *field, int nargs,
                       vs_page *pg)
{
	lua_State *L = e->sb->L;
	int base = lua_gettop(L) - nargs; /* the arguments are base + 1 .. base + nargs */
	lua_getfield(L, LUA_REGISTRYINDEX, PAGES_KEY);
	if (lua_istable(L, -1)) {
		lua_getfield(L, -1, page);
		lua_remove(L, -2);
	}
	if (lua_istable(L, -1)) {
		lua_getfield(L, -1, field);
		lua_remove(L, -2);
	} else {
		lua_pop(L, 1);
		lua_pushnil(L);
	}
	if (!lua_isfunction(L, -1)) {
		if (nargs > 0) {
			lua_replace(L, base + 1);
			lua_settop(L, base + 1);
		}
		return true;
	}
	lua_insert(L, base + 1); /* the function below its arguments */
	if (sandbox_pcall(e->sb, nargs, 1) != LUA_OK) {
		const char *trip = sandbox_trip_message(e->sb);
		diags_add(&pg->diags, VS_ERROR, "rules", page, "page %s.%s: %s", page, field,
		          trip ? trip : lua_tostring(L, -1));
		lua_settop(L, base);
		return false;
	}
	return true;
}

/* The string on top (popped), or NULL when it is not one. */
static char *pop_text(lua_State *L)
{
	char *t = raw_text(L, -1);
	lua_pop(L, 1);
	return t;
}

/* The list of strings on top (popped) into v; false when it is not one. */
static bool pop_strings(lua_State *L, vs_strv *v)
{
	bool ok = lua_istable(L, -1);
	lua_Integer n = ok ? (lua_Integer)lua_rawlen(L, -1) : 0;
	for (lua_Integer i = 1; ok && i <= n; i++) {
		lua_rawgeti(L, -1, i);
		char *t = raw_text(L, -1);
		lua_pop(L, 1);
		ok = t != NULL;
		if (t)
			strv_push(v, t);
		free(t);
	}
	lua_pop(L, 1);
	return ok;
}

/* The index and model pages show each model's list prices: the cost route of the default
** policy (first party, else the median) at the default request size, whatever the run's
** traffic, so a model whose window a large request overflows still shows its prices. */
static void push_model_cost(vs_engine *e, const vs_model *m, const vs_traffic *t)
{
	(void)t;
	static const vs_traffic list_prices = VS_TRAFFIC_DEFAULT;
	vs_cost c;
	cost_of_model(m->root, &list_prices, &c);
	push_cost(e->sb->L, &c);
	cost_free(&c);
}

/* In a protected call (view_push_model may raise): the index page. */
typedef struct page_job {
	vs_engine *e;
	const vs_model *m;
	const vs_traffic *t;
	vs_page *pg;
	const vs_model **order; /* the valid models by name (order.h), made outside the call */
	size_t n_order;
} page_job;

static void add_row(vs_page *pg, vs_strv *cells, char *link)
{
	pg->rows = xrealloc(pg->rows, (pg->n_rows + 1) * sizeof *pg->rows);
	pg->row_links = xrealloc(pg->row_links, (pg->n_rows + 1) * sizeof *pg->row_links);
	pg->rows[pg->n_rows] = *cells;
	pg->row_links[pg->n_rows] = link;
	pg->n_rows++;
}

static int build_index(lua_State *L)
{
	page_job *j = lua_touserdata(L, 1);
	vs_engine *e = j->e;
	vs_page *pg = j->pg;
	size_t n = 0;
	for (size_t i = 0; i < e->cat->n; i++)
		n += e->cat->models[i].valid;
	lua_pushinteger(L, (lua_Integer)n);
	if (page_value(e, "index", "title", 1, pg))
		pg->title = pop_text(L);
	lua_pushinteger(L, (lua_Integer)n);
	if (page_value(e, "index", "intro", 1, pg) && !lua_isnil(L, -1)) {
		if (lua_istable(L, -1))
			pop_strings(L, &pg->intro);
		else {
			char *t = pop_text(L);
			if (t)
				strv_push(&pg->intro, t);
			free(t);
		}
	} else {
		lua_settop(L, 1);
	}
	if (page_value(e, "index", "columns", 0, pg) && !pop_strings(L, &pg->columns))
		diags_add(&pg->diags, VS_ERROR, "rules", "index", "page index.columns: a list of strings");
	/* Rows by name, numbers as numbers (order.h), as `versus list` prints them. */
	for (size_t i = 0; i < j->n_order; i++) {
		const vs_model *m = j->order[i];
		view_push_model(L, m, e->plugins);
		push_model_cost(e, m, j->t);
		if (!page_value(e, "index", "row", 2, pg))
			continue;
		vs_strv cells = {0};
		if (!pop_strings(L, &cells)) {
			diags_add(&pg->diags, VS_ERROR, "rules", "index", "page index.row for %s: a list "
			          "of strings", m->id);
			strv_free(&cells);
			continue;
		}
		add_row(pg, &cells, xasprintf("models/%s.html", m->id));
	}
	lua_settop(L, 1);
	return 0;
}

static int build_model_page(lua_State *L)
{
	page_job *j = lua_touserdata(L, 1);
	vs_engine *e = j->e;
	vs_page *pg = j->pg;
	const vs_model *m = j->m;
	view_push_model(L, m, e->plugins);
	if (page_value(e, "model", "title", 1, pg))
		pg->title = pop_text(L);
	if (page_value(e, "model", "columns", 0, pg) && !pop_strings(L, &pg->columns))
		diags_add(&pg->diags, VS_ERROR, "rules", "model", "page model.columns: a list of strings");
	view_push_model(L, m, e->plugins);
	push_model_cost(e, m, j->t);
	if (page_value(e, "model", "facts", 2, pg) && lua_istable(L, -1)) {
		int t = lua_gettop(L);
		lua_Integer n = (lua_Integer)lua_rawlen(L, t);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_rawgeti(L, t, i);
			vs_strv cells = {0};
			if (pop_strings(L, &cells))
				add_row(pg, &cells, NULL);
			else
				strv_free(&cells);
		}
		lua_settop(L, t - 1);
	}
	lua_settop(L, 1);
	if (page_value(e, "model", "pairs_heading", 0, pg))
		pg->links_heading = pop_text(L);
	/* A link to each pair page the model is in, titled as that page is (ids sorted), in the
	** order of the other model's name (order.h), as the index lists them. */
	for (size_t i = 0; i < j->n_order; i++) {
		const vs_model *o = j->order[i];
		if (o == m)
			continue;
		const vs_model *x = strcmp(m->id, o->id) < 0 ? m : o, *y = x == m ? o : m;
		view_push_model(L, x, e->plugins);
		view_push_model(L, y, e->plugins);
		if (!page_value(e, "model", "pair", 2, pg))
			continue;
		char *text = pop_text(L);
		if (!text)
			continue;
		pg->links = xrealloc(pg->links, (pg->n_links + 1) * sizeof *pg->links);
		pg->links[pg->n_links].text = text;
		pg->links[pg->n_links].href = xasprintf("../compare/%s-vs-%s.html", x->id, y->id);
		pg->n_links++;
	}
	if (page_value(e, "model", "back", 0, pg)) {
		pg->back.text = pop_text(L);
		pg->back.href = pg->back.text ? xstrdup("../index.html") : NULL;
	}
	lua_settop(L, 1);
	return 0;
}

static void run_page(vs_engine *e, lua_CFunction fn, page_job *j)
{
	j->order = vs_models_by_name(e->cat, &j->n_order);
	lua_State *L = e->sb->L;
	int top = lua_gettop(L);
	sandbox_begin_phase(e->sb);
	lua_pushcfunction(L, fn);
	lua_pushlightuserdata(L, j);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
		diags_add(&j->pg->diags, VS_ERROR, "rules", NULL, "cannot make the page: %s",
		          lua_tostring(L, -1));
	}
	lua_settop(L, top);
	end_of_pair(e);
	free(j->order);
}

char *engine_back_text(vs_engine *e)
{
	lua_State *L = e->sb->L;
	int top = lua_gettop(L);
	vs_page pg = {0}; /* for page_value's diagnostics: the model pages report them */
	sandbox_begin_phase(e->sb);
	char *text = page_value(e, "model", "back", 0, &pg) ? pop_text(L) : NULL;
	page_free(&pg);
	lua_settop(L, top);
	end_of_pair(e);
	return text;
}

char *engine_page_text(vs_engine *e, const char *page, const char *field, const double *args,
                       size_t n, vs_page *pg)
{
	lua_State *L = e->sb->L;
	int top = lua_gettop(L);
	for (size_t i = 0; i < n; i++)
		if (isnan(args[i]))
			lua_pushnil(L); /* unknown: the rule's formatter says so */
		else if (args[i] == floor(args[i]) && fabs(args[i]) < 9007199254740992.0)
			lua_pushinteger(L, (lua_Integer)args[i]); /* a count reads as one */
		else
			lua_pushnumber(L, args[i]);
	sandbox_begin_phase(e->sb);
	char *t = page_value(e, page, field, (int)n, pg) ? pop_text(L) : NULL;
	lua_settop(L, top);
	end_of_pair(e);
	return t;
}

void engine_index_page(vs_engine *e, const vs_traffic *t, vs_page *pg)
{
	memset(pg, 0, sizeof *pg);
	page_job j = {e, NULL, t, pg, NULL, 0};
	run_page(e, build_index, &j);
}

void engine_model_page(vs_engine *e, const vs_model *m, const vs_traffic *t, vs_page *pg)
{
	memset(pg, 0, sizeof *pg);
	page_job j = {e, m, t, pg, NULL, 0};
	run_page(e, build_model_page, &j);
}

/* }====== */
