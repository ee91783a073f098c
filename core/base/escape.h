/*
** escape.h — the one place that decides how a data string is written in each output
** context.  Every renderer writes record and rule strings through these functions and
** nothing else, so the rules are the same everywhere:
**   - strict UTF-8: a byte that does not start a valid sequence (overlong, surrogate,
**     truncated, > U+10FFFF) is U+FFFD;
**   - control characters (C0, DEL, C1) and U+2028/U+2029 never reach a page: spaces in
**     one-line contexts, line breaks where a context keeps them (terminal paragraphs);
**   - invisible characters (esc_is_invisible: bidi controls such as U+202E, zero-width
**     characters, the soft hyphen, Hangul fillers, tag characters …) are stripped in
**     Markdown, HTML and terminal text, so they cannot hide text or reverse the template
**     text around a name; JSON keeps the string as recorded, escaped;
**   - Markdown: no markup from data (escapes, no raw HTML), no table broken by '|', and no
**     autolink (a name like "https://evil.example", "www.evil.example" or
**     "x@evil.example" stays text in any GFM renderer);
**   - HTML: & < > " ' as references, in text and attributes alike;
**   - link targets are percent-encoded outside [A-Za-z0-9._~-] (always a relative page).
*/
#ifndef VERSUS_ESCAPE_H
#define VERSUS_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/*
** The one UTF-8 decoder of core/ (strict: RFC 3629 and jansson's rules).  utf8_decode_n: the
** length of the valid sequence at s, reading at most avail bytes (1 for ASCII, the NUL
** included), its code point in *cp; 0 when the bytes there start none (a continuation
** byte, an overlong form, a surrogate, past U+10FFFF, cut short by avail or a NUL).
** utf8_decode: the same on a NUL-terminated string (s[0] != '\0'), U+FFFD with *len = 1
** for a byte that starts no valid sequence, so a loop over it always moves on.
*/
size_t utf8_decode_n(const char *s, size_t avail, unsigned *cp);
unsigned utf8_decode(const char *s, size_t *len);

typedef enum vs_cp_class {
	ESC_KEEP,    /* written (escaped as the context needs) */
	ESC_SPACE,   /* white space and control characters: a space (or nothing at an end) */
	ESC_NEWLINE, /* LF, U+2028, U+2029: a line break where the context keeps them */
	ESC_DROP     /* invisible characters (esc_is_invisible): never written */
} vs_cp_class;

vs_cp_class esc_class(unsigned cp);

/* Is cp invisible (Unicode's default-ignorable code points: bidi controls, zero-width
** characters, the soft hyphen, Hangul fillers, variation selectors, tag characters U+E0000
** to U+E007F …)?  The one list: the renderers drop these (ESC_DROP) and `check` warns about
** them in a record's display strings. */
bool esc_is_invisible(unsigned cp);

/* ---- Markdown (GFM) ---- */

typedef enum vs_md_ctx {
	ESC_MD_PARA,    /* a paragraph or list item: block markers at the start are escaped */
	ESC_MD_HEADING, /* an ATX heading: a closing '#' sequence is escaped */
	ESC_MD_CELL,    /* a table cell: '|' escaped, empty renders as U+2014 */
	ESC_MD_INLINE   /* link text */
} vs_md_ctx;

/* Append str for ctx.  scratch: a buffer reused between calls (no allocation per call once
** it is large enough). */
void esc_md(vs_buf *out, vs_buf *scratch, const char *str, vs_md_ctx ctx);

/* As esc_md, but each occurrence of one of urls (validated http(s) URLs, as a record's
** sources) becomes an explicit autolink <URL>; nothing else can become a link. */
void esc_md_links(vs_buf *out, vs_buf *scratch, const char *str, vs_md_ctx ctx,
                  const char *const *urls, size_t n_urls);

/* Append "<!-- text -->": a comment that cannot end early, and adds no table cell after a
** row (--explain's sources in Markdown). */
void esc_md_comment(vs_buf *out, vs_buf *scratch, const char *text);

/* ---- HTML ---- */

/* Append str as HTML text or a quoted attribute value; white space at both ends dropped.
** The entities it writes are XML's too, and it writes no control character: JUnit XML of
** `versus test --junit` uses it. */
void esc_html(vs_buf *out, const char *str);

/* As esc_html, but each occurrence of one of urls (validated http(s) URLs, as a record's
** sources) becomes a link <a href="URL">URL</a>; nothing else can become a link. */
void esc_html_links(vs_buf *out, const char *str, const char *const *urls, size_t n_urls);

/* ---- both ---- */

/* Would str write nothing (only white space, controls and invisible characters)? */
bool esc_blank(const char *str);

/* Append a link target part, percent-encoded outside [A-Za-z0-9._~-]. */
void esc_href(vs_buf *out, const char *str);

/* Append a link base the user gave (--site-url, an http(s) URL checked by the caller):
** bytes outside [A-Za-z0-9._~:/-] percent-encoded, so it cannot end a Markdown link target
** or an HTML attribute early. */
void esc_url_base(vs_buf *out, const char *base);

/* ---- terminal ---- */

/* A copy of str for a terminal: tabs and controls as spaces (line breaks kept when
** keep_newlines), invisible characters dropped, never an escape sequence. */
char *esc_terminal(const char *str, bool keep_newlines);

/* ---- JSON ---- */

/* What a piece of JSON text is for (json_write.h says what each writes). */
typedef enum json_style {
	JSON_REPORT, /* a report, `show --json`: report.md's form */
	JSON_RECORD  /* a record or state file: what Python's json.dumps(ensure_ascii=False) writes */
} json_style;

/* A JSON string: '"' and '\' escaped, control characters, U+2028/U+2029 and the invisible
** characters as \uXXXX (so they survive, visibly, as recorded), invalid bytes as \ufffd.
** NULL is null. */
void json_put_string(vs_buf *out, const char *str);
/* The same in style st: JSON_RECORD escapes only '"', '\' and C0 controls (\n, \t, \u001b)
** and writes every other byte as it is. */
void json_put_string_as(vs_buf *out, const char *str, json_style st);

#endif
