/*
** import_openrouter.c — OpenRouter's public models list (GET /api/v1/models):
** {"data": [{"id": "openai/gpt-4o", "name": "OpenAI: GPT-4o", "context_length": 128000,
** "pricing": {"prompt": "0.0000025", ...}, "supported_parameters": [...], ...}, ...]}.
** Each entry is one model with one route, OpenRouter's; prices are strings in USD per token.
**
** What an entry says, and what we make of it:
**   id "org/slug[:variant]"   the record the entry belongs to (org names the creator); a
**                             ":free" variant is a rate-limited free tier and is skipped; a
**                             "~org/…-latest" id always points at the newest model of a line
**                             and is skipped; the variants aliases.json lists (":beta",
**                             ":nitro", ":extended": the base model served another way) are
**                             the base model's OpenRouter route when the base is not listed;
**                             other variants (":thinking") are records of their own
**   name "Creator: Name"      name; the creator part when first_party.json knows no org
**   context_length            context_window (OpenRouter counts input and output together,
**                             as data.md does)
**   top_provider.max_completion_tokens   max_output_tokens
**   pricing.prompt/completion/input_cache_read   prices; "-1" (varies) and "0" are unknown
**   architecture.input_modalities / output_modalities   vision (image in), multimodal (image,
**                             audio or video in or out; a "file" is read as text)
**   supported_parameters      tools -> function calling and tool use, structured_outputs,
**                             reasoning; a parameter that is absent says nothing (unknown)
**   knowledge_cutoff, hugging_face_id   knowledge_cutoff; the model card in sources, and
**                             openness "open-weights" (its weights are published there)
*/
#include "import.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

/* A price string: 1 with *out, 0 unknown (absent, null, zero, negative), -1 bad input. */
static int price(imp_entry *e, const json_t *pricing, const char *field, double *out,
                 const char **why)
{
	const json_t *x = json_object_get(pricing, field);
	char f[64];
	*why = NULL;
	if (!x || json_is_null(x))
		return 0;
	snprintf(f, sizeof f, "pricing.%s", field);
	if (!json_is_string(x))
		return imp_bad(e, f, "a decimal string (USD per token)", x);
	const char *text = json_string_value(x);
	int known = imp_price_known(imp_price_from_text(text, out), text, why);
	if (known < 0)
		*e->err = xasprintf("%s: %s.%s: expected a decimal string (USD per token), got "
		                    "\"%.40s\"", e->file, e->where, f, text);
	return known;
}

static int string_array(imp_entry *e, const json_t *v, const char *field)
{
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return imp_bad(e, field, "an array of strings", v);
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
		if (!json_is_string(x))
			return imp_bad(e, field, "an array of strings", v);
	return 0;
}

/* A positive integer count, or unknown (absent, null, 0); anything else is bad input. */
static int count(imp_entry *e, const json_t *v, const char *field, json_int_t *out)
{
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v))
		return imp_bad(e, field, "an integer token count", v);
	if (json_integer_value(v) <= 0)
		return 0;
	*out = json_integer_value(v);
	return 1;
}

/* An object member, or absent: 0; anything else is bad input. */
static int object_or_null(imp_entry *e, const json_t *v, const char *field)
{
	return v && !json_is_null(v) && !json_is_object(v) ? imp_bad(e, field, "an object", v) : 0;
}

/* The entry's shape: an object with a string id, objects and string arrays where they are
** expected.  0, or -1 with *e->err set. */
static int check_shape(imp_entry *e)
{
	const json_t *m = e->v;
	if (!json_is_object(m))
		return imp_bad(e, NULL, "an object (one model)", m);
	const json_t *jid = json_object_get(m, "id"), *jname = json_object_get(m, "name");
	if (!json_is_string(jid))
		return imp_bad(e, "id", "a string", jid);
	if (jname && !json_is_string(jname))
		return imp_bad(e, "name", "a string", jname);
	const json_t *arch = json_object_get(m, "architecture");
	if (object_or_null(e, json_object_get(m, "pricing"), "pricing") ||
	    object_or_null(e, arch, "architecture") ||
	    object_or_null(e, json_object_get(m, "top_provider"), "top_provider"))
		return -1;
	if (string_array(e, json_object_get(m, "supported_parameters"), "supported_parameters") ||
	    string_array(e, json_object_get(arch, "input_modalities"), "architecture.input_modalities") ||
	    string_array(e, json_object_get(arch, "output_modalities"), "architecture.output_modalities"))
		return -1;
	return 0;
}

