/*
** plugins.h — loading C plugins (dlopen), checking their ABI, copying their descriptors,
** running capability checks once per model and plugin statements once per pair.
*/
#ifndef VERSUS_PLUGINS_H
#define VERSUS_PLUGINS_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "diag.h"
#include "report.h"
#include "versus/plugin.h"

typedef struct vs_plugin vs_plugin;

/* One capability check, copied from a plugin's descriptor. */
typedef struct vs_capcheck {
	char *id;
	char *label;
	char *group;   /* "" when none */
	int order;
	vs_plugin *plugin;
	const versus_capability *def; /* for ->check; lives in the loaded object */
} vs_capcheck;

typedef struct vs_plugin_statement {
	char *key;
	int section;   /* vs_section_id */
	vs_plugin *plugin;
	const versus_statement *def;
} vs_plugin_statement;

struct vs_plugin {
	char *name;
	char *version;
	char *path;
	void *handle;
	void *data;    /* from init */
	const versus_plugin *desc;
	uint32_t abi_major, abi_minor;
	bool reentrant;
};

/* The capability answers for the models of one catalog: a row of `stride` answers (a
** versus_cap_answer each, in table order) per model, in catalog order.  The set that ran the
** checks owns them, so the catalog stays read-only once loaded and two sets (or two
** catalogs) never see each other's answers. */
typedef struct vs_cap_answers {
	const vs_model *models;  /* the catalog's models: which catalog these answer for */
	size_t n_models;
	size_t stride;
	uint8_t *v;
} vs_cap_answers;

typedef struct vs_plugins {
	vs_plugin **v;
	size_t n, cap;
	vs_capcheck *caps;       /* all loaded checks, in table order (order, then id) */
	size_t n_caps;
	vs_plugin_statement *stmts; /* in load order */
	size_t n_stmts;
	const char **cap_ids;    /* ids of caps, for record validation */
	bool isolated;           /* loaded by plugins_load_isolated: checks run in a child */
	struct vs_probe *started; /* the check child plugins_check_start forked, or NULL */
	vs_cap_answers *answers; /* one table per catalog checked */
	size_t n_answers;
} vs_plugins;

/* Load every *.so in each directory (directories in order; a later file of the same name
** replaces an earlier one; files in one directory in sorted order).  Problems (unreadable
** file, no entry symbol, ABI mismatch, bad descriptor, failing init, duplicate capability
** id) go to diags naming the plugin; the plugin is left out and loading goes on.  Returns the
** number of plugins refused. */
size_t plugins_load(vs_plugins *ps, const char *const *dirs, size_t n_dirs, vs_diags *diags);

/* The same, but no plugin code runs in this process yet: a child process loads every file
** (constructors, entry point, init) and sends back the descriptors; a file whose code
** crashed, ended the process or did not return within the plugin time limit there is named
** and left out (and the child is started again without it).  Checks then run in a child too
** (plugins_check_models); only plugins with statements are ever loaded in this process, once
** the checks have passed.  Call before any thread starts.  Returns the number refused. */
size_t plugins_load_isolated(vs_plugins *ps, const char *const *dirs, size_t n_dirs,
                             vs_diags *diags);
void plugins_free(vs_plugins *ps);

/* Run every capability check on every valid model of the catalog; the set keeps the answers
** (plugins_answer).  For a set from plugins_load_isolated the checks run in one child process
** for the whole catalog (call before any thread starts): a plugin whose check crashes, ends the
** process or overruns the time limit is named with the model, removed from the set, and the
** child run again without it; then the plugins with statements are loaded here.  Returns the
** number of plugins removed (0 for an in-process set). */
size_t plugins_check_models(vs_plugins *ps, const vs_catalog *cat, vs_diags *diags);

/* Start the child of plugins_check_models now and return at once, so this process can do
** other work (compile the rules) while the checks run; plugins_check_models then waits for
** it, and only then are answers, refusals and diagnostics known.  Between the two calls,
** change neither the set nor the catalog.  Nothing happens for a set that is not isolated
** or has no checks; plugins_free reaps a child nobody waited for. */
void plugins_check_start(vs_plugins *ps, const vs_catalog *cat);

/* For `versus check`: as plugins_check_models on an isolated set, and in the same child
** every statement also runs on the pairs of the catalog (every ordered pair of valid models,
** or a sample of them that pairs each model with several others in both orders when there
** are more than VS_CHECK_MAX_PAIRS); a crash, an exit or a time-out names the plugin, the
** statement and the pair.  Problems the statements report are added once each. */
#define VS_CHECK_MAX_PAIRS 200000
size_t plugins_check_all(vs_plugins *ps, const vs_catalog *cat, vs_diags *diags);

/* The time one plugin call may take, in milliseconds: VERSUS_PLUGIN_TIMEOUT_MS, else 10000.
** In a probe child the parent enforces it; in this process a watchdog thread does (it
** writes which plugin overran and ends the process with status 4: a call that does not
** return cannot be abandoned safely). */
unsigned plugins_timeout_ms(void);

/* Run every plugin statement for the pair, adding items to the report. */
void plugins_run_statements(vs_plugins *ps, const vs_model *a, const vs_model *b, vs_report *r);

/* The index of a capability id among the loaded checks, or -1. */
int plugins_cap_index(const vs_plugins *ps, const char *id);

/* The answer of check number cap (plugins_cap_index) for a model of a catalog this set checked:
** an explicit true/false in the record, else the check's answer.  Unknown for a catalog the set
** never checked, an invalid model or a bad index.  Tables are found by the address of the
** catalog's models: a catalog freed and another loaded in its place must be checked again before
** its answers are read (checking replaces any table over the same memory). */
versus_cap_answer plugins_answer(const vs_plugins *ps, const vs_model *m, int cap);

/* The versus_api table the core hands to plugins. */
const versus_api *plugins_api(void);

/* Whether this thread is inside a call into a plugin (dlopen and its constructors, the
** entry point, init, a check, a statement, fini).  If so, *plugin gets the plugin's name
** (its file path while it is being loaded) and *model the id of the model being checked, or
** NULL.  For crash reports.  (exit() inside a plugin call is already caught: plugins_load
** installs an atexit handler that prints "versus: plugin 'X' called exit() while checking
** model 'Y'" on stderr and _exit(4)s, so such a run never reports success; in a probe child
** it tells the parent instead.) */
bool plugins_in_call(const char **plugin, const char **model);

#endif
