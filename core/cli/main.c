/*
** main.c — parse the command line (global options, the command, its options: one loop over
** commands.c's table, options.c applying each) and run the command.
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
	const vs_options *lists[2] = {&vs_global_options, cmd ? &cmd->options : NULL};
	const char *best = NULL;
	size_t best_d = 3;
	char *typed = xstrndup(arg, len);
	for (int l = 0; l < 2; l++)
		VS_EACH_OPTION(o, lists[l]) {
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
		return cli_usage_error(NULL, "unknown command '%s'; did you mean '%s'?", typed, near);
	return cli_usage_error(NULL, "unknown command '%s'", typed);
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
				return cli_usage_error(NULL, "%s %s: no such directory", opt[k], lists[k][i]);
	const char *env[2] = {"VERSUS_RULES", "VERSUS_PLUGINS"};
	for (int k = 0; k < 2; k++) {
		const char *v = getenv(env[k]);
		if (!v)
			continue;
		char *copy = xstrdup(v), *save = NULL;
		for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save))
			if (stat(d, &st) != 0 || !S_ISDIR(st.st_mode)) {
				int rc = cli_usage_error(NULL, "%s names %s: no such directory", env[k], d);
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
			int rc = cli_usage_error("compare ", "-o %s: no format writes '%s' files; name the "
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

/* The process before any option is read: standard descriptors, output files, the locale. */
static void set_up_process(void)
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
}

/* What the command line asked for. */
typedef struct request {
	const vs_command *cmd; /* NULL: none named */
	bool help;             /* --help or -h */
	bool version;          /* --version or -V: print it and stop */
} request;

/* "unknown option 'X'", with the nearest option when one is close. */
static int unknown_option(const vs_command *cmd, const char *a, size_t len)
{
	char prefix[64] = "";
	if (cmd)
		snprintf(prefix, sizeof prefix, "%s ", cmd->name);
	const char *near = closest_option(cmd, a, len);
	if (near)
		return cli_usage_error(prefix, "unknown option '%.*s'; did you mean '%s'?", (int)len, a,
		                       near);
	return cli_usage_error(prefix, "unknown option '%s'", a);
}

/* The row of option a (a global one, else the command's); *attached is the value of a short
** option written with it ("-fjson"), else NULL. */
static const vs_option *option_of(const vs_command *cmd, char *a, size_t len, char **attached)
{
	*attached = NULL;
	const vs_option *o = cli_find_option(&vs_global_options, a, len);
	if (!o && cmd)
		o = cli_find_option(&cmd->options, a, len);
	if (!o && a[1] != '-' && a[2]) {
		o = cli_find_option(&vs_global_options, a, 2);
		if (!o && cmd)
			o = cli_find_option(&cmd->options, a, 2);
		if (o && o->arg)
			*attached = a + 2;
		else
			o = NULL;
	}
	return o;
}

/* One option at argv[*i] (its value may be the next word: *i moves past it); an exit status. */
static int read_option(vs_cli *c, request *rq, int argc, char **argv, int *i)
{
	char *a = argv[*i];
	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
		rq->help = true;
		return VS_EXIT_OK;
	}
	if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
		rq->version = true;
		return VS_EXIT_OK;
	}
	const vs_command *cmd = rq->cmd;
	char *eq = strchr(a, '=');
	bool long_eq = eq && a[1] == '-'; /* "--name=value" */
	size_t len = long_eq ? (size_t)(eq - a) : strlen(a);
	char *attached;
	const vs_option *o = option_of(cmd, a, len, &attached);
	if (!o)
		return unknown_option(cmd, a, len);
	char *val = NULL;
	if (o->arg) {
		if (attached)
			val = attached;
		else if (long_eq)
			val = eq + 1;
		else if (*i + 1 < argc)
			val = argv[++*i];
		else
			return cli_usage_error(cmd ? cmd->name : NULL, "option '%s' needs a value", o->name);
	} else if (long_eq) {
		return cli_usage_error(cmd ? cmd->name : NULL, "option '%s' takes no value", o->name);
	}
	return cli_apply_option(c, cmd, o, val);
}

/* The command line, word by word: options (global or the command's, anywhere), the command,
** its arguments; "--" ends the options.  Stops at --version and at the first usage error. */
static int read_command_line(vs_cli *c, request *rq, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		int status = VS_EXIT_OK;
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				push_arg(&c->args, &c->n_args, argv[i]);
			break;
		}
		if (a[0] == '-' && a[1])
			status = read_option(c, rq, argc, argv, &i);
		else if (rq->cmd)
			push_arg(&c->args, &c->n_args, a);
		else if (!(rq->cmd = cli_find_command(a)))
			status = unknown_command(a);
		if (status != VS_EXIT_OK || rq->version)
			return status;
	}
	return VS_EXIT_OK;
}

