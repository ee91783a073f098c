/*
** record.h — one model record file: parse it strictly (plain JSON on a fast path, anything
** else through jansson, record_fast.h says when) and validate it against docs/spec/data.md.
** Every problem becomes one diagnostic:
**     where   = the file ("data/models/foo.json") or "file:line:col" for parse errors
**     message = "$.routes[0].pricing.input_per_mtok: expected a number >= 0, got string \"0.2\""
** Errors make the record invalid; warnings (an unknown field, an integer written as a
** real, unknown capability id, duplicate provider+region, a bidi control or zero-width
** character in a display string) do not.
*/
#ifndef VERSUS_RECORD_H
#define VERSUS_RECORD_H

#include <jansson.h>
#include <stdbool.h>

#include "diag.h"

/* The largest record file we read (a record is a few KiB; this stops a runaway file). */
#define VS_RECORD_MAX_BYTES (4u * 1024u * 1024u)

/* Parse the file at path; problems are reported under display_path.  Returns the root
** object, or NULL (with at least one error added) when the file cannot be read or parsed
** or is not a JSON object. */
json_t *record_parse(const char *path, const char *display_path, vs_diags *problems);

/* The same for a record already in memory: len bytes at buf (no NUL needed at the end),
** problems reported under where.  record_parse reads the file and calls this; the fuzzer
** (fuzz/record.c) calls it directly. */
json_t *record_parse_buffer(const char *buf, size_t len, const char *where, vs_diags *problems);

/* Validate a parsed record.  file_id is the file name without ".json".  known_caps lists
** the capability ids of the loaded checks (n_known_caps of them); with known_caps NULL the
** unknown-capability warning is skipped. */
void record_validate(const json_t *root, const char *display_path, const char *file_id,
                     const char *const *known_caps, size_t n_known_caps, vs_diags *problems);

/* True when s is a safe model id: ^[a-z0-9][a-z0-9._-]{0,63}$ and no "-vs-". */
bool record_id_is_safe(const char *s);

/* True when s is a real calendar date YYYY-MM-DD. */
bool record_date_is_valid(const char *s);

#endif
