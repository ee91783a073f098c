/*
** suggest.h — "did you mean" for a name typed on the command line that names nothing: a
** provider (--provider azure), a capability (--has function-calling), a creator.
*/
#ifndef VERSUS_SUGGEST_H
#define VERSUS_SUGGEST_H

#include <stddef.h>

#include "util.h"

/* The names meant by typed, into b as "'A'", "'A' or 'B'" or "'A', 'B' or 'C'": every name
** a word of which starts with typed ("azure": "Azure OpenAI"), else the nearest one within
** a few edits ("function-calling": "function_calling").  Returns how many (0: b is left
** as it was). */
size_t suggest_names(const char *typed, const char *const *names, size_t n, vs_buf *b);

#endif
