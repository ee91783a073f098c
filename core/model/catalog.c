/*
** catalog.c — load every DATA/models/<id>.json once, validate it, and find models by id or
** name.  Files are read in sorted name order so every run sees the same catalog.
*/
#include "catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "record.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The sorted names of the *.json files in dir, or NULL with errno set.  A hidden one
** (".x.json") is not a record: it is named in notes, so it is never skipped without a word
** (an editor's lock file ".#x.json" is skipped quietly). */
static char **list_json_files(const char *dir, size_t *n, vs_diags *notes)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **names = NULL;
	size_t cap = 0;
	*n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!ends_with(e->d_name, ".json"))
			continue;
		if (e->d_name[0] == '.') {
			if (e->d_name[1] != '#' && strcmp(e->d_name, ".json") != 0)
				diags_add(notes, VS_WARNING, dir, NULL, "skipped the hidden file '%s': records "
				          "in files starting with '.' are not loaded; rename it to '%s' to "
				          "load it", e->d_name, e->d_name + 1);
			continue;
		}
		*VS_PUSH(names, *n, cap) = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n)
		qsort(names, *n, sizeof *names, cmp_str);
	return names;
}

/* Models by id, then by file order (ids repeat only in a broken catalog). */
static int cmp_model_id(const void *a, const void *b)
{
	const vs_model *x = *(vs_model *const *)a, *y = *(vs_model *const *)b;
	int c = strcmp(x->id, y->id);
	return c ? c : x->index < y->index ? -1 : x->index > y->index;
}

/* Validate m->root (already parsed, or NULL) and fill the model's id, name and validity. */
static void finish_model(vs_model *m, const char *file_id, const char *const *known_caps,
                         size_t n_known_caps)
{
	if (m->root)
		record_validate(m->root, m->path, file_id, known_caps, n_known_caps, &m->problems);
	m->valid = m->root && diags_count(&m->problems, VS_ERROR) == 0;
	const char *id = json_string_value(json_object_get(m->root, "id"));
	const char *name = json_string_value(json_object_get(m->root, "name"));
	m->id = xstrdup(m->valid && id ? id : file_id);
	m->name = xstrdup(m->valid && name ? name : m->id);
}

static void load_one(vs_model *m, const char *dir, const char *file,
                     const char *const *known_caps, size_t n_known_caps)
{
	m->path = xasprintf("%s/%s", dir, file);
	char *file_id = xstrndup(file, strlen(file) - strlen(".json"));
	m->root = record_parse(m->path, m->path, &m->problems);
	finish_model(m, file_id, known_caps, n_known_caps);
	free(file_id);
}

void catalog_from_records(vs_catalog *cat, json_t *const *records, const char *const *paths,
                          size_t n, const char *const *known_caps, size_t n_known_caps)
{
	memset(cat, 0, sizeof *cat);
	cat->dir = xstrdup("");
	cat->models = xcalloc(n ? n : 1, sizeof *cat->models);
	cat->n = n;
	for (size_t i = 0; i < n; i++) {
		vs_model *m = &cat->models[i];
		m->index = i;
		m->path = xstrdup(paths[i]);
		m->root = json_incref(records[i]);
		const char *id = json_string_value(json_object_get(m->root, "id"));
		finish_model(m, id ? id : "", known_caps, n_known_caps);
	}
}

