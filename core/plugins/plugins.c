/*
** plugins.c — C plugins: find them, dlopen them, check their ABI, copy and validate their
** descriptors, and call them (capability checks once per model, statements once per pair)
** through the versus_api table.
**
** Loading follows SQLite's loader: every failure names the file and the reason, and every
** failure path dlcloses.  Nothing of a descriptor is read before its ABI major and minor
** pass, and everything the core keeps from it (strings, the capability and statement
** arrays) is copied, so a refused or unloaded plugin leaves no dangling pointer behind.
**
** Plugins are native code: a crash, an exit() or a call that never returns would take the
** run with it, or worse, let it end with status 0 and no report (hardening.md cases 99-101).
** So a run loads every plugin in a child process first, and runs every capability check in
** a child too (GStreamer's plugin scanner).  The child reports through a pipe; a page of
** shared memory, the beacon, says which plugin was doing what whenever the child is inside
** a plugin call, so when the child dies or stalls the parent can name the plugin and the
** model, leave it out, and start the child again without it.  Only statements run in this
** process, once per pair, each call bounded in time by a watchdog thread.
*/
#include "plugins.h"
#include "outfile.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
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

/* Status 4 is cli.md's "a plugin could not be loaded" class. */
#define EXIT_STATUS_PLUGIN 4

/* What every refusal ends with: cli.md wants a report run to say that the report lacks the
** plugin's checks. */
#define NOT_LOADED "not loaded, so reports lack its capability checks and statements"

/* A loaded plugin: the public part (plugins.h) and what only this file needs.  A plugin of
** an isolated set starts as the description a probe child sent (no handle, no function
** pointers); it is attached, loaded here for real, only when its code must run here. */
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
** outside their call, an exit() handler can name the plugin, and the beacon (in a probe
** child) or the watchdog (here) can say what a plugin was doing when it crashed or hung. */

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

enum call_kind { CALL_LOAD, CALL_INIT, CALL_CHECK, CALL_STATEMENT, CALL_FINI };

typedef struct call_ctx {
	const char *who;         /* plugin name, or its file path while loading */
	const char *path;        /* the plugin's file */
	int kind;                /* enum call_kind */
	const char *model;       /* id of the model being checked, or NULL */
	versus_host *host;
	versus_pair *pair;
} call_ctx;

static _Thread_local call_ctx *current;
static _Thread_local unsigned call_depth;

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

/* Messages built without allocation or stdio: the watchdog and the exit() guard write them
** while another thread may hold any lock. */
static void cat_str(char *buf, size_t n, size_t *len, const char *s)
{
	while (s && *s && *len + 1 < n)
		buf[(*len)++] = *s++;
	buf[*len] = '\0';
}

