/*
** import_litellm.c — LiteLLM's model_prices_and_context_window.json: an object whose keys
** are LiteLLM model names ("gpt-4o", "azure/eu/gpt-4o-2024-11-20",
** "bedrock/us-east-1/meta.llama3-8b-instruct-v1:0") and whose values give prices in USD per
** token, context limits and supports_* flags.  Each entry is one route of one model.
**
** What an entry says, and what we make of it:
**   litellm_provider          the provider, through providers.json ("azure" -> "Azure OpenAI")
**   mode                      chat and responses are models we compare; the rest is skipped
**   max_input_tokens          the context window when nothing better is known: LiteLLM counts
**                             input only, so it is a lower bound of data.md's window (input
**                             and output); OpenRouter's context_length wins when both exist
**   max_output_tokens         max_output_tokens
**   input/output_cost_per_token, cache_read_input_token_cost, *_batches,
**   *_above_128k_tokens       prices, per million tokens exactly; see imp_price_from_text
**   supports_*                capabilities: true and false as given, absent is unknown
*/
#include "import.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A price field: absent or null is unknown; a number or a decimal string is read exactly;
** anything else is bad input.  Returns 1 with *out set, 0 for unknown, -1 on error; *why
** says why a present price is unknown (zero, negative). */
static int price(imp_entry *e, const char *field, double *out, const char **why)
{
	const json_t *x = json_object_get(e->v, field);
	*why = NULL;
	if (!x || json_is_null(x))
		return 0;
	imp_price_status st;
	if (json_is_number(x))
		st = imp_price_from_double(json_number_value(x), out);
	else if (json_is_string(x))
		st = imp_price_from_text(json_string_value(x), out);
	else
		return imp_bad(e, field, "a number (USD per token)", x);
	int known = imp_price_known(st, "negative", why);
	if (known < 0)
		return imp_bad(e, field, "a number or a decimal string (USD per token)", x);
	return known;
}

/* A count field: absent or null unknown; a positive integer (or an integral real). */
static int count(imp_entry *e, const char *field, json_int_t *out)
{
	const json_t *x = json_object_get(e->v, field);
	if (!x || json_is_null(x))
		return 0;
	if (!json_is_number(x))
		return imp_bad(e, field, "a token count", x);
	double d = json_number_value(x);
	if (!(d > 0) || d != floor(d) || d > 9007199254740991.0)
		return 0; /* 0 or a fraction: not a usable count, so unknown */
	*out = (json_int_t)d;
	return 1;
}

/* A supports_* flag: 1 true, 0 false, -1 unknown, -2 bad input. */
static int flag(imp_entry *e, const char *field)
{
	const json_t *x = json_object_get(e->v, field);
	if (!x || json_is_null(x))
		return -1;
	if (!json_is_boolean(x)) {
		imp_bad(e, field, "true or false", x);
		return -2;
	}
	return json_is_true(x) ? 1 : 0;
}

/* LiteLLM's modes that are not chat models: why the entry is skipped, and the product_type
** (data.md's non-chat types) a record of the same name takes, since LiteLLM also lists some
** of these models under mode "chat" (Vercel's mistral-embed beside Mistral's embedding). */
static const struct {
	const char *mode;
	const char *reason;
	const char *type;
} non_chat[] = {
	{"embedding", "not a chat model: embedding", "Embedding model"},
	{"image_generation", "not a chat model: image generation", "Image generation model"},
	{"audio_transcription", "not a chat model: speech recognition", "Speech recognition model"},
	{"audio_speech", "not a chat model: text-to-speech", "Text-to-speech model"},
	{"rerank", "not a chat model: reranking", "Reranking model"},
	{"moderation", "not a chat model: moderation", "Moderation model"},
	{"moderations", "not a chat model: moderation", "Moderation model"},
	{"completion", "not a chat model: text completion (legacy completions endpoint)", NULL},
	{"video_generation", "not a chat model: video generation", NULL},
};

