/*
** luaview.h — read-only views of host data for rule code.  A view is a userdata whose
** metatable answers reads (from a hidden Lua table, which a record's view builds from its
** JSON only when first read; luaview.c says how views freeze); writes raise, rawset cannot
** reach it (hardening.md case 6), and pairs() follows the record's key order.
*/
#ifndef VERSUS_LUAVIEW_H
#define VERSUS_LUAVIEW_H

#include <jansson.h>
#include <lua.h>

#include "catalog.h"
#include "plugins.h"

/* Registry keys: the table of fact functions (name -> function) and the catalog view. */
extern const char VIEW_FACTS_KEY[];
extern const char VIEW_CATALOG_KEY[];
/* Where m:fact() finds the facts computed once for the whole run (a site's world) before
** computing anything: push fact `key` of the model numbered `model` and return true, or
** return false with nothing pushed.  The engine sets one over its store (engine_use_facts),
** so views need not know how facts are stored. */
typedef struct view_fact_source {
	bool (*push)(lua_State *L, const void *ctx, const char *key, size_t model,
	             const vs_plugins *plugins);
	const void *ctx;
} view_fact_source;
/* Light userdata: the view_fact_source, when set (it outlives the state's use of it). */
extern const char VIEW_FACT_STORE_KEY[];

/* Register the view metatables.  Call once per state, inside a protected call. */
void view_init(lua_State *L);

/* Push a JSON value as plain Lua data: objects and arrays become tables (object key order
** is remembered for pairs()), null becomes nil, integral numbers become integers. */
void view_push_json(lua_State *L, const json_t *v);

/* Remember the key order of the table at idx (an array of keys at the top of the stack,
** which is popped). */
void view_set_order(lua_State *L, int idx);

/* Push a read-only view of the table at idx. */
void view_wrap(lua_State *L, int idx);

/* Push a read-only view of the table at idx that no code but the view can reach and that
** nobody changes any more (the pair a report is made for): on its first read it freezes
** as a model view does (luaview.c), so reads are table lookups, not C calls. */
void view_push_frozen(lua_State *L, int idx);

/* Push a read-only view of a copy of the table at idx as it is now (a helper library once
** its file has run): nested tables show through views of their own, and reads of the
** copy's fields are table lookups. */
void view_push_snapshot(lua_State *L, int idx);

/* Push the view of a model: made once per model and state, then reused. */
void view_push_model(lua_State *L, const vs_model *m, const vs_plugins *plugins);

/* Forget the facts m:fact() worked out since the last call (inside a pair): each pair
** works out its own, as the rules it ran left their state (a store's facts stay). */
void view_forget_facts(lua_State *L);

/* The model behind a model view at idx, or NULL when it is not one. */
const vs_model *view_model(lua_State *L, int idx);

#endif
