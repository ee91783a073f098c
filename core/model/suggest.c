/*
** suggest.c — see suggest.h.
*/
#include "suggest.h"

#include <string.h>

#include "catalog.h"

#define MAX_SHOWN 3

static void put_list(vs_buf *b, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s'%s'", i == 0 ? "" : i + 1 == n ? " or " : ", ", v[i]);
}

size_t suggest_names(const char *typed, const char *const *names, size_t n, vs_buf *b)
{
	const char *found[MAX_SHOWN];
	size_t k = 0;
	for (size_t i = 0; i < n && k < MAX_SHOWN; i++)
		if (strlen(typed) >= 2 && catalog_starts_a_word(names[i], typed))
			found[k++] = names[i];
	if (k == 0) {
		size_t best = strlen(typed) / 3 + 2 + 1;
		for (size_t i = 0; i < n; i++) {
			size_t d = edit_distance(typed, names[i]);
			if (d < best) {
				best = d;
				found[0] = names[i];
				k = 1;
			}
		}
	}
	put_list(b, found, k);
	return k;
}
