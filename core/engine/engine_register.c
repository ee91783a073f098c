/*
** engine_register.c — the calls a rule file makes while it loads: rule{}, section{}, fact{},
** page{} and title{}.  Each checks its table and records what it declares in the engine.
*/
#include "engine_internal.h"
#include "suggest.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "luaview.h"

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

/* The fields each registration call knows (docs/rules.md).  A field it does not know is a
** typo ("fallbak = true") that would be ignored without a word: refuse it, as items do. */
static const char *const rule_fields[] = {"key", "section", "fn", "fallback", NULL};
static const char *const section_fields[] = {"id", "title", "style", "columns", "chart", NULL};
static const char *const fact_fields[] = {"key", "fn", NULL};
static const char *const title_fields[] = {"fn", NULL};
static const char *const index_page_fields[] = {"id", "title", "intro", "columns", "row", NULL};
static const char *const model_page_fields[] = {"id", "title", "columns", "facts",
                                                "pairs_heading", "pair", "back", NULL};
static const char *const diff_page_fields[] = {
	"id", "title", "intro", "nothing", "models_heading", "models_column_1", "models_column_2",
	"models_column_3", "models_column_4", "cost_row", "field", "money", "price", "tokens",
	"share", "tier", "listed", "record", "benchmarks", "reason", "pairs_heading_decisions",
	"pairs_heading_all", "pairs_heading_pair", "pairs_column_1", "pairs_column_2",
	"pairs_column_3", "pairs_column_4", "pairs_column_5", "pairs_column_6", "none", "flipped",
	"changed", NULL};

/* Raise "CALL{} has an unknown field 'F'; did you mean 'G'? (fields: ...)" for the first key
** of table t that is not one of known (a key that is not a string is unknown too). */
static void refuse_unknown_fields(lua_State *L, int t, const char *call,
                                  const char *const *known)
{
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		size_t n = 0;
		bool ok = false;
		for (; known[n]; n++)
			ok |= k && strcmp(k, known[n]) == 0;
		if (ok)
			continue;
		vs_buf all = {0}, near = {0};
		for (size_t i = 0; i < n; i++)
			buf_printf(&all, "%s%s", i ? ", " : "", known[i]);
		if (k && suggest_names(k, known, n, &near))
			lua_pushfstring(L, "%s{} has an unknown field '%s'; did you mean %s? (fields: %s)",
			                call, k, near.s, all.s);
		else
			lua_pushfstring(L, "%s{} has an unknown field %s%s%s (fields: %s)", call,
			                k ? "'" : "", k ? k : "that is not a string", k ? "'" : "", all.s);
		buf_free(&all);
		buf_free(&near);
		lua_error(L);
	}
}

/* The start of every registration call: its engine, once the call is known to be made while
** a rule file loads, with a table whose fields are all known (page{} checks its fields once
** it knows the page: fields NULL). */
static vs_engine *start_call(lua_State *L, const char *call, const char *const *fields)
{
	vs_engine *e = engine_of(L);
	if (!e->loading)
		luaL_error(L, "%s{} can only be called while a rule file loads", call);
	luaL_checktype(L, 1, LUA_TTABLE);
	if (fields)
		refuse_unknown_fields(L, 1, call, fields);
	return e;
}

/* Where the declaration being made is (caller_place) and, unless shipped, its directory. */
static void note_place(lua_State *L, const vs_engine *e, char **where, char **source,
                       char **origin)
{
	caller_place(L, e, where, source);
	*origin = e->loading_origin ? xstrdup(e->loading_origin) : NULL;
}

static int api_rule(lua_State *L)
{
	vs_engine *e = start_call(L, "rule", rule_fields);
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
	note_place(L, e, &r->where, &r->source, &r->origin);
	r->fn_ref = ref;
	return 0;
}

