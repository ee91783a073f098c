/*
** ruletest.c — `versus test` (see ruletest.h).
**
** A test file runs in its own sandbox (the same safe library as rules, no rule API) and
** returns plain tables; those are read raw — no metamethod of test code runs on the host
** side — into JSON, so the fixture records go through the same validator as data/models.
*/
#include "ruletest.h"

#include <ctype.h>
#include <errno.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "escape.h"
#include "sandbox.h"
#include "suggest.h"
#include "util.h"

#define MAX_DEPTH 32
#define MAX_TEST_FILE_BYTES (1u * 1024u * 1024u)

/* {====== Lua tables to JSON */

/* Tables that are objects even when empty. */
static bool object_field(const char *key)
{
	static const char *const objects[] = {"capabilities", "license", "pricing", "traffic",
	                                      "a", "b", NULL};
	for (const char *const *o = objects; *o; o++)
		if (key && strcmp(key, *o) == 0)
			return true;
	return false;
}

static json_t *to_json(lua_State *L, int idx, const char *key, int depth, char *err,
                       size_t errlen);

static json_t *table_to_json(lua_State *L, int idx, const char *key, int depth, char *err,
                             size_t errlen)
{
	size_t n = lua_rawlen(L, idx), count = 0;
	bool all_strings = true;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		count++;
		all_strings &= lua_type(L, -1) == LUA_TSTRING;
	}
	if (count == 0)
		return object_field(key) ? json_object() : json_array();
	if (count == n) {
		json_t *arr = json_array();
		for (size_t i = 1; i <= n; i++) {
			lua_rawgeti(L, idx, (lua_Integer)i);
			json_t *v = to_json(L, lua_gettop(L), NULL, depth + 1, err, errlen);
			lua_pop(L, 1);
			if (!v) {
				json_decref(arr);
				return NULL;
			}
			json_array_append_new(arr, v);
		}
		return arr;
	}
	if (!all_strings) {
		snprintf(err, errlen, "a table mixes list entries and named fields%s%s",
		         key ? " in " : "", key ? key : "");
		return NULL;
	}
	/* Sorted keys: the same file gives the same record, whatever the hash seed. */
	sandbox_push_sorted_keys(L, idx);
	int keys = lua_gettop(L);
	json_t *obj = json_object();
	for (size_t i = 1; i <= count; i++) {
		lua_rawgeti(L, keys, (lua_Integer)i);
		const char *k = lua_tostring(L, -1);
		lua_pushvalue(L, -1);
		lua_rawget(L, idx);
		json_t *v = to_json(L, lua_gettop(L), k, depth + 1, err, errlen);
		lua_pop(L, 2);
		if (!v) {
			json_decref(obj);
			lua_pop(L, 1);
			return NULL;
		}
		json_object_set_new(obj, k, v);
	}
	lua_pop(L, 1);
	return obj;
}

static json_t *to_json(lua_State *L, int idx, const char *key, int depth, char *err,
                       size_t errlen)
{
	if (depth > MAX_DEPTH) {
		snprintf(err, errlen, "tables nested more than %d deep", MAX_DEPTH);
		return NULL;
	}
	luaL_checkstack(L, 8, "test case nested too deeply");
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
		return json_null();
	case LUA_TBOOLEAN:
		return json_boolean(lua_toboolean(L, idx));
	case LUA_TNUMBER:
		if (lua_isinteger(L, idx))
			return json_integer((json_int_t)lua_tointeger(L, idx));
		return json_real(lua_tonumber(L, idx));
	case LUA_TSTRING: {
		size_t len;
		const char *s = lua_tolstring(L, idx, &len);
		json_t *j = json_stringn(s, len);
		if (!j)
			snprintf(err, errlen, "a string that is not UTF-8%s%s", key ? " in " : "",
			         key ? key : "");
		return j;
	}
	case LUA_TTABLE:
		return table_to_json(L, idx, key, depth, err, errlen);
	default:
		snprintf(err, errlen, "a %s value%s%s cannot be part of a test case",
		         luaL_typename(L, idx), key ? " in " : "", key ? key : "");
		return NULL;
	}
}

