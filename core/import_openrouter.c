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
**                             and is skipped; other variants (":thinking") are records of
**                             their own
**   name "Creator: Name"      name; the creator part when first_party.json knows no org
**   context_length            context_window (OpenRouter counts input and output together,
**                             as data.md does)
**   top_provider.max_completion_tokens   max_output_tokens
**   pricing.prompt/completion/input_cache_read   prices; "-1" (varies) and "0" are unknown
**   architecture.input_modalities / output_modalities   vision (image in), multimodal (image,
**                             audio or video in or out; a "file" is read as text)
**   supported_parameters      tools -> function calling and tool use, structured_outputs,
**                             reasoning; a parameter that is absent says nothing (unknown)
**   knowledge_cutoff, hugging_face_id   knowledge_cutoff; the model card in sources
*/
#include "import.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"

typedef struct or_ctx {
	const char *file;
	size_t index;
	char **err;
} or_ctx;

static int bad(or_ctx *c, const char *field, const char *what, const json_t *got)
{
	*c->err = xasprintf("%s: $.data[%zu]%s%s: expected %s, got %s", c->file, c->index,
	                    field ? "." : "", field ? field : "", what, imp_json_kind(got));
	return -1;
}

/* A price string: 1 with *out, 0 unknown (absent, null, zero, negative), -1 bad input. */
static int price(or_ctx *c, const json_t *pricing, const char *field, double *out,
                 const char **why)
{
	const json_t *x = json_object_get(pricing, field);
	*why = NULL;
	if (!x || json_is_null(x))
		return 0;
	if (!json_is_string(x)) {
		char f[64];
		snprintf(f, sizeof f, "pricing.%s", field);
		return bad(c, f, "a decimal string (USD per token)", x);
	}
	switch (imp_price_from_text(json_string_value(x), out)) {
	case IMP_PRICE_OK:
		return 1;
	case IMP_PRICE_ZERO:
		*why = "0";
		return 0;
	case IMP_PRICE_NEGATIVE:
		*why = json_string_value(x);
		return 0;
	case IMP_PRICE_BAD:
		break;
	}
	char f[64];
	snprintf(f, sizeof f, "pricing.%s", field);
	*c->err = xasprintf("%s: $.data[%zu].%s: expected a decimal string (USD per token), got "
	                    "\"%.40s\"", c->file, c->index, f, json_string_value(x));
	return -1;
}

static int string_array(or_ctx *c, const json_t *v, const char *field)
{
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return bad(c, field, "an array of strings", v);
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x)
		if (!json_is_string(x))
			return bad(c, field, "an array of strings", v);
	return 0;
}

/* A positive integer count, or unknown (absent, null, 0); anything else is bad input. */
static int count(or_ctx *c, const json_t *v, const char *field, json_int_t *out)
{
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v))
		return bad(c, field, "an integer token count", v);
	if (json_integer_value(v) <= 0)
		return 0;
	*out = json_integer_value(v);
	return 1;
}

