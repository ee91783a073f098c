/*
** plugins.c — C plugins: find them, dlopen them, check their ABI, copy and validate their
** descriptors, and call them (capability checks once per model, statements once per pair)
** through the versus_api table.
**
** Loading follows SQLite's loader: every failure names the file and the reason, and every
** failure path dlcloses.  Nothing of a descriptor is read before its ABI major and minor
** pass, and everything the core keeps from it (strings, the capability and statement
** arrays) is copied, so a refused or unloaded plugin leaves no dangling pointer behind.
*/
#include "plugins.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bounds on what a descriptor and an item may hold: a garbage descriptor must not make us
** read or allocate without end (hardening.md case 97, 110). */
#define MAX_NAME 64          /* plugin names, capability ids, groups */
#define MAX_VERSION 64
#define MAX_LABEL 120
#define MAX_KEY 256          /* statement and item keys */
#define MAX_SECTION 32
#define MAX_ENTRIES 1024     /* capabilities or statements in one plugin */
#define MAX_TEXT (64u * 1024u) /* one string of an item */
#define MAX_LIST 256         /* cells, about or values of one item */
#define MAX_PATH_ARG 512     /* model_field paths */
#define ERR_LEN 256          /* init's error buffer */

/* The part of versus_plugin that ABI 1.0 defines: a smaller descriptor is refused. */
#define DESC_SIZE_1_0 (offsetof(versus_plugin, fini) + sizeof(((versus_plugin *)0)->fini))

/* A loaded plugin: the public part (plugins.h) and what only this file needs. */
typedef struct plugin_impl {
	vs_plugin pub;                /* first: a vs_plugin * is a plugin_impl * */
	versus_plugin desc;           /* the descriptor, copied (pub.desc points here) */
	versus_capability *capdefs;   /* copies; their strings are the copies below */
	versus_statement *stmtdefs;
	char **strings;               /* every string copied from the descriptor */
	size_t n_strings, cap_strings;
	pthread_mutex_t lock;         /* held around each call unless the plugin is reentrant */
	bool initialised;             /* init succeeded (or there is none): fini is due */
} plugin_impl;

/* {====== The call context
** What this thread is calling into, so that the api functions can refuse handles used
** outside their call and an exit() handler can name the plugin. */

struct versus_host {
	const char *plugin;      /* name */
	vs_diags *diags;
	const char *rule;        /* statement key, or NULL */
};

struct versus_pair {
	const vs_model *m[2];
	vs_report *r;
	plugin_impl *plugin;
	const char *key;         /* the statement's key */
	versus_host host;
};

typedef struct call_ctx {
	const char *who;         /* plugin name, or its path while loading */
	const char *model;       /* id of the model being checked, or NULL */
	versus_host *host;
	versus_pair *pair;
} call_ctx;

static _Thread_local call_ctx *current;

/* The plugin set whose answers fill vs_model.caps (for model_cap).  Set before any worker
** starts and only read afterwards. */
static const vs_plugins *active_set;

bool plugins_in_call(const char **plugin, const char **model)
{
	const call_ctx *c = current;
	if (plugin)
		*plugin = c ? c->who : NULL;
	if (model)
		*model = c ? c->model : NULL;
	return c != NULL;
}

/*
** A plugin that calls exit() must never leave a run reporting success (hardening.md case
** 100): exit() runs atexit handlers on the calling thread, where the call context says which
** plugin it was.  Status 4 is cli.md's "a plugin could not be loaded" class.  _exit skips
** stdio flushing, so no partial report reaches stdout.  abort() and crashes are not caught
** here: `versus check` runs the checks in a child process for those.
*/
#define EXIT_STATUS_PLUGIN 4

static void exit_guard(void)
{
	const call_ctx *c = current;
	if (!c)
		return;
	if (c->model)
		fprintf(stderr, "versus: plugin '%s' called exit() while checking model '%s'\n",
		        c->who, c->model);
	else if (c->pair)
		fprintf(stderr, "versus: plugin '%s' called exit() in statement '%s'\n", c->who,
		        c->pair->key);
	else
		fprintf(stderr, "versus: plugin '%s' called exit()\n", c->who);
	_exit(EXIT_STATUS_PLUGIN);
}

static pthread_once_t exit_guard_once = PTHREAD_ONCE_INIT;

static void exit_guard_install(void)
{
	atexit(exit_guard);
}

