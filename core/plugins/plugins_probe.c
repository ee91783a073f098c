/*
** plugins_probe.c — probe children: a fork that runs plugin code first, the beacon
** that names the call it died or stalled in, and the records it sends down a pipe.
*/
#include "plugins_private.h"
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* {====== Probe children
** A probe child runs plugin code the parent has not run yet and sends what it learnt down a
** pipe as records: a tag byte, then fields (u32 in host order, strings as a u32 length and
** the bytes, UINT32_MAX for NULL).  Its last record is the end tag; a child that stops
** before it, dies, or sits in one plugin call past the limit has failed, and the beacon says
** in which plugin call. */

void put_u32(vs_buf *b, uint32_t v)
{
	buf_addn(b, (const char *)&v, sizeof v);
}

void put_str(vs_buf *b, const char *s)
{
	if (!s) {
		put_u32(b, UINT32_MAX);
		return;
	}
	size_t n = strlen(s);
	put_u32(b, (uint32_t)n);
	buf_addn(b, s, n);
}

uint32_t get_u32(wire *w)
{
	uint32_t v = 0;
	if (w->bad || (size_t)(w->end - w->p) < sizeof v) {
		w->bad = true;
		return 0;
	}
	memcpy(&v, w->p, sizeof v);
	w->p += sizeof v;
	return v;
}

/* An allocated copy; NULL for a NULL string or when the record is cut short. */
char *get_str(wire *w)
{
	uint32_t n = get_u32(w);
	if (w->bad || n == UINT32_MAX)
		return NULL;
	if ((size_t)(w->end - w->p) < n) {
		w->bad = true;
		return NULL;
	}
	char *s = xstrndup(w->p, n);
	w->p += n;
	return s;
}

void put_diags(vs_buf *b, const vs_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		buf_addc(b, REC_DIAG);
		put_u32(b, (uint32_t)d->v[i].severity);
		put_str(b, d->v[i].where);
		put_str(b, d->v[i].rule);
		put_str(b, d->v[i].message);
	}
}

void get_diag(wire *w, vs_diags *d)
{
	vs_severity sev = get_u32(w) == VS_WARNING ? VS_WARNING : VS_ERROR;
	char *where = get_str(w), *rule = get_str(w), *msg = get_str(w);
	if (!w->bad)
		diags_add(d, sev, where, rule, "%s", msg ? msg : "");
	free(where);
	free(rule);
	free(msg);
}

void probe_free(probe *pr)
{
	if (pr->b)
		munmap(pr->b, sizeof *pr->b);
	buf_free(&pr->data);
}

/*
** Read what the child sends until it exits; kill it when one plugin call has lasted past the
** limit.  The pipe closing is not enough to end the wait (the child may still be running,
** or a process it started may hold the pipe), nor is the child's exit (its last bytes may
** still be in the pipe).
*/
static void probe_wait(probe *pr, pid_t pid, int fd)
{
	const long limit = (long)plugins_timeout_ms();
	const int tick = tick_ms();
	unsigned long seen = atomic_load(&pr->b->seq);
	struct timespec since, now;
	bool eof = false, exited = false;
	char chunk[16384];
	clock_gettime(CLOCK_MONOTONIC, &since);
	while (!(eof && exited)) {
		if (!eof) {
			struct pollfd pfd = {.fd = fd, .events = POLLIN};
			int r = poll(&pfd, 1, exited ? 0 : tick);
			if (r > 0) {
				ssize_t n = read(fd, chunk, sizeof chunk);
				if (n > 0) {
					buf_addn(&pr->data, chunk, (size_t)n);
					continue;
				}
				if (n == 0 || (errno != EINTR && errno != EAGAIN))
					eof = true;
			} else if (r == 0 && exited) {
				eof = true; /* whoever still holds the pipe, the child is gone */
			}
		} else if (!exited && !(pr->data.len && pr->data.s[pr->data.len - 1] == REC_END)) {
			poll(NULL, 0, tick); /* the pipe closed before the end: wait a tick */
		}
		if (!exited) {
			/* After the end record the child is in _exit: wait for it outright. */
			bool ended = eof && pr->data.len && pr->data.s[pr->data.len - 1] == REC_END;
			pid_t w = waitpid(pid, &pr->status, ended ? 0 : WNOHANG);
			if (w == pid || (w < 0 && errno == ECHILD))
				exited = true;
			if (exited)
				continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		unsigned long s = atomic_load_explicit(&pr->b->seq, memory_order_acquire);
		if (s != seen || !(s & 1)) {
			seen = s;
			since = now;
		} else if (ms_since(&since, &now) >= limit) {
			kill(pid, SIGKILL);
			while (waitpid(pid, &pr->status, 0) < 0 && errno == EINTR)
				;
			pr->timed_out = true;
			return;
		}
	}
}

/* Start fn(arg, &out) in a child (PROBE_DONE: started); out, then the end record, is what
** the parent gets in probe_finish.  fn runs on the child's copy of everything, arg included,
** as it was at the fork. */
probe_result probe_start(probe *pr, void (*fn)(void *, vs_buf *), void *arg, bool quiet)
{
	memset(pr, 0, sizeof *pr);
	void *mem = mmap(NULL, sizeof *pr->b, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
	                 -1, 0);
	if (mem == MAP_FAILED)
		return PROBE_UNAVAILABLE;
	pr->b = mem;
	int fds[2];
	if (pipe(fds) != 0) {
		probe_free(pr);
		return PROBE_UNAVAILABLE;
	}
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	signal(SIGCHLD, SIG_DFL); /* an inherited SIG_IGN would reap the child behind our back */
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		probe_free(pr);
		return PROBE_UNAVAILABLE;
	}
	if (pid == 0) {
		close(fds[0]);
		child_beacon = pr->b;
		crash_report_default();
		/* What plugins print goes nowhere (fd 1 is already our stderr, see main.c); a
		** quiet probe silences stderr too: its plugins run again later, and speak then. */
		int devnull = open("/dev/null", O_WRONLY);
		if (devnull >= 0) {
			dup2(devnull, STDOUT_FILENO);
			if (quiet)
				dup2(devnull, STDERR_FILENO);
			close(devnull);
		}
		vs_buf out = {0};
		fn(arg, &out);
		buf_addc(&out, REC_END);
		vs_write_all(fds[1], out.s, out.len);
		buf_free(&out);
		_exit(0);
	}
	close(fds[1]);
	pr->pid = pid;
	pr->fd = fds[0];
	return PROBE_DONE;
}

