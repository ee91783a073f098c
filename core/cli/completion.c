/*
** completion.c — `versus completion bash|zsh|fish`: shell completion scripts written from
** the option table (commands.c's vs_commands and vs_global_options, passed in), so they
** cannot drift from the parser.  The scripts in completion/ are this output, committed and installed;
** tests/cli/completion_test.sh checks they are in step and drives each shell.
**
** What each script knows comes from the table: the commands and their summaries, each
** command's options with their help, which take a value (and its metavar), and the
** positional arguments named in a command's usage ("compare A B", "test [FILE...]").
** A metavar says how to complete a value:
**   A, B, ID     model ids: `versus list`, run with the --data, --rules and --plugins
**                already on the line
**   CAPABILITY   capability ids: `versus plugins`, the same way
**   PROVIDER     provider names ("Azure OpenAI"): `versus list --providers`, the same way
**   DIR          directories;  FILE  files (.lua after test, .json after import)
**   COMMAND      the commands
**   FMT, WHEN, FORMAT, SHELL   the words of cli_arg_values()
**   anything else (N, F, NAME, URL, K/N)   no completion
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "util.h"

/* The table the script is written from (cli_completion_script's arguments): passed in, so
** this file needs nothing of the commands it completes. */
static const vs_command *commands;
static const vs_options *globals;

/* {====== What the table says */

typedef enum kind {
	K_NONE,
	K_MODEL,
	K_CAPABILITY,
	K_PROVIDER,
	K_DIR,
	K_FILE,
	K_COMMAND,
	K_WORDS
} kind;

static kind kind_of(const char *metavar)
{
	if (!metavar)
		return K_NONE;
	if (!strcmp(metavar, "A") || !strcmp(metavar, "B") || !strcmp(metavar, "ID"))
		return K_MODEL;
	if (!strcmp(metavar, "CAPABILITY"))
		return K_CAPABILITY;
	if (!strcmp(metavar, "PROVIDER"))
		return K_PROVIDER;
	if (!strcmp(metavar, "DIR"))
		return K_DIR;
	if (!strcmp(metavar, "FILE"))
		return K_FILE;
	if (!strcmp(metavar, "COMMAND"))
		return K_COMMAND;
	return cli_arg_values(metavar) ? K_WORDS : K_NONE;
}

/* The extension the files of a command's positional FILE arguments have, or NULL. */
static const char *positional_ext(const vs_command *cmd)
{
	return !strcmp(cmd->name, "test") ? "lua" : !strcmp(cmd->name, "import") ? "json" : NULL;
}

static const vs_option *option_named(const vs_command *cmd, const char *name)
{
	const vs_options *lists[2] = {cmd ? &cmd->options : NULL, globals};
	for (int l = 0; l < 2; l++)
		VS_EACH_OPTION(o, lists[l])
			if (!strcmp(o->name, name) || (o->shortname && !strcmp(o->shortname, name)))
				return o;
	return NULL;
}

/* A command's positional arguments, from its usage ("import FORMAT FILE... [-o DIR]"):
** metavars in order; *repeat says whether the last one repeats ("FILE..."). */
#define MAX_POSITIONAL 4
static size_t positionals(const vs_command *cmd, char out[MAX_POSITIONAL][64], bool *repeat)
{
	size_t n = 0;
	*repeat = false;
	char *copy = xstrdup(cmd->usage), *save = NULL;
	bool skip_value = false, first = true;
	for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char word[64];
		size_t k = 0;
		for (const char *p = tok; *p && k + 1 < sizeof word; p++)
			if (*p != '[' && *p != ']')
				word[k++] = *p;
		word[k] = '\0';
		if (first) { /* the command's name */
			first = false;
			continue;
		}
		if (skip_value) {
			skip_value = false;
			continue;
		}
		if (word[0] == '-') {
			const vs_option *o = option_named(cmd, word);
			skip_value = o && o->arg;
			continue;
		}
		bool dots = k > 3 && !strcmp(word + k - 3, "...");
		if (dots)
			word[k - 3] = '\0';
		if (!strcmp(word, "OPTIONS") || !strcmp(word, "TRAFFIC") || !word[0] || n == MAX_POSITIONAL)
			continue;
		snprintf(out[n++], sizeof out[0], "%s", word);
		*repeat = dots;
	}
	free(copy);
	return n;
}

