/*
** versus/plugin.h — the public ABI between the versus core and its C plugins.
**
** A plugin is a shared object that exports one symbol, VERSUS_PLUGIN_ENTRY_SYMBOL, of type
** versus_plugin_entry_fn.  The descriptor it returns starts with the ABI major and minor
** version and its own size; the core reads nothing else until the major equals its own and
** the minor is not newer than its own.  A plugin never links against the program: it reaches
** the core only through the versus_api table handed to each of its functions.
**
** Compatibility rules (SQLite's): versus_api and versus_plugin only ever grow at their end.
** A new entry is marked with the minor version that added it; code that uses it checks
** VERSUS_API_HAS(api, fn) first.  versus_value and versus_item carry no size, so they are
** frozen for a major, like the arrays below.  A change that is not an addition bumps the major.
*/
#ifndef VERSUS_PLUGIN_H
#define VERSUS_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VERSUS_PLUGIN_ABI_MAJOR 1
#define VERSUS_PLUGIN_ABI_MINOR 0

#define VERSUS_PLUGIN_ENTRY_SYMBOL "versus_plugin_entry"

#if defined(__GNUC__)
#define VERSUS_EXPORT __attribute__((visibility("default")))
#else
#define VERSUS_EXPORT
#endif

/* A capability answer.  Unknown is the zero value, so a forgotten return is never "no". */
typedef enum versus_cap_answer {
	VERSUS_CAP_UNKNOWN = 0,
	VERSUS_CAP_NO = 1,
	VERSUS_CAP_YES = 2
} versus_cap_answer;

/* What a field read found. */
typedef enum versus_value_type {
	VERSUS_VALUE_MISSING = 0, /* no such field: unknown */
	VERSUS_VALUE_NULL,        /* explicit null: unknown too */
	VERSUS_VALUE_BOOL,
	VERSUS_VALUE_NUMBER,
	VERSUS_VALUE_STRING,
	VERSUS_VALUE_ARRAY,
	VERSUS_VALUE_OBJECT
} versus_value_type;

/* Frozen for the major: the core fills one the plugin allocated, and no size says how large
** the plugin's is, so a field added here would be written past an older plugin's struct. */
typedef struct versus_value {
	versus_value_type type;
	int boolean;        /* VERSUS_VALUE_BOOL */
	double number;      /* VERSUS_VALUE_NUMBER */
	const char *string; /* VERSUS_VALUE_STRING: valid until the plugin call returns */
	size_t length;      /* string bytes, array elements or object members */
} versus_value;

/* Opaque handles.  Valid only during the call they are passed to; a call made with one
** after that (say from a thread the plugin started) is refused. */
typedef struct versus_model versus_model;
typedef struct versus_pair versus_pair;
typedef struct versus_host versus_host; /* where problems are reported */

/* An item a statement emits: exactly one of text, question + answer, or cells.  Frozen for
** the major: the core reads one the plugin built, and no size says how large the plugin's is,
** so a field added here would be read past an older plugin's struct (a new kind of item means
** a new emit function at the end of versus_api). */
typedef struct versus_item {
	const char *section;          /* a section id of report.md, e.g. "tradeoffs" */
	const char *key;              /* e.g. "faq.capability.audio"; NULL: the statement's key */
	const char *text;
	const char *question;
	const char *answer;
	const char *const *cells;     /* a table row */
	size_t n_cells;
	const char *const *about;     /* model ids; NULL: both models of the pair */
	size_t n_about;
	const char *const *values;    /* what the statement enumerates */
	size_t n_values;
} versus_item;

/*
** The function table the core hands to plugins.  Grows only at its end.
*/
typedef struct versus_api {
	uint32_t size;      /* sizeof(versus_api) as the core was built */
	uint32_t abi_major;
	uint32_t abi_minor;

	/* ---- ABI 1.0 ---- */

	/* The model's id. */
	const char *(*model_id)(const versus_model *m);

	/* Read a field of a model record by path: "context_window", "capabilities.vision",
	** "routes.0.pricing.cached_input_per_mtok".  Fills *out; returns out->type.  A path
	** through a missing or null value reads as VERSUS_VALUE_MISSING. */
	versus_value_type (*model_field)(const versus_model *m, const char *path, versus_value *out);

	/* Report a problem with the plugin's name attached (a diagnostic, not a crash). */
	void (*report_problem)(versus_host *host, const char *message);

	/* Emit an item into the report being made for a pair.  Returns 0, or -1 when the item
	** is malformed (it is then dropped and reported as a diagnostic). */
	int (*emit_item)(versus_pair *pair, const versus_item *item);

	/* The two models of a pair: which = 0 for A, 1 for B. */
	const versus_model *(*pair_model)(const versus_pair *pair, int which);

	/* A loaded capability check's answer for a model, by capability id (any plugin's).
	** Inside a capability check it answers the record's explicit value, or the answer of a
	** check earlier in table order; otherwise VERSUS_CAP_UNKNOWN. */
	versus_cap_answer (*model_cap)(const versus_model *m, const char *capability_id);

	/* Where a statement reports problems: the host for the current call of run(), to pass
	** to report_problem.  Problems land in the report's diagnostics under the statement's
	** key. */
	versus_host *(*pair_host)(versus_pair *pair);
} versus_api;

