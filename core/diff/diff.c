/*
** diff.c — what changed between two catalogs, model by model and pair by pair (diff.h).
**
** A model changed when a field that prices or bounds it changed (context window, max output,
** a route listed or gone, a route's input, output or cached price, batch discount or tiers),
** a field a reason to choose reads (product type, openness, capabilities, benchmarks), or its
** monthly cost at the traffic.  A pair is listed when the cheaper of the two, the cost
** verdict (one costs at most 0.90 times the other: report.md's cost reason) or either
** model's reasons to choose (diff_reasons.h) differ between the catalogs; with --all, every
** pair with a model whose monthly cost or reasons changed; with --pair, that pair.
*/
#include "diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diff_reasons.h"
#include "import.h"
#include "order.h"
#include "util.h"

/* JSON names of the field codes (diff.h), index = code. */
static const char *const field_names[] = {
	NULL, "context_window", "max_output_tokens", "route", "input_per_mtok", "output_per_mtok",
	"cached_input_per_mtok", "batch_discount", "tiers", "record", "product_type", "openness",
	"capabilities", "benchmarks",
};

typedef struct side {
	const vs_model *m; /* NULL: not in this catalog (or invalid) */
	vs_cost cost;
	diff_model facts;  /* what the reasons to choose read (diff_reasons.h) */
} side;

typedef struct entry {
	const char *id;
	side old, new_;
	bool changed;
} entry;

static json_t *or_null(const json_t *v)
{
	return v ? json_deep_copy(v) : json_null();
}

static void add_field(json_t *fields, int code, const char *route, const json_t *o,
                      const json_t *n)
{
	json_t *f = json_object();
	json_object_set_new(f, "field", json_string(field_names[code]));
	json_object_set_new(f, "route", route ? json_string(route) : json_null());
	json_object_set_new(f, "old", or_null(o));
	json_object_set_new(f, "new", or_null(n));
	json_array_append_new(fields, f);
}

/* "OpenRouter" or "AWS Bedrock (us-east-1)": how a route is named in the output. */
static char *route_label(const json_t *r)
{
	const char *p = json_string_value(json_object_get(r, "provider"));
	const char *g = json_string_value(json_object_get(r, "region"));
	return g ? xasprintf("%s (%s)", p ? p : "", g) : xstrdup(p ? p : "");
}

static void route_fields(json_t *fields, const json_t *o, const json_t *n)
{
	size_t i;
	json_t *r;
	/* Routes of the old record: gone, or changed. */
	json_array_foreach(json_object_get(o, "routes"), i, r) {
		char *key = imp_route_key(r), *label = route_label(r);
		const json_t *match = NULL;
		size_t j;
		json_t *x;
		json_array_foreach(json_object_get(n, "routes"), j, x) {
			char *k = imp_route_key(x);
			if (!match && strcmp(k, key) == 0)
				match = x;
			free(k);
		}
		if (!match) {
			add_field(fields, DIFF_ROUTE, label, json_true(), NULL);
		} else {
			const json_t *po = json_object_get(r, "pricing"), *pn = json_object_get(match, "pricing");
			for (int c = DIFF_INPUT; c <= DIFF_TIERS; c++) {
				const json_t *a = json_object_get(po, field_names[c]);
				const json_t *b = json_object_get(pn, field_names[c]);
				if (json_is_null(a))
					a = NULL;
				if (json_is_null(b))
					b = NULL;
				if (!imp_json_equal(a, b))
					add_field(fields, c, label, a, b);
			}
		}
		free(key);
		free(label);
	}
	/* Routes only the new record lists. */
	json_array_foreach(json_object_get(n, "routes"), i, r) {
		char *key = imp_route_key(r);
		bool found = false;
		size_t j;
		json_t *x;
		json_array_foreach(json_object_get(o, "routes"), j, x) {
			char *k = imp_route_key(x);
			found = found || strcmp(k, key) == 0;
			free(k);
		}
		if (!found) {
			char *label = route_label(r);
			add_field(fields, DIFF_ROUTE, label, NULL, json_true());
			free(label);
		}
		free(key);
	}
}

