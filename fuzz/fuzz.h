/*
** fuzz.h — what the harnesses share: the libFuzzer entry point, a reader that takes typed
** values from the input bytes, an invariant check that aborts (libFuzzer and the replay
** driver both report an abort as a crash), and the output checks of check.c.
**
** Each harness is one LLVMFuzzerTestOneInput.  Built with clang -fsanitize=fuzzer it is a
** fuzzer (fuzz/run.sh); built with replay.c it is a program that runs the inputs it is given
** once each, which is how the seed corpus and fuzz/regressions/ run in every meson test.
*/
#ifndef VERSUS_FUZZ_H
#define VERSUS_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Abort with the place and a message when cond is false: an invariant the input broke. */
#define FUZZ_CHECK(cond, ...) ((cond) ? (void)0 : fuzz_fail(__FILE__, __LINE__, __VA_ARGS__))
void fuzz_fail(const char *file, int line, const char *fmt, ...) VS_PRINTF(3, 4)
	__attribute__((noreturn));

/* {====== Reading typed values from the input; past its end every value is zero/empty */

typedef struct fuzz_in {
	const uint8_t *p;
	size_t n;
} fuzz_in;

unsigned fuzz_byte(fuzz_in *in);
uint64_t fuzz_u64(fuzz_in *in);
double fuzz_double(fuzz_in *in);         /* any bit pattern: NaN and infinities included */
char *fuzz_string(fuzz_in *in);          /* a length byte, then that many bytes (no NUL) */

/* }====== */

/* {====== Output checks (check.c) */

/* Render r in format f (a row of render_formats, formats.c) with o and check what the format
** promises:
**   md:   every table keeps its column count on every row (no cell split by '|' or a
**         newline), no raw HTML from data (a '<' only opens a comment or a source autolink);
**   html: no '<script', every tag and attribute is one the template writes;
**   text: escape sequences only from the renderer (SGR, with colour on);
**   json: jansson parses it (duplicate keys refused) into an object;
** and in all four, and any other format of the registry: valid UTF-8, no control character
** but newline (and the SGR ESC), no bidirectional control. */
void fuzz_check_render(const vs_format *f, const vs_report *r, const vs_render_opts *o);

/* }====== */

#endif
