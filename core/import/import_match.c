/*
** import_match.c — what decides which record an entry belongs to, and what its numbers are:
** name normalisation, the tables analysts edit (the JSON files of DATA/import), and exact per-token to
** per-million price conversion.  Everything here is a pure function of its arguments and the
** tables, so tests/unit/test_import.c can pin each rule with the real names that need it.
*/
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_write.h"
#include "record.h"

/* {====== Names */

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Bedrock (and OCI) write "us.anthropic.claude-…": a cross-region prefix, then the vendor. */
static const char *const region_prefixes[] = {"us.", "eu.", "apac.", "global.", "us-gov.",
                                              "jp.", "au.", "ca."};
static const char *const vendor_prefixes[] = {"anthropic.", "meta.", "amazon.", "mistral.",
                                              "cohere.", "ai21.", "deepseek.", "openai.",
                                              "qwen.", "xai.", "writer.", "twelvelabs."};

static size_t vendor_prefix_len(const char *s)
{
	for (size_t i = 0; i < VS_ARRAY_LEN(vendor_prefixes); i++)
		if (strncasecmp(s, vendor_prefixes[i], strlen(vendor_prefixes[i])) == 0)
			return strlen(vendor_prefixes[i]);
	return 0;
}

char *imp_vendor(const char *raw)
{
	const char *last = strrchr(raw, '/');
	last = last ? last + 1 : raw;
	for (size_t i = 0; i < VS_ARRAY_LEN(region_prefixes); i++)
		if (strncasecmp(last, region_prefixes[i], strlen(region_prefixes[i])) == 0 &&
		    vendor_prefix_len(last + strlen(region_prefixes[i]))) {
			last += strlen(region_prefixes[i]);
			break;
		}
	size_t n = vendor_prefix_len(last);
	return n ? xstrndup(last, n - 1) : NULL;
}

const char *imp_bedrock_region(const char *raw)
{
	static const char *const labels[] = {
		"US (cross-region inference)", "EU (cross-region inference)",
		"APAC (cross-region inference)", "Global (cross-region inference)",
		"US GovCloud (cross-region inference)", "Japan (cross-region inference)",
		"Australia (cross-region inference)", "Canada (cross-region inference)"};
	const char *last = strrchr(raw, '/');
	last = last ? last + 1 : raw;
	for (size_t i = 0; i < VS_ARRAY_LEN(region_prefixes); i++)
		if (strncasecmp(last, region_prefixes[i], strlen(region_prefixes[i])) == 0 &&
		    vendor_prefix_len(last + strlen(region_prefixes[i])))
			return labels[i];
	return NULL;
}

/* The last path component with Bedrock's prefixes and revision suffix removed, case kept:
** "bedrock/us.anthropic.claude-3-5-sonnet-20241022-v2:0" -> "claude-3-5-sonnet-20241022".
** The revision: "-v1:0", "-v2:0" and "-1:0" are API revisions and go; "-v0:2" is the model's
** own version ("Mistral-7B-Instruct-v0.2") and reads "-v0.2"; "claude-v2:1" is Claude 2.1
** and reads "claude-v2.1". */
static char *strip_bedrock(const char *raw)
{
	const char *last = strrchr(raw, '/');
	last = last ? last + 1 : raw;
	char *low = xstrdup(last);
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	size_t skip = 0;
	for (size_t i = 0; i < VS_ARRAY_LEN(region_prefixes); i++)
		if (starts_with(low, region_prefixes[i]) &&
		    vendor_prefix_len(low + strlen(region_prefixes[i]))) {
			skip = strlen(region_prefixes[i]);
			break;
		}
	skip += vendor_prefix_len(low + skip);
	free(low);
	char *s = xstrdup(last + skip);
	char *colon = strrchr(s, ':');
	if (colon && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1)) {
		/* the digits before the colon, and an optional 'v' before them */
		char *d = colon;
		while (d > s && isdigit((unsigned char)d[-1]))
			d--;
		bool has_major = d < colon;
		char *v = d > s && (d[-1] == 'v' || d[-1] == 'V') ? d - 1 : d;
		bool dash = v > s && v[-1] == '-';
		if (has_major && dash && strcmp(colon + 1, "0") == 0 && !(d[0] == '0' && d + 1 == colon))
			v[-1] = '\0';         /* "-v1:0", "-1:0": the API revision */
		else if (has_major && v < d)
			*colon = '.';         /* "-v0:2", "-v2:1": a version of the model */
		else
			*colon = '-';
	}
	return s;
}

