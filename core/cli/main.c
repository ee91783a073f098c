/*
** main.c — parse the command line (global options, the command, its options) and run it.
** Numbers are plain decimal digits: "1e9", "-1" and "" are usage errors (exit 2).
*/
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <jansson.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "outfile.h"
#include "render.h"
#include "util.h"

static int usage_error(const char *cmd, const char *fmt, ...) VS_PRINTF(2, 3);

static int usage_error(const char *cmd, const char *fmt, ...)
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

static const vs_option *find_option(const vs_option *opts, const char *arg, size_t len)
{
	for (const vs_option *o = opts; o && o->name; o++)
		if ((strlen(o->name) == len && strncmp(o->name, arg, len) == 0) ||
		    (o->shortname && strlen(o->shortname) == len && strncmp(o->shortname, arg, len) == 0))
			return o;
	return NULL;
}

static void push_arg(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = s;
}

/* Remember an allocated string for freeing at exit; returns it. */
static char *keep(vs_cli *c, char *s)
{
	push_arg(&c->owned, &c->n_owned, s);
	return s;
}

/* The option closest to a mistyped one ("--form" -> "--format"): a prefix of it, or within
** two edits; NULL when nothing is close.  Abbreviations are still refused. */
static const char *closest_option(const vs_command *cmd, const char *arg, size_t len)
{
	const vs_option *lists[2] = {vs_global_options, cmd ? cmd->options : NULL};
	const char *best = NULL;
	size_t best_d = 3;
	char *typed = xstrndup(arg, len);
	for (int l = 0; l < 2; l++)
		for (const vs_option *o = lists[l]; o && o->name; o++) {
			size_t d = strncmp(o->name, typed, len) == 0 && len > 3 ? 1 : edit_distance(o->name, typed);
			if (d < best_d) {
				best_d = d;
				best = o->name;
			}
		}
	free(typed);
	return best;
}

/* The command nearest to what was typed ("comapre" -> "compare"), or NULL. */
static const char *closest_command(const char *typed)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (const vs_command *c = vs_commands; c->name; c++) {
		size_t d = edit_distance(c->name, typed);
		if (d < best_d) {
			best_d = d;
			best = c->name;
		}
	}
	return best;
}

/* "unknown command 'X'", with the nearest command when one is close. */
static int unknown_command(const char *typed)
{
	const char *near = closest_command(typed);
	if (near)
		return usage_error(NULL, "unknown command '%s'; did you mean '%s'?", typed, near);
	return usage_error(NULL, "unknown command '%s'", typed);
}

