/*
** import.h — `versus import`: model records from public datasets (cli.md, "import").
**
** The pipeline, one format a run:
**   1. A parser (import_openrouter.c, import_litellm.c) reads each input file whole, checks its
**      shape, and turns every entry into a *candidate* (a partial record for one model id, with
**      one route) or a skip with its reason.  Bad input is an error before anything is written.
**      What the parsers share (the walk over entries, error places, skips, prices, the batch
**      they fill) is import_common.c; each keeps only what its dataset's format says.
**   2. Candidates for one id are folded into that format's *proposal* (import_fold), the
**      first-party entry first; the proposals of the formats this run did not read come from
**      the state file, so `import openrouter` and `import litellm` compose in either order.
**   3. The driver (import.c) merges each combined proposal three ways with the record on disk
**      and what the importer proposed last time (the state file, DIR/import-state.json): a
**      field nobody edited takes the new value, a field an analyst edited is kept unless
**      --force.  Records are written atomically in canonical key order, only when they change.
** docs/data.md ("Importing") describes the matching rules and the state file for analysts.
*/
#ifndef VERSUS_IMPORT_H
#define VERSUS_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "util.h"

/* {====== Tables analysts edit (the JSON files of DATA/import) */

typedef struct imp_creator {
	char *name;        /* "OpenAI" */
	char **orgs;       /* OpenRouter / Hugging Face organisations: "openai", "meta-llama" */
	size_t n_orgs;
	char **names;      /* fnmatch patterns over a normalised model name: "gpt-*" */
	size_t n_names;
	char **providers;  /* the creator's own APIs, primary first: "OpenAI API" */
	size_t n_providers;
} imp_creator;

typedef struct imp_pair {
	char *key;    /* a pattern or a name */
	char *value;  /* what it maps to */
} imp_pair;

typedef struct imp_tables {
	imp_creator *creators;
	size_t n_creators;
	imp_pair *aliases;      /* normalised name -> record id (exact) */
	size_t n_aliases;
	imp_pair *families;     /* pattern over the record id -> family, first match wins */
	size_t n_families;
	imp_pair *providers;    /* LiteLLM provider pattern -> our provider name */
	size_t n_providers;
	imp_pair *provider_skips; /* LiteLLM provider pattern -> why its entries are skipped */
	size_t n_provider_skips;
	imp_pair *skips;        /* pattern over an entry's key ("litellm:KEY", "openrouter:ID") -> reason */
	size_t n_skips;
	imp_pair *copies;       /* a provider's copy of a model's name -> the model's: "databricks-*" -> "*" */
	size_t n_copies;
	imp_pair *kinds;        /* pattern over the record id -> product_type: "*-embed*" -> "Embedding model" */
	size_t n_kinds;
	imp_pair *variants;     /* OpenRouter's ":nitro"-style suffixes that are a route of the base
	                        ** model, not a model -> what the variant is (for --verbose) */
	size_t n_variants;
	char *openrouter_provider; /* "OpenRouter" */
	/* Ids of the records already in the output directory, by normalised id and by the
	** normalised model name of each of their routes: a hand-made record claims its names. */
	imp_pair *existing;
	size_t n_existing;
} imp_tables;

/* Load DIR/{first_party,aliases,families,providers}.json.  Returns 0, or -1 with a message
** ("FILE: $.creators[2].orgs: expected an array of strings") in *err (malloc'd). */
int imp_tables_load(imp_tables *t, const char *dir, char **err);
void imp_tables_free(imp_tables *t);

/* The creator whose organisation is org (may be NULL) or whose name pattern matches the
** normalised name; NULL when none does. */
const imp_creator *imp_creator_find(const imp_tables *t, const char *org, const char *name);
/* Position of provider among the creator's own APIs (0 = primary), or -1. */
int imp_creator_provider_rank(const imp_creator *c, const char *provider);
const char *imp_family(const imp_tables *t, const char *id);
/* The skip reason of the first pattern matching key, or NULL. */
const char *imp_pair_match(const imp_pair *v, size_t n, const char *key);
const char *imp_pair_exact(const imp_pair *v, size_t n, const char *key);