static void call_enter(plugin_impl *p, call_ctx *ctx, call_ctx **saved)
{
	if (p && !p->pub.reentrant)
		pthread_mutex_lock(&p->lock);
	*saved = current;
	current = ctx;
}

static void call_leave(plugin_impl *p, call_ctx *saved)
{
	current = saved;
	if (p && !p->pub.reentrant)
		pthread_mutex_unlock(&p->lock);
}

/* }====== */

/* {====== Strings from plugins
** Plugin strings reach diagnostics, JSON and terminals, so they are bounded, checked as
** UTF-8 and, when shown in a message, stripped of control characters. */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	unsigned cp = c & (0x7fu >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3fu);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

enum { TEXT_NO_NEWLINES = 0, TEXT_NEWLINES = 1 };

/* NULL when s is valid UTF-8 of at most max bytes with no control character (tab and
** newline allowed with TEXT_NEWLINES), else what is wrong. */
static const char *text_problem(const char *s, size_t max, int newlines)
{
	size_t n = strnlen(s, max + 1);
	if (n > max)
		return "too long";
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			if (!(newlines && (c == '\n' || c == '\t')))
				return "contains a control character";
		}
		size_t l = utf8_len((const unsigned char *)s + i, n - i);
		if (!l)
			return "is not valid UTF-8";
		i += l;
	}
	return NULL;
}

/* A copy of s fit for a message: control characters and bad UTF-8 become '?', and it is cut
** at max bytes. */
static char *printable(const char *s, size_t max)
{
	vs_buf b = {0};
	if (!s)
		return xstrdup("(null)");
	size_t n = strnlen(s, max + 1);
	bool cut = n > max;
	if (cut)
		n = max;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t l = utf8_len((const unsigned char *)s + i, n - i);
		if (!l || c < 0x20 || c == 0x7f) {
			buf_addc(&b, '?');
			i++;
		} else {
			buf_addn(&b, s + i, l);
			i += l;
		}
	}
	if (cut)
		buf_add(&b, "...");
	return buf_steal(&b);
}

/* s matches ^[chars]+$ and is at most max bytes; chars are a-z, 0-9 and those in extra. */
static bool is_ident(const char *s, size_t max, const char *extra)
{
	if (!s)
		return false;
	size_t n = strnlen(s, max + 1);
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr(extra, c)))
			return false;
	}
	return true;
}

static const char *keep(plugin_impl *p, const char *s)
{
	char **slot = VS_PUSH(p->strings, p->n_strings, p->cap_strings);
	*slot = xstrdup(s);
	return *slot;
}

/* }====== */

/* {====== Loading */

typedef struct candidate {
	char *name;   /* file name, "x.so" */
	char *path;   /* "dir/x.so": always with a '/', so dlopen never searches */
	size_t dir;   /* index of its directory */
} candidate;

/* Load order: directory order (shipped before the user's), then file name; so of two
** plugins that clash (a name, a capability id), the one from the later directory is
** refused, and the order never depends on readdir. */
static int candidate_cmp(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->dir != y->dir)
		return x->dir < y->dir ? -1 : 1;
	return strcmp(x->name, y->name);
}

static bool has_so_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && strcmp(name + n - 3, ".so") == 0;
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
		} else {
			candidate *c = VS_PUSH(*cands, *n, *cap);
			c->name = xstrdup(name);
		}
		(*cands)[i].path = path;
		(*cands)[i].dir = dir_index;
	}
	closedir(dp);
}

static void impl_free(plugin_impl *p)
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

static const vs_capcheck *find_cap(const vs_plugins *ps, const char *id)
{
	for (size_t i = 0; i < ps->n_caps; i++)
		if (strcmp(ps->caps[i].id, id) == 0)
			return &ps->caps[i];
	return NULL;
}

static const vs_plugin_statement *find_stmt(const vs_plugins *ps, const char *key)
{
	for (size_t i = 0; i < ps->n_stmts; i++)
		if (strcmp(ps->stmts[i].key, key) == 0)
			return &ps->stmts[i];
	return NULL;
}

static const vs_plugin *find_plugin(const vs_plugins *ps, const char *name)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i]->name, name) == 0)
			return ps->v[i];
	return NULL;
}