/* Run the test file and return its cases as JSON, or NULL with a message. */
static json_t *load_cases(const char *path, const char *shown, char *err, size_t errlen)
{
	size_t len;
	char *code = read_file(path, MAX_TEST_FILE_BYTES, &len);
	if (!code) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	vs_sandbox *sb = sandbox_new(50000000L, 64u * 1024u * 1024u, 5.0);
	if (!sb) {
		free(code);
		snprintf(err, errlen, "cannot create a Lua state");
		return NULL;
	}
	lua_State *L = sb->L;
	char *chunk = xasprintf("@%s", shown);
	json_t *cases = NULL;
	if (luaL_loadbufferx(L, code, len, chunk, "t") != LUA_OK) {
		snprintf(err, errlen, "%s", lua_tostring(L, -1));
	} else {
		lua_newtable(L); /* env reading through to the safe base */
		lua_createtable(L, 0, 2);
		sandbox_push_base(sb);
		lua_setfield(L, -2, "__index");
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
		lua_setmetatable(L, -2);
		lua_setupvalue(L, -2, 1);
		if (sandbox_pcall(sb, 0, 1) != LUA_OK)
			snprintf(err, errlen, "%s%s%s", sb->err_where, sb->err_where[0] ? ": " : "",
			         lua_tostring(L, -1));
		else if (!lua_istable(L, -1))
			snprintf(err, errlen, "a test file must return a list of cases, got %s",
			         luaL_typename(L, -1));
		else
			cases = to_json(L, lua_gettop(L), NULL, 0, err, errlen);
		if (cases && !json_is_array(cases)) {
			snprintf(err, errlen, "a test file must return a list of cases");
			json_decref(cases);
			cases = NULL;
		}
	}
	free(chunk);
	free(code);
	sandbox_free(sb);
	return cases;
}

/* }====== */

/* {====== Checking expectations against a report */

/* The text of an item or row that contains/excludes look at. */
static char *item_text(const vs_item *it)
{
	vs_buf b = {0};
	if (it->text)
		buf_add(&b, it->text);
	if (it->question) {
		buf_add(&b, it->question);
		buf_addc(&b, ' ');
		buf_add(&b, it->answer);
	}
	for (size_t i = 0; i < it->cells.n; i++)
		buf_printf(&b, "%s%s", i ? " | " : "", it->cells.v[i]);
	return buf_steal(&b);
}

static bool values_equal(const vs_strv *got, const json_t *want)
{
	if (!json_is_array(want) || json_array_size(want) != got->n)
		return false;
	for (size_t i = 0; i < got->n; i++)
		if (!json_is_string(json_array_get(want, i)) ||
		    strcmp(json_string_value(json_array_get(want, i)), got->v[i]) != 0)
			return false;
	return true;
}

typedef struct match {
	const vs_item **v;
	size_t n, cap;
} match;

static void find_items(const vs_report *r, const json_t *exp, match *m)
{
	const char *key = json_string_value(json_object_get(exp, "key"));
	const char *section = json_string_value(json_object_get(exp, "section"));
	const char *about = json_string_value(json_object_get(exp, "about"));
	for (int s = 0; s < VS_SEC_COUNT; s++) {
		const vs_section *sec = &r->sections[s];
		if (section && strcmp(section, section_name((vs_section_id)s)) != 0)
			continue;
		for (size_t i = 0; i < sec->n_items + sec->n_rows; i++) {
			const vs_item *it = i < sec->n_items ? &sec->items[i] : &sec->rows[i - sec->n_items];
			if (key && strcmp(it->key, key) != 0)
				continue;
			if (about && (it->about.n == 0 || strcmp(it->about.v[0], about) != 0))
				continue;
			*VS_PUSH(m->v, m->n, m->cap) = it;
		}
	}
}

/* Check one expectation; on failure, *why says what was found instead. */
static bool check_expectation(const vs_report *r, const json_t *exp, char **why)
{
	match m = {0};
	find_items(r, exp, &m);
	const char *contains = json_string_value(json_object_get(exp, "contains"));
	const char *excludes = json_string_value(json_object_get(exp, "excludes"));
	const json_t *values = json_object_get(exp, "values");
	bool absent = json_is_true(json_object_get(exp, "absent"));
	bool ok;
	*why = NULL;
	if (absent) {
		ok = m.n == 0;
	} else if (contains || excludes) {
		bool found = false;
		for (size_t i = 0; i < m.n && !found; i++) {
			char *t = item_text(m.v[i]);
			found = strstr(t, contains ? contains : excludes) != NULL;
			free(t);
		}
		ok = contains ? found : !found;
	} else if (values) {
		ok = false;
		for (size_t i = 0; i < m.n && !ok; i++)
			ok = values_equal(&m.v[i]->values, values);
	} else {
		ok = m.n > 0;
	}
	if (!ok) {
		if (m.n == 0) {
			*why = xstrdup("no such item");
		} else {
			char *t = item_text(m.v[0]);
			vs_buf b = {0};
			buf_printf(&b, "%zu %s; the first says \"%s\"", m.n, vs_plural(m.n, "item", "items"), t);
			if (values && m.v[0]->values.n) {
				buf_add(&b, " with values");
				for (size_t i = 0; i < m.v[0]->values.n; i++)
					buf_printf(&b, " \"%s\"", m.v[0]->values.v[i]);
			}
			*why = buf_steal(&b);
			free(t);
		}
	}
	free(m.v);
	return ok;
}

