/*
** engine.c — make reports from the rules engine_load.c loaded, and read what rules return.
**
** Report: costs in C; the pair table p built once per pair; section headers and the title;
**         every rule in registration order, each call under the budget; then the plugins'
**         statements.  A failing rule adds a diagnostic and nothing else.
*/
#include "engine_internal.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "item.h"
#include "luaview.h"
#include "order.h"
#include "rule_profile.h"

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
char *raw_text(lua_State *L, int idx)
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
void end_of_pair(vs_engine *e)
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

/* Call the function below p (at the top) with p; leave one result.  kind: what the profile
** puts before key ("columns:" for a section's columns, else ""). */
static bool call_with_pair(vs_engine *e, int fn_ref, int p, vs_report *r, const char *where,
                           const char *kind, const char *key)
{
	lua_State *L = e->sb->L;
	lua_rawgeti(L, LUA_REGISTRYINDEX, fn_ref);
	lua_pushvalue(L, p);
	int status = sandbox_pcall(e->sb, 1, 1);
	if (e->profiling)
		rule_profile_add(kind, key, e->sb->spent);
	if (status != LUA_OK) {
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
		if (!call_with_pair(e, d->columns_ref, p, r, d->where, "columns:",
		                    section_name((vs_section_id)i)))
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
	if (call_with_pair(e, e->title_ref, p, r, e->title_where, "", "title")) {
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
	if (!call_with_pair(e, rd->fn_ref, p, r, rd->where, "", rd->key))
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
	int status = sandbox_pcall(e->sb, 2, 1);
	if (e->profiling)
		rule_profile_add("fact:", j->key, e->sb->spent);
	if (status != LUA_OK) {
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

/* m:fact() from the run's store (view_fact_source.push): ctx is the engine. */
static bool push_stored_fact(lua_State *L, const void *ctx, const char *key, size_t model,
                             const vs_plugins *plugins)
{
	const vs_engine *e = ctx;
	const vs_fact *f = facts_get(e->fact_store, key, model);
	if (!f)
		return false;
	fact_push(L, f, e->cat, plugins);
	return true;
}

void engine_use_facts(vs_engine *e, const vs_facts *s)
{
	lua_State *L = e->sb->L;
	e->fact_store = s;
	e->fact_source = (view_fact_source){push_stored_fact, e};
	lua_pushlightuserdata(L, &e->fact_source);
	lua_setfield(L, LUA_REGISTRYINDEX, VIEW_FACT_STORE_KEY);
}

/* }====== */
