/*
** luaview.c — read-only views (see luaview.h).
**
** A view is a userdata with two user values: 1 = the table it shows, 2 = a cache of the
** views of its nested tables (so m.routes is the same value each time and costs one
** allocation per state, not one per read).  Key order for pairs() lives in a weak table
** in the registry, keyed by the shown table.
*/
#include "luaview.h"

#include <lauxlib.h>
#include <string.h>

#include "sandbox.h"

static const char VIEW_MT[] = "versus.view";
static const char MODEL_MT[] = "versus.model";
static const char ORDER_KEY[] = "versus.order";
static const char MODELS_KEY[] = "versus.models";
const char VIEW_FACTS_KEY[] = "versus.facts";
const char VIEW_CATALOG_KEY[] = "versus.catalog";

typedef struct view {
	const vs_model *model;       /* model views only */
	const vs_plugins *plugins;
} view;

/* The view a metamethod was called on.  Metamethods are reached only through a view's own
** metatable, which rule code cannot obtain (it is protected and there is no debug library),
** so the first argument is always one of our userdata: no type check on this hot path. */
static view *check_any_view(lua_State *L, int idx)
{
	return lua_touserdata(L, idx);
}

/* Push the value of key (at kidx) in view (at vidx), wrapping nested tables. */
static void view_get(lua_State *L, int vidx, int kidx)
{
	vidx = lua_absindex(L, vidx);
	kidx = lua_absindex(L, kidx);
	lua_getiuservalue(L, vidx, 1);
	lua_pushvalue(L, kidx);
	if (lua_rawget(L, -2) != LUA_TTABLE) {
		lua_remove(L, -2);
		return;
	}
	/* A nested table: its view, cached by key. */
	lua_getiuservalue(L, vidx, 2);
	lua_pushvalue(L, kidx);
	if (lua_rawget(L, -2) == LUA_TNIL) {
		lua_pop(L, 1);
		view_wrap(L, -2);
		lua_pushvalue(L, kidx);
		lua_pushvalue(L, -2);
		lua_rawset(L, -4);
	}
	lua_replace(L, -4);
	lua_pop(L, 2);
}

static int model_cap(lua_State *L)
{
	view *v = luaL_checkudata(L, 1, MODEL_MT);
	const char *id = luaL_checkstring(L, 2);
	int i = plugins_cap_index(v->plugins, id);
	if (i < 0)
		return luaL_error(L, "unknown capability id '%s' (no loaded capability check has it)", id);
	static const char *const answers[] = {"unknown", "no", "yes"};
	unsigned a = v->model->caps ? v->model->caps[i] : VERSUS_CAP_UNKNOWN;
	lua_pushstring(L, answers[a <= VERSUS_CAP_YES ? a : VERSUS_CAP_UNKNOWN]);
	return 1;
}

/* m:fact(key): a fact a rule file registered with fact{key, fn}, computed as fn(m, catalog)
** once per model and state, then served from the model view's cache.  Derived data that
** every pair needs (related-pair neighbours, say) costs once per model, not once per pair. */
static int model_fact(lua_State *L)
{
	luaL_checkudata(L, 1, MODEL_MT);
	luaL_checkstring(L, 2);
	lua_settop(L, 2);
	lua_getiuservalue(L, 1, 3);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, 3) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_FACTS_KEY);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, -2) != LUA_TFUNCTION)
		return luaL_error(L, "unknown fact '%s' (register it with fact{key = ..., fn = ...})",
		                  lua_tostring(L, 2));
	lua_pushvalue(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_CATALOG_KEY);
	lua_call(L, 2, 1);
	if (lua_type(L, -1) == LUA_TTABLE) {
		/* Shared by every later pair, so no rule may change it. */
		view_wrap(L, -1);
		lua_remove(L, -2);
	}
	lua_pushvalue(L, 2);
	lua_pushvalue(L, -2);
	lua_rawset(L, 3);
	return 1;
}

static int view_index(lua_State *L)
{
	const view *v = check_any_view(L, 1);
	if (v->model && lua_type(L, 2) == LUA_TSTRING) {
		const char *k = lua_tostring(L, 2);
		if (strcmp(k, "cap") == 0 || strcmp(k, "fact") == 0) {
			lua_pushcfunction(L, k[0] == 'c' ? model_cap : model_fact);
			return 1;
		}
	}
	view_get(L, 1, 2);
	return 1;
}

static int view_newindex(lua_State *L)
{
	const view *v = check_any_view(L, 1);
	return luaL_error(L, "attempt to modify a read-only %s", v->model ? "model view" : "view");
}

static int view_len(lua_State *L)
{
	check_any_view(L, 1);
	lua_getiuservalue(L, 1, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
	return 1;
}

static int view_pairs_next(lua_State *L)
{
	/* upvalues: 1 = keys, 2 = the view, 3 = position */
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(3));
	for (;;) {
		i++;
		if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL)
			return 0;
		view_get(L, lua_upvalueindex(2), -1);
		if (!lua_isnil(L, -1))
			break;
		lua_pop(L, 2);
	}
	lua_pushinteger(L, i);
	lua_replace(L, lua_upvalueindex(3));
	return 2;
}

