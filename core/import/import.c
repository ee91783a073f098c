/*
** import.c — the driver of `versus import`: group candidates into records, combine this
** run's proposals with the other format's from the state file, merge three ways with what is
** on disk, write, and account for every entry (import.h has the pipeline).
**
** The three-way merge, per unit (a top-level field; a capability; a route's field; the
** route order), with B what the importer proposed last time, C what the file holds now and
** N what it proposes now:
**     C equals B (nobody touched it)        -> N (absent in N: the field goes)
**     C equals N                            -> C
**     otherwise an analyst edited it        -> C, reported as a kept hand edit;
**                                              N instead under --force (when N has a value)
** A record with no state (hand-made, or shipped) has B absent everywhere, so every field it
** has counts as the analyst's and only what it lacks is added.  Sources only grow.
*/
#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cost.h"
#include "dirlock.h"
#include "outfile.h"
#include "record.h"

#define STATE_FORMAT "versus-import-state/1"

/* {====== Folding and finishing a proposal */

char *imp_route_key(const json_t *route)
{
	vs_buf b = {0};
	const char *parts[2] = {json_string_value(json_object_get(route, "provider")),
	                        json_string_value(json_object_get(route, "region"))};
	for (int i = 0; i < 2; i++) {
		if (i)
			buf_addc(&b, '|');
		bool space = false, any = false;
		for (const char *p = parts[i] ? parts[i] : ""; *p; p++) {
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				space = any;
				continue;
			}
			if (space)
				buf_addc(&b, ' ');
			space = false;
			any = true;
			buf_addc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
		}
	}
	return buf_steal(&b);
}

/* The index of the route with that key, or (size_t)-1. */
static size_t route_index(const json_t *routes, const char *key)
{
	size_t i;
	json_t *r;
	json_array_foreach(routes, i, r) {
		char *k = imp_route_key(r);
		bool eq = strcmp(k, key) == 0;
		free(k);
		if (eq)
			return i;
	}
	return (size_t)-1;
}

static const json_t *find_route(const json_t *routes, const char *key)
{
	return json_array_get(routes, route_index(routes, key)); /* NULL past the end */
}

static void route_name(vs_buf *b, const json_t *route)
{
	buf_add(b, json_string_value(json_object_get(route, "provider")));
	const char *region = json_string_value(json_object_get(route, "region"));
	if (region)
		buf_printf(b, " (%s)", region);
}

void imp_fold(json_t *dst, const json_t *src, const char *dst_label, const char *src_label,
              const char *dst_basis, const char *src_basis, const char *id, vs_buf *notes)
{
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)src, k, v) {
		json_t *d = json_object_get(dst, k);
		if (strcmp(k, "routes") == 0) {
			if (!d) {
				d = json_array();
				json_object_set_new(dst, k, d);
			}
			size_t i;
			json_t *r;
			json_array_foreach(v, i, r) {
				char *key = imp_route_key(r);
				size_t at = route_index(d, key);
				if (at == (size_t)-1)
					json_array_append(d, r);
				else if (!imp_json_equal(json_array_get(d, at), r)) {
					if (notes) {
						buf_printf(notes, "%s: route ", id);
						route_name(notes, r);
						buf_printf(notes, " from %s joins the route an earlier entry gave: "
						           "the richest price of the two\n", src_label);
					}
					imp_route_merge(d, at, r, dst_label, src_label, id, notes);
				}
				free(key);
			}
		} else if (strcmp(k, "capabilities") == 0) {
			if (!d) {
				json_object_set(dst, k, v);
				continue;
			}
			const char *cap;
			json_t *x;
			json_object_foreach(v, cap, x)
				if (!json_object_get(d, cap))
					json_object_set(d, cap, x);
		} else if (strcmp(k, "sources") == 0) {
			if (!d) {
				json_object_set_new(dst, k, json_deep_copy(v));
				continue;
			}
			size_t i;
			json_t *x;
			json_array_foreach(v, i, x)
				if (!imp_has_string(d, json_string_value(x)))
					json_array_append(d, x);
		} else if (!d) {
			json_object_set_new(dst, k, json_deep_copy(v));
		} else if (notes && (strcmp(k, "context_window") == 0 ||
		                     strcmp(k, "max_output_tokens") == 0) && !imp_json_equal(d, v)) {
			bool window = strcmp(k, "context_window") == 0;
			buf_printf(notes, "%s: %s disagrees: %" JSON_INTEGER_FORMAT " from %s%s%s%s, %"
			           JSON_INTEGER_FORMAT " from %s%s%s%s; kept %" JSON_INTEGER_FORMAT "\n", id,
			           k, json_integer_value(d), dst_label, window && dst_basis ? " (" : "",
			           window && dst_basis ? dst_basis : "", window && dst_basis ? ")" : "",
			           json_integer_value(v), src_label, window && src_basis ? " (" : "",
			           window && src_basis ? src_basis : "", window && src_basis ? ")" : "",
			           json_integer_value(d));
		}
	}
}

static const imp_creator *creator_named(const imp_tables *t, const char *name)
{
	for (size_t i = 0; name && i < t->n_creators; i++)
		if (strcmp(t->creators[i].name, name) == 0)
			return &t->creators[i];
	return NULL;
}

typedef struct route_sort {
	json_t *route;
	int rank;
	size_t order;
} route_sort;

static int casecmp_null(const char *a, const char *b)
{
	return strcasecmp(a ? a : "", b ? b : "");
}