/* Apply one option with its value; returns an exit status (0 when fine). */
static int apply_option(vs_cli *c, const vs_command *cmd, const vs_option *o, char *val)
{
	const char *name = o->name;
	const char *cmdname = cmd ? cmd->name : NULL;
	char prefix[64] = "";
	if (cmdname)
		snprintf(prefix, sizeof prefix, "%s ", cmdname);
	uint64_t n;
	if (strcmp(name, "--data") == 0)
		c->data = val;
	else if (strcmp(name, "--rules") == 0)
		push_arg(&c->rules, &c->n_rules, val);
	else if (strcmp(name, "--plugins") == 0)
		push_arg(&c->plugins, &c->n_plugins, val);
	else if (strcmp(name, "--format") == 0) {
		if (!cli_arg_allows(o->arg, val)) {
			char *names = render_format_list(false, ", ", " or ");
			int rc = usage_error(prefix, "unknown format '%s' (%s)", val, names);
			free(names);
			return rc;
		}
		c->format = val;
	} else if (strcmp(name, "--output") == 0)
		c->output = val;
	else if (strcmp(name, "--junit") == 0)
		c->junit = val;
	else if (strcmp(name, "--into") == 0)
		c->into = val;
	else if (strcmp(name, "--requests") == 0 || strcmp(name, "--input-tokens") == 0 ||
	         strcmp(name, "--output-tokens") == 0 || strcmp(name, "--min-context") == 0) {
		if (!parse_count(val, &n))
			return usage_error(prefix, "%s: bad number '%s': expected plain decimal digits "
			                   "(no sign, exponent or separators), at most 2^53", name, val);
		if (strcmp(name, "--requests") == 0)
			c->traffic.requests = n;
		else if (strcmp(name, "--input-tokens") == 0)
			c->traffic.input_tokens = n;
		else if (strcmp(name, "--output-tokens") == 0)
			c->traffic.output_tokens = n;
		else
			c->min_context = n;
	} else if (strcmp(name, "--cached-share") == 0) {
		if (!parse_share(val, &c->traffic.cached_share))
			return usage_error(prefix, "--cached-share: bad share '%s': expected a decimal "
			                   "number from 0 to 1", val);
	} else if (strcmp(name, "--batch") == 0)
		c->traffic.batch = true;
	else if (strcmp(name, "--jobs") == 0) {
		if (!parse_count(val, &n) || n == 0 || n > VS_MAX_JOBS)
			return usage_error(prefix, "bad --jobs '%s': expected a whole number from 1 to %d",
			                   val, VS_MAX_JOBS);
		c->jobs = (unsigned)n;
	} else if (strcmp(name, "--shard") == 0) {
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
			return usage_error(prefix, "bad --shard '%s': expected K/N with 1 <= K <= N, e.g. "
			                   "--shard 2/4", val);
		c->shard_k = (unsigned)k;
		c->shard_n = (unsigned)total;
	} else if (strcmp(name, "--cheapest") == 0)
		c->traffic.cheapest = true;
	else if (strcmp(name, "--provider") == 0) {
		if (!*val)
			return usage_error(prefix, "--provider needs a provider name, e.g. --provider 'OpenAI API'");
		push_arg(&c->providers, &c->n_providers, val);
		c->traffic.providers = (const char *const *)c->providers;
		c->traffic.n_providers = c->n_providers;
	}
	else if (strcmp(name, "--color") == 0) {
		if (!cli_arg_allows(o->arg, val))
			return usage_error(prefix, "bad --color '%s': expected auto, always or never", val);
		c->color = val;
	} else if (strcmp(name, "--site-url") == 0) {
		size_t len = strlen(val);
		bool ok = (strncmp(val, "https://", 8) == 0 && len > 8) ||
		          (strncmp(val, "http://", 7) == 0 && len > 7);
		for (const char *q = val; ok && *q; q++)
			ok = (unsigned char)*q > 0x20 && *q != '"' && *q != '<' && *q != '>' && *q != '\\' &&
			     (unsigned char)*q < 0x7f;
		if (!ok)
			return usage_error(prefix, "--site-url: '%s' is not an http(s) URL, e.g. "
			                   "https://models.example.com", val);
		while (len > 0 && val[len - 1] == '/')
			val[--len] = '\0';
		c->site_url = val;
	} else if (strcmp(name, "--explain") == 0)
		c->explain = true;
	else if (strcmp(name, "--strict") == 0)
		c->strict = true;
	else if (strcmp(name, "--json") == 0)
		c->json = true;
	else if (strcmp(name, "--has") == 0)
		c->has = val;
	else if (strcmp(name, "--creator") == 0)
		c->creator = val;
	else if (strcmp(name, "--providers") == 0)
		c->list_providers = true;
	else if (strcmp(name, "--quiet") == 0)
		c->quiet = true;
	else if (strcmp(name, "--open") == 0)
		c->open = true;
	else if (strcmp(name, "--dry-run") == 0)
		c->dry_run = true;
	else if (strcmp(name, "--verbose") == 0)
		c->verbose = true;
	else if (strcmp(name, "--force") == 0)
		c->force = true;
	else if (strcmp(name, "--pair") == 0)
		c->pair = true;
	else if (strcmp(name, "--all") == 0)
		c->all = true;
	else if (strcmp(name, "--exit-code") == 0)
		c->exit_code = true;
	return 0;
}

/* Route the process's fd 1 to stderr so whatever a plugin prints cannot corrupt a report;
** our own output goes through c->out, a duplicate of the real stdout. */
static FILE *take_stdout(bool *is_tty)
{
	int fd = dup(STDOUT_FILENO);
	if (fd < 0)
		return stdout;
	*is_tty = isatty(fd);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		return stdout;
	}
	fflush(stdout);
	dup2(STDERR_FILENO, STDOUT_FILENO);
	return f;
}

/* A closed standard descriptor would be reused by the next open(): with 2>&-, a warning
** would land in a report file.  Point any closed one at /dev/null first: stdin and stderr
** as usual; stdout read-only, so a report written to a closed stdout (>&-) fails as any
** failed write does (exit 4) instead of vanishing with exit 0. */
static void keep_standard_fds_open(void)
{
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
			int got = open("/dev/null", fd == 2 ? O_WRONLY : O_RDONLY);
			if (got >= 0 && got != fd) {
				dup2(got, fd);
				close(got);
			}
		}
}