static void cat_uint(char *buf, size_t n, size_t *len, unsigned long v)
{
	char tmp[24];
	size_t k = 0;
	do {
		tmp[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (k && *len + 1 < n)
		buf[(*len)++] = tmp[--k];
	buf[*len] = '\0';
}

/* What a call was doing: "while checking model 'x'", "in statement 'k' for the pair 'a' vs
** 'b'", ... */
static void cat_doing(char *buf, size_t n, size_t *len, int kind, const char *model,
                      const char *key, const char *a, const char *b)
{
	switch (kind) {
	case CALL_LOAD:
		cat_str(buf, n, len, "while being loaded (a constructor or the entry point)");
		break;
	case CALL_INIT:
		cat_str(buf, n, len, "in init");
		break;
	case CALL_CHECK:
		cat_str(buf, n, len, "while checking model '");
		cat_str(buf, n, len, model);
		cat_str(buf, n, len, "'");
		break;
	case CALL_STATEMENT:
		cat_str(buf, n, len, "in statement '");
		cat_str(buf, n, len, key);
		cat_str(buf, n, len, "' for the pair '");
		cat_str(buf, n, len, a);
		cat_str(buf, n, len, "' vs '");
		cat_str(buf, n, len, b);
		cat_str(buf, n, len, "'");
		break;
	default:
		cat_str(buf, n, len, "in fini");
		break;
	}
}

/*
** The beacon: shared with the parent in a probe child.  The child writes the call's
** description, then makes seq odd; on return it makes seq even again.  The parent reads it
** only once the child is dead or has sat in one call (seq odd and unchanged) past the limit,
** so the text it reads is the text of that call.
*/
#define BEACON_TEXT 256
typedef struct probe_beacon {
	_Atomic unsigned long seq;   /* odd while the child is inside a plugin call */
	_Atomic int exit_called;     /* the exit() guard saw a plugin call exit() */
	int kind;
	char path[4096];
	char who[BEACON_TEXT];
	char model[BEACON_TEXT];
	char key[BEACON_TEXT];
	char pair[2][BEACON_TEXT];
} probe_beacon;

static probe_beacon *beacon; /* set in a probe child only */

static void copy_field(char *dst, size_t n, const char *src)
{
	size_t len = 0;
	dst[0] = '\0';
	cat_str(dst, n, &len, src);
}

/*
** The watchdog: one slot per thread that calls plugins, written only by that thread (plain
** stores and one release store per call), read by one thread that wakes a few times per
** limit.  A slot whose seq stays odd and unchanged past the limit is a call that did not
** return: the process cannot abandon it safely (the plugin may hold a lock, or be halfway
** through writing the report), so the watchdog says which plugin and ends the process.
*/
#define WATCH_SLOTS (VS_MAX_JOBS + 1) /* each worker, and the main thread */
typedef struct watch_slot {
	_Atomic unsigned long seq;   /* odd while its thread is inside a plugin call */
	_Atomic int kind;
	_Atomic(const char *) who;
	_Atomic(const char *) model;
	_Atomic(const char *) key;
	_Atomic(const char *) a;
	_Atomic(const char *) b;
} watch_slot;

static watch_slot watch_slots[WATCH_SLOTS];
static _Atomic unsigned n_watch_slots;
static _Thread_local watch_slot *my_slot;
static _Thread_local bool my_slot_taken;
static pthread_once_t watchdog_once = PTHREAD_ONCE_INIT;

#define TIMEOUT_DEFAULT_MS 10000u
#define TIMEOUT_MAX_MS 3600000u
static unsigned timeout_ms;
static bool timeout_bad;     /* VERSUS_PLUGIN_TIMEOUT_MS was set but unusable */
static pthread_once_t timeout_once = PTHREAD_ONCE_INIT;

static void timeout_read(void)
{
	const char *s = getenv("VERSUS_PLUGIN_TIMEOUT_MS");
	unsigned long v = 0;
	timeout_ms = TIMEOUT_DEFAULT_MS;
	if (!s)
		return;
	for (const char *p = s; *p && v <= TIMEOUT_MAX_MS; p++)
		v = (*p >= '0' && *p <= '9') ? v * 10 + (unsigned long)(*p - '0') : TIMEOUT_MAX_MS + 1;
	if (!*s || v == 0 || v > TIMEOUT_MAX_MS)
		timeout_bad = true;
	else
		timeout_ms = (unsigned)v;
}

unsigned plugins_timeout_ms(void)
{
	pthread_once(&timeout_once, timeout_read);
	return timeout_ms;
}

static void timeout_warning(vs_diags *diags)
{
	plugins_timeout_ms();
	if (timeout_bad)
		diags_add(diags, VS_WARNING, "VERSUS_PLUGIN_TIMEOUT_MS", NULL,
		          "expected a number of milliseconds from 1 to %u; using %u", TIMEOUT_MAX_MS,
		          TIMEOUT_DEFAULT_MS);
}

static long ms_since(const struct timespec *t0, const struct timespec *t1)
{
	return (long)(t1->tv_sec - t0->tv_sec) * 1000 + (t1->tv_nsec - t0->tv_nsec) / 1000000;
}

/* A poll tick: often enough that an overrun is seen soon after the limit, rarely enough
** to cost nothing. */
static int tick_ms(void)
{
	unsigned t = plugins_timeout_ms() / 8;
	return t < 1 ? 1 : t > 25 ? 25 : (int)t;
}

static _Noreturn void watchdog_fire(watch_slot *w, unsigned limit)
{
	char msg[1024];
	size_t len = 0;
	cat_str(msg, sizeof msg, &len, "versus: plugin '");
	cat_str(msg, sizeof msg, &len, atomic_load_explicit(&w->who, memory_order_relaxed));
	cat_str(msg, sizeof msg, &len, "' did not return within ");
	cat_uint(msg, sizeof msg, &len, limit);
	cat_str(msg, sizeof msg, &len, " ms ");
	cat_doing(msg, sizeof msg, &len, atomic_load_explicit(&w->kind, memory_order_relaxed),
	          atomic_load_explicit(&w->model, memory_order_relaxed),
	          atomic_load_explicit(&w->key, memory_order_relaxed),
	          atomic_load_explicit(&w->a, memory_order_relaxed),
	          atomic_load_explicit(&w->b, memory_order_relaxed));
	cat_str(msg, sizeof msg, &len, "; stopping (VERSUS_PLUGIN_TIMEOUT_MS sets the limit)\n");
	if (write(STDERR_FILENO, msg, len) < 0)
		_exit(EXIT_STATUS_PLUGIN);
	_exit(EXIT_STATUS_PLUGIN);
}

static void *watchdog_main(void *arg)
{
	(void)arg;
	unsigned limit = plugins_timeout_ms();
	static unsigned long seen[WATCH_SLOTS];
	static struct timespec since[WATCH_SLOTS];
	struct timespec tick = {0, (long)tick_ms() * 1000000L}, now;
	for (;;) {
		nanosleep(&tick, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
		unsigned n = atomic_load(&n_watch_slots);
		for (unsigned i = 0; i < n && i < WATCH_SLOTS; i++) {
			unsigned long s = atomic_load_explicit(&watch_slots[i].seq, memory_order_acquire);
			if (!(s & 1) || s != seen[i]) {
				seen[i] = s;
				since[i] = now;
			} else if (ms_since(&since[i], &now) >= (long)limit) {
				watchdog_fire(&watch_slots[i], limit);
			}
		}
	}
	return NULL;
}

/*
** A plugin that crashes in this process (a statement: checks crash in a child) ends the run
** as the signal would, but first says which plugin it was.  The previous action (the
** default, or a sanitizer's) is put back and the signal raised again, so nothing else
** changes; only async-signal-safe calls here.
*/
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
static struct sigaction crash_previous[VS_ARRAY_LEN(crash_signals)];

static const char *crash_name(int sig)
{
	switch (sig) {
	case SIGSEGV:
		return "Segmentation fault";
	case SIGBUS:
		return "Bus error";
	case SIGFPE:
		return "Floating point exception";
	case SIGILL:
		return "Illegal instruction";
	default:
		return "Aborted";
	}
}

static void crash_report(int sig)
{
	const call_ctx *c = current;
	if (c && !beacon) { /* a probe child's parent says it */
		char msg[1024];
		size_t len = 0;
		cat_str(msg, sizeof msg, &len, "versus: plugin '");
		cat_str(msg, sizeof msg, &len, c->who);
		cat_str(msg, sizeof msg, &len, "' crashed (");
		cat_str(msg, sizeof msg, &len, crash_name(sig));
		cat_str(msg, sizeof msg, &len, ") ");
		cat_doing(msg, sizeof msg, &len, c->kind, c->model, c->pair ? c->pair->key : NULL,
		          c->pair ? c->pair->m[0]->id : NULL, c->pair ? c->pair->m[1]->id : NULL);
		cat_str(msg, sizeof msg, &len, "\n");
		if (write(STDERR_FILENO, msg, len) < 0)
			msg[0] = '\0';
	}
	for (size_t i = 0; i < VS_ARRAY_LEN(crash_signals); i++)
		if (crash_signals[i] == sig)
			sigaction(sig, &crash_previous[i], NULL);
	raise(sig);
}

static void crash_report_install(void)
{
	for (size_t i = 0; i < VS_ARRAY_LEN(crash_signals); i++) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = crash_report;
		sigemptyset(&sa.sa_mask);
		sa.sa_flags = SA_NODEFER;
		sigaction(crash_signals[i], &sa, &crash_previous[i]);
	}
}

static void watchdog_start(void)
{
	crash_report_install();

	pthread_attr_t attr;
	pthread_t t;
	sigset_t all, old;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old); /* signals go to the other threads */
	pthread_create(&t, &attr, watchdog_main, NULL); /* none: calls are not bounded */
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
}

static watch_slot *thread_slot(void)
{
	if (!my_slot_taken) {
		my_slot_taken = true;
		pthread_once(&watchdog_once, watchdog_start);
		unsigned i = atomic_fetch_add(&n_watch_slots, 1);
		if (i < WATCH_SLOTS)
			my_slot = &watch_slots[i];
	}
	return my_slot;
}

static void watch_enter(const call_ctx *c)
{
	const char *a = c->pair ? c->pair->m[0]->id : NULL;
	const char *b = c->pair ? c->pair->m[1]->id : NULL;
	const char *key = c->pair ? c->pair->key : NULL;
	if (beacon) {
		unsigned long s = atomic_load_explicit(&beacon->seq, memory_order_relaxed);
		beacon->kind = c->kind;
		copy_field(beacon->path, sizeof beacon->path, c->path);
		copy_field(beacon->who, sizeof beacon->who, c->who);
		copy_field(beacon->model, sizeof beacon->model, c->model);
		copy_field(beacon->key, sizeof beacon->key, key);
		copy_field(beacon->pair[0], sizeof beacon->pair[0], a);
		copy_field(beacon->pair[1], sizeof beacon->pair[1], b);
		atomic_store_explicit(&beacon->seq, s | 1, memory_order_release);
		return;
	}
	watch_slot *w = thread_slot();
	if (!w)
		return; /* more threads than slots: this one's calls are not bounded */
	atomic_store_explicit(&w->kind, c->kind, memory_order_relaxed);
	atomic_store_explicit(&w->who, c->who, memory_order_relaxed);
	atomic_store_explicit(&w->model, c->model, memory_order_relaxed);
	atomic_store_explicit(&w->key, key, memory_order_relaxed);
	atomic_store_explicit(&w->a, a, memory_order_relaxed);
	atomic_store_explicit(&w->b, b, memory_order_relaxed);
	unsigned long s = atomic_load_explicit(&w->seq, memory_order_relaxed);
	atomic_store_explicit(&w->seq, s + 1, memory_order_release);
}

static void watch_leave(void)
{
	if (beacon) {
		unsigned long s = atomic_load_explicit(&beacon->seq, memory_order_relaxed);
		atomic_store_explicit(&beacon->seq, s + 1, memory_order_release);
		return;
	}
	if (my_slot) {
		unsigned long s = atomic_load_explicit(&my_slot->seq, memory_order_relaxed);
		atomic_store_explicit(&my_slot->seq, s + 1, memory_order_release);
	}
}

/*
** A plugin that calls exit() must never leave a run reporting success (hardening.md case
** 100): exit() runs atexit handlers on the calling thread, where the call context says which
** plugin it was.  _exit skips stdio flushing, so no partial report reaches stdout.  In a
** probe child the beacon tells the parent instead.  abort(), _exit() and crashes cannot be
** caught here: the probe children are there for those.
*/
static void exit_guard(void)
{
	const call_ctx *c = current;
	if (!c)
		return;
	if (beacon) {
		atomic_store(&beacon->exit_called, 1);
		_exit(EXIT_STATUS_PLUGIN);
	}
	char msg[1024];
	size_t len = 0;
	cat_str(msg, sizeof msg, &len, "versus: plugin '");
	cat_str(msg, sizeof msg, &len, c->who);
	cat_str(msg, sizeof msg, &len, "' called exit() ");
	cat_doing(msg, sizeof msg, &len, c->kind, c->model, c->pair ? c->pair->key : NULL,
	          c->pair ? c->pair->m[0]->id : NULL, c->pair ? c->pair->m[1]->id : NULL);
	cat_str(msg, sizeof msg, &len, "\n");
	if (write(STDERR_FILENO, msg, len) < 0)
		_exit(EXIT_STATUS_PLUGIN);
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
	if (call_depth++ == 0)
		watch_enter(ctx);
}

static void call_leave(plugin_impl *p, call_ctx *saved)
{
	if (--call_depth == 0)
		watch_leave();
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

#define VS_XSTR(x) #x
#define VS_STR(x) VS_XSTR(x)

typedef struct candidate {
	char *name;   /* file name, "x.so" */
	char *path;   /* "dir/x.so": always with a '/', so dlopen never searches */
	char *dir;    /* the directory it was found in */
	size_t dir_index;
} candidate;

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

static void candidates_free(candidate *cands, size_t n)
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
static size_t collect_candidates(const char *const *dirs, size_t n_dirs, candidate **cands,
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

static plugin_impl *impl_new(void)
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

	/* Never an address in a message: it differs from run to run (issue 9). */
	if (d->n_capabilities > MAX_ENTRIES || (d->n_capabilities && !d->capabilities))
		return xasprintf("has a bad capability list (%zu %s, %s)", d->n_capabilities,
		                 vs_plural(d->n_capabilities, "entry", "entries"),
		                 d->capabilities ? "more than " VS_STR(MAX_ENTRIES) : "but no array");
	if (d->n_statements > MAX_ENTRIES || (d->n_statements && !d->statements))
		return xasprintf("has a bad statement list (%zu %s, %s)", d->n_statements,
		                 vs_plural(d->n_statements, "entry", "entries"),
		                 d->statements ? "more than " VS_STR(MAX_ENTRIES) : "but no array");

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

/* A plugin's name before its descriptor gives one: its file name without ".so". */
static char *file_label(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	size_t n = strlen(name);
	char *base = xstrndup(name, n > 3 ? n - 3 : n);
	char *label = printable(base, MAX_NAME);
	free(base);
	return label;
}

/* Load one file.  Returns the plugin, or NULL after adding a diagnostic. */
static plugin_impl *load_one(const vs_plugins *ps, const candidate *c, vs_diags *diags)
{
	/* Until its descriptor gives a valid name the plugin is called by its file name
	** without ".so", and diagnostics point at the file. */
	char *label = file_label(c->path);
	char *path = printable(c->path, 4096);
	char *where = xstrdup(path);
	char *why = NULL;
	void *handle = NULL;
	const versus_plugin *d = NULL;
	const vs_plugin *same;
	plugin_impl *p = NULL;
	struct stat st;
	bool group_warning;
	pthread_once(&exit_guard_once, exit_guard_install); /* before any plugin code runs */

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
	if ((why = unsafe_file(c, &st, &group_warning)) != NULL)
		goto out;
	if (group_warning)
		diags_add(diags, VS_WARNING, where, NULL,
		          "plugin '%s' (%s) is writable by its group (mode %04o), your own group: "
		          "anyone in it can change the code versus runs; 'chmod g-w' it", label, path,
		          (unsigned)(st.st_mode & 07777));
	if ((why = open_object(c->path, path, &handle, &d)) != NULL)
		goto out;

	/* The ABI header first, and nothing else until it passes. */
	if (d->abi_major != VERSUS_PLUGIN_ABI_MAJOR || d->abi_minor > VERSUS_PLUGIN_ABI_MINOR) {
		why = xasprintf("was built for ABI %u.%u; this versus provides ABI %u.%u",
		                (unsigned)d->abi_major, (unsigned)d->abi_minor,
		                (unsigned)VERSUS_PLUGIN_ABI_MAJOR, (unsigned)VERSUS_PLUGIN_ABI_MINOR);
		goto out;
	}
	if (d->size < DESC_SIZE_1_0) {
		why = xasprintf("has a descriptor of %u bytes; ABI %u.%u needs at least %zu",
		                (unsigned)d->size, (unsigned)d->abi_major, (unsigned)d->abi_minor,
		                (size_t)DESC_SIZE_1_0);
		goto out;
	}

	p = impl_new();
	/* A newer minor of the same major may only have grown the descriptor at its end; copy
	** what both know, and leave the rest zero. */
	memcpy(&p->desc, d, d->size < sizeof p->desc ? d->size : sizeof p->desc);
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

/* Table order for the checks, and the id list record validation reads. */
static void finish_set(vs_plugins *ps)
{
	if (ps->n_caps)
		qsort(ps->caps, ps->n_caps, sizeof *ps->caps, capcheck_cmp);
	free(ps->cap_ids);
	ps->cap_ids = xcalloc(ps->n_caps, sizeof *ps->cap_ids);
	for (size_t i = 0; i < ps->n_caps; i++)
		ps->cap_ids[i] = ps->caps[i].id;
}

/* Take a plugin out of the set (with its checks and statements) and unload it. */
static void remove_plugin(vs_plugins *ps, plugin_impl *p)
{
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

static plugin_impl *find_by_path(const vs_plugins *ps, const char *path)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i]->path, path) == 0)
			return (plugin_impl *)ps->v[i];
	return NULL;
}

static bool strv_has(const vs_strv *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->v[i], s) == 0)
			return true;
	return false;
}

