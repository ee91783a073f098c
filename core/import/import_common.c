/*
** import_common.c — what the parsers (import_openrouter.c, import_litellm.c) share, so each
** keeps only what its dataset's format says: the walk over an input's entries with the JSON
** path and label of each, shape errors, the skip list, the reading of a price's status, and
** the batch a parser fills (candidates, skips, notes).
*/
#include "import.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* {====== Batches and candidates */

void imp_batch_free(imp_batch *b)
{
	for (size_t i = 0; i < b->n_cands; i++) {
		free(b->cands[i].key);
		free(b->cands[i].idform);
		free(b->cands[i].name);
		free(b->cands[i].id);
		free(b->cands[i].label);
		json_decref(b->cands[i].record);
	}
	free(b->cands);
	for (size_t i = 0; i < b->n_skips; i++) {
		free(b->skips[i].label);
		free(b->skips[i].reason);
	}
	free(b->skips);
	for (size_t i = 0; i < b->n_typed; i++) {
		free(b->typed[i].key);
		free(b->typed[i].value);
	}
	free(b->typed);
	buf_free(&b->notes);
	memset(b, 0, sizeof *b);
}

void imp_skip_add(imp_batch *b, const char *label, const char *reason)
{
	imp_skip *s = VS_PUSH(b->skips, b->n_skips, b->cap_skips);
	s->label = xstrdup(label);
	s->reason = xstrdup(reason);
}

void imp_note(imp_batch *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b->notes, fmt, ap);
	va_end(ap);
	buf_addc(&b->notes, '\n');
}

imp_candidate *imp_candidate_add(imp_batch *b, const char *label, const char *idform)
{
	imp_candidate *c = VS_PUSH(b->cands, b->n_cands, b->cap_cands);
	memset(c, 0, sizeof *c);
	c->label = xstrdup(label);
	c->idform = xstrdup(idform);
	c->name = xstrdup(idform);
	c->key = imp_match_key(idform);
	c->rank = 1;
	c->order = b->n_cands - 1;
	c->record = json_object();
	return c;
}

void imp_set_cap(json_t *rec, const char *id, bool yes)
{
	json_t *caps = json_object_get(rec, "capabilities");
	if (!caps) {
		caps = json_object();
		json_object_set_new(rec, "capabilities", caps);
	}
	json_t *old = json_object_get(caps, id);
	if (!json_is_true(old))
		json_object_set_new(caps, id, json_boolean(yes));
}

json_t *imp_number(double d)
{
	if (d == floor(d) && fabs(d) < 9007199254740992.0)
		return json_integer((json_int_t)d); /* 10, as the shipped records write it */
	return json_real(d);
}

/* }====== */

/* {====== Entries */

/* The entry v at where (malloc'd, released here): counted, read by src, its skip recorded. */
static int one(const imp_source *src, imp_entry *e, char *where, const json_t *v,
               const imp_tables *t, imp_batch *b)
{
	e->where = where;
	e->v = v;
	b->n_entries++;
	int status = src->entry(e, t, b);
	if (e->skip)
		imp_skip_add(b, e->label, e->skip);
	free(e->skip);
	free(e->label);
	free(where);
	e->skip = e->label = NULL;
	return status;
}

int imp_parse(const imp_source *src, const char *path, const imp_tables *t, imp_batch *b,
              char **err)
{
	json_t *root = imp_load_input(path, err);
	if (!root)
		return -1;
	const json_t *entries = src->entries(root, path, err);
	const char *base = strrchr(path, '/');
	imp_entry e = {.file = path, .base = base ? base + 1 : path, .err = err};
	int status = entries ? 0 : -1;
	json_t *v;
	if (json_is_array(entries)) {
		json_array_foreach(entries, e.index, v)
			if ((status = one(src, &e, xasprintf("%s[%zu]", src->path, e.index), v, t, b)))
				break;
	} else if (entries) {
		json_object_foreach((json_t *)entries, e.key, v) {
			if ((status = one(src, &e, xasprintf("$[\"%s\"]", e.key), v, t, b)))
				break;
			e.index++;
		}
	}
	json_decref(root);
	return status;
}

int imp_bad(const imp_entry *e, const char *field, const char *what, const json_t *got)
{
	*e->err = xasprintf("%s: %s%s%s: expected %s, got %s", e->file, e->where, field ? "." : "",
	                    field ? field : "", what, imp_json_kind(got));
	return -1;
}

void imp_label(imp_entry *e, const char *name)
{
	free(e->label);
	e->label = xasprintf("%s: %s", e->base, name);
}

int imp_skipped(imp_entry *e, const char *fmt, ...)
{
	va_list ap;
	vs_buf b = {0};
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(e->skip);
	e->skip = buf_steal(&b);
	return 0;
}

const char *imp_skip_listed(const imp_tables *t, const char *format, const char *key)
{
	char *k = xasprintf("%s:%s", format, key);
	const char *reason = imp_pair_match(t->skips, t->n_skips, k);
	free(k);
	return reason;
}

/* }====== */

/* {====== What an entry gives */

int imp_price_known(imp_price_status st, const char *negative, const char **why)
{
	switch (st) {
	case IMP_PRICE_OK:
		return 1;
	case IMP_PRICE_ZERO:
		*why = "0";
		return 0;
	case IMP_PRICE_NEGATIVE:
		*why = negative;
		return 0;
	case IMP_PRICE_BAD:
		break;
	}
	return -1;
}

void imp_put_price(json_t *pricing, const char *key, int known, double v)
{
	if (known == 1)
		json_object_set_new(pricing, key, imp_number(v));
}

json_t *imp_or_null(json_t *o)
{
	if (json_object_size(o))
		return o;
	json_decref(o);
	return json_null();
}

int imp_put_count(json_t *rec, const char *key, int known, json_int_t n)
{
	if (known == 1)
		json_object_set_new(rec, key, json_integer(n));
	return known < 0 ? -1 : 0;
}

json_t *imp_put_route(json_t *rec, json_t *route, const char *source)
{
	json_t *routes = json_array(), *sources = json_array();
	json_array_append_new(routes, route);
	json_object_set_new(rec, "routes", routes);
	json_array_append_new(sources, json_string(source));
	json_object_set_new(rec, "sources", sources);
	return sources;
}

/* }====== */

void imp_window_output(json_t *rec, bool creator)
{
	const json_t *w = json_object_get(rec, "context_window");
	const json_t *o = json_object_get(rec, "max_output_tokens");
	if (!creator && json_is_integer(w) && json_is_integer(o) &&
	    json_integer_value(o) >= json_integer_value(w))
		json_object_del(rec, "max_output_tokens");
}

void imp_typed_add(imp_batch *b, const char *name, const char *type)
{
	const char *slash = strrchr(name, '/');
	char *norm = imp_normalise(slash ? slash + 1 : name, false);
	imp_pair *p = VS_PUSH(b->typed, b->n_typed, b->cap_typed);
	p->key = imp_match_key(norm);
	p->value = xstrdup(type);
	free(norm);
}

const char *imp_type_from_outputs(const json_t *outputs)
{
	if (!json_is_array(outputs) || !json_array_size(outputs) || imp_has_string(outputs, "text"))
		return NULL;
	if (imp_has_string(outputs, "embeddings") || imp_has_string(outputs, "embedding"))
		return "Embedding model";
	if (imp_has_string(outputs, "audio"))
		return "Text-to-speech model";
	if (imp_has_string(outputs, "image"))
		return "Image generation model";
	return NULL;
}