/* }====== */

/* {====== Names, ids and numbers (import_match.c: pure functions, unit-tested) */

/* A model name as our rules compare it: the last '/' component, lower case; a Bedrock-style
** "us." region and "anthropic." vendor prefix and "-v2:0" / ":0" suffix removed; '@' read as
** '-'; a hyphen between two lone digits read as a dot ("claude-3-5-sonnet" ->
** "claude-3.5-sonnet", "llama-3-1-8b" -> "llama-3.1-8b", never a date); with p_digits, a 'p'
** between digits read as a dot (Fireworks' "llama-v3p1"); Azure's "gpt-35-turbo" read as
** "gpt-3.5-turbo"; "meta-llama…" read as "llama…"
** (Hugging Face's "Meta-Llama-3.1-8B" is Meta's Llama 3.1 8B); then every character outside
** [a-z0-9._-] becomes '-', runs of '-' fold and '-' is trimmed at both ends.  Never NULL. */
char *imp_normalise(const char *raw, bool p_digits);
/* The display form of raw: its last component with the same prefixes and suffixes removed,
** case kept. */
char *imp_display_name(const char *raw);
/* The model a provider's copy names (aliases.json's "copies": "databricks-*" -> "*", Groq's
** "llama3-*b-8192" -> "llama3-*b-instruct", "*-hf", Vertex's "*-001"): the first pattern
** that matches, its one '*' carried into the replacement, normalised again; else a copy of
** name.  The route keeps the provider's own name. */
char *imp_base_name(const imp_tables *t, const char *name);
/* The key two names must share to be one model: the normalised name with every hyphen
** between a letter and a digit dropped ("qwen-2.5-7b" and "qwen2.5-7b", "llama-3.1" and
** "llama3.1" are written both ways by providers).  Never used as an id. */
char *imp_match_key(const char *normalised);
/* The region a Bedrock cross-region model id names ("us.anthropic.claude-…" -> "US
** (cross-region inference)"), or NULL. */
const char *imp_bedrock_region(const char *raw);
/* The vendor a Bedrock-style id names ("us.deepseek.r1-v1:0" -> "deepseek"), or NULL. */
char *imp_vendor(const char *raw);
/* A record id the validator accepts: record_id_is_safe (record.h). */
bool imp_id_ok(const char *id);

typedef enum imp_price_status {
	IMP_PRICE_OK,       /* *out holds USD per million tokens */
	IMP_PRICE_ZERO,     /* 0: unknown (a paid model's 0 is a missing price, never free) */
	IMP_PRICE_NEGATIVE, /* -1 and the like: OpenRouter's "varies"; unknown */
	IMP_PRICE_BAD       /* not a decimal number */
} imp_price_status;

/* A per-token price written as a decimal string ("0.0000025", "3e-06") as USD per million
** tokens, exactly: the decimal point moves six places in the text, and only then is the
** number read, so "3e-06" gives 3 and "0.00000015" gives 0.15 (never 2.9999999999999996). */
imp_price_status imp_price_from_text(const char *s, double *out);
/* The same for a price jansson read as a double: its shortest round-trip text first
** (json_shortest). */
imp_price_status imp_price_from_double(double d, double *out);
/* batch_discount from standard and batch prices: the fraction taken off when both batch
** prices are the same fraction of the standard ones (within 1e-9), rounded to 10 digits;
** -1 when they are not, or the discount would not be in (0, 1). */
double imp_batch_discount(double in, double out, double batch_in, double batch_out);

/* Small JSON helpers the parsers share: what a value is ("an array", "null"), whether an
** array holds the string s, and reading a whole input file (NULL with *err set, malloc'd, as
** "FILE:LINE:COL: not valid JSON: ..."; any JSON value is accepted, the caller checks the
** shape). */
const char *imp_json_kind(const json_t *v);
bool imp_has_string(const json_t *arr, const char *s);
json_t *imp_load_input(const char *path, char **err);

