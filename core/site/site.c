/*
** site.c — see site.h.  The world (facts, hashes, the list of pages) is made on the main
** thread before any worker starts; workers only read it, except for their own counters.
*/
#define _GNU_SOURCE /* syncfs */
#include "site.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "dirlock.h"
#include "facts.h"
#include "order.h"
#include "outfile.h"
#include "render.h"
#include "util.h"

/* {====== Hashes */

static uint64_t fnv_u64(uint64_t h, uint64_t v)
{
	return vs_fnv(h, &v, sizeof v);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names and bytes of the files in dir ending in suffix, in name order. */
static uint64_t hash_files(uint64_t h, const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	if (!d)
		return vs_fnv_str(h, "(none)");
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	size_t sl = strlen(suffix);
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (l > sl && strcmp(e->d_name + l - sl, suffix) == 0)
			*VS_PUSH(names, n, cap) = xstrdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		size_t len = 0;
		char *data = read_file(path, (size_t)1 << 30, &len);
		h = vs_fnv_str(h, names[i]);
		h = data ? vs_fnv(h, data, len) : vs_fnv_str(h, "(unreadable)");
		free(data);
		free(path);
		free(names[i]);
	}
	free(names);
	return h;
}

/* }====== */

/* {====== The world: pages to make and what each depends on */

/* Also the order pages reach the disk in: a model page is written only once every pair page
** is, and the index only once every model page is, so a run killed midway never leaves the
** index or a model page linking to a page that is not there (hardening case 142). */
typedef enum page_kind { PAGE_PAIR, PAGE_MODEL, PAGE_INDEX, PAGE_KINDS } page_kind;

typedef struct job {
	page_kind kind;
	const vs_model *a, *b;  /* pair: a < b by id; model page: a */
	uint64_t hash;
	char *path;             /* relative to DIR */
	bool todo;              /* false: the manifest says it is up to date */
	bool failed;
	vs_diags diags;         /* rule diagnostics of this page, printed in page order */
} job;

typedef struct world {
	const vs_catalog *cat;
	vs_plugins *plugins;
	const vs_rule_dir *dirs;
	size_t n_dirs;
	const vs_site_opts *o;
	vs_facts facts;
	job *jobs;
	size_t n_jobs;
	atomic_size_t next;     /* the next job a worker takes */
	atomic_size_t done;     /* jobs finished, for the progress bar */
	size_t n_todo;
	size_t kind_todo[PAGE_KINDS];  /* pages to make of each kind */
	size_t kind_done[PAGE_KINDS];  /* ... and made: under gate */
	pthread_mutex_t gate;
	pthread_cond_t kind_finished;  /* every page of a kind is made */
	bool lines;             /* a progress line at each tenth of the pages (under gate) */
	size_t next_tenth;
	double t0;
	char *back;             /* the model pages' link back, the pair pages' link to the index:
	                           the same words on every page, so asked of the rules once */
} world;

static char *page_path(const job *j)
{
	switch (j->kind) {
	case PAGE_PAIR: return xasprintf("compare/%s-vs-%s.html", j->a->id, j->b->id);
	case PAGE_MODEL: return xasprintf("models/%s.html", j->a->id);
	case PAGE_INDEX:
	case PAGE_KINDS: break;
	}
	return xstrdup("index.html");
}

/* What every page depends on: the tool, its options, the rules and the plugins. */
static uint64_t global_hash(const world *w)
{
	const vs_site_opts *o = w->o;
	const vs_traffic *t = &o->traffic;
	uint64_t h = vs_fnv_str(VS_FNV_START, "versus " VERSUS_VERSION " site/1");
	h = fnv_u64(h, t->requests);
	h = fnv_u64(h, t->input_tokens);
	h = fnv_u64(h, t->output_tokens);
	h = vs_fnv(h, &t->cached_share, sizeof t->cached_share);
	h = fnv_u64(h, t->batch);
	h = fnv_u64(h, t->cheapest);
	for (size_t i = 0; i < t->n_providers; i++)
		h = vs_fnv_str(h, t->providers[i]);
	h = fnv_u64(h, o->json);
	for (size_t i = 0; i < w->n_dirs; i++) {
		char *lib = xasprintf("%s/lib", w->dirs[i].path);
		h = vs_fnv_str(h, w->dirs[i].label);
		h = hash_files(h, w->dirs[i].path, ".lua");
		h = hash_files(h, lib, ".lua");
		free(lib);
	}
	for (size_t i = 0; i < o->n_plugin_dirs; i++)
		h = hash_files(h, o->plugin_dirs[i], ".so");
	return h;
}