/* Why an id is no record of its own (a skip list's reason, a free tier, a moving alias, no
** organisation), or NULL. */
static const char *skip_reason(const imp_tables *t, const char *id)
{
	const char *reason = imp_skip_listed(t, "openrouter", id);
	const char *colon = strchr(id, ':');
	const char *slash = strchr(id, '/');
	if (reason)
		return reason;
	if (colon && strcmp(colon, ":free") == 0)
		return "free tier (:free): rate-limited, not a route for production traffic";
	if (id[0] == '~')
		return "moving alias (~…-latest): always the newest model of a line, not one model";
	if (!slash || slash == id || !slash[1])
		return "id is not ORGANISATION/MODEL";
	return NULL;
}

/* The name ("Anthropic: Claude 3 Haiku" without its creator, a variant without its
** parenthesis) and the creator (the table's, else the name's prefix). */
static void put_name(json_t *rec, const imp_tables *t, const json_t *m, const char *org,
                     const char *idform, bool variant)
{
	const char *id = json_string_value(json_object_get(m, "id"));
	const json_t *jname = json_object_get(m, "name");
	const char *name = jname ? json_string_value(jname) : id;
	const char *sep = strstr(name, ": ");
	const imp_creator *cr = imp_creator_find(t, org, idform);
	const char *shown = sep && sep[2] ? sep + 2 : name;
	/* A variant's name says so in parentheses ("Claude 3 Haiku (self-moderated)"): the
	** record is the base model's. */
	const char *paren = variant ? strrchr(shown, '(') : NULL;
	size_t len = paren && paren > shown + 1 && paren[-1] == ' ' && shown[strlen(shown) - 1] == ')'
	           ? (size_t)(paren - 1 - shown) : strlen(shown);
	json_object_set_new(rec, "name", json_stringn(shown, len));
	if (cr)
		json_object_set_new(rec, "creator", json_string(cr->name));
	else if (sep && sep > name)
		json_object_set_new(rec, "creator", json_stringn(name, (size_t)(sep - name)));
}

/* The context window, max output, product type and knowledge cutoff.  0, or -1 with
** *e->err set. */
static int put_facts(imp_entry *e, json_t *rec, const json_t *m)
{
	json_int_t n = 0;
	int r = count(e, json_object_get(m, "context_length"), "context_length", &n);
	if (imp_put_count(rec, "context_window", r, n))
		return -1;
	r = count(e, json_object_get(json_object_get(m, "top_provider"), "max_completion_tokens"),
	          "top_provider.max_completion_tokens", &n);
	if (imp_put_count(rec, "max_output_tokens", r, n))
		return -1;
	imp_window_output(rec, false); /* OpenRouter is never the creator's own API */
	const char *type = imp_type_from_outputs(json_object_get(json_object_get(m, "architecture"),
	                                                         "output_modalities"));
	if (type)
		json_object_set_new(rec, "product_type", json_string(type));
	const char *kc = json_string_value(json_object_get(m, "knowledge_cutoff"));
	if (kc) {
		char month[11];
		bool ok = record_date_is_valid(kc);
		if (!ok && strlen(kc) == 7) {
			snprintf(month, sizeof month, "%s-01", kc);
			ok = record_date_is_valid(month);
		}
		if (ok)
			json_object_set_new(rec, "knowledge_cutoff", json_string(kc));
	}
	return 0;
}

/* Capabilities: what the modalities say is yes or no; a parameter says only yes. */
static void put_capabilities(json_t *rec, const json_t *m)
{
	const json_t *arch = json_object_get(m, "architecture");
	const json_t *in_mod = json_object_get(arch, "input_modalities");
	const json_t *out_mod = json_object_get(arch, "output_modalities");
	const json_t *params = json_object_get(m, "supported_parameters");
	if (in_mod && json_is_array(in_mod)) {
		imp_set_cap(rec, "vision", imp_has_string(in_mod, "image"));
		/* "file" is a document OpenRouter reads as text: it makes no model multimodal. */
		bool more = false;
		static const char *const media[] = {"image", "audio", "video"};
		for (size_t i = 0; i < VS_ARRAY_LEN(media); i++)
			more |= imp_has_string(in_mod, media[i]) || imp_has_string(out_mod, media[i]);
		imp_set_cap(rec, "multimodal", more);
	}
	if (params && json_is_array(params)) {
		if (imp_has_string(params, "tools")) {
			imp_set_cap(rec, "function_calling", true);
			imp_set_cap(rec, "tool_use", true);
		}
		if (imp_has_string(params, "structured_outputs"))
			imp_set_cap(rec, "structured_outputs", true);
		if (imp_has_string(params, "reasoning"))
			imp_set_cap(rec, "reasoning", true);
	}
}