static int cmp_routes(const void *pa, const void *pb)
{
	const route_sort *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	const char *fields[] = {"provider", "region", "model"};
	for (size_t i = 0; i < VS_ARRAY_LEN(fields); i++) {
		int c = casecmp_null(json_string_value(json_object_get(a->route, fields[i])),
		                     json_string_value(json_object_get(b->route, fields[i])));
		if (c)
			return c;
	}
	return a->order < b->order ? -1 : a->order > b->order;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The release date of a dated snapshot: the date its creator put at the end of its API name
** (gpt-4o-2024-08-06, qwen-plus-2025-07-28, claude-3-5-haiku-20241022), when it is a real
** calendar date.  The only release date the sources give: OpenRouter's "created" is the day
** it listed the model (openai/gpt-4: 2023-05-28, released 2023-03-14), so it is not used
** (docs/data.md, "Release dates"). */
static bool snapshot_date(const char *id, char out[11])
{
	size_t n = strlen(id);
	if (n > 11 && id[n - 11] == '-' && all_digits(id + n - 10, 4) && id[n - 6] == '-' &&
	    all_digits(id + n - 5, 2) && id[n - 3] == '-' && all_digits(id + n - 2, 2))
		memcpy(out, id + n - 10, 10);
	else if (n > 9 && id[n - 9] == '-' && all_digits(id + n - 8, 8))
		snprintf(out, 11, "%.4s-%.2s-%.2s", id + n - 8, id + n - 4, id + n - 2);
	else
		return false;
	out[10] = '\0';
	return strncmp(out, "20", 2) == 0 && record_date_is_valid(out);
}

/* rec's routes in order (first-party routes first, by the creator's ranking of its
** providers), a route with another's provider, prices and party folded into it. */
static void order_routes(json_t *rec, const imp_creator *cr, const char *id, vs_buf *notes)
{
	json_t *routes = json_object_get(rec, "routes");
	size_t n = json_array_size(routes);
	if (n) {
		route_sort *v = xcalloc(n, sizeof *v);
		for (size_t i = 0; i < n; i++) {
			v[i].route = json_array_get(routes, i);
			v[i].order = i;
			int r = imp_creator_provider_rank(cr, json_string_value(json_object_get(v[i].route,
			                                                                        "provider")));
			v[i].rank = json_is_true(json_object_get(v[i].route, "first_party")) ? (r < 0 ? 99 : r)
			          : 100;
		}
		qsort(v, n, sizeof *v, cmp_routes);
		json_t *sorted = json_array();
		for (size_t i = 0; i < n; i++) {
			/* One provider, another region, the same prices: one route says it. */
			bool dup = false;
			for (size_t j = 0; j < json_array_size(sorted) && !dup; j++) {
				json_t *k = json_array_get(sorted, j);
				dup = str_eq_loose(json_string_value(json_object_get(k, "provider")),
				                   json_string_value(json_object_get(v[i].route, "provider"))) &&
				      imp_json_equal(json_object_get(k, "pricing"),
				                     json_object_get(v[i].route, "pricing")) &&
				      json_is_true(json_object_get(k, "first_party")) ==
				      json_is_true(json_object_get(v[i].route, "first_party"));
				if (dup && notes) {
					buf_printf(notes, "%s: route ", id);
					route_name(notes, v[i].route);
					buf_add(notes, " has the prices of ");
					route_name(notes, k);
					buf_add(notes, "; folded into it\n");
				}
			}
			if (!dup)
				json_array_append(sorted, v[i].route);
		}
		free(v);
		json_object_set_new(rec, "routes", sorted);
	}
}

void imp_finish(json_t *rec, const imp_tables *t, vs_buf *notes)
{
	const char *id = json_string_value(json_object_get(rec, "id"));
	const imp_creator *cr = creator_named(t, json_string_value(json_object_get(rec, "creator")));
	order_routes(rec, cr, id, notes);
	json_t *caps = json_object_get(rec, "capabilities");
	if (caps && json_object_size(caps) == 0)
		json_object_del(rec, "capabilities");
	/* A kind the sources did not give, from the id (aliases.json "kinds": an embedding model
	** LiteLLM lists only under mode "chat"). */
	const char *kind = id ? imp_pair_match(t->kinds, t->n_kinds, id) : NULL;
	if (kind && !json_object_get(rec, "product_type"))
		json_object_set_new(rec, "product_type", json_string(kind));
	if (!json_object_get(rec, "family") && id) {
		const char *fam = imp_family(t, id);
		if (fam)
			json_object_set_new(rec, "family", json_string(fam));
	}
	char date[11];
	if (id && !json_object_get(rec, "released") && snapshot_date(id, date))
		json_object_set_new(rec, "released", json_string(date));
}

/* }====== */

/* {====== Three-way merge */

typedef struct merge {
	bool force;
	const char *id;
	vs_buf kept;      /* "id: field" lines */
	size_t n_kept;
	size_t n_removed; /* routes the sources no longer list, removed */
	vs_buf removed;   /* "  removed route: id: provider" lines, for --verbose */
} merge;

static void kept(merge *m, const char *fmt, ...) VS_PRINTF(2, 3);
static void kept(merge *m, const char *fmt, ...)
{
	va_list ap;
	buf_printf(&m->kept, "  kept hand edit: %s: ", m->id);
	va_start(ap, fmt);
	buf_vprintf(&m->kept, fmt, ap);
	va_end(ap);
	buf_addc(&m->kept, '\n');
	m->n_kept++;
}

/* The unit's value after the merge (borrowed), or NULL for absent. */
static const json_t *merge3(merge *m, const json_t *b, const json_t *c, const json_t *n,
                            const char *what)
{
	if (imp_json_equal(c, b))
		return n;
	if (imp_json_equal(c, n))
		return c;
	if (m->force && n)
		return n;
	if (n || b)
		kept(m, "%s", what);
	return c;
}

static void set_copy(json_t *o, const char *k, const json_t *v)
{
	if (v)
		json_object_set_new(o, k, json_deep_copy(v));
}

/* Keys of objects a, b, c in first-seen order (a's, then b's new ones, then c's). */
static size_t union_keys(const json_t *a, const json_t *b, const json_t *c, const char ***out)
{
	const json_t *objs[3] = {a, b, c};
	size_t n = 0, cap = 0;
	const char **v = NULL;
	for (int i = 0; i < 3; i++) {
		const char *k;
		json_t *x;
		if (!json_is_object(objs[i]))
			continue;
		json_object_foreach((json_t *)objs[i], k, x) {
			size_t j = 0;
			while (j < n && strcmp(v[j], k) != 0)
				j++;
			if (j == n)
				*VS_PUSH(v, n, cap) = k;
		}
	}
	*out = v;
	return n;
}

static json_t *merge_object(merge *m, const json_t *b, const json_t *c, const json_t *n,
                            const char *path)
{
	const char **keys;
	size_t nk = union_keys(n, c, b, &keys);
	json_t *r = json_object();
	for (size_t i = 0; i < nk; i++) {
		char *what = xasprintf("%s%s", path, keys[i]);
		set_copy(r, keys[i], merge3(m, json_object_get(b, keys[i]), json_object_get(c, keys[i]),
		                            json_object_get(n, keys[i]), what));
		free(what);
	}
	free(keys);
	return r;
}

/* Route keys of an array, in order. */
static size_t route_keys(const json_t *routes, char ***out)
{
	size_t n = json_array_size(routes);
	*out = xcalloc(n ? n : 1, sizeof **out);
	for (size_t i = 0; i < n; i++)
		(*out)[i] = imp_route_key(json_array_get(routes, i));
	return n;
}

static void free_keys(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool same_keys(char **a, size_t na, char **b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

static bool in_keys(char **v, size_t n, const char *k)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], k) == 0)
			return true;
	return false;
}

static json_t *merge_routes(merge *m, const json_t *B, const json_t *C, const json_t *N)
{
	char **kb, **kc, **kn;
	size_t nb = route_keys(B, &kb), nc = route_keys(C, &kc), nn = route_keys(N, &kn);
	/* The order: the new one unless an analyst reordered the routes. */
	char **order = xcalloc(nb + nc + nn + 1, sizeof *order);
	size_t no = 0;
	bool reordered = C && !same_keys(kb, nb, kc, nc);
	char **first = reordered ? kc : kn, **second = reordered ? kn : kc;
	size_t nfirst = reordered ? nc : nn, nsecond = reordered ? nn : nc;
	for (size_t i = 0; i < nfirst; i++)
		order[no++] = first[i];
	for (size_t i = 0; i < nsecond; i++)
		if (!in_keys(order, no, second[i]))
			order[no++] = second[i];
	json_t *r = json_array();
	for (size_t i = 0; i < no; i++) {
		const json_t *rb = find_route(B, order[i]), *rc = find_route(C, order[i]),
		             *rn = find_route(N, order[i]);
		vs_buf name = {0};
		route_name(&name, rn ? rn : rc ? rc : rb);
		if (!rc) {
			if (rn && (!rb || m->force))
				json_array_append_new(r, json_deep_copy(rn)); /* new, or --force */
			else if (rn)
				kept(m, "routes: %s (deleted by hand)", name.s);
		} else if (!rn) {
			/* The sources no longer offer it: it goes unless an analyst touched it. */
			if (!(rb && imp_json_equal(rb, rc)))
				json_array_append_new(r, json_deep_copy(rc));
			else {
				m->n_removed++;
				buf_printf(&m->removed, "  removed route: %s: %s (its source no longer lists "
				           "it)\n", m->id, name.s);
			}
		} else {
			char *path = xasprintf("routes[%s].", name.s);
			json_array_append_new(r, merge_object(m, rb, rc, rn, path));
			free(path);
		}
		buf_free(&name);
	}
	free(order);
	free_keys(kb, nb);
	free_keys(kc, nc);
	free_keys(kn, nn);
	return r;
}