/* Every option name, long and short, that takes a value, global or of any command, with
** sep between them. */
static void put_valued(FILE *f, const char *sep)
{
	const vs_options *lists[64];
	size_t n = 0;
	vs_strv seen = {0};
	lists[n++] = globals;
	for (const vs_command *c = commands; c->name && n < VS_ARRAY_LEN(lists); c++)
		lists[n++] = &c->options;
	for (size_t l = 0; l < n; l++)
		VS_EACH_OPTION(o, lists[l]) {
			const char *names[2] = {o->name, o->shortname};
			for (int k = 0; k < 2 && o->arg; k++) {
				bool dup = !names[k];
				for (size_t i = 0; i < seen.n && !dup; i++)
					dup = !strcmp(seen.v[i], names[k]);
				if (!dup) {
					fprintf(f, "%s%s", seen.n ? sep : "", names[k]);
					strv_push(&seen, names[k]);
				}
			}
		}
	strv_free(&seen);
}

/* Call fn for each positional argument of cmd: its index, whether it is the last and
** repeats ("FILE..."), its metavar. */
typedef void (*positional_fn)(FILE *f, const vs_command *cmd, size_t i, bool repeats,
                              const char *metavar);
static void each_positional(FILE *f, const vs_command *cmd, positional_fn fn)
{
	char pos[MAX_POSITIONAL][64];
	bool repeat;
	size_t n = positionals(cmd, pos, &repeat);
	for (size_t i = 0; i < n; i++)
		fn(f, cmd, i, repeat && i == n - 1, pos[i]);
}

/* }====== */

/* {====== bash */

/* How one shell completes each kind of value; in file_ext and words, "%s" stands for the
** extension and the words. */
typedef struct shell_actions {
	const char *none, *model, *capability, *provider, *dir, *file, *file_ext, *command, *words;
} shell_actions;

static const shell_actions bash_actions = {
	":", "_versus_models", "_versus_capabilities", "_versus_providers", "_versus_files -d",
	"_versus_files",
	"_versus_files %s", "_versus_words \"$_versus_commands\"", "_versus_words \"%s\"",
};
static const shell_actions zsh_actions = {
	" ", "_versus_models", "_versus_capabilities", "_versus_providers", "_files -/", "_files", "_files -g \"*.%s\"",
	"_versus_commands", "(%s)",
};
static const shell_actions fish_actions = {
	" -f", " -f -a '(__versus_models)'", " -f -a '(__versus_capabilities)'",
	" -f -a '(__versus_providers)'",
	" -f -a '(__fish_complete_directories (commandline -ct) \"\")'", " -F",
	" -f -a '(__versus_files %s)'", " -f -a '(__versus_commands)'", " -f -a '%s'",
};

/* Write template with its one "%s" replaced by arg. */
static void put_with(FILE *f, const char *template, const char *arg)
{
	const char *at = strstr(template, "%s");
	fwrite(template, 1, (size_t)(at - template), f);
	fputs(arg, f);
	fputs(at + 2, f);
}

/* What completes a value of kind k (metavar names its words): for a positional argument of
** cmd, files of the command's extension. */
static void put_action(FILE *f, const shell_actions *a, const vs_command *cmd, kind k,
                       const char *metavar, bool positional)
{
	const char *ext = positional && cmd ? positional_ext(cmd) : NULL;
	switch (k) {
	case K_NONE: fputs(a->none, f); break;
	case K_MODEL: fputs(a->model, f); break;
	case K_CAPABILITY: fputs(a->capability, f); break;
	case K_PROVIDER: fputs(a->provider, f); break;
	case K_DIR: fputs(a->dir, f); break;
	case K_FILE:
		if (ext)
			put_with(f, a->file_ext, ext);
		else
			fputs(a->file, f);
		break;
	case K_COMMAND: fputs(a->command, f); break;
	case K_WORDS: put_with(f, a->words, cli_arg_values(metavar)); break;
	}
}