static json_t *cost_json(const side *s)
{
	return s->m && s->cost.status == VS_COST_OK ? json_real(s->cost.monthly) : json_null();
}

static bool same_cost(const side *a, const side *b)
{
	bool ka = a->m && a->cost.status == VS_COST_OK, kb = b->m && b->cost.status == VS_COST_OK;
	return ka == kb && (!ka || cost_equal(a->cost.monthly, b->cost.monthly));
}

static json_t *old_new(json_t *o, json_t *n)
{
	json_t *v = json_object();
	json_object_set_new(v, "old", o);
	json_object_set_new(v, "new", n);
	return v;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The model entry of the output; e->changed set. */
static json_t *model_json(entry *e)
{
	json_t *fields = json_array();
	const json_t *o = e->old.m ? e->old.m->root : NULL, *n = e->new_.m ? e->new_.m->root : NULL;
	const char *change = !o ? "added" : !n ? "removed" : "changed";
	if (o && n) {
		for (int c = DIFF_CONTEXT_WINDOW; c <= DIFF_MAX_OUTPUT; c++) {
			const json_t *a = json_object_get(o, field_names[c]);
			const json_t *b = json_object_get(n, field_names[c]);
			if (!imp_json_equal(a, b))
				add_field(fields, c, NULL, a, b);
		}
		route_fields(fields, o, n);
		for (int c = DIFF_PRODUCT_TYPE; c <= DIFF_BENCHMARKS; c++) {
			const json_t *a = json_object_get(o, field_names[c]);
			const json_t *b = json_object_get(n, field_names[c]);
			if (!imp_json_equal(json_is_null(a) ? NULL : a, json_is_null(b) ? NULL : b))
				add_field(fields, c, NULL, a, b);
		}
	}
	e->changed = !o || !n || json_array_size(fields) || !same_cost(&e->old, &e->new_);
	json_t *m = json_object();
	json_object_set_new(m, "id", json_string(e->id));
	json_object_set_new(m, "change", json_string(change));
	json_object_set_new(m, "monthly_usd", old_new(cost_json(&e->old), cost_json(&e->new_)));
	json_object_set_new(m, "reason", old_new(
		str_or_null(e->old.m ? cost_reason_code(e->old.cost.status) : NULL),
		str_or_null(e->new_.m ? cost_reason_code(e->new_.cost.status) : NULL)));
	json_object_set_new(m, "route", old_new(str_or_null(e->old.m ? e->old.cost.route : NULL),
	                                        str_or_null(e->new_.m ? e->new_.cost.route : NULL)));
	json_object_set_new(m, "fields", fields);
	return m;
}

/* The cheaper of two costs (report.md: none when equal or either is unavailable), and the
** one at most 0.90 times the other (the cost reason: the cheaper one's high figure, so a tier
** its cost route does not list counts, diff_cost_high); 0 none, 1 a, 2 b. */
static int cheaper(const vs_cost *a, const vs_cost *b)
{
	if (a->status != VS_COST_OK || b->status != VS_COST_OK || cost_equal(a->monthly, b->monthly))
		return 0;
	return a->monthly < b->monthly ? 1 : 2;
}

static int verdict(const vs_cost *a, const vs_cost *b)
{
	if (a->status != VS_COST_OK || b->status != VS_COST_OK)
		return 0;
	if (cost_at_least(0.90 * b->monthly, diff_cost_high(a)))
		return 1;
	if (cost_at_least(0.90 * a->monthly, diff_cost_high(b)))
		return 2;
	return 0;
}

static json_t *who(int k, const entry *a, const entry *b)
{
	return k == 1 ? json_string(a->id) : k == 2 ? json_string(b->id) : json_null();
}

/* Both models' reasons to choose, in one catalog: {"a": [codes], "b": [codes]}. */
static json_t *reasons_json(const unsigned r[2])
{
	json_t *v = json_object();
	json_object_set_new(v, "a", diff_reasons_json(r[0]));
	json_object_set_new(v, "b", diff_reasons_json(r[1]));
	return v;
}

static json_t *pair_json(const entry *a, const entry *b, int co, int cn, int vo, int vn,
                         const unsigned ro[2], const unsigned rn[2])
{
	json_t *p = json_object();
	json_object_set_new(p, "a", json_string(a->id));
	json_object_set_new(p, "b", json_string(b->id));
	json_t *mu = json_object();
	json_object_set_new(mu, "old", json_pack("[oo]", cost_json(&a->old), cost_json(&b->old)));
	json_object_set_new(mu, "new", json_pack("[oo]", cost_json(&a->new_), cost_json(&b->new_)));
	json_object_set_new(p, "monthly_usd", mu);
	json_object_set_new(p, "cheaper", old_new(who(co, a, b), who(cn, a, b)));
	json_object_set_new(p, "cheaper_flipped", json_boolean(co != cn));
	json_object_set_new(p, "verdict", old_new(who(vo, a, b), who(vn, a, b)));
	json_object_set_new(p, "verdict_flipped", json_boolean(vo != vn));
	json_object_set_new(p, "reasons", old_new(reasons_json(ro), reasons_json(rn)));
	json_object_set_new(p, "reasons_changed", json_boolean(ro[0] != rn[0] || ro[1] != rn[1]));
	return p;
}

/* Two models in their catalog's order: by file name (catalog.c sorts the names so), which is
** also how a record whose id is not its file's name is placed. */
static int cmp_file(const vs_model *a, const vs_model *b)
{
	const char *x = strrchr(a->path, '/'), *y = strrchr(b->path, '/');
	return strcmp(x ? x + 1 : a->path, y ? y + 1 : b->path);
}

/* The union of valid ids, in the catalogs' order: by file name, the id of a valid record
** (data.md), so the merge compares file names ("claude-opus-4.1.json" sorts before
** "claude-opus-4.json"; strcmp of the ids says the opposite).  Each side present is costed
** at the traffic and its facts read.  Sets *n; the caller frees the array (free_entries). */
static entry *merge_catalogs(const vs_catalog *old_cat, const vs_catalog *new_cat,
                             const vs_traffic *traffic, size_t *n_out)
{
	entry *v = xcalloc(old_cat->n + new_cat->n + 1, sizeof *v);
	size_t n = 0, i = 0, j = 0;
	while (i < old_cat->n || j < new_cat->n) {
		const vs_model *a = i < old_cat->n ? &old_cat->models[i] : NULL;
		const vs_model *b = j < new_cat->n ? &new_cat->models[j] : NULL;
		int c = !a ? 1 : !b ? -1 : cmp_file(a, b);
		entry *e = &v[n];
		if (c <= 0) {
			e->old.m = a->valid ? a : NULL;
			i++;
		}
		if (c >= 0) {
			e->new_.m = b->valid ? b : NULL;
			j++;
		}
		if (!e->old.m && !e->new_.m)
			continue;
		e->id = (e->new_.m ? e->new_.m : e->old.m)->id;
		side *sides[2] = {&e->old, &e->new_};
		for (int k = 0; k < 2; k++)
			if (sides[k]->m) {
				cost_of_model(sides[k]->m->root, traffic, &sides[k]->cost);
				diff_model_init(&sides[k]->facts, sides[k]->m->root, &sides[k]->cost);
			}
		n++;
	}
	*n_out = n;
	return v;
}

static void free_entries(entry *v, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (v[k].old.m)
			cost_free(&v[k].old.cost);
		if (v[k].new_.m)
			cost_free(&v[k].new_.cost);
	}
	free(v);
}