char *imp_display_name(const char *raw)
{
	char *s = strip_bedrock(raw);
	for (char *p = s; *p; p++)
		if (*p == '@')
			*p = '-';
	/* Vertex serves partner models "as a service": "-maas" names the offer, not the model. */
	size_t n = strlen(s);
	if (n > 5 && strcasecmp(s + n - 5, "-maas") == 0)
		s[n - 5] = '\0';
	return s;
}

char *imp_normalise(const char *raw, bool p_digits)
{
	char *s = imp_display_name(raw);
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	/* A lone digit, a hyphen, a lone digit that ends a word: a version written with a hyphen
	** ("claude-3-5-sonnet", "llama3-1-8b"); a date ("2024-08-06") has no lone digits. */
	for (size_t i = 1; i + 2 < n + 1 && i + 1 < n; i++) {
		if (s[i] != '-' || !isdigit((unsigned char)s[i - 1]) || !isdigit((unsigned char)s[i + 1]))
			continue;
		bool lone_before = i < 2 || !isdigit((unsigned char)s[i - 2]);
		bool lone_after = s[i + 2] == '\0' || s[i + 2] == '-';
		if (lone_before && lone_after)
			s[i] = '.';
	}
	/* Azure writes GPT-3.5 "gpt-35" (its deployment names cannot hold a dot). */
	if (strncmp(s, "gpt-35-", 7) == 0 || strcmp(s, "gpt-35") == 0) {
		s = xrealloc(s, n + 2);
		memmove(s + 6, s + 5, n - 4);
		s[5] = '.';
		n++;
	}
	/* Meta's models are "Llama": Hugging Face's "Meta-Llama-3.1-8B" is Llama 3.1 8B. */
	if (strncmp(s, "meta-llama", 10) == 0) {
		memmove(s, s + 5, n - 4);
		n -= 5;
	}
	if (p_digits)
		for (size_t i = 1; i + 1 < n; i++)
			if (s[i] == 'p' && isdigit((unsigned char)s[i - 1]) && isdigit((unsigned char)s[i + 1]))
				s[i] = '.';
	/* Anything an id cannot hold becomes '-'; runs fold; ends are trimmed. */
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		          c == '-';
		if (!ok)
			c = '-';
		if (c == '-' && (w == 0 || s[w - 1] == '-'))
			continue;
		s[w++] = c;
	}
	while (w > 0 && (s[w - 1] == '-' || s[w - 1] == '.'))
		w--;
	s[w] = '\0';
	return s;
}

char *imp_match_key(const char *normalised)
{
	char *k = xstrdup(normalised);
	size_t w = 0;
	for (size_t i = 0; k[i]; i++) {
		if (k[i] == '-' && w > 0 && isalpha((unsigned char)k[w - 1]) &&
		    isdigit((unsigned char)k[i + 1]))
			continue;
		k[w++] = k[i];
	}
	k[w] = '\0';
	return k;
}

bool imp_id_ok(const char *id)
{
	return record_id_is_safe(id); /* the one id rule: what check accepts (data.md) */
}

/* }====== */

/* {====== Prices */

