/*
** plugins_load.c — finding plugin files, the trust checks on them, dlopen, init and
** the plugin set (adding, removing, attaching, freeing).
*/
#include "plugins_private.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* {====== Loading */

/* Load order: directory order (shipped before the user's), then file name; so of two
** plugins that clash (a name, a capability id), the one from the later directory is
** refused, and the order never depends on readdir. */
static int candidate_cmp(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->dir_index != y->dir_index)
		return x->dir_index < y->dir_index ? -1 : 1;
	return strcmp(x->name, y->name);
}

static bool has_so_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && strcmp(name + n - 3, ".so") == 0;
}

void candidates_free(candidate *cands, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(cands[i].name);
		free(cands[i].path);
		free(cands[i].dir);
	}
	free(cands);
}

/* Add dir's *.so files to the candidates; a later directory replaces a file of the same
** name (cli.md: the user's directories come after the shipped one).  A missing directory is
** skipped silently. */
static void scan_dir(const char *dir, size_t dir_index, candidate **cands, size_t *n,
                     size_t *cap, vs_diags *diags)
{
	const char *d = (dir && *dir) ? dir : ".";
	DIR *dp = opendir(d);
	if (!dp) {
		if (errno != ENOENT) {
			int e = errno;
			char *shown = printable(d, 4096);
			diags_add(diags, VS_ERROR, shown, NULL, "cannot read plugin directory: %s",
			          strerror(e));
			free(shown);
		}
		return;
	}
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		const char *name = de->d_name;
		if (name[0] == '.' || !has_so_suffix(name))
			continue;
		size_t dl = strlen(d);
		char *path = xasprintf("%s%s%s", d, d[dl - 1] == '/' ? "" : "/", name);
		size_t i;
		for (i = 0; i < *n; i++)
			if (strcmp((*cands)[i].name, name) == 0)
				break;
		if (i < *n) {
			free((*cands)[i].path);
			free((*cands)[i].dir);
		} else {
			candidate *c = VS_PUSH(*cands, *n, *cap);
			c->name = xstrdup(name);
		}
		(*cands)[i].path = path;
		(*cands)[i].dir = xstrdup(d);
		(*cands)[i].dir_index = dir_index;
	}
	closedir(dp);
}

/* Every candidate file of the directories, in load order. */
size_t collect_candidates(const char *const *dirs, size_t n_dirs, candidate **cands,
                          vs_diags *diags)
{
	size_t n = 0, cap = 0;
	*cands = NULL;
	for (size_t i = 0; i < n_dirs; i++)
		scan_dir(dirs[i], i, cands, &n, &cap, diags);
	if (n)
		qsort(*cands, n, sizeof **cands, candidate_cmp);
	return n;
}

/*
** Who may change the code we are about to run (hardening.md case 106, after sudo's plugin
** loader): anyone who can write the file, or replace it in its directory, could run code as
** the user who runs versus.  Refused: a file writable by others; a file writable by its
** group, unless it is our own file in our own group (umask 002 with a private group per
** user: a warning, and it loads); a file owned by another user than us or root; a directory
** writable by others without the sticky bit, or owned by another user than us or root (the
** directory scanned, and the one a symbolic link leads to).
*/
static char *unsafe_dir(const char *dir, uid_t me)
{
	struct stat ds;
	if (stat(dir, &ds) != 0)
		return NULL; /* the file was found in it, so it exists; the file's checks stand */
	char *shown = printable(dir, 4096), *why = NULL;
	if ((ds.st_mode & S_IWOTH) && !(ds.st_mode & S_ISVTX))
		why = xasprintf("is in a directory that others can write to (%s, mode %04o, no "
		                "sticky bit)", shown, (unsigned)(ds.st_mode & 07777));
	else if (ds.st_uid != me && ds.st_uid != 0)
		why = xasprintf("is in a directory owned by uid %u (%s), neither the user running "
		                "versus (uid %u) nor root", (unsigned)ds.st_uid, shown, (unsigned)me);
	free(shown);
	return why;
}

