/* Two files whose plugins share the name "twin": the later (twin_b.so) is refused. */
#include "case.h"

CASE_PLUGIN("twin", "1.0.0")