static uint64_t record_hash(const vs_model *m)
{
	size_t len = 0;
	char *data = read_file(m->path, (size_t)1 << 26, &len);
	uint64_t h = data ? vs_fnv(VS_FNV_START, data, len) : vs_fnv_str(VS_FNV_START, m->path);
	free(data);
	return h;
}

/* The pages of this run (the shard's, or all), each with its input hash. */
static void plan(world *w, uint64_t global)
{
	const vs_catalog *cat = w->cat;
	const vs_site_opts *o = w->o;
	size_t n;
	const vs_model **vm = vs_models_by_id(cat, &n);
	uint64_t *rec = xcalloc(cat->n ? cat->n : 1, sizeof *rec);
	for (size_t i = 0; i < n; i++)
		rec[vm[i]->index] = record_hash(vm[i]);
	size_t cap = 0;
	bool sharded = o->shard_n > 0;
	bool meta = !sharded || o->shard_k == 1;

	/* Pair pages: a pair depends on its two records and on each one's facts (the related
	** links come from them, with the names of the models they link to). */
	size_t p = 0;
	for (vs_pairs pr = vs_pairs_of(n); vs_pairs_next(&pr); p++) {
		size_t i = pr.i, k = pr.k;
		if (sharded && p % o->shard_n != o->shard_k - 1)
			continue;
		job *j = VS_PUSH(w->jobs, w->n_jobs, cap);
		memset(j, 0, sizeof *j);
		j->kind = PAGE_PAIR;
		j->a = vm[i];
		j->b = vm[k];
		uint64_t h = vs_fnv_str(global, "pair");
		h = fnv_u64(h, rec[vm[i]->index]);
		h = fnv_u64(h, rec[vm[k]->index]);
		h = fnv_u64(h, w->facts.model_hash[vm[i]->index]);
		h = fnv_u64(h, w->facts.model_hash[vm[k]->index]);
		j->hash = h;
	}
	if (meta) {
		/* A model page shows its record and links to every pair, titled by the names. */
		uint64_t names = vs_fnv_str(global, "names");
		uint64_t all = vs_fnv_str(global, "index");
		for (size_t i = 0; i < n; i++) {
			names = vs_fnv_str(vs_fnv_str(names, vm[i]->id), vm[i]->name);
			all = fnv_u64(all, rec[vm[i]->index]);
		}
		for (size_t i = 0; i < n; i++) {
			job *j = VS_PUSH(w->jobs, w->n_jobs, cap);
			memset(j, 0, sizeof *j);
			j->kind = PAGE_MODEL;
			j->a = vm[i];
			j->hash = fnv_u64(fnv_u64(names, rec[vm[i]->index]), w->facts.model_hash[vm[i]->index]);
		}
		job *j = VS_PUSH(w->jobs, w->n_jobs, cap);
		memset(j, 0, sizeof *j);
		j->kind = PAGE_INDEX;
		j->hash = all;
	}
	for (size_t i = 0; i < w->n_jobs; i++)
		w->jobs[i].path = page_path(&w->jobs[i]);
	free(vm);
	free(rec);
}

/* }====== */

/* {====== The manifest: "path hash" per line, sorted */

typedef struct entry {
	char *path;
	uint64_t hash;
} entry;

static int cmp_entry(const void *x, const void *y)
{
	return strcmp(((const entry *)x)->path, ((const entry *)y)->path);
}

static char *manifest_name(const vs_site_opts *o)
{
	if (o->shard_n)
		return xasprintf("%s/.versus-manifest.%u-of-%u", o->dir, o->shard_k, o->shard_n);
	return xasprintf("%s/.versus-manifest", o->dir);
}

static entry *manifest_read(const char *path, size_t *n)
{
	*n = 0;
	size_t len = 0;
	/* Not through a symbolic link (it names nothing of ours), not from a FIFO. */
	char *data = read_file_in_tree(path, (size_t)1 << 30, &len);
	if (!data)
		return NULL;
	entry *v = NULL;
	size_t cap = 0;
	for (char *line = data, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		char *sp = strrchr(line, ' ');
		if (!sp || strlen(sp + 1) != 16)
			continue;
		*sp = '\0';
		entry *e = VS_PUSH(v, *n, cap);
		e->path = xstrdup(line);
		e->hash = strtoull(sp + 1, NULL, 16);
	}
	free(data);
	if (*n)
		qsort(v, *n, sizeof *v, cmp_entry);
	return v;
}

