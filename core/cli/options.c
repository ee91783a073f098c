/*
** options.c — what an option's kind means: its value checked and stored in vs_cli, by the
** row's kind and field (cli.h's vs_option), so parsing is one loop over the table
** (main.c) and a new option is one row of commands.c's table.  Also the words a value may
** be.  Numbers are plain decimal digits: "1e9", "-1" and "" are usage
** errors (exit 2).
*/
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "import.h"
#include "render.h"

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("versus: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	size_t n = cmd ? strlen(cmd) : 0;
	fprintf(stderr, "\nRun 'versus %s%s--help' for usage.\n", n ? cmd : "",
	        n && cmd[n - 1] != ' ' ? " " : "");
	return VS_EXIT_USAGE;
}

/* {====== Values */

/* A count: decimal digits only, at most 2^53 so it stays exact as a double. */
static bool parse_count(const char *s, uint64_t *out)
{
	if (!*s || strlen(s) > 16)
		return false;
	uint64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v > (1ULL << 53))
		return false;
	*out = v;
	return true;
}

/* A share in [0,1]: digits with at most one '.', e.g. "0.4", "1", ".25". */
static bool parse_share(const char *s, double *out)
{
	size_t dots = 0, digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.')
			dots++;
		else if (*p >= '0' && *p <= '9')
			digits++;
		else
			return false;
	}
	if (digits == 0 || dots > 1 || strlen(s) > 32)
		return false;
	double v = strtod(s, NULL);
	if (!(v >= 0 && v <= 1))
		return false;
	*out = v;
	return true;
}

/* "openrouter litellm": the names of the import datasets' registry, made once. */
static const char *import_dataset_words(void)
{
	static char words[256];
	if (words[0])
		return words;
	for (size_t i = 0, len = 0; i < IMP_N_SOURCES; i++)
		len += (size_t)snprintf(words + len, sizeof words - len, "%s%s", i ? " " : "",
		                        imp_datasets[i].name);
	return words;
}

const char *cli_arg_values(const char *metavar)
{
	const char *const values[][2] = {
		{"FMT", render_format_names()},   /* compare -f: the format registry's names */
		{"WHEN", "auto always never"},    /* --color */
		{"FORMAT", import_dataset_words()}, /* import FORMAT: the import registry's names */
		{"SHELL", "bash zsh fish"},       /* completion SHELL */
	};
	for (size_t i = 0; metavar && i < VS_ARRAY_LEN(values); i++)
		if (strcmp(values[i][0], metavar) == 0)
			return values[i][1];
	return NULL;
}

bool cli_arg_allows(const char *metavar, const char *word)
{
	const char *v = cli_arg_values(metavar);
	size_t n = strlen(word);
	for (const char *p = v; n && p && *p; p += strcspn(p, " "), p += *p == ' ')
		if (strncmp(p, word, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* }====== */

/* {====== The setters of options whose value needs more than a kind (VS_OPT_CUSTOM) */

static void push_arg(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

/* -f FMT: a name of the format registry (render.h). */
int cli_set_format(vs_cli *c, const char *prefix, char *val)
{
	if (!cli_arg_allows("FMT", val)) {
		char *names = render_format_list(false, ", ", " or ");
		int rc = cli_usage_error(prefix, "unknown format '%s' (%s)", val, names);
		free(names);
		return rc;
	}
	c->format = val;
	return 0;
}

/* --shard K/N: 1 <= K <= N. */
int cli_set_shard(vs_cli *c, const char *prefix, char *val)
{
	char *slash = strchr(val, '/');
	uint64_t k, total;
	bool ok = slash != NULL;
	if (ok) {
		*slash = '\0';
		ok = parse_count(val, &k) && parse_count(slash + 1, &total) && total >= 1 &&
		     total <= 100000 && k >= 1 && k <= total;
		*slash = '/';
	}
	if (!ok)
		return cli_usage_error(prefix, "bad --shard '%s': expected K/N with 1 <= K <= N, e.g. "
		                       "--shard 2/4", val);
	c->shard_k = (unsigned)k;
	c->shard_n = (unsigned)total;
	return 0;
}

/* --provider NAME, repeatable: the traffic's provider list points at the names. */
int cli_set_provider(vs_cli *c, const char *prefix, char *val)
{
	if (!*val)
		return cli_usage_error(prefix, "--provider needs a provider name, e.g. --provider 'OpenAI API'");
	push_arg(&c->providers, &c->n_providers, val);
	c->traffic.providers = (const char *const *)c->providers;
	c->traffic.n_providers = c->n_providers;
	return 0;
}

/* --site-url URL: http(s), nothing a page's attribute would need escaped; no trailing '/'. */
int cli_set_site_url(vs_cli *c, const char *prefix, char *val)
{
	size_t len = strlen(val);
	bool ok = (strncmp(val, "https://", 8) == 0 && len > 8) ||
	          (strncmp(val, "http://", 7) == 0 && len > 7);
	for (const char *q = val; ok && *q; q++)
		ok = (unsigned char)*q > 0x20 && *q != '"' && *q != '<' && *q != '>' && *q != '\\' &&
		     (unsigned char)*q < 0x7f;
	if (!ok)
		return cli_usage_error(prefix, "--site-url: '%s' is not an http(s) URL, e.g. "
		                       "https://models.example.com", val);
	while (len > 0 && val[len - 1] == '/')
		val[--len] = '\0';
	c->site_url = val;
	return 0;
}

/* }====== */

/* {====== Applying one */

const vs_option *cli_find_option(const vs_options *set, const char *arg, size_t len)
{
	VS_EACH_OPTION(o, set)
		if ((strlen(o->name) == len && strncmp(o->name, arg, len) == 0) ||
		    (o->shortname && strlen(o->shortname) == len && strncmp(o->shortname, arg, len) == 0))
			return o;
	return NULL;
}

int cli_apply_option(vs_cli *c, const vs_command *cmd, const vs_option *o, char *val)
{
	char prefix[64] = "";
	if (cmd)
		snprintf(prefix, sizeof prefix, "%s ", cmd->name);
	char *field = (char *)c + o->at;
	uint64_t n;
	switch (o->kind) {
	case VS_OPT_NONE:
		break;
	case VS_OPT_FLAG:
		*(bool *)field = true;
		break;
	case VS_OPT_STRING:
		*(const char **)field = val;
		break;
	case VS_OPT_LIST:
		push_arg((char ***)field, (size_t *)((char *)c + o->count_at), val);
		break;
	case VS_OPT_COUNT:
		if (!parse_count(val, &n))
			return cli_usage_error(prefix, "%s: bad number '%s': expected plain decimal digits "
			                       "(no sign, exponent or separators), at most 2^53", o->name, val);
		*(uint64_t *)field = n;
		break;
	case VS_OPT_RANGE:
		if (!parse_count(val, &n) || n == 0 || n > o->max)
			return cli_usage_error(prefix, "bad %s '%s': expected a whole number from 1 to %llu",
			                       o->name, val, (unsigned long long)o->max);
		*(unsigned *)field = (unsigned)n;
		break;
	case VS_OPT_SHARE:
		if (!parse_share(val, (double *)field))
			return cli_usage_error(prefix, "%s: bad share '%s': expected a decimal number from "
			                       "0 to 1", o->name, val);
		break;
	case VS_OPT_ENUM:
		if (!cli_arg_allows(o->arg, val))
			return cli_usage_error(prefix, "%s%s%s", o->bad[0], val, o->bad[1]);
		*(const char **)field = val;
		break;
	case VS_OPT_CUSTOM:
		return o->set(c, prefix, val);
	}
	return 0;
}

/* }====== */