/* Load the candidates in order, but those whose path is in skip.  Returns the number
** refused.  on_skip, when given, is told where each skipped one stood. */
static size_t load_candidates(vs_plugins *ps, const candidate *cands, size_t n,
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

/* Attach a plugin of an isolated set: load its file here for real (every check again:
** permissions, ABI, descriptor, init) and take its function pointers, provided the
** descriptor still says what the probe child saw.  Returns false after a diagnostic. */
static bool attach(plugin_impl *p, vs_diags *diags)
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
	bool same = strcmp(live->pub.name, p->pub.name) == 0 &&
	            live->desc.n_capabilities == p->desc.n_capabilities &&
	            live->desc.n_statements == p->desc.n_statements;
	for (size_t i = 0; same && i < p->desc.n_capabilities; i++)
		same = strcmp(live->capdefs[i].id, p->capdefs[i].id) == 0;
	for (size_t i = 0; same && i < p->desc.n_statements; i++)
		same = strcmp(live->stmtdefs[i].key, p->stmtdefs[i].key) == 0;
	if (!same) {
		char *path = printable(p->pub.path, 4096);
		char *where = xasprintf("plugin:%s", p->pub.name);
		diags_add(diags, VS_ERROR, where, NULL, "plugin '%s' (%s) describes itself "
		          "differently from one load to the next; " NOT_LOADED, p->pub.name, path);
		free(where);
		free(path);
		impl_unload(live);
		return false;
	}
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
	return true;
}

