/* The one real plugin in a directory of things that are not plugins: notes.txt (ignored,
** not *.so), x.so (a directory: skipped with a warning), y.so (a text file: refused with
** dlopen's reason).  Loading goes on and this one loads. */
#include "case.h"

CASE_PLUGIN("junk-ok", "1.0.0")
