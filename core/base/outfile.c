/*
** outfile.c — see outfile.h.  The shape follows what careful tools do (rsync's and git's
** lock files, coreutils' install): decide what the target is first, never replace what is
** not a regular file, write beside it, rename over it.
*/
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
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

	/* SIGXFSZ: a write past `ulimit -f` kills the process unless the signal is handled. */
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGXFSZ};
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
	int e = errno; /* the cause, for a caller that reports errno */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	errno = e;
	return -1;
}

bool vs_write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO; /* no progress and no error: do not spin */
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
	bool ok = vs_write_all(fd, data, len);
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		e = errno;
	}
	if (!ok) {
		errno = e;
		return fail(err, errlen, "cannot write %s: %s", path, strerror(e));
	}
	return 0;
}

/* Is the file name f a temporary file of a target whose name ends in ext? */
static bool is_temporary(const char *f, const char *ext)
{
	size_t n = strlen(f), el = strlen(ext);
	/* "." NAME EXT ".tmp." and mkstemp's six characters, NAME not empty */
	if (f[0] != '.' || n < 1 + 1 + el + 5 + 6)
		return false;
	const char *tag = f + n - 11;
	return strncmp(tag, ".tmp.", 5) == 0 && strncmp(tag - el, ext, el) == 0;
}

void outfile_remove_temporaries(const char *dir, const char *ext)
{
	/* Not through a symbolic link: only dir's own files are ours to remove. */
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	for (struct dirent *e; (e = readdir(d));)
		if (is_temporary(e->d_name, ext))
			unlinkat(fd, e->d_name, 0);
	closedir(d);
}

/* The directory part of target ("." for a bare name, "/" at the root); *base gets the name
** in it. */
static char *split_dir(const char *target, const char **base)
{
	const char *slash = strrchr(target, '/');
	if (!slash) {
		*base = target;
		return xstrdup(".");
	}
	*base = slash + 1;
	return slash == target ? xstrdup("/") : xstrndup(target, (size_t)(slash - target));
}

/*
** mkstemp relative to a directory fd: ".BASE.tmp.XXXXXX" created with O_EXCL and O_NOFOLLOW,
** so no file or link planted at a name is ever opened.  Returns the fd and the name, or -1.
*/
static int temp_at(int dfd, const char *base, char **name)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	static atomic_uint counter;
	for (int tries = 0; tries < 100; tries++) {
		unsigned char r[6];
		if (getrandom(r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
			/* No entropy yet (early boot): unpredictable enough with O_EXCL behind it. */
			unsigned long long v = (unsigned long long)getpid() * 1000003u ^
			                       (unsigned long long)time(NULL) ^ atomic_fetch_add(&counter, 7919);
			for (size_t i = 0; i < sizeof r; i++, v /= 62)
				r[i] = (unsigned char)(v % 62);
		}
		char sfx[7];
		for (size_t i = 0; i < 6; i++)
			sfx[i] = set[r[i] % 62];
		sfx[6] = '\0';
		char *n = xasprintf(".%s.tmp.%s", base, sfx);
		int fd = openat(dfd, n, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0) {
			*name = n;
			return fd;
		}
		int e = errno;
		free(n);
		if (e != EEXIST) {
			errno = e;
			return -1;
		}
	}
	errno = EEXIST;
	return -1;
}

/* The directory of the target, opened once: every step after is relative to it, so a
** directory swapped for a symbolic link midway cannot redirect the write; in a tree its own
** last component is not followed either.  The fd, or -1 with the message in err. */
static int open_dir(const char *dir, bool in_tree, const char *path, char *err, size_t errlen)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (in_tree ? O_NOFOLLOW : 0));
	if (dfd >= 0)
		return dfd;
	int e = errno;
	if (e == ENOENT)
		fail(err, errlen, "cannot write %s: its directory does not exist", path);
	else if (e == ELOOP || e == ENOTDIR)
		fail(err, errlen, "cannot write %s: its directory is not a directory (a symbolic "
		     "link or a file)", path);
	else
		fail(err, errlen, "cannot write %s: %s", path, strerror(e));
	return -1;
}

/* What is at the target now, and so what to do: replace it (or create it) through a
** temporary file, write it in place (a device or FIFO), or refuse. */
typedef enum target_action { TARGET_REPLACE, TARGET_IN_PLACE, TARGET_REFUSED } target_action;

