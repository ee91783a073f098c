/*
** cost.c — report.md's "Monthly cost at traffic", step by step:
**   1. tier: the tier with the largest above_input_tokens that I exceeds replaces the input
**      and output prices (a tier's missing price keeps the base price; of two tiers with the
**      same threshold the first wins; the cached-input price is never tiered);
**   2. in_eff = (1 - c) * input + c * cached   (cached defaults to the tier's input price);
**   3. per_request = (I * in_eff + O * output) / 1e6, times (1 - batch_discount) in batch;
**   4. monthly = R * per_request.
*/
#include "cost.h"

#include <math.h>
#include <string.h>

static bool number_field(const json_t *obj, const char *key, double *out)
{
	const json_t *v = json_object_get(obj, key);
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return true;
}

/* Replace *input / *output by the applicable tier's prices. */
static void apply_tier(const json_t *pricing, uint64_t input_tokens, double *input, double *output)
{
	const json_t *tiers = json_object_get(pricing, "tiers");
	const json_t *best = NULL;
	double best_above = -1;
	size_t i;
	const json_t *tier;
	json_array_foreach(tiers, i, tier) {
		double above;
		if (!number_field(tier, "above_input_tokens", &above))
			continue;
		/* Strictly greater: the first tier of an equal threshold wins. */
		if ((double)input_tokens > above && above > best_above) {
			best = tier;
			best_above = above;
		}
	}
	if (!best)
		return;
	number_field(best, "input_per_mtok", input);
	number_field(best, "output_per_mtok", output);
}

bool cost_of_pricing(const json_t *pricing, const vs_traffic *t, double *monthly)
{
	double input, output;
	if (!json_is_object(pricing) || !number_field(pricing, "input_per_mtok", &input) ||
	    !number_field(pricing, "output_per_mtok", &output))
		return false;
	apply_tier(pricing, t->input_tokens, &input, &output);
	/* Without a cached price, cached tokens cost what input costs at this tier; a cached
	** price itself is never tiered. */
	double cached = input;
	number_field(pricing, "cached_input_per_mtok", &cached);
	double c = t->cached_share;
	double in_eff = (1 - c) * input + c * cached;
	double per_request = ((double)t->input_tokens * in_eff + (double)t->output_tokens * output) / 1e6;
	double discount;
	if (t->batch && number_field(pricing, "batch_discount", &discount))
		per_request *= 1 - discount;
	*monthly = (double)t->requests * per_request;
	return true;
}

void cost_of_model(const json_t *record, const vs_traffic *t, vs_cost *out)
{
	memset(out, 0, sizeof *out);
	out->route_index = -1;
	const json_t *routes = json_object_get(record, "routes");
	if (json_array_size(routes) == 0) {
		out->status = VS_COST_NO_ROUTES;
		return;
	}
	out->status = VS_COST_NO_COMPLETE_PRICE;
	bool overflow = false;
	size_t i;
	const json_t *route;
	json_array_foreach(routes, i, route) {
		double m;
		if (!cost_of_pricing(json_object_get(route, "pricing"), t, &m))
			continue;
		if (!isfinite(m)) {
			overflow = true;
			continue;
		}
		if (out->status != VS_COST_OK || m < out->monthly) {
			out->status = VS_COST_OK;
			out->monthly = m;
			out->route_index = (int)i;
			out->route = json_string_value(json_object_get(route, "provider"));
		}
	}
	if (out->status != VS_COST_OK && overflow)
		out->status = VS_COST_OVERFLOW;
}

const char *cost_reason_code(vs_cost_status s)
{
	switch (s) {
	case VS_COST_NO_ROUTES: return "no_routes";
	case VS_COST_NO_COMPLETE_PRICE: return "no_complete_price";
	case VS_COST_OVERFLOW: return "overflow";
	case VS_COST_OK: break;
	}
	return NULL;
}

bool cost_equal(double a, double b)
{
	double larger = fmax(fabs(a), fabs(b));
	return fabs(a - b) <= 1e-9 * larger;
}