imp_price_status imp_price_from_text(const char *s, double *out)
{
	/* [-+]? digits [. digits] [e [-+] digits], at least one digit in the mantissa */
	const char *p = s;
	bool neg = false;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	char digits[64];
	size_t nd = 0;
	long exp10 = 0;
	bool any = false, nonzero = false;
	for (; isdigit((unsigned char)*p); p++) {
		any = true;
		if (*p != '0' || nd) {
			if (nd + 1 >= sizeof digits)
				return IMP_PRICE_BAD;
			digits[nd++] = *p;
		}
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			any = true;
			exp10--;
			if (*p != '0' || nd) {
				if (nd + 1 >= sizeof digits)
					return IMP_PRICE_BAD;
				digits[nd++] = *p;
			}
		}
	}
	if (!any)
		return IMP_PRICE_BAD;
	if (*p == 'e' || *p == 'E') {
		p++;
		bool eneg = false;
		if (*p == '-' || *p == '+')
			eneg = *p++ == '-';
		if (!isdigit((unsigned char)*p))
			return IMP_PRICE_BAD;
		long e = 0;
		for (; isdigit((unsigned char)*p); p++) {
			if (e > 100000)
				return IMP_PRICE_BAD;
			e = e * 10 + (*p - '0');
		}
		exp10 += eneg ? -e : e;
	}
	if (*p)
		return IMP_PRICE_BAD;
	for (size_t i = 0; i < nd; i++)
		nonzero = true;
	if (!nonzero)
		return IMP_PRICE_ZERO;
	if (neg)
		return IMP_PRICE_NEGATIVE;
	/* Per million: the decimal exponent moves by six before the one rounding strtod does. */
	digits[nd] = '\0';
	char text[96];
	snprintf(text, sizeof text, "%se%ld", digits, exp10 + 6);
	errno = 0;
	double v = strtod(text, NULL);
	if (errno == ERANGE || !isfinite(v) || v <= 0)
		return IMP_PRICE_BAD;
	*out = v;
	return IMP_PRICE_OK;
}

imp_price_status imp_price_from_double(double d, double *out)
{
	if (!isfinite(d))
		return IMP_PRICE_BAD;
	if (d == 0)
		return IMP_PRICE_ZERO;
	if (d < 0)
		return IMP_PRICE_NEGATIVE;
	char text[40];
	json_shortest(d, text, sizeof text);
	return imp_price_from_text(text, out);
}

double imp_batch_discount(double in, double out, double batch_in, double batch_out)
{
	if (!(in > 0 && out > 0 && batch_in > 0 && batch_out > 0))
		return -1;
	double ri = batch_in / in, ro = batch_out / out;
	if (fabs(ri - ro) > 1e-9 * fmax(ri, ro))
		return -1;
	char text[40];
	snprintf(text, sizeof text, "%.10g", 1 - ri);
	double d = strtod(text, NULL);
	return d > 0 && d < 1 ? d : -1;
}

/* }====== */

/* {====== Tables */

typedef struct loader {
	const char *file;
	char **err;
} loader;

const char *imp_json_kind(const json_t *v)
{
	return !v ? "nothing" : json_is_object(v) ? "an object" : json_is_array(v) ? "an array"
	     : json_is_string(v) ? "a string" : json_is_null(v) ? "null"
	     : json_is_boolean(v) ? "a boolean" : "a number";
}

bool imp_has_string(const json_t *arr, const char *s)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), s) == 0)
			return true;
	return false;
}

json_t *imp_load_input(const char *path, char **err)
{
	json_error_t je;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
	*err = NULL;
	if (!root)
		*err = xasprintf("%s:%d:%d: not valid JSON: %s", path, je.line, je.column, je.text);
	return root;
}

static int fail(loader *l, const char *path, const char *what, const json_t *v)
{
	*l->err = xasprintf("%s: %s: expected %s, got %s", l->file, path, what, imp_json_kind(v));
	return -1;
}

static json_t *load_table(loader *l, const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);
	json_error_t e;
	json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &e);
	if (!root)
		*l->err = xasprintf("%s:%d:%d: %s", path, e.line, e.column, e.text);
	else if (!json_is_object(root)) {
		l->file = path;
		fail(l, "$", "an object", root);
		json_decref(root);
		root = NULL;
	}
	free(path);
	return root;
}

static int string_list(loader *l, const json_t *v, const char *path, char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!v)
		return 0;
	if (!json_is_array(v))
		return fail(l, path, "an array of strings", v);
	*out = xcalloc(json_array_size(v), sizeof **out);
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) {
		if (!json_is_string(x)) {
			char *p = xasprintf("%s[%zu]", path, i);
			int r = fail(l, p, "a string", x);
			free(p);
			return r;
		}
		(*out)[(*n)++] = xstrdup(json_string_value(x));
	}
	return 0;
}