/* The models whose facts changed (model_json marks each entry changed or not, which the
** pairs read next). */
static json_t *changed_models_json(entry *v, size_t n)
{
	json_t *models = json_array();
	for (size_t k = 0; k < n; k++) {
		json_t *m = model_json(&v[k]);
		if (v[k].changed)
			json_array_append_new(models, m);
		else
			json_decref(m);
	}
	return models;
}

/* Pairs of models in both catalogs, a before b in id order: the one asked for (--pair), or
** those whose decision moved (--all: whose cost or reasons moved). */
static json_t *changed_pairs_json(const entry *v, size_t n, const diff_options *o)
{
	json_t *pairs = json_array();
	for (vs_pairs p = vs_pairs_of(n); vs_pairs_next(&p);) {
		const entry *a = &v[p.i], *b = &v[p.k];
		if (!a->old.m || !a->new_.m || !b->old.m || !b->new_.m)
			continue;
		if (o->pair_a) {
			if (!((strcmp(a->id, o->pair_a) == 0 && strcmp(b->id, o->pair_b) == 0) ||
			      (strcmp(a->id, o->pair_b) == 0 && strcmp(b->id, o->pair_a) == 0)))
				continue;
		} else if (!a->changed && !b->changed) {
			continue;
		}
		int co = cheaper(&a->old.cost, &b->old.cost), cn = cheaper(&a->new_.cost, &b->new_.cost);
		int vo = verdict(&a->old.cost, &b->old.cost), vn = verdict(&a->new_.cost, &b->new_.cost);
		unsigned ro[2] = {diff_reasons(&a->old.facts, &b->old.facts),
		                  diff_reasons(&b->old.facts, &a->old.facts)};
		unsigned rn[2] = {diff_reasons(&a->new_.facts, &b->new_.facts),
		                  diff_reasons(&b->new_.facts, &a->new_.facts)};
		bool reasons_changed = ro[0] != rn[0] || ro[1] != rn[1];
		bool cost_changed = !same_cost(&a->old, &a->new_) || !same_cost(&b->old, &b->new_);
		if (o->pair_a || (o->all ? cost_changed || reasons_changed
		                         : co != cn || vo != vn || reasons_changed))
			json_array_append_new(pairs, pair_json(a, b, co, cn, vo, vn, ro, rn));
	}
	return pairs;
}