static const entry *manifest_find(const entry *v, size_t n, const char *path)
{
	entry key = {(char *)path, 0};
	return n ? bsearch(&key, v, n, sizeof *v, cmp_entry) : NULL;
}

/* A manifest path this build could have written: "index.html", "models/ID.html",
** "compare/A-vs-B.html" or ".json", ids of [a-z0-9._-] not starting with a dot.  Anything
** else in a manifest (edited by hand, or hostile) is never removed. */
static bool page_path_is_ours(const char *p)
{
	if (strcmp(p, "index.html") == 0)
		return true;
	const char *name = strncmp(p, "models/", 7) == 0    ? p + 7
	                   : strncmp(p, "compare/", 8) == 0 ? p + 8
	                                                    : NULL;
	if (!name || !*name || *name == '.' || strstr(name, ".."))
		return false;
	size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-");
	/* The longest name a build writes: two ids of 64 characters, "-vs-" and ".html". */
	return name[n] == '\0' && n > 5 && n <= 64 + 4 + 64 + 5 &&
	       (strcmp(name + n - 5, ".html") == 0 || strcmp(name + n - 5, ".json") == 0);
}

/*
** Pages of the last build that this one no longer makes (a model left the catalog, or --json
** was dropped): removed once the new manifest is on disk, so the index that linked to them
** is already rewritten.  Only files the old manifest lists are touched, never a file of the
** user's.  Returns how many were removed.
*/
static size_t remove_stale(const char *dir, const entry *old, size_t n_old, const entry *now,
                           size_t n_now, vs_diags *diags)
{
	size_t removed = 0;
	for (size_t i = 0; i < n_old; i++) {
		if (manifest_find(now, n_now, old[i].path) || !page_path_is_ours(old[i].path))
			continue;
		char *path = xasprintf("%s/%s", dir, old[i].path);
		if (outfile_remove_in_tree(path) == 0)
			removed++;
		else if (errno != ENOENT)
			diags_add(diags, VS_WARNING, path, NULL, "cannot remove a page of a model no "
			          "longer in the catalog: %s", strerror(errno));
		free(path);
	}
	return removed;
}

/* }====== */

/* {====== Workers */

static bool write_page(const world *w, const char *rel, const vs_buf *b, vs_diags *d)
{
	char *path = xasprintf("%s/%s", w->o->dir, rel);
	char err[1024];
	/* No sync per page: the file system is synced once, at the end, before the manifest. */
	int rc = outfile_write(path, b->s ? b->s : "", b->len, VS_OUT_IN_TREE, err, sizeof err);
	if (rc != 0)
		diags_add(d, VS_ERROR, path, NULL, "%s", err);
	free(path);
	return rc == 0;
}

/*
** Make job j's page in b and, when write, write it (and the JSON report beside a pair page)
** with its diagnostics kept in j; without write (the plan line's estimate) nothing is written
** or kept.  Returns the bytes made.  A pair page links under its title to the index and to
** its two model pages, with the words of the model pages' link back.
*/
static size_t make_page(world *w, vs_engine *e, job *j, vs_buf *b, bool write)
{
	size_t made = 0;
	bool ok = true;
	b->len = 0;
	if (j->kind == PAGE_PAIR) {
		vs_report r;
		report_init(&r);
		engine_report(e, j->a, j->b, &w->o->traffic, &r);
		/* A pair page is the registry's HTML row, the report beside it (--json) its JSON. */
		const vs_format *page = render_format("html"), *data = render_format("json");
		if (page->needs_curves)
			report_cost_curves(&r, j->a->root, j->b->root);
		vs_link nav[3] = {
			{w->back ? xstrdup(w->back) : NULL, xstrdup("../index.html")},
			{xstrdup(j->a->name), xasprintf("../models/%s.html", j->a->id)},
			{xstrdup(j->b->name), xasprintf("../models/%s.html", j->b->id)},
		};
		vs_render_opts ro = {.width = 80, .link_suffix = ".html", .nav = nav, .n_nav = 3};
		page->render(&r, &ro, b);
		made = b->len;
		ok = !write || write_page(w, j->path, b, &j->diags);
		if (ok && w->o->json) {
			b->len = 0;
			data->render(&r, &ro, b);
			made += b->len;
			char *jp = xstrdup(j->path);
			strcpy(jp + strlen(jp) - 4, "json");
			ok = !write || write_page(w, jp, b, &j->diags);
			free(jp);
		}
		if (write)
			diags_append(&j->diags, &r.diags);
		for (int i = 0; i < 3; i++) {
			free(nav[i].text);
			free(nav[i].href);
		}
		report_free(&r);
	} else {
		vs_page pg;
		if (j->kind == PAGE_MODEL)
			engine_model_page(e, j->a, &w->o->traffic, &pg);
		else
			engine_index_page(e, &w->o->traffic, &pg);
		render_page_html(&pg, b);
		made = b->len;
		if (write) {
			diags_append(&j->diags, &pg.diags);
			ok = write_page(w, j->path, b, &j->diags);
		}
		page_free(&pg);
	}
	if (write)
		j->failed = !ok;
	return made;
}

