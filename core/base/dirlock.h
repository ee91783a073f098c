/*
** dirlock.h — one writer per directory at a time.  Two `versus site` runs on one DIR (or two
** imports into one -o DIR) would delete each other's temporary files in flight; each run
** takes a lock on the directory itself (flock on an fd of the directory: no lock file to
** plant a symbolic link or a FIFO at, nothing left behind), and a second run says which
** process holds it and waits for it.
*/
#ifndef VERSUS_DIRLOCK_H
#define VERSUS_DIRLOCK_H

#include <stdbool.h>
#include <stddef.h>

/* Lock dir: exclusive, or shared (site shards, which may write one DIR side by side, but
** never beside a whole-site run).  Waits for a holder, saying so once on stderr.  Returns
** the fd that holds the lock (dirlock_release gives it back; exit does too), or -1 with a
** message in err. */
int dirlock_take(const char *dir, bool shared, char *err, size_t errlen);
void dirlock_release(int fd);

#endif
