/*
** facts.h — per-model facts (fact{key, fn} in rules) as plain C values, computed once for a
** whole run in one Lua state and then pushed into every worker's state on demand.  A site
** of N models scores each model's neighbours once, not once per worker.
**
** A value is what a fact may return: nil, a boolean, a number, a string, a model (a model
** view becomes a reference to the catalog), or a table of those (string or integer keys,
** nested at most FACT_MAX_DEPTH deep).  The store is read-only once built.
*/
#ifndef VERSUS_FACTS_H
#define VERSUS_FACTS_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "plugins.h"

#define FACT_MAX_DEPTH 16
#define FACT_MAX_NODES 100000 /* per value: a fact is a summary, not a dump */

typedef enum vs_fact_type {
	FACT_NIL, FACT_BOOL, FACT_INT, FACT_NUM, FACT_STR, FACT_MODEL, FACT_TABLE
} vs_fact_type;

typedef struct vs_fact vs_fact;
struct vs_fact {
	vs_fact_type type;
	union {
		bool b;
		int64_t i;
		double n;
		char *s;
		size_t model; /* index in the catalog */
		struct {
			vs_fact *keys; /* FACT_STR or FACT_INT */
			vs_fact *vals;
			size_t n;
		} t;
	} u;
};

typedef struct vs_facts {
	char **keys;     /* fact keys, sorted */
	size_t n_keys;
	size_t n_models; /* the catalog's size */
	vs_fact *values; /* [key * n_models + model]; type FACT_NIL when not computed */
	bool *have;      /* [key * n_models + model]: computed (a fact may be nil) */
	uint64_t *model_hash; /* per model: a hash of all its facts, models named by id and name */
} vs_facts;

/* Convert the Lua value at idx to a fact; false with a message in err when it holds
** something a fact cannot be (a function, a userdata that is not a model, too deep). */
bool fact_from_lua(lua_State *L, int idx, const vs_catalog *cat, vs_fact *out, char *err,
                   size_t errlen);

/* Push a fact as Lua data: tables become frozen views, models their views in this state. */
void fact_push(lua_State *L, const vs_fact *f, const vs_catalog *cat, const vs_plugins *ps);

void fact_free(vs_fact *f);

/* The stored fact, or NULL when the store does not have it. */
const vs_fact *facts_get(const vs_facts *s, const char *key, size_t model);

/* Fill model_hash from the stored values (call once, after every value is in). */
void facts_hash_models(vs_facts *s, const vs_catalog *cat);

void facts_free(vs_facts *s);

#endif
