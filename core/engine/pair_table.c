/*
** pair_table.c — the pair table p rules read: the two model views, the capability entries,
** the differences, the cost blocks and crossovers (docs/rules.md, "The pair table").
*/
#include "engine_internal.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "luaview.h"

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
void push_cost(lua_State *L, const vs_cost *c)
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

/* p.capabilities: an entry {id, label, group, a, b} per capability check, in the checks'
** order; and p.differences: the entries answered "yes" for one model and "no" for the other,
** in the same order (what model.cap_diff and model.cap_differs pick from, worked out here
** once a pair instead of by each call). */
static void push_capabilities(lua_State *L, vs_engine *e, const vs_model *const models[2], int p)
{
	/* An entry is read-only and depends on its check and the two answers only: each one is
	** made once per state and shared by every pair that has it (a view freezes on its
	** first read, so later pairs read it as a table). */
	static const char *const answers[] = {"unknown", "no", "yes"};
	const vs_plugins *ps = e->plugins;
	lua_rawgeti(L, LUA_REGISTRYINDEX, e->cap_entries_ref);
	int made = lua_gettop(L);
	lua_createtable(L, ps ? (int)ps->n_caps : 0, 0);
	lua_newtable(L); /* the differences */
	lua_Integer n_diff = 0;
	for (size_t i = 0; ps && i < ps->n_caps; i++) {
		unsigned ans[2];
		for (int m = 0; m < 2; m++) {
			unsigned a = plugins_answer(ps, models[m], (int)i);
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
		if (ans[0] + ans[1] == 3) { /* "yes" and "no", either way */
			lua_pushvalue(L, -1);
			lua_rawseti(L, -3, ++n_diff);
		}
		lua_rawseti(L, -3, (lua_Integer)i + 1);
	}
	lua_setfield(L, p, "differences");
	lua_setfield(L, p, "capabilities");
	lua_pop(L, 1);
}

/* pair.traffic: the traffic the costs are for. */
static void push_traffic(lua_State *L, const vs_traffic *t)
{
	lua_createtable(L, 0, 5);
	lua_pushinteger(L, (lua_Integer)t->requests);
	lua_setfield(L, -2, "requests");
	lua_pushinteger(L, (lua_Integer)t->input_tokens);
	lua_setfield(L, -2, "input_tokens");
	lua_pushinteger(L, (lua_Integer)t->output_tokens);
	lua_setfield(L, -2, "output_tokens");
	lua_pushnumber(L, t->cached_share);
	lua_setfield(L, -2, "cached_share");
	set_boolean(L, "batch", t->batch);
	set_boolean(L, "cheapest", t->cheapest);
	lua_createtable(L, (int)t->n_providers, 0);
	for (size_t i = 0; i < t->n_providers; i++) {
		lua_pushstring(L, t->providers[i]);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "providers");
}

/* pair.cost: each model's cost, the difference, and which is cheaper (the pair
** table at stack slot pair, its "a" or "b"). */
static void push_pair_cost(lua_State *L, const vs_report *r, int pair)
{
	lua_createtable(L, 0, 5);
	push_cost(L, &r->models[0].cost);
	lua_setfield(L, -2, "a");
	push_cost(L, &r->models[1].cost);
	lua_setfield(L, -2, "b");
	set_number_or_nil(L, "delta", r->have_delta, r->delta_usd);
	if (r->cheaper >= 0) {
		lua_getfield(L, pair, r->cheaper == 0 ? "a" : "b");
		lua_setfield(L, -2, "cheaper");
	}
	set_boolean(L, "equal", r->have_delta && r->cheaper < 0);
	push_crossovers(L, r);
}

/* Build p and leave its view on the stack.  Runs in a protected call, disarmed. */
int build_pair(lua_State *L)
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

	push_traffic(L, pa->t);
	lua_setfield(L, p, "traffic");
	/* Helpers remember per-pair answers by this number.  Rule state is put back after every
	** pair (sandbox_restore), so one number, other than the warm-up's, serves every pair, and
	** no rule can tell how many pairs this worker made before (issue 16, item 7). */
	lua_pushinteger(L, e->serial_fixed ? e->pair_serial + 1 : ++e->pair_serial);
	lua_setfield(L, p, "serial");

	push_pair_cost(L, r, p);
	lua_setfield(L, p, "cost");

	push_capabilities(L, e, pa->m, p);
	/* fmt.name's question, once a pair: do the two models share a display name? */
	set_boolean(L, "same_name", strcmp(pa->m[0]->name, pa->m[1]->name) == 0);

	lua_rawgeti(L, LUA_REGISTRYINDEX, e->catalog_ref);
	lua_setfield(L, p, "catalog");
	view_push_frozen(L, p);
	return 1;
}

/* }====== */
