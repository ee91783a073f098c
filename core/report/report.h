/*
** report.h — a report as data: the 14 sections of report.md in order, each with items and
** table rows contributed by rules and plugins, plus the cost block and diagnostics.
** Assembly (engine.c) fills it; the renderers (core/render/, render.h) only read it.  No English here: every
** string in a report came from a rule, a plugin or the data.
*/
#ifndef VERSUS_REPORT_H
#define VERSUS_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "cost.h"
#include "escape.h"
#include "json_write.h"
#include "diag.h"
#include "util.h"

typedef enum vs_section_id {
	VS_SEC_SUMMARY,
	VS_SEC_SCORECARD,
	VS_SEC_TRADEOFFS,
	VS_SEC_COST,
	VS_SEC_FRICTION,
	VS_SEC_SPECS,
	VS_SEC_PRICING,
	VS_SEC_ROUTES,     /* report.md revision 3: each model's routes at the profile */
	VS_SEC_CAPABILITIES,
	VS_SEC_BENCHMARKS,
	VS_SEC_DEEP_DIVE,
	VS_SEC_FAQ,
	VS_SEC_RELATED,
	VS_SEC_PROVENANCE,
	VS_SEC_COUNT
} vs_section_id;

/* "summary", "scorecard", ... ; -1 for an unknown name. */
const char *section_name(vs_section_id id);
int section_from_name(const char *name);

/* How a renderer lays out a section's items: a presentation hint a rule sets. */
typedef enum vs_style {
	VS_STYLE_PARAGRAPHS, /* "paragraphs": each text item a paragraph (default) */
	VS_STYLE_LIST,       /* "list": bullets */
	VS_STYLE_FAQ,        /* "faq": question as a heading, answer below */
	VS_STYLE_LINKS       /* "links": each item links to the pair in its values/about */
} vs_style;
int style_from_name(const char *name); /* -1 when unknown */

/* How one item is laid out, from its section's style and its own shape: the one place every
** renderer takes that decision from, so a new style is added here, not in each format. */
typedef enum vs_layout {
	VS_LAYOUT_PARAGRAPH,
	VS_LAYOUT_BULLET,
	VS_LAYOUT_LINK,     /* a bullet linking to item->href */
	VS_LAYOUT_QA        /* question as a heading, answer below */
} vs_layout;

typedef struct vs_item {
	char *key;
	vs_strv about;   /* model ids, subject first */
	vs_strv values;
	char *text;      /* exactly one of: text, question+answer, cells (rows) */
	char *question;
	char *answer;
	vs_strv cells;
	char *href;      /* links: the pair's page name "a-vs-b" (sorted ids), or NULL */
	char *source;    /* "rules/faq.lua:30" or "plugin:caps" */
	char *origin;    /* the rules directory, when it is not the shipped one; else NULL */
} vs_item;

/* The words of a chart, as section{chart = {x, y, marker, crossover}} gives them. */
enum { VS_CHART_X, VS_CHART_Y, VS_CHART_MARKER, VS_CHART_CROSSOVER, VS_CHART_WORDS };

typedef struct vs_section {
	vs_section_id id;
	char *title;     /* from rules; "" when none */
	vs_style style;
	vs_strv columns; /* table header; empty when the section has no table */
	vs_strv chart;   /* the chart's words from rules: VS_CHART_X, _Y, _MARKER; may be empty */
	char *source;    /* the section{} that gave title and columns ("rules/x.lua:4"), or NULL */
	char *origin;    /* its rules directory, when it is not the shipped one; else NULL */
	vs_item *items;
	size_t n_items, cap_items;
	vs_item *rows;
	size_t n_rows, cap_rows;
} vs_section;

typedef struct vs_report_model {
	char *id;
	char *name;
	vs_cost cost;    /* route points into the record: valid while the catalog lives */
	char *route;     /* owned copy of cost.route */
	char *cheapest_route; /* owned copy of cost.cheapest_route */
} vs_report_model;

typedef struct vs_report {
	char *title;
	char *title_source; /* the title{} that gave it, or NULL; title_origin as vs_item's */
	char *title_origin;
	vs_report_model models[2];
	vs_traffic traffic;
	bool have_delta;
	double delta_usd;
	int cheaper;     /* 0 = A, 1 = B, -1 = none (unknown or equal) */
	vs_crossovers crossovers; /* where the cheaper model changes, in increasing input size */
	vs_section sections[VS_SEC_COUNT];
	vs_diags diags;
	/* Monthly cost over input tokens per request, for the HTML chart; filled on request by
	** report_cost_curves (n == 0 on both when not asked for, or when neither is priced). */
	vs_curve curves[2];
	double curve_lo, curve_hi; /* the input-token range the curves span */
} vs_report;

/* Fill r->curves for the models a and b (their records) at r->traffic: input tokens from 100
** to the larger of the two context windows (1,000,000 when neither is known). */
void report_cost_curves(vs_report *r, const json_t *a, const json_t *b);

void report_init(vs_report *r);
void report_free(vs_report *r);

/* Append a zeroed item (or row) to a section and return it; the caller fills it. */
vs_item *report_add_item(vs_report *r, vs_section_id sec);
vs_item *report_add_row(vs_report *r, vs_section_id sec);
void item_free(vs_item *it);
/* A related pair's command on a one-off page, where no page exists to link to (report.md,
** Links): "versus compare a b", the ids in sorted order as in the link; NULL for an item
** without a pair page.  Free it. */
char *item_pair_command(const vs_item *it);
vs_layout item_layout(const vs_section *s, const vs_item *it);

/* ---- a site's other pages: the index of models and a page per model ---- */

/* A link on a site page: its text (from rules) and its target (a relative path). */
typedef struct vs_link {
	char *text;
	char *href;
} vs_link;

/* What rules' page{} declarations give for one page; the words are all from rules. */
typedef struct vs_page {
	char *title;
	vs_strv intro;       /* paragraphs */
	vs_strv columns;     /* the table header; the index's model table or the facts table */
	vs_strv *rows;       /* rows of cells; a row's first cell links to row_links[i] when set */
	char **row_links;
	size_t n_rows;
	char *links_heading; /* the model page's heading above its pairs */
	vs_link *links;
	size_t n_links;
	vs_link back;        /* "All models" and the like; text may be NULL */
	vs_diags diags;
} vs_page;

void page_free(vs_page *pg);

#endif
