/*
** cli.c — the commands.  Each runs on what its row in commands.c says it needs (the session
** main.c opens with cli_session_open: plugins, then the catalog validated against the loaded
** capability ids, then the rules), does its one job, and returns an exit status.  Data goes
** to c->out, problems to stderr as "where: message".
*/
#include "cli.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog.h"
#include "config.h"
#include "diff.h"
#include "diff_render.h"
#include "engine.h"
#include "escape.h"
#include "order.h"
#include "outfile.h"
#include "paths.h"
#include "plugins.h"
#include "render.h"
#include "site.h"
#include "suggest.h"
#include "ruletest.h"
#include "util.h"

/* {====== Loading */

/* A string for a terminal: control characters (an escape sequence in a file name, a
** newline in a message) are written as \xNN, never sent raw. */
static void put_clean(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\x%02x", *p);
			else
				fputc(*p, f);
			p++;
			continue;
		}
		/* C1 controls, bidi and zero-width characters are shown, not obeyed: \u{202e}. */
		size_t len;
		unsigned cp = utf8_decode((const char *)p, &len);
		if (esc_class(cp) != ESC_KEEP)
			fprintf(f, "\\u{%x}", cp);
		else
			fwrite(p, 1, len, f);
		p += len;
	}
}

/* fprintf(stderr, ...) for messages that carry data (file names, record strings): control
** characters other than the newlines of the message itself are written as \xNN. */
void eprintf_clean(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vs_buf b = {0};
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	for (char *line = b.s, *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		put_clean(stderr, line);
		if (nl)
			fputc('\n', stderr);
	}
	buf_free(&b);
}

static void print_diag(const vs_diag *d)
{
	put_clean(stderr, d->where);
	if (d->rule) {
		fprintf(stderr, ": %s: [", severity_name(d->severity));
		put_clean(stderr, d->rule);
		fputs("] ", stderr);
	} else {
		fputs(d->severity == VS_WARNING ? ": warning: " : ": ", stderr);
	}
	put_clean(stderr, d->message);
	fputc('\n', stderr);
}

static void print_diags(const vs_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		print_diag(&d->v[i]);
}

/* The rules directories of p as the engine takes them (borrowed strings; free the array). */
static vs_rule_dir *rule_dirs(const vs_paths *p)
{
	vs_rule_dir *dirs = xcalloc(p->rules.n ? p->rules.n : 1, sizeof *dirs);
	for (size_t i = 0; i < p->rules.n; i++) {
		dirs[i].path = p->rules.v[i];
		dirs[i].label = p->rules.labels[i];
	}
	return dirs;
}

/* Invalid records other than the ones asked for: one warning line each; they are left out. */
static void warn_invalid(const vs_catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++)
		if (!cat->models[i].valid)
			eprintf_clean("%s: warning: invalid record left out (run 'versus check')\n",
			              cat->models[i].path);
}

int cli_session_open(vs_cli *c, cli_session *s, bool need_engine, bool run_checks)
{
	memset(s, 0, sizeof *s);
	paths_resolve(&s->paths, c->data, c->rules, c->n_rules, c->plugins, c->n_plugins);
	s->plugins_refused = plugins_load_isolated(&s->plugins,
	    (const char *const *)s->paths.plugins.v, s->paths.plugins.n, &s->load);
	vs_diags fatal = {0};
	if (catalog_load(&s->cat, s->paths.data, s->plugins.cap_ids, s->plugins.n_caps, &fatal) != 0) {
		print_diags(&fatal);
		diags_free(&fatal);
		return s->opened = VS_EXIT_DATA;
	}
	diags_append(&s->load, &fatal); /* warnings about the directory: said with the rest */
	diags_free(&fatal);
	s->catalog_ok = true;
	/* The checks run in a child while the rules compile here (they read no capability
	** answers before a report); their problems still come before the rules' ones. */
	vs_diags rule_load = {0};
	if (run_checks && need_engine)
		plugins_check_start(&s->plugins, &s->cat);
	if (need_engine) {
		vs_engine_limits lim = engine_limits_for(s->cat.n);
		vs_rule_dir *dirs = rule_dirs(&s->paths);
		s->engine = engine_new(dirs, s->paths.rules.n, &s->cat, &s->plugins, &lim, &rule_load);
		free(dirs);
	}
	if (run_checks)
		s->plugins_refused += plugins_check_models(&s->plugins, &s->cat, &s->load);
	diags_append(&s->load, &rule_load);
	diags_free(&rule_load);
	if (need_engine && !s->engine) {
		print_diags(&s->load);
		return s->opened = VS_EXIT_SYSTEM;
	}
	return s->opened = VS_EXIT_OK;
}

void cli_session_close(cli_session *s)
{
	engine_free(s->engine);
	if (s->catalog_ok)
		catalog_free(&s->cat);
	plugins_free(&s->plugins);
	diags_free(&s->load);
	paths_free(&s->paths);
}

/* The one valid model with a route whose API model name (`model`) is arg, or NULL: a user
** copies "claude-sonnet-4-20250514" from the Specs table's API model id, or an OpenRouter id
** such as "openai/gpt-4o", and is sent to the record that lists it, not to a near spelling. */
static const vs_model *model_by_api_name(const vs_catalog *cat, const char *arg)
{
	const vs_model *hit = NULL;
	for (size_t i = 0; i < cat->n; i++) {
		const vs_model *m = &cat->models[i];
		if (!m->valid)
			continue;
		size_t k;
		json_t *route;
		json_array_foreach(json_object_get(m->root, "routes"), k, route) {
			const char *name = json_string_value(json_object_get(route, "model"));
			if (name && strcmp(name, arg) == 0) {
				if (hit && hit != m)
					return NULL; /* two records list it: no single answer */
				hit = m;
			}
		}
	}
	return hit;
}

/* Find a model argument; prints the problem and returns NULL when there is none. */
static vs_model *find_model(const vs_catalog *cat, const char *arg)
{
	vs_model *m;
	const char *suggestion;
	vs_model **matches;
	size_t n;
	vs_find_result found = catalog_find(cat, arg, &m, &suggestion, &matches, &n);
	switch (found) {
	case VS_FIND_OK:
		return m;
	case VS_FIND_NONE: {
		const vs_model *api = model_by_api_name(cat, arg);
		if (api)
			eprintf_clean("versus: unknown model '%s'; did you mean '%s'? ('%s' is the API "
			              "model name of one of its routes)\n", arg, api->id, arg);
		else if (suggestion)
			eprintf_clean("versus: unknown model '%s'; did you mean '%s'?\n", arg, suggestion);
		else
			eprintf_clean("versus: unknown model '%s'; run 'versus list' to see the catalog\n",
			        arg);
		return NULL;
	}
	case VS_FIND_AMBIGUOUS:
	case VS_FIND_SEVERAL:
		/* cli.md: a name that matches several models lists them (exit 3). */
		if (found == VS_FIND_AMBIGUOUS)
			eprintf_clean("versus: '%s' matches %zu models; use an id:\n", arg, n);
		else
			eprintf_clean("versus: unknown model '%s'; %zu models match it, use "
			              "an id:\n", arg, n);
		qsort(matches, n, sizeof *matches, vs_models_cmp_name); /* as list orders them */
		for (size_t i = 0; i < n && i < 12; i++)
			eprintf_clean("  %s (%s)\n", matches[i]->id, matches[i]->name);
		if (n > 12)
			fprintf(stderr, "  ... and %zu more: run 'versus list'\n", n - 12);
		free(matches);
		return NULL;
	}
	return NULL;
}

