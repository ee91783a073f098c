/*
** ruletest.h — `versus test`: rule tests.  A test file (rules/tests/NAME.lua) returns cases,
** each two fixture records, an optional traffic profile and the statements expected; every
** case is made into a report by the real engine and its expectations checked.
** The file format is in rules/tests/README.md.
*/
#ifndef VERSUS_RULETEST_H
#define VERSUS_RULETEST_H

#include <stdio.h>

#include "util.h"

#include "engine.h"
#include "plugins.h"

typedef struct vs_ruletest_totals {
	size_t passed;  /* expectations met */
	size_t failed;  /* expectations not met, and cases that could not run */
	size_t cases;
	vs_buf *junit;  /* when set: a JUnit <testcase> element per test point is appended */
	vs_strv junit_names; /* the names given so far in this file; the caller frees it per file */
} vs_ruletest_totals;

/* Run the cases of one test file (path on disk, shown as `shown`) against the rules in
** dirs, with the loaded plugins.  Prints a TAP test point ("ok N - ..." / "not ok N - ...")
** per expectation to out, and problems to stderr; the caller prints the plan line. */
void ruletest_run_file(const char *path, const char *shown, const vs_rule_dir *dirs,
                       size_t n_dirs, vs_plugins *plugins, FILE *out, vs_ruletest_totals *t);

#endif