/* Is comp the routing prefix LiteLLM puts before a provider's model name?  "azure" for
** azure and azure_text, "vertex_ai" for vertex_ai-anthropic_models, "bedrock" for
** bedrock_converse, the provider id itself otherwise. */
static bool routing_prefix(const char *comp, const char *provider)
{
	size_t n = strlen(comp);
	return strcmp(comp, provider) == 0 ||
	       (strncmp(provider, comp, n) == 0 && (provider[n] == '-' || provider[n] == '_'));
}

static bool aws_region(const char *c)
{
	/* us-east-1, eu-west-3, ap-northeast-1, us-gov-west-1, or "*" */
	if (strcmp(c, "*") == 0)
		return true;
	size_t n = strlen(c);
	if (n < 6 || !isdigit((unsigned char)c[n - 1]) || c[n - 2] != '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!islower((unsigned char)c[i]) && !isdigit((unsigned char)c[i]) && c[i] != '-')
			return false;
	return strchr(c, '-') != strrchr(c, '-');
}

static const char *azure_region(const char *c)
{
	if (strcmp(c, "us") == 0)
		return "US data zone";
	if (strcmp(c, "eu") == 0)
		return "EU data zone";
	if (strcmp(c, "global") == 0 || strcmp(c, "global-standard") == 0)
		return "Global";
	return NULL;
}

static void add_tier(json_t *tiers, json_int_t above, double in, double out)
{
	json_t *t = json_object();
	json_object_set_new(t, "above_input_tokens", json_integer(above));
	json_object_set_new(t, "input_per_mtok", imp_number(in));
	json_object_set_new(t, "output_per_mtok", imp_number(out));
	json_array_append_new(tiers, t);
}

/* Long-context tiers: input_cost_per_token_above_128k_tokens and its output twin.  LiteLLM's
** cost code applies them when prompt tokens > 128000 (k = 1000, as Google's and Anthropic's
** price pages count), which is data.md's above_input_tokens exactly. */
static int tiers(imp_entry *e, imp_batch *b, json_t *pricing)
{
	json_t *list = json_array();
	const char *k;
	json_t *x;
	json_object_foreach((json_t *)e->v, k, x) {
		static const char pre[] = "input_cost_per_token_above_";
		if (strncmp(k, pre, sizeof pre - 1) != 0)
			continue;
		const char *num = k + sizeof pre - 1;
		char *end;
		long thousands = strtol(num, &end, 10);
		if (end == num || strcmp(end, "k_tokens") != 0 || thousands <= 0)
			continue;
		char out_key[96];
		snprintf(out_key, sizeof out_key, "output_cost_per_token_above_%ldk_tokens", thousands);
		double in, out;
		const char *why_in, *why_out;
		int ri = price(e, k, &in, &why_in);
		int ro = ri < 0 ? -1 : price(e, out_key, &out, &why_out);
		if (ri < 0 || ro < 0) {
			json_decref(list);
			return -1;
		}
		if (ri == 1 && ro == 1)
			add_tier(list, (json_int_t)thousands * 1000, in, out);
		else
			imp_note(b, "%s: tier above %ldk tokens left out: %s price %s", e->label, thousands,
			         ri == 1 ? "output" : "input",
			         (ri == 1 ? why_out : why_in) ? (ri == 1 ? why_out : why_in) : "missing");
	}
	if (json_array_size(list))
		json_object_set_new(pricing, "tiers", list);
	else
		json_decref(list);
	return 0;
}

static int pricing_of(imp_entry *e, imp_batch *b, json_t **out)
{
	double in = 0, outp = 0, cached = 0, bin = 0, bout = 0;
	const char *why_in = NULL, *why_out = NULL, *why;
	/* Stop at the first bad price: each failing call sets *e->err. */
	int ri = price(e, "input_cost_per_token", &in, &why_in);
	int ro = ri < 0 ? -1 : price(e, "output_cost_per_token", &outp, &why_out);
	int rc = ro < 0 ? -1 : price(e, "cache_read_input_token_cost", &cached, &why);
	if (rc == 0)
		rc = price(e, "input_cost_per_token_cache_hit", &cached, &why);
	int rbi = rc < 0 ? -1 : price(e, "input_cost_per_token_batches", &bin, &why);
	int rbo = rbi < 0 ? -1 : price(e, "output_cost_per_token_batches", &bout, &why);
	if (rbo < 0)
		return -1;
	if (why_in || why_out)
		imp_note(b, "%s: %s%s%s read as unknown (a price of 0 or below is never a free route)",
		         e->label, why_in ? "input price " : "", why_in ? why_in : "",
		         why_out ? (why_in ? ", output price 0 or below" : "output price 0 or below") : "");
	json_t *p = json_object();
	imp_put_price(p, "input_per_mtok", ri, in);
	imp_put_price(p, "output_per_mtok", ro, outp);
	imp_put_price(p, "cached_input_per_mtok", rc, cached);
	if (ri == 1 && ro == 1 && rbi == 1 && rbo == 1) {
		double d = imp_batch_discount(in, outp, bin, bout);
		if (d > 0)
			json_object_set_new(p, "batch_discount", imp_number(d));
		else
			imp_note(b, "%s: batch prices are not one fraction of the standard ones; "
			         "batch_discount left unknown", e->label);
	}
	if (tiers(e, b, p)) {
		json_decref(p);
		return -1;
	}
	*out = imp_or_null(p);
	return 0;
}

static const struct {
	const char *flag;
	const char *cap;
	const char *also;
} cap_flags[] = {
	{"supports_function_calling", "function_calling", "tool_use"},
	{"supports_response_schema", "structured_outputs", NULL},
	{"supports_vision", "vision", NULL},
	{"supports_reasoning", "reasoning", NULL},
	{"supports_computer_use", "computer_use", NULL},
	/* supports_prompt_caching is left to the prompt-caching check, which reads it off the
	** cached-input prices; data.md's ten capabilities are the ones records carry. */
};

static int capabilities(imp_entry *e, json_t *rec)
{
	for (size_t i = 0; i < VS_ARRAY_LEN(cap_flags); i++) {
		int f = flag(e, cap_flags[i].flag);
		if (f == -2)
			return -1;
		if (f < 0)
			continue;
		imp_set_cap(rec, cap_flags[i].cap, f == 1);
		if (cap_flags[i].also)
			imp_set_cap(rec, cap_flags[i].also, f == 1);
	}
	/* Image, audio, video or PDF input: more than text goes in. */
	static const char *const inputs[] = {"supports_vision", "supports_audio_input",
	                                     "supports_pdf_input", "supports_video_input"};
	for (size_t i = 0; i < VS_ARRAY_LEN(inputs); i++) {
		int f = flag(e, inputs[i]);
		if (f == -2)
			return -1; /* *e->err is set; stop before another message replaces it */
		if (f == 1)
			imp_set_cap(rec, "multimodal", true);
	}
	return 0;
}

static bool is_url(const char *s)
{
	return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0) &&
	       !strpbrk(s, " \t\n\"<>");
}