/* OpenRouter's route with its prices and page, and the Hugging Face card as a source.  0, or
** -1 with *e->err set. */
static int put_route(imp_entry *e, const imp_tables *t, imp_batch *b, json_t *rec,
                     const json_t *m)
{
	const char *id = json_string_value(json_object_get(m, "id"));
	const json_t *pricing = json_object_get(m, "pricing");
	json_t *route = json_object();
	json_object_set_new(route, "provider", json_string(t->openrouter_provider));
	json_object_set_new(route, "model", json_string(id));
	double in, out, cached;
	const char *why_in, *why_out, *why_c;
	/* Stop at the first bad price: each failing call sets *e->err. */
	int ri = price(e, pricing, "prompt", &in, &why_in);
	int ro = ri < 0 ? -1 : price(e, pricing, "completion", &out, &why_out);
	int rc = ro < 0 ? -1 : price(e, pricing, "input_cache_read", &cached, &why_c);
	if (ri < 0 || ro < 0 || rc < 0) {
		json_decref(route);
		return -1;
	}
	if (why_in || why_out)
		imp_note(b, "%s: price read as unknown (prompt %s, completion %s): 0 and -1 are never a "
		         "free route", e->label, why_in ? why_in : "given", why_out ? why_out : "given");
	json_t *p = json_object();
	imp_put_price(p, "input_per_mtok", ri, in);
	imp_put_price(p, "output_per_mtok", ro, out);
	imp_put_price(p, "cached_input_per_mtok", rc, cached);
	json_object_set_new(route, "pricing", imp_or_null(p));
	char *page = xasprintf("https://openrouter.ai/%s", id);
	json_object_set_new(route, "source", json_string(page));
	json_t *sources = imp_put_route(rec, route, page);
	free(page);
	const char *hf = json_string_value(json_object_get(m, "hugging_face_id"));
	if (hf && *hf && !strpbrk(hf, " \t\"<>?#")) {
		char *card = xasprintf("https://huggingface.co/%s", hf);
		json_array_append_new(sources, json_string(card));
		free(card);
		/* Weights on Hugging Face are open weights; the licence is the card's to say, and
		** OpenRouter does not name it, so it stays unknown. */
		json_object_set_new(rec, "openness", json_string("open-weights"));
	}
	return 0;
}

static int entry(imp_entry *e, const imp_tables *t, imp_batch *b)
{
	if (check_shape(e) != 0)
		return -1;
	const json_t *m = e->v;
	const char *id = json_string_value(json_object_get(m, "id"));
	imp_label(e, id);
	const char *reason = skip_reason(t, id);
	if (reason)
		return imp_skipped(e, "%s", reason);
	const char *colon = strchr(id, ':');
	const char *slash = strchr(id, '/');
	char *org = xstrndup(id, (size_t)(slash - id));
	bool variant = colon && colon > slash && imp_pair_exact(t->variants, t->n_variants, colon + 1);
	char *base = variant ? xstrndup(slash + 1, (size_t)(colon - slash - 1)) : xstrdup(slash + 1);
	char *norm = imp_normalise(base, false);
	free(base);
	char *idform = imp_base_name(t, norm);
	bool copy = variant || strcmp(norm, idform) != 0;
	free(norm);
	int status = 0;
	if (!imp_id_ok(idform)) {
		imp_skipped(e, "its name gives no usable record id");
	} else {
		imp_candidate *cand = imp_candidate_add(b, e->label, idform);
		cand->copy = copy;
		cand->variant = variant;
		cand->window_basis = "context_length, input and output";
		put_name(cand->record, t, m, org, idform, variant);
		status = put_facts(e, cand->record, m);
		if (status == 0) {
			put_capabilities(cand->record, m);
			status = put_route(e, t, b, cand->record, m);
		}
	}
	free(org);
	free(idform);
	return status;
}

/* The models list: {"data": [...]}. */
static const json_t *models(const json_t *root, const char *file, char **err)
{
	const json_t *data = json_object_get(root, "data");
	if (json_is_object(root) && json_is_array(data))
		return data;
	*err = xasprintf("%s: %s: expected OpenRouter's models list, {\"data\": [...]}", file,
	                 json_is_object(root) ? "$.data" : "$");
	return NULL;
}

static const imp_source openrouter = {"$.data", models, entry};

int imp_parse_openrouter(const char *path, const imp_tables *t, imp_batch *b, char **err)
{
	return imp_parse(&openrouter, path, t, b, err);
}
