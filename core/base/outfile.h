/*
** outfile.h — writing output files without ever destroying what is there (cli.md, "Output
** files"):
**   - a regular file is replaced atomically: a temporary file beside it (its name starts with
**     '.', so even a killed run leaves nothing that looks like output), written, optionally
**     synced, then renamed over it; every step is relative to one fd of the directory, so a
**     directory swapped for a symbolic link midway cannot redirect the write; the new file keeps the old one's mode, or gets
**     0666 & ~umask (the umask read once, at start) when it is new;
**   - a target that is not a regular file (a device such as /dev/null, a FIFO) is written in
**     place, never replaced;
**   - a symbolic link is followed and the file it names is replaced;
**   - a file the user could not open for writing (access(W_OK) fails) is refused, untouched;
**   - SIGINT, SIGTERM, SIGHUP and SIGXFSZ (a file-size limit) remove every temporary file
**     still being written, from a registry the signal handler walks without locks, then end
**     the process as the signal would have.
** No process-wide state changes after outfile_init: no umask() or chdir() per write, so
** worker threads can write at the same time.
*/
#ifndef VERSUS_OUTFILE_H
#define VERSUS_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Read the umask and install the signal handlers.  Call once, first thing in main, before
** any plugin loads or thread starts. */
void outfile_init(void);

enum {
	VS_OUT_SYNC = 1,    /* fsync the file before the rename (a single report); a site syncs once */
	VS_OUT_NOFOLLOW = 2, /* a symbolic link at path is replaced, never followed (a site's pages:
	                     ** nothing is written outside its directory, hardening.md case 131) */
	VS_OUT_REGULAR = 4,  /* what is at path must be a regular file or absent: a FIFO, device or
	                     ** socket is refused, never opened (opening a FIFO blocks) */
	/* A file inside a directory that is not trusted (a site, an import's -o DIR): whatever
	** someone planted there, nothing is written outside it and nothing blocks. */
	VS_OUT_IN_TREE = VS_OUT_NOFOLLOW | VS_OUT_REGULAR
};

/* Write data to path as above.  Returns 0, or -1 with a message in err (what failed and on
** which path, e.g. "cannot replace out.md: Permission denied") and errno set to the cause. */
int outfile_write(const char *path, const char *data, size_t len, unsigned flags, char *err,
                  size_t errlen);

/* Remove the temporary files in dir that outfile_write made for targets whose names end in
** ext (".html"): what a killed run left (SIGKILL gives no chance to remove them).  Only for
** a caller that holds the directory (dirlock.h): another writer's are in flight.  A dir that
** is a symbolic link is left alone. */
void outfile_remove_temporaries(const char *dir, const char *ext);

/* unlink(path) for a file in a tree: the last component of its directory is not followed
** either, so a directory swapped for a symbolic link cannot point the removal elsewhere.
** Returns 0, or -1 with errno. */
int outfile_remove_in_tree(const char *path);

/* The mode a new file gets: 0666 & ~umask, as read by outfile_init. */
unsigned outfile_new_mode(void);

/* Write data to path atomically and synced, as outfile_write does with VS_OUT_SYNC: a temporary
** file beside it, fsync, rename; a device or FIFO is written in place.  Returns 0, or -1
** (the old file, if any, is untouched). */
int write_file_atomic(const char *path, const char *data, size_t len);

/* Write data to path atomically and synced (outfile_write with VS_OUT_SYNC | VS_OUT_IN_TREE): a
** temporary file beside it, fsync, rename; a symbolic link at path is replaced, never
** followed; a FIFO, device or socket is refused.  Returns 0, or -1 with a message in err
** and errno set (the old file, if any, is untouched). */
int write_file_in_tree(const char *path, const char *data, size_t len, char *err, size_t errlen);

/* Write all len bytes of data to fd, going on after a short write or EINTR: true, or false
** with errno (async-signal-safe, so a forked child may call it). */
bool vs_write_all(int fd, const char *data, size_t len);

#endif
