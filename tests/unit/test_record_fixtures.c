/*
** test_record_fixtures.c — run record_parse + record_validate over tests/fixtures/bad and check
** each case's expect file (format in tests/fixtures/bad/README.md):
**
**     line 1      error | warning | ok
**     lines 2…    substrings that one diagnostic line ("where: message") must all contain
**
** error: at least one error, and some error line contains every substring.  warning: no
** error, and some warning line contains every substring.  ok: no diagnostic at all.
**
** Usage: test_record_fixtures BAD_DIR [CLEAN_DIR…]
** Each CLEAN_DIR (tests/fixtures/edge, data) is a catalog whose records (models/NAME.json)
** must all load without a single diagnostic.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "diag_helpers.h"
#include "harness.h"
#include "record.h"

/* The ten capability ids of the reference page (data.md). */
static const char *const caps[] = {
	"vision", "multimodal", "reasoning", "function_calling", "tool_use",
	"structured_outputs", "code_execution", "ide_integration", "computer_use",
	"parallel_agents",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The entries of dir whose names end in suffix ("" for all but . and ..), sorted so the
** output does not depend on the file system.  Returns the count; *out is freed by the caller. */
static size_t list_dir(const char *dir, const char *suffix, char ***out)
{
	char **v = NULL;
	size_t n = 0, cap = 0, slen = strlen(suffix);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < slen || strcmp(e->d_name + len - slen, suffix) != 0)
			continue;
		*VS_PUSH(v, n, cap) = xstrdup(e->d_name);
	}
	if (d)
		closedir(d);
	if (n)
		qsort(v, n, sizeof *v, cmp_str);
	*out = v;
	return n;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Parse and validate every models/NAME.json of a catalog directory into d. */
static size_t load_catalog(const char *dir, vs_diags *d)
{
	char *models = xasprintf("%s/models", dir);
	char **files;
	size_t n = list_dir(models, ".json", &files);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", models, files[i]);
		char *id = xstrndup(files[i], strlen(files[i]) - strlen(".json"));
		json_t *root = record_parse(path, path, d);
		if (root)
			record_validate(root, path, id, caps, VS_ARRAY_LEN(caps), d);
		json_decref(root);
		free(id);
		free(path);
	}
	free_list(files, n);
	free(models);
	return n;
}

/* Split an expect file into trimmed, non-empty lines. */
static size_t read_lines(const char *path, char ***out)
{
	size_t len, n = 0, cap = 0;
	char **v = NULL;
	char *text = read_file(path, 1 << 16, &len);
	for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n")) {
		size_t l = strlen(line);
		while (l && (line[l - 1] == '\r' || line[l - 1] == ' '))
			line[--l] = '\0';
		if (l)
			*VS_PUSH(v, n, cap) = xstrdup(line);
	}
	free(text);
	*out = v;
	return n;
}

/* Does some diagnostic of severity sev contain every one of subs, in "where: message"? */
static bool some_line_has_all(const vs_diags *d, vs_severity sev, char **subs, size_t n)
{
	for (size_t i = 0; i < d->n; i++) {
		if (d->v[i].severity != sev)
			continue;
		char *line = xasprintf("%s: %s", d->v[i].where, d->v[i].message);
		bool all = true;
		for (size_t j = 0; j < n && all; j++)
			all = strstr(line, subs[j]) != NULL;
		free(line);
		if (all)
			return true;
	}
	return false;
}

static void run_case(const char *bad_dir, const char *name)
{
	char *dir = xasprintf("%s/%s", bad_dir, name);
	char *expect_path = xasprintf("%s/expect", dir);
	char **lines;
	size_t n = read_lines(expect_path, &lines);
	vs_diags d = {0};
	size_t files = load_catalog(dir, &d);
	size_t errors = diags_count(&d, VS_ERROR);
	bool ok;

	if (!OK(n > 0 && files > 0, "%s: an expect file and at least one record", name))
		goto done;
	if (strcmp(lines[0], "error") == 0)
		ok = OK(errors > 0 && some_line_has_all(&d, VS_ERROR, lines + 1, n - 1),
		        "%s: expected an error line containing all of the expect file", name);
	else if (strcmp(lines[0], "warning") == 0)
		ok = OK(errors == 0 && some_line_has_all(&d, VS_WARNING, lines + 1, n - 1),
		        "%s: expected no error and a warning line containing all of the expect file",
		        name);
	else if (strcmp(lines[0], "ok") == 0)
		ok = OK(d.n == 0, "%s: expected no diagnostics", name);
	else
		ok = OK(false, "%s: expect starts with '%s', not error, warning or ok", name, lines[0]);
	if (!ok) {
		for (size_t i = 1; i < n; i++)
			fprintf(stderr, "    wanted: %s\n", lines[i]);
		print_diags(NULL, &d);
	}
done:
	diags_free(&d);
	free_list(lines, n);
	free(expect_path);
	free(dir);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s BAD_DIR [CLEAN_DIR...]\n", argv[0]);
		return 2;
	}
	char **cases;
	size_t n = list_dir(argv[1], "", &cases);
	OK(n > 0, "%s holds fixture cases", argv[1]);
	for (size_t i = 0; i < n; i++) {
		char *dir = xasprintf("%s/%s", argv[1], cases[i]);
		DIR *probe = opendir(dir); /* skip README.md and other files */
		if (probe) {
			closedir(probe);
			run_case(argv[1], cases[i]);
		}
		free(dir);
	}
	free_list(cases, n);

	for (int a = 2; a < argc; a++) {
		vs_diags d = {0};
		size_t files = load_catalog(argv[a], &d);
		if (!OK(files > 0 && d.n == 0, "%s: %zu records load without a diagnostic", argv[a],
		        files))
			print_diags(NULL, &d);
		diags_free(&d);
	}
	return test_summary("record fixtures");
}