/* The case arms for "$cmd:$prev" of one option list: how a value completes. */
static void bash_value_arms(FILE *f, const char *cmd, const vs_options *opts)
{
	VS_EACH_OPTION(o, opts) {
		if (!o->arg)
			continue;
		fprintf(f, "\t\t%s:%s", cmd, o->name);
		if (o->shortname)
			fprintf(f, "|%s:%s", cmd, o->shortname);
		fputs(") ", f);
		put_action(f, &bash_actions, NULL, kind_of(o->arg), o->arg, false);
		fputs("; return ;;\n", f);
	}
}

static void bash_long_names(FILE *f, const vs_options *opts)
{
	bool first = true;
	VS_EACH_OPTION(o, opts) {
		fprintf(f, "%s%s", first ? "" : " ", o->name);
		first = false;
	}
}

static void bash_positional(FILE *f, const vs_command *c, size_t i, bool repeats,
                            const char *metavar)
{
	if (kind_of(metavar) == K_NONE)
		return;
	if (repeats)
		fprintf(f, "\t\t%s:*) ", c->name);
	else
		fprintf(f, "\t\t%s:%zu) ", c->name, i);
	put_action(f, &bash_actions, c, kind_of(metavar), metavar, true);
	fputs(" ;;\n", f);
}

/* The shell functions the completion calls: files, words, versus itself, models,
** capabilities and providers. */
static void bash_helpers(FILE *f)
{
	fputs("# Directories (-d) or files (ending .EXT when given).\n"
	      "_versus_files()\n{\n"
	      "\tif declare -F _filedir >/dev/null; then\n"
	      "\t\t_filedir \"$@\"\n"
	      "\t\treturn\n"
	      "\tfi\n"
	      "\tcompopt -o filenames 2>/dev/null\n"
	      "\tlocal IFS=$'\\n'\n"
	      "\tif [[ $1 == -d ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -d -- \"$cur\"))\n"
	      "\telif [[ -n $1 ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -d -- \"$cur\") $(compgen -f -X \"!*.$1\" -- \"$cur\"))\n"
	      "\telse\n"
	      "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	      "\tfi\n}\n\n", f);
	fputs("_versus_words()\n{\n\tCOMPREPLY=($(compgen -W \"$1\" -- \"$cur\"))\n}\n\n", f);
	fputs("# versus as typed on this line, with the --data, --rules and --plugins given there.\n"
	      "_versus_run()\n{\n"
	      "\tlocal exe=${words[0]}\n"
	      "\t[[ $exe == \"~/\"* ]] && exe=$HOME/${exe#\"~/\"}\n"
	      "\t\"$exe\" \"${_versus_where[@]}\" \"$@\" 2>/dev/null\n}\n\n", f);
	fputs("_versus_models()\n{\n"
	      "\t_versus_words \"$(_versus_run list | cut -d' ' -f1)\"\n}\n\n", f);
	fputs("_versus_capabilities()\n{\n"
	      "\t_versus_words \"$(_versus_run plugins | awk '$1 == \"capability\" { print $2 }')\"\n"
	      "}\n\n", f);
	fputs("# Provider names hold spaces (\"Azure OpenAI\"): one a line, quoted for the line.\n"
	      "_versus_providers()\n{\n"
	      "\tlocal IFS=$'\\n' p\n"
	      "\tCOMPREPLY=()\n"
	      "\tfor p in $(compgen -W \"$(_versus_run list --providers)\" -- \"$cur\"); do\n"
	      "\t\tCOMPREPLY+=(\"$(printf '%q' \"$p\")\")\n"
	      "\tdone\n}\n\n", f);
}

