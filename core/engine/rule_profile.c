/*
** rule_profile.c — the per-rule instruction table behind VERSUS_PROFILE_RULES (see
** rule_profile.h).  The table is kept for the whole process, since a site's workers each have
** an engine of their own, and written once at exit.  The counts are the sandbox's exact
** instruction counts, so they do not move with the machine's load: a -j 1 run gives the same
** table every time.
*/
#include "rule_profile.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct profile_row {
	char *key;
	long long spent;
	long long calls;
} profile_row;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static const char *out_path; /* NULL when off */
static profile_row *rows;
static size_t n_rows, cap_rows;

static int by_cost(const void *a, const void *b)
{
	const profile_row *x = a, *y = b;
	if (x->spent != y->spent)
		return x->spent > y->spent ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Columns: instructions, calls, instructions a call, the rule's key; a line of totals last. */
static void write_table(void)
{
	pthread_mutex_lock(&lock);
	FILE *f = fopen(out_path, "w");
	if (!f) {
		fprintf(stderr, "versus: cannot write the rule profile %s\n", out_path);
	} else {
		if (n_rows)
			qsort(rows, n_rows, sizeof *rows, by_cost);
		long long spent = 0, calls = 0;
		fprintf(f, "# instructions\tcalls\tper_call\trule\n");
		for (size_t i = 0; i < n_rows; i++) {
			fprintf(f, "%lld\t%lld\t%lld\t%s\n", rows[i].spent, rows[i].calls,
			        rows[i].spent / rows[i].calls, rows[i].key);
			spent += rows[i].spent;
			calls += rows[i].calls;
		}
		fprintf(f, "%lld\t%lld\t%lld\t*\n", spent, calls, calls ? spent / calls : 0);
		fclose(f);
	}
	for (size_t i = 0; i < n_rows; i++)
		free(rows[i].key);
	free(rows);
	rows = NULL;
	n_rows = cap_rows = 0;
	pthread_mutex_unlock(&lock);
}

static void read_environment(void)
{
	const char *v = getenv("VERSUS_PROFILE_RULES");
	if (!v || !*v)
		return;
	out_path = v;
	atexit(write_table);
}

bool rule_profile_on(void)
{
	pthread_once(&once, read_environment);
	return out_path != NULL;
}

void rule_profile_add(const char *kind, const char *key, long spent)
{
	size_t nk = strlen(kind);
	pthread_mutex_lock(&lock);
	size_t i = 0;
	while (i < n_rows && !(strncmp(rows[i].key, kind, nk) == 0 &&
	                       strcmp(rows[i].key + nk, key) == 0))
		i++;
	if (i == n_rows) {
		if (n_rows == cap_rows) {
			cap_rows = cap_rows ? 2 * cap_rows : 64;
			rows = xrealloc(rows, cap_rows * sizeof *rows);
		}
		rows[n_rows++] = (profile_row){xasprintf("%s%s", kind, key), 0, 0};
	}
	rows[i].spent += spent;
	rows[i].calls++;
	pthread_mutex_unlock(&lock);
}
