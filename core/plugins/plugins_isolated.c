/*
** plugins_isolated.c — an isolated set: every plugin loaded, and every check run, in a
** probe child first; failures name the plugin, which is left out.
*/
#include "plugins_private.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* {====== Loading in a child */

static void put_plugin(vs_buf *b, const plugin_impl *p)
{
	buf_addc(b, REC_PLUGIN);
	put_str(b, p->pub.path);
	put_str(b, p->pub.name);
	put_str(b, p->pub.version);
	put_u32(b, p->desc.abi_major);
	put_u32(b, p->desc.abi_minor);
	put_u32(b, p->desc.flags);
	put_u32(b, (uint32_t)p->desc.n_capabilities);
	for (size_t i = 0; i < p->desc.n_capabilities; i++) {
		put_str(b, p->capdefs[i].id);
		put_str(b, p->capdefs[i].label);
		put_str(b, p->capdefs[i].group);
		put_u32(b, (uint32_t)p->capdefs[i].order);
	}
	put_u32(b, (uint32_t)p->desc.n_statements);
	for (size_t i = 0; i < p->desc.n_statements; i++) {
		put_str(b, p->stmtdefs[i].key);
		put_str(b, p->stmtdefs[i].section);
	}
}

static const char *keep_owned(plugin_impl *p, char *s)
{
	char **slot = VS_PUSH(p->strings, p->n_strings, p->cap_strings);
	*slot = s ? s : xstrdup("");
	return *slot;
}

/* A list's length from the wire: 0 once the answer is bad, and a length over MAX_ENTRIES
** makes it bad (a child cannot make the parent allocate without bound). */
static size_t get_count(wire *w)
{
	size_t n = get_u32(w);
	if (n > MAX_ENTRIES)
		w->bad = true;
	return w->bad ? 0 : n;
}

/* A plugin as a probe child described it: no handle, no function pointers yet. */
static plugin_impl *get_plugin(wire *w)
{
	plugin_impl *p = impl_new();
	p->pub.path = get_str(w);
	p->pub.name = get_str(w);
	p->pub.version = get_str(w);
	p->desc.abi_major = p->pub.abi_major = get_u32(w);
	p->desc.abi_minor = p->pub.abi_minor = get_u32(w);
	p->desc.flags = get_u32(w);
	p->desc.size = (uint32_t)sizeof p->desc;
	p->pub.reentrant = (p->desc.flags & VERSUS_PLUGIN_REENTRANT) != 0;
	size_t n = get_count(w);
	p->capdefs = xcalloc(n, sizeof *p->capdefs);
	for (size_t i = 0; !w->bad && i < n; i++) {
		p->capdefs[i].id = keep_owned(p, get_str(w));
		p->capdefs[i].label = keep_owned(p, get_str(w));
		p->capdefs[i].group = keep_owned(p, get_str(w));
		p->capdefs[i].order = (int)get_u32(w);
		p->desc.n_capabilities = i + 1;
	}
	n = get_count(w);
	p->stmtdefs = xcalloc(n, sizeof *p->stmtdefs);
	for (size_t i = 0; !w->bad && i < n; i++) {
		p->stmtdefs[i].key = keep_owned(p, get_str(w));
		p->stmtdefs[i].section = keep_owned(p, get_str(w));
		p->desc.n_statements = i + 1;
	}
	if (w->bad || !p->pub.path || !p->pub.name || !p->pub.version) {
		impl_free(p);
		return NULL;
	}
	p->desc.name = p->pub.name;
	p->desc.version = p->pub.version;
	p->desc.capabilities = p->capdefs;
	p->desc.statements = p->stmtdefs;
	return p;
}

typedef struct load_probe {
	const candidate *cands;
	size_t n;
	const vs_strv *skip;
	vs_buf *out;
} load_probe;

static void note_skipped(void *arg, const char *path)
{
	load_probe *a = arg;
	buf_addc(a->out, REC_SKIPPED);
	put_str(a->out, path);
}