/* _versus's start: the line's words, then the command, its argument count and the catalog
** options found on the line, and the value of the option before the cursor. */
static void bash_scan_line(FILE *f)
{
	fputs("_versus()\n{\n"
	      "\tlocal cur prev words cword\n"
	      "\tif declare -F _init_completion >/dev/null; then\n"
	      "\t\t_init_completion || return\n"
	      "\telse\n"
	      "\t\tCOMPREPLY=()\n"
	      "\t\twords=(\"${COMP_WORDS[@]}\")\n"
	      "\t\tcword=$COMP_CWORD\n"
	      "\t\tcur=${COMP_WORDS[COMP_CWORD]}\n"
	      "\t\tprev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tfi\n"
	      "\t# --opt=VALUE: bash splits the word at '='.\n"
	      "\t[[ $cur == = ]] && cur=\"\"\n"
	      "\t[[ $prev == = ]] && prev=${words[cword-2]}\n"
	      "\t# The command, how many arguments it has so far, and the catalog options given.\n"
	      "\tlocal cmd=\"\" npos=0 i w\n"
	      "\tlocal -a _versus_where=()\n"
	      "\tfor ((i = 1; i < cword; i++)); do\n"
	      "\t\tw=${words[i]}\n"
	      "\t\tcase $w in\n\t\t", f);
	put_valued(f, "|"); /* whichever command the option belongs to */
	fputs(")\n"
	      "\t\t\t[[ ${words[i+1]} == = ]] && ((i++))\n"
	      "\t\t\t((i++))\n"
	      "\t\t\tcase $w in\n"
	      "\t\t\t--data|--rules|--plugins)\n"
	      "\t\t\t\tlocal v=${words[i]}\n"
	      "\t\t\t\t[[ $v == \"~/\"* ]] && v=$HOME/${v#\"~/\"}\n"
	      "\t\t\t\t_versus_where+=(\"$w\" \"$v\") ;;\n"
	      "\t\t\tesac ;;\n"
	      "\t\t--data=*|--rules=*|--plugins=*) _versus_where+=(\"$w\") ;;\n"
	      "\t\t-*) ;;\n"
	      "\t\t*) if [[ -z $cmd ]]; then cmd=$w; else ((npos++)); fi ;;\n"
	      "\t\tesac\n"
	      "\tdone\n\n"
	      "\t# A value of the option before the cursor.\n"
	      "\tcase $cmd:$prev in\n", f);
	for (const vs_command *c = commands; c->name; c++)
		bash_value_arms(f, c->name, &c->options);
	bash_value_arms(f, "*", globals);
	fputs("\tesac\n\n"
	      "\tif [[ $cur == -* ]]; then\n"
	      "\t\tcase $cmd in\n", f);
}

/* _versus's end: an option name after '-', else the command or its next argument. */
static void bash_names_and_arguments(FILE *f)
{
	for (const vs_command *c = commands; c->name; c++) {
		if (!c->options.part[0])
			continue;
		fprintf(f, "\t\t%s) _versus_words \"", c->name);
		bash_long_names(f, &c->options);
		fputc(' ', f);
		bash_long_names(f, globals);
		fputs("\" ;;\n", f);
	}
	fputs("\t\t*) _versus_words \"", f);
	bash_long_names(f, globals);
	fputs("\" ;;\n\t\tesac\n\t\treturn\n\tfi\n\n"
	      "\t# The command, then its arguments.\n"
	      "\tcase $cmd:$npos in\n"
	      "\t\t:*) _versus_words \"$_versus_commands\" ;;\n", f);
	for (const vs_command *c = commands; c->name; c++)
		each_positional(f, c, bash_positional);
	fputs("\tesac\n}", f);
}

static void write_bash(FILE *f)
{
	fputs("# bash completion for versus                                  -*- shell-script -*-\n"
	      "# Written by `versus completion bash` from the option table (core/cli/commands.c): do not edit;\n"
	      "# tests/cli/completion_test.sh checks it is in step.  Works with the bash-completion\n"
	      "# package and without it (source it from ~/.bashrc).\n\n", f);
	fputs("_versus_commands=\"", f);
	for (const vs_command *c = commands; c->name; c++)
		fprintf(f, "%s%s", c == commands ? "" : " ", c->name);
	fputs("\"\n\n", f);
	bash_helpers(f);
	bash_scan_line(f);
	bash_names_and_arguments(f);
	fputs(" &&\n\tcomplete -F _versus versus\n", f);
}

/* }====== */

/* {====== zsh */

/* Text inside '...' for zsh: ' closed and reopened; in a [description], brackets and ':'
** escaped. */
static void zsh_text(FILE *f, const char *s, bool in_brackets)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else if (in_brackets && (*s == '[' || *s == ']' || *s == ':' || *s == '\\'))
			fprintf(f, "\\%c", *s);
		else
			fputc(*s, f);
	}
}

