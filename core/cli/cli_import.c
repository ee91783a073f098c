/*
** cli_import.c — the `import` command: `versus import FORMAT FILE... [-o DIR] [--dry-run]
** [--into NEW] [--verbose] [--force]`.  Reads the tables of DATA/import (the shipped ones when
** --data names a catalog without them) and writes records to DIR/models, DIR being -o or the
** data directory; import.c does the work.  With --into, DIR's records and state are copied
** into NEW first and the import writes there, so `versus diff DIR NEW` reviews it (issue 15).
*/
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "outfile.h"
#include "paths.h"
#include "util.h"

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Copy one regular file; a missing source is no error (a catalog without a state). */
static int copy_file(const char *from, const char *to)
{
	size_t len = 0;
	char *text = read_file(from, (size_t)1 << 30, &len);
	if (!text)
		return errno == ENOENT ? 0 : -1;
	int rc = write_file_atomic(to, text, len);
	free(text);
	return rc;
}

/* Empty the directory --into made (it was new or empty), then remove it. */
static void remove_copy(const char *into)
{
	char *models = xasprintf("%s/models", into);
	const char *dirs[2] = {models, into};
	for (int k = 0; k < 2; k++) {
		DIR *d = opendir(dirs[k]);
		for (struct dirent *e; d && (e = readdir(d));) {
			char *p = xasprintf("%s/%s", dirs[k], e->d_name);
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 && !is_dir(p))
				unlink(p);
			free(p);
		}
		if (d)
			closedir(d);
		rmdir(dirs[k]);
	}
	free(models);
}

/* The catalog's records (FROM/models/\*.json) and the importer's state, copied into INTO,
** which must be new or empty: an import there is the import the catalog would get. */
static int copy_catalog(const char *from, const char *into)
{
	DIR *d = opendir(into);
	for (struct dirent *e; d && (e = readdir(d));)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			closedir(d);
			fprintf(stderr, "versus: import: --into %s: not empty; name a new directory (the "
			        "copy of the catalog the import writes to)\n", into);
			return VS_EXIT_USAGE;
		}
	if (d)
		closedir(d);
	char *models = xasprintf("%s/models", into), *src_models = xasprintf("%s/models", from);
	int status = VS_EXIT_OK;
	if ((mkdir(into, 0777) != 0 && errno != EEXIST) || mkdir(models, 0777) != 0) {
		fprintf(stderr, "versus: import: cannot create %s: %s\n", models, strerror(errno));
		status = VS_EXIT_SYSTEM;
	}
	DIR *src = status == VS_EXIT_OK ? opendir(src_models) : NULL;
	for (struct dirent *e; src && status == VS_EXIT_OK && (e = readdir(src));) {
		size_t n = strlen(e->d_name);
		if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0 || e->d_name[0] == '.')
			continue;
		char *a = xasprintf("%s/%s", src_models, e->d_name);
		char *b = xasprintf("%s/%s", models, e->d_name);
		if (!is_dir(a) && copy_file(a, b) != 0) {
			fprintf(stderr, "versus: import: cannot copy %s to %s: %s\n", a, b, strerror(errno));
			status = VS_EXIT_SYSTEM;
		}
		free(a);
		free(b);
	}
	if (src)
		closedir(src);
	char *sa = xasprintf("%s/%s", from, IMP_STATE_FILE), *sb = xasprintf("%s/%s", into, IMP_STATE_FILE);
	if (status == VS_EXIT_OK && copy_file(sa, sb) != 0) {
		fprintf(stderr, "versus: import: cannot copy %s to %s: %s\n", sa, sb, strerror(errno));
		status = VS_EXIT_SYSTEM;
	}
	if (status != VS_EXIT_OK)
		remove_copy(into);
	free(sa);
	free(sb);
	free(models);
	free(src_models);
	return status;
}

/* The exit status of cli.md for what the import library says of a run. */
static int exit_status_of(imp_status s)
{
	switch (s) {
	case IMP_DONE:
		return VS_EXIT_OK;
	case IMP_SOME_REFUSED:
		return VS_EXIT_PROBLEMS;
	case IMP_BAD_INPUT:
		return VS_EXIT_DATA;
	case IMP_CANNOT_WRITE:
		break;
	}
	return VS_EXIT_SYSTEM;
}

/* An unknown FORMAT word: a usage error that names each source and what its file is. */
static int unknown_source(const char *typed)
{
	fprintf(stderr, "versus: import: unknown format '%s' (", typed);
	for (size_t i = 0; i < IMP_N_SOURCES; i++)
		fprintf(stderr, "%s%s: %s", i ? "; " : "", imp_datasets[i].name, imp_datasets[i].about);
	fputs(")\nRun 'versus import --help' for usage.\n", stderr);
	return VS_EXIT_USAGE;
}

int cmd_import(vs_cli *c)
{
	imp_options o = {0};
	const imp_dataset *source = imp_dataset_named(c->args[0]);
	if (!source)
		return unknown_source(c->args[0]);
	o.format = (imp_format)(source - imp_datasets);
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
	o.dry_run = c->dry_run && !c->into;
	o.verbose = c->verbose;
	o.force = c->force;
	o.progress = isatty(STDERR_FILENO) && !c->quiet;
	o.quiet = c->quiet;
	o.log = stderr;
	int status = VS_EXIT_OK;
	if (c->into) {
		status = copy_catalog(o.out_dir, c->into);
		o.out_dir = c->into;
	}
	if (status == VS_EXIT_OK) {
		imp_status done = imp_run(&o);
		status = exit_status_of(done);
		/* Bad input writes nothing: not even the copy. */
		if (c->into && done != IMP_DONE && done != IMP_SOME_REFUSED)
			remove_copy(c->into);
		else if (c->into && !c->quiet)
			fprintf(stderr, "written to %s; %s untouched (review: versus diff %s %s)\n",
			        c->into, c->output ? c->output : p.data, c->output ? c->output : p.data,
			        c->into);
	}
	free(tables);
	paths_free(&p);
	return status;
}