/* Look at base in dfd: *exists, its stat in *st and the mode the new file gets in *mode. */
static target_action look_at_target(int dfd, const char *base, unsigned flags, const char *path,
                                    struct stat *st, bool *exists, mode_t *mode, char *err,
                                    size_t errlen)
{
	bool in_tree = flags & VS_OUT_NOFOLLOW;
	*mode = (mode_t)outfile_new_mode();
	if (!*base) {
		errno = EISDIR;
		fail(err, errlen, "cannot write %s: it is a directory", path);
		return TARGET_REFUSED;
	}
	*exists = fstatat(dfd, base, st, in_tree ? AT_SYMLINK_NOFOLLOW : 0) == 0;
	int stat_errno = *exists ? 0 : errno;
	if (*exists && S_ISLNK(st->st_mode)) {
		*exists = false; /* NOFOLLOW: the link itself is replaced by the new file */
		st->st_mode = 0;
		stat_errno = ENOENT;
	}
	if (!*exists && stat_errno != ENOENT) {
		errno = stat_errno;
		fail(err, errlen, "cannot write %s: %s", path, strerror(stat_errno));
		return TARGET_REFUSED;
	}
	if (!*exists)
		return TARGET_REPLACE;
	if (S_ISDIR(st->st_mode)) {
		errno = EISDIR;
		fail(err, errlen, "cannot write %s: it is a directory", path);
		return TARGET_REFUSED;
	}
	if (!S_ISREG(st->st_mode) && (flags & VS_OUT_REGULAR)) {
		/* Never opened: a FIFO would block until a reader came. */
		errno = EEXIST;
		fail(err, errlen, "cannot write %s: it is a %s, not a regular file; remove it and "
		     "run again", path, S_ISFIFO(st->st_mode) ? "FIFO"
		     : S_ISSOCK(st->st_mode) ? "socket" : "device");
		return TARGET_REFUSED;
	}
	if (!S_ISREG(st->st_mode))
		return TARGET_IN_PLACE;
	/* What the user could not open for writing is not ours to replace. */
	if (faccessat(dfd, base, W_OK, 0) != 0) {
		fail(err, errlen, "cannot write %s: %s; it was left as it was", path, strerror(errno));
		return TARGET_REFUSED;
	}
	*mode = st->st_mode & 07777;
	return TARGET_REPLACE;
}

/* Write data to a temporary file beside base (registered for the signal handler while it
** exists), give it mode (and, for root, the old owner), sync it when asked, and rename it
** over base.  Returns 0, or -1 with the message in err and the temporary file removed. */
static int replace_through_temporary(int dfd, const char *dir, const char *base,
                                     const char *data, size_t len, unsigned flags,
                                     const struct stat *old, mode_t mode, const char *path,
                                     char *err, size_t errlen)
{
	char *tmp = NULL;
	int fd = temp_at(dfd, base, &tmp);
	if (fd < 0)
		return fail(err, errlen, "cannot write %s: cannot create a temporary file beside it: %s",
		            path, strerror(errno));
	char *tmp_path = xasprintf("%s/%s", dir, tmp);
	int slot = claim_slot(tmp_path);
	const char *step = "write";
	bool ok = vs_write_all(fd, data, len);
	/* The temporary is 0600: give the file the old file's mode, or a new file's. */
	if (ok && !(ok = fchmod(fd, mode) == 0))
		step = "set the mode of";
	if (ok && old && geteuid() == 0)
		(void)!fchown(fd, old->st_uid, old->st_gid); /* root keeps the owner it found */
	if (ok && (flags & VS_OUT_SYNC) && !(ok = fsync(fd) == 0))
		step = "sync";
	int e = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		e = errno;
		step = "write";
	}
	if (ok && !(ok = renameat(dfd, tmp, dfd, base) == 0)) {
		e = errno;
		step = "replace";
	}
	if (!ok) {
		unlinkat(dfd, tmp, 0);
		errno = e;
		fail(err, errlen, "cannot %s %s: %s", step, path, strerror(e));
	}
	release_slot(slot);
	free(tmp_path);
	free(tmp);
	return ok ? 0 : -1;
}

int outfile_write(const char *path, const char *data, size_t len, unsigned flags, char *err,
                  size_t errlen)
{
	/* A symbolic link is followed: the file it names is the one replaced. */
	char *resolved = NULL;
	struct stat st;
	bool in_tree = flags & VS_OUT_NOFOLLOW;
	if (!in_tree && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		resolved = realpath(path, NULL);
		if (!resolved)
			return fail(err, errlen, "cannot write %s: it is a symbolic link to a file that "
			            "cannot be reached (%s)", path, strerror(errno));
	}
	const char *target = resolved ? resolved : path, *base;
	char *dir = split_dir(target, &base);
	int rc = -1;
	int dfd = open_dir(dir, in_tree, path, err, errlen);
	if (dfd >= 0) {
		bool exists = false;
		mode_t mode;
		switch (look_at_target(dfd, base, flags, path, &st, &exists, &mode, err, errlen)) {
		case TARGET_REPLACE:
			rc = replace_through_temporary(dfd, dir, base, data, len, flags,
			                               exists ? &st : NULL, mode, path, err, errlen);
			break;
		case TARGET_IN_PLACE:
			rc = write_in_place(target, data, len, err, errlen);
			break;
		case TARGET_REFUSED:
			break;
		}
	}
	int e = errno;
	if (dfd >= 0)
		close(dfd);
	free(dir);
	free(resolved);
	errno = e;
	return rc;
}

int outfile_remove_in_tree(const char *path)
{
	const char *base;
	char *dir = split_dir(path, &base);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int rc = dfd >= 0 ? unlinkat(dfd, base, 0) : -1, e = errno;
	if (dfd >= 0)
		close(dfd);
	free(dir);
	errno = e;
	return rc;
}

int write_file_atomic(const char *path, const char *data, size_t len)
{
	char err[512];
	return outfile_write(path, data, len, VS_OUT_SYNC, err, sizeof err);
}

int write_file_in_tree(const char *path, const char *data, size_t len, char *err, size_t errlen)
{
	return outfile_write(path, data, len, VS_OUT_SYNC | VS_OUT_IN_TREE, err, errlen);
}