/* An object of string -> string (or, with allow_null, null meaning "skip"), in file order. */
static int string_map(loader *l, const json_t *v, const char *path, imp_pair **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!v)
		return 0;
	if (!json_is_object(v))
		return fail(l, path, "an object of strings", v);
	*out = xcalloc(json_object_size(v), sizeof **out);
	const char *k;
	json_t *x;
	json_object_foreach((json_t *)v, k, x) {
		if (!json_is_string(x)) {
			char *p = xasprintf("%s.%s", path, k);
			int r = fail(l, p, "a string", x);
			free(p);
			return r;
		}
		(*out)[*n].key = xstrdup(k);
		(*out)[(*n)++].value = xstrdup(json_string_value(x));
	}
	return 0;
}

static int load_creators(loader *l, imp_tables *t, const json_t *root)
{
	const json_t *cs = json_object_get(root, "creators");
	if (!json_is_array(cs))
		return fail(l, "$.creators", "an array of creator objects", cs);
	t->creators = xcalloc(json_array_size(cs), sizeof *t->creators);
	size_t i;
	json_t *c;
	json_array_foreach(cs, i, c) {
		char path[64];
		snprintf(path, sizeof path, "$.creators[%zu]", i);
		const json_t *name = json_object_get(c, "creator");
		if (!json_is_object(c) || !json_is_string(name))
			return fail(l, path, "an object with a \"creator\" string", c);
		imp_creator *cr = &t->creators[t->n_creators++];
		cr->name = xstrdup(json_string_value(name));
		char sub[96];
		snprintf(sub, sizeof sub, "%s.orgs", path);
		if (string_list(l, json_object_get(c, "orgs"), sub, &cr->orgs, &cr->n_orgs))
			return -1;
		snprintf(sub, sizeof sub, "%s.names", path);
		if (string_list(l, json_object_get(c, "names"), sub, &cr->names, &cr->n_names))
			return -1;
		snprintf(sub, sizeof sub, "%s.providers", path);
		if (string_list(l, json_object_get(c, "providers"), sub, &cr->providers, &cr->n_providers))
			return -1;
	}
	return 0;
}

static int load_providers(loader *l, imp_tables *t, const json_t *root)
{
	const json_t *or = json_object_get(root, "openrouter");
	if (!json_is_string(or))
		return fail(l, "$.openrouter", "a string (the provider name of OpenRouter's routes)", or);
	t->openrouter_provider = xstrdup(json_string_value(or));
	if (string_map(l, json_object_get(root, "litellm"), "$.litellm", &t->providers,
	               &t->n_providers))
		return -1;
	return string_map(l, json_object_get(root, "litellm_skip"), "$.litellm_skip",
	                  &t->provider_skips, &t->n_provider_skips);
}

int imp_tables_load(imp_tables *t, const char *dir, char **err)
{
	memset(t, 0, sizeof *t);
	*err = NULL;
	static const char *const files[] = {"first_party.json", "aliases.json", "families.json",
	                                    "providers.json"};
	for (size_t f = 0; f < VS_ARRAY_LEN(files); f++) {
		loader l = {files[f], err};
		json_t *root = load_table(&l, dir, files[f]);
		if (!root)
			return -1;
		char *path = xasprintf("%s/%s", dir, files[f]);
		l.file = path;
		int r = 0;
		if (f == 0)
			r = load_creators(&l, t, root);
		else if (f == 1) {
			r = string_map(&l, json_object_get(root, "aliases"), "$.aliases", &t->aliases,
			               &t->n_aliases);
			for (size_t i = 0; !r && i < t->n_aliases; i++)
				if (!imp_id_ok(t->aliases[i].value)) {
					*err = xasprintf("%s: $.aliases.%s: \"%s\" is not a record id (lower case "
					                 "letters, digits, '.', '_' and '-')", path,
					                 t->aliases[i].key, t->aliases[i].value);
					r = -1;
				}
			if (!r)
				r = string_map(&l, json_object_get(root, "skip"), "$.skip", &t->skips, &t->n_skips);
			if (!r && json_object_get(root, "kinds"))
				r = string_map(&l, json_object_get(root, "kinds"), "$.kinds", &t->kinds,
				               &t->n_kinds);
			if (!r && json_object_get(root, "copies"))
				r = string_map(&l, json_object_get(root, "copies"), "$.copies", &t->copies,
				               &t->n_copies);
			if (!r && json_object_get(root, "variants"))
				r = string_map(&l, json_object_get(root, "variants"), "$.variants",
				               &t->variants, &t->n_variants);
		} else if (f == 2)
			r = string_map(&l, json_object_get(root, "families"), "$.families", &t->families,
			               &t->n_families);
		else
			r = load_providers(&l, t, root);
		free(path);
		json_decref(root);
		if (r)
			return -1;
	}
	return 0;
}