/* Copy and check the descriptor's contents (past the ABI header).  Returns NULL, or the
** reason the plugin is refused (allocated). */
static char *take_descriptor(plugin_impl *p, const vs_plugins *ps, const versus_plugin *d)
{
	const char *why;
	if (!d->version)
		return xstrdup("has no version");
	if ((why = text_problem(d->version, MAX_VERSION, TEXT_NO_NEWLINES)) || !*d->version)
		return xasprintf("has a bad version string (%s)", why ? why : "empty");
	p->pub.version = xstrdup(d->version);

	if (d->n_capabilities > MAX_ENTRIES || (d->n_capabilities && !d->capabilities))
		return xasprintf("has a bad capability list (%zu entries at %p)",
		                 d->n_capabilities, (const void *)d->capabilities);
	if (d->n_statements > MAX_ENTRIES || (d->n_statements && !d->statements))
		return xasprintf("has a bad statement list (%zu entries at %p)", d->n_statements,
		                 (const void *)d->statements);

	p->capdefs = xcalloc(d->n_capabilities, sizeof *p->capdefs);
	for (size_t i = 0; i < d->n_capabilities; i++) {
		const versus_capability *c = &d->capabilities[i];
		if (!is_ident(c->id, MAX_NAME, "_")) {
			char *shown = printable(c->id, MAX_NAME);
			char *r = xasprintf("capability #%zu has a bad id '%s' (expected [a-z0-9_]+)",
			                    i, shown);
			free(shown);
			return r;
		}
		if (!c->label)
			return xasprintf("capability '%s' has no label", c->id);
		if ((why = text_problem(c->label, MAX_LABEL, TEXT_NO_NEWLINES)) || !*c->label)
			return xasprintf("capability '%s' has a bad label (%s)", c->id,
			                 why ? why : "empty");
		if (c->group && *c->group && !is_ident(c->group, MAX_NAME, "_"))
			return xasprintf("capability '%s' has a bad group (expected [a-z0-9_]+)", c->id);
		if (!c->check)
			return xasprintf("capability '%s' has no check function", c->id);
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->capdefs[j].id, c->id) == 0)
				return xasprintf("declares capability '%s' twice", c->id);
		const vs_capcheck *other = find_cap(ps, c->id);
		if (other)
			return xasprintf("capability '%s' is already provided by plugin '%s' (%s)",
			                 c->id, other->plugin->name, other->plugin->path);
		p->capdefs[i].id = keep(p, c->id);
		p->capdefs[i].label = keep(p, c->label);
		p->capdefs[i].group = keep(p, c->group ? c->group : "");
		p->capdefs[i].order = c->order;
		p->capdefs[i].check = c->check;
	}

	p->stmtdefs = xcalloc(d->n_statements, sizeof *p->stmtdefs);
	for (size_t i = 0; i < d->n_statements; i++) {
		const versus_statement *s = &d->statements[i];
		if (!is_ident(s->key, MAX_KEY, "_.-")) {
			char *shown = printable(s->key, MAX_KEY);
			char *r = xasprintf("statement #%zu has a bad key '%s' (expected [a-z0-9_.-]+)",
			                    i, shown);
			free(shown);
			return r;
		}
		if (!s->section || strnlen(s->section, MAX_SECTION + 1) > MAX_SECTION ||
		    section_from_name(s->section) < 0) {
			char *shown = printable(s->section, MAX_SECTION);
			char *r = xasprintf("statement '%s' names an unknown section '%s'", s->key, shown);
			free(shown);
			return r;
		}
		if (!s->run)
			return xasprintf("statement '%s' has no run function", s->key);
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->stmtdefs[j].key, s->key) == 0)
				return xasprintf("declares statement '%s' twice", s->key);
		const vs_plugin_statement *other = find_stmt(ps, s->key);
		if (other)
			return xasprintf("statement '%s' is already made by plugin '%s' (%s)", s->key,
			                 other->plugin->name, other->plugin->path);
		p->stmtdefs[i].key = keep(p, s->key);
		p->stmtdefs[i].section = keep(p, s->section);
		p->stmtdefs[i].run = s->run;
	}
	p->desc.capabilities = p->capdefs;
	p->desc.statements = p->stmtdefs;
	p->desc.name = p->pub.name;
	p->desc.version = p->pub.version;
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
	call_ctx ctx = {.who = shown}, *saved;
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
	call_ctx ctx = {.who = p->pub.name, .host = &host}, *saved;
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