/* Add the provider of each route of m to names, each name once (the record's spelling). */
static void add_providers(vs_strv *names, const vs_model *m)
{
	size_t i;
	json_t *route;
	json_array_foreach(json_object_get(m->root, "routes"), i, route) {
		const char *p = json_string_value(json_object_get(route, "provider"));
		bool seen = !p;
		for (size_t k = 0; k < names->n && !seen; k++)
			seen = strcmp(names->v[k], p) == 0;
		if (!seen)
			strv_push(names, p);
	}
}

/*
** Every --provider name must be the provider of some route in offered (names of routes of
** the models at hand): one that matches none would leave a model without a cost and look
** like a finding ("neither model has a cost").  Says which was meant, or which providers
** there are; returns VS_EXIT_USAGE, or VS_EXIT_OK when each name matches a route.
*/
static int check_providers(const vs_cli *c, const vs_strv *offered, const char *whose)
{
	for (size_t i = 0; i < c->n_providers; i++) {
		bool found = false;
		for (size_t k = 0; k < offered->n && !found; k++)
			found = str_eq_loose(offered->v[k], c->providers[i]);
		if (found)
			continue;
		vs_buf b = {0};
		if (suggest_names(c->providers[i], (const char *const *)offered->v, offered->n, &b))
			eprintf_clean("versus: no route of %s is offered by '%s'; did you mean %s?\n",
			              whose, c->providers[i], b.s);
		else {
			for (size_t k = 0; k < offered->n && offered->n <= 8; k++)
				buf_printf(&b, "%s%s", k ? ", " : "", offered->v[k]);
			if (b.len)
				eprintf_clean("versus: no route of %s is offered by '%s'; their routes are "
				              "offered by %s\n", whose, c->providers[i], b.s);
			else
				eprintf_clean("versus: no route of %s is offered by '%s'; run 'versus list "
				              "--providers' to see the providers\n", whose, c->providers[i]);
		}
		buf_free(&b);
		return VS_EXIT_USAGE;
	}
	return VS_EXIT_OK;
}

/* site and diff: each --provider name is that of a route of some model of the catalog. */
static int check_catalog_providers(const vs_cli *c, const vs_catalog *cat)
{
	vs_strv offered = {0};
	for (size_t i = 0; c->n_providers && i < cat->n; i++)
		if (cat->models[i].valid)
			add_providers(&offered, &cat->models[i]);
	int status = check_providers(c, &offered, "any model of the catalog");
	strv_free(&offered);
	return status;
}

/* }====== */

/* {====== compare */

static int write_output(vs_cli *c, const vs_buf *doc)
{
	if (c->output && strcmp(c->output, "-") != 0) {
		char err[PATH_MAX + 256];
		if (outfile_write(c->output, doc->s, doc->len, VS_OUT_SYNC, err, sizeof err) != 0) {
			fprintf(stderr, "versus: %s\n", err);
			return VS_EXIT_SYSTEM;
		}
		return VS_EXIT_OK;
	}
	if (fwrite(doc->s, 1, doc->len, c->out) != doc->len) {
		fprintf(stderr, "versus: cannot write to standard output: %s\n", strerror(errno));
		return VS_EXIT_SYSTEM;
	}
	return VS_EXIT_OK;
}

/* cli.md, Colour: --color=always or never wins (over NO_COLOR too); auto colours only a
** terminal on stdout whose TERM is not "dumb", with NO_COLOR unset or empty. */
static bool use_color(const vs_cli *c)
{
	if (c->color && strcmp(c->color, "always") == 0)
		return true;
	if (c->color && strcmp(c->color, "never") == 0)
		return false;
	const char *nc = getenv("NO_COLOR");
	const char *term = getenv("TERM");
	return c->out_is_tty && !c->output && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
}

/* The terminal's width: COLUMNS when set, else what the terminal says, else 80. */
static int text_width(const vs_cli *c)
{
	const char *cols = getenv("COLUMNS");
	int w = cols ? atoi(cols) : 0;
	if (w <= 0 && c->out_is_tty && c->out) {
		struct winsize ws;
		if (ioctl(fileno(c->out), TIOCGWINSZ, &ws) == 0)
			w = ws.ws_col;
	}
	return w >= 20 && w <= 1000 ? w : 80;
}

/* "rules/x.lua:4 in /home/me/rules" for a line, heading or table header that did not come
** from the shipped rules directory. */
static void explain_origin(char **source, const char *origin)
{
	if (!origin || !*source)
		return;
	char *src = xasprintf("%s in %s", *source, origin);
	free(*source);
	*source = src;
}

/* --explain names the rules directory of a line that did not come from the shipped one. */
static void explain_origins(vs_report *r)
{
	explain_origin(&r->title_source, r->title_origin);
	for (int i = 0; i < VS_SEC_COUNT; i++) {
		vs_section *s = &r->sections[i];
		explain_origin(&s->source, s->origin);
		for (size_t k = 0; k < s->n_items + s->n_rows; k++) {
			vs_item *it = k < s->n_items ? &s->items[k] : &s->rows[k - s->n_items];
			explain_origin(&it->source, it->origin);
		}
	}
}

/* The two models compare names: both found, different and valid, and each --provider a
** provider of some route of the catalog. */
static int compare_pair(vs_cli *c, vs_model *m[2])
{
	cli_session *s = c->session;
	m[0] = find_model(&s->cat, c->args[0]);
	m[1] = NULL;
	if (m[0])
		m[1] = find_model(&s->cat, c->args[1]);
	if (!m[0] || !m[1])
		return VS_EXIT_DATA;
	if (m[0] == m[1]) {
		fprintf(stderr, "versus: compare: '%s' and '%s' are the same model; compare two "
		        "different models\n", c->args[0], c->args[1]);
		return VS_EXIT_USAGE;
	}
	for (int i = 0; i < 2; i++) {
		if (m[i]->valid)
			continue;
		print_diags(&m[i]->problems);
		eprintf_clean("versus: cannot compare: the record of '%s' (%s) is invalid; fix it "
		        "and run 'versus check'\n", m[i]->id, m[i]->path);
		return VS_EXIT_DATA;
	}
	/* A provider of the catalog that neither model lists is a finding (report.md: both
	** unavailable, no_route_for_provider); a name no model lists is a typo. */
	return check_catalog_providers(c, &s->cat);
}