static char *unsafe_file(const candidate *c, const struct stat *st, bool *group_warning)
{
	uid_t me = geteuid();
	unsigned mode = (unsigned)(st->st_mode & 07777);
	*group_warning = false;
	if (st->st_mode & S_IWOTH)
		return xasprintf("is writable by others (mode %04o)", mode);
	if (st->st_mode & S_IWGRP) {
		if (st->st_uid != me || st->st_gid != getegid())
			return xasprintf("is writable by its group (mode %04o, gid %u)", mode,
			                 (unsigned)st->st_gid);
		*group_warning = true;
	}
	if (st->st_uid != me && st->st_uid != 0)
		return xasprintf("is owned by uid %u, neither the user running versus (uid %u) nor "
		                 "root", (unsigned)st->st_uid, (unsigned)me);
	char *why = unsafe_dir(c->dir, me);
	struct stat ls;
	if (!why && lstat(c->path, &ls) == 0 && S_ISLNK(ls.st_mode)) {
		char *real = realpath(c->path, NULL);
		char *slash = real ? strrchr(real, '/') : NULL;
		if (slash) {
			*slash = '\0';
			why = unsafe_dir(real[0] ? real : "/", me);
		}
		free(real);
	}
	return why;
}

void impl_free(plugin_impl *p)
{
	if (!p)
		return;
	free(p->pub.name);
	free(p->pub.version);
	free(p->pub.path);
	free(p->capdefs);
	free(p->stmtdefs);
	for (size_t i = 0; i < p->n_strings; i++)
		free(p->strings[i]);
	free(p->strings);
	pthread_mutex_destroy(&p->lock);
	free(p);
}

plugin_impl *impl_new(void)
{
	plugin_impl *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	p->pub.desc = &p->desc;
	return p;
}

/* fini, when init ran in this process. */
static void call_fini(plugin_impl *p)
{
	if (p->initialised && p->pub.handle && p->desc.fini) {
		call_ctx ctx = {.who = p->pub.name, .path = p->pub.path, .kind = CALL_FINI}, *saved;
		call_enter(p, &ctx, &saved);
		p->desc.fini(p->pub.data);
		call_leave(p, saved);
	}
}

/* fini, unload, free. */
static void impl_unload(plugin_impl *p)
{
	call_fini(p);
	if (p->pub.handle)
		dlclose(p->pub.handle);
	impl_free(p);
}

static const vs_plugin *find_plugin(const vs_plugins *ps, const char *name)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i]->name, name) == 0)
			return ps->v[i];
	return NULL;
}

/* dlopen the file and call its entry point.  Returns NULL with *handle and *desc set, or
** the reason it failed (allocated; the object is closed again). */
static char *open_object(const char *file, const char *shown, void **handle,
                         const versus_plugin **desc)
{
	/* POSIX lets dlsym's data pointer be used as a function pointer; the union says so. */
	union {
		void *obj;
		versus_plugin_entry_fn fn;
	} entry;
	call_ctx ctx = {.who = shown, .path = file, .kind = CALL_LOAD}, *saved;
	char *why = NULL;

	*desc = NULL;
	call_enter(NULL, &ctx, &saved); /* constructors run inside dlopen */
	dlerror();
	*handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
	if (!*handle) {
		const char *e = dlerror();
		char *msg = printable(e ? e : "unknown error", 1024);
		why = xasprintf("cannot be loaded: %s", msg);
		free(msg);
	} else if ((entry.obj = dlsym(*handle, VERSUS_PLUGIN_ENTRY_SYMBOL)) == NULL) {
		why = xstrdup("has no entry point " VERSUS_PLUGIN_ENTRY_SYMBOL);
	} else if ((*desc = entry.fn()) == NULL) {
		why = xstrdup("entry point " VERSUS_PLUGIN_ENTRY_SYMBOL " returned NULL");
	}
	call_leave(NULL, saved);
	if (why && *handle) {
		dlclose(*handle);
		*handle = NULL;
	}
	return why;
}

