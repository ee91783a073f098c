/*
** luaview.c — read-only views (see luaview.h).
**
** A view is a userdata with two user values: 1 = the table it shows, 2 = a cache of the
** views of its nested tables (so m.routes is the same value each time and costs one
** allocation per state, not one per read).  Key order for pairs() lives in a weak table
** in the registry, keyed by the shown table.
**
** Model views are the hottest values rules read, and what they show never changes: the
** tables view_push_json builds are reachable only through the view.  So a model view, and
** each view inside it, "freezes" itself the first time it is read: the nested tables of
** its hidden table are replaced there by (not yet frozen) views of their own, and the view
** gets a metatable of its own whose __index is a table (the hidden table; for the model
** itself a copy with cap and fact added).  Every later read is a table lookup inside the
** VM, not a call of a C metamethod, and gives what the C path gives: the same nested view
** each time, nil for an unknown field.  Only what rules read is frozen, and only what they
** read is converted from the record's JSON at all (a record's view starts as a userdata
** that points at its JSON; each object or array becomes a table when first read), so a big
** catalog costs one userdata a model to load.  The pair a report is made for freezes the same way
** (view_push_frozen): the engine builds it, and only its view can reach it.  So does a helper
** library's table, as a copy made once its file has run (view_push_snapshot: the library's
** own code may still reach the original).  Views of other tables (a helper's nested
** tables, facts) keep the C metamethods: their tables may be reachable by rule code, and a
** view always shows them as they are now.
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
const char VIEW_FACT_STORE_KEY[] = "versus.factstore";

typedef struct view {
	const vs_model *model;       /* model views only */
	const vs_plugins *plugins;
	bool lazy;                   /* a record's view, not frozen yet (see above) */
	const json_t *json;          /* lazy: the part of the record not converted yet, else NULL */
} view;

static void freeze_view(lua_State *L, int vidx);
static void complete_model(lua_State *L, int vidx);

/* Key, in a model view's metatable, that marks it as one (rule code cannot reach it). */
static const char MODEL_TAG = 0;

/* The model view at idx, or NULL when the value there is not one. */
static view *to_model(lua_State *L, int idx)
{
	if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx))
		return NULL;
	bool is_model = lua_rawgetp(L, -1, &MODEL_TAG) != LUA_TNIL;
	lua_pop(L, 2);
	return is_model ? lua_touserdata(L, idx) : NULL;
}

/* Like luaL_checkudata(L, idx, MODEL_MT), with the same message. */
static view *check_model(lua_State *L, int idx)
{
	view *v = to_model(L, idx);
	if (!v)
		luaL_typeerror(L, idx, MODEL_MT);
	return v;
}

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
	if (lua_getiuservalue(L, vidx, 2) != LUA_TTABLE) {
		/* (frozen views hold no nested tables, so never here: be safe anyway) */
		lua_pop(L, 1);
		view_wrap(L, -1);
		lua_replace(L, -3);
		lua_pop(L, 1);
		return;
	}
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
	view *v = check_model(L, 1);
	const char *id = luaL_checkstring(L, 2);
	int i = plugins_cap_index(v->plugins, id);
	if (i < 0)
		return luaL_error(L, "unknown capability id '%s' (no loaded capability check has it)", id);
	static const char *const answers[] = {"unknown", "no", "yes"};
	unsigned a = plugins_answer(v->plugins, v->model, i);
	lua_pushstring(L, answers[a <= VERSUS_CAP_YES ? a : VERSUS_CAP_UNKNOWN]);
	return 1;
}

static const char LAZY_FACTS_KEY[] = "versus.lazyfacts"; /* fact caches filled in a pair */

void view_forget_facts(lua_State *L)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, LAZY_FACTS_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		return;
	}
	lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, -1, i);
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			lua_pop(L, 1);
			lua_pushvalue(L, -1);
			lua_pushnil(L);
			lua_rawset(L, -4);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_pushnil(L);
	lua_setfield(L, LUA_REGISTRYINDEX, LAZY_FACTS_KEY);
}