typedef struct worker {
	world *w;
	vs_engine *e;
	pthread_t thread;
	bool started;
} worker;

/* Wait until every page of the kinds before kind is made (jobs are taken in kind order, so
** a worker waits here only for pages other workers are still making). */
static void wait_for_earlier_kinds(world *w, page_kind kind)
{
	pthread_mutex_lock(&w->gate);
	for (int k = 0; k < (int)kind; k++)
		while (w->kind_done[k] < w->kind_todo[k])
			pthread_cond_wait(&w->kind_finished, &w->gate);
	pthread_mutex_unlock(&w->gate);
}

static double now_seconds(void);
static void progress_line(size_t done, size_t total, double secs);

static void page_made(world *w, page_kind kind)
{
	pthread_mutex_lock(&w->gate);
	if (++w->kind_done[kind] == w->kind_todo[kind])
		pthread_cond_broadcast(&w->kind_finished);
	size_t done = atomic_fetch_add(&w->done, 1) + 1;
	/* Said by the worker that crosses each tenth: ten lines in order, however fast. */
	if (w->lines && done * 10 >= w->next_tenth * w->n_todo) {
		progress_line(done, w->n_todo, now_seconds() - w->t0);
		while (done * 10 >= w->next_tenth * w->n_todo && w->next_tenth <= 10)
			w->next_tenth++;
	}
	pthread_mutex_unlock(&w->gate);
}

