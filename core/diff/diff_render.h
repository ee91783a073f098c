/*
** diff_render.h — `versus diff` in md or text, its words from the rules' page "diff"
** (rules/06-diff.lua); JSON is diff.c's document itself (docs/diff.schema.json).
*/
#ifndef VERSUS_DIFF_RENDER_H
#define VERSUS_DIFF_RENDER_H

#include <jansson.h>
#include <stdbool.h>

#include "engine.h"
#include "report.h"
#include "util.h"

/* Append doc (diff_catalogs) to out as Markdown (md) or terminal text; problems of the
** rules go to pg->diags. */
void diff_render(vs_engine *e, const json_t *doc, bool md, vs_buf *out, vs_page *pg);

#endif