/* section{columns = ...}: a list of column names (into *cols) or a function that
** gives them (its reference into *ref). */
static void read_columns(lua_State *L, vs_strv *cols, int *ref)
{
	int ct = lua_getfield(L, 1, "columns");
	if (ct == LUA_TTABLE) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		for (lua_Integer i = 1; i <= n; i++) {
			if (lua_rawgeti(L, -1, i) != LUA_TSTRING) {
				strv_free(cols);
				luaL_error(L, "columns[%d] must be a string", (int)i);
				return;
			}
			strv_push(cols, lua_tostring(L, -1));
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	} else if (ct == LUA_TFUNCTION) {
		*ref = luaL_ref(L, LUA_REGISTRYINDEX);
	} else if (ct != LUA_TNIL) {
		luaL_error(L, "columns must be a list of strings or a function");
	} else {
		lua_pop(L, 1);
	}
}

/* chart = {x = "...", y = "...", marker = "..."}: the words of a section's chart (into
** *chart); on an error, the columns already read (cols, ref) are let go first. */
static void read_chart(lua_State *L, vs_strv *chart, vs_strv *cols, int ref)
{
	if (lua_getfield(L, 1, "chart") == LUA_TTABLE) {
		static const char *const names[VS_CHART_WORDS] = {"x", "y", "marker", "crossover"};
		for (int i = 0; i < VS_CHART_WORDS; i++) {
			int t = lua_getfield(L, -1, names[i]);
			if (t != LUA_TSTRING && t != LUA_TNIL) {
				strv_free(cols);
				strv_free(chart);
				if (ref != LUA_NOREF)
					luaL_unref(L, LUA_REGISTRYINDEX, ref);
				luaL_error(L, "chart.%s must be a string", names[i]);
				return;
			}
			strv_push(chart, t == LUA_TSTRING ? lua_tostring(L, -1) : "");
			lua_pop(L, 1);
		}
	} else if (!lua_isnil(L, -1)) {
		strv_free(cols);
		if (ref != LUA_NOREF)
			luaL_unref(L, LUA_REGISTRYINDEX, ref);
		luaL_error(L, "chart must be a table {x = ..., y = ..., marker = ..., crossover = ...}");
		return;
	}
	lua_pop(L, 1);
}

static int api_section(lua_State *L)
{
	vs_engine *e = start_call(L, "section", section_fields);
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
	vs_strv cols = {0};
	int ref = LUA_NOREF;
	read_columns(L, &cols, &ref);
	vs_strv chart = {0};
	read_chart(L, &chart, &cols, ref);
	d->declared = true;
	e->declared_now[sec] = true;
	strv_free(&d->chart);
	d->chart = chart;
	free(d->source);
	free(d->where);
	free(d->origin);
	note_place(L, e, &d->where, &d->source, &d->origin);
	free(d->title);
	d->title = xstrdup(title ? title : "");
	d->style = (vs_style)st;
	d->columns = cols;
	d->columns_ref = ref;
	return 0;
}

static int api_fact(lua_State *L)
{
	vs_engine *e = start_call(L, "fact", fact_fields);
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
const char PAGES_KEY[] = "versus.pages";

static int api_page(lua_State *L)
{
	start_call(L, "page", NULL);
	const char *id = field_string(L, 1, "id", true);
	const char *const *fields = strcmp(id, "index") == 0   ? index_page_fields
	                            : strcmp(id, "model") == 0 ? model_page_fields
	                            : strcmp(id, "diff") == 0  ? diff_page_fields
	                                                       : NULL;
	if (!fields)
		return luaL_error(L, "unknown page '%s' (one of: index, model, diff)", id);
	refuse_unknown_fields(L, 1, "page", fields);
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
	vs_engine *e = start_call(L, "title", title_fields);
	if (e->title_ref != LUA_NOREF)
		return luaL_error(L, "title{} declared twice: already declared at %s", e->title_where);
	if (lua_getfield(L, 1, "fn") != LUA_TFUNCTION)
		return luaL_error(L, "title: field 'fn' must be a function");
	e->title_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	note_place(L, e, &e->title_where, &e->title_source, &e->title_origin);
	e->title_now = true;
	return 0;
}

/* rule{}, section{}, title{}, fact{} and page{} in the shared base, each knowing e. */
void register_api(lua_State *L, vs_engine *e)
{
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
}

/* }====== */
