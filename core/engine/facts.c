/* facts.c — see facts.h. */
#include "facts.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "luaview.h"
#include "util.h"

/* {====== Lua to C */

typedef struct conv {
	lua_State *L;
	const vs_catalog *cat;
	size_t nodes;
	char *err;
	size_t errlen;
} conv;

static bool conv_fail(conv *c, const char *msg)
{
	snprintf(c->err, c->errlen, "%s", msg);
	return false;
}

/* Keys in a stable order: integers ascending, then strings by bytes. */
static int key_cmp(const vs_fact *a, const vs_fact *b)
{
	if (a->type != b->type)
		return a->type == FACT_INT ? -1 : 1;
	if (a->type == FACT_INT)
		return (a->u.i > b->u.i) - (a->u.i < b->u.i);
	return strcmp(a->u.s, b->u.s);
}

static bool convert(conv *c, int idx, vs_fact *out, int depth);

static bool convert_table(conv *c, int idx, vs_fact *out, int depth)
{
	lua_State *L = c->L;
	size_t cap = 0, n = 0;
	vs_fact *keys = NULL, *vals = NULL;
	out->type = FACT_TABLE;
	lua_pushnil(L);
	while (lua_next(L, idx) != 0) {
		vs_fact k = {0}, v = {0};
		bool ok = true;
		if (lua_type(L, -2) == LUA_TSTRING) {
			k.type = FACT_STR;
			k.u.s = xstrdup(lua_tostring(L, -2));
		} else if (lua_isinteger(L, -2)) {
			k.type = FACT_INT;
			k.u.i = lua_tointeger(L, -2);
		} else {
			ok = conv_fail(c, "a fact's table keys must be strings or integers");
		}
		if (ok)
			ok = convert(c, lua_gettop(L), &v, depth + 1);
		if (!ok) {
			fact_free(&k);
			lua_pop(L, 2);
			out->u.t.keys = keys;
			out->u.t.vals = vals;
			out->u.t.n = n;
			return false;
		}
		if (n == cap) {
			cap = cap ? 2 * cap : 8;
			keys = xrealloc(keys, cap * sizeof *keys);
			vals = xrealloc(vals, cap * sizeof *vals);
		}
		keys[n] = k;
		vals[n] = v;
		n++;
		lua_pop(L, 1);
	}
	/* Insertion sort by key (tables are small); the order every worker pushes them in. */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && key_cmp(&keys[j - 1], &keys[j]) > 0; j--) {
			vs_fact tk = keys[j], tv = vals[j];
			keys[j] = keys[j - 1];
			vals[j] = vals[j - 1];
			keys[j - 1] = tk;
			vals[j - 1] = tv;
		}
	out->u.t.keys = keys;
	out->u.t.vals = vals;
	out->u.t.n = n;
	return true;
}

static bool convert(conv *c, int idx, vs_fact *out, int depth)
{
	lua_State *L = c->L;
	memset(out, 0, sizeof *out);
	if (depth > FACT_MAX_DEPTH)
		return conv_fail(c, "a fact is nested too deeply");
	if (++c->nodes > FACT_MAX_NODES)
		return conv_fail(c, "a fact holds too many values");
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		out->type = FACT_NIL;
		return true;
	case LUA_TBOOLEAN:
		out->type = FACT_BOOL;
		out->u.b = lua_toboolean(L, idx);
		return true;
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx)) {
			out->type = FACT_INT;
			out->u.i = lua_tointeger(L, idx);
		} else {
			out->type = FACT_NUM;
			out->u.n = lua_tonumber(L, idx);
		}
		return true;
	case LUA_TSTRING:
		out->type = FACT_STR;
		out->u.s = xstrdup(lua_tostring(L, idx));
		return true;
	case LUA_TUSERDATA: {
		const vs_model *m = view_model(L, idx);
		if (!m || m->index >= c->cat->n || &c->cat->models[m->index] != m)
			return conv_fail(c, "a fact may hold models, but no other view");
		out->type = FACT_MODEL;
		out->u.model = m->index;
		return true;
	}
	case LUA_TTABLE:
		if (!lua_checkstack(L, 4))
			return conv_fail(c, "a fact is nested too deeply");
		return convert_table(c, lua_absindex(L, idx), out, depth);
	default:
		return conv_fail(c, "a fact may hold nil, booleans, numbers, strings, models and "
		                    "tables of them");
	}
}

bool fact_from_lua(lua_State *L, int idx, const vs_catalog *cat, vs_fact *out, char *err,
                   size_t errlen)
{
	conv c = {L, cat, 0, err, errlen};
	bool ok = convert(&c, lua_absindex(L, idx), out, 0);
	if (!ok)
		fact_free(out);
	return ok;
}