/* Wait for a started child (killing it past the time limit) and judge its answer. */
probe_result probe_finish(probe *pr)
{
	probe_wait(pr, pr->pid, pr->fd);
	close(pr->fd);
	bool ended = pr->data.len && pr->data.s[pr->data.len - 1] == REC_END;
	if (!pr->timed_out && WIFEXITED(pr->status) && WEXITSTATUS(pr->status) == 0 && ended &&
	    !(atomic_load(&pr->b->seq) & 1))
		return PROBE_DONE;
	return PROBE_FAILED;
}

/* Run fn(arg, &out) in a child and wait for it. */
probe_result probe_run(probe *pr, void (*fn)(void *, vs_buf *), void *arg, bool quiet)
{
	probe_result r = probe_start(pr, fn, arg, quiet);
	return r == PROBE_DONE ? probe_finish(pr) : r;
}

/* The plugin a failed probe was inside (its file), or NULL when it was in none. */
const char *probe_culprit(const probe *pr)
{
	return (atomic_load(&pr->b->seq) & 1) && pr->b->path[0] ? pr->b->path : NULL;
}

/* How the child ended, for messages: "crashed (Segmentation fault)", ... */
static char *probe_how(const probe *pr)
{
	if (pr->timed_out)
		return xasprintf("did not return within %u ms", plugins_timeout_ms());
	if (atomic_load(&pr->b->exit_called))
		return xstrdup("called exit()");
	if (WIFSIGNALED(pr->status))
		return xasprintf("crashed (%s)", strsignal(WTERMSIG(pr->status)));
	if (WIFEXITED(pr->status))
		return xasprintf("ended the process (status %d)", WEXITSTATUS(pr->status));
	return xstrdup("stopped");
}

/* The refusal of the plugin a probe failed in: "plugin 'x' (path) crashed (...) while
** checking model 'm'; not loaded, ..." under plugin:x (or the file, while loading). */
void probe_blame(const probe *pr, vs_diags *diags)
{
	const probe_beacon *b = pr->b;
	char doing[2048];
	size_t len = 0;
	cat_doing(doing, sizeof doing, &len, b->kind, b->model, b->key, b->pair[0], b->pair[1]);
	char *how = probe_how(pr);
	char *path = printable(b->path, 4096);
	char *label = b->kind == CALL_LOAD ? file_label(b->path) : printable(b->who, MAX_NAME);
	char *where = b->kind == CALL_LOAD ? xstrdup(path) : xasprintf("plugin:%s", label);
	diags_add(diags, VS_ERROR, where, NULL, "plugin '%s' (%s) %s %s; " NOT_LOADED, label, path,
	          how, doing);
	free(where);
	free(label);
	free(path);
	free(how);
}

/* A probe that failed outside any plugin call: nobody to blame, nothing to trust. */
void probe_lost(const probe *pr, const char *what, const char *so, vs_diags *diags)
{
	char *how = probe_how(pr);
	diags_add(diags, VS_ERROR, "plugins", NULL, "the child process %s %s outside any plugin "
	          "call; %s", what, how, so);
	free(how);
}

/* A started child that is not wanted after all: wait for it and drop its answer. */
void drop_started(vs_plugins *ps)
{
	if (!ps->started)
		return;
	probe_finish(ps->started);
	probe_free(ps->started);
	free(ps->started);
	ps->started = NULL;
}
/* }====== */
