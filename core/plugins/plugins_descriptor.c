/*
** plugins_descriptor.c — a plugin's descriptor, copied and checked: its version, its
** capability checks and its statements.  Nothing of it is kept by pointer but the functions.
*/
#include "plugins_private.h"

#include <stdlib.h>
#include <string.h>

#define VS_XSTR(x) #x
#define VS_STR(x) VS_XSTR(x)

static const vs_capcheck *find_cap(const vs_plugins *ps, const char *id)
{
	for (size_t i = 0; i < ps->n_caps; i++)
		if (strcmp(ps->caps[i].id, id) == 0)
			return &ps->caps[i];
	return NULL;
}

static const vs_plugin_statement *find_stmt(const vs_plugins *ps, const char *key)
{
	for (size_t i = 0; i < ps->n_stmts; i++)
		if (strcmp(ps->stmts[i].key, key) == 0)
			return &ps->stmts[i];
	return NULL;
}

/* Why entry #i's name is not an identifier of [a-z0-9] and extra, shown printably; NULL when
** it is one.  Capability ids and statement keys are checked alike. */
static char *bad_ident(const char *what, size_t i, const char *field, const char *name,
                       size_t max, const char *extra)
{
	if (is_ident(name, max, extra))
		return NULL;
	char *shown = printable(name, max);
	char *r = xasprintf("%s #%zu has a bad %s '%s' (expected [a-z0-9%s]+)", what, i, field,
	                    shown, extra);
	free(shown);
	return r;
}

/* The capability checks, copied: each id once in the set, with a label and a check. */
static char *take_capabilities(plugin_impl *p, const vs_plugins *ps, const versus_plugin *d)
{
	const char *why;
	p->capdefs = xcalloc(d->n_capabilities, sizeof *p->capdefs);
	for (size_t i = 0; i < d->n_capabilities; i++) {
		const versus_capability *c = &d->capabilities[i];
		char *r = bad_ident("capability", i, "id", c->id, MAX_NAME, "_");
		if (r)
			return r;
		if (!c->label)
			return xasprintf("capability '%s' has no label", c->id);
		if ((why = text_problem(c->label, MAX_LABEL, TEXT_NO_NEWLINES)) || !*c->label)
			return xasprintf("capability '%s' has a bad label (%s)", c->id,
			                 why ? why : "empty");
		if (c->group && *c->group && !is_ident(c->group, MAX_NAME, "_"))
			return xasprintf("capability '%s' has a bad group (expected [a-z0-9_]+)", c->id);
		if (!c->check)
			return xasprintf("capability '%s' has no check function", c->id);
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->capdefs[j].id, c->id) == 0)
				return xasprintf("declares capability '%s' twice", c->id);
		const vs_capcheck *other = find_cap(ps, c->id);
		if (other)
			return xasprintf("capability '%s' is already provided by plugin '%s' (%s)",
			                 c->id, other->plugin->name, other->plugin->path);
		p->capdefs[i].id = keep_copy(p, c->id);
		p->capdefs[i].label = keep_copy(p, c->label);
		p->capdefs[i].group = keep_copy(p, c->group ? c->group : "");
		p->capdefs[i].order = c->order;
		p->capdefs[i].check = c->check;
	}
	return NULL;
}

/* The statements, copied: each key once in the set, in a section of the report. */
static char *take_statements(plugin_impl *p, const vs_plugins *ps, const versus_plugin *d)
{
	p->stmtdefs = xcalloc(d->n_statements, sizeof *p->stmtdefs);
	for (size_t i = 0; i < d->n_statements; i++) {
		const versus_statement *s = &d->statements[i];
		char *r = bad_ident("statement", i, "key", s->key, MAX_KEY, "_.-");
		if (r)
			return r;
		if (!s->section || strnlen(s->section, MAX_SECTION + 1) > MAX_SECTION ||
		    section_from_name(s->section) < 0) {
			char *shown = printable(s->section, MAX_SECTION);
			r = xasprintf("statement '%s' names an unknown section '%s'", s->key, shown);
			free(shown);
			return r;
		}
		if (!s->run)
			return xasprintf("statement '%s' has no run function", s->key);
		for (size_t j = 0; j < i; j++)
			if (strcmp(p->stmtdefs[j].key, s->key) == 0)
				return xasprintf("declares statement '%s' twice", s->key);
		const vs_plugin_statement *other = find_stmt(ps, s->key);
		if (other)
			return xasprintf("statement '%s' is already made by plugin '%s' (%s)", s->key,
			                 other->plugin->name, other->plugin->path);
		p->stmtdefs[i].key = keep_copy(p, s->key);
		p->stmtdefs[i].section = keep_copy(p, s->section);
		p->stmtdefs[i].run = s->run;
	}
	return NULL;
}

/* Copy and check the descriptor's contents (past the ABI header).  Returns NULL, or the
** reason the plugin is refused (allocated). */
char *take_descriptor(plugin_impl *p, const vs_plugins *ps, const versus_plugin *d)
{
	const char *why;
	if (!d->version)
		return xstrdup("has no version");
	if ((why = text_problem(d->version, MAX_VERSION, TEXT_NO_NEWLINES)) || !*d->version)
		return xasprintf("has a bad version string (%s)", why ? why : "empty");
	p->pub.version = xstrdup(d->version);

	/* Never an address in a message: it differs from run to run (issue 9). */
	if (d->n_capabilities > MAX_ENTRIES || (d->n_capabilities && !d->capabilities))
		return xasprintf("has a bad capability list (%zu %s, %s)", d->n_capabilities,
		                 vs_plural(d->n_capabilities, "entry", "entries"),
		                 d->capabilities ? "more than " VS_STR(MAX_ENTRIES) : "but no array");
	if (d->n_statements > MAX_ENTRIES || (d->n_statements && !d->statements))
		return xasprintf("has a bad statement list (%zu %s, %s)", d->n_statements,
		                 vs_plural(d->n_statements, "entry", "entries"),
		                 d->statements ? "more than " VS_STR(MAX_ENTRIES) : "but no array");

	char *r;
	if ((r = take_capabilities(p, ps, d)) != NULL || (r = take_statements(p, ps, d)) != NULL)
		return r;
	p->desc.capabilities = p->capdefs;
	p->desc.statements = p->stmtdefs;
	p->desc.name = p->pub.name;
	p->desc.version = p->pub.version;
	return NULL;
}