static void drop_started(vs_plugins *ps);

void plugins_free(vs_plugins *ps)
{
	drop_started(ps); /* started and never asked for: reap the child */
	if (active_set == ps)
		active_set = NULL;
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

/* {====== Probe children
** A probe child runs plugin code the parent has not run yet and sends what it learnt down a
** pipe as records: a tag byte, then fields (u32 in host order, strings as a u32 length and
** the bytes, UINT32_MAX for NULL).  Its last record is the end tag; a child that stops
** before it, dies, or sits in one plugin call past the limit has failed, and the beacon says
** in which plugin call. */

enum {
	REC_END = 'E',
	REC_DIAG = 'D',      /* severity, where, rule, message */
	REC_PLUGIN = 'P',    /* a loaded plugin's description */
	REC_REFUSED = 'N',   /* how many the child refused */
	REC_SKIPPED = 'S',   /* path: where a plugin left out by an earlier probe stood */
	REC_DROPPED = 'X',   /* path: a plugin the child could not attach */
	REC_CAP_IDS = 'K',   /* the capability ids, in the child's table order */
	REC_ANSWERS = 'A'    /* model index, then one answer byte per capability */
};

typedef struct wire {
	const char *p, *end;
	bool bad;
} wire;

static void put_u32(vs_buf *b, uint32_t v)
{
	buf_addn(b, (const char *)&v, sizeof v);
}

static void put_str(vs_buf *b, const char *s)
{
	if (!s) {
		put_u32(b, UINT32_MAX);
		return;
	}
	size_t n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_addn(b, s, n);
}

static uint32_t get_u32(wire *w)
{
	uint32_t v = 0;
	if (w->bad || (size_t)(w->end - w->p) < sizeof v) {
		w->bad = true;
		return 0;
	}
	memcpy(&v, w->p, sizeof v);
	w->p += sizeof v;
	return v;
}

/* An allocated copy; NULL for a NULL string or when the record is cut short. */
static char *get_str(wire *w)
{
	uint32_t n = get_u32(w);
	if (w->bad || n == UINT32_MAX)
		return NULL;
	if ((size_t)(w->end - w->p) < n) {
		w->bad = true;
		return NULL;
	}
	char *s = xstrndup(w->p, n);
	w->p += n;
	return s;
}

static void put_diags(vs_buf *b, const vs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		buf_addc(b, REC_DIAG);
		put_u32(b, (uint32_t)d->v[i].severity);
		put_str(b, d->v[i].where);
		put_str(b, d->v[i].rule);
		put_str(b, d->v[i].message);
	}
}

static void get_diag(wire *w, vs_diags *d)
{
	vs_severity sev = get_u32(w) == VS_WARNING ? VS_WARNING : VS_ERROR;
	char *where = get_str(w), *rule = get_str(w), *msg = get_str(w);
	if (!w->bad)
		diags_add(d, sev, where, rule, "%s", msg ? msg : "");
	free(where);
	free(rule);
	free(msg);
}