static json_t *merge_record(merge *m, const json_t *B, const json_t *C, const json_t *N)
{
	if (!C)
		return json_deep_copy(N);
	const char **keys;
	size_t nk = union_keys(N, C, B, &keys);
	json_t *r = json_object();
	for (size_t i = 0; i < nk; i++) {
		const char *k = keys[i];
		const json_t *b = json_object_get(B, k), *c = json_object_get(C, k),
		             *n = json_object_get(N, k);
		if (strcmp(k, "routes") == 0 && (!c || json_is_array(c))) {
			json_t *routes = merge_routes(m, b, c, n);
			if (json_array_size(routes) || c)
				json_object_set_new(r, k, routes);
			else
				json_decref(routes);
		} else if (strcmp(k, "capabilities") == 0 && (!c || json_is_object(c))) {
			json_t *caps = merge_object(m, b, c, n, "capabilities.");
			if (json_object_size(caps) || c)
				json_object_set_new(r, k, caps);
			else
				json_decref(caps);
		} else if (strcmp(k, "sources") == 0 && (!c || json_is_array(c))) {
			/* Untouched, the sources follow the new list (so they do not depend on which
			** format came first, and a source that no longer gives a route is no longer
			** cited); edited, the analyst's list leads and only what the importer newly
			** cites is added. */
			bool edited = !imp_json_equal(c, b);
			json_t *s = edited ? json_deep_copy(c) : json_array();
			size_t j;
			json_t *x;
			json_array_foreach(n, j, x)
				if (!imp_has_string(s, json_string_value(x)) &&
				    (!edited || !imp_has_string(b, json_string_value(x))))
					json_array_append(s, x);
			if (json_array_size(s) || c)
				json_object_set_new(r, k, s);
			else
				json_decref(s);
		} else if (strcmp(k, "id") == 0) {
			set_copy(r, k, c ? c : n);
		} else {
			set_copy(r, k, merge3(m, b, c, n, k));
		}
	}
	free(keys);
	return r;
}

/* }====== */

/* {====== The run */

typedef struct disk_rec {
	char *id;
	json_t *root;    /* NULL when the file is not JSON (then the importer leaves it alone) */
	char *problem;
} disk_rec;

typedef struct run {
	const imp_options *o;
	imp_tables t;
	char *models_dir;
	char *state_path;
	disk_rec *disk;
	size_t n_disk, cap_disk;
	json_t *state;        /* the state file as read, or an empty one */
	vs_buf verbose;       /* lines for --verbose */
	vs_buf notes;         /* fold notes */
	json_t *vanished;     /* ids no source gives any more (an object used as a set) */
	json_t *renamed;      /* old id -> new id: the importer's records renamed (spelling_beats) */
	size_t n_openrouter_keys; /* LiteLLM's openrouter/ routes left to OpenRouter's own list */
	size_t n_swapped;     /* routes whose input and output prices came swapped */
	size_t n_creator_disagree; /* models whose creator's price and OpenRouter's differ */
	size_t n_outliers, n_outlier_models; /* report.md's outlier routes, and their models */
} run;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const disk_rec *disk_find(const run *r, const char *id)
{
	for (size_t i = 0; i < r->n_disk; i++)
		if (strcmp(r->disk[i].id, id) == 0)
			return &r->disk[i];
	return NULL;
}

/* {====== The -o DIR: a tree someone else may have written into (hardening issue 16) */

/* A JSON file in OUT, never read through a symbolic link (the file it names may be one the
** user can read and OUT's writer cannot) nor from a FIFO (no blocking).  NULL with *problem. */
static json_t *load_json_in_tree(const char *path, char **problem)
{
	size_t len = 0;
	char *data = read_file_in_tree(path, (size_t)1 << 30, &len);
	if (!data) {
		*problem = xasprintf("%s: %s", path, errno == ELOOP ? "a symbolic link, not followed"
		                     : errno == EINVAL ? "not a regular file" : strerror(errno));
		return NULL;
	}
	json_error_t je;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &je);
	free(data);
	if (!root)
		*problem = xasprintf("%s:%d:%d: %s", path, je.line, je.column, je.text);
	return root;
}

/* OUT/models as a symbolic link (or a file) would put records outside OUT: refused, as
** `site` refuses its compare/ and models/. */
static bool models_dir_usable(const run *r)
{
	struct stat st;
	if (lstat(r->models_dir, &st) != 0 || S_ISDIR(st.st_mode))
		return true;
	fprintf(r->o->log, "versus: import: %s is not a directory (%s); the import writes no "
	        "record through it: remove it or pass another -o DIR\n", r->models_dir,
	        S_ISLNK(st.st_mode) ? "a symbolic link" : "a file");
	return false;
}

/* One import into OUT at a time (a second would remove this one's temporaries in flight);
** once it holds the lock, the temporaries a killed import left are removed. */
static int take_out_dir(const run *r, int *lock)
{
	if (*lock >= 0)
		return 0;
	char err[256];
	*lock = dirlock_take(r->o->out_dir, false, err, sizeof err);
	if (*lock < 0) {
		fprintf(r->o->log, "versus: import: %s: %s\n", r->o->out_dir, err);
		return -1;
	}
	outfile_remove_temporaries(r->models_dir, ".json");
	outfile_remove_temporaries(r->o->out_dir, ".json");
	return 0;
}

/* }====== */