/* {====== Keys a rule or plugin makes */

/* Could an item or row keyed key come from what K names?  K itself, an item under it
** ("faq.capability" makes "faq.capability.vision"), or its last part ("pricing.output_price"
** makes "output_price"). */
static bool key_from(const char *key, const char *k)
{
	size_t n = strlen(k), kl = strlen(key);
	if (strcmp(key, k) == 0 || (strncmp(key, k, n) == 0 && key[n] == '.'))
		return true;
	return n > kl && k[n - kl - 1] == '.' && strcmp(k + n - kl, key) == 0;
}

typedef struct known_keys {
	const char *key;
	bool found;
	vs_strv all;   /* every rule's key, for a suggestion */
} known_keys;

static void visit_rule(void *ctx, const vs_rule_info *rule)
{
	known_keys *k = ctx;
	k->found |= key_from(k->key, rule->key);
	strv_push(&k->all, rule->key);
}

/* An `absent = true` on a key that no loaded rule, plugin statement or capability check
** can make passes whatever the rules do: a typo ("larger_max_outptu") would hide a rule
** that fires.  NULL when key is one of theirs (or a section's "none"), else why not. */
static char *unknown_key(vs_engine *e, const vs_plugins *plugins, const char *key)
{
	known_keys k = {key, strcmp(key, "none") == 0, {0}};
	if (e)
		engine_list_rules(e, visit_rule, &k);
	for (size_t i = 0; i < plugins->n_stmts; i++) {
		k.found |= key_from(key, plugins->stmts[i].key);
		strv_push(&k.all, plugins->stmts[i].key);
	}
	for (size_t i = 0; i < plugins->n_caps; i++)
		k.found |= strcmp(key, plugins->caps[i].id) == 0;
	char *why = NULL;
	if (!k.found) {
		vs_buf b = {0};
		buf_printf(&b, "no loaded rule or plugin makes the key '%s', so it is always absent", key);
		vs_buf near = {0};
		if (suggest_names(key, (const char *const *)k.all.v, k.all.n, &near))
			buf_printf(&b, "; did you mean %s?", near.s);
		buf_free(&near);
		why = buf_steal(&b);
	}
	strv_free(&k.all);
	return why;
}

/* }====== */

static char *describe(const json_t *exp)
{
	vs_buf b = {0};
	const char *key = json_string_value(json_object_get(exp, "key"));
	buf_printf(&b, "%s", key ? key : "(any key)");
	const char *about = json_string_value(json_object_get(exp, "about"));
	if (about)
		buf_printf(&b, " about %s", about);
	if (json_is_true(json_object_get(exp, "absent")))
		buf_add(&b, " is absent");
	else if (json_object_get(exp, "contains"))
		buf_printf(&b, " contains \"%s\"", json_string_value(json_object_get(exp, "contains")));
	else if (json_object_get(exp, "excludes"))
		buf_printf(&b, " excludes \"%s\"", json_string_value(json_object_get(exp, "excludes")));
	else if (json_object_get(exp, "values"))
		buf_add(&b, " has the values given");
	else
		buf_add(&b, " is present");
	return buf_steal(&b);
}

/* }====== */

static void traffic_from(const json_t *j, vs_traffic *t)
{
	vs_traffic def = VS_TRAFFIC_DEFAULT;
	*t = def;
	const json_t *v;
	if (json_is_integer(v = json_object_get(j, "requests")) && json_integer_value(v) >= 0)
		t->requests = (uint64_t)json_integer_value(v);
	if (json_is_integer(v = json_object_get(j, "input_tokens")) && json_integer_value(v) >= 0)
		t->input_tokens = (uint64_t)json_integer_value(v);
	if (json_is_integer(v = json_object_get(j, "output_tokens")) && json_integer_value(v) >= 0)
		t->output_tokens = (uint64_t)json_integer_value(v);
	if (json_is_number(v = json_object_get(j, "cached_share")))
		t->cached_share = json_number_value(v);
	t->batch = json_is_true(json_object_get(j, "batch"));
}