static void pairs_free(imp_pair *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].key);
		free(v[i].value);
	}
	free(v);
}

static void strings_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void imp_tables_free(imp_tables *t)
{
	for (size_t i = 0; i < t->n_creators; i++) {
		imp_creator *c = &t->creators[i];
		free(c->name);
		strings_free(c->orgs, c->n_orgs);
		strings_free(c->names, c->n_names);
		strings_free(c->providers, c->n_providers);
	}
	free(t->creators);
	pairs_free(t->aliases, t->n_aliases);
	pairs_free(t->families, t->n_families);
	pairs_free(t->providers, t->n_providers);
	pairs_free(t->provider_skips, t->n_provider_skips);
	pairs_free(t->skips, t->n_skips);
	pairs_free(t->copies, t->n_copies);
	pairs_free(t->variants, t->n_variants);
	pairs_free(t->kinds, t->n_kinds);
	pairs_free(t->existing, t->n_existing);
	free(t->openrouter_provider);
	memset(t, 0, sizeof *t);
}

const imp_creator *imp_creator_find(const imp_tables *t, const char *org, const char *name)
{
	if (org)
		for (size_t i = 0; i < t->n_creators; i++)
			for (size_t j = 0; j < t->creators[i].n_orgs; j++)
				if (strcasecmp(t->creators[i].orgs[j], org) == 0)
					return &t->creators[i];
	if (name)
		for (size_t i = 0; i < t->n_creators; i++)
			for (size_t j = 0; j < t->creators[i].n_names; j++)
				if (fnmatch(t->creators[i].names[j], name, 0) == 0)
					return &t->creators[i];
	return NULL;
}

int imp_creator_provider_rank(const imp_creator *c, const char *provider)
{
	for (size_t i = 0; c && provider && i < c->n_providers; i++)
		if (str_eq_loose(c->providers[i], provider))
			return (int)i;
	return -1;
}

static char *lower(const char *s)
{
	char *l = xstrdup(s);
	for (char *p = l; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return l;
}

/* Patterns here match ignoring case (FNM_CASEFOLD is a GNU extension, so both sides are
** lowered first). */
const char *imp_pair_match(const imp_pair *v, size_t n, const char *key)
{
	char *k = lower(key);
	const char *found = NULL;
	for (size_t i = 0; i < n && !found; i++) {
		char *pat = lower(v[i].key);
		if (fnmatch(pat, k, 0) == 0)
			found = v[i].value;
		free(pat);
	}
	free(k);
	return found;
}

const char *imp_pair_exact(const imp_pair *v, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].key, key) == 0)
			return v[i].value;
	return NULL;
}

const char *imp_family(const imp_tables *t, const char *id)
{
	for (size_t i = 0; i < t->n_families; i++)
		if (fnmatch(t->families[i].key, id, 0) == 0)
			return t->families[i].value;
	return NULL;
}

/* }====== */

char *imp_base_name(const imp_tables *t, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < t->n_copies; i++) {
		const char *pat = t->copies[i].key, *star = strchr(pat, '*');
		if (!star)
			continue;
		size_t pre = (size_t)(star - pat), suf = strlen(star + 1);
		if (n <= pre + suf || strncmp(name, pat, pre) != 0 ||
		    strcmp(name + n - suf, star + 1) != 0)
			continue;
		/* The replacement with its '*' standing for what the pattern's '*' matched. */
		const char *rep = t->copies[i].value, *rstar = strchr(rep, '*');
		vs_buf b = {0};
		buf_addn(&b, rep, rstar ? (size_t)(rstar - rep) : strlen(rep));
		if (rstar) {
			buf_addn(&b, name + pre, n - pre - suf);
			buf_add(&b, rstar + 1);
		}
		char *base = imp_normalise(b.s, false);
		buf_free(&b);
		return base;
	}
	return xstrdup(name);
}