/* The exit status of a written report: a refused plugin or a rule file that did
** not load says the report is incomplete; with --strict, any problem is one. */
static int compare_status(const vs_cli *c, int written, size_t report_problems)
{
	const cli_session *s = c->session;
	size_t problems = report_problems + diags_count(&s->load, VS_ERROR);
	if (written == VS_EXIT_OK && s->plugins_refused)
		return VS_EXIT_SYSTEM;
	if (written == VS_EXIT_OK && diags_count(&s->load, VS_ERROR)) {
		/* A rule file that did not load: the report lacks its statements, and a script
		** must see that, as it sees a plugin that could not be loaded. */
		fprintf(stderr, "versus: the report was made without what failed to load above; "
		        "run 'versus check'\n");
		return VS_EXIT_PROBLEMS;
	}
	if (written == VS_EXIT_OK && c->strict && problems)
		return VS_EXIT_PROBLEMS;
	return written;
}

int cmd_compare(vs_cli *c)
{
	cli_session *s = c->session;
	vs_model *m[2];
	int status = compare_pair(c, m);
	if (status != VS_EXIT_OK)
		return status;
	/* Other invalid records: one line each; they are left out of related pairs. */
	warn_invalid(&s->cat);
	print_diags(&s->load);

	vs_report r;
	report_init(&r);
	engine_report(s->engine, m[0], m[1], &c->traffic, &r);
	print_diags(&r.diags);

	const vs_format *fmt = render_format(c->format);
	if (!fmt)
		fmt = render_format("md");
	if (c->explain && !fmt->data) /* the data carries every source as it is */
		explain_origins(&r);
	vs_render_opts ro = {.explain = c->explain, .color = use_color(c), .width = text_width(c)};
	/* Related pairs link to a published site only when one is named (--site-url); a
	** one-off report has no sibling pages to link to. */
	char *base = c->site_url ? xasprintf("%s/compare/", c->site_url) : NULL;
	if (base) {
		ro.link_suffix = ".html";
		ro.link_base = base;
	}

	vs_buf doc = {0};
	if (fmt->data) /* load problems belong in the report's diagnostics too */
		diags_append(&r.diags, &s->load);
	if (fmt->needs_curves) /* only a chart needs them */
		report_cost_curves(&r, m[0]->root, m[1]->root);
	fmt->render(&r, &ro, &doc);
	free(base);
	status = compare_status(c, write_output(c, &doc), r.diags.n);
	buf_free(&doc);
	report_free(&r);
	return status;
}

/* }====== */

/* {====== site */

/* Writes the diff document as JSON or in the words of the engine's rules; with
** --exit-code, a difference in a model or a pair is exit status 1. */
static int write_diff(vs_cli *c, vs_engine *engine, json_t *doc)
{
	vs_buf out = {0};
	vs_page pg = {0};
	if (strcmp(c->format, "json") == 0) {
		char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
		buf_add(&out, text);
		buf_addc(&out, '\n');
		free(text);
	} else {
		diff_render(engine, doc, strcmp(c->format, "md") == 0, &out, &pg);
	}
	print_diags(&pg.diags);
	page_free(&pg);
	int status = write_output(c, &out);
	if (status == VS_EXIT_OK && c->exit_code &&
	    (json_array_size(json_object_get(doc, "models")) ||
	     json_array_size(json_object_get(doc, "pairs"))))
		status = VS_EXIT_PROBLEMS;
	buf_free(&out);
	return status;
}

/* `diff OLD NEW`: the engine and words come from a session on NEW (its rules give diff's
** words); OLD is loaded beside it.  diff.c and diff_render.c do the work. */
int cmd_diff(vs_cli *c)
{
	if (c->pair != (c->n_args == 4) || (c->format && strcmp(c->format, "html") == 0)) {
		fprintf(stderr, "versus: diff: expected %s\nRun 'versus diff --help' for usage.\n",
		        c->pair ? "--pair A B (two model ids) after OLD NEW" : "md, text or json for -f");
		return VS_EXIT_USAGE;
	}
	vs_catalog old_cat;
	vs_diags fatal = {0};
	char *old_dir = vs_absolute(c->args[0]);
	int rc = catalog_load(&old_cat, old_dir, NULL, 0, &fatal);
	free(old_dir);
	print_diags(&fatal);
	diags_free(&fatal);
	if (rc != 0)
		return VS_EXIT_DATA;
	char *new_dir = vs_absolute(c->args[1]); /* a plugin may chdir() */
	c->data = new_dir;
	cli_session s;
	int status = cli_session_open(c, &s, true, false);
	if (status == VS_EXIT_OK)
		status = check_catalog_providers(c, &s.cat);
	vs_model *pair[2] = {NULL, NULL};
	if (status == VS_EXIT_OK && c->pair) {
		pair[0] = find_model(&s.cat, c->args[2]);
		pair[1] = pair[0] ? find_model(&s.cat, c->args[3]) : NULL;
		if (!pair[1])
			status = VS_EXIT_DATA;
	}
	if (status == VS_EXIT_OK) {
		print_diags(&s.load);
		diff_options o = {&c->traffic, c->all, pair[0] ? pair[0]->id : NULL,
		                  pair[1] ? pair[1]->id : NULL};
		json_t *doc = diff_catalogs(&old_cat, &s.cat, &o);
		status = write_diff(c, s.engine, doc);
		json_decref(doc);
	}
	cli_session_close(&s);
	catalog_free(&old_cat);
	free(new_dir);
	return status;
}

int cmd_site(vs_cli *c)
{
	cli_session *s = c->session;
	int status = check_catalog_providers(c, &s->cat);
	if (status != VS_EXIT_OK)
		return status;
	warn_invalid(&s->cat);
	print_diags(&s->load);
	vs_rule_dir *dirs = rule_dirs(&s->paths);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	vs_site_opts o = {
		.dir = c->args[0],
		.jobs = c->jobs ? c->jobs
		                : (unsigned)(cores < 1 ? 1 : cores > VS_MAX_JOBS ? VS_MAX_JOBS : cores),
		.shard_k = c->shard_k,
		.shard_n = c->shard_n,
		.json = c->json,
		.progress = isatty(STDERR_FILENO) != 0,
		.progress_lines = isatty(STDERR_FILENO) == 0,
		.quiet = c->quiet,
		.traffic = c->traffic,
		.plugin_dirs = (const char *const *)s->paths.plugins.v,
		.n_plugin_dirs = s->paths.plugins.n,
	};
	vs_diags d = {0};
	vs_site_stats st;
	int rc = site_build(&s->cat, &s->plugins, dirs, s->paths.rules.n, &o, &d, &st);
	print_diags(&d);
	char removed[64] = "";
	if (st.removed) /* said only when it happens: scripts read the rest of the line */
		snprintf(removed, sizeof removed, ", %zu removed", st.removed);
	if (!c->quiet)
		fprintf(stderr, "site: %zu %s written, %zu unchanged, %zu failed%s, in %.2f s (%u %s)\n",
		        st.written, st.written == 1 ? "page" : "pages", st.unchanged, st.failed,
		        removed, st.seconds, o.jobs, o.jobs == 1 ? "worker" : "workers");
	status = rc != 0 ? VS_EXIT_SYSTEM : s->plugins_refused ? VS_EXIT_SYSTEM
	       : st.load_errors ? VS_EXIT_PROBLEMS /* as compare: pages made without a rule file */
	       : c->strict && (st.rule_diagnostics || diags_count(&s->load, VS_ERROR)) ? VS_EXIT_PROBLEMS
	       : VS_EXIT_OK;
	diags_free(&d);
	free(dirs);
	return status;
}

