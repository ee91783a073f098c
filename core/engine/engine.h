/*
** engine.h — the rule engine: one Lua state per worker, rule files compiled once, model
** views made once per model, rules run for a pair in registration order.
*/
#ifndef VERSUS_ENGINE_H
#define VERSUS_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "cost.h"
#include "diag.h"
#include "facts.h"
#include "plugins.h"
#include "report.h"

typedef struct vs_engine vs_engine;

/* Where rule files come from: directories in precedence order (later wins on the same file
** name).  label is what "source" shows for the directory: "rules" for the shipped one. */
typedef struct vs_rule_dir {
	const char *path;
	const char *label;
} vs_rule_dir;

typedef struct vs_engine_limits {
	long instructions;    /* per rule call (and per file load) */
	size_t memory;        /* bytes rule code may hold */
	double seconds;       /* wall-clock watchdog per rule call */
} vs_engine_limits;

#define VS_ENGINE_LIMITS_DEFAULT {50000000L, 64u * 1024u * 1024u, 5.0}

/* The default limits for a catalog of n models.  What rules may hold grows with the catalog
** (a helper's per-model cache, such as the related-pairs profiles, holds a table a model), so
** the memory cap is the default plus VS_ENGINE_MEMORY_PER_MODEL a model: a fixed cap that
** fits 63 models stops the related-pairs rule at 100,000 (issue 16, item 6). */
#define VS_ENGINE_MEMORY_PER_MODEL (4u * 1024u)
vs_engine_limits engine_limits_for(size_t n_models);

/* Create a worker: a sandboxed Lua state with every rule file loaded.  Load problems go to
** diags (a file that fails to load is left out, the others load).  Returns NULL only when
** the state itself cannot be made. */
vs_engine *engine_new(const vs_rule_dir *dirs, size_t n_dirs, const vs_catalog *cat,
                      vs_plugins *plugins, const vs_engine_limits *limits, vs_diags *diags);

/* Make the report for (a, b) at traffic t. Rule failures become diagnostics in r->diags. */
void engine_report(vs_engine *e, const vs_model *a, const vs_model *b, const vs_traffic *t,
                   vs_report *r);

/* Before a site's worker makes its pages: make the same first pairs of the catalog that
** every worker makes, and start every later pair from the rule state they leave (the
** helpers' caches warm), instead of the state right after loading.  Deterministic: every
** worker of every run does the same. */
void engine_warm_up(vs_engine *e, const vs_traffic *t);

/* What is loaded, for `versus rules`: calls fn once per rule in registration order. */
typedef struct vs_rule_info {
	const char *key;
	const char *section;
	const char *source;   /* the report's form: "rules/30-tradeoffs.lua:12" */
	const char *where;    /* the real place: "/home/me/rules/30-tradeoffs.lua:12" (shipped:
	                      ** the same as source) */
	const char *origin;   /* the rules directory, unless shipped (NULL) */
	bool fallback;
} vs_rule_info;
typedef void (*vs_rule_visit)(void *ctx, const vs_rule_info *rule);
void engine_list_rules(vs_engine *e, vs_rule_visit fn, void *ctx);

/* Compute every registered fact{} for every valid model of the catalog, once, in this
** state (a site's world does this before any worker starts).  A fact that fails is left
** out of the store with a diagnostic; rules then compute it per state as before. */
void engine_compute_facts(vs_engine *e, vs_facts *s, vs_diags *diags);

/* Serve m:fact() from s (read-only, shared by every worker) before computing anything. */
void engine_use_facts(vs_engine *e, const vs_facts *s);

/* A site's index and the page of model m, from the rules' page{} declarations, with each
** model's cost at traffic t.  Rule failures become diagnostics in pg->diags. */
/* A field of a page the rules declare (page{id = "diff", ...}): the string it is, or the one
** its function returns for the n numbers given (a NaN is passed as nil: unknown); NULL when
** it is absent or not a string, the problem added to pg->diags.  `versus diff` takes its
** words from here. */
char *engine_page_text(vs_engine *e, const char *page, const char *field, const double *args,
                       size_t n, vs_page *pg);
void engine_index_page(vs_engine *e, const vs_traffic *t, vs_page *pg);
void engine_model_page(vs_engine *e, const vs_model *m, const vs_traffic *t, vs_page *pg);

/* The words of a site page's link back to the index (page{id = "model"}.back, "All models"),
** which pair pages use too; NULL when the rules give none.  Free it. */
char *engine_back_text(vs_engine *e);

void engine_free(vs_engine *e);

#endif
