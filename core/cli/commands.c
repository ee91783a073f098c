/*
** commands.c — the command table: each command's usage, summary, options and run function,
** and the option rows with their kinds and fields (options.c applies them).  --help, the
** parser, the man page and completion read this table; a new option is one row here.
*/
#include <stddef.h>
#include <string.h>

#include "cli.h"
#include "config.h"

#define AT(field) offsetof(vs_cli, field)

static int cmd_completion(vs_cli *c)
{
	if (cli_completion_script(c->out, c->args[0], vs_commands, &vs_global_options) != 0) {
		eprintf_clean("versus: completion: unknown shell '%s' (%s)\nRun 'versus completion "
		              "--help' for usage.\n", c->args[0], cli_arg_values("SHELL"));
		return VS_EXIT_USAGE;
	}
	return VS_EXIT_OK;
}

static int cmd_help(vs_cli *c)
{
	(void)c;
	return VS_EXIT_OK; /* handled in main */
}

/* {====== The command table: --help, the man page and completion are checked against it */

static const vs_option global_rows[] = {
	{"--data", NULL, "DIR", "the catalog: DIR/models/*.json (env VERSUS_DATA)", VS_OPT_STRING,
	 .at = AT(data)},
	{"--rules", NULL, "DIR", "add a rules directory; later wins per file (env VERSUS_RULES)",
	 VS_OPT_LIST, .at = AT(rules), .count_at = AT(n_rules)},
	{"--plugins", NULL, "DIR", "add a plugin directory (env VERSUS_PLUGINS)", VS_OPT_LIST,
	 .at = AT(plugins), .count_at = AT(n_plugins)},
	{"--help", "-h", NULL, "show help", .kind = VS_OPT_NONE},
	{"--version", "-V", NULL, "show the version", .kind = VS_OPT_NONE},
	{0},
};

const vs_options vs_global_options = {{global_rows}};

/* The traffic and price options: one table that compare, site and diff list. */
static const vs_option traffic_options[] = {
	{"--requests", NULL, "N", "requests per month (default 100000)", VS_OPT_COUNT,
	 .at = AT(traffic.requests)},
	{"--input-tokens", NULL, "N", "input tokens per request (default 2000)", VS_OPT_COUNT,
	 .at = AT(traffic.input_tokens)},
	{"--output-tokens", NULL, "N", "output tokens per request (default 500)", VS_OPT_COUNT,
	 .at = AT(traffic.output_tokens)},
	{"--cached-share", NULL, "F", "share of input tokens served from cache, 0 to 1 (default 0)",
	 VS_OPT_SHARE, .at = AT(traffic.cached_share)},
	{"--batch", NULL, NULL, "price as batch jobs (routes with a batch discount)", VS_OPT_FLAG,
	 .at = AT(traffic.batch)},
	{"--provider", NULL, "PROVIDER", "only this provider's routes price a model (repeatable)",
	 VS_OPT_CUSTOM, .set = cli_set_provider},
	{"--cheapest", NULL, NULL, "price each model on its cheapest route, not first party or median",
	 VS_OPT_FLAG, .at = AT(traffic.cheapest)},
	{0},
};

/* -f: a name of the format registry; compare and diff say their own help. */
#define FORMAT_ROW(help) \
	{"--format", "-f", "FMT", help, VS_OPT_CUSTOM, .set = cli_set_format}
#define STRICT_ROW \
	{"--strict", NULL, NULL, "exit 1 when any rule or plugin reported a problem", VS_OPT_FLAG, \
	 .at = AT(strict)}

static const vs_option compare_head[] = {
	FORMAT_ROW("md, html, text or json (default: the -o file's extension, else text on a terminal, md in a pipe)"),
	{"--output", "-o", "FILE", "write the report to FILE, atomically", VS_OPT_STRING,
	 .at = AT(output)},
	{0},
};

static const vs_option compare_tail[] = {
	{"--color", NULL, "WHEN", "auto (default: a terminal, TERM not dumb, no NO_COLOR), always or never",
	 VS_OPT_ENUM, .at = AT(color), .bad = {"bad --color '", "': expected auto, always or never"}},
	{"--site-url", NULL, "URL", "link related pairs to the site published at URL (else plain text)",
	 VS_OPT_CUSTOM, .set = cli_set_site_url},
	{"--explain", NULL, NULL, "show the rule or plugin behind each line", VS_OPT_FLAG,
	 .at = AT(explain)},
	STRICT_ROW,
	{0},
};