/* Every OUT/models/<id>.json, sorted; a file that is not a JSON object is kept aside. */
static int load_disk(run *r)
{
	DIR *d = opendir(r->models_dir);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		*VS_PUSH(names, n, cap) = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		disk_rec *dr = VS_PUSH(r->disk, r->n_disk, r->cap_disk);
		memset(dr, 0, sizeof *dr);
		dr->id = xstrndup(names[i], strlen(names[i]) - 5);
		char *path = xasprintf("%s/%s", r->models_dir, names[i]);
		dr->root = load_json_in_tree(path, &dr->problem);
		if (dr->root && !json_is_object(dr->root)) {
			dr->problem = xasprintf("%s: not a JSON object", path);
			json_decref(dr->root);
			dr->root = NULL;
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return 0;
}

static void claim(run *r, const char *name, const char *id, size_t *cap)
{
	char *norm = imp_normalise(name, false);
	char *key = imp_match_key(norm);
	free(norm);
	if (!*key || imp_pair_exact(r->t.existing, r->t.n_existing, key)) {
		free(key);
		return;
	}
	imp_pair *p = VS_PUSH(r->t.existing, r->t.n_existing, *cap);
	p->key = key;
	p->value = xstrdup(id);
}

/* A record on disk claims its id and the model name of each of its routes. */
static void index_disk(run *r)
{
	size_t cap = 0;
	for (size_t i = 0; i < r->n_disk; i++)
		if (r->disk[i].root)
			claim(r, r->disk[i].id, r->disk[i].id, &cap);
	for (size_t i = 0; i < r->n_disk; i++) {
		size_t j;
		json_t *route;
		json_array_foreach(json_object_get(r->disk[i].root, "routes"), j, route) {
			const char *m = json_string_value(json_object_get(route, "model"));
			if (m)
				claim(r, m, r->disk[i].id, &cap);
		}
	}
}

static int load_state(run *r, char **err)
{
	struct stat st;
	if (lstat(r->state_path, &st) != 0 && errno == ENOENT) {
		r->state = json_object();
		return 0;
	}
	r->state = load_json_in_tree(r->state_path, err);
	if (!r->state)
		return -1;
	const char *fmt = json_string_value(json_object_get(r->state, "format"));
	const json_t *props = json_object_get(r->state, "proposals");
	const json_t *prop = json_object_get(r->state, "proposed");
	if (!json_is_object(r->state) || !fmt || strcmp(fmt, STATE_FORMAT) != 0 ||
	    (props && !json_is_object(props)) || (prop && !json_is_object(prop))) {
		*err = xasprintf("%s: not a versus import state file (format \"%s\" with "
		                 "\"proposals\" and \"proposed\" objects)", r->state_path, STATE_FORMAT);
		return -1;
	}
	return 0;
}

/* Of two spellings of one model's name (equal match keys: they differ only by hyphens
** between a letter and a digit), the one an id takes whichever source came first: the one
** with more hyphens ("llama-3-8b-instruct", as OpenRouter and most creators write it, over
** LiteLLM's "llama3-8b-instruct"), then the first in byte order.  A total order, so the id
** of a model two sources spell two ways is the same in either import order. */
static bool spelling_beats(const char *a, const char *b)
{
	size_t ha = 0, hb = 0;
	for (const char *p = a; *p; p++)
		ha += *p == '-';
	for (const char *p = b; *p; p++)
		hb += *p == '-';
	return ha != hb ? ha > hb : strcmp(a, b) < 0;
}

/* The spelling a group of candidates (one match key) gives a new record: the name of a
** first-party entry, else the name most entries of the group use, else the shortest, else
** the first in byte order. */
static const char *group_spelling(const imp_batch *b, const size_t *idx, size_t n, const char *key)
{
	const imp_candidate *best = NULL;
	size_t best_votes = 0;
	for (size_t j = 0; j < n; j++) {
		const imp_candidate *d = &b->cands[idx[j]];
		if (strcmp(d->key, key) != 0)
			continue;
		size_t votes = 0;
		for (size_t k = 0; k < n; k++) {
			const imp_candidate *e = &b->cands[idx[k]];
			votes += strcmp(e->key, key) == 0 && e->rank == d->rank &&
			         strcmp(e->idform, d->idform) == 0;
		}
		int better = !best ? 1 : d->rank != best->rank ? (d->rank < best->rank ? 1 : -1)
		           : votes != best_votes ? (votes > best_votes ? 1 : -1)
		           : strlen(d->idform) != strlen(best->idform)
		           ? (strlen(d->idform) < strlen(best->idform) ? 1 : -1)
		           : strcmp(d->idform, best->idform) < 0 ? 1 : -1;
		if (better > 0) {
			best = d;
			best_votes = votes;
		}
	}
	return best->idform;
}

/* May the record id claims be renamed to spelling?  Only a record the importer made and
** nobody touched (its file equals what the importer last proposed), and only to a spelling
** of the same name that beats it: an analyst's id, or one a record was edited under, stays. */
static bool may_rename(const run *r, const char *id, const char *spelling)
{
	if (strcmp(id, spelling) == 0 || !spelling_beats(spelling, id) || disk_find(r, spelling))
		return false;
	char *na = imp_normalise(id, false), *nb = imp_normalise(spelling, false);
	char *ka = imp_match_key(na), *kb = imp_match_key(nb);
	bool same = strcmp(ka, kb) == 0;
	free(na);
	free(nb);
	free(ka);
	free(kb);
	const disk_rec *dr = disk_find(r, id);
	const json_t *B = json_object_get(json_object_get(r->state, "proposed"), id);
	return same && dr && dr->root && B && imp_json_equal(dr->root, B);
}

/* A rename old -> new in the state: the proposals every format stored under old move to
** new, and old's last proposal goes (the record under new is a new record, old's file is
** removed after the merge). */
static void rename_in_state(run *r, const char *old, const char *new_id)
{
	const char *f;
	json_t *props;
	json_object_foreach(json_object_get(r->state, "proposals"), f, props) {
		json_t *p = json_object_get(props, old);
		if (p) {
			json_object_set(props, new_id, p);
			json_object_del(props, old);
		}
	}
	json_object_del(json_object_get(r->state, "proposed"), old);
	json_object_set_new(r->renamed, old, json_string(new_id));
}

/* The record id of each candidate.  An alias first turns its name into the name it stands
** for; then a record on disk that claims the name gives the id, unless the record is the
** importer's own, untouched, and this run spells the name in the way that beats its id
** (spelling_beats): then it is renamed; else the group of entries sharing the name gives it
** (group_spelling). */
static void resolve_ids(run *r, imp_batch *b)
{
	/* Alias keys compare as match keys, like everything else. */
	imp_pair *aliases = xcalloc(r->t.n_aliases ? r->t.n_aliases : 1, sizeof *aliases);
	for (size_t i = 0; i < r->t.n_aliases; i++) {
		char *norm = imp_normalise(r->t.aliases[i].key, false);
		aliases[i].key = imp_match_key(norm);
		aliases[i].value = r->t.aliases[i].value;
		free(norm);
	}
	size_t *all = xcalloc(b->n_cands ? b->n_cands : 1, sizeof *all);
	for (size_t i = 0; i < b->n_cands; i++) {
		imp_candidate *c = &b->cands[i];
		const char *target = imp_pair_exact(aliases, r->t.n_aliases, c->key);
		if (target) {
			free(c->idform);
			free(c->key);
			c->idform = xstrdup(target);
			char *norm = imp_normalise(target, false);
			c->key = imp_match_key(norm);
			free(norm);
		}
		all[i] = i;
	}
	for (size_t i = 0; i < r->t.n_aliases; i++)
		free(aliases[i].key);
	free(aliases);
	for (size_t i = 0; i < b->n_cands; i++) {
		imp_candidate *c = &b->cands[i];
		if (c->id)
			continue;
		const char *spelling = group_spelling(b, all, b->n_cands, c->key);
		const char *claimed = imp_pair_exact(r->t.existing, r->t.n_existing, c->key);
		const char *renamed = claimed ? json_string_value(json_object_get(r->renamed, claimed))
		                              : NULL;
		char *id = xstrdup(renamed ? renamed : !claimed ? spelling
		                   : may_rename(r, claimed, spelling) ? spelling : claimed);
		if (claimed && !renamed && strcmp(id, claimed) != 0) {
			rename_in_state(r, claimed, id);
			if (r->o->verbose)
				buf_printf(&r->verbose, "  renamed: %s to %s (this source's spelling, with the "
				           "hyphen: the id either import order gives)\n", claimed, id);
		}
		for (size_t j = i; j < b->n_cands; j++) {
			imp_candidate *d = &b->cands[j];
			if (!d->id && strcmp(d->key, c->key) == 0)
				d->id = xstrdup(id);
		}
		free(id);
	}
	/* Entries a renamed record claimed by another name (a route's model) follow it. */
	for (size_t i = 0; i < b->n_cands; i++) {
		const char *to = json_string_value(json_object_get(r->renamed, b->cands[i].id));
		if (to) {
			free(b->cands[i].id);
			b->cands[i].id = xstrdup(to);
		}
	}
	free(all);
}

static int cmp_cands(const void *pa, const void *pb)
{
	const imp_candidate *a = pa, *b = pb;
	int c = strcmp(a->id, b->id);
	if (c)
		return c;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->copy != b->copy)
		return a->copy ? 1 : -1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* The end of a --verbose line about candidate c: " (name N)" when the name it gave is not
** the id it went to. */
static void name_aside(vs_buf *v, const imp_candidate *c, const char *id)
{
	if (strcmp(c->name, id) != 0)
		buf_printf(v, " (name %s)", c->name);
	buf_addc(v, '\n');
}

/* A variant's record without the routes the base model's entries already gave: OpenRouter's
** ":nitro" is the base model served faster at a higher price, so beside the base's own
** listing it would make the route's price the higher of the two (imp_route_merge). */
static json_t *without_given_routes(const json_t *p, const json_t *rec)
{
	json_t *out = json_deep_copy(rec), *kept = json_array();
	size_t i;
	json_t *route;
	json_array_foreach(json_object_get(rec, "routes"), i, route) {
		char *key = imp_route_key(route);
		if (route_index(json_object_get(p, "routes"), key) == (size_t)-1)
			json_array_append(kept, route);
		free(key);
	}
	if (!json_array_size(kept))
		json_object_del(out, "sources"); /* its page gave nothing the record keeps */
	json_object_set_new(out, "routes", kept);
	return out;
}

/* This run's proposal per id (an object id -> partial record); counts models and merges. */
static json_t *fold_batch(run *r, imp_batch *b, size_t *models, size_t *merged)
{
	json_t *props = json_object();
	if (b->n_cands)
		qsort(b->cands, b->n_cands, sizeof *b->cands, cmp_cands);
	*models = *merged = 0;
	for (size_t i = 0; i < b->n_cands;) {
		imp_candidate *first = &b->cands[i];
		json_t *p = json_deep_copy(first->record);
		(*models)++;
		if (r->o->verbose) {
			buf_printf(&r->verbose, "  model: %s from %s", first->id, first->label);
			name_aside(&r->verbose, first, first->id);
		}
		size_t j = i + 1;
		for (; j < b->n_cands && strcmp(b->cands[j].id, first->id) == 0; j++) {
			imp_candidate *c = &b->cands[j];
			json_t *src = c->variant ? without_given_routes(p, c->record) : json_incref(c->record);
			imp_fold(p, src, first->label, c->label, first->window_basis, c->window_basis,
			         first->id, &r->notes);
			json_decref(src);
			(*merged)++;
			if (r->o->verbose) {
				buf_printf(&r->verbose, "  merged: %s into %s", c->label, first->id);
				name_aside(&r->verbose, c, first->id);
			}
		}
		for (size_t k = i; k < j && !json_object_get(p, "product_type"); k++) {
			const char *type = imp_pair_exact(b->typed, b->n_typed, b->cands[k].key);
			if (type)
				json_object_set_new(p, "product_type", json_string(type));
		}
		json_object_set_new(props, first->id, imp_canonical(p));
		json_decref(p);
		i = j;
	}
	return props;
}

/* report.md's outlier routes of a proposal, by the cost module's one definition (the routes
** `versus check` warns about and the cost route never is): counted for the summary, named
** under --verbose. */
static void count_outliers(run *r, const json_t *rec)
{
	const json_t *routes = json_object_get(rec, "routes");
	vs_outliers o;
	cost_find_outliers(rec, &o);
	r->n_outliers += o.n;
	r->n_outlier_models += o.n > 0;
	for (size_t k = 0; k < o.n; k++) {
		const json_t *route = json_array_get(routes, (size_t)o.idx[k]);
		const json_t *p = json_object_get(route, "pricing");
		buf_printf(&r->notes, "%s: route ", json_string_value(json_object_get(rec, "id")));
		route_name(&r->notes, route);
		buf_printf(&r->notes, " is an outlier: %g/%g against the medians %g/%g\n",
		           json_number_value(json_object_get(p, "input_per_mtok")),
		           json_number_value(json_object_get(p, "output_per_mtok")), o.median_input,
		           o.median_output);
	}
	free(o.idx);
}

/* One source owns each route: when OpenRouter's own list is imported, LiteLLM's
** `openrouter/...` keys (some for models OpenRouter no longer lists, at old prices) make no
** routes, and a LiteLLM proposal left with no route makes no record.  Returns a new
** reference: litellm filtered, or litellm itself. */
static json_t *without_openrouter(run *r, const json_t *openrouter, json_t *litellm)
{
	if (!openrouter || !litellm)
		return json_incref(litellm);
	json_t *out = json_object();
	const char *id;
	json_t *p;
	json_object_foreach(litellm, id, p) {
		json_t *routes = json_array(), *x;
		size_t i, dropped = 0;
		json_array_foreach(json_object_get(p, "routes"), i, x) {
			if (str_eq_loose(json_string_value(json_object_get(x, "provider")),
			                 r->t.openrouter_provider))
				dropped++;
			else
				json_array_append(routes, x);
		}
		r->n_openrouter_keys += dropped;
		if (!dropped)
			json_object_set(out, id, p);
		else if (json_array_size(routes)) {
			json_t *q = json_deep_copy(p);
			json_object_set(q, "routes", routes);
			json_object_set_new(out, id, q);
		} else if (r->o->verbose)
			buf_printf(&r->notes, "%s: only LiteLLM's openrouter/ keys give it, and OpenRouter's "
			           "own list does not: no record\n", id);
		json_decref(routes);
	}
	return out;
}

/* The proposal of every id: each format's, the first format's facts first. */
static json_t *combine(run *r, json_t *mine)
{
	json_t *stored = json_object_get(r->state, "proposals");
	const char *mine_name = imp_datasets[r->o->format].name;
	json_t *per[VS_ARRAY_LEN(imp_datasets)];
	for (size_t f = 0; f < VS_ARRAY_LEN(imp_datasets); f++)
		per[f] = strcmp(imp_datasets[f].name, mine_name) == 0 ? mine
		       : json_object_get(stored, imp_datasets[f].name);
	json_t *litellm = per[IMP_LITELLM] = without_openrouter(r, per[IMP_OPENROUTER],
	                                                        per[IMP_LITELLM]);
	/* Every id any format proposes, sorted. */
	char **ids = NULL;
	size_t n = 0, cap = 0;
	for (size_t f = 0; f < VS_ARRAY_LEN(imp_datasets); f++) {
		const char *id;
		json_t *x;
		json_object_foreach(per[f], id, x) {
			bool have = false;
			for (size_t f2 = 0; f2 < f && !have; f2++)
				have = json_object_get(per[f2], id) != NULL;
			if (!have)
				*VS_PUSH(ids, n, cap) = (char *)id;
		}
	}
	if (n)
		qsort(ids, n, sizeof *ids, cmp_str);
	static const char *const label[] = {"OpenRouter's models list", "LiteLLM's price list"};
	static const char *const basis[] = {"context_length: input and output",
	                                    "max_input_tokens: input only"};
	json_t *all = json_object();
	for (size_t i = 0; i < n; i++) {
		json_t *rec = json_object();
		json_object_set_new(rec, "id", json_string(ids[i]));
		int first = -1;
		for (size_t f = 0; f < VS_ARRAY_LEN(imp_datasets); f++) {
			json_t *p = json_object_get(per[f], ids[i]);
			if (!p)
				continue;
			if (first < 0)
				first = (int)f;
			/* Within one format the disagreements were noted as its entries folded. */
			imp_fold(rec, p, label[first], label[f], basis[first], basis[f], ids[i],
			         (int)f == first ? NULL : &r->notes);
		}
		r->n_swapped += imp_fix_swapped(rec, &r->notes);
		imp_finish(rec, &r->t, &r->notes);
		r->n_creator_disagree += imp_creator_disagrees(rec, r->t.openrouter_provider, &r->notes);
		count_outliers(r, rec);
		json_object_set_new(all, ids[i], rec);
	}
	free(ids);
	json_decref(litellm);
	return all;
}

/* A model the importer proposed last time that no source gives now: its routes go (unless
** an analyst edited them), its other facts stay as the analyst's.  So the summary counts the
** removed routes, and the state keeps knowing the record: when the model comes back at a new
** price, the untouched fields take it instead of counting as hand edits. */
static void vanished(run *r, json_t *all)
{
	const char *id;
	json_t *B;
	json_object_foreach(json_object_get(r->state, "proposed"), id, B) {
		if (json_object_get(all, id) || !json_object_get(B, "routes"))
			continue;
		json_t *n = json_deep_copy(B);
		json_object_del(n, "routes");
		json_object_set_new(all, id, n);
		json_object_set_new(r->vanished, id, json_true());
	}
}

/* The routes of a format's proposals, as "id|route key" strings. */
static size_t proposal_routes(const json_t *props, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	const char *id;
	json_t *p, *x;
	json_object_foreach((json_t *)props, id, p) {
		size_t i;
		json_array_foreach(json_object_get(p, "routes"), i, x) {
			char *k = imp_route_key(x);
			*VS_PUSH(v, n, cap) = xasprintf("%s|%s", id, k);
			free(k);
		}
	}
	if (n)
		qsort(v, n, sizeof *v, cmp_str);
	*out = v;
	return n;
}

/* A partial snapshot (one entry of OpenRouter's list, a truncated download) would remove most
** of a source's routes.  More than a fifth removed is refused without --force: true, with the
** reason written to the log. */
static bool partial(run *r, const json_t *mine)
{
	const json_t *old = json_object_get(json_object_get(r->state, "proposals"),
	                                    imp_datasets[r->o->format].name);
	char **a, **b;
	size_t na = proposal_routes(old, &a), nb = proposal_routes(mine, &b), gone = 0;
	for (size_t i = 0; i < na; i++)
		gone += !bsearch(&a[i], b, nb, sizeof *b, cmp_str);
	bool refuse = gone * 5 > na;
	if (refuse)
		fprintf(r->o->log, "versus: import: %s: this import would remove %zu of the %zu routes "
		        "the last %s import gave (more than a fifth): a partial or truncated snapshot?  "
		        "Nothing was written; --force imports it anyway\n", r->state_path, gone, na,
		        imp_datasets[r->o->format].name);
	free_keys(a, na);
	free_keys(b, nb);
	return refuse;
}

/* Two records with one name make a name argument ambiguous (`versus check` warns): a
** proposed name another record already has gets its id added, "GPT-4o (gpt-4o-2024-08-06)". */
static void unique_names(run *r, json_t *all)
{
	const char **taken = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < r->n_disk; i++) {
		const char *name = json_string_value(json_object_get(r->disk[i].root, "name"));
		if (name && !json_object_get(all, r->disk[i].id) &&
		    !json_object_get(r->renamed, r->disk[i].id))
			*VS_PUSH(taken, n, cap) = name;
	}
	const char *id;
	json_t *rec;
	json_object_foreach(all, id, rec) {
		const char *name = json_string_value(json_object_get(rec, "name"));
		if (!name) {
			json_object_set_new(rec, "name", json_string(id));
			name = id;
		}
		bool clash = false;
		for (size_t i = 0; i < n && !clash; i++)
			clash = str_eq_icase(taken[i], name);
		if (clash) {
			char *renamed = xasprintf("%s (%s)", name, id);
			json_object_set_new(rec, "name", json_string(renamed));
			free(renamed);
			name = json_string_value(json_object_get(rec, "name"));
		}
		*VS_PUSH(taken, n, cap) = name;
	}
	free(taken);
}

