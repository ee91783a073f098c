/*
** record_fast.h — the JSON fast path of record parsing (record_fast.c says how and why).
**
** What it accepts: a whole buffer that is one JSON object in the plain subset records are
** written in: structural white space, objects and arrays nested at most FAST_MAX_DEPTH
** deep, no duplicate key, strings of valid UTF-8 with no control character and no \u
** escape (\" \\ \/ \b \f \n \r \t are fine), integers of at most 18 digits, reals strtod
** reads exactly (not out of range, not 0 with a digit that is not 0), true, false, null;
** and the C locale's decimal point.
** What it gives: the same jansson values json_loadb(buf, len, JSON_REJECT_DUPLICATES)
** would (types, key order, strings, doubles).
** When it falls back: on anything else it returns NULL and record_parse_buffer (record.c)
** hands the buffer to jansson, so every error, its wording and its position stay
** jansson's.  tests/unit/test_record.c proves every shipped record (each .json file of
** data/models) takes this path.
*/
#ifndef VERSUS_RECORD_FAST_H
#define VERSUS_RECORD_FAST_H

#include <jansson.h>
#include <stddef.h>

/* The object in buf (len bytes, no NUL needed) as jansson reads it, or NULL: ask jansson. */
json_t *record_fast_parse(const char *buf, size_t len);

#endif