/* m:fact(key): a fact a rule file registered with fact{key, fn}, computed as fn(m, catalog)
** once per model and pair (or once per run: a site's world), then served from the model
** view's cache.  Derived data that every pair needs (related-pair neighbours, say) costs
** once per model for a whole site. */
static int model_fact(lua_State *L)
{
	check_model(L, 1);
	luaL_checkstring(L, 2);
	lua_settop(L, 2);
	lua_getiuservalue(L, 1, 3);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, 3) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	/* Computed once for the whole run (a site's world): push the stored value. */
	if (lua_getfield(L, LUA_REGISTRYINDEX, VIEW_FACT_STORE_KEY) == LUA_TLIGHTUSERDATA) {
		const view_fact_source *src = lua_touserdata(L, -1);
		const view *v = lua_touserdata(L, 1);
		lua_pop(L, 1);
		if (src->push(L, src->ctx, lua_tostring(L, 2), v->model->index, v->plugins)) {
			lua_pushvalue(L, 2);
			lua_pushvalue(L, -2);
			lua_rawset(L, 3);
			return 1;
		}
	} else {
		lua_pop(L, 1);
	}
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_FACTS_KEY);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, -2) != LUA_TFUNCTION)
		return luaL_error(L, "unknown fact '%s' (register it with fact{key = ..., fn = ...})",
		                  lua_tostring(L, 2));
	lua_pushvalue(L, 1);
	lua_getfield(L, LUA_REGISTRYINDEX, VIEW_CATALOG_KEY);
	lua_call(L, 2, 1);
	if (lua_type(L, -1) == LUA_TTABLE) {
		/* Shared by every later call of the pair, so no rule may change it. */
		view_wrap(L, -1);
		lua_remove(L, -2);
	}
	lua_pushvalue(L, 2);
	lua_pushvalue(L, -2);
	lua_rawset(L, 3);
	/* Worked out inside a pair, fn may have read what that pair's rules left in their
	** state: the value lasts until the pair ends (view_forget_facts), so no later pair sees
	** it (issue 16, item 7).  A store's value (above) is the same for every pair. */
	if (lua_getfield(L, LUA_REGISTRYINDEX, LAZY_FACTS_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, LUA_REGISTRYINDEX, LAZY_FACTS_KEY);
	}
	lua_pushvalue(L, 3);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	lua_pop(L, 1);
	return 1;
}

/* __index of the views that are not frozen: the stack is (view, key). */
static int view_index(lua_State *L)
{
	const view *v = check_any_view(L, 1);
	if (v->lazy) {
		/* The first read of a record's view: freeze it, then read as every later read
		** will (a table lookup, no metamethod of rule code can run) */
		freeze_view(L, 1);
		lua_settop(L, 2);
		lua_gettable(L, 1);
		return 1;
	}
	if (v->model && lua_type(L, 2) == LUA_TSTRING) {
		/* (frozen model views never come here; this serves any other) */
		size_t len;
		const char *k = lua_tolstring(L, 2, &len);
		if ((len == 3 && memcmp(k, "cap", 3) == 0) || (len == 4 && memcmp(k, "fact", 4) == 0)) {
			lua_pushcfunction(L, k[0] == 'c' ? model_cap : model_fact);
			return 1;
		}
	}
	lua_getiuservalue(L, 1, 1); /* 3: the table shown */
	lua_pushvalue(L, 2);
	if (lua_rawget(L, 3) != LUA_TTABLE)
		return 1; /* the value on top is the result */
	/* 4: a nested table: its view, cached by key */
	if (lua_getiuservalue(L, 1, 2) != LUA_TTABLE) {
		lua_pop(L, 1);
		view_wrap(L, 4);
		return 1;
	}
	lua_pushvalue(L, 2);
	if (lua_rawget(L, 5) == LUA_TNIL) {
		lua_pop(L, 1);
		view_wrap(L, 4);
		lua_pushvalue(L, 2);
		lua_pushvalue(L, -2);
		lua_rawset(L, 5);
	}
	return 1;
}

static int view_newindex(lua_State *L)
{
	const view *v = check_any_view(L, 1);
	return luaL_error(L, "attempt to modify a read-only %s", v->model ? "model view" : "view");
}