/* The top-level fields that differ between a and b, as "routes, context_window". */
static void changed_fields(vs_buf *out, const json_t *a, const json_t *b, json_t *counts)
{
	const char **keys;
	size_t nk = union_keys(b, a, NULL, &keys);
	bool first = true;
	for (size_t i = 0; i < nk; i++) {
		if (imp_json_equal(json_object_get(a, keys[i]), json_object_get(b, keys[i])))
			continue;
		buf_printf(out, "%s%s", first ? "" : ", ", keys[i]);
		first = false;
		json_t *c = json_object_get(counts, keys[i]);
		json_object_set_new(counts, keys[i], json_integer(c ? json_integer_value(c) + 1 : 1));
	}
	free(keys);
}

static int make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	return -1;
}

static void progress(const run *r, const char *what, size_t i, size_t n)
{
	if (!r->o->progress || (i % 64 != 0 && i != n))
		return;
	int width = 30, done = n ? (int)(i * (size_t)width / n) : width;
	fprintf(r->o->log, "\rversus import: %s [%.*s%*s] %zu/%zu", what, done,
	        "##############################", width - done, "", i, n);
	if (i == n)
		fputs("\r\033[K", r->o->log);
	fflush(r->o->log);
}

typedef struct tally {
	size_t added, changed, unchanged, deleted, invalid, failed, removed;
	json_t *field_counts;
} tally;