/* In the child: load every candidate but those skipped, and describe what loaded. */
static void load_probe_child(void *arg, vs_buf *out)
{
	load_probe *a = arg;
	/* Static: the child _exits with them still reachable (freeing would run fini), which
	** leak checkers such as valgrind do not count as lost. */
	static vs_plugins ps;
	static vs_diags d;
	size_t refused = 0, done = 0;
	a->out = out;
	/* Diagnostics and skipped places in file order: a skipped one is noted as it is
	** passed, and each diagnostic as soon as its file is done. */
	for (size_t i = 0; i < a->n; i++) {
		refused += load_candidates(&ps, &a->cands[i], 1, a->skip, note_skipped, a, &d);
		vs_diags fresh = {.v = d.v + done, .n = d.n - done};
		put_diags(out, &fresh);
		done = d.n;
	}
	buf_addc(out, REC_REFUSED);
	put_u32(out, (uint32_t)refused);
	for (size_t i = 0; i < ps.n; i++)
		put_plugin(out, (const plugin_impl *)ps.v[i]);
}

/* Read a load probe's answer into the set: its diagnostics, and the refusal of each file
** left out (blamed) where that file stood.  Returns the number the child refused. */
static size_t take_load_answer(vs_plugins *ps, const vs_buf *data, const vs_strv *skip,
                               const vs_diags *blamed, vs_diags *diags)
{
	size_t refused = 0;
	wire w = {data->s, data->s + data->len - 1, false};
	while (!w.bad && w.p < w.end) {
		char tag = *w.p++;
		if (tag == REC_DIAG) {
			get_diag(&w, diags);
		} else if (tag == REC_SKIPPED) {
			char *path = get_str(&w);
			for (size_t i = 0; path && i < skip->n; i++)
				if (strcmp(skip->v[i], path) == 0)
					diags_add(diags, blamed->v[i].severity, blamed->v[i].where, NULL, "%s",
					          blamed->v[i].message);
			free(path);
		} else if (tag == REC_REFUSED) {
			refused += get_u32(&w);
		} else if (tag == REC_PLUGIN) {
			plugin_impl *p = get_plugin(&w);
			if (p)
				add_plugin(ps, p);
		} else {
			w.bad = true;
		}
	}
	if (w.bad)
		diags_add(diags, VS_ERROR, "plugins", NULL, "the child process that loads "
		          "plugins sent a garbled answer; some plugins may be missing");
	return refused;
}

size_t plugins_load_isolated(vs_plugins *ps, const char *const *dirs, size_t n_dirs,
                             vs_diags *diags)
{
	candidate *cands;
	vs_strv skip = {0};
	vs_diags blamed = {0}; /* one per file left out, in the order skip lists them */
	size_t refused = 0;
	ps->isolated = true;
	timeout_warning(diags);
	size_t n = collect_candidates(dirs, n_dirs, &cands, diags);
	while (n) {
		probe pr;
		load_probe a = {cands, n, &skip, NULL};
		probe_result r = probe_run(&pr, load_probe_child, &a, true);
		if (r == PROBE_UNAVAILABLE) {
			diags_add(diags, VS_WARNING, "plugins", NULL, "cannot start a child process "
			          "(%s); plugins are loaded and checked in this process", strerror(errno));
			ps->isolated = false;
			refused += load_candidates(ps, cands, n, &skip, NULL, NULL, diags);
			break;
		}
		if (r == PROBE_FAILED) {
			const char *culprit = probe_culprit(&pr);
			if (!culprit || strv_has(&skip, culprit)) {
				diags_append(diags, &blamed);
				probe_lost(&pr, "loading plugins", "no plugin is loaded", diags);
				refused += n - skip.n;
				probe_free(&pr);
				break;
			}
			strv_push(&skip, culprit);
			probe_blame(&pr, &blamed);
			refused++;
			probe_free(&pr);
			continue;
		}
		refused += take_load_answer(ps, &pr.data, &skip, &blamed, diags);
		probe_free(&pr);
		break;
	}
	finish_set(ps);
	strv_free(&skip);
	diags_free(&blamed);
	candidates_free(cands, n);
	return refused;
}

/* }====== */

typedef struct check_probe {
	vs_plugins *ps;
	const vs_catalog *cat;
	const vs_strv *skip;
	bool statements;
} check_probe;