static void put_plugin(vs_buf *b, const plugin_impl *p)
{
	buf_addc(b, REC_PLUGIN);
	put_str(b, p->pub.path);
	put_str(b, p->pub.name);
	put_str(b, p->pub.version);
	put_u32(b, p->desc.abi_major);
	put_u32(b, p->desc.abi_minor);
	put_u32(b, p->desc.flags);
	put_u32(b, (uint32_t)p->desc.n_capabilities);
	for (size_t i = 0; i < p->desc.n_capabilities; i++) {
		put_str(b, p->capdefs[i].id);
		put_str(b, p->capdefs[i].label);
		put_str(b, p->capdefs[i].group);
		put_u32(b, (uint32_t)p->capdefs[i].order);
	}
	put_u32(b, (uint32_t)p->desc.n_statements);
	for (size_t i = 0; i < p->desc.n_statements; i++) {
		put_str(b, p->stmtdefs[i].key);
		put_str(b, p->stmtdefs[i].section);
	}
}

static const char *keep_owned(plugin_impl *p, char *s)
{
	char **slot = VS_PUSH(p->strings, p->n_strings, p->cap_strings);
	*slot = s ? s : xstrdup("");
	return *slot;
}

/* A plugin as a probe child described it: no handle, no function pointers yet. */
static plugin_impl *get_plugin(wire *w)
{
	plugin_impl *p = impl_new();
	p->pub.path = get_str(w);
	p->pub.name = get_str(w);
	p->pub.version = get_str(w);
	p->desc.abi_major = p->pub.abi_major = get_u32(w);
	p->desc.abi_minor = p->pub.abi_minor = get_u32(w);
	p->desc.flags = get_u32(w);
	p->desc.size = (uint32_t)sizeof p->desc;
	p->pub.reentrant = (p->desc.flags & VERSUS_PLUGIN_REENTRANT) != 0;
	size_t n = get_u32(w);
	if (n > MAX_ENTRIES)
		w->bad = true;
	p->capdefs = xcalloc(w->bad ? 0 : n, sizeof *p->capdefs);
	for (size_t i = 0; !w->bad && i < n; i++) {
		p->capdefs[i].id = keep_owned(p, get_str(w));
		p->capdefs[i].label = keep_owned(p, get_str(w));
		p->capdefs[i].group = keep_owned(p, get_str(w));
		p->capdefs[i].order = (int)get_u32(w);
		p->desc.n_capabilities = i + 1;
	}
	n = get_u32(w);
	if (n > MAX_ENTRIES)
		w->bad = true;
	p->stmtdefs = xcalloc(w->bad ? 0 : n, sizeof *p->stmtdefs);
	for (size_t i = 0; !w->bad && i < n; i++) {
		p->stmtdefs[i].key = keep_owned(p, get_str(w));
		p->stmtdefs[i].section = keep_owned(p, get_str(w));
		p->desc.n_statements = i + 1;
	}
	if (w->bad || !p->pub.path || !p->pub.name || !p->pub.version) {
		impl_free(p);
		return NULL;
	}
	p->desc.name = p->pub.name;
	p->desc.version = p->pub.version;
	p->desc.capabilities = p->capdefs;
	p->desc.statements = p->stmtdefs;
	return p;
}

typedef struct vs_probe {
	probe_beacon *b;
	vs_buf data;          /* what the child sent */
	int status;           /* its wait status */
	bool timed_out;
	pid_t pid;            /* the child, between probe_start and probe_finish */
	int fd;               /* the pipe it writes to */
} probe;

typedef enum probe_result { PROBE_DONE, PROBE_FAILED, PROBE_UNAVAILABLE } probe_result;

static void probe_free(probe *pr)
{
	if (pr->b)
		munmap(pr->b, sizeof *pr->b);
	buf_free(&pr->data);
}

/*
** Read what the child sends until it exits; kill it when one plugin call has lasted past the
** limit.  The pipe closing is not enough to end the wait (the child may still be running,
** or a process it started may hold the pipe), nor is the child's exit (its last bytes may
** still be in the pipe).
*/
static void probe_wait(probe *pr, pid_t pid, int fd)
{
	const long limit = (long)plugins_timeout_ms();
	const int tick = tick_ms();
	unsigned long seen = atomic_load(&pr->b->seq);
	struct timespec since, now;
	bool eof = false, exited = false;
	char chunk[16384];
	clock_gettime(CLOCK_MONOTONIC, &since);
	while (!(eof && exited)) {
		if (!eof) {
			struct pollfd pfd = {.fd = fd, .events = POLLIN};
			int r = poll(&pfd, 1, exited ? 0 : tick);
			if (r > 0) {
				ssize_t n = read(fd, chunk, sizeof chunk);
				if (n > 0) {
					buf_addn(&pr->data, chunk, (size_t)n);
					continue;
				}
				if (n == 0 || (errno != EINTR && errno != EAGAIN))
					eof = true;
			} else if (r == 0 && exited) {
				eof = true; /* whoever still holds the pipe, the child is gone */
			}
		} else if (!exited && !(pr->data.len && pr->data.s[pr->data.len - 1] == REC_END)) {
			poll(NULL, 0, tick); /* the pipe closed before the end: wait a tick */
		}
		if (!exited) {
			/* After the end record the child is in _exit: wait for it outright. */
			bool ended = eof && pr->data.len && pr->data.s[pr->data.len - 1] == REC_END;
			pid_t w = waitpid(pid, &pr->status, ended ? 0 : WNOHANG);
			if (w == pid || (w < 0 && errno == ECHILD))
				exited = true;
			if (exited)
				continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		unsigned long s = atomic_load_explicit(&pr->b->seq, memory_order_acquire);
		if (s != seen || !(s & 1)) {
			seen = s;
			since = now;
		} else if (ms_since(&since, &now) >= limit) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &pr->status, 0) < 0 && errno == EINTR)
				;
			pr->timed_out = true;
			return;
		}
	}
}