#define LITELLM_SOURCE "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json"

/* The entry's shape and whether it is a chat model of a provider providers.json knows:
** -1 on bad input (*e->err set), 0 when skipped (e->skip set), 1 with *pname the provider's
** name in records. */
static int classify(imp_entry *e, const imp_tables *t, imp_batch *b, const char **pname)
{
	imp_label(e, e->key);
	if (!json_is_object(e->v))
		return imp_bad(e, NULL, "an object (one model's prices and limits)", e->v);
	const json_t *prov = json_object_get(e->v, "litellm_provider");
	const json_t *mode = json_object_get(e->v, "mode");
	if (prov && !json_is_string(prov))
		return imp_bad(e, "litellm_provider", "a string", prov);
	if (mode && !json_is_null(mode) && !json_is_string(mode))
		return imp_bad(e, "mode", "a string", mode);
	/* The analysts' skip list first: it says why better than any rule below. */
	const char *reason = imp_skip_listed(t, "litellm", e->key);
	if (reason)
		return imp_skipped(e, "%s", reason);
	if (!prov)
		return imp_skipped(e, "no litellm_provider: not a model entry");
	const char *provider = json_string_value(prov);
	const char *m = json_string_value(mode);
	if (!m)
		return imp_skipped(e, "no mode given: LiteLLM does not say what kind of model it is");
	if (strcmp(m, "chat") != 0 && strcmp(m, "responses") != 0) {
		for (size_t i = 0; i < VS_ARRAY_LEN(non_chat); i++)
			if (strcmp(non_chat[i].mode, m) == 0) {
				reason = non_chat[i].reason;
				if (non_chat[i].type)
					imp_typed_add(b, e->key, non_chat[i].type);
			}
		return reason ? imp_skipped(e, "%s", reason)
		              : imp_skipped(e, "not a chat model: mode '%s'", m);
	}
	if ((reason = imp_pair_match(t->provider_skips, t->n_provider_skips, provider)))
		return imp_skipped(e, "%s", reason);
	*pname = imp_pair_match(t->providers, t->n_providers, provider);
	if (!*pname)
		return imp_skipped(e, "provider '%s' is not in providers.json", provider);
	return 1;
}