/* Paths the user gave, made absolute before any plugin loads (a plugin may chdir()). */
static void absolute_paths(vs_cli *c, const vs_command *cmd)
{
	if (c->output && strcmp(c->output, "-") != 0)
		c->output = keep(c, vs_absolute(c->output));
	if (c->junit)
		c->junit = keep(c, vs_absolute(c->junit));
	if (c->into)
		c->into = keep(c, vs_absolute(c->into));
	if (c->data)
		c->data = keep(c, vs_absolute(c->data));
	for (size_t i = 0; i < c->n_rules; i++)
		c->rules[i] = keep(c, vs_absolute(c->rules[i]));
	for (size_t i = 0; i < c->n_plugins; i++)
		c->plugins[i] = keep(c, vs_absolute(c->plugins[i]));
	/* Commands whose arguments are files: test FILE..., import FORMAT FILE... */
	size_t first = !cmd ? c->n_args : strcmp(cmd->name, "test") == 0 ? 0
	             : strcmp(cmd->name, "import") == 0 ? 1 : c->n_args;
	for (size_t i = first; i < c->n_args; i++)
		c->args[i] = keep(c, vs_absolute(c->args[i]));
}

/* cli.md: a directory named explicitly (--rules, --plugins, VERSUS_RULES, VERSUS_PLUGINS)
** that does not exist is a usage error naming it; the per-user defaults may be absent. */
static int check_named_dirs(const vs_cli *c)
{
	const char *opt[2] = {"--rules", "--plugins"};
	char **lists[2] = {c->rules, c->plugins};
	size_t ns[2] = {c->n_rules, c->n_plugins};
	struct stat st;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < ns[k]; i++)
			if (stat(lists[k][i], &st) != 0 || !S_ISDIR(st.st_mode))
				return usage_error(NULL, "%s %s: no such directory", opt[k], lists[k][i]);
	const char *env[2] = {"VERSUS_RULES", "VERSUS_PLUGINS"};
	for (int k = 0; k < 2; k++) {
		const char *v = getenv(env[k]);
		if (!v)
			continue;
		char *copy = xstrdup(v), *save = NULL;
		for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
			if (stat(d, &st) != 0 || !S_ISDIR(st.st_mode)) {
				int rc = usage_error(NULL, "%s names %s: no such directory", env[k], d);
				free(copy);
				return rc;
			}
		free(copy);
	}
	return VS_EXIT_OK;
}

/* cli.md: without -f, the format is the -o file's extension's (the registry's, formats.c:
** .md, .html/.htm, .txt, .json); a name without an extension is md.  NULL for an extension
** no format has: writing Markdown into "r.pdf" would surprise whoever opens it. */
static const char *format_from_name(const char *out)
{
	bool none;
	const vs_format *f = render_format_for_file(out, &none);
	return none ? "md" : f ? f->name : NULL;
}

/* compare and diff without -f: the -o file's format; else, on standard output, compare's is
** text for a person at a terminal and Markdown for a pipe (as tools that render for people
** do).  An extension no format has is compare's usage error; diff writes Markdown there. */
static int choose_format(vs_cli *c, const vs_command *cmd, bool stdout_tty)
{
	bool compare = strcmp(cmd->name, "compare") == 0;
	if (c->format || (!compare && strcmp(cmd->name, "diff") != 0))
		return VS_EXIT_OK;
	if (c->output && strcmp(c->output, "-") != 0) {
		c->format = format_from_name(c->output);
		if (!c->format && compare) {
			char *exts = render_format_list(true, ", ", " or ");
			char *names = render_format_list(false, "|", "|");
			int rc = usage_error("compare ", "-o %s: no format writes '%s' files; name the "
			                     "file %s, or give -f %s", c->output, strrchr(c->output, '.'),
			                     exts, names);
			free(exts);
			free(names);
			return rc;
		}
		if (!c->format)
			c->format = "md";
		return VS_EXIT_OK;
	}
	c->format = compare && stdout_tty ? "text" : "md";
	return VS_EXIT_OK;
}

/* -o /dev/stdout (or any name of what fd 1 is) means standard output: fd 1 is about to be
** pointed at stderr (so plugins cannot print into a report), and the name would follow it. */
static void same_as_stdout(vs_cli *c)
{
	struct stat o, s1;
	if (c->output && strcmp(c->output, "-") != 0 && stat(c->output, &o) == 0 &&
	    fstat(STDOUT_FILENO, &s1) == 0 && o.st_dev == s1.st_dev &&
	    o.st_ino == s1.st_ino)
		c->output = "-";
}

