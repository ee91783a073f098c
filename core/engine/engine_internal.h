/*
** engine_internal.h — the engine's state, shared by the files of core/engine/ that make it
** (engine.c: running rules for a pair; engine_register.c: the calls rule files make;
** engine_load.c: loading rule files; pair_table.c: the pair table p; site_pages.c: a site's
** index and model pages).  Nothing outside core/engine/ includes it.
*/
#ifndef VERSUS_ENGINE_INTERNAL_H
#define VERSUS_ENGINE_INTERNAL_H

#include <lua.h>

#include "engine.h"
#include "luaview.h"
#include "sandbox.h"

#define MAX_RULE_FILE_BYTES (1u * 1024u * 1024u)

typedef struct rule_def {
	char *key;
	vs_section_id section;
	char *source;   /* "rules/30-tradeoffs.lua:12": the report's form (report.md) */
	char *where;    /* the same place in its real directory, for diagnostics (cli.md) */
	char *origin;   /* the directory it came from, when not the shipped one; else NULL */
	int fn_ref;     /* registry reference to the function */
	bool fallback;  /* runs last, and only when its section got nothing else */
} rule_def;

typedef struct section_def {
	bool declared;
	char *source;        /* where section{} is, in the report's form; where: the real place */
	char *where;
	char *origin;        /* its rules directory, unless shipped (NULL) */
	char *title;
	vs_style style;
	vs_strv columns;     /* fixed columns, or */
	int columns_ref;     /* a function of p (LUA_NOREF when none) */
	vs_strv chart;       /* the chart's words, VS_CHART_* order ("" when not given) */
} section_def;

typedef struct rule_file {
	char *rel;      /* "30-tradeoffs.lua", "lib/fmt.lua" */
	char *path;     /* the file on disk */
	char *dir_label;
} rule_file;

/* A loaded file's chunk name (its real place, which diagnostics show) and its name in the
** report's form, "rules/REL" (which `source` shows, so goldens do not depend on where a
** checkout lives): shipped files are the same in both. */
typedef struct chunk_name {
	char *real;
	char *shown;
} chunk_name;

struct vs_engine {
	vs_sandbox *sb;
	const vs_catalog *cat;
	vs_plugins *plugins;
	rule_def *rules;
	size_t n_rules, cap_rules;
	section_def sections[VS_SEC_COUNT];
	int title_ref;
	char *title_source;
	char *title_where;
	char *title_origin;
	chunk_name *chunks;
	size_t n_chunks, cap_chunks;
	bool loading;   /* rule{}, section{} and title{} work only while files load */
	/* What the file being loaded declared, so a failed load can be undone entirely. */
	bool declared_now[VS_SEC_COUNT];
	bool title_now;
	vs_strv facts_now;
	const char *loading_origin; /* the file being loaded: its directory, unless shipped */
	int catalog_ref;
	int cap_entries_ref; /* p.capabilities entries made so far, by check and answers */
	int libs_ref;        /* the helper libraries' own tables, as their files returned them */
	/* p.serial: counts the warm-up pairs (engine_warm_up), then stays one above: rule state
	** is put back after every pair, so one number serves every later pair */
	lua_Integer pair_serial;
	bool serial_fixed;
	/* m:fact() reads the run's facts through fact_source (engine_use_facts) */
	const vs_facts *fact_store;
	view_fact_source fact_source;
	bool profiling; /* VERSUS_PROFILE_RULES: each call's instructions go to rule_profile.c */
};

/* engine_register.c: the registry key of the pages page{} declared (a table by id). */
extern const char PAGES_KEY[];
/* Put rule{}, section{}, title{}, fact{} and page{} into the sandbox's base, bound to e. */
void register_api(lua_State *L, vs_engine *e);

/* engine_load.c: record the state rule code can change, to put it back after every pair. */
void snapshot_rules(vs_engine *e, vs_diags *diags);

/* What build_pair reads: the engine, the two models, the traffic and the report. */
typedef struct pair_args {
	vs_engine *e;
	const vs_model *m[2];
	const vs_traffic *t;
	const vs_report *r;
} pair_args;

/* pair_table.c: build p for the report at the top of the stack (a protected call). */
int build_pair(lua_State *L);
/* pair_table.c: one model's cost block as rules read it. */
void push_cost(lua_State *L, const vs_cost *c);

/* engine.c: a string or number as text (free it); NULL for anything else. */
char *raw_text(lua_State *L, int idx);
/* engine.c: put rule state back as it was after loading, once a pair (or page) is done. */
void end_of_pair(vs_engine *e);

#endif