/* The key: [routing prefix /] [region /] [commitment /] the provider's model name. */
typedef struct key_parts {
	char **comps;        /* the key's '/'-separated components */
	size_t nc, cap;
	size_t model_at;     /* the first component of the provider's model name */
	const char *region;  /* a component, a region table's, or NULL */
	char *route_model;   /* the provider's model name: the route's `model` */
} key_parts;

static void key_parts_free(key_parts *k)
{
	for (size_t j = 0; j < k->nc; j++)
		free(k->comps[j]);
	free(k->comps);
	free(k->route_model);
}

/* Read the key of an entry of provider into k: 0, or 1 when the entry is skipped (a
** provisioned-throughput commitment, a free tier). */
static int read_key(imp_entry *e, const char *provider, key_parts *k)
{
	for (const char *p = e->key;;) {
		const char *slash = strchr(p, '/');
		*VS_PUSH(k->comps, k->nc, k->cap) = slash ? xstrndup(p, (size_t)(slash - p)) : xstrdup(p);
		if (!slash)
			break;
		p = slash + 1;
	}
	size_t i = 0;
	if (k->nc > 1 && routing_prefix(k->comps[0], provider))
		i = 1;
	bool bedrock = strncmp(provider, "bedrock", 7) == 0;
	bool azure = strncmp(provider, "azure", 5) == 0;
	for (; i + 1 < k->nc; i++) {
		const char *c = k->comps[i];
		if (azure && azure_region(c))
			k->region = azure_region(c);
		else if (bedrock && strcmp(c, "invoke") == 0)
			;
		else if (bedrock && aws_region(c))
			k->region = strcmp(c, "*") == 0 ? NULL : c;
		else if (bedrock && strstr(c, "-commitment")) {
			imp_skipped(e, "provisioned-throughput commitment (priced per model unit and hour), "
			            "not a per-token route");
			return 1;
		} else
			break;
	}
	k->model_at = i;
	vs_buf rm = {0};
	for (size_t j = i; j < k->nc; j++) {
		if (j > i)
			buf_addc(&rm, '/');
		buf_add(&rm, k->comps[j]);
	}
	k->route_model = buf_steal(&rm);
	size_t rml = strlen(k->route_model);
	if ((rml > 5 && strcmp(k->route_model + rml - 5, ":free") == 0) ||
	    (rml > 5 && strcasecmp(k->route_model + rml - 5, "-free") == 0)) {
		imp_skipped(e, "free tier: rate-limited, not a route for production traffic");
		return 1;
	}
	if (bedrock && !k->region)
		k->region = imp_bedrock_region(k->route_model);
	return 0;
}