/* import --verbose: every merge, skip and kept hand edit, with its reason. */
static void print_verbose(const run *r, const imp_batch *b, const merge *m)
{
	const vs_buf *parts[] = {&r->verbose, &b->notes, &r->notes, &m->kept, &m->removed};
	for (size_t i = 0; i < VS_ARRAY_LEN(parts); i++)
		if (parts[i]->len)
			fputs(parts[i]->s, r->o->log);
}

/* The skips grouped by reason, largest group first, then by reason. */
static void print_skips(FILE *f, const imp_batch *b)
{
	json_t *reasons = json_object();
	for (size_t i = 0; i < b->n_skips; i++) {
		json_t *c = json_object_get(reasons, b->skips[i].reason);
		json_object_set_new(reasons, b->skips[i].reason,
		                    json_integer(c ? json_integer_value(c) + 1 : 1));
	}
	size_t nr = json_object_size(reasons);
	const char **order = xcalloc(nr ? nr : 1, sizeof *order);
	size_t k = 0;
	const char *reason;
	json_t *c;
	json_object_foreach(reasons, reason, c)
		order[k++] = reason;
	for (size_t i = 1; i < k; i++)
		for (size_t j = i; j > 0; j--) {
			json_int_t a = json_integer_value(json_object_get(reasons, order[j - 1]));
			json_int_t bb = json_integer_value(json_object_get(reasons, order[j]));
			if (a > bb || (a == bb && strcmp(order[j - 1], order[j]) <= 0))
				break;
			const char *tmp = order[j];
			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	for (size_t i = 0; i < k; i++)
		fprintf(f, "  %10" JSON_INTEGER_FORMAT "  %s\n",
		        json_integer_value(json_object_get(reasons, order[i])), order[i]);
	free(order);
	json_decref(reasons);
}

/* What became of the entries: models, merges, skips, and what the sources disagreed on. */
static void print_entries(const run *r, const imp_batch *b, size_t models, size_t merged)
{
	FILE *f = r->o->log;
	fprintf(f, "versus import %s: %zu %s from", imp_datasets[r->o->format].name, b->n_entries,
	        vs_plural(b->n_entries, "entry", "entries"));
	for (size_t i = 0; i < r->o->n_files; i++) {
		const char *base = strrchr(r->o->files[i], '/');
		fprintf(f, "%s %s", i ? "," : "", base ? base + 1 : r->o->files[i]);
	}
	fprintf(f, "\n  %6zu %s (the first entry of each)\n", models, vs_plural(models, "model", "models"));
	fprintf(f, "  %6zu merged into a model an earlier entry gave (a route per provider)\n", merged);
	fprintf(f, "  %6zu skipped%s\n", b->n_skips, b->n_skips ? ":" : "");
	print_skips(f, b);
	fprintf(f, "  %zu + %zu + %zu = %zu %s\n", models, merged, b->n_skips, b->n_entries,
	        vs_plural(b->n_entries, "entry", "entries"));
	if (r->n_openrouter_keys)
		fprintf(f, "  %zu LiteLLM openrouter/ route%s left out: OpenRouter's own list gives its "
		        "routes\n", r->n_openrouter_keys, r->n_openrouter_keys == 1 ? "" : "s");
	if (r->n_swapped)
		fprintf(f, "  %zu route%s with input and output prices swapped by a source, put right\n",
		        r->n_swapped, r->n_swapped == 1 ? "" : "s");
	if (r->n_creator_disagree)
		fprintf(f, "  %zu model%s whose creator's route and OpenRouter's differ in price: one "
		        "may be stale, no source says which (--verbose names them)\n",
		        r->n_creator_disagree, r->n_creator_disagree == 1 ? "" : "s");
	if (r->n_outliers)
		fprintf(f, "  %zu outlier route%s in %zu model%s (under a tenth of the model's median "
		        "price: never prices it; `versus check` warns)\n", r->n_outliers,
		        r->n_outliers == 1 ? "" : "s", r->n_outlier_models,
		        r->n_outlier_models == 1 ? "" : "s");
}

/* What became of the records on disk: added, changed (which fields), renamed, removed, kept. */
static void print_records(const run *r, const tally *t, const merge *m)
{
	FILE *f = r->o->log;
	fprintf(f, "records in %s: %zu added, %zu changed, %zu unchanged\n", r->models_dir,
	        t->added, t->changed, t->unchanged);
	if (json_object_size(t->field_counts)) {
		fputs("  changed fields:", f);
		const char *field;
		json_t *n;
		bool first = true;
		json_object_foreach(t->field_counts, field, n) {
			fprintf(f, "%s %s %" JSON_INTEGER_FORMAT, first ? "" : ",", field, json_integer_value(n));
			first = false;
		}
		fputc('\n', f);
	}
	size_t renamed = json_object_size(r->renamed);
	if (renamed)
		fprintf(f, "  %zu record%s renamed: another source spells the model with a hyphen its "
		        "id lacked, so ids do not depend on import order\n", renamed,
		        renamed == 1 ? "" : "s");
	if (t->removed)
		fprintf(f, "  %zu record%s removed: made by the importer, untouched, and no source lists "
		        "%s now\n", t->removed, t->removed == 1 ? "" : "s",
		        t->removed == 1 ? "it" : "them");
	if (m->n_removed)
		fprintf(f, "  removed %zu route%s their sources no longer list\n", m->n_removed,
		        m->n_removed == 1 ? "" : "s");
	if (m->n_kept)
		fprintf(f, "  kept %zu hand edit%s (--force overwrites them%s)\n", m->n_kept,
		        m->n_kept == 1 ? "" : "s", r->o->verbose ? "" : "; --verbose lists them");
	if (t->deleted)
		fprintf(f, "  %zu record%s deleted by hand not re-created (--force re-creates them)\n",
		        t->deleted, t->deleted == 1 ? "" : "s");
	if (t->invalid)
		fprintf(f, "  %zu record%s on disk not valid JSON, left as they are\n", t->invalid,
		        t->invalid == 1 ? "" : "s");
}

static void print_summary(const run *r, const imp_batch *b, size_t models, size_t merged,
                          const tally *t, const merge *m)
{
	if (r->o->quiet) /* import -q: problems only, and they are said where they happen */
		return;
	if (r->o->verbose)
		print_verbose(r, b, m);
	print_entries(r, b, models, merged);
	print_records(r, t, m);
	if (r->o->dry_run)
		fputs("dry run: nothing written\n", r->o->log);
}

static void run_free(run *r)
{
	imp_tables_free(&r->t);
	for (size_t i = 0; i < r->n_disk; i++) {
		free(r->disk[i].id);
		json_decref(r->disk[i].root);
		free(r->disk[i].problem);
	}
	free(r->disk);
	json_decref(r->state);
	json_decref(r->vanished);
	json_decref(r->renamed);
	free(r->models_dir);
	free(r->state_path);
	buf_free(&r->verbose);
	buf_free(&r->notes);
}

static char *state_text(json_t *props_all, json_t *proposed)
{
	json_t *st = json_object();
	json_object_set_new(st, "format", json_string(STATE_FORMAT));
	json_object_set_new(st, "about", json_string(
		"What versus import last proposed for each record, per format and combined; a record "
		"field that differs from it was edited by hand and is kept (docs/data.md, Importing). "
		"Written by the importer; do not edit."));
	json_object_set(st, "proposals", props_all);
	json_object_set(st, "proposed", proposed);
	vs_buf b = {0};
	imp_write_json(&b, st);
	json_decref(st);
	return buf_steal(&b);
}

static json_t *sorted_object(json_t *o)
{
	const char **keys = NULL;
	size_t n = 0, cap = 0;
	const char *k;
	json_t *v;
	json_object_foreach(o, k, v)
		*VS_PUSH(keys, n, cap) = k;
	if (n)
		qsort(keys, n, sizeof *keys, cmp_str);
	json_t *s = json_object();
	for (size_t i = 0; i < n; i++)
		json_object_set(s, keys[i], json_object_get(o, keys[i]));
	free(keys);
	return s;
}

/* The output directory made usable and its contents read: the tables, the records on disk
** and the state; locked unless a dry run.  Before any input is read. */
static imp_status open_out(run *r, int *lock)
{
	const imp_options *o = r->o;
	char *err = NULL;
	if (imp_tables_load(&r->t, o->tables_dir, &err) != 0) {
		fprintf(o->log, "versus: import: %s\n", err);
		free(err);
		return IMP_BAD_INPUT;
	}
	r->models_dir = xasprintf("%s/models", o->out_dir);
	r->state_path = xasprintf("%s/%s", o->out_dir, IMP_STATE_FILE);
	struct stat out_st;
	if (!models_dir_usable(r) ||
	    (!o->dry_run && stat(o->out_dir, &out_st) == 0 && take_out_dir(r, lock) != 0))
		return IMP_CANNOT_WRITE;
	if (load_disk(r) != 0) {
		fprintf(o->log, "versus: import: cannot read %s: %s\n", r->models_dir, strerror(errno));
		return IMP_CANNOT_WRITE;
	}
	if (load_state(r, &err) != 0) {
		fprintf(o->log, "versus: import: %s; move it away to start afresh (every field of an "
		        "existing record then counts as hand-edited)\n", err);
		free(err);
		return IMP_BAD_INPUT;
	}
	index_disk(r);
	return IMP_DONE;
}

/* Every input read whole before anything else, by the dataset's parser: bad input writes
** nothing. */
static imp_status read_inputs(run *r, imp_batch *b)
{
	const imp_options *o = r->o;
	for (size_t i = 0; i < o->n_files; i++) {
		FILE *f = fopen(o->files[i], "rb");
		if (!f) {
			fprintf(o->log, "versus: import: cannot read %s: %s\n", o->files[i], strerror(errno));
			return IMP_CANNOT_WRITE;
		}
		fclose(f);
		progress(r, "reading", i, o->n_files);
		char *err = NULL;
		if (imp_datasets[o->format].parse(o->files[i], &r->t, b, &err) != 0) {
			if (o->progress)
				fputs("\r\033[K", o->log);
			fprintf(o->log, "versus: import: %s\nNothing was written.\n", err);
			free(err);
			return IMP_BAD_INPUT;
		}
	}
	progress(r, "reading", o->n_files, o->n_files);
	if (o->verbose)
		for (size_t i = 0; i < b->n_skips; i++)
			buf_printf(&r->verbose, "  skipped: %s: %s\n", b->skips[i].label, b->skips[i].reason);
	return IMP_DONE;
}

/* The merge and write of every id: what the state will remember for each, the tallies. */
typedef struct pass {
	run *r;
	merge *m;
	tally *t;
	json_t *old_proposed; /* what the state remembers */
	json_t *proposed;     /* what it will remember: what was proposed, except for a record
	                      ** that could not be written, whose old proposal stays */
	bool write_failed;    /* after one failed write, nothing more is written */
	imp_status status;
} pass;

/* Keep the old proposal of id (B), if any, as what the state remembers. */
static void keep_old(pass *p, const char *id, json_t *B)
{
	if (B)
		json_object_set(p->proposed, id, B);
}

/* A record made by the importer, untouched, that no source gives now: it goes. */
static void remove_vanished(pass *p, const char *id, json_t *B)
{
	run *r = p->r;
	char *path = xasprintf("%s/%s.json", r->models_dir, id);
	if (!r->o->dry_run && unlink(path) != 0) {
		fprintf(r->o->log, "versus: import: cannot remove %s: %s\n", path, strerror(errno));
		p->status = IMP_CANNOT_WRITE;
		keep_old(p, id, B);
	}
	p->m->n_removed += json_array_size(json_object_get(B, "routes"));
	p->t->removed++;
	buf_printf(&r->verbose, "  removed: %s (no source lists it now)\n", id);
	free(path);
}

/* Write the merged record Rc of id (C: the one on disk, or NULL), unless `versus check`
** would refuse it. */
static void write_merged(pass *p, const char *id, json_t *Rc, const json_t *C, json_t *B,
                         json_t *Nc)
{
	run *r = p->r;
	const imp_options *o = r->o;
	char *path = xasprintf("%s/%s.json", r->models_dir, id);
	vs_diags problems = {0};
	record_validate(Rc, path, id, NULL, 0, &problems);
	if (diags_count(&problems, VS_ERROR)) {
		for (size_t i = 0; i < problems.n; i++)
			fprintf(o->log, "%s: %s\n", problems.v[i].where, problems.v[i].message);
		fprintf(o->log, "versus: import: %s not written: the merged record is invalid\n", id);
		p->t->failed++;
		keep_old(p, id, B);
		diags_free(&problems);
		free(path);
		json_decref(Nc);
		return;
	}
	diags_free(&problems);
	vs_buf text = {0}, fields = {0};
	imp_write_record(&text, Rc);
	if (C) {
		changed_fields(&fields, C, Rc, p->t->field_counts);
		p->t->changed++;
		if (o->verbose)
			buf_printf(&r->verbose, "  changed: %s: %s\n", id, fields.s);
	} else {
		p->t->added++;
		if (o->verbose)
			buf_printf(&r->verbose, "  added: %s\n", id);
	}
	char werr[1024];
	if (!o->dry_run && !p->write_failed &&
	    write_file_in_tree(path, text.s, text.len, werr, sizeof werr) != 0) {
		fprintf(o->log, "versus: import: %s\n", werr);
		p->write_failed = true;
		p->status = IMP_CANNOT_WRITE;
	}
	if (!p->write_failed)
		json_object_set_new(p->proposed, id, Nc);
	else {
		keep_old(p, id, B);
		json_decref(Nc);
	}
	buf_free(&text);
	buf_free(&fields);
	free(path);
}

/* One id: its proposal N merged with the last proposal (B) and the record on disk (C). */
static void merge_one(pass *p, const char *id, json_t *N)
{
	run *r = p->r;
	const imp_options *o = r->o;
	json_t *B = json_object_get(p->old_proposed, id);
	const disk_rec *dr = disk_find(r, id);
	json_t *C = dr ? dr->root : NULL;
	json_t *Nc = imp_canonical(N);
	if (dr && !C) {
		p->t->invalid++;
		buf_printf(&r->verbose, "  left alone: %s\n", dr->problem);
		fprintf(o->log, "versus: import: %s: not merged, the record is not valid JSON; fix "
		        "it and import again\n", dr->problem);
		keep_old(p, id, B);
		json_decref(Nc);
		return;
	}
	if (!C && B && !o->force) {
		p->t->deleted++;
		buf_printf(&r->verbose, "  deleted by hand, not re-created: %s\n", id);
		json_object_set_new(p->proposed, id, Nc);
		return;
	}
	if (C && json_object_get(r->vanished, id) && imp_json_equal(C, B)) {
		remove_vanished(p, id, B);
		json_decref(Nc);
		return;
	}
	p->m->id = id;
	json_t *R = merge_record(p->m, B, C, Nc);
	json_t *Rc = imp_canonical(R);
	json_decref(R);
	if (C && imp_json_equal(Rc, C)) {
		p->t->unchanged++;
		json_object_set_new(p->proposed, id, Nc);
	} else {
		write_merged(p, id, Rc, C, B, Nc);
	}
	json_decref(Rc);
}

/* Merge and write, id by id. */
static void merge_all(pass *p, json_t *all)
{
	size_t n_all = json_object_size(all), done = 0;
	const char *id;
	json_t *N;
	json_object_foreach(all, id, N) {
		progress(p->r, "merging", done++, n_all);
		merge_one(p, id, N);
	}
	progress(p->r, "merging", n_all, n_all);
}

/* Records renamed (resolve_ids): the new file is written, the old one goes. */
static void remove_renamed(pass *p)
{
	run *r = p->r;
	const char *old_id;
	json_t *to;
	json_object_foreach(r->renamed, old_id, to) {
		char *path = xasprintf("%s/%s.json", r->models_dir, old_id);
		if (!r->o->dry_run && !p->write_failed && unlink(path) != 0 && errno != ENOENT) {
			fprintf(r->o->log, "versus: import: cannot remove %s: %s\n", path, strerror(errno));
			p->status = IMP_CANNOT_WRITE;
		}
		free(path);
	}
}

/* The state: every format's proposals (this run's replace its format's), and what was
** proposed per record.  Written only when it changes, so a second run changes no byte. */
static void write_state(pass *p, json_t *mine)
{
	run *r = p->r;
	json_t *props_all = json_object();
	json_t *stored = json_object_get(r->state, "proposals");
	for (size_t f = 0; f < VS_ARRAY_LEN(imp_datasets); f++) {
		json_t *x = f == (size_t)r->o->format ? mine : json_object_get(stored, imp_datasets[f].name);
		if (x)
			json_object_set_new(props_all, imp_datasets[f].name, sorted_object(x));
	}
	json_t *sp = sorted_object(p->proposed);
	char *text = state_text(props_all, sp);
	json_decref(sp);
	json_decref(props_all);
	size_t old_len = 0;
	char *old = read_file_in_tree(r->state_path, 1u << 30, &old_len);
	char werr[1024];
	if (!old || old_len != strlen(text) || memcmp(old, text, old_len) != 0) {
		if (write_file_in_tree(r->state_path, text, strlen(text), werr, sizeof werr) != 0) {
			fprintf(r->o->log, "versus: import: %s\n", werr);
			p->status = IMP_CANNOT_WRITE;
		}
	}
	free(old);
	free(text);
}

/* OUT and OUT/models made, and OUT locked (it may not have existed when open_out ran). */
static imp_status make_out(run *r, int *lock)
{
	const imp_options *o = r->o;
	if (make_dir(o->out_dir) != 0 || make_dir(r->models_dir) != 0) {
		fprintf(o->log, "versus: import: cannot create %s: %s\n", r->models_dir, strerror(errno));
		return IMP_CANNOT_WRITE;
	}
	return take_out_dir(r, lock) != 0 ? IMP_CANNOT_WRITE : IMP_DONE;
}

imp_status imp_run(const imp_options *o)
{
	run r = {0};
	r.o = o;
	r.vanished = json_object();
	r.renamed = json_object();
	int lock = -1; /* on OUT, once it exists (take_out_dir) */
	imp_batch b = {0};
	json_t *mine = NULL, *all = NULL;
	merge m = {o->force, NULL, {0}, 0, 0, {0}};
	tally t = {0};
	t.field_counts = json_object();
	pass p = {&r, &m, &t, NULL, NULL, false, IMP_DONE};

	p.status = open_out(&r, &lock);
	if (p.status == IMP_DONE)
		p.status = read_inputs(&r, &b);
	if (p.status != IMP_DONE)
		goto out;
	resolve_ids(&r, &b);
	size_t models, merged;
	mine = fold_batch(&r, &b, &models, &merged);
	all = combine(&r, mine);
	vanished(&r, all);
	unique_names(&r, all);
	if (!o->force && partial(&r, mine)) {
		p.status = IMP_BAD_INPUT;
		goto out;
	}
	if (!o->dry_run && (p.status = make_out(&r, &lock)) != IMP_DONE)
		goto out;

	p.proposed = json_object();
	p.old_proposed = json_object_get(r.state, "proposed");
	merge_all(&p, all);
	remove_renamed(&p);
	if (!o->dry_run)
		write_state(&p, mine);
	print_summary(&r, &b, models, merged, &t, &m);
	if (p.status == IMP_DONE && (t.invalid || t.failed))
		p.status = IMP_SOME_REFUSED;
out:
	json_decref(mine);
	json_decref(all);
	json_decref(p.proposed);
	json_decref(t.field_counts);
	buf_free(&m.kept);
	buf_free(&m.removed);
	imp_batch_free(&b);
	run_free(&r);
	dirlock_release(lock);
	return p.status;
}

/* }====== */