/* }====== */

/* {====== check */

/*
** Plugins are native code: a crash in one must not take `check` down with it.  The session
** loads every plugin in a child first (plugins_load_isolated); here every capability check,
** and every statement on the pairs of the catalog, runs in one more child, so a crash, an
** exit or a call that does not return is reported with the plugin's name and the model or
** pair, and that plugin is left out (plugins_isolated.c).
*/
/* Problems as JSON: the shape of a report's "diagnostics" (docs/report.schema.json). */
static void diags_to_json(json_t *arr, const vs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "severity", json_string(severity_name(d->v[i].severity)));
		json_object_set_new(o, "where", json_string(d->v[i].where ? d->v[i].where : ""));
		json_object_set_new(o, "rule", d->v[i].rule ? json_string(d->v[i].rule) : json_null());
		json_object_set_new(o, "message", json_string(d->v[i].message ? d->v[i].message : ""));
		json_array_append_new(arr, o);
	}
}

/* A JSON document on c->out: indented, numbers as reports write them, a final newline. */
static void put_json(vs_cli *c, json_t *doc)
{
	vs_buf b = {0};
	json_put_value(&b, doc, 0);
	fprintf(c->out, "%s\n", b.s ? b.s : "null");
	buf_free(&b);
	json_decref(doc);
}

/* `rules --json` and `plugins --json`: {"format", "directories", key: list, "problems"}
** on c->out (the references to dirs and list are taken). */
static void put_listing(vs_cli *c, const char *format, json_t *dirs, const char *key,
                        json_t *list, const vs_diags *problems)
{
	json_t *doc = json_pack("{s:s}", "format", format), *p = json_array();
	diags_to_json(p, problems);
	json_object_set_new(doc, "directories", dirs);
	json_object_set_new(doc, key, list);
	json_object_set_new(doc, "problems", p);
	put_json(c, doc);
}

/* data.md: a route priced under a tenth of its model's median input or output price
** (report.md, Outliers) is a warning, price_outlier, naming the route and the medians: it
** never prices the model, and it is most often a data error (a price off by 100x). */
static void outlier_warnings(const vs_model *m, vs_diags *all)
{
	vs_outliers o;
	cost_find_outliers(m->root, &o);
	const json_t *routes = json_object_get(m->root, "routes");
	for (size_t k = 0; k < o.n; k++) {
		const json_t *r = json_array_get(routes, (size_t)o.idx[k]);
		const json_t *pr = json_object_get(r, "pricing");
		const char *provider = json_string_value(json_object_get(r, "provider"));
		double in = json_number_value(json_object_get(pr, "input_per_mtok"));
		double out = json_number_value(json_object_get(pr, "output_per_mtok"));
		/* Say which price is the outlier: "$3 input and $0.15 output, under a tenth of the
		** median" read as if both were. */
		bool in_low = cost_under_tenth(in, o.median_input);
		bool out_low = cost_under_tenth(out, o.median_output);
		diags_add(all, VS_WARNING, m->path, "price_outlier",
		          "$.routes[%d].pricing: '%s' charges $%.6g input and $%.6g output per 1M "
		          "tokens: its %s under a tenth of the model's median over its %zu priced "
		          "routes ($%.6g input, $%.6g output); an outlier never prices the model: check "
		          "the listing", o.idx[k], provider ? provider : "", in, out,
		          in_low && out_low ? "input and output prices are"
		          : in_low          ? "input price is"
		                            : "output price is",
		          o.priced, o.median_input, o.median_output);
	}
	free(o.idx);
}

/* Valid models by name, ASCII case folded, then by catalog position. */
static int cmp_name_fold(const void *x, const void *y)
{
	const vs_model *a = *(const vs_model *const *)x, *b = *(const vs_model *const *)y;
	const unsigned char *p = (const unsigned char *)a->name, *q = (const unsigned char *)b->name;
	for (;; p++, q++) {
		int cp = *p >= 'A' && *p <= 'Z' ? *p + 32 : *p, cq = *q >= 'A' && *q <= 'Z' ? *q + 32 : *q;
		if (cp != cq)
			return cp - cq;
		if (!cp)
			break;
	}
	return (a->index > b->index) - (a->index < b->index);
}

static int cmp_pair(const void *x, const void *y)
{
	const size_t *a = x, *b = y;
	return a[0] != b[0] ? (a[0] > b[0]) - (a[0] < b[0]) : (a[1] > b[1]) - (a[1] < b[1]);
}

/*
** Two models whose names differ only in case make a name argument ambiguous: a warning on
** the later one for each earlier one, in catalog order.  Sorted by folded name, so a catalog
** of 100,000 records costs n log n, not n * n / 2 comparisons.
*/
static void warn_shared_names(const vs_catalog *cat, vs_diags *out)
{
	const vs_model **by_name = xcalloc(cat->n ? cat->n : 1, sizeof *by_name);
	size_t n = 0;
	for (size_t i = 0; i < cat->n; i++)
		if (cat->models[i].valid)
			by_name[n++] = &cat->models[i];
	qsort(by_name, n, sizeof *by_name, cmp_name_fold);
	size_t (*pairs)[2] = NULL, n_pairs = 0, cap = 0;
	for (size_t g = 0, end; g < n; g = end) {
		for (end = g + 1; end < n && str_eq_icase(by_name[g]->name, by_name[end]->name); end++)
			;
		for (size_t j = g + 1; j < end; j++)
			for (size_t i = g; i < j; i++) {
				size_t *p = *VS_PUSH(pairs, n_pairs, cap);
				p[0] = by_name[i]->index;
				p[1] = by_name[j]->index;
			}
	}
	if (n_pairs)
		qsort(pairs, n_pairs, sizeof *pairs, cmp_pair);
	for (size_t k = 0; k < n_pairs; k++) {
		const vs_model *a = &cat->models[pairs[k][0]], *b = &cat->models[pairs[k][1]];
		diags_add(out, VS_WARNING, b->path, NULL, "name '%s' is also the name of '%s'; refer "
		          "to both by id", b->name, a->id);
	}
	free(pairs);
	free(by_name);
}

