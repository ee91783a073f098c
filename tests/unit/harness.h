/*
** harness.h — a whole unit-test framework in one header, after cmark's api_test/harness.h.
**
**     #include "harness.h"
**     static void dates(void) { OK(record_date_is_valid("2024-02-29"), "leap day"); }
**     int main(void) { dates(); return test_summary("record"); }
**
** Each check prints nothing when it passes and "file:line: FAIL msg" with what it got when it
** fails; test_summary prints "NAME: N passed, M failed" and returns the exit status (0 when
** everything passed), so meson's default exit-code protocol reads the result.  A check that
** cannot run here is a SKIP, never an OK(true): it prints "ok N # SKIP why", the line
** tests/testlog.py counts as a skipped check, and the summary adds ", K skipped" (a program
** whose every check skipped exits 77, a skip).  The counters are per executable: include this
** header from one .c file of each test program.
*/
#ifndef VERSUS_TEST_HARNESS_H
#define VERSUS_TEST_HARNESS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static struct {
	int passed;
	int failed;
	int skipped;
} test_counts;

#if defined(__GNUC__)
#define TEST_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TEST_PRINTF(f, a)
#endif

static inline void test_vfail(const char *file, int line, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s:%d: FAIL ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/*
** The start of every check function (FILE, LINE, ..., FMT, ...): when PASSED, count a pass
** and return true; else count a failure, print "file:line: FAIL message" and go on, to print
** what was got and return false.  A test file's own checks (test_cost.c's NEAR) use it too.
*/
#define TEST_RETURN_IF_PASSED(passed_, file, line, fmt) \
	do {                                            \
		if (passed_) {                          \
			test_counts.passed++;           \
			return true;                    \
		}                                       \
		test_counts.failed++;                   \
		va_list ap_;                            \
		va_start(ap_, fmt);                     \
		test_vfail(file, line, fmt, ap_);       \
		va_end(ap_);                            \
	} while (0)

/* Count one check; on failure print the message.  Returns cond, so a test can stop early. */
static inline bool test_check(const char *file, int line, bool cond, const char *fmt, ...)
	TEST_PRINTF(4, 5);
static inline bool test_check(const char *file, int line, bool cond, const char *fmt, ...)
{
	TEST_RETURN_IF_PASSED(cond, file, line, fmt);
	return false;
}

static inline bool test_int_eq(const char *file, int line, long long got, long long want,
                               const char *fmt, ...) TEST_PRINTF(5, 6);
static inline bool test_int_eq(const char *file, int line, long long got, long long want,
                               const char *fmt, ...)
{
	TEST_RETURN_IF_PASSED(got == want, file, line, fmt);
	fprintf(stderr, "    got      %lld\n    expected %lld\n", got, want);
	return false;
}

/* String checks treat NULL as a value of its own ("(null)" in the report). */
static inline bool test_str(const char *file, int line, const char *got, const char *want,
                            bool contains, const char *fmt, ...) TEST_PRINTF(6, 7);
static inline bool test_str(const char *file, int line, const char *got, const char *want,
                            bool contains, const char *fmt, ...)
{
	bool ok;
	if (!got || !want)
		ok = !contains && got == want;
	else
		ok = contains ? strstr(got, want) != NULL : strcmp(got, want) == 0;
	TEST_RETURN_IF_PASSED(ok, file, line, fmt);
	fprintf(stderr, "    got      %s%s%s\n    %s %s%s%s\n", got ? "\"" : "", got ? got : "(null)",
	        got ? "\"" : "", contains ? "to contain" : "expected", want ? "\"" : "",
	        want ? want : "(null)", want ? "\"" : "");
	return false;
}

/* The message (a printf format and its arguments) is required in every check. */
#define OK(cond, ...) test_check(__FILE__, __LINE__, (cond), __VA_ARGS__)
#define INT_EQ(got, want, ...) \
	test_int_eq(__FILE__, __LINE__, (long long)(got), (long long)(want), __VA_ARGS__)
#define STR_EQ(got, want, ...) test_str(__FILE__, __LINE__, (got), (want), false, __VA_ARGS__)
#define STR_CONTAINS(got, want, ...) \
	test_str(__FILE__, __LINE__, (got), (want), true, __VA_ARGS__)

/* A check that cannot run here (it needs root, say): counted apart, and said why. */
static inline void test_skip(const char *fmt, ...) TEST_PRINTF(1, 2);
static inline void test_skip(const char *fmt, ...)
{
	test_counts.skipped++;
	printf("ok %d # SKIP ", test_counts.passed + test_counts.failed + test_counts.skipped);
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}
#define SKIP(...) test_skip(__VA_ARGS__)

/* Print the summary line and return the exit status for main: 1 when a check failed or
** none ran, 77 when every check skipped. */
static inline int test_summary(const char *name)
{
	printf("%s: %d passed, %d failed", name, test_counts.passed, test_counts.failed);
	if (test_counts.skipped > 0)
		printf(", %d skipped", test_counts.skipped);
	putchar('\n');
	if (test_counts.failed > 0)
		return 1;
	if (test_counts.passed == 0)
		return test_counts.skipped > 0 ? 77 : 1;
	return 0;
}

#endif