/* Call the plugin's init, if any.  Returns NULL or the reason it failed (allocated). */
static char *init_plugin(plugin_impl *p, vs_diags *diags)
{
	char err[ERR_LEN];
	memset(err, 0, sizeof err);
	versus_host host = {.plugin = p->pub.name, .diags = diags};
	call_ctx ctx = {.who = p->pub.name, .path = p->pub.path, .kind = CALL_INIT, .host = &host},
	         *saved;
	call_enter(p, &ctx, &saved);
	int rc = p->desc.init(plugins_api(), &host, &p->pub.data, err, sizeof err);
	call_leave(p, saved);
	if (rc == 0)
		return NULL;
	err[sizeof err - 1] = '\0';
	char *msg = printable(err[0] ? err : "no reason given", ERR_LEN);
	char *why = xasprintf("init failed (%d): %s", rc, msg);
	free(msg);
	return why;
}

/* Whether the file may be loaded: NULL, or why it is refused (allocated).  A file that is
** gone or not a regular file is only warned about: *skipped then.  Symlinks are followed;
** what they lead to must be a regular file (a FIFO would block dlopen, a device would be
** read without end). */
static char *check_file(const candidate *c, const char *label, const char *path,
                        const char *where, bool *skipped, vs_diags *diags)
{
	struct stat st;
	bool group_warning;
	*skipped = true;
	if (stat(c->path, &st) != 0) {
		diags_add(diags, VS_WARNING, where, NULL, "plugin '%s' (%s): cannot read: %s; skipped",
		          label, path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diags_add(diags, VS_WARNING, where, NULL,
		          "plugin '%s' (%s): not a regular file; skipped", label, path);
		return NULL;
	}
	*skipped = false;
	char *why = unsafe_file(c, &st, &group_warning);
	if (!why && group_warning)
		diags_add(diags, VS_WARNING, where, NULL,
		          "plugin '%s' (%s) is writable by its group (mode %04o), your own group: "
		          "anyone in it can change the code versus runs; 'chmod g-w' it", label, path,
		          (unsigned)(st.st_mode & 07777));
	return why;
}

/* The ABI header first, and nothing else until it passes: NULL, or why it does not. */
static char *abi_problem(const versus_plugin *d)
{
	if (d->abi_major != VERSUS_PLUGIN_ABI_MAJOR || d->abi_minor > VERSUS_PLUGIN_ABI_MINOR)
		return xasprintf("was built for ABI %u.%u; this versus provides ABI %u.%u",
		                 (unsigned)d->abi_major, (unsigned)d->abi_minor,
		                 (unsigned)VERSUS_PLUGIN_ABI_MAJOR, (unsigned)VERSUS_PLUGIN_ABI_MINOR);
	if (d->size < DESC_SIZE_1_0)
		return xasprintf("has a descriptor of %u bytes; ABI %u.%u needs at least %zu",
		                 (unsigned)d->size, (unsigned)d->abi_major, (unsigned)d->abi_minor,
		                 (size_t)DESC_SIZE_1_0);
	return NULL;
}

/* A plugin of the object: a newer minor of the same major may only have grown the
** descriptor at its end, so what both know is copied and the rest left zero. */
static plugin_impl *impl_from(const versus_plugin *d, const candidate *c, void *handle)
{
	plugin_impl *p = impl_new();
	memcpy(&p->desc, d, d->size < sizeof p->desc ? d->size : sizeof p->desc);
	p->pub.path = xstrdup(c->path);
	p->pub.handle = handle;
	p->pub.abi_major = d->abi_major;
	p->pub.abi_minor = d->abi_minor;
	p->pub.reentrant = (d->flags & VERSUS_PLUGIN_REENTRANT) != 0;
	return p;
}

/* The name the descriptor gives: NULL, or why it is refused. */
static char *take_name(plugin_impl *p)
{
	if (!is_ident(p->desc.name, MAX_NAME, "_-")) {
		char *shown = printable(p->desc.name, MAX_NAME);
		char *why = xasprintf("has a bad name '%s' (expected [a-z0-9_-]+)", shown);
		free(shown);
		return why;
	}
	p->pub.name = xstrdup(p->desc.name);
	return NULL;
}

/* A name no plugin of the set has, a descriptor that passes, an init that succeeds: NULL
** (the plugin is initialised), or why not. */
static char *join_set(plugin_impl *p, const vs_plugins *ps, vs_diags *diags)
{
	const vs_plugin *same = find_plugin(ps, p->pub.name);
	char *why;
	if (same)
		return xasprintf("has the same name as the plugin loaded from %s", same->path);
	if ((why = take_descriptor(p, ps, &p->desc)) != NULL)
		return why;
	if (p->desc.init && (why = init_plugin(p, diags)) != NULL)
		return why;
	p->initialised = true;
	return NULL;
}

/* Load one file.  Returns the plugin, or NULL after adding a diagnostic. */
static plugin_impl *load_one(const vs_plugins *ps, const candidate *c, vs_diags *diags)
{
	/* Until its descriptor gives a valid name the plugin is called by its file name
	** without ".so", and diagnostics point at the file. */
	char *label = file_label(c->path);
	char *path = printable(c->path, 4096);
	char *where = xstrdup(path);
	void *handle = NULL;
	const versus_plugin *d = NULL;
	plugin_impl *p = NULL;
	bool skipped;
	exit_guard_arm(); /* before any plugin code runs */

	char *why = check_file(c, label, path, where, &skipped, diags);
	if (!why && !skipped && !(why = open_object(c->path, path, &handle, &d)) &&
	    !(why = abi_problem(d))) {
		p = impl_from(d, c, handle);
		if (!(why = take_name(p))) {
			free(label);
			label = xstrdup(p->pub.name);
			free(where);
			where = xasprintf("plugin:%s", p->pub.name);
			why = join_set(p, ps, diags);
		}
	}
	if (why) {
		diags_add(diags, VS_ERROR, where, NULL, "plugin '%s' (%s) %s; " NOT_LOADED, label,
		          path, why);
		free(why);
	}
	if (p && !p->initialised) {
		impl_free(p);
		p = NULL;
	}
	if (!p && handle)
		dlclose(handle);
	free(label);
	free(path);
	free(where);
	return p;
}

static int capcheck_cmp(const void *a, const void *b)
{
	const vs_capcheck *x = a, *y = b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return strcmp(x->id, y->id);
}

void add_plugin(vs_plugins *ps, plugin_impl *p)
{
	vs_plugin **slot = VS_PUSH(ps->v, ps->n, ps->cap);
	*slot = &p->pub;
	size_t n_caps = p->desc.n_capabilities, n_stmts = p->desc.n_statements;
	if (n_caps) {
		ps->caps = xrealloc(ps->caps, (ps->n_caps + n_caps) * sizeof *ps->caps);
		for (size_t i = 0; i < n_caps; i++) {
			const versus_capability *c = &p->capdefs[i];
			vs_capcheck *cc = &ps->caps[ps->n_caps++];
			cc->id = xstrdup(c->id);
			cc->label = xstrdup(c->label);
			cc->group = xstrdup(c->group);
			cc->order = c->order;
			cc->plugin = &p->pub;
			cc->def = c;
		}
	}
	if (n_stmts) {
		ps->stmts = xrealloc(ps->stmts, (ps->n_stmts + n_stmts) * sizeof *ps->stmts);
		for (size_t i = 0; i < n_stmts; i++) {
			const versus_statement *s = &p->stmtdefs[i];
			vs_plugin_statement *ps_s = &ps->stmts[ps->n_stmts++];
			ps_s->key = xstrdup(s->key);
			ps_s->section = section_from_name(s->section);
			ps_s->plugin = &p->pub;
			ps_s->def = s;
		}
	}
}

/* Table order for the checks, and the id list record validation reads. */
void finish_set(vs_plugins *ps)
{
	if (ps->n_caps)
		qsort(ps->caps, ps->n_caps, sizeof *ps->caps, capcheck_cmp);
	free(ps->cap_ids);
	ps->cap_ids = xcalloc(ps->n_caps, sizeof *ps->cap_ids);
	for (size_t i = 0; i < ps->n_caps; i++)
		ps->cap_ids[i] = ps->caps[i].id;
}

/* Take a plugin out of the set (with its checks and statements) and unload it. */
void remove_plugin(vs_plugins *ps, plugin_impl *p)
{
	bool *keep = xcalloc(ps->n_caps ? ps->n_caps : 1, sizeof *keep);
	for (size_t i = 0; i < ps->n_caps; i++)
		keep[i] = ps->caps[i].plugin != &p->pub;
	answers_keep(ps, keep);
	free(keep);
	size_t k = 0;
	for (size_t i = 0; i < ps->n_caps; i++) {
		if (ps->caps[i].plugin == &p->pub) {
			free(ps->caps[i].id);
			free(ps->caps[i].label);
			free(ps->caps[i].group);
		} else {
			ps->caps[k++] = ps->caps[i];
		}
	}
	ps->n_caps = k;
	k = 0;
	for (size_t i = 0; i < ps->n_stmts; i++) {
		if (ps->stmts[i].plugin == &p->pub)
			free(ps->stmts[i].key);
		else
			ps->stmts[k++] = ps->stmts[i];
	}
	ps->n_stmts = k;
	k = 0;
	for (size_t i = 0; i < ps->n; i++)
		if (ps->v[i] != &p->pub)
			ps->v[k++] = ps->v[i];
	ps->n = k;
	finish_set(ps);
	impl_unload(p);
}

plugin_impl *find_by_path(const vs_plugins *ps, const char *path)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i]->path, path) == 0)
			return (plugin_impl *)ps->v[i];
	return NULL;
}