/* The route: provider, model, first party, prices, region and source.  0, or -1 with
** *e->err set. */
static int put_litellm_route(imp_entry *e, imp_batch *b, json_t *rec, const key_parts *k,
                             const char *pname, bool first_party)
{
	json_t *route = json_object();
	json_object_set_new(route, "provider", json_string(pname));
	json_object_set_new(route, "model", json_string(k->route_model));
	if (first_party)
		json_object_set_new(route, "first_party", json_true());
	json_t *pricing;
	if (pricing_of(e, b, &pricing)) {
		json_decref(route);
		return -1;
	}
	json_object_set_new(route, "pricing", pricing);
	if (k->region)
		json_object_set_new(route, "region", json_string(k->region));
	const char *src = json_string_value(json_object_get(e->v, "source"));
	if (src && is_url(src))
		json_object_set_new(route, "source", json_string(src));
	imp_put_route(rec, route, LITELLM_SOURCE);
	return 0;
}

/* The candidate record of an entry whose key is k: its id, name, creator, sizes,
** capabilities and route.  0, or -1 with *e->err set. */
static int put_candidate(imp_entry *e, const imp_tables *t, imp_batch *b, const key_parts *k,
                         const char *provider, const char *pname)
{
	bool fireworks = strncmp(provider, "fireworks", 9) == 0;
	char *norm = imp_normalise(k->route_model, fireworks);
	char *idform = imp_base_name(t, norm);
	bool copy = strcmp(norm, idform) != 0;
	free(norm);
	if (!imp_id_ok(idform)) {
		imp_skipped(e, "its name gives no usable record id");
		free(idform);
		return 0;
	}
	char *org = imp_vendor(k->route_model);
	if (!org && k->nc - k->model_at >= 2)
		org = xstrdup(k->comps[k->nc - 2]);
	const imp_creator *cr = imp_creator_find(t, org, idform);
	int fp = imp_creator_provider_rank(cr, pname);

	imp_candidate *c = imp_candidate_add(b, e->label, idform);
	c->copy = copy;
	c->rank = fp >= 0 ? 0 : 1;
	c->window_basis = "max_input_tokens, input only";
	json_t *rec = c->record;
	char *display = imp_display_name(k->route_model);
	json_object_set_new(rec, "name", json_string(display));
	if (cr)
		json_object_set_new(rec, "creator", json_string(cr->name));
	int status = -1;
	json_int_t n = 0;
	int r = count(e, "max_input_tokens", &n);
	if (imp_put_count(rec, "context_window", r, n))
		goto out;
	r = count(e, "max_output_tokens", &n);
	if (imp_put_count(rec, "max_output_tokens", r, n) || capabilities(e, rec))
		goto out;
	imp_window_output(rec, c->rank == 0);
	const char *type = imp_type_from_outputs(json_object_get(e->v, "supported_output_modalities"));
	if (type)
		json_object_set_new(rec, "product_type", json_string(type));
	status = put_litellm_route(e, b, rec, k, pname, fp >= 0);
out:
	free(idform);
	free(org);
	free(display);
	return status;
}

/* One entry: a candidate, a skip, or -1 on bad input. */
static int entry(imp_entry *e, const imp_tables *t, imp_batch *b)
{
	const char *pname = NULL;
	int kind = classify(e, t, b, &pname);
	if (kind <= 0)
		return kind;
	const char *provider = json_string_value(json_object_get(e->v, "litellm_provider"));
	key_parts k = {0};
	int status = read_key(e, provider, &k) == 0 ? put_candidate(e, t, b, &k, provider, pname) : 0;
	key_parts_free(&k);
	return status;
}

/* The whole file is one object of entries. */
static const json_t *entries(const json_t *root, const char *file, char **err)
{
	if (json_is_object(root))
		return root;
	*err = xasprintf("%s: $: expected an object of LiteLLM model entries "
	                 "(model_prices_and_context_window.json), got %s", file,
	                 json_is_array(root) ? "an array" : "a single value");
	return NULL;
}

static const imp_source litellm = {"$", entries, entry};

int imp_parse_litellm(const char *path, const imp_tables *t, imp_batch *b, char **err)
{
	return imp_parse(&litellm, path, t, b, err);
}