/* Start fn(arg, &out) in a child (PROBE_DONE: started); out, then the end record, is what
** the parent gets in probe_finish.  fn runs on the child's copy of everything, arg included,
** as it was at the fork. */
static probe_result probe_start(probe *pr, void (*fn)(void *, vs_buf *), void *arg, bool quiet)
{
	memset(pr, 0, sizeof *pr);
	void *mem = mmap(NULL, sizeof *pr->b, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	                 -1, 0);
	if (mem == MAP_FAILED)
		return PROBE_UNAVAILABLE;
	pr->b = mem;
	int fds[2];
	if (pipe(fds) != 0) {
		probe_free(pr);
		return PROBE_UNAVAILABLE;
	}
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	signal(SIGCHLD, SIG_DFL); /* an inherited SIG_IGN would reap the child behind our back */
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		probe_free(pr);
		return PROBE_UNAVAILABLE;
	}
	if (pid == 0) {
		close(fds[0]);
		beacon = pr->b;
		/* A crash ends the child by its signal, for the parent to name (a sanitizer's
		** handler would turn it into an exit status, and a handler of ours adds nothing). */
		for (size_t i = 0; i < VS_ARRAY_LEN(crash_signals); i++)
			signal(crash_signals[i], SIG_DFL);
		/* What plugins print goes nowhere (fd 1 is already our stderr, see main.c); a
		** quiet probe silences stderr too: its plugins run again later, and speak then. */
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0) {
			dup2(devnull, STDOUT_FILENO);
			if (quiet)
				dup2(devnull, STDERR_FILENO);
			close(devnull);
		}
		vs_buf out = {0};
		fn(arg, &out);
		buf_addc(&out, REC_END);
		vs_write_all(fds[1], out.s, out.len);
		buf_free(&out);
		_exit(0);
	}
	close(fds[1]);
	pr->pid = pid;
	pr->fd = fds[0];
	return PROBE_DONE;
}

/* Wait for a started child (killing it past the time limit) and judge its answer. */
static probe_result probe_finish(probe *pr)
{
	probe_wait(pr, pr->pid, pr->fd);
	close(pr->fd);
	bool ended = pr->data.len && pr->data.s[pr->data.len - 1] == REC_END;
	if (!pr->timed_out && WIFEXITED(pr->status) && WEXITSTATUS(pr->status) == 0 && ended &&
	    !(atomic_load(&pr->b->seq) & 1))
		return PROBE_DONE;
	return PROBE_FAILED;
}

/* Run fn(arg, &out) in a child and wait for it. */
static probe_result probe_run(probe *pr, void (*fn)(void *, vs_buf *), void *arg, bool quiet)
{
	probe_result r = probe_start(pr, fn, arg, quiet);
	return r == PROBE_DONE ? probe_finish(pr) : r;
}

/* The plugin a failed probe was inside (its file), or NULL when it was in none. */
static const char *probe_culprit(const probe *pr)
{
	return (atomic_load(&pr->b->seq) & 1) && pr->b->path[0] ? pr->b->path : NULL;
}

/* How the child ended, for messages: "crashed (Segmentation fault)", ... */
static char *probe_how(const probe *pr)
{
	if (pr->timed_out)
		return xasprintf("did not return within %u ms", plugins_timeout_ms());
	if (atomic_load(&pr->b->exit_called))
		return xstrdup("called exit()");
	if (WIFSIGNALED(pr->status))
		return xasprintf("crashed (%s)", strsignal(WTERMSIG(pr->status)));
	if (WIFEXITED(pr->status))
		return xasprintf("ended the process (status %d)", WEXITSTATUS(pr->status));
	return xstrdup("stopped");
}

/* The refusal of the plugin a probe failed in: "plugin 'x' (path) crashed (...) while
** checking model 'm'; not loaded, ..." under plugin:x (or the file, while loading). */
static void probe_blame(const probe *pr, vs_diags *diags)
{
	const probe_beacon *b = pr->b;
	char doing[2048];
	size_t len = 0;
	cat_doing(doing, sizeof doing, &len, b->kind, b->model, b->key, b->pair[0], b->pair[1]);
	char *how = probe_how(pr);
	char *path = printable(b->path, 4096);
	char *label = b->kind == CALL_LOAD ? file_label(b->path) : printable(b->who, MAX_NAME);
	char *where = b->kind == CALL_LOAD ? xstrdup(path) : xasprintf("plugin:%s", label);
	diags_add(diags, VS_ERROR, where, NULL, "plugin '%s' (%s) %s %s; " NOT_LOADED, label, path,
	          how, doing);
	free(where);
	free(label);
	free(path);
	free(how);
}

/* A probe that failed outside any plugin call: nobody to blame, nothing to trust. */
static void probe_lost(const probe *pr, const char *what, const char *so, vs_diags *diags)
{
	char *how = probe_how(pr);
	diags_add(diags, VS_ERROR, "plugins", NULL, "the child process %s %s outside any plugin "
	          "call; %s", what, how, so);
	free(how);
}

/* }====== */

/* {====== Loading in a child */

typedef struct load_probe {
	const candidate *cands;
	size_t n;
	const vs_strv *skip;
	vs_buf *out;
} load_probe;

static void note_skipped(void *arg, const char *path)
{
	load_probe *a = arg;
	buf_addc(a->out, REC_SKIPPED);
	put_str(a->out, path);
}

/* In the child: load every candidate but those skipped, and describe what loaded. */
static void load_probe_child(void *arg, vs_buf *out)
{
	load_probe *a = arg;
	/* Static: the child _exits with them still reachable (freeing would run fini), which
	** leak checkers such as valgrind do not count as lost. */
	static vs_plugins ps;
	static vs_diags d;
	size_t refused = 0, done = 0;
	a->out = out;
	/* Diagnostics and skipped places in file order: a skipped one is noted as it is
	** passed, and each diagnostic as soon as its file is done. */
	for (size_t i = 0; i < a->n; i++) {
		refused += load_candidates(&ps, &a->cands[i], 1, a->skip, note_skipped, a, &d);
		vs_diags fresh = {.v = d.v + done, .n = d.n - done};
		put_diags(out, &fresh);
		done = d.n;
	}
	buf_addc(out, REC_REFUSED);
	put_u32(out, (uint32_t)refused);
	for (size_t i = 0; i < ps.n; i++)
		put_plugin(out, (const plugin_impl *)ps.v[i]);
}

