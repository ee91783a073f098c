/*
** site_pages.c — a site's index and model pages and the other page words (page{}), from the
** rules' declarations.
*/
#include "engine_internal.h"
#include "order.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "luaview.h"

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