static json_t *traffic_json(const vs_traffic *t)
{
	json_t *traffic = json_object();
	json_object_set_new(traffic, "requests", json_integer((json_int_t)t->requests));
	json_object_set_new(traffic, "input_tokens", json_integer((json_int_t)t->input_tokens));
	json_object_set_new(traffic, "output_tokens", json_integer((json_int_t)t->output_tokens));
	json_object_set_new(traffic, "cached_share", json_real(t->cached_share));
	json_object_set_new(traffic, "batch", json_boolean(t->batch));
	json_object_set_new(traffic, "cheapest", json_boolean(t->cheapest));
	json_t *provs = json_array();
	for (size_t k = 0; k < t->n_providers; k++)
		json_array_append_new(provs, json_string(t->providers[k]));
	json_object_set_new(traffic, "providers", provs);
	return traffic;
}

json_t *diff_catalogs(const vs_catalog *old_cat, const vs_catalog *new_cat,
                      const diff_options *o)
{
	size_t n;
	entry *v = merge_catalogs(old_cat, new_cat, o->traffic, &n);
	json_t *out = json_object();
	json_t *models = changed_models_json(v, n), *pairs = changed_pairs_json(v, n, o);
	free_entries(v, n);
	json_object_set_new(out, "format", json_string("versus-diff/1"));
	json_object_set_new(out, "traffic", traffic_json(o->traffic));
	json_object_set_new(out, "selection", json_string(o->pair_a ? "pair" : o->all ? "all"
	                                                                             : "decisions"));
	json_object_set_new(out, "models", models);
	json_object_set_new(out, "pairs", pairs);
	return out;
}