size_t plugins_load_isolated(vs_plugins *ps, const char *const *dirs, size_t n_dirs,
                             vs_diags *diags)
{
	candidate *cands;
	vs_strv skip = {0};
	vs_diags blamed = {0}; /* one per file left out, in the order skip lists them */
	size_t refused = 0;
	ps->isolated = true;
	timeout_warning(diags);
	size_t n = collect_candidates(dirs, n_dirs, &cands, diags);
	while (n) {
		probe pr;
		load_probe a = {cands, n, &skip, NULL};
		probe_result r = probe_run(&pr, load_probe_child, &a, true);
		if (r == PROBE_UNAVAILABLE) {
			diags_add(diags, VS_WARNING, "plugins", NULL, "cannot start a child process "
			          "(%s); plugins are loaded and checked in this process", strerror(errno));
			ps->isolated = false;
			refused += load_candidates(ps, cands, n, &skip, NULL, NULL, diags);
			break;
		}
		if (r == PROBE_FAILED) {
			const char *culprit = probe_culprit(&pr);
			if (!culprit || strv_has(&skip, culprit)) {
				diags_append(diags, &blamed);
				probe_lost(&pr, "loading plugins", "no plugin is loaded", diags);
				refused += n - skip.n;
				probe_free(&pr);
				break;
			}
			strv_push(&skip, culprit);
			probe_blame(&pr, &blamed);
			refused++;
			probe_free(&pr);
			continue;
		}
		wire w = {pr.data.s, pr.data.s + pr.data.len - 1, false};
		while (!w.bad && w.p < w.end) {
			char tag = *w.p++;
			if (tag == REC_DIAG) {
				get_diag(&w, diags);
			} else if (tag == REC_SKIPPED) {
				char *path = get_str(&w);
				for (size_t i = 0; path && i < skip.n; i++)
					if (strcmp(skip.v[i], path) == 0)
						diags_add(diags, blamed.v[i].severity, blamed.v[i].where, NULL, "%s",
						          blamed.v[i].message);
				free(path);
			} else if (tag == REC_REFUSED) {
				refused += get_u32(&w);
			} else if (tag == REC_PLUGIN) {
				plugin_impl *p = get_plugin(&w);
				if (p)
					add_plugin(ps, p);
			} else {
				w.bad = true;
			}
		}
		if (w.bad)
			diags_add(diags, VS_ERROR, "plugins", NULL, "the child process that loads "
			          "plugins sent a garbled answer; some plugins may be missing");
		probe_free(&pr);
		break;
	}
	finish_set(ps);
	strv_free(&skip);
	diags_free(&blamed);
	candidates_free(cands, n);
	return refused;
}

/* }====== */

/* {====== Running checks and statements */

/* Every check on every valid model, here.  A check whose plugin is not attached (isolated
** sets keep answers, not code) answers unknown. */
static void run_checks(vs_plugins *ps, vs_catalog *cat, vs_diags *diags)
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
			if (!cc->def->check)
				continue;
			call_ctx ctx = {.who = p->pub.name, .path = p->pub.path, .kind = CALL_CHECK,
			                .model = m->id}, *saved;
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
		if (!st->def->run)
			continue; /* not attached: plugins_check_models attaches every one that has
			          ** statements, so only a set that was never checked gets here */
		versus_pair pair = {
			.m = {a, b},
			.r = r,
			.plugin = p,
			.key = st->key,
			.host = {.plugin = p->pub.name, .diags = &r->diags, .rule = st->key},
		};
		call_ctx ctx = {.who = p->pub.name, .path = p->pub.path, .kind = CALL_STATEMENT,
		                .host = &pair.host, .pair = &pair}, *saved;
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

/* The problems statements report on many pairs: each once, and at most this many. */
#define MAX_STATEMENT_PROBLEMS 50

static bool diag_seen(const vs_diags *d, const vs_diag *x)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].severity == x->severity && strcmp(d->v[i].where, x->where) == 0 &&
		    strcmp(d->v[i].message, x->message) == 0 &&
		    (d->v[i].rule ? x->rule && strcmp(d->v[i].rule, x->rule) == 0 : !x->rule))
			return true;
	return false;
}

/* Every statement on the pairs of the catalog: model i against the next k models, in both
** orders; k covers every ordered pair unless that is more than VS_CHECK_MAX_PAIRS. */
static void run_statement_pairs(vs_plugins *ps, const vs_catalog *cat, vs_diags *diags)
{
	size_t *valid = xcalloc(cat->n ? cat->n : 1, sizeof *valid), nv = 0;
	for (size_t i = 0; i < cat->n; i++)
		if (cat->models[i].valid && cat->models[i].root)
			valid[nv++] = i;
	size_t k = nv > 1 ? nv - 1 : 0;
	if (nv && nv * k > VS_CHECK_MAX_PAIRS)
		k = VS_CHECK_MAX_PAIRS / nv > 0 ? VS_CHECK_MAX_PAIRS / nv : 1;
	vs_diags found = {0};
	size_t more = 0;
	for (size_t i = 0; i < nv; i++)
		for (size_t d = 1; d <= k; d++) {
			vs_report r;
			report_init(&r);
			plugins_run_statements(ps, &cat->models[valid[i]],
			                       &cat->models[valid[(i + d) % nv]], &r);
			for (size_t j = 0; j < r.diags.n; j++) {
				if (diag_seen(&found, &r.diags.v[j]))
					continue;
				if (found.n < MAX_STATEMENT_PROBLEMS)
					diags_add(&found, r.diags.v[j].severity, r.diags.v[j].where,
					          r.diags.v[j].rule, "%s", r.diags.v[j].message);
				else
					more++;
			}
			report_free(&r);
		}
	if (more)
		diags_add(&found, VS_WARNING, "plugins", NULL, "%zu more %s from statements "
		          "not shown", more, vs_plural(more, "problem", "problems"));
	diags_append(diags, &found);
	diags_free(&found);
	free(valid);
}

typedef struct check_probe {
	vs_plugins *ps;
	vs_catalog *cat;
	const vs_strv *skip;
	bool statements;
} check_probe;

/* In the child: attach what must run, run every check (and statement), send the answers. */
static void check_probe_child(void *arg, vs_buf *out)
{
	check_probe *a = arg;
	vs_plugins *ps = a->ps; /* the child's copy */
	static vs_diags d;      /* static, as in load_probe_child */
	for (size_t i = 0; i < ps->n;) {
		plugin_impl *p = (plugin_impl *)ps->v[i];
		bool needed = p->desc.n_capabilities || (a->statements && p->desc.n_statements);
		if (strv_has(a->skip, p->pub.path)) {
			remove_plugin(ps, p);
		} else if (needed && !attach(p, &d)) {
			buf_addc(out, REC_DROPPED);
			put_str(out, p->pub.path);
			remove_plugin(ps, p);
		} else {
			i++;
		}
	}
	run_checks(ps, a->cat, &d);
	buf_addc(out, REC_CAP_IDS);
	put_u32(out, (uint32_t)ps->n_caps);
	for (size_t i = 0; i < ps->n_caps; i++)
		put_str(out, ps->caps[i].id);
	for (size_t mi = 0; mi < a->cat->n; mi++) {
		const vs_model *m = &a->cat->models[mi];
		if (!m->valid || !m->root)
			continue;
		buf_addc(out, REC_ANSWERS);
		put_u32(out, (uint32_t)mi);
		buf_addn(out, (const char *)m->caps, ps->n_caps);
	}
	if (a->statements && ps->n_stmts)
		run_statement_pairs(ps, a->cat, &d);
	put_diags(out, &d);
}

