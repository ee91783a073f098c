/* A name that is not [a-z0-9_-]+ (a slash, a newline and an ANSI escape). */
#include "case.h"

CASE_PLUGIN("Bad/Name\n\033[31m", "1.0.0")