/* }====== */

/* {====== Candidates and proposals (import_common.c: batches; import.c: the rest) */

typedef struct imp_candidate {
	char *key;         /* the match key (imp_match_key of idform): equal keys, one record */
	char *idform;      /* the normalised name (an alias's target once resolved): the id of a
	                   ** record this entry starts */
	char *name;        /* the normalised name as the entry gave it, for --verbose */
	char *id;          /* the record id it belongs to, once resolved (import.c) */
	char *label;       /* where it came from, for messages: "litellm-model-prices.json: azure/gpt-4o" */
	int rank;          /* 0 for a first-party entry, 1 otherwise: lower folds first */
	bool copy;         /* its name is a provider's copy (aliases.json "copies"): it folds after
	                   ** the entries of the same rank that use the model's own name, so a
	                   ** route's model is the provider's plain name when it lists one (AI21's
	                   ** "jamba-1.5-large" before the Vertex-style "jamba-1.5-large@001") */
	bool variant;      /* an OpenRouter variant (aliases.json "variants": ":nitro", ...) of the
	                   ** base model: it gives the base's OpenRouter route only when the base
	                   ** entry is not listed, never its price beside the base's */
	size_t order;      /* input order, the tie-break */
	json_t *record;    /* partial record: facts this entry gives, one route */
	/* context window as the source counts it, for disagreements under --verbose */
	const char *window_basis; /* "context_length (input and output)", "max_input_tokens (input only)" */
} imp_candidate;

typedef struct imp_skip {
	char *label;
	char *reason;
} imp_skip;

typedef struct imp_batch {
	imp_candidate *cands;
	size_t n_cands, cap_cands;
	imp_skip *skips;
	size_t n_skips, cap_skips;
	size_t n_entries;
	vs_buf notes;     /* --verbose lines gathered while parsing */
	imp_pair *typed;  /* match key of a skipped non-chat entry -> its product_type */
	size_t n_typed, cap_typed;
} imp_batch;

void imp_batch_free(imp_batch *b);
/* A new candidate for the entry label whose model name normalises to idform; its record
** starts empty ({}), rank 1, order = its place in the batch. */
imp_candidate *imp_candidate_add(imp_batch *b, const char *label, const char *idform);
/* capabilities.<id> = yes/no on a candidate record (within one entry, a "yes" wins). */
void imp_set_cap(json_t *rec, const char *id, bool yes);
/* A price as JSON: an integer when it is whole (10), a real otherwise (0.3). */
json_t *imp_number(double d);
void imp_skip_add(imp_batch *b, const char *label, const char *reason);
/* A skipped entry's name says what a record of that name is: "Embedding model".  A record
** whose entries share the name takes it as its product_type (LiteLLM lists mistral-embed as an
** embedding model, and again under mode "chat"). */
void imp_typed_add(imp_batch *b, const char *name, const char *type);
/* data.md's non-chat product_type from a list of output modalities without text (only audio:
** "Text-to-speech model"; only image: "Image generation model"), or NULL. */
const char *imp_type_from_outputs(const json_t *outputs);
void imp_note(imp_batch *b, const char *fmt, ...) VS_PRINTF(2, 3);

/* Parsers: read path, add its entries to b.  Return 0, or -1 with *err set (malloc'd,
** "FILE:LINE:COL: ..." or "FILE: $.data[3].pricing: expected an object, got array"); on
** error b may hold part of the file and must be discarded. */
int imp_parse_openrouter(const char *path, const imp_tables *t, imp_batch *b, char **err);
int imp_parse_litellm(const char *path, const imp_tables *t, imp_batch *b, char **err);

