/*
** import_price.c — a route's price when several source entries give it, and the source
** errors in prices the importer can see (docs/data.md, "Prices").
**
** Several entries often land on one route: LiteLLM lists Claude Sonnet 4 under
** `claude-sonnet-4-20250514` and `claude-4-sonnet-20250514`, and only the second carries the
** tier above 200k.  Keeping the first entry whole would drop the tier, and a page would price
** a 500k-token request at the base rate.  So the route keeps the richest price:
**   - the base prices (input and output) of one entry: when both give a complete price and
**     they differ, the higher one (output first, then input), so a stale bargain never
**     prices a model; an order-free rule, so importing in either order gives one result;
**   - the cached input, the batch discount and the tiers of the entry whose base prices were
**     kept when it has them, else of the other.
*/
#include "import.h"

#include <string.h>

static bool price_of(const json_t *pricing, const char *key, double *v)
{
	const json_t *x = json_object_get(pricing, key);
	if (!json_is_number(x))
		return false;
	*v = json_number_value(x);
	return true;
}

static bool complete(const json_t *pricing, double *in, double *out)
{
	return price_of(pricing, "input_per_mtok", in) && price_of(pricing, "output_per_mtok", out);
}

/* Is a's base price the one kept over b's?  Both complete: the higher output, then the higher
** input; a complete price over an incomplete one; else a (the earlier entry). */
static bool base_wins(const json_t *a, const json_t *b)
{
	double ai, ao, bi, bo;
	bool ac = complete(a, &ai, &ao), bc = complete(b, &bi, &bo);
	if (ac != bc)
		return ac;
	if (!ac || ao != bo)
		return !ac || ao > bo;
	return ai >= bi;
}

static void price_text(vs_buf *b, const json_t *pricing)
{
	double in, out;
	if (complete(pricing, &in, &out))
		buf_printf(b, "%g/%g", in, out);
	else
		buf_add(b, "no complete price");
}

void imp_route_merge(json_t *routes, size_t at, const json_t *src, const char *dst_label,
                     const char *src_label, const char *id, vs_buf *notes)
{
	const json_t *have = json_array_get(routes, at);
	const json_t *hp = json_object_get(have, "pricing"), *sp = json_object_get(src, "pricing");
	if (!json_is_object(sp) || imp_json_equal(hp, sp))
		return;
	bool mine = !json_is_object(hp) || !base_wins(hp, sp) ? false : true;
	const json_t *kept = mine ? hp : sp, *other = mine ? sp : hp;
	json_t *route = json_deep_copy(have);
	json_t *pricing = json_deep_copy(kept);
	static const char *const extra[] = {"cached_input_per_mtok", "batch_discount", "tiers"};
	for (size_t i = 0; i < VS_ARRAY_LEN(extra); i++) {
		const json_t *x = json_object_get(other, extra[i]);
		if (x && !json_is_null(x) && !json_object_get(pricing, extra[i]))
			json_object_set_new(pricing, extra[i], json_deep_copy(x));
	}
	double a, b, c, d;
	if (notes && json_is_object(hp) && complete(hp, &a, &b) && complete(sp, &c, &d) &&
	    (a != c || b != d)) {
		/* dst_label names the first entry of the model, not necessarily the one that gave
		** this route, so only the new entry is named. */
		(void)dst_label;
		buf_printf(notes, "%s: route %s prices disagree: ", id,
		           json_string_value(json_object_get(have, "provider")));
		price_text(notes, hp);
		buf_add(notes, " as given so far, ");
		price_text(notes, sp);
		buf_printf(notes, " from %s; kept the higher, ", src_label);
		price_text(notes, kept);
		buf_addc(notes, '\n');
	}
	json_object_set_new(route, "pricing", imp_canonical(pricing));
	json_decref(pricing);
	json_array_set_new(routes, at, route);
}

size_t imp_fix_swapped(json_t *rec, vs_buf *notes)
{
	json_t *routes = json_object_get(rec, "routes");
	size_t n = json_array_size(routes), fixed = 0;
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_object_get(json_array_get(routes, i), "pricing");
		double in, out;
		if (!complete(p, &in, &out) || in <= out)
			continue;
		/* Another listing with the same two prices the other way round: this one has them
		** swapped (LiteLLM's command-r7b-12-2024 beside OpenRouter's). */
		bool other = false;
		for (size_t j = 0; j < n && !other; j++) {
			double i2, o2;
			other = j != i && complete(json_object_get(json_array_get(routes, j), "pricing"),
			                           &i2, &o2) && i2 == out && o2 == in;
		}
		if (!other)
			continue;
		json_t *np = json_deep_copy(p);
		json_object_set_new(np, "input_per_mtok", imp_number(out));
		json_object_set_new(np, "output_per_mtok", imp_number(in));
		json_object_set_new(json_array_get(routes, i), "pricing", np);
		fixed++;
		if (notes)
			buf_printf(notes, "%s: route %s gives input %g and output %g, another route the "
			           "same prices the other way round; swapped\n",
			           json_string_value(json_object_get(rec, "id")),
			           json_string_value(json_object_get(json_array_get(routes, i), "provider")),
			           in, out);
	}
	return fixed;
}

/* The creator's own route and OpenRouter's disagree (docs/data.md, "Stale prices"): the only
** sign of a stale price the two sources give.  LiteLLM alone gives the creator's route, and its
** undated names (gpt-3.5-turbo) say nothing of the dated snapshot they stand for; OpenRouter's
** price is a reseller's (mistral-nemo at 0.02/0.03 from a third-party host, under Mistral's
** own), so it cannot price the creator's route either.  Neither wins: both are kept, and the
** model is named for review. */
bool imp_creator_disagrees(const json_t *rec, const char *openrouter, vs_buf *notes)
{
	const json_t *routes = json_object_get(rec, "routes"), *own = NULL, *orr = NULL;
	size_t i;
	json_t *r;
	json_array_foreach(routes, i, r) {
		double a, b;
		if (!complete(json_object_get(r, "pricing"), &a, &b))
			continue;
		if (!own && json_is_true(json_object_get(r, "first_party")))
			own = r;
		const char *p = json_string_value(json_object_get(r, "provider"));
		if (!orr && p && strcmp(p, openrouter) == 0)
			orr = r;
	}
	double a, b, c, d;
	if (!own || !orr || !complete(json_object_get(own, "pricing"), &a, &b) ||
	    !complete(json_object_get(orr, "pricing"), &c, &d) || (a == c && b == d))
		return false;
	if (notes) {
		buf_printf(notes, "%s: the creator's route %s prices %g/%g, OpenRouter %g/%g: one may be "
		           "stale, and no source says which; check the creator's price page\n",
		           json_string_value(json_object_get(rec, "id")),
		           json_string_value(json_object_get(own, "provider")), a, b, c, d);
	}
	return true;
}