/* Load one file.  Returns the plugin, or NULL after adding a diagnostic. */
static plugin_impl *load_one(const vs_plugins *ps, const candidate *c, vs_diags *diags)
{
	/* Until its descriptor gives a valid name the plugin is called by its file name
	** without ".so", and diagnostics point at the file. */
	char *base = xstrndup(c->name, strlen(c->name) - 3);
	char *label = printable(base, MAX_NAME);
	char *path = printable(c->path, 4096);
	char *where = xstrdup(path);
	char *why = NULL;
	void *handle = NULL;
	const versus_plugin *d = NULL;
	const vs_plugin *same;
	plugin_impl *p = NULL;
	struct stat st;
	free(base);

	/* Symlinks are followed; what they lead to must be a regular file (a FIFO would block
	** dlopen, a device would be read without end). */
	if (stat(c->path, &st) != 0) {
		diags_add(diags, VS_WARNING, where, NULL, "plugin '%s' (%s): cannot read: %s; skipped",
		          label, path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		diags_add(diags, VS_WARNING, where, NULL,
		          "plugin '%s' (%s): not a regular file; skipped", label, path);
		goto out;
	}
	if (st.st_mode & S_IWOTH) {
		why = xstrdup("is writable by others; refusing to load it");
		goto out;
	}
	if ((why = open_object(c->path, path, &handle, &d)) != NULL)
		goto out;

	/* The ABI header first, and nothing else until it passes. */
	if (d->abi_major != VERSUS_PLUGIN_ABI_MAJOR || d->abi_minor > VERSUS_PLUGIN_ABI_MINOR) {
		diags_add(diags, VS_ERROR, where, NULL,
		          "plugin '%s' (%s) was built for ABI %u.%u; this versus provides ABI %u.%u; "
		          "not loaded", label, path, (unsigned)d->abi_major, (unsigned)d->abi_minor,
		          (unsigned)VERSUS_PLUGIN_ABI_MAJOR, (unsigned)VERSUS_PLUGIN_ABI_MINOR);
		goto out;
	}
	if (d->size < DESC_SIZE_1_0) {
		why = xasprintf("has a descriptor of %u bytes; ABI %u.%u needs at least %zu",
		                (unsigned)d->size, (unsigned)d->abi_major, (unsigned)d->abi_minor,
		                (size_t)DESC_SIZE_1_0);
		goto out;
	}

	p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	/* A newer minor of the same major may only have grown the descriptor at its end; copy
	** what both know, and leave the rest zero. */
	memcpy(&p->desc, d, d->size < sizeof p->desc ? d->size : sizeof p->desc);
	p->pub.desc = &p->desc;
	p->pub.path = xstrdup(c->path);
	p->pub.handle = handle;
	p->pub.abi_major = d->abi_major;
	p->pub.abi_minor = d->abi_minor;
	p->pub.reentrant = (d->flags & VERSUS_PLUGIN_REENTRANT) != 0;

	if (!is_ident(p->desc.name, MAX_NAME, "_-")) {
		char *shown = printable(p->desc.name, MAX_NAME);
		why = xasprintf("has a bad name '%s' (expected [a-z0-9_-]+)", shown);
		free(shown);
		goto out;
	}
	p->pub.name = xstrdup(p->desc.name);
	free(label);
	label = xstrdup(p->pub.name);
	free(where);
	where = xasprintf("plugin:%s", p->pub.name);

	if ((same = find_plugin(ps, p->pub.name)) != NULL) {
		why = xasprintf("has the same name as the plugin loaded from %s", same->path);
		goto out;
	}
	if ((why = take_descriptor(p, ps, &p->desc)) != NULL)
		goto out;
	if (p->desc.init && (why = init_plugin(p, diags)) != NULL)
		goto out;
	p->initialised = true;

out:
	if (why) {
		diags_add(diags, VS_ERROR, where, NULL, "plugin '%s' (%s) %s; not loaded", label,
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

static void add_plugin(vs_plugins *ps, plugin_impl *p)
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

size_t plugins_load(vs_plugins *ps, const char *const *dirs, size_t n_dirs, vs_diags *diags)
{
	candidate *cands = NULL;
	size_t n = 0, cap = 0, refused = 0;
	pthread_once(&exit_guard_once, exit_guard_install);
	for (size_t i = 0; i < n_dirs; i++)
		scan_dir(dirs[i], i, &cands, &n, &cap, diags);
	if (n)
		qsort(cands, n, sizeof *cands, candidate_cmp);
	for (size_t i = 0; i < n; i++) {
		size_t errors = diags_count(diags, VS_ERROR);
		plugin_impl *p = load_one(ps, &cands[i], diags);
		if (p)
			add_plugin(ps, p);
		else if (diags_count(diags, VS_ERROR) > errors)
			refused++;
		free(cands[i].name);
		free(cands[i].path);
	}
	free(cands);

	if (ps->n_caps)
		qsort(ps->caps, ps->n_caps, sizeof *ps->caps, capcheck_cmp);
	free(ps->cap_ids);
	ps->cap_ids = xcalloc(ps->n_caps, sizeof *ps->cap_ids);
	for (size_t i = 0; i < ps->n_caps; i++)
		ps->cap_ids[i] = ps->caps[i].id;
	return refused;
}

void plugins_free(vs_plugins *ps)
{
	if (active_set == ps)
		active_set = NULL;
	for (size_t i = ps->n; i-- > 0;) {
		plugin_impl *p = (plugin_impl *)ps->v[i];
		if (p->initialised && p->desc.fini) {
			call_ctx ctx = {.who = p->pub.name}, *saved;
			call_enter(p, &ctx, &saved);
			p->desc.fini(p->pub.data);
			call_leave(p, saved);
		}
	}
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
	memset(ps, 0, sizeof *ps);
}

int plugins_cap_index(const vs_plugins *ps, const char *id)
{
	if (!ps || !id)
		return -1;
	for (size_t i = 0; i < ps->n_caps; i++)
		if (strcmp(ps->caps[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* }====== */

/* {====== Running checks and statements */

void plugins_check_models(vs_plugins *ps, vs_catalog *cat, vs_diags *diags)
{
	active_set = ps;
	for (size_t mi = 0; mi < cat->n; mi++) {
		vs_model *m = &cat->models[mi];
		free(m->caps);
		m->caps = xcalloc(ps->n_caps, 1);
		if (!m->valid || !m->root)
			continue;

		/* An explicit true/false in the record wins over any check: fill those first, so
		** a check that asks model_cap sees them too. */
		const json_t *recorded = json_object_get(m->root, "capabilities");
		bool *explicit_ = xcalloc(ps->n_caps, sizeof *explicit_);
		for (size_t i = 0; i < ps->n_caps; i++) {
			const json_t *v = json_is_object(recorded) ?
			                  json_object_get(recorded, ps->caps[i].id) : NULL;
			if (json_is_boolean(v)) {
				m->caps[i] = json_is_true(v) ? VERSUS_CAP_YES : VERSUS_CAP_NO;
				explicit_[i] = true;
			}
		}

		for (size_t i = 0; i < ps->n_caps; i++) {
			const vs_capcheck *cc = &ps->caps[i];
			plugin_impl *p = (plugin_impl *)cc->plugin;
			call_ctx ctx = {.who = p->pub.name, .model = m->id}, *saved;
			call_enter(p, &ctx, &saved);
			versus_cap_answer got = cc->def->check(plugins_api(), (const versus_model *)m,
			                                       p->pub.data);
			int answer = (int)got;
			call_leave(p, saved);
			if (answer != VERSUS_CAP_UNKNOWN && answer != VERSUS_CAP_NO &&
			    answer != VERSUS_CAP_YES) {
				char *where = xasprintf("plugin:%s", p->pub.name);
				diags_add(diags, VS_ERROR, where, cc->id,
				          "capability check '%s' returned %d for model '%s' (expected "
				          "0 unknown, 1 no or 2 yes); read as unknown",
				          cc->id, answer, m->id);
				free(where);
				answer = VERSUS_CAP_UNKNOWN;
			}
			if (!explicit_[i])
				m->caps[i] = (uint8_t)answer;
		}
		free(explicit_);
	}
}

void plugins_run_statements(vs_plugins *ps, const vs_model *a, const vs_model *b, vs_report *r)
{
	for (size_t i = 0; i < ps->n_stmts; i++) {
		const vs_plugin_statement *st = &ps->stmts[i];
		plugin_impl *p = (plugin_impl *)st->plugin;
		versus_pair pair = {
			.m = {a, b},
			.r = r,
			.plugin = p,
			.key = st->key,
			.host = {.plugin = p->pub.name, .diags = &r->diags, .rule = st->key},
		};
		call_ctx ctx = {.who = p->pub.name, .host = &pair.host, .pair = &pair}, *saved;
		call_enter(p, &ctx, &saved);
		int rc = st->def->run(plugins_api(), &pair, p->pub.data);
		call_leave(p, saved);
		if (rc != 0) {
			char *where = xasprintf("plugin:%s", p->pub.name);
			diags_add(&r->diags, VS_ERROR, where, st->key,
			          "statement '%s' failed (returned %d)", st->key, rc);
			free(where);
		}
	}
}

/* }====== */

/* {====== The function table */

static const char *api_model_id(const versus_model *m)
{
	return m ? ((const vs_model *)m)->id : NULL;
}

static versus_value_type api_model_field(const versus_model *m, const char *path,
                                         versus_value *out)
{
	versus_value scratch;
	if (!out)
		out = &scratch;
	memset(out, 0, sizeof *out);
	out->type = VERSUS_VALUE_MISSING;
	if (!m || !path)
		return out->type;
	size_t len = strnlen(path, MAX_PATH_ARG + 1);
	if (len == 0 || len > MAX_PATH_ARG)
		return out->type;

	const json_t *v = ((const vs_model *)m)->root;
	char seg[MAX_PATH_ARG + 1];
	const char *s = path;
	for (;;) {
		const char *dot = memchr(s, '.', len - (size_t)(s - path));
		size_t n = dot ? (size_t)(dot - s) : len - (size_t)(s - path);
		if (n == 0 || !v)
			return out->type;
		memcpy(seg, s, n);
		seg[n] = '\0';
		if (json_is_object(v)) {
			v = json_object_get(v, seg);
		} else if (json_is_array(v)) {
			size_t idx = 0;
			for (size_t k = 0; k < n; k++) {
				if (seg[k] < '0' || seg[k] > '9' || idx > json_array_size(v))
					return out->type;
				idx = idx * 10 + (size_t)(seg[k] - '0');
			}
			v = json_array_get(v, idx); /* NULL when out of range */
		} else {
			return out->type; /* through a scalar or a null: missing */
		}
		if (!dot)
			break;
		s = dot + 1;
	}

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		out->type = VERSUS_VALUE_OBJECT;
		out->length = json_object_size(v);
		break;
	case JSON_ARRAY:
		out->type = VERSUS_VALUE_ARRAY;
		out->length = json_array_size(v);
		break;
	case JSON_STRING:
		out->type = VERSUS_VALUE_STRING;
		out->string = json_string_value(v);
		out->length = json_string_length(v);
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		out->type = VERSUS_VALUE_NUMBER;
		out->number = json_number_value(v);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		out->type = VERSUS_VALUE_BOOL;
		out->boolean = json_is_true(v);
		break;
	case JSON_NULL:
		out->type = v ? VERSUS_VALUE_NULL : VERSUS_VALUE_MISSING;
		break;
	}
	return out->type;
}

static void api_report_problem(versus_host *host, const char *message)
{
	const call_ctx *c = current;
	if (!host || !c || c->host != host)
		return; /* outside its call: there is nowhere safe to put it */
	char *where = xasprintf("plugin:%s", host->plugin);
	char *shown = printable(message ? message : "(no message)", 1024);
	diags_add(host->diags, VS_WARNING, where, host->rule, "%s", shown);
	free(shown);
	free(where);
}

/* Checks an item list: NULL, or what is wrong. */
static const char *list_problem(const char *const *v, size_t n, size_t min)
{
	if (n < min)
		return "is empty";
	if (n > MAX_LIST)
		return "has too many entries";
	if (n && !v)
		return "is NULL";
	for (size_t i = 0; i < n; i++) {
		if (!v[i])
			return "has a NULL entry";
		const char *why = text_problem(v[i], MAX_TEXT, TEXT_NO_NEWLINES);
		if (why)
			return why;
	}
	return NULL;
}

static void item_strv(vs_strv *dst, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strv_push(dst, v[i]);
}

/* What is wrong with an item (NULL when nothing): *field names the part, *section gets the
** section id. */
static const char *item_problem(const versus_item *item, const char **field, int *section)
{
	const char *why;
	*field = "item";
	if (!item)
		return "is NULL";
	*field = "section";
	if (!item->section)
		return "is missing";
	if (strnlen(item->section, MAX_SECTION + 1) > MAX_SECTION ||
	    (*section = section_from_name(item->section)) < 0)
		return "is not a section of the report";
	*field = "key";
	if (item->key && (why = text_problem(item->key, MAX_KEY, TEXT_NO_NEWLINES)) != NULL)
		return why;
	if (item->key && !*item->key)
		return "is empty";

	bool has_text = item->text != NULL;
	bool has_qa = item->question != NULL || item->answer != NULL;
	bool has_cells = item->cells != NULL || item->n_cells > 0;
	*field = "item";
	if (has_text + has_qa + has_cells != 1)
		return "needs exactly one of text, question and answer, or cells";
	*field = "text";
	if (has_text && (why = text_problem(item->text, MAX_TEXT, TEXT_NEWLINES)) != NULL)
		return why;
	if (has_qa) {
		*field = "question";
		if (!item->question)
			return "is missing (an answer needs one)";
		if ((why = text_problem(item->question, MAX_TEXT, TEXT_NEWLINES)) != NULL)
			return why;
		*field = "answer";
		if (!item->answer)
			return "is missing (a question needs one)";
		if ((why = text_problem(item->answer, MAX_TEXT, TEXT_NEWLINES)) != NULL)
			return why;
	}
	*field = "cells";
	if (has_cells && (why = list_problem(item->cells, item->n_cells, 1)) != NULL)
		return why;
	*field = "about";
	if ((item->about || item->n_about) &&
	    (why = list_problem(item->about, item->n_about, 1)) != NULL)
		return why;
	*field = "values";
	return list_problem(item->values, item->n_values, 0);
}

static int api_emit_item(versus_pair *pair, const versus_item *item)
{
	const call_ctx *c = current;
	if (!pair || !c || c->pair != pair)
		return -1; /* a stale or foreign pair: nothing of it may be touched */
	char *source = xasprintf("plugin:%s", pair->plugin->pub.name);
	const char *field;
	int section = -1;
	const char *why = item_problem(item, &field, &section);
	if (why) {
		diags_add(&pair->r->diags, VS_ERROR, source, pair->key,
		          "emit_item: %s %s; item dropped", field, why);
		free(source);
		return -1;
	}

	bool has_cells = item->cells != NULL || item->n_cells > 0;
	vs_item *it = has_cells ? report_add_row(pair->r, (vs_section_id)section)
	                        : report_add_item(pair->r, (vs_section_id)section);
	it->key = xstrdup(item->key ? item->key : pair->key);
	if (item->about || item->n_about) {
		item_strv(&it->about, item->about, item->n_about);
	} else {
		strv_push(&it->about, pair->m[0]->id);
		strv_push(&it->about, pair->m[1]->id);
	}
	item_strv(&it->values, item->values, item->n_values);
	if (item->text)
		it->text = xstrdup(item->text);
	if (item->question) {
		it->question = xstrdup(item->question);
		it->answer = xstrdup(item->answer);
	}
	if (has_cells)
		item_strv(&it->cells, item->cells, item->n_cells);
	it->source = source;
	return 0;
}

static const versus_model *api_pair_model(const versus_pair *pair, int which)
{
	const call_ctx *c = current;
	if (!pair || !c || c->pair != pair || (which != 0 && which != 1))
		return NULL;
	return (const versus_model *)pair->m[which];
}

static versus_cap_answer api_model_cap(const versus_model *m, const char *capability_id)
{
	const vs_model *vm = (const vs_model *)m;
	int i = plugins_cap_index(active_set, capability_id);
	if (!vm || i < 0 || !vm->caps)
		return VERSUS_CAP_UNKNOWN;
	return (versus_cap_answer)vm->caps[i];
}

static versus_host *api_pair_host(versus_pair *pair)
{
	const call_ctx *c = current;
	if (!pair || !c || c->pair != pair)
		return NULL;
	return &pair->host;
}

static const versus_api api_table = {
	.size = (uint32_t)sizeof(versus_api),
	.abi_major = VERSUS_PLUGIN_ABI_MAJOR,
	.abi_minor = VERSUS_PLUGIN_ABI_MINOR,
	.model_id = api_model_id,
	.model_field = api_model_field,
	.report_problem = api_report_problem,
	.emit_item = api_emit_item,
	.pair_model = api_pair_model,
	.model_cap = api_model_cap,
	.pair_host = api_pair_host,
};

const versus_api *plugins_api(void)
{
	return &api_table;
}

/* }====== */