/*
** Does the table the core handed over hold function fn, set?  api->size is the table's size
** as the running core was built, so a plugin built against a newer header than that core
** asks before calling an entry of a later minor:
**     if (VERSUS_API_HAS(api, some_later_fn)) api->some_later_fn(...);
** It never reads past the core's table: the size is compared first.
*/
#define VERSUS_API_HAS(api, fn)                                                            \
	((api)->size >= offsetof(versus_api, fn) + sizeof((api)->fn) && (api)->fn != NULL)

/*
** versus_capability and versus_statement come in arrays, so their layout is fixed for a
** major version: a field added to either means a new major (or a new array appended to
** versus_plugin).
*/

/* A capability check: one row of the capability table. */
typedef struct versus_capability {
	const char *id;     /* e.g. "vision"; the record key under "capabilities" */
	const char *label;  /* e.g. "Vision" */
	const char *group;  /* e.g. "integration" for the integration surface; NULL: none */
	int order;          /* position in the table, smaller first (ties: id order) */
	/* The answer for one model.  Runs once per model, before any report is made.  An
	** explicit true/false under capabilities.<id> in the record wins over what this
	** returns; a value other than the three answers is a diagnostic and reads as unknown. */
	versus_cap_answer (*check)(const versus_api *api, const versus_model *m, void *data);
} versus_capability;

/* A statement a plugin makes about a pair, in a section of report.md. */
typedef struct versus_statement {
	const char *key;
	const char *section;
	/* Emit zero or more items through api->emit_item.  Returns 0, or non-zero on failure
	** (reported as a diagnostic naming the plugin and the key). */
	int (*run)(const versus_api *api, versus_pair *pair, void *data);
} versus_statement;

enum {
	/* Its functions may run concurrently.  Without it the core never runs two calls into
	** one plugin at the same time (it holds a lock per plugin around each call). */
	VERSUS_PLUGIN_REENTRANT = 1u << 0
};

/* The descriptor.  Strings and arrays are copied by the core at load. */
typedef struct versus_plugin {
	uint32_t abi_major; /* VERSUS_PLUGIN_ABI_MAJOR */
	uint32_t abi_minor; /* VERSUS_PLUGIN_ABI_MINOR */
	uint32_t size;      /* sizeof(versus_plugin) as the plugin was built */
	uint32_t flags;     /* VERSUS_PLUGIN_* */

	/* ---- ABI 1.0 ---- */
	const char *name;    /* [a-z0-9_-]+, unique among loaded plugins */
	const char *version; /* the plugin's own version, e.g. "1.2.0" */

	const versus_capability *capabilities;
	size_t n_capabilities;
	const versus_statement *statements;
	size_t n_statements;

	/* Optional.  Called once after load; returns 0, or non-zero with a message in err
	** (the plugin is then refused, and fini is not called).  *data is passed to every
	** later call.  host is valid during this call only. */
	int (*init)(const versus_api *api, versus_host *host, void **data, char *err, size_t errlen);
	/* Optional.  Called once before unload, only after init (if any) succeeded. */
	void (*fini)(void *data);
} versus_plugin;

/* The one symbol a plugin exports. */
typedef const versus_plugin *(*versus_plugin_entry_fn)(void);

/* Initialise a descriptor's header: VERSUS_PLUGIN_HEADER(0) in a designated initialiser. */
#define VERSUS_PLUGIN_HEADER(flags_)                                                      \
	.abi_major = VERSUS_PLUGIN_ABI_MAJOR, .abi_minor = VERSUS_PLUGIN_ABI_MINOR,            \
	.size = (uint32_t)sizeof(versus_plugin), .flags = (flags_)

#ifdef __cplusplus
}
#endif

#endif /* VERSUS_PLUGIN_H */
