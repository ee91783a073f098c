/*
** plugins_private.h — what the files of core/plugins/ share; plugins.h is the public face.
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
**
** The rooms: plugins_guard.c (the call context, the watchdog, the crash and exit() guards),
** plugins_text.c (strings from plugins), plugins_load.c (finding files, trust checks,
** dlopen, the set), plugins_descriptor.c (copying and checking a descriptor),
** plugins_answers.c (the capability answers the set owns), plugins_probe.c (probe children
** and their wire), plugins_isolated.c (loading and checking in a child), plugins_run.c
** (running checks and statements) and plugins_api.c (the versus_api table).
*/
#ifndef VERSUS_PLUGINS_PRIVATE_H
#define VERSUS_PLUGINS_PRIVATE_H

#include <pthread.h>
#include <stdatomic.h>
#include <sys/types.h>

#include "exit_status.h"
#include "plugins.h"
#include "util.h"

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

/* cli.md's "a plugin could not be loaded" class. */
#define EXIT_STATUS_PLUGIN VS_EXIT_SYSTEM

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

/* {====== The call context (plugins_guard.c)
** What this thread is calling into, so that the api functions can refuse handles used
** outside their call, find the plugin set whose answers model_cap reads, an exit() handler
** can name the plugin, and the beacon (in a probe child) or the watchdog (here) can say what
** a plugin was doing when it crashed or hung. */

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
	const vs_plugins *set;   /* whose answers model_cap reads (checks and statements) */
} call_ctx;

extern _Thread_local call_ctx *plugin_call; /* NULL outside any plugin call */

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

extern probe_beacon *child_beacon; /* set in a probe child only */

void call_enter(plugin_impl *p, call_ctx *ctx, call_ctx **saved);
void call_leave(plugin_impl *p, call_ctx *saved);
void cat_doing(char *buf, size_t n, size_t *len, int kind, const char *model,
               const char *key, const char *a, const char *b);
void timeout_warning(vs_diags *diags);
long ms_since(const struct timespec *t0, const struct timespec *t1);
int tick_ms(void);
/* Install the exit() guard (once, before any plugin code runs). */
void exit_guard_arm(void);
/* In a probe child: a crash ends it by its signal, for the parent to name. */
void crash_report_default(void);

/* }====== */

/* {====== Strings from plugins (plugins_text.c) */

enum { TEXT_NO_NEWLINES = 0, TEXT_NEWLINES = 1 };

const char *text_problem(const char *s, size_t max, int newlines);
char *printable(const char *s, size_t max);
bool is_ident(const char *s, size_t max, const char *extra);
const char *keep_copy(plugin_impl *p, const char *s);
/* A plugin's name before its descriptor gives one: its file name without ".so". */
char *file_label(const char *path);

/* }====== */

/* {====== Loading (plugins_load.c) */

typedef struct candidate {
	char *name;   /* file name, "x.so" */
	char *path;   /* "dir/x.so": always with a '/', so dlopen never searches */
	char *dir;    /* the directory it was found in */
	size_t dir_index;
} candidate;

size_t collect_candidates(const char *const *dirs, size_t n_dirs, candidate **cands,
                          vs_diags *diags);
void candidates_free(candidate *cands, size_t n);
size_t load_candidates(vs_plugins *ps, const candidate *cands, size_t n,
                       const vs_strv *skip, void (*on_skip)(void *, const char *),
                       void *arg, vs_diags *diags);
plugin_impl *impl_new(void);
void impl_free(plugin_impl *p);
void add_plugin(vs_plugins *ps, plugin_impl *p);
void finish_set(vs_plugins *ps);
void remove_plugin(vs_plugins *ps, plugin_impl *p);
plugin_impl *find_by_path(const vs_plugins *ps, const char *path);
bool strv_has(const vs_strv *v, const char *s);
bool plugin_attach(plugin_impl *p, vs_diags *diags);

/* Copy and check the descriptor's contents (past the ABI header): plugins_descriptor.c.
** Returns NULL, or the reason the plugin is refused (allocated). */
char *take_descriptor(plugin_impl *p, const vs_plugins *ps, const versus_plugin *d);

/* }====== */

/* {====== Capability answers (plugins_answers.c) */

vs_cap_answers *answers_reset(vs_plugins *ps, const vs_catalog *cat);
uint8_t *answer_row(const vs_cap_answers *t, size_t mi);
void answers_keep(vs_plugins *ps, const bool *keep);

/* }====== */

/* {====== Probe children (plugins_probe.c) */

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

typedef struct vs_probe {
	probe_beacon *b;
	vs_buf data;          /* what the child sent */
	int status;           /* its wait status */
	bool timed_out;
	pid_t pid;            /* the child, between probe_start and probe_finish */
	int fd;               /* the pipe it writes to */
} probe;

typedef enum probe_result { PROBE_DONE, PROBE_FAILED, PROBE_UNAVAILABLE } probe_result;

void put_u32(vs_buf *b, uint32_t v);
void put_str(vs_buf *b, const char *s);
uint32_t get_u32(wire *w);
char *get_str(wire *w);
void put_diags(vs_buf *b, const vs_diags *d);
void get_diag(wire *w, vs_diags *d);
void probe_free(probe *pr);
probe_result probe_start(probe *pr, void (*fn)(void *, vs_buf *), void *arg, bool quiet);
probe_result probe_finish(probe *pr);
probe_result probe_run(probe *pr, void (*fn)(void *, vs_buf *), void *arg, bool quiet);
const char *probe_culprit(const probe *pr);
void probe_blame(const probe *pr, vs_diags *diags);
/* A started check child that is not wanted after all: wait for it, drop its answer. */
void drop_started(vs_plugins *ps);
void probe_lost(const probe *pr, const char *what, const char *so, vs_diags *diags);

/* }====== */

/* {====== Checks and statements (plugins_run.c; in a child: plugins_isolated.c) */

size_t check_isolated(vs_plugins *ps, const vs_catalog *cat, bool statements,
                      vs_diags *diags);
const vs_cap_answers *run_checks(vs_plugins *ps, const vs_catalog *cat,
                                 vs_diags *diags);
void run_statement_pairs(vs_plugins *ps, const vs_catalog *cat, vs_diags *diags);

/* }====== */

#endif