/* Text for a TAP description: one line, '#' escaped (it would start a directive). */
static void put_tap_text(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r')
			fputc(' ', out);
		else if (*s == '#' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else
			fputc(*s, out);
	}
}

/* One test point: a TAP line on out ("FILE: CASE: WHAT[; got WHY]"), and a JUnit
** <testcase> named "CASE: WHAT" (with WHY as its failure) when asked for. */
static void point(FILE *out, vs_ruletest_totals *t, bool ok, const char *shown,
                  const char *name, const char *what, const char *why)
{
	if (ok)
		t->passed++;
	else
		t->failed++;
	fprintf(out, "%s %zu - ", ok ? "ok" : "not ok", t->passed + t->failed);
	put_tap_text(out, shown);
	fputs(": ", out);
	put_tap_text(out, name);
	fputs(": ", out);
	put_tap_text(out, what);
	if (why) {
		fputs("; got ", out);
		put_tap_text(out, why);
	}
	fputc('\n', out);
	if (!t->junit)
		return;
	/* CI systems key results by name: a repeated expectation gets " (2)", " (3)"... */
	char *full = xasprintf("%s: %s", name, what);
	size_t seen = 0;
	for (size_t i = 0; i < t->junit_names.n; i++)
		seen += strcmp(t->junit_names.v[i], full) == 0;
	strv_push(&t->junit_names, full);
	buf_add(t->junit, "    <testcase classname=\"");
	esc_html(t->junit, shown);
	buf_add(t->junit, "\" name=\"");
	esc_html(t->junit, full);
	free(full);
	if (seen)
		buf_printf(t->junit, " (%zu)", seen + 1);
	if (ok) {
		buf_add(t->junit, "\"/>\n");
		return;
	}
	buf_add(t->junit, "\">\n      <failure message=\"");
	esc_html(t->junit, why ? why : what);
	buf_add(t->junit, "\"/>\n    </testcase>\n");
}

static void fail_line(FILE *out, vs_ruletest_totals *t, const char *shown, const char *name,
                      const char *what)
{
	point(out, t, false, shown, name, what, NULL);
}

/* The first line of source where "field =" (or "field=") appears: where a typo'd field of
** an expectation most likely is (the cases table keeps no line numbers). */
static int line_of(const char *source, const char *field)
{
	int line = 1;
	size_t n = strlen(field);
	for (const char *p = source ? source : ""; *p; p++) {
		if (*p == '\n')
			line++;
		else if (strncmp(p, field, n) == 0 && (p == source || !isalnum((unsigned char)p[-1])) &&
		         (p[n] == ' ' || p[n] == '=')) {
			const char *q = p + n;
			while (*q == ' ')
				q++;
			if (*q == '=')
				return line;
		}
	}
	return 1;
}

/* Builds the case's two-model catalog from its records "a" and "b"; false
 * (after printing the records' errors and a failing line) when they are not
 * two valid records. */
static bool case_catalog(const json_t *c, const char *shown, const char *name,
                         vs_plugins *plugins, FILE *out, vs_ruletest_totals *t, vs_catalog *cat)
{
	json_t *recs[2] = {json_object_get(c, "a"), json_object_get(c, "b")};
	if (!json_is_object(recs[0]) || !json_is_object(recs[1])) {
		fail_line(out, t, shown, name, "a case needs two records, a and b");
		return false;
	}
	char *paths[2] = {xasprintf("%s: %s: a", shown, name), xasprintf("%s: %s: b", shown, name)};
	catalog_from_records(cat, recs, (const char *const *)paths, 2, plugins->cap_ids,
	                     plugins->n_caps);
	free(paths[0]);
	free(paths[1]);
	bool valid = true;
	for (size_t i = 0; i < 2; i++) {
		for (size_t k = 0; k < cat->models[i].problems.n; k++)
			if (cat->models[i].problems.v[k].severity == VS_ERROR)
				fprintf(stderr, "%s: %s\n", cat->models[i].problems.v[k].where,
				        cat->models[i].problems.v[k].message);
		valid &= cat->models[i].valid;
	}
	if (!valid) {
		fail_line(out, t, shown, name, "a fixture record is invalid (see above)");
		catalog_free(cat);
	}
	return valid;
}