/* --help, help [COMMAND], or no command: help or a hint.  An exit status. */
static int show_help(const vs_cli *c, const request *rq)
{
	const vs_command *cmd = rq->cmd, *about = cmd;
	bool help_cmd = cmd && strcmp(cmd->name, "help") == 0;
	if (help_cmd && c->n_args > 0) {
		about = cli_find_command(c->args[0]);
		if (!about)
			return unknown_command(c->args[0]);
	} else if (help_cmd) {
		about = NULL;
	}
	if (!rq->help && !cmd) {
		/* As git and rg do: a one-line hint, not a page of help, and exit 2. */
		fprintf(stderr, "versus: no command given; try 'versus compare A B', or 'versus "
		        "--help' for the commands\n");
		return VS_EXIT_USAGE;
	}
	cli_print_help(stdout, about); /* asked for: stdout and success */
	return VS_EXIT_OK;
}

/* Before a command runs: its arguments counted, the directories named checked, the output
** format chosen and the paths made absolute.  An exit status. */
static int prepare(vs_cli *c, const vs_command *cmd)
{
	if ((int)c->n_args < cmd->min_args || (int)c->n_args > cmd->max_args) {
		fprintf(stderr, "versus: %s: expected %s\nRun 'versus %s --help' for usage.\n",
		        cmd->name, cmd->usage, cmd->name);
		return VS_EXIT_USAGE;
	}
	int status = check_named_dirs(c);
	if (status == VS_EXIT_OK) {
		same_as_stdout(c);
		status = choose_format(c, cmd, isatty(STDOUT_FILENO) != 0);
	}
	if (status == VS_EXIT_OK) {
		absolute_paths(c, cmd);
		if (!c->format)
			c->format = "md";
	}
	return status;
}

/* Run the command on what its row needs (opened here, once, and closed after it); its
** output goes to the real standard output, which is flushed and closed.  An exit status. */
static int run_command(vs_cli *c, const vs_command *cmd)
{
	c->out = take_stdout(&c->out_is_tty);
	cli_session s;
	int status = VS_EXIT_OK;
	if (cmd->needs != VS_NEEDS_NOTHING) {
		status = cli_session_open(c, &s, cmd->needs != VS_NEEDS_CATALOG,
		                          cmd->needs != VS_NEEDS_UNCHECKED);
		c->session = &s;
	}
	bool runs = status == VS_EXIT_OK || (cmd->needs == VS_NEEDS_UNCHECKED && s.catalog_ok);
	if (runs)
		status = cmd->run(c);
	if (c->session)
		cli_session_close(&s);
	c->session = NULL;
	if (fflush(c->out) != 0 && status == VS_EXIT_OK) {
		fprintf(stderr, "versus: cannot write to standard output\n");
		status = VS_EXIT_SYSTEM;
	}
	if (c->out != stdout)
		fclose(c->out);
	return status;
}

/* --help >/dev/full must not exit 0: what stdout could not take is an error. */
static int finish_stdout(int status)
{
	if ((fflush(stdout) != 0 || ferror(stdout)) &&
	    (status == VS_EXIT_OK || status == VS_EXIT_PROBLEMS)) {
		fprintf(stderr, "versus: cannot write to standard output: %s\n", strerror(errno));
		return VS_EXIT_SYSTEM;
	}
	return status;
}

static void free_cli(vs_cli *c)
{
	for (size_t i = 0; i < c->n_owned; i++)
		free(c->owned[i]);
	free(c->owned);
	free(c->args);
	free(c->rules);
	free(c->providers);
	free(c->plugins);
}

int main(int argc, char **argv)
{
	set_up_process();
	vs_cli c = {0};
	vs_traffic def = VS_TRAFFIC_DEFAULT;
	c.traffic = def;
	request rq = {0};
	int status = read_command_line(&c, &rq, argc, argv);
	if (rq.version) {
		printf("versus %s\n", VERSUS_VERSION);
		free_cli(&c);
		return VS_EXIT_OK;
	}
	if (status == VS_EXIT_OK && (rq.help || !rq.cmd || strcmp(rq.cmd->name, "help") == 0))
		status = show_help(&c, &rq);
	else if (status == VS_EXIT_OK && (status = prepare(&c, rq.cmd)) == VS_EXIT_OK)
		status = run_command(&c, rq.cmd);
	status = finish_stdout(status);
	free_cli(&c);
	return status;
}
