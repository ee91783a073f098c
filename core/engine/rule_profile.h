/*
** rule_profile.h — what each rule costs over a run (issue 19).  With VERSUS_PROFILE_RULES=FILE
** in the environment, every sandbox counts each VM instruction (not one in a thousand), the
** engine adds what each rule call spent to its key, and at exit FILE gets a table, dearest
** first.  Off (the variable unset or empty), nothing is counted and nothing changes.
*/
#ifndef VERSUS_RULE_PROFILE_H
#define VERSUS_RULE_PROFILE_H

#include <stdbool.h>

/* Whether profiling is on; the environment is read once, on the first call. */
bool rule_profile_on(void);
/* Add one call that spent `spent` (instructions, and work charged by C library calls) to
** the row kind + key ("" and a rule's key, "fact:" and a fact's, "columns:" and a section's).
** Safe from any worker thread. */
void rule_profile_add(const char *kind, const char *key, long spent);

#endif
