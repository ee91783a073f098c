/*
** cli_import.c — the `import` command: `versus import FORMAT FILE... [-o DIR] [--dry-run]
** [--verbose] [--force]`.  Reads the tables of DATA/import (the shipped ones when --data names
** a catalog without them) and writes records to DIR/models, DIR being -o or the data
** directory; import.c does the work.
*/
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "paths.h"
#include "util.h"

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int cmd_import(vs_cli *c)
{
	imp_options o = {0};
	if (strcmp(c->args[0], "openrouter") == 0)
		o.format = IMP_OPENROUTER;
	else if (strcmp(c->args[0], "litellm") == 0)
		o.format = IMP_LITELLM;
	else {
		fprintf(stderr, "versus: import: unknown format '%s' (openrouter: OpenRouter's models "
		        "list; litellm: LiteLLM's model_prices_and_context_window.json)\nRun 'versus "
		        "import --help' for usage.\n", c->args[0]);
		return VS_EXIT_USAGE;
	}
	vs_paths p, shipped;
	paths_resolve(&p, c->data, c->rules, c->n_rules, c->plugins, c->n_plugins);
	char *tables = xasprintf("%s/import", p.data);
	if (!is_dir(tables) && c->data) {
		paths_resolve(&shipped, NULL, NULL, 0, NULL, 0);
		free(tables);
		tables = xasprintf("%s/import", shipped.data);
		paths_free(&shipped);
	}
	o.files = (const char *const *)c->args + 1;
	o.n_files = c->n_args - 1;
	o.tables_dir = tables;
	o.out_dir = c->output ? c->output : p.data;
	o.dry_run = c->dry_run;
	o.verbose = c->verbose;
	o.force = c->force;
	o.progress = isatty(STDERR_FILENO) && !c->quiet;
	o.quiet = c->quiet;
	o.log = stderr;
	int status = imp_run(&o);
	free(tables);
	paths_free(&p);
	return status;
}
