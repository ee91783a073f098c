/*
** cli.h — the commands of cli.md.  main.c parses the command line into a vs_cli by the
** table of commands.c (each option a row with a kind, applied by options.c), opens what the
** command's row needs (a cli_session) and calls the command; each command returns an exit
** status of the vs_exit enum.
*/
#ifndef VERSUS_CLI_H
#define VERSUS_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "catalog.h"
#include "cost.h"
#include "engine.h"
#include "exit_status.h" /* vs_exit: what every command returns */
#include "paths.h"
#include "plugins.h"
#include "util.h" /* VS_PRINTF */


/* What a command runs on, opened by main.c before it and closed after (cli_session_open). */
typedef struct cli_session {
	vs_paths paths;
	vs_plugins plugins;
	vs_catalog cat;
	vs_engine *engine;
	vs_diags load;         /* plugin and rule load problems */
	size_t plugins_refused;
	bool catalog_ok;
	int opened;            /* the exit status of opening: VS_EXIT_OK, or what failed */
} cli_session;

typedef struct vs_cli {
	/* where things come from */
	const char *data;
	char **rules;
	size_t n_rules;
	char **plugins;
	size_t n_plugins;
	/* command options */
	const char *format;   /* NULL: from the -o file's extension, else md */
	const char *color;    /* --color: auto, always, never */
	const char *site_url; /* compare --site-url: a published site, no trailing '/' */
	const char *output;
	const char *junit;    /* test --junit FILE */
	vs_traffic traffic;
	unsigned jobs;        /* site -j N; 0: the number of cores */
	unsigned shard_k, shard_n; /* site --shard K/N */
	char **providers;     /* --provider, repeatable: traffic.providers points here */
	size_t n_providers;
	bool explain;
	bool strict;
	bool json;
	const char *has;
	const char *creator;  /* list --creator */
	bool list_providers;  /* list --providers */
	uint64_t min_context;
	bool open;
	bool quiet;           /* site, import -q */
	bool dry_run;         /* import */
	const char *into;     /* import --into DIR: the result goes there, the catalog is untouched */
	bool verbose;
	bool force;
	bool pair;            /* diff --pair A B */
	bool all;             /* diff --all */
	bool exit_code;       /* diff --exit-code */
	/* positional arguments after the command */
	char **args;
	size_t n_args;
	char **owned;         /* strings made here (absolute paths), freed at exit */
	size_t n_owned;
	/* the real standard output: fd 1 itself points at stderr while plugins run */
	FILE *out;
	bool out_is_tty;
	cli_session *session; /* what the command's row asked for (vs_needs), or NULL */
} vs_cli;

typedef int (*vs_command_fn)(vs_cli *c);

/* How an option's value is checked and where it goes (options.c applies it). */
typedef enum vs_option_kind {
	VS_OPT_NONE,   /* --help, --version: main.c acts on them as it reads them */
	VS_OPT_FLAG,   /* a bool of vs_cli becomes true */
	VS_OPT_STRING, /* a const char * of vs_cli is the value */
	VS_OPT_LIST,   /* repeatable: the value is added to a char ** list and its count */
	VS_OPT_COUNT,  /* a uint64_t: plain decimal digits, at most 2^53 */
	VS_OPT_RANGE,  /* an unsigned: a whole number from 1 to the row's max */
	VS_OPT_SHARE,  /* a double from 0 to 1 */
	VS_OPT_ENUM,   /* a const char *: one of the words cli_arg_values(arg) lists */
	VS_OPT_CUSTOM  /* the row's set() checks and stores it */
} vs_option_kind;

typedef struct vs_option {
	const char *name;     /* "--requests" */
	const char *shortname; /* "-f" or NULL */
	const char *arg;      /* "N", "FILE" or NULL for a flag */
	const char *help;
	vs_option_kind kind;
	size_t at;            /* offsetof(vs_cli, the field it sets) */
	size_t count_at;      /* VS_OPT_LIST: offsetof(vs_cli, the list's count) */
	uint64_t max;         /* VS_OPT_RANGE */
	const char *bad[2];   /* VS_OPT_ENUM: the usage error around another word */
	/* VS_OPT_CUSTOM: check and store val; 0, or the exit status of a usage error (prefix:
	** "COMMAND " for the message). */
	int (*set)(vs_cli *c, const char *prefix, char *val);
} vs_option;