static const vs_option site_head[] = {
	{"--jobs", "-j", "N", "worker threads (default: the number of cores)", VS_OPT_RANGE,
	 .at = AT(jobs), .max = VS_MAX_JOBS},
	{"--quiet", "-q", NULL, "no plan, progress or summary on stderr; problems only", VS_OPT_FLAG,
	 .at = AT(quiet)},
	{"--shard", NULL, "K/N", "make only shard K of N (pair pages; shard 1 adds the index and model pages)",
	 VS_OPT_CUSTOM, .set = cli_set_shard},
	{"--json", NULL, NULL, "write a JSON report beside each pair page", VS_OPT_FLAG, .at = AT(json)},
	{0},
};

static const vs_option site_tail[] = {STRICT_ROW, {0}};

static const vs_option diff_head[] = {
	FORMAT_ROW("md (default), text or json (docs/diff.schema.json)"),
	{"--output", "-o", "FILE", "write the diff to FILE, atomically", VS_OPT_STRING,
	 .at = AT(output)},
	{0},
};

static const vs_option diff_tail[] = {
	{"--pair", NULL, NULL, "only the pair of the two model ids after OLD NEW", VS_OPT_FLAG,
	 .at = AT(pair)},
	{"--all", NULL, NULL, "every pair whose monthly cost changed, not only changed decisions",
	 VS_OPT_FLAG, .at = AT(all)},
	{"--exit-code", NULL, NULL, "exit 1 when something changed, as git diff does", VS_OPT_FLAG,
	 .at = AT(exit_code)},
	{0},
};

static const vs_option list_options[] = {
	{"--json", NULL, NULL, "print JSON", VS_OPT_FLAG, .at = AT(json)},
	{"--creator", NULL, "NAME", "only models by this creator (or a word of its name: google)",
	 VS_OPT_STRING, .at = AT(creator)},
	{"--providers", NULL, NULL, "the providers of the listed models' routes, one a line",
	 VS_OPT_FLAG, .at = AT(list_providers)},
	{"--has", NULL, "CAPABILITY", "only models whose check answers yes", VS_OPT_STRING,
	 .at = AT(has)},
	{"--min-context", NULL, "N", "only models with a context window of at least N tokens",
	 VS_OPT_COUNT, .at = AT(min_context)},
	{"--open", NULL, NULL, "only open-source and open-weights models", VS_OPT_FLAG, .at = AT(open)},
	{0},
};

static const vs_option show_options[] = {
	{"--json", NULL, NULL, "print JSON", VS_OPT_FLAG, .at = AT(json)},
	{0},
};

/* check, rules and plugins */
static const vs_option json_options[] = {
	{"--json", NULL, NULL, "print JSON, as docs/COMMAND.schema.json describes it", VS_OPT_FLAG,
	 .at = AT(json)},
	{0},
};

static const vs_option import_options[] = {
	{"--output", "-o", "DIR", "write records to DIR/models (default: the data directory)",
	 VS_OPT_STRING, .at = AT(output)},
	{"--dry-run", NULL, NULL, "say what would change; write nothing", VS_OPT_FLAG,
	 .at = AT(dry_run)},
	{"--into", NULL, "DIR", "write the result to a new DIR (a copy of the catalog), not the catalog",
	 VS_OPT_STRING, .at = AT(into)},
	{"--verbose", NULL, NULL, "every merge, skip and kept hand edit, with its reason", VS_OPT_FLAG,
	 .at = AT(verbose)},
	{"--force", NULL, NULL, "overwrite fields edited by hand", VS_OPT_FLAG, .at = AT(force)},
	{"--quiet", "-q", NULL, "no summary or progress on stderr; problems only", VS_OPT_FLAG,
	 .at = AT(quiet)},
	{0},
};

static const vs_option test_options[] = {
	{"--junit", NULL, "FILE", "also write the results as JUnit XML to FILE, atomically",
	 VS_OPT_STRING, .at = AT(junit)},
	{0},
};