/*
** A rule that compiles may still fail when it runs (a typo'd field, print()): check runs
** every rule once, on the catalog's first two models by name, and the pages of a site once,
** and their errors are problems like any other.  A catalog of fewer than two valid models
** has no pair to run them on.
*/
static void run_rules_once(const vs_cli *c, cli_session *s, vs_diags *all)
{
	size_t n;
	const vs_model **order = vs_models_by_name(&s->cat, &n);
	if (s->engine && n >= 2) {
		vs_report r;
		report_init(&r);
		engine_report(s->engine, order[0], order[1], &c->traffic, &r);
		vs_page pg[2];
		engine_model_page(s->engine, order[0], &c->traffic, &pg[0]);
		engine_index_page(s->engine, &c->traffic, &pg[1]);
		const vs_diags *found[3] = {&r.diags, &pg[0].diags, &pg[1].diags};
		for (int k = 0; k < 3; k++)
			for (size_t i = 0; i < found[k]->n; i++)
				if (found[k]->v[i].severity == VS_ERROR)
					diags_add(all, VS_ERROR, found[k]->v[i].where, found[k]->v[i].rule, "%s",
					          found[k]->v[i].message);
		page_free(&pg[0]);
		page_free(&pg[1]);
		report_free(&r);
	}
	free(order);
}

int cmd_check(vs_cli *c)
{
	cli_session *s = c->session;
	int status = s->opened;
	size_t refused = s->plugins_refused + plugins_check_all(&s->plugins, &s->cat, &s->load);
	/* Every problem in one list, in the order they are printed: records, names, loading. */
	vs_diags all = {0};
	size_t invalid = 0;
	for (size_t i = 0; i < s->cat.n; i++) {
		diags_append(&all, &s->cat.models[i].problems);
		invalid += !s->cat.models[i].valid;
	}
	warn_shared_names(&s->cat, &all);
	for (size_t i = 0; i < s->cat.n; i++)
		if (s->cat.models[i].valid)
			outlier_warnings(&s->cat.models[i], &all);
	diags_append(&all, &s->load);
	run_rules_once(c, s, &all);
	size_t errors = diags_count(&all, VS_ERROR), warnings = diags_count(&all, VS_WARNING);
	if (c->json) {
		/* docs/check.schema.json */
		json_t *doc = json_pack("{s:s}", "format", "versus-check/1");
		json_object_set_new(doc, "records", json_integer((json_int_t)s->cat.n));
		json_object_set_new(doc, "invalid", json_integer((json_int_t)invalid));
		json_object_set_new(doc, "plugins", json_integer((json_int_t)s->plugins.n));
		json_object_set_new(doc, "capability_checks", json_integer((json_int_t)s->plugins.n_caps));
		json_object_set_new(doc, "errors", json_integer((json_int_t)errors));
		json_object_set_new(doc, "warnings", json_integer((json_int_t)warnings));
		json_t *problems = json_array();
		diags_to_json(problems, &all);
		json_object_set_new(doc, "problems", problems);
		put_json(c, doc);
	} else {
		print_diags(&all);
		fprintf(c->out, "%zu %s (%zu invalid), %zu %s, %zu %s: %zu %s, %zu %s\n",
		        s->cat.n, vs_plural(s->cat.n, "record", "records"), invalid,
		        s->plugins.n, vs_plural(s->plugins.n, "plugin", "plugins"), s->plugins.n_caps,
		        vs_plural(s->plugins.n_caps, "capability check", "capability checks"),
		        errors, vs_plural(errors, "error", "errors"),
		        warnings, vs_plural(warnings, "warning", "warnings"));
	}
	diags_free(&all);
	if (status == VS_EXIT_SYSTEM || refused) /* cli.md: a plugin could not be loaded */
		return VS_EXIT_SYSTEM;
	return errors ? VS_EXIT_PROBLEMS : VS_EXIT_OK;
}

/* }====== */

/* {====== list and show */

static bool model_is_open(const vs_model *m)
{
	const char *o = json_string_value(json_object_get(m->root, "openness"));
	return o && (strcmp(o, "open-source") == 0 || strcmp(o, "open-weights") == 0);
}

/* list PATTERN: a glob ("claude*4.5") against the id or the name, else a part of either,
** case-insensitively ("gpt"). */
static bool matches_pattern(const char *pattern, const char *id, const char *name)
{
	if (strpbrk(pattern, "*?[")) {
		char *t[3] = {xstrdup(pattern), xstrdup(id), xstrdup(name)}; /* no FNM_CASEFOLD in POSIX */
		for (int k = 0; k < 3; k++)
			for (char *q = t[k]; *q; q++)
				*q = (char)tolower((unsigned char)*q);
		bool ok = fnmatch(t[0], t[1], 0) == 0 || fnmatch(t[0], t[2], 0) == 0;
		for (int k = 0; k < 3; k++)
			free(t[k]);
		return ok;
	}
	size_t n = strlen(pattern);
	for (const char *p = id; *p; p++)
		if (strncasecmp(p, pattern, n) == 0)
			return true;
	for (const char *p = name; *p; p++)
		if (strncasecmp(p, pattern, n) == 0)
			return true;
	return !*pattern;
}

/* list --creator X: X is the creator, or words of it ("google": "Google DeepMind"). */
static bool creator_matches(const char *creator, const char *typed)
{
	size_t n = strlen(typed);
	for (const char *p = creator; n && p && *p; p++)
		if ((p == creator || strchr(" -(/", p[-1])) && strncasecmp(p, typed, n) == 0 &&
		    !isalnum((unsigned char)p[n]))
			return true;
	return false;
}

static bool list_filter(const vs_cli *c, const cli_session *s, const vs_model *m)
{
	if (c->n_args && !matches_pattern(c->args[0], m->id, m->name))
		return false;
	if (c->creator && !creator_matches(json_string_value(json_object_get(m->root, "creator")),
	                                   c->creator))
		return false;
	if (c->open && !model_is_open(m))
		return false;
	if (c->min_context) {
		const json_t *cw = json_object_get(m->root, "context_window");
		if (!json_is_number(cw) || json_number_value(cw) < (double)c->min_context)
			return false;
	}
	if (c->has) {
		int i = plugins_cap_index(&s->plugins, c->has);
		if (plugins_answer(&s->plugins, m, i) != VERSUS_CAP_YES)
			return false;
	}
	return true;
}