bool strv_has(const vs_strv *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return true;
	return false;
}

/* Load the candidates in order, but those whose path is in skip.  Returns the number
** refused.  on_skip, when given, is told where each skipped one stood. */
size_t load_candidates(vs_plugins *ps, const candidate *cands, size_t n,
                       const vs_strv *skip, void (*on_skip)(void *, const char *),
                       void *arg, vs_diags *diags)
{
	size_t refused = 0;
	for (size_t i = 0; i < n; i++) {
		if (skip && strv_has(skip, cands[i].path)) {
			if (on_skip)
				on_skip(arg, cands[i].path);
			continue;
		}
		size_t errors = diags_count(diags, VS_ERROR);
		plugin_impl *p = load_one(ps, &cands[i], diags);
		if (p)
			add_plugin(ps, p);
		else if (diags_count(diags, VS_ERROR) > errors)
			refused++;
	}
	finish_set(ps);
	return refused;
}

size_t plugins_load(vs_plugins *ps, const char *const *dirs, size_t n_dirs, vs_diags *diags)
{
	candidate *cands;
	timeout_warning(diags);
	size_t n = collect_candidates(dirs, n_dirs, &cands, diags);
	size_t refused = load_candidates(ps, cands, n, NULL, NULL, NULL, diags);
	candidates_free(cands, n);
	return refused;
}

