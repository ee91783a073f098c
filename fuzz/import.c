/*
** import.c — fuzz an importer's parser (FUZZ_IMPORT_FORMAT: IMP_OPENROUTER or IMP_LITELLM)
** and what the driver does with its candidates: fold those of one match key into a
** proposal, finish it (routes sorted and folded, creator and family), put it in canonical
** order and write it as the shipped records are written (hardening.md case 93, the
** importer half).  The input is the downloaded file's bytes; the parsers read a path, so each
** input is written to one file in a private temporary directory first.
**
** Checks:
**   - a refused file says why, starting with the file's path;
**   - every candidate has a match key and an id that passes imp_id_ok (ids come from
**     upstream names: never "../x", "a/b" or an empty id), and a record that is an object;
**   - the canonical text of every proposal parses back (duplicate keys refused) to an equal
**     record, and record_parse_buffer reads it without a parse error (the driver validates
**     the record before writing it; an invalid one is not written, so validity is not checked
**     here).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "import.h"
#include "record.h"

#ifndef FUZZ_IMPORT_TABLES
#error "FUZZ_IMPORT_TABLES: the directory of data/import"
#endif
#ifndef FUZZ_IMPORT_FORMAT
#define FUZZ_IMPORT_FORMAT IMP_OPENROUTER
#endif

/* At most this many candidates are folded and written per input (a list of thousands of
** entries would only repeat the same work). */
#define MAX_PROPOSALS 64

static imp_tables tables;
static char dir[] = "/tmp/versus-fuzz-import-XXXXXX";
static char *path;

static void cleanup(void)
{
	if (path) {
		unlink(path);
		rmdir(dir);
	}
	free(path);
	imp_tables_free(&tables);
}

static void init(void)
{
	char *err = NULL;
	FUZZ_CHECK(imp_tables_load(&tables, FUZZ_IMPORT_TABLES, &err) == 0, "the import tables: %s",
	           err ? err : "?");
	FUZZ_CHECK(mkdtemp(dir) != NULL, "mkdtemp %s", dir);
	path = xasprintf("%s/%s", dir, FUZZ_IMPORT_FORMAT == IMP_OPENROUTER ? "models.json"
	                                                                   : "model_prices.json");
	atexit(cleanup);
}

/* Fold the candidates from index i that share its match key into one proposal, finish it,
** write it canonically and read it back; returns the index after them. */
static size_t propose(const imp_batch *b, size_t i)
{
	const imp_candidate *first = &b->cands[i];
	json_t *p = json_deep_copy(first->record);
	size_t j = i + 1;
	for (; j < b->n_cands && strcmp(b->cands[j].key, first->key) == 0; j++)
		imp_fold(p, b->cands[j].record, first->label, b->cands[j].label, first->window_basis,
		         b->cands[j].window_basis, first->idform, NULL);
	json_t *rec = json_object();
	json_object_set_new(rec, "id", json_string(first->idform));
	imp_fold(rec, p, first->label, first->label, NULL, NULL, first->idform, NULL);
	vs_buf notes = {0};
	imp_finish(rec, &tables, &notes);
	json_t *canon = imp_canonical(rec);
	vs_buf text = {0};
	imp_write_record(&text, canon);

	json_error_t e;
	json_t *back = json_loadb(text.s, text.len, JSON_REJECT_DUPLICATES, &e);
	if (!back)
		fprintf(stderr, "%.*s\n", (int)(text.len < 4000 ? text.len : 4000), text.s);
	FUZZ_CHECK(back != NULL, "the canonical text of %s does not parse: %d:%d: %s", first->idform,
	           e.line, e.column, e.text);
	FUZZ_CHECK(imp_json_equal(back, canon), "%s: the canonical text reads back differently",
	           first->idform);
	vs_diags d = {0};
	json_t *parsed = record_parse_buffer(text.s, text.len, "proposal.json", &d);
	FUZZ_CHECK(parsed != NULL, "%s: the written record does not load: %s", first->idform,
	           d.n ? d.v[0].message : "?");
	json_decref(parsed);
	diags_free(&d);
	json_decref(back);
	buf_free(&text);
	buf_free(&notes);
	json_decref(canon);
	json_decref(rec);
	json_decref(p);
	return j;
}

static int cmp_key(const void *a, const void *b)
{
	const imp_candidate *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!path)
		init();
	FILE *f = fopen(path, "wb");
	FUZZ_CHECK(f != NULL, "cannot write %s", path);
	FUZZ_CHECK(fwrite(data, 1, size, f) == size && fclose(f) == 0, "cannot write %s", path);

	imp_batch b = {0};
	char *err = NULL;
	int rc = FUZZ_IMPORT_FORMAT == IMP_OPENROUTER ? imp_parse_openrouter(path, &tables, &b, &err)
	                                              : imp_parse_litellm(path, &tables, &b, &err);
	if (rc != 0) {
		FUZZ_CHECK(err && strncmp(err, path, strlen(path)) == 0 && err[strlen(path)] == ':',
		           "a refusal that does not start with the file: %s", err ? err : "(none)");
	} else {
		for (size_t i = 0; i < b.n_cands; i++) {
			const imp_candidate *c = &b.cands[i];
			FUZZ_CHECK(c->key && c->idform && imp_id_ok(c->idform), "candidate %zu: id '%s'", i,
			           c->idform ? c->idform : "(null)");
			FUZZ_CHECK(json_is_object(c->record), "candidate %s: record is not an object",
			           c->idform);
		}
		if (b.n_cands)
			qsort(b.cands, b.n_cands, sizeof *b.cands, cmp_key);
		size_t made = 0;
		for (size_t i = 0; i < b.n_cands && made < MAX_PROPOSALS; made++)
			i = propose(&b, i);
	}
	free(err);
	imp_batch_free(&b);
	return 0;
}