static int view_pairs(lua_State *L)
{
	check_any_view(L, 1);
	lua_getiuservalue(L, 1, 1);
	int t = lua_gettop(L);
	lua_getfield(L, LUA_REGISTRYINDEX, ORDER_KEY);
	lua_pushvalue(L, t);
	if (lua_rawget(L, -2) != LUA_TTABLE) {
		lua_pop(L, 1);
		sandbox_push_sorted_keys(L, t);
	}
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, view_pairs_next, 3);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

static int view_tostring(lua_State *L)
{
	view *v = check_any_view(L, 1);
	if (v->model)
		lua_pushfstring(L, "model %s", v->model->id);
	else
		lua_pushliteral(L, "table");
	return 1;
}

static void make_metatable(lua_State *L, const char *name)
{
	static const luaL_Reg meta[] = {
		{"__index", view_index},
		{"__newindex", view_newindex},
		{"__len", view_len},
		{"__pairs", view_pairs},
		{"__tostring", view_tostring},
		{NULL, NULL},
	};
	luaL_newmetatable(L, name);
	luaL_setfuncs(L, meta, 0);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
}

void view_init(lua_State *L)
{
	make_metatable(L, VIEW_MT);
	make_metatable(L, MODEL_MT);
	lua_newtable(L);
	lua_createtable(L, 0, 1);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_setfield(L, LUA_REGISTRYINDEX, ORDER_KEY);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, MODELS_KEY);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, VIEW_FACTS_KEY);
}

void view_set_order(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_getfield(L, LUA_REGISTRYINDEX, ORDER_KEY);
	lua_pushvalue(L, idx);
	lua_pushvalue(L, -3);
	lua_rawset(L, -3);
	lua_pop(L, 2);
}

void view_push_json(lua_State *L, const json_t *v)
{
	luaL_checkstack(L, 8, "record nested too deeply");
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		lua_createtable(L, 0, (int)json_object_size(v));
		lua_createtable(L, (int)json_object_size(v), 0);
		lua_Integer n = 0;
		const char *key;
		json_t *val;
		json_object_foreach((json_t *)v, key, val) {
			if (json_is_null(val))
				continue; /* unknown: the field reads as nil and pairs() skips it */
			lua_pushstring(L, key);
			lua_pushvalue(L, -1);
			lua_rawseti(L, -3, ++n);
			view_push_json(L, val);
			lua_rawset(L, -4);
		}
		view_set_order(L, -2);
		break;
	}
	case JSON_ARRAY: {
		lua_createtable(L, (int)json_array_size(v), 0);
		size_t i;
		json_t *val;
		json_array_foreach(v, i, val) {
			view_push_json(L, val);
			lua_rawseti(L, -2, (lua_Integer)i + 1);
		}
		break;
	}
	case JSON_STRING:
		lua_pushlstring(L, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		lua_pushinteger(L, (lua_Integer)json_integer_value(v));
		break;
	case JSON_REAL: {
		double d = json_real_value(v);
		lua_Integer i;
		/* 131072.0 (accepted with a warning) is the integer 131072 to rules. */
		if (lua_numbertointeger(d, &i) && (double)i == d)
			lua_pushinteger(L, i);
		else
			lua_pushnumber(L, d);
		break;
	}
	case JSON_TRUE:
		lua_pushboolean(L, 1);
		break;
	case JSON_FALSE:
		lua_pushboolean(L, 0);
		break;
	case JSON_NULL:
	default:
		lua_pushnil(L);
		break;
	}
}

static void push_view(lua_State *L, int idx, const char *mt, const vs_model *m,
                      const vs_plugins *ps)
{
	idx = lua_absindex(L, idx);
	view *v = lua_newuserdatauv(L, sizeof *v, m ? 3 : 2);
	v->model = m;
	v->plugins = ps;
	lua_pushvalue(L, idx);
	lua_setiuservalue(L, -2, 1);
	lua_newtable(L);
	lua_setiuservalue(L, -2, 2);
	if (m) {
		lua_newtable(L); /* the fact cache */
		lua_setiuservalue(L, -2, 3);
	}
	luaL_setmetatable(L, mt);
}

void view_wrap(lua_State *L, int idx)
{
	push_view(L, idx, VIEW_MT, NULL, NULL);
}

void view_push_model(lua_State *L, const vs_model *m, const vs_plugins *plugins)
{
	lua_getfield(L, LUA_REGISTRYINDEX, MODELS_KEY);
	if (lua_rawgeti(L, -1, (lua_Integer)m->index + 1) != LUA_TNIL) {
		lua_remove(L, -2);
		return;
	}
	lua_pop(L, 1);
	view_push_json(L, m->root);
	push_view(L, -1, MODEL_MT, m, plugins);
	lua_remove(L, -2);
	lua_pushvalue(L, -1);
	lua_rawseti(L, -3, (lua_Integer)m->index + 1);
	lua_remove(L, -2);
}

const vs_model *view_model(lua_State *L, int idx)
{
	view *v = luaL_testudata(L, idx, MODEL_MT);
	return v ? v->model : NULL;
}
