/*
** render.h — a report written out: the options every format reads, the one walk over a
** report (render.c) that the document formats share, and the registry of formats
** (formats.c) that the command line, the completion scripts, the site and the fuzzers read.
**
** The walk follows cmark's cmark_render: render.c decides what is shown (a blank title, a
** section with nothing in it, an item with no words, a table with no rows), how many columns
** a table has and where a provenance item's links go, and calls the format's callbacks
** (vs_render_ops) for each piece, as cmark calls a format's render_node and outc.  A format
** keeps only how a piece looks.  A new format is one file with a render function and one row
** in formats.c.
*/
#ifndef VERSUS_RENDER_H
#define VERSUS_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

typedef struct vs_render_opts {
	bool explain;     /* show each item's source */
	bool color;       /* text only: ANSI colour */
	int width;        /* text only: wrap width */
	/* Related-pair links: only when link_suffix is set (a site: ".html"), to link_base (a
	** published site's "https://…/compare/", from --site-url) or relative when NULL.
	** A one-off report (no suffix) names its related pairs as plain text: the pages it
	** would link to exist only in a site. */
	const char *link_suffix;
	const char *link_base;
	const char *rules_dir_note; /* --explain: non-shipped rules directory, or NULL */
	/* html only: a site's pair page links under its title to the index and to the two
	** model pages (site.c makes them), so no page of a site is a dead end. */
	const vs_link *nav;
	size_t n_nav;
} vs_render_opts;

/* {====== The walk */

/*
** What a document format does with each piece the walk shows, in the order of the report:
** start, the title, front, the --explain note, then for each section with anything in it
** section_start, its heading, its items, its table, the section's hook, section_end; last
** end.  st is the format's own state.  A NULL callback writes nothing, except where said.
*/
typedef struct vs_render_ops {
	void (*start)(void *st, const vs_report *r);              /* before the title */
	void (*title)(void *st, const char *text, const char *source); /* level 1 */
	void (*front)(void *st);                                  /* after the title */
	void (*rules_note)(void *st, const char *note);           /* --explain, not blank */
	void (*section_start)(void *st, const vs_section *s);
	void (*heading)(void *st, const char *text, const char *source); /* a section's, level 2 */
	void (*paragraph)(void *st, const char *text, const char *source);
	void (*bullet)(void *st, const vs_item *it, bool link);  /* link: a related pair */
	/* A question and its answer; has_q and has_a say which of them is not blank. */
	void (*qa)(void *st, const vs_item *it, bool has_q, bool has_a);
	/* The provenance section's item whose values list its URLs; NULL: a paragraph. */
	void (*sources)(void *st, const vs_item *it);
	/* A table of ncols columns (the header's or the widest row's: no cell is dropped),
	** titled when the section's heading was written (it carries the columns' source). */
	void (*table)(void *st, const vs_section *s, size_t ncols, bool titled);
	/* Per-section hooks after the table, by section id: HTML's cost chart. */
	void (*after[VS_SEC_COUNT])(void *st, const vs_report *r);
	void (*section_end)(void *st, const vs_section *s);
	void (*end)(void *st, bool any); /* any: some section, title or note was written */
} vs_render_ops;

void render_walk(const vs_report *r, const vs_render_opts *o, const vs_render_ops *ops,
                 void *st);

/* The columns of a table: the header's count or the widest row's, whichever is more.  rows
** points at the first row's cells, stride bytes apart (a vs_item's cells, a vs_page's row). */
size_t render_ncols(size_t header, const vs_strv *rows, size_t n_rows, size_t stride);

/* Blocks of text separated by a blank line, bullets of one list by none (Markdown, text). */
typedef struct vs_blocks {
	bool any;     /* a block has been written */
	bool in_list; /* the last block was a bullet */
} vs_blocks;
/* A block starts: true when a blank line goes before it. */
bool render_block(vs_blocks *b, bool bullet);

/* }====== */

/* {====== The formats */

void render_md(const vs_report *r, const vs_render_opts *o, vs_buf *out);
void render_html(const vs_report *r, const vs_render_opts *o, vs_buf *out);
void render_text(const vs_report *r, const vs_render_opts *o, vs_buf *out);
void render_json(const vs_report *r, const vs_render_opts *o, vs_buf *out);
/* A site page (index or model page) as a self-contained HTML page, as render_html styles
** reports. */
void render_page_html(const vs_page *pg, vs_buf *out);

typedef void (*vs_render_fn)(const vs_report *r, const vs_render_opts *o, vs_buf *out);

/* One output format of compare: the name -f takes, the file extensions that choose it
** (space-separated, the usual one first), its writer, and whether it needs the cost curves
** (report_cost_curves) filled first. */
typedef struct vs_format {
	const char *name;
	const char *extensions;
	vs_render_fn render;
	bool needs_curves;
	bool data; /* the report as data: every source in it, and the load problems too */
} vs_format;

extern const vs_format render_formats[]; /* ends with a row whose name is NULL */

/* The format named name, or NULL. */
const vs_format *render_format(const char *name);
/* The format whose extension a file name has (".md", case ignored); NULL for an extension
** no format has, *none set when the name has no extension at all. */
const vs_format *render_format_for_file(const char *path, bool *none);
/* The formats' names, or with ext each one's usual extension after a '.', as a list:
** "md, html, text or json" with sep ", " and last " or ".  Free it. */
char *render_format_list(bool ext, const char *sep, const char *last);
/* "md html text json": the words -f takes, as cli_arg_values gives a metavar's.  Made on
** the first call and kept; the command line asks, before any thread starts. */
const char *render_format_names(void);

/* }====== */

#endif