/* Every error the checks, the loading or the rules reported fails the case. */
static void fail_on_rule_problems(const vs_diags *diags, const char *shown, const char *name,
                                  FILE *out, vs_ruletest_totals *t)
{
	for (size_t i = 0; i < diags->n; i++) {
		char *what = xasprintf("rule problem at %s%s%s%s: %s", diags->v[i].where,
		                       diags->v[i].rule ? " [" : "", diags->v[i].rule ? diags->v[i].rule : "",
		                       diags->v[i].rule ? "]" : "", diags->v[i].message);
		if (diags->v[i].severity == VS_ERROR)
			fail_line(out, t, shown, name, what);
		free(what);
	}
}

/* A typo ("contians") must not pass as "the key is present": false (after a
 * failing line per unknown field) when the expectation has a field not listed. */
static bool fields_known(const json_t *exp, const char *shown, const char *source,
                         const char *name, FILE *out, vs_ruletest_totals *t)
{
	const char *field;
	const json_t *unused;
	bool known = true;
	json_object_foreach((json_t *)exp, field, unused) {
		static const char *const fields[] = {"key", "section", "about", "contains",
		                                     "excludes", "values", "absent", NULL};
		bool ok = false;
		for (const char *const *f = fields; *f && !ok; f++)
			ok = strcmp(*f, field) == 0;
		if (!ok) {
			char *what = xasprintf("%s:%d: unknown field '%s' in an expectation (fields: "
			                       "key, section, about, contains, excludes, values, absent)",
			                       shown, line_of(source, field), field);
			fail_line(out, t, shown, name, what);
			free(what);
			known = false;
		}
	}
	return known;
}

/* Whether one expectation holds in the report (else *why says how it does
 * not); "absent" of a key no rule can write does not hold. */
static bool expectation_holds(const json_t *exp, const vs_report *r, vs_engine *e,
                              vs_plugins *plugins, char **why)
{
	const char *key = json_string_value(json_object_get(exp, "key"));
	char *unknown = key && json_is_true(json_object_get(exp, "absent"))
	              ? unknown_key(e, plugins, key) : NULL;
	if (unknown) {
		*why = unknown;
		return false;
	}
	return check_expectation(r, exp, why);
}

/* A case: build its catalog, run the engine on it, fail on rule problems,
 * then check each expectation against the report. */
static void run_case(const json_t *c, const char *shown, const char *source,
                     const vs_rule_dir *dirs, size_t n_dirs, vs_plugins *plugins, FILE *out,
                     vs_ruletest_totals *t)
{
	const char *name = json_string_value(json_object_get(c, "name"));
	if (!name)
		name = "(unnamed case)";
	t->cases++;
	vs_catalog cat;
	if (!case_catalog(c, shown, name, plugins, out, t, &cat))
		return;
	vs_diags diags = {0};
	plugins_check_models(plugins, &cat, &diags);
	vs_engine_limits lim = VS_ENGINE_LIMITS_DEFAULT;
	vs_engine *e = engine_new(dirs, n_dirs, &cat, plugins, &lim, &diags);
	vs_traffic traffic;
	traffic_from(json_object_get(c, "traffic"), &traffic);
	vs_report r;
	report_init(&r);
	if (e)
		engine_report(e, &cat.models[0], &cat.models[1], &traffic, &r);
	diags_append(&diags, &r.diags);
	fail_on_rule_problems(&diags, shown, name, out, t);
	size_t k;
	const json_t *exp;
	json_array_foreach(json_object_get(c, "expect"), k, exp) {
		if (!fields_known(exp, shown, source, name, out, t))
			continue;
		char *why = NULL, *desc = describe(exp);
		bool holds = expectation_holds(exp, &r, e, plugins, &why);
		point(out, t, holds, shown, name, desc, holds ? NULL : why);
		free(why);
		free(desc);
	}
	report_free(&r);
	engine_free(e);
	diags_free(&diags);
	catalog_free(&cat);
}

void ruletest_run_file(const char *path, const char *shown, const vs_rule_dir *dirs,
                       size_t n_dirs, vs_plugins *plugins, FILE *out, vs_ruletest_totals *t)
{
	char err[512] = "";
	json_t *cases = load_cases(path, shown, err, sizeof err);
	if (!cases) {
		fail_line(out, t, shown, "(file)", err);
		return;
	}
	size_t i, len = 0;
	const json_t *c;
	char *source = read_file(path, (size_t)1 << 24, &len);
	json_array_foreach(cases, i, c)
		run_case(c, shown, source, dirs, n_dirs, plugins, out, t);
	free(source);
	json_decref(cases);
}