/* The options of a command: up to VS_OPTION_PARTS tables ({NULL}-ended), in help order, so
** that rows several commands share (the traffic options) are one table they all list. */
#define VS_OPTION_PARTS 3
typedef struct vs_options {
	const vs_option *part[VS_OPTION_PARTS];
} vs_options;

/* Each option o of the vs_options *set, in order. */
#define VS_EACH_OPTION(o, set) \
	for (size_t o##_part = 0; (set) && o##_part < VS_OPTION_PARTS; o##_part++) \
		for (const vs_option *o = (set)->part[o##_part]; o && o->name; o++)

/* What main.c opens for a command before running it, so no command opens or closes it. */
typedef enum vs_needs {
	VS_NEEDS_NOTHING,  /* it loads what it uses itself (schema, test, import, diff, help) */
	VS_NEEDS_CATALOG,  /* plugins, the catalog, the capability checks' answers */
	VS_NEEDS_ENGINE,   /* those and the rules compiled */
	VS_NEEDS_UNCHECKED /* the engine without the checks run, and run even when loading failed
	                   ** after the catalog (check: it runs every check and says what failed) */
} vs_needs;

typedef struct vs_command {
	const char *name;
	const char *usage;    /* "compare A B [OPTIONS]" */
	const char *summary;
	vs_options options;
	int min_args, max_args;
	vs_command_fn run;
	vs_needs needs;
} vs_command;

/* The commands (cli.c, cli_import.c): each returns an exit status of vs_exit. */
int cmd_compare(vs_cli *c);
int cmd_diff(vs_cli *c);
int cmd_site(vs_cli *c);
int cmd_check(vs_cli *c);
int cmd_list(vs_cli *c);
int cmd_show(vs_cli *c);
int cmd_rules(vs_cli *c);
int cmd_plugins(vs_cli *c);
int cmd_schema(vs_cli *c);
int cmd_test(vs_cli *c);
int cmd_import(vs_cli *c);

/* Open what a command runs on: plugins, the catalog, the rules when need_engine, the checks'
** answers when run_checks.  Returns (and keeps in s->opened) an exit status; problems that
** stop it are printed.  Close it whatever it returned. */
int cli_session_open(vs_cli *c, cli_session *s, bool need_engine, bool run_checks);
void cli_session_close(cli_session *s);

/* fprintf(stderr, ...) for messages that carry data (file names, record strings): control
** characters other than the newlines of the message itself are written as \xNN. */
void eprintf_clean(const char *fmt, ...) VS_PRINTF(1, 2);

/* commands.c: the command table, which --help, the parser and completion read */
extern const vs_command vs_commands[];
extern const vs_options vs_global_options;

const vs_command *cli_find_command(const char *name);
void cli_print_help(FILE *f, const vs_command *cmd);

/* options.c: the option kinds applied, and the words of a value */

/* "versus: MESSAGE" and "Run 'versus CMD --help' for usage." on stderr; VS_EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) VS_PRINTF(2, 3);
/* Check val by o's kind and store it; 0, or the exit status of a usage error. */
int cli_apply_option(vs_cli *c, const vs_command *cmd, const vs_option *o, char *val);
/* The option of set called arg[0..len) (long or short name), or NULL. */
const vs_option *cli_find_option(const vs_options *set, const char *arg, size_t len);
/* The VS_OPT_CUSTOM setters: -f FMT, --shard K/N, --provider NAME (repeatable), --site-url
** URL. */
int cli_set_format(vs_cli *c, const char *prefix, char *val);
int cli_set_shard(vs_cli *c, const char *prefix, char *val);
int cli_set_provider(vs_cli *c, const char *prefix, char *val);
int cli_set_site_url(vs_cli *c, const char *prefix, char *val);

/* The words a value named by this metavar takes ("FMT": "md html text json"), or NULL when
** it is not a fixed list.  The parser checks values against it; completion offers them. */
const char *cli_arg_values(const char *metavar);
/* Is word one of the values of metavar? */
bool cli_arg_allows(const char *metavar, const char *word);

/* completion.c: the bash, zsh or fish completion script for the table of commands and the
** global options; -1 for another shell. */
int cli_completion_script(FILE *f, const char *shell, const vs_command *commands,
                          const vs_options *globals);

#endif