/* Fold src into dst (dst has precedence: its facts win, src adds what dst lacks; routes
** are kept per provider and region, the first one wins; a capability takes the first
** source that says yes or no; sources are a set in first-seen order).  A disagreement on
** context_window or max_output_tokens, and a route left out, are written to notes (may be
** NULL) naming both labels; *_basis says how each side counts the window ("context_length:
** input and output"), or NULL. */
void imp_fold(json_t *dst, const json_t *src, const char *dst_label, const char *src_label,
              const char *dst_basis, const char *src_basis, const char *id, vs_buf *notes);

/* The route key of report.md's Matching: lower-case provider and region, white space
** folded ("aws bedrock|us (cross-region inference)"). */
char *imp_route_key(const json_t *route);

/* Put a proposal in final form: routes sorted (the creator's own APIs first in its order,
** then by provider, region and model), routes of one provider that differ only by region
** and carry the same pricing folded into the first, creator and family filled in. */
void imp_finish(json_t *rec, const imp_tables *t, vs_buf *notes);

/* Prices across entries and routes (import_price.c).  routes[at] and src give one route:
** routes[at] becomes the richest price of the two (the base prices of one entry, the higher
** when both are complete and differ; cached input, batch and tiers from whichever has them),
** a copy, so a proposal it was shared with is untouched; a disagreement goes to notes. */
void imp_route_merge(json_t *routes, size_t at, const json_t *src, const char *dst_label,
                     const char *src_label, const char *id, vs_buf *notes);
/* Routes of rec whose input price exceeds the output price while another route gives the
** same two prices the other way round have them swapped: put right.  Returns how many. */
size_t imp_fix_swapped(json_t *rec, vs_buf *notes);
/* True when rec's first creator's route and its OpenRouter route (provider openrouter) both
** have a complete price and the two differ: a price may be stale (named in notes). */
bool imp_creator_disagrees(const json_t *rec, const char *openrouter, vs_buf *notes);

/* }====== */

/* {====== Reading an input, entry by entry (import_common.c) */

/* One entry of an input file while its parser reads it. */
typedef struct imp_entry {
	const char *file;  /* the input as given: errors name it */
	const char *base;  /* its base name: labels start with it */
	const char *where; /* the entry's JSON path: "$.data[3]", "$[\"azure/gpt-4o\"]" */
	size_t index;      /* its place in the input */
	const char *key;   /* its key when the entries are an object's members, else NULL */
	const json_t *v;   /* the entry */
	char *label;       /* what skips and notes call it (imp_label) */
	char *skip;        /* why it is skipped (imp_skipped), or NULL */
	char **err;
} imp_entry;

/* A dataset's format: where its entries are, and how one is read. */
typedef struct imp_source {
	const char *path; /* the JSON path of an array of entries ("$.data") */
	/* The array or object that holds the entries of root, or NULL with *err set
	** ("FILE: $.data: expected ..."). */
	const json_t *(*entries)(const json_t *root, const char *file, char **err);
	/* Read one entry into b: 0 for a candidate or a skip (e->skip), -1 with *e->err set. */
	int (*entry)(imp_entry *e, const imp_tables *t, imp_batch *b);
} imp_source;

/* Read path whole and each of its entries in order (an array's at "PATH[i]", an object's at
** $["KEY"]), counting them in b and recording their skips; stop at the first bad entry.
** Returns 0, or -1 with *err set (malloc'd). */
int imp_parse(const imp_source *src, const char *path, const imp_tables *t, imp_batch *b,
              char **err);
/* "FILE: WHERE.FIELD: expected WHAT, got KIND" (field may be NULL) in *e->err; returns -1. */
int imp_bad(const imp_entry *e, const char *field, const char *what, const json_t *got);
/* The entry's label: "BASE: name" ("openrouter-models.json: openai/gpt-4o"). */
void imp_label(imp_entry *e, const char *name);
/* Skip the entry for the reason fmt says; returns 0. */
int imp_skipped(imp_entry *e, const char *fmt, ...) VS_PRINTF(2, 3);
/* The analysts' skip reason for the entry key of format ("litellm" and "azure/gpt-4o" are
** matched as "litellm:azure/gpt-4o"), or NULL. */
const char *imp_skip_listed(const imp_tables *t, const char *format, const char *key);

