/*
** good.c — a valid plugin that exercises the function table for tests/unit/test_plugins.c:
** a derived capability the record can overrule, a check that reads another check's answer,
** statements that emit good and malformed items, one that calls the api from a thread of its
** own (refused), one that fails, and one that detects overlapping calls (it is not reentrant,
** so there must be none).
*/
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#endif
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "case.h"

static int token = 42; /* handed out as data by init; every call checks it came back */

static int data_ok(void *data)
{
	return data == &token;
}

/* Derives "yes" for every model: an explicit false in a record must still win. */
static versus_cap_answer always_yes(const versus_api *api, const versus_model *m, void *data)
{
	(void)api, (void)m;
	return data_ok(data) ? VERSUS_CAP_YES : VERSUS_CAP_NO;
}

/* Echoes another capability's answer: sees the record's explicit value or an earlier check. */
static versus_cap_answer echo_vision(const versus_api *api, const versus_model *m, void *data)
{
	(void)data;
	return api->model_cap(m, "vision");
}

static int good_items(const versus_api *api, versus_pair *pair, void *data)
{
	if (!data_ok(data))
		return 9;
	versus_item text = {.section = "tradeoffs", .text = "A good text item."};
	const char *about[] = {"only-a"};
	const char *values[] = {"One", "Two"};
	versus_item qa = {
		.section = "faq",
		.key = "faq.good",
		.question = "Is this a question?",
		.answer = "It is.",
		.about = about,
		.n_about = 1,
		.values = values,
		.n_values = 2,
	};
	const char *cells[] = {"Good row", "Yes", "No"};
	versus_item row = {.section = "capabilities", .key = "good_row", .cells = cells,
	                   .n_cells = 3};
	if (api->emit_item(pair, &text) || api->emit_item(pair, &qa) || api->emit_item(pair, &row))
		return 1;
	api->report_problem(api->pair_host(pair), "a problem from a statement");
	return 0;
}

/* Every one of these is malformed; each must be refused with a diagnostic. */
static int bad_items(const versus_api *api, versus_pair *pair, void *data)
{
	(void)data;
	const char *cells[] = {"x", NULL};
	const char *ok_cells[] = {"x"};
	const versus_item bad[] = {
		{.section = "sidebar", .text = "unknown section"},
		{.section = NULL, .text = "no section"},
		{.section = "friction"},                                       /* nothing */
		{.section = "friction", .text = "t", .question = "q", .answer = "a"}, /* two kinds */
		{.section = "friction", .text = "t", .cells = ok_cells, .n_cells = 1},
		{.section = "friction", .question = "a question without an answer"},
		{.section = "friction", .answer = "an answer without a question"},
		{.section = "friction", .text = "bad \xff UTF-8"},
		{.section = "friction", .text = "escape \033[31m"},
		{.section = "friction", .cells = cells, .n_cells = 2},        /* NULL cell */
		{.section = "friction", .cells = NULL, .n_cells = 3},         /* NULL array */
		{.section = "friction", .text = "t", .about = NULL, .n_about = 2},
		{.section = "friction", .text = "t", .key = ""},
	};
	int refused = 0;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		refused += api->emit_item(pair, &bad[i]) == -1;
	refused += api->emit_item(pair, NULL) == -1;
	char msg[64];
	snprintf(msg, sizeof msg, "refused %d of %d", refused, (int)(sizeof bad / sizeof bad[0]) + 1);
	versus_item note = {.section = "friction", .text = msg};
	return api->emit_item(pair, &note);
}

/* Calls made with a pair from a thread the plugin started are refused. */
struct thread_args {
	const versus_api *api;
	versus_pair *pair;
	int emit_rc;
	int host_null;
	int model_null;
};

static void *from_thread(void *p)
{
	struct thread_args *t = p;
	versus_item it = {.section = "friction", .text = "from a thread"};
	t->emit_rc = t->api->emit_item(t->pair, &it);
	t->host_null = t->api->pair_host(t->pair) == NULL;
	t->model_null = t->api->pair_model(t->pair, 0) == NULL;
	return NULL;
}

static int thread_items(const versus_api *api, versus_pair *pair, void *data)
{
	(void)data;
	struct thread_args t = {api, pair, 0, 0, 0};
	pthread_t th;
	if (pthread_create(&th, NULL, from_thread, &t) != 0)
		return 2;
	pthread_join(th, NULL);
	char msg[80];
	snprintf(msg, sizeof msg, "thread: emit %d, host null %d, model null %d", t.emit_rc,
	         t.host_null, t.model_null);
	versus_item note = {.section = "deep_dive", .text = msg};
	return api->emit_item(pair, &note);
}

static int fails(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	return 3;
}

/* Not reentrant: the core must never run two of its calls at once. */
static int inside;
static int overlapped;

static int serial(const versus_api *api, versus_pair *pair, void *data)
{
	(void)data;
	if (++inside > 1)
		overlapped = 1;
	struct timespec ts = {0, 2000000};
	nanosleep(&ts, NULL);
	--inside;
	versus_item note = {.section = "related", .text = overlapped ? "overlap" : "serial"};
	return api->emit_item(pair, &note);
}

static int init(const versus_api *api, versus_host *host, void **data, char *err, size_t errlen)
{
	(void)err, (void)errlen;
	if (api->size < sizeof(versus_api) || api->abi_major != VERSUS_PLUGIN_ABI_MAJOR)
		return 1;
	/* The core's own table has every entry of this header (api_has_test.c: older tables). */
	if (!VERSUS_API_HAS(api, model_id) || !VERSUS_API_HAS(api, model_field) ||
	    !VERSUS_API_HAS(api, report_problem) || !VERSUS_API_HAS(api, emit_item) ||
	    !VERSUS_API_HAS(api, pair_model) || !VERSUS_API_HAS(api, model_cap) ||
	    !VERSUS_API_HAS(api, pair_host))
		return 1;
	api->report_problem(host, "hello from init");
	*data = &token;
	return 0;
}

static void fini(void *data)
{
	(void)data;
}

static const versus_capability caps[] = {
	{"always_yes", "Always yes", NULL, 300, always_yes},
	{"echo_vision", "Echo vision", "integration", 310, echo_vision},
};

static const versus_statement stmts[] = {
	{"good_items", "tradeoffs", good_items},
	{"good_bad_items", "friction", bad_items},
	{"good_thread", "deep_dive", thread_items},
	{"good_fails", "summary", fails},
	{"good_serial", "related", serial},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "good",
	.version = "0.0.1",
	.capabilities = caps,
	.n_capabilities = sizeof caps / sizeof caps[0],
	.statements = stmts,
	.n_statements = sizeof stmts / sizeof stmts[0],
	.init = init,
	.fini = fini,
};

CASE_ENTRY(plugin)
