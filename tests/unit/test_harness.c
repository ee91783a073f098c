/*
** test_harness.c — harness.h itself: a check that cannot run is a skip, not a pass.  Each case
** runs in a child with fresh counters; its stdout and exit status are what meson and
** tests/testlog.py read.
*/
#include "harness.h"

#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

enum { ONLY_SKIPS, PASS_AND_SKIP, NOTHING };

static void run_case(int which)
{
	test_counts.passed = test_counts.failed = test_counts.skipped = 0;
	if (which == PASS_AND_SKIP)
		OK(true, "a check that ran");
	if (which != NOTHING)
		SKIP("needs root to chown (uid %d)", 1000);
	int status = test_summary("case");
	fflush(stdout);
	_exit(status);
}

/* Run a case in a child; its stdout into out, its exit status returned (-1: did not exit). */
static int child(int which, char *out, size_t n)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		run_case(which);
	}
	close(fds[1]);
	size_t len = 0;
	ssize_t got;
	while (len + 1 < n && (got = read(fds[0], out + len, n - 1 - len)) > 0)
		len += (size_t)got;
	out[len] = '\0';
	close(fds[0]);
	int status;
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

int main(void)
{
	char out[512];
	/* "ok N # SKIP why" is the line testlog.py counts as a skipped check. */
	INT_EQ(child(ONLY_SKIPS, out, sizeof out), 77, "every check skipped: exit 77, a skip");
	STR_EQ(out, "ok 1 # SKIP needs root to chown (uid 1000)\ncase: 0 passed, 0 failed, 1 skipped\n",
	       "the skip's TAP line and the summary");
	INT_EQ(child(PASS_AND_SKIP, out, sizeof out), 0, "a pass and a skip: exit 0");
	STR_EQ(out, "ok 2 # SKIP needs root to chown (uid 1000)\ncase: 1 passed, 0 failed, 1 skipped\n",
	       "the skip is not counted as a pass");
	INT_EQ(child(NOTHING, out, sizeof out), 1, "no check at all: exit 1, a failure");
	STR_EQ(out, "case: 0 passed, 0 failed\n", "no skip: the summary as before");
	return test_summary("harness");
}
