/*
** render_chart.h — the HTML report's cost chart (render_chart.c), for render_html.c only.
*/
#ifndef VERSUS_RENDER_CHART_H
#define VERSUS_RENDER_CHART_H

#include "render.h"

/* Append the cost section's chart of r's cost curves (report_cost_curves), or nothing when
** neither model has a curve. */
void html_cost_chart(const vs_report *r, vs_buf *out);

#endif