/* A --has or --creator value that names nothing: a usage error, with what was meant. */
static int unknown_name(const char *what, const char *typed, const vs_strv *names,
                        const char *to_see)
{
	vs_buf b = {0};
	if (suggest_names(typed, (const char *const *)names->v, names->n, &b))
		eprintf_clean("versus: list: unknown %s '%s'; did you mean %s?\n", what, typed, b.s);
	else
		eprintf_clean("versus: list: unknown %s '%s'; %s\n", what, typed, to_see);
	buf_free(&b);
	return VS_EXIT_USAGE;
}

/* The filters' values must name something: a capability check, a creator of the catalog. */
static int check_list_names(const vs_cli *c, const cli_session *s)
{
	vs_strv names = {0};
	int status = VS_EXIT_OK;
	if (c->has && plugins_cap_index(&s->plugins, c->has) < 0) {
		for (size_t i = 0; i < s->plugins.n_caps; i++)
			strv_push(&names, s->plugins.caps[i].id);
		status = unknown_name("capability", c->has, &names, "run 'versus plugins' to see the "
		                      "loaded capability checks");
	}
	bool creator_found = false;
	for (size_t i = 0; c->creator && status == VS_EXIT_OK && i < s->cat.n; i++) {
		const char *cr = json_string_value(json_object_get(s->cat.models[i].root, "creator"));
		if (!s->cat.models[i].valid || !cr)
			continue;
		creator_found |= creator_matches(cr, c->creator);
		bool seen = false;
		for (size_t k = 0; k < names.n && !seen; k++)
			seen = strcmp(names.v[k], cr) == 0;
		if (!seen)
			strv_push(&names, cr);
	}
	if (c->creator && status == VS_EXIT_OK && !creator_found)
		status = unknown_name("creator", c->creator, &names, "run 'versus list --json' to "
		                      "see each model's creator");
	strv_free(&names);
	return status;
}

/* list --providers: each provider of a route of a listed model, once, in natural order. */
static int cmp_natural(const void *a, const void *b)
{
	return vs_natural_cmp(*(char *const *)a, *(char *const *)b);
}

static void list_providers(vs_cli *c, const vs_model *const *order, size_t n)
{
	vs_strv names = {0};
	for (size_t i = 0; i < n; i++)
		add_providers(&names, order[i]);
	qsort(names.v, names.n, sizeof *names.v, cmp_natural);
	json_t *arr = json_array();
	for (size_t i = 0; i < names.n; i++) {
		if (c->json)
			json_array_append_new(arr, json_string(names.v[i]));
		else
			fprintf(c->out, "%s\n", names.v[i]);
	}
	if (c->json)
		put_json(c, arr);
	else
		json_decref(arr);
	strv_free(&names);
}

int cmd_list(vs_cli *c)
{
	cli_session *s = c->session;
	int status = VS_EXIT_OK;
	print_diags(&s->load);
	status = check_list_names(c, s);
	if (status != VS_EXIT_OK)
		return status;
	for (size_t i = 0; i < s->cat.n; i++)
		if (!s->cat.models[i].valid)
			eprintf_clean("%s: warning: invalid record left out (run 'versus check')\n",
			              s->cat.models[i].path);
	/* In the order of the site's index: names, numbers as numbers (order.h). */
	size_t n = 0, kept = 0, width = 0;
	const vs_model **order = vs_models_by_name(&s->cat, &n);
	for (size_t i = 0; i < n; i++)
		if (list_filter(c, s, order[i])) {
			order[kept++] = order[i];
			if (strlen(order[i]->id) > width)
				width = strlen(order[i]->id);
		}
	if (c->list_providers) {
		list_providers(c, order, kept);
	} else if (c->json) {
		json_t *arr = json_array();
		for (size_t i = 0; i < kept; i++) {
			const vs_model *m = order[i];
			json_t *o = json_object();
			json_object_set_new(o, "id", json_string(m->id));
			json_object_set_new(o, "name", json_string(m->name));
			const char *fields[] = {"creator", "product_type", "context_window", "openness"};
			for (size_t f = 0; f < VS_ARRAY_LEN(fields); f++) {
				json_t *v = json_object_get(m->root, fields[f]);
				json_object_set(o, fields[f], v ? v : json_null());
			}
			json_array_append_new(arr, o);
		}
		put_json(c, arr);
	} else {
		for (size_t i = 0; i < kept; i++)
			fprintf(c->out, "%-*s  %s\n", (int)width, order[i]->id, order[i]->name);
	}
	free(order);
	return VS_EXIT_OK;
}

/* One value of `show` on one line when it is short, terminal-safe. */
static void show_scalar(vs_buf *b, const json_t *v)
{
	if (json_is_string(v)) {
		char *t = esc_terminal(json_string_value(v), false);
		buf_add(b, t);
		free(t);
	} else {
		json_put_value(b, v, 0);
	}
}

/*
** `show` for a person: "key  value" lines; an object's members and an array's items
** indented below their key ("routes", "capabilities", "benchmarks"), never a long line of
** compact JSON.
*/
static void show_fields(vs_buf *b, const json_t *obj, int depth)
{
	const char *key;
	json_t *v;
	/* The values of one object in one column, after its longest key with a one-line value. */
	int width = 18 - 2 * depth > 1 ? 18 - 2 * depth : 1;
	json_object_foreach((json_t *)obj, key, v) {
		bool nested = (json_is_object(v) && json_object_size(v)) || (json_is_array(v) && json_array_size(v));
		if (!nested && (int)strlen(key) > width)
			width = (int)strlen(key);
	}
	json_object_foreach((json_t *)obj, key, v) {
		for (int i = 0; i < depth; i++)
			buf_add(b, "  ");
		char *k = esc_terminal(key, false);
		if (json_is_object(v) && json_object_size(v)) {
			buf_printf(b, "%s\n", k);
			show_fields(b, v, depth + 1);
		} else if (json_is_array(v) && json_array_size(v)) {
			buf_printf(b, "%s\n", k);
			size_t i;
			json_t *x;
			json_array_foreach(v, i, x) {
				for (int d = 0; d <= depth; d++)
					buf_add(b, "  ");
				if (json_is_object(x)) {
					buf_printf(b, "[%zu]\n", i + 1);
					show_fields(b, x, depth + 2);
				} else {
					buf_add(b, "- ");
					show_scalar(b, x);
					buf_addc(b, '\n');
				}
			}
		} else {
			buf_printf(b, "%-*s ", width, k);
			show_scalar(b, v);
			buf_addc(b, '\n');
		}
		free(k);
	}
}

/* The record with the capabilities object as the loaded checks answer it. */
static json_t *record_as_checked(const cli_session *s, const vs_model *m)
{
	json_t *copy = json_deep_copy(m->root);
	json_t *caps = json_object();
	for (size_t i = 0; i < s->plugins.n_caps; i++) {
		unsigned a = plugins_answer(&s->plugins, m, (int)i);
		json_object_set_new(caps, s->plugins.caps[i].id,
		                    a == VERSUS_CAP_YES ? json_true() :
		                    a == VERSUS_CAP_NO ? json_false() : json_null());
	}
	json_object_set_new(copy, "capabilities", caps);
	return copy;
}

