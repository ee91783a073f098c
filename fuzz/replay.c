/*
** replay.c — a main() for a harness outside libFuzzer: run LLVMFuzzerTestOneInput once on
** each file named, or on each regular file of each directory named (in name order), and say
** how many ran.  A broken invariant aborts, so meson reports the test as failed and the log
** names the input last started.  This is how the normal (gcc) and ASan builds replay
** fuzz/corpus/ and fuzz/regressions/.
*/
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* The largest input replayed (libFuzzer's own default -max_len is far smaller). */
#define REPLAY_MAX_BYTES (8u * 1024u * 1024u)

static int run_file(const char *path)
{
	size_t len = 0;
	char *buf = read_file(path, REPLAY_MAX_BYTES, &len);
	if (!buf) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(stderr, "replay: %s\n", path);
	/* A copy of exactly len bytes, so ASan sees a read past the input's end. */
	uint8_t *exact = xmalloc(len ? len : 1);
	memcpy(exact, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every regular file in dir; returns the count, or -1. */
static long run_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		*VS_PUSH(names, n, cap) = xasprintf("%s/%s", dir, e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	long ran = 0;
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode) && run_file(names[i]) == 0)
			ran++;
		free(names[i]);
	}
	free(names);
	return ran;
}

int main(int argc, char **argv)
{
	long total = 0;
	int bad = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			bad++;
		} else if (S_ISDIR(st.st_mode)) {
			long n = run_dir(argv[i]);
			bad += n < 0;
			total += n > 0 ? n : 0;
		} else {
			bad += run_file(argv[i]) != 0;
			total++;
		}
	}
	printf("replayed %ld inputs%s\n", total, bad ? ", some could not be read" : "");
	return bad || total == 0 ? 1 : 0;
}