/* Whether the plugin loaded here describes itself as the probe child saw it. */
static bool same_description(const plugin_impl *live, const plugin_impl *p)
{
	bool same = strcmp(live->pub.name, p->pub.name) == 0 &&
	            live->desc.n_capabilities == p->desc.n_capabilities &&
	            live->desc.n_statements == p->desc.n_statements;
	for (size_t i = 0; same && i < p->desc.n_capabilities; i++)
		same = strcmp(live->capdefs[i].id, p->capdefs[i].id) == 0;
	for (size_t i = 0; same && i < p->desc.n_statements; i++)
		same = strcmp(live->stmtdefs[i].key, p->stmtdefs[i].key) == 0;
	return same;
}

/* p takes the code of live (its function pointers, handle and data); live is freed. */
static void take_code(plugin_impl *p, plugin_impl *live)
{
	for (size_t i = 0; i < p->desc.n_capabilities; i++)
		p->capdefs[i].check = live->capdefs[i].check;
	for (size_t i = 0; i < p->desc.n_statements; i++)
		p->stmtdefs[i].run = live->stmtdefs[i].run;
	p->desc.init = live->desc.init;
	p->desc.fini = live->desc.fini;
	p->pub.handle = live->pub.handle;
	p->pub.data = live->pub.data;
	p->pub.reentrant = live->pub.reentrant;
	p->initialised = live->initialised;
	live->pub.handle = NULL; /* now p's */
	live->initialised = false;
	impl_free(live);
}

