/*
** site.h — `versus site DIR`: every pair of a catalog as a static site, made by a load-once
** world and one worker per core.
**
** The world is built once and then only read: the catalog with its capabilities (the
** session's), per-model facts computed once in one Lua state (facts.h), each model's record
** hash, and a hash of the rules, plugins and options.  Workers each own a Lua state (rules
** compiled once per worker), a render buffer and an output writer; they take pages from a
** shared counter, so the pages are the same bytes whatever the number of workers.
**
** Layout: DIR/index.html, DIR/models/<id>.html, DIR/compare/<a>-vs-<b>.html (ids sorted),
** with --json a DIR/compare/<a>-vs-<b>.json beside each pair page.
**
** Incremental: each page has an input hash (the records it shows, the facts its related
** links come from, the rules, plugins and options).  DIR/.versus-manifest lists "hash path"
** for every page, sorted; a re-run renders only pages whose hash changed.  Pages are written
** atomically without a sync each; the file system is synced once at the end, and only then
** is the manifest written.
**
** Shards: --shard K/N renders the pair pages whose index in the sorted pair list is K-1
** modulo N, and shard 1 also renders the index and the model pages; its manifest is
** DIR/.versus-manifest.K-of-N.  The union of the N outputs, with the manifests
** concatenated and sorted into .versus-manifest, is byte for byte one full run
** (docs/scaling.md).
*/
#ifndef VERSUS_SITE_H
#define VERSUS_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "catalog.h"
#include "cost.h"
#include "diag.h"
#include "engine.h"
#include "plugins.h"

typedef struct vs_site_opts {
	const char *dir;
	unsigned jobs;          /* worker threads, at least 1 */
	unsigned shard_k, shard_n; /* 1-based; 0/0 for the whole site */
	bool json;              /* a report.json beside each pair page */
	bool progress;          /* a progress bar on stderr (a terminal) */
	bool progress_lines;    /* a line at each tenth on stderr (not a terminal), big sites */
	bool quiet;             /* no plan line first (pages, bytes), no progress */
	vs_traffic traffic;
	const char *const *plugin_dirs; /* for the content hash of the plugins */
	size_t n_plugin_dirs;
} vs_site_opts;

typedef struct vs_site_stats {
	size_t written, unchanged, failed;
	size_t removed;  /* pages of the last build this one no longer makes */
	size_t rule_diagnostics;
	size_t load_errors;  /* rule files that failed to load: the pages lack their statements */
	double seconds;
} vs_site_stats;

/* Build the site; problems go to diags.  Returns 0, or -1 when the site could not be
** written (a page or the manifest failed; the manifest is then not updated). */
int site_build(const vs_catalog *cat, vs_plugins *plugins, const vs_rule_dir *dirs,
               size_t n_dirs, const vs_site_opts *o, vs_diags *diags, vs_site_stats *st);

#endif