static void zsh_options(FILE *f, const vs_command *cmd, const vs_options *opts, const char *indent)
{
	VS_EACH_OPTION(o, opts) {
		/* --help and --version end the line; a value option may repeat (--rules, --provider) */
		bool final = !strcmp(o->name, "--help") || !strcmp(o->name, "--version");
		fprintf(f, " \\\n%s'", indent);
		if (final)
			fputs("(- *)", f);
		else if (o->shortname)
			fprintf(f, "(%s %s)", o->shortname, o->name);
		else if (o->arg)
			fputc('*', f);
		if (o->shortname)
			fprintf(f, "'{%s%s,%s%s}'", o->shortname, o->arg ? "+" : "", o->name, o->arg ? "=" : "");
		else
			fprintf(f, "%s%s", o->name, o->arg ? "=" : "");
		fputc('[', f);
		zsh_text(f, o->help, true);
		fputc(']', f);
		if (o->arg) {
			fputc(':', f);
			zsh_text(f, o->arg, false);
			fputc(':', f);
			put_action(f, &zsh_actions, cmd, kind_of(o->arg), o->arg, false);
		}
		fputc('\'', f);
	}
}

static void zsh_positional(FILE *f, const vs_command *c, size_t i, bool repeats,
                           const char *metavar)
{
	if (repeats)
		fputs(" \\\n\t\t\t\t'*:", f);
	else
		fprintf(f, " \\\n\t\t\t\t'%zu:", i + 1);
	zsh_text(f, metavar, false);
	fputc(':', f);
	put_action(f, &zsh_actions, c, kind_of(metavar), metavar, true);
	fputc('\'', f);
}

static void write_zsh(FILE *f)
{
	fputs("#compdef versus\n"
	      "# zsh completion for versus, written by `versus completion zsh` from the option table\n"
	      "# (core/cli/commands.c): do not edit; tests/cli/completion_test.sh checks it is in step.\n"
	      "# Install it as _versus in a directory of $fpath, or source it in a zsh:\n"
	      "#     source <(versus completion zsh)\n\n", f);
	fputs("# versus as typed on this line, with the --data, --rules and --plugins given there.\n"
	      "_versus_run() {\n"
	      "\tlocal -a where\n"
	      "\tlocal i\n"
	      "\tfor (( i = 2; i <= $#_versus_line; i++ )); do\n"
	      "\t\tcase $_versus_line[i] in\n"
	      "\t\t\t--data|--rules|--plugins) where+=($_versus_line[i] ${~_versus_line[i+1]}) ;;\n"
	      "\t\t\t--data=*|--rules=*|--plugins=*) where+=(${~_versus_line[i]}) ;;\n"
	      "\t\tesac\n"
	      "\tdone\n"
	      "\t${~_versus_line[1]} $where \"$@\" 2>/dev/null\n"
	      "}\n\n"
	      "_versus_models() {\n"
	      "\tlocal -a ids\n"
	      "\tids=(${(f)\"$(_versus_run list | cut -d' ' -f1)\"})\n"
	      "\t_wanted models expl model compadd -a ids\n"
	      "}\n\n"
	      "_versus_capabilities() {\n"
	      "\tlocal -a ids\n"
	      "\tids=(${(f)\"$(_versus_run plugins | awk '$1 == \"capability\" { print $2 }')\"})\n"
	      "\t_wanted capabilities expl capability compadd -a ids\n"
	      "}\n\n"
	      "_versus_providers() {\n"
	      "\tlocal -a names\n"
	      "\tnames=(${(f)\"$(_versus_run list --providers)\"})\n"
	      "\t_wanted providers expl provider compadd -a names\n"
	      "}\n\n"
	      "_versus_commands() {\n"
	      "\tlocal -a commands\n"
	      "\tcommands=(", f);
	for (const vs_command *c = commands; c->name; c++) {
		fprintf(f, "\n\t\t'%s:", c->name);
		zsh_text(f, c->summary, false);
		fputc('\'', f);
	}
	fputs("\n\t)\n"
	      "\t_describe -t commands 'versus command' commands\n"
	      "}\n\n", f);
	fputs("_versus() {\n"
	      "\tlocal curcontext=$curcontext state state_descr line ret=1\n"
	      "\tlocal -A opt_args\n"
	      "\tlocal -a _versus_line\n"
	      "\t_versus_line=(\"${words[@]}\")\n"
	      "\t_arguments -C", f);
	zsh_options(f, NULL, globals, "\t\t");
	fputs(" \\\n\t\t'1:command:_versus_commands' \\\n"
	      "\t\t'*::argument:->argument' && ret=0\n"
	      "\tcase $state in\n"
	      "\targument)\n"
	      "\t\tcurcontext=${curcontext%:*:*}:versus-$words[1]:\n"
	      "\t\tcase $words[1] in\n", f);
	for (const vs_command *c = commands; c->name; c++) {
		fprintf(f, "\t\t%s)\n\t\t\t_arguments -s", c->name);
		zsh_options(f, c, &c->options, "\t\t\t\t");
		zsh_options(f, c, globals, "\t\t\t\t");
		each_positional(f, c, zsh_positional);
		fputs(" && ret=0 ;;\n", f);
	}
	fputs("\t\tesac ;;\n"
	      "\tesac\n"
	      "\treturn ret\n"
	      "}\n\n", f);
	/* Autoloaded from $fpath, this file is the body of _versus, run to complete a line:
	 * funcstack[1] is "_versus".  Sourced, funcstack[1] is the file, and calling _arguments
	 * outside completion fails ("can only be called from completion function"): register
	 * the function instead, starting the completion system when the shell has not (compdef
	 * comes with compinit; -i skips insecure directories rather than asking). */
	fputs("# From $fpath: complete this line.  Sourced: register _versus for versus.\n"
	      "if [[ $funcstack[1] == _versus ]]; then\n"
	      "\t_versus \"$@\"\n"
	      "else\n"
	      "\t(( $+functions[compdef] )) || { autoload -Uz compinit && compinit -i; }\n"
	      "\tcompdef _versus versus\n"
	      "fi\n", f);
}

