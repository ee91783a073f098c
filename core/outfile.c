/*
** outfile.c — see outfile.h.  The shape follows what careful tools do (rsync's and git's
** lock files, coreutils' install): decide what the target is first, never replace what is
** not a regular file, write beside it, rename over it.
*/
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* {====== Temporary files a signal handler can clean up */

/*
** A fixed table of slots, one per file being written.  A writer claims a free slot with a
** compare-and-swap, copies its path in, then marks it active; the handler unlinks the path
** of every active slot (unlink is async-signal-safe) and walks nothing else: no lock, no
** allocation, so it is safe while any number of workers write.
*/
#define TEMP_SLOTS (VS_MAX_JOBS + 1) /* a file at a time per worker, and the main thread */

enum { SLOT_FREE, SLOT_FILLING, SLOT_ACTIVE };

static struct {
	atomic_int state;
	char path[PATH_MAX];
} temp_slots[TEMP_SLOTS];

static mode_t startup_umask = 022;

static int claim_slot(const char *path)
{
	if (strlen(path) >= PATH_MAX)
		return -1;
	for (int i = 0; i < TEMP_SLOTS; i++) {
		int expected = SLOT_FREE;
		if (atomic_compare_exchange_strong(&temp_slots[i].state, &expected, SLOT_FILLING)) {
			memcpy(temp_slots[i].path, path, strlen(path) + 1);
			atomic_store(&temp_slots[i].state, SLOT_ACTIVE);
			return i;
		}
	}
	return -1; /* more writers than slots: the file is still written, just not registered */
}

static void release_slot(int i)
{
	if (i >= 0)
		atomic_store(&temp_slots[i].state, SLOT_FREE);
}

static void on_fatal_signal(int sig)
{
	for (int i = 0; i < TEMP_SLOTS; i++)
		if (atomic_load(&temp_slots[i].state) == SLOT_ACTIVE)
			unlink(temp_slots[i].path);
	/* End as the signal would have, so the caller's shell sees "killed by SIGINT". */
	signal(sig, SIG_DFL);
	raise(sig);
}

void outfile_init(void)
{
	/* The only umask() calls of the process: before any thread or plugin exists. */
	startup_umask = umask(022);
	umask(startup_umask);

	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction old;
		/* A signal the caller ignored (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_fatal_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

unsigned outfile_new_mode(void)
{
	return 0666u & ~(unsigned)startup_umask;
}

/* }====== */

static int fail(char *err, size_t errlen, const char *fmt, ...) VS_PRINTF(3, 4);
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static bool write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		off += (size_t)w;
	}
	return true;
}

/* A device, FIFO or socket: written where it is, never replaced. */
static int write_in_place(const char *path, const char *data, size_t len, char *err,
                          size_t errlen)
{
	int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, errlen, "cannot open %s for writing: %s", path, strerror(errno));
	bool ok = write_all(fd, data, len);
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok)
		return fail(err, errlen, "cannot write %s: %s", path, strerror(e));
	return 0;
}

/* "dir/.name.tmp.XXXXXX" beside target. */
static char *temp_name(const char *target)
{
	const char *slash = strrchr(target, '/');
	if (!slash)
		return xasprintf(".%s.tmp.XXXXXX", target);
	return xasprintf("%.*s/.%s.tmp.XXXXXX", (int)(slash - target), target, slash + 1);
}

int outfile_write(const char *path, const char *data, size_t len, unsigned flags, char *err,
                  size_t errlen)
{
	/* A symbolic link is followed: the file it names is the one replaced. */
	char *resolved = NULL;
	struct stat st;
	if (!(flags & VS_OUT_NOFOLLOW) && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		resolved = realpath(path, NULL);
		if (!resolved)
			return fail(err, errlen, "cannot write %s: it is a symbolic link to a file that "
			            "cannot be reached (%s)", path, strerror(errno));
	}
	const char *target = resolved ? resolved : path;

	bool exists = ((flags & VS_OUT_NOFOLLOW) ? lstat(target, &st) : stat(target, &st)) == 0;
	if (exists && S_ISLNK(st.st_mode)) {
		exists = false; /* NOFOLLOW: the link itself is replaced by the new file */
		st.st_mode = 0;
	}
	if (!exists && errno != ENOENT) {
		int e = errno;
		free(resolved);
		return fail(err, errlen, "cannot write %s: %s", path, strerror(e));
	}
	mode_t mode = (mode_t)outfile_new_mode();
	if (exists) {
		if (S_ISDIR(st.st_mode)) {
			free(resolved);
			return fail(err, errlen, "cannot write %s: it is a directory", path);
		}
		if (!S_ISREG(st.st_mode)) {
			int rc = write_in_place(target, data, len, err, errlen);
			free(resolved);
			return rc;
		}
		/* What the user could not open for writing is not ours to replace. */
		if (access(target, W_OK) != 0) {
			int e = errno;
			free(resolved);
			return fail(err, errlen, "cannot write %s: %s; it was left as it was", path,
			            strerror(e));
		}
		mode = st.st_mode & 07777;
	}

	char *tmp = temp_name(target);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		if (e == ENOENT)
			fail(err, errlen, "cannot write %s: its directory does not exist", path);
		else
			fail(err, errlen, "cannot write %s: cannot create a temporary file beside it: %s",
			     path, strerror(e));
		free(tmp);
		free(resolved);
		return -1;
	}
	int slot = claim_slot(tmp);
	const char *step = "write";
	bool ok = write_all(fd, data, len);
	/* mkstemp makes 0600: give the file the old file's mode, or a new file's. */
	if (ok && !(ok = fchmod(fd, mode) == 0))
		step = "set the mode of";
	if (ok && exists && geteuid() == 0)
		(void)!fchown(fd, st.st_uid, st.st_gid); /* root keeps the owner it found */
	if (ok && (flags & VS_OUT_SYNC) && !(ok = fsync(fd) == 0))
		step = "sync";
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		e = errno;
		step = "write";
	}
	if (ok && !(ok = rename(tmp, target) == 0)) {
		e = errno;
		step = "replace";
	}
	if (!ok) {
		unlink(tmp);
		fail(err, errlen, "cannot %s %s: %s", step, path, strerror(e));
	}
	release_slot(slot);
	free(tmp);
	free(resolved);
	return ok ? 0 : -1;
}