/* }====== */

/* {====== C to Lua */

static void push_plain(lua_State *L, const vs_fact *f, const vs_catalog *cat,
                       const vs_plugins *ps)
{
	luaL_checkstack(L, 4, "fact");
	switch (f->type) {
	case FACT_NIL: lua_pushnil(L); break;
	case FACT_BOOL: lua_pushboolean(L, f->u.b); break;
	case FACT_INT: lua_pushinteger(L, (lua_Integer)f->u.i); break;
	case FACT_NUM: lua_pushnumber(L, f->u.n); break;
	case FACT_STR: lua_pushstring(L, f->u.s); break;
	case FACT_MODEL: view_push_model(L, &cat->models[f->u.model], ps); break;
	case FACT_TABLE:
		lua_createtable(L, 0, (int)f->u.t.n);
		for (size_t i = 0; i < f->u.t.n; i++) {
			push_plain(L, &f->u.t.keys[i], cat, ps);
			push_plain(L, &f->u.t.vals[i], cat, ps);
			lua_rawset(L, -3);
		}
		break;
	}
}

void fact_push(lua_State *L, const vs_fact *f, const vs_catalog *cat, const vs_plugins *ps)
{
	push_plain(L, f, cat, ps);
	if (f->type == FACT_TABLE) {
		/* Shared by every later pair, so no rule may change it (as a computed fact). */
		view_wrap(L, -1);
		lua_remove(L, -2);
	}
}

void fact_free(vs_fact *f)
{
	if (f->type == FACT_STR) {
		free(f->u.s);
	} else if (f->type == FACT_TABLE) {
		for (size_t i = 0; i < f->u.t.n; i++) {
			fact_free(&f->u.t.keys[i]);
			fact_free(&f->u.t.vals[i]);
		}
		free(f->u.t.keys);
		free(f->u.t.vals);
	}
	memset(f, 0, sizeof *f);
}

/* }====== */

/* {====== The store */

const vs_fact *facts_get(const vs_facts *s, const char *key, size_t model)
{
	if (!s || model >= s->n_models)
		return NULL;
	size_t lo = 0, hi = s->n_keys;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->keys[mid], key);
		if (c == 0) {
			size_t at = mid * s->n_models + model;
			return s->have[at] ? &s->values[at] : NULL;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static uint64_t hash_fact(uint64_t h, const vs_fact *f, const vs_catalog *cat)
{
	unsigned char t = (unsigned char)f->type;
	h = vs_fnv(h, &t, 1);
	switch (f->type) {
	case FACT_NIL: break;
	case FACT_BOOL: h = vs_fnv(h, &f->u.b, sizeof f->u.b); break;
	case FACT_INT: h = vs_fnv(h, &f->u.i, sizeof f->u.i); break;
	case FACT_NUM: h = vs_fnv(h, &f->u.n, sizeof f->u.n); break;
	case FACT_STR: h = vs_fnv_str(h, f->u.s); break;
	case FACT_MODEL: {
		/* What a page shows of a model it links to: its id and its name. */
		const vs_model *m = &cat->models[f->u.model];
		h = vs_fnv_str(h, m->id);
		h = vs_fnv_str(h, m->name);
		break;
	}
	case FACT_TABLE:
		for (size_t i = 0; i < f->u.t.n; i++) {
			h = hash_fact(h, &f->u.t.keys[i], cat);
			h = hash_fact(h, &f->u.t.vals[i], cat);
		}
		break;
	}
	return h;
}

void facts_hash_models(vs_facts *s, const vs_catalog *cat)
{
	free(s->model_hash);
	s->model_hash = xcalloc(s->n_models ? s->n_models : 1, sizeof *s->model_hash);
	for (size_t m = 0; m < s->n_models; m++) {
		uint64_t h = VS_FNV_START;
		for (size_t k = 0; k < s->n_keys; k++) {
			size_t at = k * s->n_models + m;
			h = vs_fnv_str(h, s->keys[k]);
			h = vs_fnv(h, &s->have[at], sizeof s->have[at]);
			if (s->have[at])
				h = hash_fact(h, &s->values[at], cat);
		}
		s->model_hash[m] = h;
	}
}

void facts_free(vs_facts *s)
{
	for (size_t i = 0; i < s->n_keys * s->n_models; i++)
		fact_free(&s->values[i]);
	for (size_t k = 0; k < s->n_keys; k++)
		free(s->keys[k]);
	free(s->keys);
	free(s->values);
	free(s->have);
	free(s->model_hash);
	memset(s, 0, sizeof *s);
}

/* }====== */
