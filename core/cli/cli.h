/*
** cli.h — the commands of cli.md.  main.c parses the command line into a vs_cli and calls
** the command; each command returns an exit status of the vs_exit enum.
*/
#ifndef VERSUS_CLI_H
#define VERSUS_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cost.h"

typedef enum vs_exit {
	VS_EXIT_OK = 0,
	VS_EXIT_PROBLEMS = 1, /* check found some; rule diagnostics under --strict */
	VS_EXIT_USAGE = 2,    /* unknown command or option, bad number */
	VS_EXIT_DATA = 3,     /* unknown model, invalid record, no catalog */
	VS_EXIT_SYSTEM = 4    /* a file could not be read or written, a plugin could not load */
} vs_exit;

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
} vs_cli;

typedef int (*vs_command_fn)(vs_cli *c);

typedef struct vs_option {
	const char *name;     /* "--requests" */
	const char *shortname; /* "-f" or NULL */
	const char *arg;      /* "N", "FILE" or NULL for a flag */
	const char *help;
} vs_option;

typedef struct vs_command {
	const char *name;
	const char *usage;    /* "compare A B [OPTIONS]" */
	const char *summary;
	const vs_option *options;
	int min_args, max_args;
	vs_command_fn run;
} vs_command;

/* cli_import.c */
int cmd_import(vs_cli *c);

extern const vs_command vs_commands[];
extern const vs_option vs_global_options[];

const vs_command *cli_find_command(const char *name);
void cli_print_help(FILE *f, const vs_command *cmd);

/* The words a value named by this metavar takes ("FMT": "md html text json"), or NULL when
** it is not a fixed list.  The parser checks values against it; completion offers them. */
const char *cli_arg_values(const char *metavar);
/* Is word one of the values of metavar? */
bool cli_arg_allows(const char *metavar, const char *word);

/* completion.c: the bash, zsh or fish completion script for the table; -1 for another
** shell. */
int cli_completion_script(FILE *f, const char *shell);

#endif
