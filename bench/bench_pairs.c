/*
** bench_pairs.c — the per-pair path, measured: load a catalog, plugins and rules once, then
** make and render (Markdown) the report of every ordered pair, as a site would.  Prints the
** load time, the pairs per second and the bytes rendered.
** Usage: bench_pairs DATA_DIR RULES_DIR PLUGIN_DIR [MAX_PAIRS]
*/
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "catalog.h"
#include "engine.h"
#include "plugins.h"
#include "render.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: bench_pairs DATA_DIR RULES_DIR PLUGIN_DIR [MAX_PAIRS]\n");
		return 2;
	}
	long max_pairs = argc > 4 ? atol(argv[4]) : -1;
	double t0 = now();
	vs_diags diags = {0};
	vs_plugins ps = {0};
	const char *pdirs[] = {argv[3]};
	plugins_load(&ps, pdirs, 1, &diags);
	vs_catalog cat;
	if (catalog_load(&cat, argv[1], ps.cap_ids, ps.n_caps, &diags) != 0) {
		fprintf(stderr, "cannot load %s\n", argv[1]);
		return 3;
	}
	plugins_check_models(&ps, &cat, &diags);
	vs_rule_dir rd = {argv[2], "rules"};
	vs_engine_limits lim = VS_ENGINE_LIMITS_DEFAULT;
	vs_engine *e = engine_new(&rd, 1, &cat, &ps, &lim, &diags);
	double t1 = now();
	vs_traffic t = VS_TRAFFIC_DEFAULT;
	long pairs = 0;
	size_t bytes = 0, problems = 0;
	vs_render_opts ro = {.width = 80, .link_suffix = ".md"};
	for (size_t i = 0; i < cat.n && pairs != max_pairs; i++)
		for (size_t j = 0; j < cat.n && pairs != max_pairs; j++) {
			if (i == j || !cat.models[i].valid || !cat.models[j].valid)
				continue;
			vs_report r;
			report_init(&r);
			engine_report(e, &cat.models[i], &cat.models[j], &t, &r);
			vs_buf out = {0};
			render_md(&r, &ro, &out);
			bytes += out.len;
			problems += r.diags.n;
			buf_free(&out);
			report_free(&r);
			pairs++;
		}
	double t2 = now();
	printf("models %zu, load %.3f s, pairs %ld in %.3f s: %.0f pairs/s, %.1f us/pair, "
	       "%zu bytes, %zu rule diagnostics\n", cat.n, t1 - t0, pairs, t2 - t1,
	       pairs / (t2 - t1), (t2 - t1) / (double)(pairs ? pairs : 1) * 1e6, bytes, problems);
	engine_free(e);
	catalog_free(&cat);
	plugins_free(&ps);
	diags_free(&diags);
	return problems ? 1 : 0;
}