static int entry(or_ctx *c, const json_t *m, const imp_tables *t, imp_batch *b,
                 const char *base)
{
	if (!json_is_object(m))
		return bad(c, NULL, "an object (one model)", m);
	const json_t *jid = json_object_get(m, "id"), *jname = json_object_get(m, "name");
	if (!json_is_string(jid))
		return bad(c, "id", "a string", jid);
	if (jname && !json_is_string(jname))
		return bad(c, "name", "a string", jname);
	const json_t *pricing = json_object_get(m, "pricing");
	if (pricing && !json_is_null(pricing) && !json_is_object(pricing))
		return bad(c, "pricing", "an object", pricing);
	const json_t *arch = json_object_get(m, "architecture");
	if (arch && !json_is_null(arch) && !json_is_object(arch))
		return bad(c, "architecture", "an object", arch);
	const json_t *top = json_object_get(m, "top_provider");
	if (top && !json_is_null(top) && !json_is_object(top))
		return bad(c, "top_provider", "an object", top);
	const json_t *params = json_object_get(m, "supported_parameters");
	const json_t *in_mod = json_object_get(arch, "input_modalities");
	const json_t *out_mod = json_object_get(arch, "output_modalities");
	if (string_array(c, params, "supported_parameters") ||
	    string_array(c, in_mod, "architecture.input_modalities") ||
	    string_array(c, out_mod, "architecture.output_modalities"))
		return -1;

	const char *id = json_string_value(jid);
	char *label = xasprintf("%s: %s", base, id);
	const char *reason = NULL;
	int status = 0;
	char *slug = NULL, *org = NULL, *idform = NULL;
	const char *colon = strchr(id, ':');
	const char *slash = strchr(id, '/');

	char *skey = xasprintf("openrouter:%s", id);
	reason = imp_pair_match(t->skips, t->n_skips, skey);
	free(skey);
	if (reason)
		goto done;
	if (colon && strcmp(colon, ":free") == 0) {
		reason = "free tier (:free): rate-limited, not a route for production traffic";
		goto done;
	}
	if (id[0] == '~') {
		reason = "moving alias (~…-latest): always the newest model of a line, not one model";
		goto done;
	}
	if (!slash || slash == id || !slash[1]) {
		reason = "id is not ORGANISATION/MODEL";
		goto done;
	}
	org = xstrndup(id, (size_t)(slash - id));
	slug = xstrdup(slash + 1);
	idform = imp_normalise(slug, false);
	if (!imp_id_ok(idform)) {
		reason = "its name gives no usable record id";
		goto done;
	}

	imp_candidate *cand = imp_candidate_add(b, label, idform);
	cand->window_basis = "context_length, input and output";
	json_t *rec = cand->record;
	const char *name = jname ? json_string_value(jname) : id;
	const char *sep = strstr(name, ": ");
	const imp_creator *cr = imp_creator_find(t, org, idform);
	if (sep && sep[2])
		json_object_set_new(rec, "name", json_string(sep + 2));
	else
		json_object_set_new(rec, "name", json_string(name));
	if (cr)
		json_object_set_new(rec, "creator", json_string(cr->name));
	else if (sep && sep > name)
		json_object_set_new(rec, "creator", json_stringn(name, (size_t)(sep - name)));

	json_int_t n;
	int r = count(c, json_object_get(m, "context_length"), "context_length", &n);
	if (r < 0)
		goto fail;
	if (r)
		json_object_set_new(rec, "context_window", json_integer(n));
	r = count(c, json_object_get(top, "max_completion_tokens"), "top_provider.max_completion_tokens",
	          &n);
	if (r < 0)
		goto fail;
	if (r)
		json_object_set_new(rec, "max_output_tokens", json_integer(n));
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

	/* Capabilities: what the modalities say is yes or no; a parameter says only yes. */
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

	json_t *route = json_object();
	json_object_set_new(route, "provider", json_string(t->openrouter_provider));
	json_object_set_new(route, "model", json_string(id));
	json_t *p = json_object();
	double in, out, cached;
	const char *why_in, *why_out, *why_c;
	/* Stop at the first bad price: each failing call sets *c->err. */
	int ri = price(c, pricing, "prompt", &in, &why_in);
	int ro = ri < 0 ? -1 : price(c, pricing, "completion", &out, &why_out);
	int rc = ro < 0 ? -1 : price(c, pricing, "input_cache_read", &cached, &why_c);
	if (ri < 0 || ro < 0 || rc < 0) {
		json_decref(p);
		json_decref(route);
		goto fail;
	}
	if (why_in || why_out)
		imp_note(b, "%s: price read as unknown (prompt %s, completion %s): 0 and -1 are never a "
		         "free route", label, why_in ? why_in : "given", why_out ? why_out : "given");
	if (ri == 1)
		json_object_set_new(p, "input_per_mtok", imp_number(in));
	if (ro == 1)
		json_object_set_new(p, "output_per_mtok", imp_number(out));
	if (rc == 1)
		json_object_set_new(p, "cached_input_per_mtok", imp_number(cached));
	if (json_object_size(p))
		json_object_set_new(route, "pricing", p);
	else {
		json_decref(p);
		json_object_set_new(route, "pricing", json_null());
	}
	char *page = xasprintf("https://openrouter.ai/%s", id);
	json_object_set_new(route, "source", json_string(page));
	json_t *routes = json_array();
	json_array_append_new(routes, route);
	json_object_set_new(rec, "routes", routes);
	json_t *sources = json_array();
	json_array_append_new(sources, json_string(page));
	free(page);
	const char *hf = json_string_value(json_object_get(m, "hugging_face_id"));
	if (hf && *hf && !strpbrk(hf, " \t\"<>?#")) {
		char *card = xasprintf("https://huggingface.co/%s", hf);
		json_array_append_new(sources, json_string(card));
		free(card);
	}
	json_object_set_new(rec, "sources", sources);
	goto done;
fail:
	status = -1;
done:
	if (reason)
		imp_skip_add(b, label, reason);
	free(label);
	free(slug);
	free(org);
	free(idform);
	return status;
}

int imp_parse_openrouter(const char *path, const imp_tables *t, imp_batch *b, char **err)
{
	json_t *root = imp_load_input(path, err);
	if (!root)
		return -1;
	const json_t *data = json_object_get(root, "data");
	if (!json_is_object(root) || !json_is_array(data)) {
		*err = xasprintf("%s: %s: expected OpenRouter's models list, {\"data\": [...]}", path,
		                 json_is_object(root) ? "$.data" : "$");
		json_decref(root);
		return -1;
	}
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	int status = 0;
	size_t i;
	json_t *m;
	json_array_foreach(data, i, m) {
		or_ctx c = {path, i, err};
		b->n_entries++;
		if (entry(&c, m, t, b, base) != 0) {
			status = -1;
			break;
		}
	}
	json_decref(root);
	return status;
}