int catalog_load(vs_catalog *cat, const char *data_dir, const char *const *known_caps,
                 size_t n_known_caps, vs_diags *fatal)
{
	memset(cat, 0, sizeof *cat);
	cat->dir = xstrdup(data_dir);
	char *models_dir = xasprintf("%s/models", data_dir);
	size_t n = 0;
	errno = 0;
	char **files = list_json_files(models_dir, &n, fatal);
	if (!files && errno) {
		diags_add(fatal, VS_ERROR, models_dir, NULL,
		          "cannot read the catalog: %s; pass --data DIR (a directory holding models/*.json)",
		          strerror(errno));
		free(models_dir);
		free(cat->dir);
		cat->dir = NULL;
		return -1;
	}
	cat->models = xcalloc(n ? n : 1, sizeof *cat->models);
	cat->n = n;
	for (size_t i = 0; i < n; i++) {
		cat->models[i].index = i;
		load_one(&cat->models[i], models_dir, files[i], known_caps, n_known_caps);
		free(files[i]);
	}
	free(files);
	free(models_dir);

	/* Duplicate ids: only possible when a record's id disagrees with its file name, which is
	** already an error there; report the pair anyway so neither is picked silently.  Each
	** later record of an id names the first (in file order), found by sorting, not by
	** comparing every pair. */
	vs_model **byid = xcalloc(n ? n : 1, sizeof *byid);
	size_t n_valid = 0;
	for (size_t i = 0; i < n; i++)
		if (cat->models[i].valid)
			byid[n_valid++] = &cat->models[i];
	qsort(byid, n_valid, sizeof *byid, cmp_model_id);
	for (size_t i = 1, first = 0; i < n_valid; i++) {
		if (strcmp(byid[i]->id, byid[first]->id) != 0) {
			first = i;
			continue;
		}
		diags_add(&byid[i]->problems, VS_ERROR, byid[i]->path, NULL,
		          "$.id: duplicate id '%s', also in %s", byid[i]->id, byid[first]->path);
		byid[i]->valid = false;
	}
	free(byid);
	return 0;
}

void catalog_free(vs_catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++) {
		vs_model *m = &cat->models[i];
		free(m->id);
		free(m->name);
		free(m->path);
		json_decref(m->root);
		diags_free(&m->problems);
	}
	free(cat->models);
	free(cat->dir);
	memset(cat, 0, sizeof *cat);
}

bool catalog_starts_a_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = s; p && *p; p++)
		if ((p == s || strchr("-_./ :", p[-1])) && strncasecmp(p, w, n) == 0)
			return true;
	return false;
}

vs_find_result catalog_find(const vs_catalog *cat, const char *arg, vs_model **found,
                            const char **suggestion, vs_model ***matches, size_t *n_matches)
{
	*found = NULL;
	*suggestion = NULL;
	*matches = NULL;
	*n_matches = 0;
	/* An id is unique, so an id match settles it even when a name also matches. */
	for (size_t i = 0; i < cat->n; i++)
		if (str_eq_icase(cat->models[i].id, arg)) {
			*found = &cat->models[i];
			return VS_FIND_OK;
		}
	size_t cap = 0;
	for (size_t i = 0; i < cat->n; i++)
		if (cat->models[i].valid && str_eq_icase(cat->models[i].name, arg))
			*VS_PUSH(*matches, *n_matches, cap) = &cat->models[i];
	if (*n_matches == 1) {
		*found = (*matches)[0];
		free(*matches);
		*matches = NULL;
		*n_matches = 0;
		return VS_FIND_OK;
	}
	if (*n_matches > 1)
		return VS_FIND_AMBIGUOUS;

	/* A short name such as "qwen" or "sonnet": every model with a word of its id or name
	** starting so.  Several are listed, not one of them suggested. */
	for (size_t i = 0; i < cat->n && strlen(arg) >= 2; i++)
		if (catalog_starts_a_word(cat->models[i].id, arg) || catalog_starts_a_word(cat->models[i].name, arg))
			*VS_PUSH(*matches, *n_matches, cap) = &cat->models[i];
	if (*n_matches > 1) {
		qsort(*matches, *n_matches, sizeof **matches, cmp_model_id);
		return VS_FIND_SEVERAL;
	}
	free(*matches);
	*matches = NULL;
	*n_matches = 0;

	/* The closest id or name, if it is close enough to be a plausible typo or a prefix. */
	size_t best = (size_t)-1;
	for (size_t i = 0; i < cat->n; i++) {
		const vs_model *m = &cat->models[i];
		size_t d = edit_distance(arg, m->id);
		size_t dn = edit_distance(arg, m->name);
		if (dn < d)
			d = dn;
		if (strncasecmp(m->id, arg, strlen(arg)) == 0 && strlen(arg) >= 3)
			d = d < 2 ? d : 2;
		if (d < best) {
			best = d;
			*suggestion = m->id;
		}
	}
	size_t limit = strlen(arg) / 3 + 2;
	if (best > limit)
		*suggestion = NULL;
	return VS_FIND_NONE;
}