const vs_command vs_commands[] = {
	{"compare", "compare A B [OPTIONS]", "The decision report for two models", {{compare_head, traffic_options, compare_tail}},
	 2, 2, cmd_compare, VS_NEEDS_ENGINE},
	{"list", "list [PATTERN] [--json] [--creator NAME] [--has CAPABILITY] [--min-context N] [--open] [--providers]",
	 "The catalog, one model a line, by name; PATTERN filters ids and names",
	 {{list_options}}, 0, 1, cmd_list, VS_NEEDS_CATALOG},
	{"show", "show ID [--json]", "One record as the capability checks see it", {{show_options}},
	 1, 1, cmd_show, VS_NEEDS_CATALOG},
	{"check", "check [--json]", "Validate every record, compile and run every rule once, load every plugin",
	 {{json_options}}, 0, 0, cmd_check, VS_NEEDS_UNCHECKED},
	{"rules", "rules [--json]", "The loaded rules, in order, with where they come from",
	 {{json_options}}, 0, 0, cmd_rules, VS_NEEDS_ENGINE},
	{"plugins", "plugins [--json]", "The loaded plugins and what they provide", {{json_options}},
	 0, 0, cmd_plugins, VS_NEEDS_CATALOG},
	{"schema", "schema", "Print the JSON Schema of a model record", {{NULL}}, 0, 0,
	 cmd_schema, VS_NEEDS_NOTHING},
	{"site", "site DIR [-j N] [--shard K/N] [--json] [-q] [TRAFFIC]",
	 "A static site: an index, a page per model and a page per pair", {{site_head, traffic_options, site_tail}}, 1, 1,
	 cmd_site, VS_NEEDS_CATALOG},
	{"diff", "diff OLD NEW [--pair A B] [--all] [-f FMT] [TRAFFIC]",
	 "What a catalog update does to decisions: changed models and pairs", {{diff_head, traffic_options, diff_tail}},
	 2, 4, cmd_diff, VS_NEEDS_NOTHING},
	{"import", "import FORMAT FILE... [-o DIR] [--dry-run] [--into DIR] [--verbose] [--force] [-q]",
	 "Records from public datasets: openrouter or litellm", {{import_options}}, 2, 64, cmd_import, VS_NEEDS_NOTHING},
	{"test", "test [FILE...] [--junit FILE]",
	 "Run the rule tests: fixture models in, expected statements out (TAP)", {{test_options}}, 0,
	 64, cmd_test, VS_NEEDS_NOTHING},
	{"help", "help [COMMAND]", "Help on a command", {{NULL}}, 0, 1, cmd_help, VS_NEEDS_NOTHING},
	{"completion", "completion SHELL",
	 "Print the bash, zsh or fish completion script (meson install installs all three)",
	 {{NULL}}, 1, 1, cmd_completion, VS_NEEDS_NOTHING},
	{0},
};

const vs_command *cli_find_command(const char *name)
{
	for (const vs_command *c = vs_commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void print_options(FILE *f, const vs_options *opts)
{
	VS_EACH_OPTION(o, opts) {
		char left[64];
		snprintf(left, sizeof left, "%s%s%s%s%s", o->shortname ? o->shortname : "",
		         o->shortname ? ", " : "", o->name, o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(f, "  %-28s %s\n", left, o->help);
	}
}

void cli_print_help(FILE *f, const vs_command *cmd)
{
	if (cmd) {
		fprintf(f, "Usage: versus [GLOBAL OPTIONS] %s\n\n%s.\n", cmd->usage, cmd->summary);
		if (cmd->options.part[0]) {
			fputs("\nOptions:\n", f);
			print_options(f, &cmd->options);
		}
		fputs("\nGlobal options:\n", f);
		print_options(f, &vs_global_options);
		return;
	}
	fputs("Usage: versus [GLOBAL OPTIONS] COMMAND [ARGS]\n\n"
	      "Decision reports comparing two AI models, from model records, Lua rules and C "
	      "plugins.\n\nCommands:\n", f);
	for (const vs_command *c = vs_commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, c->summary);
	fputs("\nGlobal options:\n", f);
	print_options(f, &vs_global_options);
	fputs("\nExit status: 0 done, 1 done with problems, 2 usage, 3 data, 4 system.\n"
	      "Run 'versus help COMMAND' for a command's options.\n", f);
}

/* }====== */