int cmd_show(vs_cli *c)
{
	cli_session *s = c->session;
	vs_model *m = find_model(&s->cat, c->args[0]);
	if (!m)
		return VS_EXIT_DATA;
	if (!m->valid) {
		print_diags(&m->problems);
		fprintf(stderr, "versus: the record of '%s' is invalid; run 'versus check'\n", m->id);
		return VS_EXIT_DATA;
	}
	json_t *rec = record_as_checked(s, m);
	vs_buf b = {0};
	if (c->json) {
		json_put_value(&b, rec, 0);
		buf_addc(&b, '\n');
	} else {
		show_fields(&b, rec, 0);
	}
	fputs(b.s ? b.s : "", c->out);
	buf_free(&b);
	json_decref(rec);
	return VS_EXIT_OK;
}

/* }====== */

/* {====== rules, plugins, schema */

static void print_rule(void *ctx, const vs_rule_info *rule)
{
	fprintf(ctx, "%-32s %-13s %s\n", rule->key, rule->section, rule->where);
}

typedef struct rules_json {
	json_t *rules;
	const char *shipped; /* the shipped rules directory */
} rules_json;

static void rule_to_json(void *ctx, const vs_rule_info *rule)
{
	rules_json *rj = ctx;
	json_t *o = json_object();
	json_object_set_new(o, "key", json_string(rule->key));
	json_object_set_new(o, "section", json_string(rule->section));
	json_object_set_new(o, "source", json_string(rule->source));
	json_object_set_new(o, "where", json_string(rule->where));
	json_object_set_new(o, "directory", json_string(rule->origin ? rule->origin : rj->shipped));
	json_object_set_new(o, "fallback", json_boolean(rule->fallback));
	json_array_append_new(rj->rules, o);
}

int cmd_rules(vs_cli *c)
{
	cli_session *s = c->session;
	int status = VS_EXIT_OK;
	if (c->json) {
		/* docs/rules.schema.json */
		json_t *dirs = json_array(), *rules = json_array();
		for (size_t i = 0; i < s->paths.rules.n; i++) {
			json_t *d = json_object();
			json_object_set_new(d, "path", json_string(s->paths.rules.v[i]));
			json_object_set_new(d, "shipped", json_boolean(strcmp(s->paths.rules.labels[i], "rules") == 0));
			json_array_append_new(dirs, d);
		}
		rules_json rj = {rules, s->paths.rules.n ? s->paths.rules.v[0] : ""};
		engine_list_rules(s->engine, rule_to_json, &rj);
		put_listing(c, "versus-rules/1", dirs, "rules", rules, &s->load);
	} else {
		print_diags(&s->load);
		for (size_t i = 0; i < s->paths.rules.n; i++)
			fprintf(c->out, "# rules directory %zu: %s%s\n", i + 1, s->paths.rules.v[i],
			        strcmp(s->paths.rules.labels[i], "rules") == 0 ? " (shipped)" : "");
		engine_list_rules(s->engine, print_rule, c->out);
	}
	status = diags_count(&s->load, VS_ERROR) ? VS_EXIT_PROBLEMS : VS_EXIT_OK;
	return status;
}

/* One plugin as JSON. */
static json_t *plugin_to_json(const vs_plugins *ps, const vs_plugin *p)
{
	json_t *o = json_object(), *caps = json_array(), *stmts = json_array();
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "version", json_string(p->version));
	json_object_set_new(o, "abi", json_pack("{s:I,s:I}", "major", (json_int_t)p->abi_major,
	                                        "minor", (json_int_t)p->abi_minor));
	json_object_set_new(o, "path", json_string(p->path));
	for (size_t j = 0; j < ps->n_caps; j++)
		if (ps->caps[j].plugin == p)
			json_array_append_new(caps, json_pack("{s:s,s:s,s:o}", "id", ps->caps[j].id,
			    "label", ps->caps[j].label,
			    "group", ps->caps[j].group[0] ? json_string(ps->caps[j].group) : json_null()));
	for (size_t j = 0; j < ps->n_stmts; j++)
		if (ps->stmts[j].plugin == p)
			json_array_append_new(stmts, json_pack("{s:s,s:s}", "key", ps->stmts[j].key,
			    "section", section_name((vs_section_id)ps->stmts[j].section)));
	json_object_set_new(o, "capabilities", caps);
	json_object_set_new(o, "statements", stmts);
	return o;
}

int cmd_plugins(vs_cli *c)
{
	cli_session *s = c->session;
	int status = VS_EXIT_OK;
	if (c->json) {
		/* docs/plugins.schema.json */
		json_t *dirs = json_array(), *list = json_array();
		for (size_t i = 0; i < s->paths.plugins.n; i++)
			json_array_append_new(dirs, json_string(s->paths.plugins.v[i]));
		for (size_t i = 0; i < s->plugins.n; i++)
			json_array_append_new(list, plugin_to_json(&s->plugins, s->plugins.v[i]));
		put_listing(c, "versus-plugins/1", dirs, "plugins", list, &s->load);
	} else {
		print_diags(&s->load);
		for (size_t i = 0; i < s->paths.plugins.n; i++)
			fprintf(c->out, "# plugin directory %zu: %s\n", i + 1, s->paths.plugins.v[i]);
		for (size_t i = 0; i < s->plugins.n; i++) {
			const vs_plugin *p = s->plugins.v[i];
			fprintf(c->out, "%s %s (ABI %u.%u) %s\n", p->name, p->version, p->abi_major,
			        p->abi_minor, p->path);
			for (size_t j = 0; j < s->plugins.n_caps; j++)
				if (s->plugins.caps[j].plugin == p)
					fprintf(c->out, "  capability %-20s %s%s%s\n", s->plugins.caps[j].id,
					        s->plugins.caps[j].label, s->plugins.caps[j].group[0] ? "  group " : "",
					        s->plugins.caps[j].group);
			for (size_t j = 0; j < s->plugins.n_stmts; j++)
				if (s->plugins.stmts[j].plugin == p)
					fprintf(c->out, "  statement  %-20s %s\n", s->plugins.stmts[j].key,
					        section_name((vs_section_id)s->plugins.stmts[j].section));
		}
	}
	status = s->plugins_refused ? VS_EXIT_SYSTEM : VS_EXIT_OK;
	return status;
}