static int view_len(lua_State *L)
{
	const view *v = check_any_view(L, 1);
	if (v->lazy)
		freeze_view(L, 1); /* a record's part may not be a table yet */
	if (v->model)
		complete_model(L, 1);
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
	const view *v = check_any_view(L, 1);
	if (v->lazy)
		freeze_view(L, 1); /* so that pairs() hands out the same nested views as reads */
	if (v->model)
		complete_model(L, 1); /* every field, in the record's order */
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
	if (name == MODEL_MT) {
		lua_pushboolean(L, 1);
		lua_rawsetp(L, -2, &MODEL_TAG);
	}
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

/* Push the JSON object or array j as a table, each member pushed by push (view_push_json:
** all the way down; push_json_member: nested objects and arrays as lazy views). */
static void push_json_table(lua_State *L, const json_t *j,
                            void (*push)(lua_State *L, const json_t *v))
{
	luaL_checkstack(L, 8, "record nested too deeply");
	if (json_is_object(j)) {
		lua_createtable(L, 0, (int)json_object_size(j));
		lua_createtable(L, (int)json_object_size(j), 0);
		lua_Integer n = 0;
		const char *key;
		json_t *val;
		json_object_foreach((json_t *)j, key, val) {
			if (json_is_null(val))
				continue; /* unknown: the field reads as nil and pairs() skips it */
			lua_pushstring(L, key);
			lua_pushvalue(L, -1);
			lua_rawseti(L, -3, ++n);
			push(L, val);
			lua_rawset(L, -4);
		}
		view_set_order(L, -2);
		return;
	}
	lua_createtable(L, (int)json_array_size(j), 0);
	size_t i;
	json_t *val;
	json_array_foreach(j, i, val) {
		push(L, val);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
}

void view_push_json(lua_State *L, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_ARRAY:
		push_json_table(L, v, view_push_json);
		break;
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
	v->lazy = false;
	v->json = NULL;
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

/* {====== Frozen views (model records) */

/* Set a frozen view's own metatable on the userdata at the top: __index is the table at
** index_idx; the metamethods and protections are those of make_metatable. */
static void set_frozen_metatable(lua_State *L, int index_idx, bool model)
{
	index_idx = lua_absindex(L, index_idx);
	lua_createtable(L, 0, model ? 8 : 7);
	lua_pushvalue(L, index_idx);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, view_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushcfunction(L, view_len);
	lua_setfield(L, -2, "__len");
	lua_pushcfunction(L, view_pairs);
	lua_setfield(L, -2, "__pairs");
	lua_pushcfunction(L, view_tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pushstring(L, model ? MODEL_MT : VIEW_MT); /* error messages name the type */
	lua_setfield(L, -2, "__name");
	if (model) {
		lua_pushboolean(L, 1);
		lua_rawsetp(L, -2, &MODEL_TAG);
	}
	lua_setmetatable(L, -2);
}

/* Push a lazy view (see above) with the shared metatable mt: of the JSON object or array j,
** converted to a table when first read, so a part of a record nobody reads (most of each
** record of a large catalog) costs one userdata, not a tree of tables; or, j NULL, of the
** table the caller then sets as user value 1. */
static void push_json_view(lua_State *L, const json_t *j, int nuvalue, const char *mt,
                           const vs_model *m, const vs_plugins *ps)
{
	view *v = lua_newuserdatauv(L, sizeof *v, nuvalue);
	v->model = m;
	v->plugins = ps;
	v->lazy = true;
	v->json = j;
	luaL_setmetatable(L, mt);
}

/* Push a lazy view of the record table at idx, with the shared metatable. */
static void push_lazy_view(lua_State *L, int idx, int nuvalue, const char *mt,
                           const vs_model *m, const vs_plugins *ps)
{
	idx = lua_absindex(L, idx);
	push_json_view(L, NULL, nuvalue, mt, m, ps);
	lua_pushvalue(L, idx);
	lua_setiuservalue(L, -2, 1);
}

/* A value of a record as rules read it: objects and arrays as lazy views of their own. */
static void push_json_member(lua_State *L, const json_t *val)
{
	if (json_is_object(val) || json_is_array(val))
		push_json_view(L, val, 1, VIEW_MT, NULL, NULL);
	else
		view_push_json(L, val);
}

/*
** Freeze the lazy view at vidx.  Its table's nested tables become lazy views, in the table
** itself (so pairs() and every read hand out the same ones); then the view gets its own
** metatable.  Should an allocation fail half way, the next read finishes the job: views
** already stored are kept.
*/
static void freeze_view_now(lua_State *L, int vidx);

/* The record's data is the host's, whichever rule reads it first: not charged to the rules'
** memory cap (sandbox_host_begin), so that a rule reading every model of a large catalog
** (related pairs over 20,000 models) is not stopped for the host's conversions. */
static void freeze_view(lua_State *L, int vidx)
{
	vs_host_mark mark;
	sandbox_host_begin(L, &mark);
	freeze_view_now(L, vidx);
	sandbox_host_end(L, &mark);
}

/*
** A model's fields, one at a time.  Related pairs read a handful of fields of every model
** of the catalog (model.profile), so a model view converts only the fields read: its frozen
** __index table (the methods) gets a metatable whose __index, model_field, converts the field
** asked for from the record's JSON and stores it in the shown table and in the view's own
** table (user value 1), so every later read is a table lookup and hands out the same value.
** pairs() and # first convert the rest (complete_model), in the record's order, keeping the
** values already handed out, and drop that metatable: then the view is what a whole freeze
** makes.  v->json stays set until then.
*/
static int model_field(lua_State *L)
{
	/* stack: (shown table, key); upvalue 1: the model view */
	view *v = lua_touserdata(L, lua_upvalueindex(1));
	if (!v->json || lua_type(L, 2) != LUA_TSTRING)
		return 0;
	size_t len;
	const char *k = lua_tolstring(L, 2, &len);
	if (strlen(k) != len) {
		/* a key with a NUL byte: jansson's lookup cannot name it; convert everything */
		complete_model(L, lua_upvalueindex(1));
		lua_getiuservalue(L, lua_upvalueindex(1), 1);
		lua_pushvalue(L, 2);
		lua_rawget(L, -2);
		return 1;
	}
	const json_t *val = json_object_get(v->json, k);
	if (!val || json_is_null(val))
		return 0; /* unknown: nil, as a whole freeze leaves it */
	vs_host_mark mark;
	sandbox_host_begin(L, &mark);
	luaL_checkstack(L, 6, NULL);
	push_json_member(L, val);
	lua_getiuservalue(L, lua_upvalueindex(1), 1);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, -3);
	lua_rawset(L, -3);
	lua_pop(L, 1);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, -2);
	lua_rawset(L, 1);
	sandbox_host_end(L, &mark);
	return 1;
}

/* Freeze the model view at vidx without converting a field: see model_field. */
static void freeze_model_fields_lazily(lua_State *L, int vidx)
{
	view *v = lua_touserdata(L, vidx);
	lua_newtable(L);
	lua_setiuservalue(L, vidx, 1);
	lua_createtable(L, 0, 16);
	int shown = lua_gettop(L);
	lua_pushcfunction(L, model_cap);
	lua_setfield(L, shown, "cap");
	lua_pushcfunction(L, model_fact);
	lua_setfield(L, shown, "fact");
	lua_createtable(L, 0, 1);
	lua_pushvalue(L, vidx);
	lua_pushcclosure(L, model_field, 1);
	lua_setfield(L, -2, "__index");
	lua_setmetatable(L, shown);
	lua_pushvalue(L, vidx);
	set_frozen_metatable(L, shown, true);
	v->lazy = false;
	lua_settop(L, shown - 1);
}

static void complete_model(lua_State *L, int vidx)
{
	vidx = lua_absindex(L, vidx);
	view *v = lua_touserdata(L, vidx);
	if (!v->json)
		return;
	vs_host_mark mark;
	sandbox_host_begin(L, &mark);
	luaL_checkstack(L, 10, NULL);
	lua_getiuservalue(L, vidx, 1);
	int t = lua_gettop(L);
	lua_getmetatable(L, vidx);
	lua_getfield(L, -1, "__index");
	int shown = lua_gettop(L);
	lua_createtable(L, (int)json_object_size(v->json), 0);
	int order = lua_gettop(L);
	lua_Integer n = 0;
	const char *key;
	json_t *val;
	json_object_foreach((json_t *)v->json, key, val) {
		if (json_is_null(val))
			continue;
		lua_pushstring(L, key);
		lua_pushvalue(L, -1);
		lua_rawseti(L, order, ++n);
		lua_pushvalue(L, -1);
		if (lua_rawget(L, t) != LUA_TNIL) {
			lua_pop(L, 2); /* converted already, by model_field */
			continue;
		}
		lua_pop(L, 1);
		push_json_member(L, val);
		lua_pushvalue(L, -2);
		lua_pushvalue(L, -2);
		lua_rawset(L, t);
		/* the methods win over a field of the same name */
		lua_pushvalue(L, -2);
		if (lua_rawget(L, shown) == LUA_TNIL) {
			lua_pop(L, 1);
			lua_rawset(L, shown);
		} else {
			lua_pop(L, 3);
		}
	}
	lua_pushvalue(L, t);
	lua_pushvalue(L, order);
	lua_remove(L, order);
	view_set_order(L, -2);
	lua_pushnil(L);
	lua_setmetatable(L, shown);
	v->json = NULL;
	lua_settop(L, t - 1);
	sandbox_host_end(L, &mark);
}

static void freeze_view_now(lua_State *L, int vidx)
{
	vidx = lua_absindex(L, vidx);
	view *v = lua_touserdata(L, vidx);
	luaL_checkstack(L, 8, NULL);
	if (v->model && json_is_object(v->json)) {
		freeze_model_fields_lazily(L, vidx);
		return;
	}
	if (v->json) {
		/* one level of the record: nested objects and arrays stay lazy views */
		push_json_table(L, v->json, push_json_member);
		lua_setiuservalue(L, vidx, 1);
		v->json = NULL;
	}
	lua_getiuservalue(L, vidx, 1);
	int t = lua_gettop(L), n = 0;
	lua_pushnil(L);
	while (lua_next(L, t)) {
		n++;
		if (lua_type(L, -1) == LUA_TTABLE) {
			push_lazy_view(L, -1, 1, VIEW_MT, NULL, NULL);
			/* t[k] = view: changing the value of an existing key is fine in lua_next */
			lua_pushvalue(L, -3);
			lua_insert(L, -2);
			lua_rawset(L, t);
		}
		lua_pop(L, 1);
	}
	int shown = t;
	if (v->model) {
		/* What reads of a model see: the record's fields, then the methods (which win,
		** as they always have, over a field of the same name). */
		lua_createtable(L, 0, n + 2);
		shown = lua_gettop(L);
		lua_pushnil(L);
		while (lua_next(L, t)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, shown);
		}
		lua_pushcfunction(L, model_cap);
		lua_setfield(L, shown, "cap");
		lua_pushcfunction(L, model_fact);
		lua_setfield(L, shown, "fact");
	}
	lua_pushvalue(L, vidx);
	set_frozen_metatable(L, shown, v->model != NULL);
	v->lazy = false;
	lua_settop(L, t - 1);
}

void view_push_frozen(lua_State *L, int idx)
{
	push_lazy_view(L, idx, 1, VIEW_MT, NULL, NULL);
}

void view_push_snapshot(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	luaL_checkstack(L, 6, NULL);
	lua_newtable(L);
	int copy = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (lua_type(L, -1) == LUA_TTABLE) {
			/* the original, shown as it is now (its owner may still change it) */
			view_wrap(L, -1);
			lua_replace(L, -2);
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, copy);
	}
	push_lazy_view(L, copy, 1, VIEW_MT, NULL, NULL);
	lua_remove(L, copy);
}

/* }====== */

void view_push_model(lua_State *L, const vs_model *m, const vs_plugins *plugins)
{
	lua_getfield(L, LUA_REGISTRYINDEX, MODELS_KEY);
	if (lua_rawgeti(L, -1, (lua_Integer)m->index + 1) != LUA_TNIL) {
		lua_remove(L, -2);
		return;
	}
	lua_pop(L, 1);
	if (json_is_object(m->root)) {
		/* user value 2 (the nested-view cache) stays nil: a frozen table holds no tables */
		push_json_view(L, m->root, 3, MODEL_MT, m, plugins);
		lua_newtable(L); /* the fact cache */
		lua_setiuservalue(L, -2, 3);
	} else {
		view_push_json(L, m->root);
		push_view(L, -1, MODEL_MT, m, plugins);
		lua_remove(L, -2);
	}
	lua_pushvalue(L, -1);
	lua_rawseti(L, -3, (lua_Integer)m->index + 1);
	lua_remove(L, -2);
}

const vs_model *view_model(lua_State *L, int idx)
{
	view *v = to_model(L, idx);
	return v ? v->model : NULL;
}