static void *work(void *arg)
{
	worker *k = arg;
	world *w = k->w;
	vs_use_c_locale(); /* a plugin's setlocale() cannot reach this thread's numbers */
	vs_buf b = {0};
	for (;;) {
		size_t i = atomic_fetch_add(&w->next, 1);
		if (i >= w->n_jobs)
			break;
		job *j = &w->jobs[i];
		if (!j->todo)
			continue;
		if (j->kind != PAGE_PAIR)
			wait_for_earlier_kinds(w, j->kind);
		make_page(w, k->e, j, &b, true);
		page_made(w, j->kind);
	}
	buf_free(&b);
	return NULL;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "[#####-----] 1,234/26,565 pages  3,456/s  ETA 7s", redrawn in place on stderr. */
static void progress(size_t done, size_t total, double secs)
{
	int width = 30, fill = total ? (int)((double)done / (double)total * width) : width;
	char bar[64];
	for (int i = 0; i < width; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[width] = '\0';
	double rate = secs > 0 ? (double)done / secs : 0;
	double eta = rate > 0 ? (double)(total - done) / rate : 0;
	fprintf(stderr, "\r[%s] %zu/%zu pages  %.0f/s  ETA %.0fs ", bar, done, total, rate, eta);
	fflush(stderr);
}

/* A run of this many pages or more prints progress lines when stderr is not a terminal. */
#define PROGRESS_LINES_FROM 1000

/* "site: 1,234 of 26,565 pages, 3,456/s, ETA 7s": a line a log keeps (no \r). */
static void progress_line(size_t done, size_t total, double secs)
{
	double rate = secs > 0 ? (double)done / secs : 0;
	double eta = rate > 0 ? (double)(total - done) / rate : 0;
	fprintf(stderr, "site: %zu of %zu pages, %.0f/s, ETA %.0fs\n", done, total, rate, eta);
	fflush(stderr);
}

/* "1.2 MB": bytes in decimal units, for the plan line. */
static void put_bytes(char *out, size_t n, double bytes)
{
	static const char *const units[] = {"kB", "MB", "GB", "TB"};
	double v = bytes / 1000;
	size_t u = 0;
	while (v >= 1000 && u + 1 < VS_ARRAY_LEN(units)) {
		v /= 1000;
		u++;
	}
	snprintf(out, n, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
}

/* The size of the first page of each kind to make, rendered here and not kept, times the
** pages of that kind: what a big site will take, said before it starts (issue 18). */
static double estimate_bytes(world *w, vs_engine *e)
{
	double total = 0;
	vs_buf b = {0};
	for (int k = 0; k < PAGE_KINDS; k++) {
		for (size_t i = 0; i < w->n_jobs; i++) {
			job *j = &w->jobs[i];
			if (!j->todo || (int)j->kind != k)
				continue;
			size_t bytes = make_page(w, e, j, &b, false);
			total += (double)bytes * (double)w->kind_todo[k];
			break;
		}
	}
	buf_free(&b);
	return total;
}

/* }====== */

static bool make_dirs(const char *dir, vs_diags *d)
{
	const char *subs[] = {"", "/compare", "/models"};
	for (size_t i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", dir, subs[i]);
		struct stat st;
		/* A page directory that is a symbolic link would put pages outside the site. */
		if (i > 0 && lstat(p, &st) == 0 && !S_ISDIR(st.st_mode)) {
			diags_add(d, VS_ERROR, p, NULL, "is not a directory (%s); the site writes no page "
			          "through it: remove it or pass another DIR",
			          S_ISLNK(st.st_mode) ? "a symbolic link" : "a file");
			free(p);
			return false;
		}
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			diags_add(d, VS_ERROR, p, NULL, "cannot create the directory: %s", strerror(errno));
			free(p);
			return false;
		}
		free(p);
	}
	return true;
}

/*
** Temporaries a killed run left: hidden, so no web server lists them, but they would pile
** up.  Only a run that owns the whole site removes them: a shard's could belong to another
** shard writing at this moment.
*/
static void remove_temporaries(const char *dir)
{
	const char *subs[] = {"", "/compare", "/models"};
	for (size_t i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", dir, subs[i]);
		outfile_remove_temporaries(p, ".html");
		outfile_remove_temporaries(p, ".json");
		free(p);
	}
}

/* Which pages are to be made: those whose hash the manifest of the last run does not hold
** for a regular file at their path. */
static void mark_todo(world *w, const entry *old, size_t n_old)
{
	for (size_t i = 0; i < w->n_jobs; i++) {
		job *j = &w->jobs[i];
		const entry *e = manifest_find(old, n_old, j->path);
		char *full = xasprintf("%s/%s", w->o->dir, j->path);
		struct stat sb;
		/* Up to date only as a regular file: a symbolic link put where a page was (to a file
		** outside, say) is replaced, never left standing because the manifest knew the page. */
		j->todo = !(e && e->hash == j->hash && lstat(full, &sb) == 0 && S_ISREG(sb.st_mode));
		free(full);
		w->n_todo += j->todo;
		w->kind_todo[j->kind] += j->todo;
	}
}

/* What the run will write, said first: a big catalog makes hundreds of thousands of pages,
** and nobody should find that out from a full disk. */
static void say_plan(world *w, vs_engine *first)
{
	char bytes[32];
	put_bytes(bytes, sizeof bytes, estimate_bytes(w, first));
	fprintf(stderr, "site: %zu %s to write (about %s)", w->n_todo,
	        w->n_todo == 1 ? "page" : "pages", bytes);
	if (w->n_jobs > w->n_todo)
		fprintf(stderr, ", %zu up to date", w->n_jobs - w->n_todo);
	fputc('\n', stderr);
}

/* The workers, *nw of them (-j, at most one per page to make): the first reuses the world's
** state first; the others load the rules themselves, and each starts with warm caches. */
static worker *make_workers(world *w, vs_engine *first, const vs_engine_limits *lim,
                            unsigned *nw)
{
	const vs_site_opts *o = w->o;
	*nw = o->jobs ? o->jobs : 1;
	if (*nw > w->n_todo)
		*nw = w->n_todo ? (unsigned)w->n_todo : 1;
	worker *ks = xcalloc(*nw, sizeof *ks);
	ks[0].w = w;
	ks[0].e = first;
	if (w->n_todo) /* the helpers' caches start warm (a re-run with nothing to do skips it) */
		engine_warm_up(first, &o->traffic);
	for (unsigned i = 1; i < *nw; i++) {
		vs_diags ignored = {0}; /* the same load problems as the first state's */
		ks[i].w = w;
		ks[i].e = engine_new(w->dirs, w->n_dirs, w->cat, w->plugins, lim, &ignored);
		diags_free(&ignored);
		if (ks[i].e) {
			engine_use_facts(ks[i].e, &w->facts);
			engine_warm_up(ks[i].e, &o->traffic);
		}
	}
	return ks;
}

/* Run the workers until every page is made: the others on threads, the first on this one
** (or, with a progress bar, on one more thread while this one draws the bar). */
static void run_workers(world *w, worker *ks, unsigned nw)
{
	const vs_site_opts *o = w->o;
	for (unsigned i = 1; i < nw; i++)
		if (ks[i].e && pthread_create(&ks[i].thread, NULL, work, &ks[i]) == 0)
			ks[i].started = true;
	if (o->progress && !o->quiet) {
		pthread_t mine;
		bool ok = pthread_create(&mine, NULL, work, &ks[0]) == 0;
		while (ok && atomic_load(&w->done) < w->n_todo) {
			progress(atomic_load(&w->done), w->n_todo, now_seconds() - w->t0);
			struct timespec ts = {0, 100 * 1000 * 1000};
			nanosleep(&ts, NULL);
			if (atomic_load(&w->next) >= w->n_jobs && atomic_load(&w->done) >= w->n_todo)
				break;
		}
		if (ok)
			pthread_join(mine, NULL);
		else
			work(&ks[0]);
		progress(atomic_load(&w->done), w->n_todo, now_seconds() - w->t0);
		fputc('\n', stderr);
	} else {
		work(&ks[0]);
	}
	for (unsigned i = 1; i < nw; i++)
		if (ks[i].started)
			pthread_join(ks[i].thread, NULL);
}

/* Results in page order, whatever thread made each page: counted in st, the pages'
** diagnostics added to diags.  False when a page failed. */
static bool collect_results(world *w, vs_diags *diags, vs_site_stats *st)
{
	bool ok = true;
	for (size_t i = 0; i < w->n_jobs; i++) {
		job *j = &w->jobs[i];
		if (!j->todo) {
			st->unchanged++;
			continue;
		}
		if (j->failed) {
			st->failed++;
			ok = false;
		} else {
			st->written++;
		}
		st->rule_diagnostics += j->diags.n;
		diags_append(diags, &j->diags);
	}
	return ok;
}

/* The pages synced once, then the manifest written (only when it changed): it never
** claims a page the disk may not hold.  A whole-site run then removes the pages the last
** manifest had and this one has not.  False when the manifest cannot be written. */
static bool sync_and_write_manifest(world *w, const char *mpath, const entry *old,
                                    size_t n_old, vs_diags *diags, vs_site_stats *st)
{
	const vs_site_opts *o = w->o;
	int fd = st->written ? open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
	if (fd >= 0) {
		if (syncfs(fd) != 0)
			sync();
		close(fd);
	}
	/* The JSON beside a pair page has the page's hash; its path is made here. */
	entry *ents = xcalloc(w->n_jobs * 2 + 1, sizeof *ents);
	char **made = xcalloc(w->n_jobs + 1, sizeof *made);
	size_t ne = 0, nm = 0;
	for (size_t i = 0; i < w->n_jobs; i++) {
		ents[ne].path = w->jobs[i].path;
		ents[ne++].hash = w->jobs[i].hash;
		if (o->json && w->jobs[i].kind == PAGE_PAIR) {
			char *jp = xstrdup(w->jobs[i].path);
			strcpy(jp + strlen(jp) - 4, "json");
			made[nm++] = jp;
			ents[ne].path = jp;
			ents[ne++].hash = w->jobs[i].hash;
		}
	}
	qsort(ents, ne, sizeof *ents, cmp_entry);
	vs_buf m = {0};
	for (size_t i = 0; i < ne; i++)
		buf_printf(&m, "%s %016llx\n", ents[i].path, (unsigned long long)ents[i].hash);
	char err[1024];
	size_t olen = 0;
	bool ok = true;
	char *before = read_file_in_tree(mpath, (size_t)1 << 30, &olen);
	bool same = before && olen == m.len && memcmp(before, m.s ? m.s : "", m.len) == 0;
	free(before);
	if (!same && write_file_in_tree(mpath, m.s ? m.s : "", m.len, err, sizeof err) != 0) {
		diags_add(diags, VS_ERROR, mpath, NULL, "%s", err);
		ok = false;
	}
	if (ok && !o->shard_n)
		st->removed = remove_stale(o->dir, old, n_old, ents, ne, diags);
	buf_free(&m);
	for (size_t i = 0; i < nm; i++)
		free(made[i]);
	free(made);
	free(ents);
	return ok;
}

static void world_free(world *w)
{
	for (size_t i = 0; i < w->n_jobs; i++) {
		free(w->jobs[i].path);
		diags_free(&w->jobs[i].diags);
	}
	free(w->jobs);
	facts_free(&w->facts);
	free(w->back);
	pthread_cond_destroy(&w->kind_finished);
	pthread_mutex_destroy(&w->gate);
}

/* Take the directory: made, locked (one run at a time: a second would remove this one's
** temporaries in flight; shards share it with each other, never with a whole-site run) and,
** for a whole-site run, rid of what a killed run left.  The lock, or -1. */
static int take_dir(const vs_site_opts *o, vs_diags *diags)
{
	if (!make_dirs(o->dir, diags))
		return -1;
	char lock_err[256];
	int lock = dirlock_take(o->dir, o->shard_n > 0, lock_err, sizeof lock_err);
	if (lock < 0) {
		diags_add(diags, VS_ERROR, o->dir, NULL, "%s", lock_err);
		return -1;
	}
	if (!o->shard_n)
		remove_temporaries(o->dir);
	return lock;
}

int site_build(const vs_catalog *cat, vs_plugins *plugins, const vs_rule_dir *dirs,
               size_t n_dirs, const vs_site_opts *o, vs_diags *diags, vs_site_stats *st)
{
	double t0 = now_seconds();
	memset(st, 0, sizeof *st);
	int lock = take_dir(o, diags);
	if (lock < 0)
		return -1;
	world w;
	memset(&w, 0, sizeof w);
	w.cat = cat;
	w.plugins = plugins;
	w.dirs = dirs;
	w.n_dirs = n_dirs;
	w.o = o;
	w.t0 = t0;
	pthread_mutex_init(&w.gate, NULL);
	pthread_cond_init(&w.kind_finished, NULL);

	/* The world: facts once, in one state, before any worker exists. */
	vs_engine_limits lim = engine_limits_for(cat->n);
	size_t errors_before = diags_count(diags, VS_ERROR);
	vs_engine *first = engine_new(dirs, n_dirs, cat, plugins, &lim, diags);
	if (!first) {
		pthread_cond_destroy(&w.kind_finished);
		pthread_mutex_destroy(&w.gate);
		dirlock_release(lock);
		return -1;
	}
	st->load_errors = diags_count(diags, VS_ERROR) - errors_before;
	engine_compute_facts(first, &w.facts, diags);
	engine_use_facts(first, &w.facts);
	w.back = engine_back_text(first);
	plan(&w, global_hash(&w));

	char *mpath = manifest_name(o);
	size_t n_old = 0;
	entry *old = manifest_read(mpath, &n_old);
	mark_todo(&w, old, n_old);
	if (!o->quiet)
		say_plan(&w, first);
	w.lines = o->progress_lines && !o->quiet && w.n_todo >= PROGRESS_LINES_FROM;
	w.next_tenth = 1;

	unsigned nw;
	worker *ks = make_workers(&w, first, &lim, &nw);
	run_workers(&w, ks, nw);
	bool ok = collect_results(&w, diags, st);
	if (ok)
		ok = sync_and_write_manifest(&w, mpath, old, n_old, diags, st);

	for (unsigned i = 1; i < nw; i++)
		engine_free(ks[i].e);
	engine_free(first);
	free(ks);
	for (size_t i = 0; i < n_old; i++)
		free(old[i].path);
	free(old);
	free(mpath);
	world_free(&w);
	dirlock_release(lock);
	st->seconds = now_seconds() - t0;
	return ok ? 0 : -1;
}
