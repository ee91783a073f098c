/*
** plugins_guard.c — the call context and the guards around every plugin call: the
** watchdog that bounds a call in time, the crash report and the exit() guard.
*/
#include "plugins_private.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

_Thread_local call_ctx *plugin_call;
probe_beacon *child_beacon;
static _Thread_local unsigned call_depth;

bool plugins_in_call(const char **plugin, const char **model)
{
	const call_ctx *c = plugin_call;
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
	char tmp[24], *end = tmp + sizeof tmp;
	for (const char *d = vs_udigits(end, v); d < end && *len + 1 < n; d++)
		buf[(*len)++] = *d;
	buf[*len] = '\0';
}

/* What a call was doing: "while checking model 'x'", "in statement 'k' for the pair 'a' vs
** 'b'", ... */
void cat_doing(char *buf, size_t n, size_t *len, int kind, const char *model,
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

void timeout_warning(vs_diags *diags)
{
	plugins_timeout_ms();
	if (timeout_bad)
		diags_add(diags, VS_WARNING, "VERSUS_PLUGIN_TIMEOUT_MS", NULL,
		          "expected a number of milliseconds from 1 to %u; using %u", TIMEOUT_MAX_MS,
		          TIMEOUT_DEFAULT_MS);
}

long ms_since(const struct timespec *t0, const struct timespec *t1)
{
	return (long)(t1->tv_sec - t0->tv_sec) * 1000 + (t1->tv_nsec - t0->tv_nsec) / 1000000;
}

/* A poll tick: often enough that an overrun is seen soon after the limit, rarely enough
** to cost nothing. */
int tick_ms(void)
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
	const call_ctx *c = plugin_call;
	if (c && !child_beacon) { /* a probe child's parent says it */
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

/* A crash ends a probe child by its signal, for the parent to name (a sanitizer's handler
** would turn it into an exit status, and a handler of ours adds nothing). */
void crash_report_default(void)
{
	for (size_t i = 0; i < VS_ARRAY_LEN(crash_signals); i++)
		signal(crash_signals[i], SIG_DFL);
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
	if (child_beacon) {
		unsigned long s = atomic_load_explicit(&child_beacon->seq, memory_order_relaxed);
		child_beacon->kind = c->kind;
		copy_field(child_beacon->path, sizeof child_beacon->path, c->path);
		copy_field(child_beacon->who, sizeof child_beacon->who, c->who);
		copy_field(child_beacon->model, sizeof child_beacon->model, c->model);
		copy_field(child_beacon->key, sizeof child_beacon->key, key);
		copy_field(child_beacon->pair[0], sizeof child_beacon->pair[0], a);
		copy_field(child_beacon->pair[1], sizeof child_beacon->pair[1], b);
		atomic_store_explicit(&child_beacon->seq, s | 1, memory_order_release);
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
	if (child_beacon) {
		unsigned long s = atomic_load_explicit(&child_beacon->seq, memory_order_relaxed);
		atomic_store_explicit(&child_beacon->seq, s + 1, memory_order_release);
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
	const call_ctx *c = plugin_call;
	if (!c)
		return;
	if (child_beacon) {
		atomic_store(&child_beacon->exit_called, 1);
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

void exit_guard_arm(void)
{
	pthread_once(&exit_guard_once, exit_guard_install);
}

void call_enter(plugin_impl *p, call_ctx *ctx, call_ctx **saved)
{
	if (p && !p->pub.reentrant)
		pthread_mutex_lock(&p->lock);
	*saved = plugin_call;
	plugin_call = ctx;
	if (call_depth++ == 0)
		watch_enter(ctx);
}

void call_leave(plugin_impl *p, call_ctx *saved)
{
	if (--call_depth == 0)
		watch_leave();
	plugin_call = saved;
	if (p && !p->pub.reentrant)
		pthread_mutex_unlock(&p->lock);
}

/* }====== */
