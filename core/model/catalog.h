/*
** catalog.h — every record under DATA/models/<id>.json, loaded and validated once.  A bad
** record never stops the others from loading; it is kept, marked invalid, with its problems.
*/
#ifndef VERSUS_CATALOG_H
#define VERSUS_CATALOG_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

typedef struct vs_model {
	char *id;        /* the record's id when valid, else the file name without .json */
	char *name;      /* display name; the id when the record has none */
	char *path;      /* as shown in messages: "data/models/foo.json" */
	json_t *root;    /* the parsed record, or NULL when it could not be parsed */
	bool valid;      /* no error among problems */
	vs_diags problems;
	size_t index;    /* position in the catalog */
} vs_model;

typedef struct vs_catalog {
	vs_model *models; /* sorted by file name, i.e. by id */
	size_t n;
	char *dir;        /* the data directory */
} vs_catalog;

/* Load DATA/models/<id>.json.  Returns 0, or -1 when the models directory cannot be read
** (then one error is added to fatal).  Warnings about the directory itself (a hidden
** ".x.json" skipped) are added to fatal too; they are not fatal.  known_caps: see
** record_validate. */
int catalog_load(vs_catalog *cat, const char *data_dir, const char *const *known_caps,
                 size_t n_known_caps, vs_diags *fatal);
void catalog_free(vs_catalog *cat);

/* A catalog of records already in memory (rule tests): each validated as if it came from a
** file named after its own id; paths[i] is what messages show for it. */
void catalog_from_records(vs_catalog *cat, json_t *const *records, const char *const *paths,
                          size_t n, const char *const *known_caps, size_t n_known_caps);

typedef enum vs_find_result {
	VS_FIND_OK,
	VS_FIND_NONE,      /* nothing close, or one close model: *suggestion */
	VS_FIND_AMBIGUOUS, /* the name of several models */
	VS_FIND_SEVERAL    /* no model, but the start of a word of several ids or names ("qwen") */
} vs_find_result;

/* Find a model by id or name, case-insensitively (exact id first).  On VS_FIND_NONE,
** *suggestion is the closest id (or NULL); on VS_FIND_AMBIGUOUS and VS_FIND_SEVERAL,
** matches/n_matches list the candidates in id order (caller frees the array). */
vs_find_result catalog_find(const vs_catalog *cat, const char *arg, vs_model **found,
                            const char **suggestion, vs_model ***matches, size_t *n_matches);

/* Does a word of s (its start, or after '-', '_', '.', '/', ' ' or ':') begin with w,
** case-insensitively?  ("qwen" in "qwen3-32b", "azure" in "Azure OpenAI") */
bool catalog_starts_a_word(const char *s, const char *w);

#endif