/* }====== */

/* {====== fish */

static void fish_text(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

static void fish_options(FILE *f, const vs_command *cmd, const vs_options *opts)
{
	VS_EACH_OPTION(o, opts) {
		fputs("complete -c versus", f);
		if (cmd)
			fprintf(f, " -n '__versus_at %s \\*'", cmd->name);
		if (o->shortname)
			fprintf(f, " -s %s", o->shortname + 1);
		fprintf(f, " -l %s", o->name + 2);
		if (o->arg) {
			fputs(" -r", f);
			put_action(f, &fish_actions, cmd, kind_of(o->arg), o->arg, false);
		}
		fputs(" -d ", f);
		fish_text(f, o->help);
		fputc('\n', f);
	}
}

static void fish_positional(FILE *f, const vs_command *c, size_t i, bool repeats,
                            const char *metavar)
{
	if (kind_of(metavar) == K_NONE)
		return;
	fprintf(f, "complete -c versus -n '__versus_at %s %zu%s'", c->name, i, repeats ? "+" : "");
	put_action(f, &fish_actions, c, kind_of(metavar), metavar, true);
	fputc('\n', f);
}

/* __versus_state and __versus_at: where the cursor is, as the command and its argument
** count. */
static void fish_position(FILE *f)
{
	fputs("# The command on the line and how many arguments it has so far: \"compare 1\".\n"
	      "function __versus_state\n"
	      "    set -l tokens (commandline -opc)\n"
	      "    set -l cmd ''\n"
	      "    set -l npos 0\n"
	      "    set -l skip 0\n"
	      "    for t in $tokens[2..-1]\n"
	      "        if test $skip = 1\n"
	      "            set skip 0\n"
	      "            continue\n"
	      "        end\n"
	      "        switch $t\n"
	      "            case ", f);
	put_valued(f, " ");
	fputs("\n"
	      "                set skip 1\n"
	      "            case '-*'\n"
	      "            case '*'\n"
	      "                if test -z \"$cmd\"\n"
	      "                    set cmd $t\n"
	      "                else\n"
	      "                    set npos (math $npos + 1)\n"
	      "                end\n"
	      "        end\n"
	      "    end\n"
	      "    echo $cmd $npos\n"
	      "end\n\n", f);
	fputs("# __versus_at CMD N: the cursor is at argument N (from 0; N+ for N or later; * for any)\n"
	      "# of command CMD ('' for no command yet).\n"
	      "function __versus_at\n"
	      "    set -l s (string split ' ' -- (__versus_state))\n"
	      "    test \"$s[1]\" = \"$argv[1]\"; or return 1\n"
	      "    switch $argv[2]\n"
	      "        case '*+'\n"
	      "            test $s[2] -ge (string trim -r -c + -- $argv[2])\n"
	      "        case '\\*'\n"
	      "            return 0\n"
	      "        case '*'\n"
	      "            test $s[2] = $argv[2]\n"
	      "    end\n"
	      "end\n\n", f);
}

/* __versus_run and the functions that ask versus (or the file system) for values. */
static void fish_helpers(FILE *f)
{
	fputs("# versus as typed on this line, with the --data, --rules and --plugins given there.\n"
	      "function __versus_run\n"
	      "    set -l tokens (commandline -opc)\n"
	      "    set -l where\n"
	      "    set -l n (count $tokens)\n"
	      "    for i in (seq 2 $n)\n"
	      "        switch $tokens[$i]\n"
	      "            case --data --rules --plugins\n"
	      "                if test $i -lt $n\n"
	      "                    set -a where $tokens[$i] (string replace -r '^~/' \"$HOME/\" -- $tokens[(math $i + 1)])\n"
	      "                end\n"
	      "            case '--data=*' '--rules=*' '--plugins=*'\n"
	      "                set -a where $tokens[$i]\n"
	      "        end\n"
	      "    end\n"
	      "    set -l exe (string replace -r '^~/' \"$HOME/\" -- $tokens[1])\n"
	      "    $exe $where $argv 2>/dev/null\n"
	      "end\n\n"
	      "# Files ending in .EXT, and directories, under what is typed: fish's own\n"
	      "# __fish_complete_suffix offers every other file too.\n"
	      "function __versus_files --argument-names ext\n"
	      "    for f in (commandline -ct)*\n"
	      "        if test -d $f\n"
	      "            echo $f/\n"
	      "        else if string match -q -- \"*.$ext\" $f\n"
	      "            echo $f\n"
	      "        end\n"
	      "    end\n"
	      "end\n\n"
	      "function __versus_models\n"
	      "    __versus_run list | string replace -r ' .*' ''\n"
	      "end\n\n"
	      "function __versus_capabilities\n"
	      "    __versus_run plugins | string replace -r -f '^  capability +(\\S+).*' '$1'\n"
	      "end\n\n"
	      "function __versus_providers\n"
	      "    __versus_run list --providers\n"
	      "end\n\n"
	      "function __versus_commands\n", f);
}

static void write_fish(FILE *f)
{
	fputs("# fish completion for versus, written by `versus completion fish` from the option\n"
	      "# table (core/cli/commands.c): do not edit; tests/cli/completion_test.sh checks it is in step.\n\n", f);
	fish_position(f);
	fish_helpers(f);
	for (const vs_command *c = commands; c->name; c++) {
		fprintf(f, "    printf '%%s\\t%%s\\n' %s ", c->name);
		fish_text(f, c->summary);
		fputc('\n', f);
	}
	fputs("end\n\n"
	      "complete -c versus -f\n"
	      "complete -c versus -n '__versus_at \"\" 0' -a '(__versus_commands)'\n", f);
	fish_options(f, NULL, globals);
	for (const vs_command *c = commands; c->name; c++) {
		fish_options(f, c, &c->options);
		each_positional(f, c, fish_positional);
	}
}

/* }====== */

int cli_completion_script(FILE *f, const char *shell, const vs_command *table,
                          const vs_options *global_options)
{
	commands = table;
	globals = global_options;
	if (!strcmp(shell, "bash"))
		write_bash(f);
	else if (!strcmp(shell, "zsh"))
		write_zsh(f);
	else if (!strcmp(shell, "fish"))
		write_fish(f);
	else
		return -1;
	return 0;
}
