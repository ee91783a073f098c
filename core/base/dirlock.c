/* dirlock.c — see dirlock.h. */
#include "dirlock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/*
** The process holding an flock on the file (dev, ino), from /proc/locks, or 0 when it cannot
** be told (no /proc, another kind of file system).  Lines look like
** "3: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF"; a waiter's line has "->" after the
** number and is skipped.
*/
static long lock_holder(dev_t dev, ino_t ino)
{
	FILE *f = fopen("/proc/locks", "re");
	if (!f)
		return 0;
	char line[256];
	long found = 0;
	while (!found && fgets(line, sizeof line, f)) {
		char kind[16], mode[16];
		long pid;
		unsigned maj, min;
		unsigned long long node;
		if (strstr(line, "->") ||
		    sscanf(line, "%*d: %15s %*s %15s %ld %x:%x:%llu", kind, mode, &pid, &maj, &min,
		           &node) != 6)
			continue;
		if (strcmp(kind, "FLOCK") == 0 && maj == major(dev) && min == minor(dev) &&
		    node == (unsigned long long)ino)
			found = pid;
	}
	fclose(f);
	return found;
}

int dirlock_take(const char *dir, bool shared, char *err, size_t errlen)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open the directory to lock it: %s", strerror(errno));
		return -1;
	}
	int op = shared ? LOCK_SH : LOCK_EX;
	if (flock(fd, op | LOCK_NB) == 0)
		return fd;
	if (errno == EWOULDBLOCK) {
		struct stat st;
		long pid = fstat(fd, &st) == 0 ? lock_holder(st.st_dev, st.st_ino) : 0;
		if (pid > 0)
			fprintf(stderr, "versus: %s: another versus run (process %ld) is writing here; "
			        "waiting for it to finish\n", dir, pid);
		else
			fprintf(stderr, "versus: %s: another versus run is writing here; waiting for it "
			        "to finish\n", dir);
		int rc;
		while ((rc = flock(fd, op)) != 0 && errno == EINTR)
			;
		if (rc == 0)
			return fd;
	}
	snprintf(err, errlen, "cannot lock the directory: %s", strerror(errno));
	close(fd);
	return -1;
}

void dirlock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}