/* Read a check probe's answer into the set and the catalog (m->caps already sized). */
static size_t take_check_answer(vs_plugins *ps, vs_catalog *cat, const vs_buf *data,
                                vs_diags *diags)
{
	wire w = {data->s, data->s + data->len - 1, false};
	int *index = NULL; /* the child's capability i is our index[i] (or -1) */
	size_t n_ids = 0, dropped = 0;
	while (!w.bad && w.p < w.end) {
		char tag = *w.p++;
		if (tag == REC_DIAG) {
			get_diag(&w, diags);
		} else if (tag == REC_DROPPED) {
			char *path = get_str(&w);
			plugin_impl *p = path ? find_by_path(ps, path) : NULL;
			if (p) {
				remove_plugin(ps, p);
				dropped++;
			}
			free(path);
		} else if (tag == REC_CAP_IDS) {
			n_ids = get_u32(&w);
			if (n_ids > ps->n_caps) {
				w.bad = true;
				break;
			}
			index = xcalloc(n_ids ? n_ids : 1, sizeof *index);
			for (size_t i = 0; i < n_ids; i++) {
				char *id = get_str(&w);
				index[i] = id ? plugins_cap_index(ps, id) : -1;
				free(id);
			}
		} else if (tag == REC_ANSWERS && index) {
			uint32_t mi = get_u32(&w);
			if (mi >= cat->n || (size_t)(w.end - w.p) < n_ids) {
				w.bad = true;
				break;
			}
			for (size_t i = 0; i < n_ids; i++) {
				unsigned char answer = (unsigned char)w.p[i];
				if (index[i] >= 0 && answer <= VERSUS_CAP_YES)
					cat->models[mi].caps[index[i]] = answer;
			}
			w.p += n_ids;
		} else {
			w.bad = true;
		}
	}
	if (w.bad)
		diags_add(diags, VS_ERROR, "plugins", NULL, "the child process that runs the "
		          "capability checks sent a garbled answer; some capabilities read as unknown");
	free(index);
	return dropped;
}

/*
** Checks in a child for the whole catalog (inherited, not loaded again).  A failure names
** the plugin, which is removed here and in the next child; the child is run again until one
** gets through.  Then the answers fill the catalog and, unless only checking, the plugins
** with statements are attached: from here on their code runs in this process.
*/
static size_t check_isolated(vs_plugins *ps, vs_catalog *cat, bool statements,
                             vs_diags *diags)
{
	vs_strv skip = {0};
	vs_buf answer = {0};
	size_t refused = 0;
	bool need_child = ps->n_caps || (statements && ps->n_stmts), here = false;
	active_set = ps;
	while (need_child) {
		probe pr;
		check_probe a = {ps, cat, &skip, statements};
		probe_result r;
		if (ps->started) {
			/* The child plugins_check_start forked for this set and catalog. */
			pr = *ps->started;
			free(ps->started);
			ps->started = NULL;
			r = probe_finish(&pr);
		} else {
			r = probe_run(&pr, check_probe_child, &a, false);
		}
		if (r == PROBE_DONE) {
			answer = pr.data;
			pr.data = (vs_buf){0};
		} else if (r == PROBE_UNAVAILABLE) {
			diags_add(diags, VS_WARNING, "plugins", NULL, "cannot start a child process "
			          "(%s); the capability checks run in this process", strerror(errno));
			here = true;
		} else if (!probe_culprit(&pr) || !find_by_path(ps, probe_culprit(&pr)) ||
		           strv_has(&skip, probe_culprit(&pr))) {
			probe_lost(&pr, "running the capability checks",
			           "every capability reads as unknown", diags);
			refused++;
		} else {
			probe_blame(&pr, diags);
			strv_push(&skip, probe_culprit(&pr));
			refused++;
			probe_free(&pr);
			continue;
		}
		probe_free(&pr);
		break;
	}
	for (size_t i = 0; i < skip.n; i++)
		remove_plugin(ps, find_by_path(ps, skip.v[i]));
	strv_free(&skip);
	for (size_t i = 0; here && i < ps->n;) {
		plugin_impl *p = (plugin_impl *)ps->v[i];
		if (attach(p, diags)) {
			i++;
		} else {
			remove_plugin(ps, p);
			refused++;
		}
	}
	if (here) {
		run_checks(ps, cat, diags);
	} else {
		/* Sized before the answer may drop plugins: large enough either way. */
		for (size_t mi = 0; mi < cat->n; mi++) {
			free(cat->models[mi].caps);
			cat->models[mi].caps = xcalloc(ps->n_caps, 1);
		}
		if (answer.len)
			refused += take_check_answer(ps, cat, &answer, diags);
	}
	buf_free(&answer);
	/* From here on statements run in this process: load their plugins for real. */
	for (size_t i = 0; !statements && i < ps->n;) {
		plugin_impl *p = (plugin_impl *)ps->v[i];
		if (!p->desc.n_statements || attach(p, diags)) {
			i++;
		} else {
			remove_plugin(ps, p);
			refused++;
		}
	}
	return refused;
}

void plugins_check_start(vs_plugins *ps, vs_catalog *cat)
{
	if (!ps->isolated || !ps->n_caps || ps->started)
		return;
	static const vs_strv no_skip;
	check_probe a = {ps, cat, &no_skip, false};
	active_set = ps;
	ps->started = xcalloc(1, sizeof *ps->started);
	if (probe_start(ps->started, check_probe_child, &a, false) != PROBE_DONE) {
		/* plugins_check_models says why (errno is gone by then: it forks again). */
		free(ps->started);
		ps->started = NULL;
	}
}

size_t plugins_check_models(vs_plugins *ps, vs_catalog *cat, vs_diags *diags)
{
	if (!ps->isolated) {
		run_checks(ps, cat, diags);
		return 0;
	}
	return check_isolated(ps, cat, false, diags);
}

/* A started child that is not wanted after all: wait for it and drop its answer. */
static void drop_started(vs_plugins *ps)
{
	if (!ps->started)
		return;
	probe_finish(ps->started);
	probe_free(ps->started);
	free(ps->started);
	ps->started = NULL;
}

size_t plugins_check_all(vs_plugins *ps, vs_catalog *cat, vs_diags *diags)
{
	drop_started(ps); /* it ran no statements */
	if (!ps->isolated) {
		run_checks(ps, cat, diags);
		return 0;
	}
	return check_isolated(ps, cat, true, diags);
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