/* In the child: attach what must run, run every check (and statement), send the answers. */
static void check_probe_child(void *arg, vs_buf *out)
{
	check_probe *a = arg;
	vs_plugins *ps = a->ps; /* the child's copy */
	static vs_diags d;      /* static, as in load_probe_child */
	for (size_t i = 0; i < ps->n;) {
		plugin_impl *p = (plugin_impl *)ps->v[i];
		bool needed = p->desc.n_capabilities || (a->statements && p->desc.n_statements);
		if (strv_has(a->skip, p->pub.path)) {
			remove_plugin(ps, p);
		} else if (needed && !plugin_attach(p, &d)) {
			buf_addc(out, REC_DROPPED);
			put_str(out, p->pub.path);
			remove_plugin(ps, p);
		} else {
			i++;
		}
	}
	const vs_cap_answers *t = run_checks(ps, a->cat, &d);
	buf_addc(out, REC_CAP_IDS);
	put_u32(out, (uint32_t)ps->n_caps);
	for (size_t i = 0; i < ps->n_caps; i++)
		put_str(out, ps->caps[i].id);
	for (size_t mi = 0; mi < a->cat->n; mi++) {
		const vs_model *m = &a->cat->models[mi];
		if (!m->valid || !m->root)
			continue;
		buf_addc(out, REC_ANSWERS);
		put_u32(out, (uint32_t)mi);
		buf_addn(out, (const char *)answer_row(t, mi), t->stride);
	}
	if (a->statements && ps->n_stmts)
		run_statement_pairs(ps, a->cat, &d);
	put_diags(out, &d);
}

/* Read a check probe's answer into the set: its table t for the catalog. */
static size_t take_check_answer(vs_plugins *ps, const vs_catalog *cat, vs_cap_answers *t,
                                const vs_buf *data, vs_diags *diags)
{
	wire w = {data->s, data->s + data->len - 1, false};
	int *index = NULL; /* the child's capability i is our index[i] (or -1) */
	size_t n_ids = 0, dropped = 0;
	while (!w.bad && w.p < w.end) {
		char tag = *w.p++;
		if (tag == REC_DIAG) {
			get_diag(&w, diags);
		} else if (tag == REC_DROPPED) {
			char *path = get_str(&w);
			plugin_impl *p = path ? find_by_path(ps, path) : NULL;
			if (p) {
				remove_plugin(ps, p);
				dropped++;
			}
			free(path);
		} else if (tag == REC_CAP_IDS) {
			n_ids = get_u32(&w);
			if (n_ids > ps->n_caps) {
				w.bad = true;
				break;
			}
			index = xcalloc(n_ids ? n_ids : 1, sizeof *index);
			for (size_t i = 0; i < n_ids; i++) {
				char *id = get_str(&w);
				index[i] = id ? plugins_cap_index(ps, id) : -1;
				free(id);
			}
		} else if (tag == REC_ANSWERS && index) {
			uint32_t mi = get_u32(&w);
			if (mi >= cat->n || (size_t)(w.end - w.p) < n_ids) {
				w.bad = true;
				break;
			}
			for (size_t i = 0; i < n_ids; i++) {
				unsigned char answer = (unsigned char)w.p[i];
				if (index[i] >= 0 && answer <= VERSUS_CAP_YES)
					answer_row(t, mi)[index[i]] = answer;
			}
			w.p += n_ids;
		} else {
			w.bad = true;
		}
	}
	if (w.bad)
		diags_add(diags, VS_ERROR, "plugins", NULL, "the child process that runs the "
		          "capability checks sent a garbled answer; some capabilities read as unknown");
	free(index);
	return dropped;
}