/* Attach a plugin of an isolated set: load its file here for real (every check again:
** permissions, ABI, descriptor, init) and take its function pointers, provided the
** descriptor still says what the probe child saw.  Returns false after a diagnostic. */
bool plugin_attach(plugin_impl *p, vs_diags *diags)
{
	if (p->pub.handle)
		return true;
	const char *slash = strrchr(p->pub.path, '/');
	candidate c = {
		.name = (char *)(slash ? slash + 1 : p->pub.path),
		.path = p->pub.path,
		.dir = slash ? xstrndup(p->pub.path, (size_t)(slash - p->pub.path)) : xstrdup("."),
	};
	if (!c.dir[0]) {
		free(c.dir);
		c.dir = xstrdup("/");
	}
	vs_plugins alone = {0}; /* nothing to clash with: the probe saw to that */
	vs_diags said = {0};
	plugin_impl *live = load_one(&alone, &c, &said);
	free(c.dir);
	/* Its warnings (and what its init reported) were said when the probe loaded it. */
	for (size_t i = 0; i < said.n; i++)
		if (said.v[i].severity == VS_ERROR)
			diags_add(diags, VS_ERROR, said.v[i].where, said.v[i].rule, "%s",
			          said.v[i].message);
	diags_free(&said);
	if (!live)
		return false;
	if (!same_description(live, p)) {
		char *path = printable(p->pub.path, 4096);
		char *where = xasprintf("plugin:%s", p->pub.name);
		diags_add(diags, VS_ERROR, where, NULL, "plugin '%s' (%s) describes itself "
		          "differently from one load to the next; " NOT_LOADED, p->pub.name, path);
		free(where);
		free(path);
		impl_unload(live);
		return false;
	}
	take_code(p, live);
	return true;
}

void plugins_free(vs_plugins *ps)
{
	drop_started(ps); /* started and never asked for: reap the child */
	for (size_t i = ps->n; i-- > 0;)
		call_fini((plugin_impl *)ps->v[i]);
	/* Unload only after every fini ran: one plugin's fini may still use another's data. */
	for (size_t i = ps->n; i-- > 0;) {
		plugin_impl *p = (plugin_impl *)ps->v[i];
		if (p->pub.handle)
			dlclose(p->pub.handle);
		impl_free(p);
	}
	for (size_t i = 0; i < ps->n_caps; i++) {
		free(ps->caps[i].id);
		free(ps->caps[i].label);
		free(ps->caps[i].group);
	}
	for (size_t i = 0; i < ps->n_stmts; i++)
		free(ps->stmts[i].key);
	free(ps->v);
	free(ps->caps);
	free(ps->stmts);
	free(ps->cap_ids);
	for (size_t i = 0; i < ps->n_answers; i++)
		free(ps->answers[i].v);
	free(ps->answers);
	memset(ps, 0, sizeof *ps);
}

/* }====== */
