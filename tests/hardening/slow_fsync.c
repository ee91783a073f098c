/*
** slow_fsync.c — an LD_PRELOAD shim for the output tests: fsync() and fdatasync() first
** touch $VERSUS_TEST_FSYNC_MARK (so the test knows the temporary file exists and is being
** synced) and then sleep $VERSUS_TEST_FSYNC_SLEEP seconds, as a slow disk would.  The test
** sends a signal in that window and checks that no temporary file survives.
*/
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

static void slow(void)
{
	const char *mark = getenv("VERSUS_TEST_FSYNC_MARK");
	if (mark) {
		int fd = open(mark, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0)
			close(fd);
	}
	const char *s = getenv("VERSUS_TEST_FSYNC_SLEEP");
	sleep(s ? (unsigned)atoi(s) : 5);
}

/* libc's definition of name: POSIX lets dlsym's data pointer be used as a function pointer;
** the union says so, where a cast is refused by ISO C (-Wpedantic). */
static int (*next_fn(const char *name))(int)
{
	union {
		void *obj;
		int (*fn)(int);
	} next = {dlsym(RTLD_NEXT, name)};
	return next.fn;
}

__attribute__((visibility("default"))) int fsync(int fd)
{
	slow();
	int (*real)(int) = next_fn("fsync");
	return real ? real(fd) : 0;
}

__attribute__((visibility("default"))) int fdatasync(int fd)
{
	slow();
	int (*real)(int) = next_fn("fdatasync");
	return real ? real(fd) : 0;
}