/*
** Checks in a child for the whole catalog (inherited, not loaded again).  A failure names
** the plugin, which is removed here and in the next child; the child is run again until one
** gets through.  Then the answers fill the catalog and, unless only checking, the plugins
** with statements are attached: from here on their code runs in this process.
*/
/* Run the check child until one gets through (or none can): a plugin a child failed in is
** named and put in skip for the next.  *answer gets what the child sent; *here is set when
** no child can be started.  Returns the number of plugins refused. */
static size_t check_child_until_through(vs_plugins *ps, const vs_catalog *cat, bool statements,
                                        vs_strv *skip, vs_buf *answer, bool *here,
                                        vs_diags *diags)
{
	size_t refused = 0;
	for (;;) {
		probe pr;
		check_probe a = {ps, cat, skip, statements};
		probe_result r;
		if (ps->started) {
			/* The child plugins_check_start forked for this set and catalog. */
			pr = *ps->started;
			free(ps->started);
			ps->started = NULL;
			r = probe_finish(&pr);
		} else {
			r = probe_run(&pr, check_probe_child, &a, false);
		}
		if (r == PROBE_DONE) {
			*answer = pr.data;
			pr.data = (vs_buf){0};
		} else if (r == PROBE_UNAVAILABLE) {
			diags_add(diags, VS_WARNING, "plugins", NULL, "cannot start a child process "
			          "(%s); the capability checks run in this process", strerror(errno));
			*here = true;
		} else if (!probe_culprit(&pr) || !find_by_path(ps, probe_culprit(&pr)) ||
		           strv_has(skip, probe_culprit(&pr))) {
			probe_lost(&pr, "running the capability checks",
			           "every capability reads as unknown", diags);
			refused++;
		} else {
			probe_blame(&pr, diags);
			strv_push(skip, probe_culprit(&pr));
			refused++;
			probe_free(&pr);
			continue;
		}
		probe_free(&pr);
		return refused;
	}
}

/* Attach every plugin of the set (only those with statements when statements_only); one
** that fails is removed.  Returns the number removed. */
static size_t attach_all(vs_plugins *ps, bool statements_only, vs_diags *diags)
{
	size_t refused = 0;
	for (size_t i = 0; i < ps->n;) {
		plugin_impl *p = (plugin_impl *)ps->v[i];
		if ((statements_only && !p->desc.n_statements) || plugin_attach(p, diags)) {
			i++;
		} else {
			remove_plugin(ps, p);
			refused++;
		}
	}
	return refused;
}

size_t check_isolated(vs_plugins *ps, const vs_catalog *cat, bool statements,
                      vs_diags *diags)
{
	vs_strv skip = {0};
	vs_buf answer = {0};
	size_t refused = 0;
	bool here = false;
	if (ps->n_caps || (statements && ps->n_stmts))
		refused += check_child_until_through(ps, cat, statements, &skip, &answer, &here,
		                                     diags);
	for (size_t i = 0; i < skip.n; i++)
		remove_plugin(ps, find_by_path(ps, skip.v[i]));
	strv_free(&skip);
	if (here) {
		refused += attach_all(ps, false, diags);
		run_checks(ps, cat, diags);
	} else {
		/* Made before the answer may drop plugins (their columns leave with them). */
		vs_cap_answers *t = answers_reset(ps, cat);
		if (answer.len)
			refused += take_check_answer(ps, cat, t, &answer, diags);
	}
	buf_free(&answer);
	/* From here on statements run in this process: load their plugins for real. */
	if (!statements)
		refused += attach_all(ps, true, diags);
	return refused;
}

void plugins_check_start(vs_plugins *ps, const vs_catalog *cat)
{
	if (!ps->isolated || !ps->n_caps || ps->started)
		return;
	static const vs_strv no_skip;
	check_probe a = {ps, cat, &no_skip, false};
	ps->started = xcalloc(1, sizeof *ps->started);
	if (probe_start(ps->started, check_probe_child, &a, false) != PROBE_DONE) {
		/* plugins_check_models says why (errno is gone by then: it forks again). */
		free(ps->started);
		ps->started = NULL;
	}
}

size_t plugins_check_models(vs_plugins *ps, const vs_catalog *cat, vs_diags *diags)
{
	if (!ps->isolated) {
		run_checks(ps, cat, diags);
		return 0;
	}
	return check_isolated(ps, cat, false, diags);
}

size_t plugins_check_all(vs_plugins *ps, const vs_catalog *cat, vs_diags *diags)
{
	drop_started(ps); /* it ran no statements */
	if (!ps->isolated) {
		run_checks(ps, cat, diags);
		return 0;
	}
	return check_isolated(ps, cat, true, diags);
}