int main(int argc, char **argv)
{
	keep_standard_fds_open();
	outfile_init();
	/* Number formatting must not follow the user's locale (report.md "Formatting"), nor a
	** plugin's setlocale(): the thread's own C locale wins over the global one. */
	setlocale(LC_ALL, "C");
	vs_use_c_locale();
	/* jansson seeds its hash function on first use; seeding here, before any worker thread
	** exists, keeps that race-free and the seed random (hardening case 60, CVE-2013-6401). */
	json_object_seed(0);
	vs_cli c = {0};
	vs_traffic def = VS_TRAFFIC_DEFAULT;
	c.traffic = def;

	const vs_command *cmd = NULL;
	bool want_help = false;
	int status = 0;
	for (int i = 1; i < argc && status == 0; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				push_arg(&c.args, &c.n_args, argv[i]);
			break;
		}
		if (a[0] == '-' && a[1]) {
			if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
				want_help = true;
				continue;
			}
			if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
				printf("versus %s\n", VERSUS_VERSION);
				return VS_EXIT_OK;
			}
			char *eq = strchr(a, '=');
			size_t len = eq && a[1] == '-' ? (size_t)(eq - a) : strlen(a);
			const vs_option *o = find_option(vs_global_options, a, len);
			if (!o && cmd)
				o = find_option(cmd->options, a, len);
			char *attached = NULL; /* "-fjson": a short option with its value attached */
			if (!o && a[1] != '-' && a[2]) {
				o = find_option(vs_global_options, a, 2);
				if (!o && cmd)
					o = find_option(cmd->options, a, 2);
				if (o && o->arg)
					attached = a + 2;
				else
					o = NULL;
			}
			if (!o) {
				char prefix[64] = "";
				if (cmd)
					snprintf(prefix, sizeof prefix, "%s ", cmd->name);
				const char *near = closest_option(cmd, a, len);
				if (near)
					status = usage_error(prefix, "unknown option '%.*s'; did you mean '%s'?",
					                     (int)len, a, near);
				else
					status = usage_error(prefix, "unknown option '%s'", a);
				break;
			}
			char *val = NULL;
			if (o->arg) {
				if (attached)
					val = attached;
				else if (eq && a[1] == '-')
					val = eq + 1;
				else if (i + 1 < argc)
					val = argv[++i];
				else {
					status = usage_error(cmd ? cmd->name : NULL, "option '%s' needs a value", o->name);
					break;
				}
			} else if (eq && a[1] == '-') {
				status = usage_error(cmd ? cmd->name : NULL, "option '%s' takes no value", o->name);
				break;
			}
			status = apply_option(&c, cmd, o, val);
			continue;
		}
		if (!cmd) {
			cmd = cli_find_command(a);
			if (!cmd) {
				status = unknown_command(a);
				break;
			}
			continue;
		}
		push_arg(&c.args, &c.n_args, a);
	}
	if (status == 0 && (want_help || !cmd || strcmp(cmd->name, "help") == 0)) {
		const vs_command *about = cmd;
		if (cmd && strcmp(cmd->name, "help") == 0 && c.n_args > 0) {
			about = cli_find_command(c.args[0]);
			if (!about)
				status = unknown_command(c.args[0]);
		} else if (cmd && strcmp(cmd->name, "help") == 0) {
			about = NULL;
		}
		if (status == 0 && !want_help && !cmd) {
			/* As git and rg do: a one-line hint, not a page of help, and exit 2. */
			fprintf(stderr, "versus: no command given; try 'versus compare A B', or 'versus "
			        "--help' for the commands\n");
			status = VS_EXIT_USAGE;
		} else if (status == 0) {
			/* Asked for: stdout and success. */
			bool asked = want_help || cmd;
			cli_print_help(asked ? stdout : stderr, about);
			status = asked ? VS_EXIT_OK : VS_EXIT_USAGE;
		}
	} else if (status == 0) {
		if ((int)c.n_args < cmd->min_args || (int)c.n_args > cmd->max_args) {
			fprintf(stderr, "versus: %s: expected %s\nRun 'versus %s --help' for usage.\n",
			        cmd->name, cmd->usage, cmd->name);
			status = VS_EXIT_USAGE;
		} else {
			status = check_named_dirs(&c);
		}
		if (status == VS_EXIT_OK) {
			same_as_stdout(&c);
			status = choose_format(&c, cmd, isatty(STDOUT_FILENO) != 0);
		}
		if (status == VS_EXIT_OK) {
			absolute_paths(&c, cmd);
			if (!c.format)
				c.format = "md";
			c.out = take_stdout(&c.out_is_tty);
			status = cmd->run(&c);
			if (fflush(c.out) != 0 && status == VS_EXIT_OK) {
				fprintf(stderr, "versus: cannot write to standard output\n");
				status = VS_EXIT_SYSTEM;
			}
			if (c.out != stdout)
				fclose(c.out);
		}
	}
	/* --help >/dev/full must not exit 0: what stdout could not take is an error. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (status == VS_EXIT_OK || status == VS_EXIT_PROBLEMS) {
			fprintf(stderr, "versus: cannot write to standard output: %s\n", strerror(errno));
			status = VS_EXIT_SYSTEM;
		}
	}
	for (size_t i = 0; i < c.n_owned; i++)
		free(c.owned[i]);
	free(c.owned);
	free(c.args);
	free(c.rules);
	free(c.providers);
	free(c.plugins);
	return status;
}
