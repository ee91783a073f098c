/*
** engine_load.c — making an engine: the sandbox, the helper libraries (rules/lib/NAME.lua)
** and rule files (rules/NAME.lua) in sorted name order over the merged rule directories,
** each in its own environment, frozen after it runs; then the state to put back per pair.
*/
#include "engine_internal.h"

#include <dirent.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "luaview.h"
#include "rule_profile.h"

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

/* A parser message "FILE:LINE: MSG" as a diagnostic at FILE:LINE (Lua shortens a long FILE
** to "...TAIL"); anything else at the file. */
static void report_syntax_error(const char *shown, const char *msg, vs_diags *diags)
{
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
}

/* Read and compile f as the chunk `shown`: its function on the stack, or false (nothing
** pushed) with a diagnostic. */
static bool compile_file(lua_State *L, const rule_file *f, const char *shown, vs_diags *diags)
{
	size_t len;
	char *code = read_file(f->path, MAX_RULE_FILE_BYTES, &len);
	if (!code) {
		diags_add(diags, VS_ERROR, shown, NULL, "cannot read %s: %s", f->path, strerror(errno));
		return false;
	}
	char *chunk = xasprintf("@%s", shown);
	int status = luaL_loadbufferx(L, code, len, chunk, "t");
	free(code);
	free(chunk);
	if (status != LUA_OK) {
		report_syntax_error(shown, lua_tostring(L, -1), diags);
		lua_pop(L, 1);
		return false;
	}
	return true;
}

/* Give the function on top a fresh environment and leave it below the function: reads fall
** through to the base; writes land in env until it is frozen. */
static void push_file_env(vs_engine *e)
{
	lua_State *L = e->sb->L;
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
}

/* Run the function on top (env below it), registration calls allowed unless a helper
** library runs; its result replaces it.  On failure everything the file declared is undone,
** both are popped and false is returned. */
static bool run_file(vs_engine *e, bool is_lib, bool shipped, const rule_file *f,
                     const char *shown, vs_diags *diags)
{
	lua_State *L = e->sb->L;
	size_t before = e->n_rules;
	memset(e->declared_now, 0, sizeof e->declared_now);
	e->title_now = false;
	strv_free(&e->facts_now);
	e->loading = !is_lib;
	e->loading_origin = shipped ? NULL : f->dir_label;
	int status = sandbox_pcall(e->sb, 0, 1);
	e->loading = false;
	if (status == LUA_OK)
		return true;
	diags_add(diags, VS_ERROR, e->sb->err_where[0] ? e->sb->err_where : shown, NULL,
	          "failed to load: %s", lua_tostring(L, -1));
	drop_rules_from(e, before);
	drop_declarations(e);
	lua_pop(L, 2);
	lua_gc(L, LUA_GCCOLLECT, 0); /* what the failed file held is freed now */
	return false;
}

/* A helper library's result (on top) becomes the frozen global named after the file, and
** its own table is kept to be put back per pair. */
static void publish_lib(vs_engine *e, const rule_file *f, const char *shown, vs_diags *diags)
{
	lua_State *L = e->sb->L;
	if (!lua_istable(L, -1)) {
		diags_add(diags, VS_ERROR, shown, NULL, "a helper library must return a table, got %s",
		          luaL_typename(L, -1));
		return;
	}
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
	if (compile_file(L, f, shown, diags)) {
		push_file_env(e);
		if (run_file(e, is_lib, shipped, f, shown, diags)) {
			if (is_lib)
				publish_lib(e, f, shown, diags);
			lua_pop(L, 1); /* the result */
			sandbox_freeze_env(L, -1);
			lua_pop(L, 1); /* env */
		}
	}
	free(shown);
}

static int setup_engine(lua_State *L)
{
	vs_engine *e = lua_touserdata(L, 1);
	view_init(L);
	register_api(L, e);
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
void snapshot_rules(vs_engine *e, vs_diags *diags)
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

static void free_files(rule_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(files[i].rel);
		free(files[i].path);
		free(files[i].dir_label);
	}
	free(files);
}

/* Every directory's lib/NAME.lua, then its NAME.lua, each list in name order (a later
** directory's file of the same name replaces an earlier one), loaded into e. */
static void load_rule_files(vs_engine *e, const vs_rule_dir *dirs, size_t n_dirs,
                            vs_diags *diags)
{
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
	sandbox_begin_phase(e->sb);
	for (size_t i = 0; i < n_libs; i++)
		load_file(e, &libs[i], true, diags);
	for (size_t i = 0; i < n_files; i++)
		load_file(e, &files[i], false, diags);
	sandbox_end_phase(e->sb);
	free_files(libs, n_libs);
	free_files(files, n_files);
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
	e->profiling = rule_profile_on();
	if (e->profiling)
		sandbox_count_every_instruction(sb);
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

	load_rule_files(e, dirs, n_dirs, diags);
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