/* What a price's status means to a parser: 1 a price, 0 unknown (*why is "0", or negative
** for a negative price), -1 not a price (the parser says why). */
int imp_price_known(imp_price_status st, const char *negative, const char **why);
/* pricing.key = v when known is 1. */
void imp_put_price(json_t *pricing, const char *key, int known, double v);
/* o, or null when it is empty (o is released). */
json_t *imp_or_null(json_t *o);
/* rec.key = n when known is 1; returns -1 when known is -1 (a bad count), else 0. */
int imp_put_count(json_t *rec, const char *key, int known, json_int_t n);
/* Sources fill max_output_tokens with the window when they do not know it (248 of 743
** imported records had it so, one 10,000,000): unless the entry is the creator's own, a max
** output at least the entry's window is unknown, and goes. */
void imp_window_output(json_t *rec, bool creator);
/* rec.routes = [route], rec.sources = [source]; returns the sources, for more pages. */
json_t *imp_put_route(json_t *rec, json_t *route, const char *source);

/* }====== */

/* {====== Canonical JSON (import_json.c) */

/* A record as shipped (Python's json.dumps with indent=2 and ensure_ascii=False): two-space
** indent, keys in data.md's order (unknown keys after, as they came), reals in their shortest
** round-trip form with ".0" when whole, UTF-8 kept, one final newline. */
void imp_write_record(vs_buf *b, const json_t *rec);
/* Any JSON value in the same style, keys in their own order. */
void imp_write_json(vs_buf *b, const json_t *v);
/* Deep equality where numbers compare by value (3 equals 3.0) and key order is ignored;
** NULL (absent) equals only NULL. */
bool imp_json_equal(const json_t *a, const json_t *b);
/* A copy of rec with keys in canonical order at every level. */
json_t *imp_canonical(const json_t *rec);

/* }====== */

/* {====== The driver (import.c) */

/* The import sources, in precedence order (the first one's facts win when two disagree):
** one row each in imp_datasets (import_datasets.c), which the CLI's FORMAT word, its usage
** message and completion read.  A new source is a parser file and a row. */
typedef struct imp_dataset {
	const char *name;  /* "openrouter": the FORMAT word of `versus import`, the state's key */
	const char *about; /* what its FILE is, for the usage message */
	int (*parse)(const char *path, const imp_tables *t, imp_batch *b, char **err);
} imp_dataset;

/* Indexes of imp_datasets: the rows that the driver's cross-source rules name (LiteLLM's
** openrouter/ routes give way to OpenRouter's own list) and that the fuzzers pick. */
typedef enum imp_format { IMP_OPENROUTER, IMP_LITELLM, IMP_N_SOURCES } imp_format;

extern const imp_dataset imp_datasets[IMP_N_SOURCES];

/* The source named name, or NULL. */
const imp_dataset *imp_dataset_named(const char *name);

/* What imp_run says of a run: the CLI turns it into its exit status. */
typedef enum imp_status {
	IMP_DONE,          /* every record written or unchanged */
	IMP_SOME_REFUSED,  /* done, but some records were invalid and left as they were */
	IMP_BAD_INPUT,     /* an input, table or state file could not be used: nothing written */
	IMP_CANNOT_WRITE   /* a file could not be read, written or removed */
} imp_status;

/* The importer's memory, beside OUT/models (data.md, "Never clobbering an analyst"). */
#define IMP_STATE_FILE "import-state.json"

typedef struct imp_options {
	imp_format format;
	const char *const *files;
	size_t n_files;
	const char *tables_dir;  /* DATA/import */
	const char *out_dir;     /* records go to OUT/models, the state to OUT/import-state.json */
	bool dry_run;
	bool verbose;
	bool force;
	bool progress;           /* stderr is a TTY */
	bool quiet;              /* -q: no summary */
	FILE *log;               /* the summary: stderr */
} imp_options;

/* Run one import. */
imp_status imp_run(const imp_options *o);

/* }====== */

#endif