int cmd_schema(vs_cli *c)
{
	vs_paths p;
	paths_resolve(&p, c->data, c->rules, c->n_rules, c->plugins, c->n_plugins);
	size_t len;
	char *txt = read_file(p.schema, 1u << 20, &len);
	int status = VS_EXIT_OK;
	if (!txt) {
		fprintf(stderr, "versus: cannot read %s: %s\n", p.schema, strerror(errno));
		status = VS_EXIT_SYSTEM;
	} else if (fwrite(txt, 1, len, c->out) != len) {
		status = VS_EXIT_SYSTEM;
	}
	free(txt);
	paths_free(&p);
	return status;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the test files by file name, their paths and shown names alongside. */
static void sort_by_name(char **names, char **shown, char **paths, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && cmp_cstr(&names[j - 1], &names[j]) > 0; j--) {
			char **arrs[3] = {names, shown, paths};
			for (int k = 0; k < 3; k++) {
				char *t = arrs[k][j];
				arrs[k][j] = arrs[k][j - 1];
				arrs[k][j - 1] = t;
			}
		}
}

/* The rule test files: the arguments, or every tests/NAME.lua of the rules directories (a
** later directory's file replaces an earlier one of the same name), in name order.  A
** shipped file is shown as rules/tests/NAME.lua, another by its real path (cli.md). */
static size_t test_files(vs_cli *c, const vs_paths *p, char ***paths, char ***shown)
{
	size_t n = 0;
	*paths = NULL;
	*shown = NULL;
	if (c->n_args) {
		*paths = xcalloc(c->n_args, sizeof **paths);
		*shown = xcalloc(c->n_args, sizeof **shown);
		for (size_t i = 0; i < c->n_args; i++) {
			(*paths)[i] = xstrdup(c->args[i]);
			(*shown)[i] = xstrdup(c->args[i]);
		}
		return c->n_args;
	}
	char **names = NULL;
	for (size_t d = 0; d < p->rules.n; d++) {
		char *dir = xasprintf("%s/tests", p->rules.v[d]);
		DIR *dh = opendir(dir);
		struct dirent *de;
		while (dh && (de = readdir(dh)) != NULL) {
			size_t len = strlen(de->d_name);
			if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 4, ".lua") != 0)
				continue;
			size_t i = 0;
			while (i < n && strcmp(names[i], de->d_name) != 0)
				i++;
			if (i == n) {
				names = xrealloc(names, (n + 1) * sizeof *names);
				*paths = xrealloc(*paths, (n + 1) * sizeof **paths);
				*shown = xrealloc(*shown, (n + 1) * sizeof **shown);
				names[n++] = xstrdup(de->d_name);
			} else {
				free((*paths)[i]);
				free((*shown)[i]);
			}
			(*paths)[i] = xasprintf("%s/%s", dir, de->d_name);
			(*shown)[i] = strcmp(p->rules.labels[d], "rules") == 0
			            ? xasprintf("rules/tests/%s", de->d_name) : xstrdup((*paths)[i]);
		}
		if (dh)
			closedir(dh);
		free(dir);
	}
	sort_by_name(names, *shown, *paths, n);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return n;
}

/* A test file named on the command line that cannot be read is a system error (4),
** said before anything runs. */
static bool test_args_readable(const vs_cli *c)
{
	for (size_t i = 0; i < c->n_args; i++)
		if (access(c->args[i], R_OK) != 0) {
			eprintf_clean("versus: test: cannot read %s: %s\n", c->args[i], strerror(errno));
			return false;
		}
	return true;
}

/* Wraps one file's test points (t->junit, then emptied) in a <testsuite>. */
static void add_junit_suite(vs_buf *junit, vs_ruletest_totals *t, const char *shown,
                            size_t tests, size_t failures)
{
	buf_add(junit, "  <testsuite name=\"");
	esc_html(junit, shown); /* entities that XML has too; controls dropped */
	buf_printf(junit, "\" tests=\"%zu\" failures=\"%zu\">\n%s  </testsuite>\n", tests, failures,
	           t->junit->s ? t->junit->s : "");
	buf_free(t->junit);
	strv_free(&t->junit_names);
}

/* The JUnit XML document of every file's <testsuite>, written to path. */
static int write_junit(const char *path, const vs_ruletest_totals *t, const vs_buf *junit)
{
	int status = VS_EXIT_OK;
	vs_buf doc = {0};
	buf_printf(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"versus "
	           "test\" tests=\"%zu\" failures=\"%zu\">\n%s</testsuites>\n",
	           t->passed + t->failed, t->failed, junit->s ? junit->s : "");
	char err[PATH_MAX + 256];
	if (outfile_write(path, doc.s, doc.len, 0, err, sizeof err) != 0) {
		eprintf_clean("versus: test: %s\n", err);
		status = VS_EXIT_SYSTEM;
	}
	buf_free(&doc);
	return status;
}

int cmd_test(vs_cli *c)
{
	if (!test_args_readable(c))
		return VS_EXIT_SYSTEM;
	vs_paths p;
	paths_resolve(&p, c->data, c->rules, c->n_rules, c->plugins, c->n_plugins);
	vs_plugins plugins = {0};
	vs_diags load = {0};
	size_t refused = plugins_load(&plugins, (const char *const *)p.plugins.v, p.plugins.n, &load);
	print_diags(&load);
	vs_rule_dir *dirs = rule_dirs(&p);
	char **paths, **shown;
	size_t n = test_files(c, &p, &paths, &shown);
	/* TAP on stdout (a test point per expectation, the plan line last); with --junit, the
	** same points as JUnit XML: a <testsuite> per file. */
	vs_ruletest_totals t = {0};
	vs_buf junit = {0}, suite = {0};
	if (c->junit)
		t.junit = &suite;
	for (size_t i = 0; i < n; i++) {
		size_t before_pass = t.passed, before_fail = t.failed;
		ruletest_run_file(paths[i], shown[i], dirs, p.rules.n, &plugins, c->out, &t);
		if (c->junit)
			add_junit_suite(&junit, &t, shown[i], t.passed + t.failed - before_pass - before_fail,
			                t.failed - before_fail);
		free(paths[i]);
		free(shown[i]);
	}
	free(paths);
	free(shown);
	fprintf(c->out, "1..%zu\n# %zu %s, %zu %s: %zu passed, %zu failed\n", t.passed + t.failed,
	        n, vs_plural(n, "file", "files"), t.cases, vs_plural(t.cases, "case", "cases"),
	        t.passed, t.failed);
	int status = c->junit ? write_junit(c->junit, &t, &junit) : VS_EXIT_OK;
	buf_free(&junit);
	free(dirs);
	plugins_free(&plugins);
	diags_free(&load);
	paths_free(&p);
	if (refused || status != VS_EXIT_OK)
		return VS_EXIT_SYSTEM;
	if (n == 0) {
		fprintf(stderr, "versus: test: no rule tests found (rules/tests/NAME.lua)\n");
		return VS_EXIT_PROBLEMS;
	}
	return t.failed ? VS_EXIT_PROBLEMS : VS_EXIT_OK;
}

/* }====== */
