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

typedef struct vs_plugins {
	vs_plugin **v;
	size_t n, cap;
	vs_capcheck *caps;       /* all loaded checks, in table order (order, then id) */
	size_t n_caps;
	vs_plugin_statement *stmts; /* in load order */
	size_t n_stmts;
	const char **cap_ids;    /* ids of caps, for record validation */
} vs_plugins;

/* Load every *.so in each directory (directories in order; a later file of the same name
** replaces an earlier one; files in one directory in sorted order).  Problems (unreadable
** file, no entry symbol, ABI mismatch, bad descriptor, failing init, duplicate capability
** id) go to diags naming the plugin; the plugin is left out and loading goes on.  Returns the
** number of plugins refused. */
size_t plugins_load(vs_plugins *ps, const char *const *dirs, size_t n_dirs, vs_diags *diags);
void plugins_free(vs_plugins *ps);

/* Run every capability check on every valid model of the catalog; fills model->caps. */
void plugins_check_models(vs_plugins *ps, vs_catalog *cat, vs_diags *diags);

/* Run every plugin statement for the pair, adding items to the report. */
void plugins_run_statements(vs_plugins *ps, const vs_model *a, const vs_model *b, vs_report *r);

/* The index of a capability id among the loaded checks, or -1. */
int plugins_cap_index(const vs_plugins *ps, const char *id);

/* The versus_api table the core hands to plugins. */
const versus_api *plugins_api(void);

/* Whether this thread is inside a call into a plugin (dlopen and its constructors, the
** entry point, init, a check, a statement, fini).  If so, *plugin gets the plugin's name
** (its file path while it is being loaded) and *model the id of the model being checked, or
** NULL.  For crash reports.  (exit() inside a plugin call is already caught: plugins_load
** installs an atexit handler that prints "versus: plugin 'X' called exit() while checking
** model 'Y'" on stderr and _exit(4)s, so such a run never reports success.) */
bool plugins_in_call(const char **plugin, const char **model);

#endif
