/*
** plugins_api.c — the versus_api table: the functions a plugin calls, each refusing a
** handle used outside its call.
*/
#include "plugins_private.h"

#include "item.h"

#include <stdlib.h>
#include <string.h>

/* {====== The function table */

static const char *api_model_id(const versus_model *m)
{
	return m ? ((const vs_model *)m)->id : NULL;
}

/* The value at a dotted path ("routes.1.pricing") under root, or NULL when there is none:
** a missing key, an index out of range, or a step through a scalar or a null. */
static const json_t *value_at(const json_t *root, const char *path, size_t len)
{
	const json_t *v = root;
	char seg[MAX_PATH_ARG + 1];
	const char *s = path;
	for (;;) {
		const char *dot = memchr(s, '.', len - (size_t)(s - path));
		size_t n = dot ? (size_t)(dot - s) : len - (size_t)(s - path);
		if (n == 0 || !v)
			return NULL;
		memcpy(seg, s, n);
		seg[n] = '\0';
		if (json_is_object(v)) {
			v = json_object_get(v, seg);
		} else if (json_is_array(v)) {
			size_t idx = 0;
			for (size_t k = 0; k < n; k++) {
				if (seg[k] < '0' || seg[k] > '9' || idx > json_array_size(v))
					return NULL;
				idx = idx * 10 + (size_t)(seg[k] - '0');
			}
			v = json_array_get(v, idx); /* NULL when out of range */
		} else {
			return NULL; /* through a scalar or a null: missing */
		}
		if (!dot)
			return v;
		s = dot + 1;
	}
}

/* A JSON value as the plugin sees it (NULL: missing). */
static void value_out(const json_t *v, versus_value *out)
{
	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		out->type = VERSUS_VALUE_OBJECT;
		out->length = json_object_size(v);
		break;
	case JSON_ARRAY:
		out->type = VERSUS_VALUE_ARRAY;
		out->length = json_array_size(v);
		break;
	case JSON_STRING:
		out->type = VERSUS_VALUE_STRING;
		out->string = json_string_value(v);
		out->length = json_string_length(v);
		break;
	case JSON_INTEGER:
	case JSON_REAL:
		out->type = VERSUS_VALUE_NUMBER;
		out->number = json_number_value(v);
		break;
	case JSON_TRUE:
	case JSON_FALSE:
		out->type = VERSUS_VALUE_BOOL;
		out->boolean = json_is_true(v);
		break;
	case JSON_NULL:
		out->type = v ? VERSUS_VALUE_NULL : VERSUS_VALUE_MISSING;
		break;
	}
}

static versus_value_type api_model_field(const versus_model *m, const char *path,
                                         versus_value *out)
{
	versus_value scratch;
	if (!out)
		out = &scratch;
	memset(out, 0, sizeof *out);
	out->type = VERSUS_VALUE_MISSING;
	if (!m || !path)
		return out->type;
	size_t len = strnlen(path, MAX_PATH_ARG + 1);
	if (len == 0 || len > MAX_PATH_ARG)
		return out->type;
	value_out(value_at(((const vs_model *)m)->root, path, len), out);
	return out->type;
}

static void api_report_problem(versus_host *host, const char *message)
{
	const call_ctx *c = plugin_call;
	if (!host || !c || c->host != host)
		return; /* outside its call: there is nowhere safe to put it */
	char *where = xasprintf("plugin:%s", host->plugin);
	char *shown = printable(message ? message : "(no message)", 1024);
	diags_add(host->diags, VS_WARNING, where, host->rule, "%s", shown);
	free(shown);
	free(where);
}

/* Checks an item list: NULL, or what is wrong. */
static const char *list_problem(const char *const *v, size_t n, size_t min)
{
	if (n < min)
		return "is empty";
	if (n > MAX_LIST)
		return "has too many entries";
	if (n && !v)
		return "is NULL";
	for (size_t i = 0; i < n; i++) {
		if (!v[i])
			return "has a NULL entry";
		const char *why = text_problem(v[i], MAX_TEXT, TEXT_NO_NEWLINES);
		if (why)
			return why;
	}
	return NULL;
}

static void item_strv(vs_strv *dst, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strv_push(dst, v[i]);
}

/* The item contract's fault in the words emit_item has always used: *field names the part. */
static const char *fault_words(vs_item_fault fault, const char **field)
{
	switch (fault) {
	case VS_ITEM_KINDS:
		*field = "item";
		return "needs exactly one of text, question and answer, or cells";
	case VS_ITEM_NO_QUESTION:
		*field = "question";
		return "is missing (an answer needs one)";
	case VS_ITEM_NO_ANSWER:
		*field = "answer";
		return "is missing (a question needs one)";
	case VS_ITEM_EMPTY_KEY:
		*field = "key";
		return "is empty";
	default:
		return NULL;
	}
}

/* What is wrong with an item (NULL when nothing): *field names the part, *section gets the
** section id.  The shape is the item contract's (item.h); what is checked here is what only
** C strings from a plugin can get wrong (bounds, UTF-8, NULL entries). */
static const char *item_problem(const versus_item *item, const char **field, int *section)
{
	const char *why;
	*field = "item";
	if (!item)
		return "is NULL";
	*field = "section";
	if (!item->section)
		return "is missing";
	if (strnlen(item->section, MAX_SECTION + 1) > MAX_SECTION ||
	    (*section = section_from_name(item->section)) < 0)
		return "is not a section of the report";
	*field = "key";
	if (item->key && (why = text_problem(item->key, MAX_KEY, TEXT_NO_NEWLINES)) != NULL)
		return why;
	vs_item_parts parts = {item->text != NULL, item->question != NULL, item->answer != NULL,
	                       item->cells != NULL || item->n_cells > 0, item->key};
	if ((why = fault_words(item_fault(&parts), field)) != NULL)
		return why;
	const struct {
		const char *field, *text;
	} texts[] = {{"text", item->text}, {"question", item->question}, {"answer", item->answer}};
	for (size_t i = 0; i < VS_ARRAY_LEN(texts); i++) {
		*field = texts[i].field;
		if (texts[i].text && (why = text_problem(texts[i].text, MAX_TEXT, TEXT_NEWLINES)))
			return why;
	}
	*field = "cells";
	if (parts.cells && (why = list_problem(item->cells, item->n_cells, 1)) != NULL)
		return why;
	*field = "about";
	if ((item->about || item->n_about) &&
	    (why = list_problem(item->about, item->n_about, 1)) != NULL)
		return why;
	*field = "values";
	return list_problem(item->values, item->n_values, 0);
}

static int api_emit_item(versus_pair *pair, const versus_item *item)
{
	const call_ctx *c = plugin_call;
	if (!pair || !c || c->pair != pair)
		return -1; /* a stale or foreign pair: nothing of it may be touched */
	char *source = xasprintf("plugin:%s", pair->plugin->pub.name);
	const char *field;
	int section = -1;
	const char *why = item_problem(item, &field, &section);
	if (why) {
		diags_add(&pair->r->diags, VS_ERROR, source, pair->key,
		          "emit_item: %s %s; item dropped", field, why);
		free(source);
		return -1;
	}

	bool has_cells = item->cells != NULL || item->n_cells > 0;
	vs_item *it = has_cells ? report_add_row(pair->r, (vs_section_id)section)
	                        : report_add_item(pair->r, (vs_section_id)section);
	if (item->key)
		it->key = xstrdup(item->key);
	item_strv(&it->about, item->about, item->n_about);
	item_complete(it, pair->key, pair->m[0]->id, pair->m[1]->id);
	item_strv(&it->values, item->values, item->n_values);
	if (item->text)
		it->text = xstrdup(item->text);
	if (item->question) {
		it->question = xstrdup(item->question);
		it->answer = xstrdup(item->answer);
	}
	if (has_cells)
		item_strv(&it->cells, item->cells, item->n_cells);
	it->source = source;
	return 0;
}

static const versus_model *api_pair_model(const versus_pair *pair, int which)
{
	const call_ctx *c = plugin_call;
	if (!pair || !c || c->pair != pair || (which != 0 && which != 1))
		return NULL;
	return (const versus_model *)pair->m[which];
}

static versus_cap_answer api_model_cap(const versus_model *m, const char *capability_id)
{
	const call_ctx *c = plugin_call; /* the set whose check or statement is running */
	if (!c || !c->set)
		return VERSUS_CAP_UNKNOWN;
	return plugins_answer(c->set, (const vs_model *)m, plugins_cap_index(c->set, capability_id));
}

static versus_host *api_pair_host(versus_pair *pair)
{
	const call_ctx *c = plugin_call;
	if (!pair || !c || c->pair != pair)
		return NULL;
	return &pair->host;
}

static const versus_api api_table = {
	.size = (uint32_t)sizeof(versus_api),
	.abi_major = VERSUS_PLUGIN_ABI_MAJOR,
	.abi_minor = VERSUS_PLUGIN_ABI_MINOR,
	.model_id = api_model_id,
	.model_field = api_model_field,
	.report_problem = api_report_problem,
	.emit_item = api_emit_item,
	.pair_model = api_pair_model,
	.model_cap = api_model_cap,
	.pair_host = api_pair_host,
};

const versus_api *plugins_api(void)
{
	return &api_table;
}

/* }====== */
