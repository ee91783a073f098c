/*
** audio.c — the smallest complete versus plugin.
**
** It adds one capability, "Audio input" (read from capabilities.audio_input in each model
** record), and one statement in the "friction" section that says when switching from one
** model to the other loses audio input.  Loading it adds a row to the capability table, and
** the shipped rules pick the new capability up in their tradeoffs: no change to the core or
** to the rules.
**
** Build it out of tree and load it:
**
**     cc -shared -fPIC $(pkg-config --cflags versus-plugin) -o audio.so audio.c
**     versus --plugins . compare model-a model-b
**
** Everything a plugin needs is in <versus/plugin.h>; it never links against the program
** and reaches the core only through the api table passed to each function.
*/
#include <stdio.h>

#include <versus/plugin.h>

/*
** A capability check: from one model to yes / no / unknown.  Unknown is the zero value, so
** a check that finds nothing to go on answers unknown, never no.  It runs once per model,
** before any report is made.  (If the record holds an explicit true or false under
** capabilities.audio_input, the core uses that whatever the check says.)
*/
static versus_cap_answer check_audio_input(const versus_api *api, const versus_model *m,
                                           void *data)
{
	versus_value v;
	(void)data;
	if (api->model_field(m, "capabilities.audio_input", &v) != VERSUS_VALUE_BOOL)
		return VERSUS_CAP_UNKNOWN; /* absent or null */
	return v.boolean ? VERSUS_CAP_YES : VERSUS_CAP_NO;
}

/* A model's display name (the id when it has none).  Valid until the call returns. */
static const char *name_of(const versus_api *api, const versus_model *m)
{
	versus_value v;
	if (api->model_field(m, "name", &v) == VERSUS_VALUE_STRING)
		return v.string;
	return api->model_id(m);
}

/*
** A statement: runs once per pair and emits zero or more items.  Here: when exactly one of
** the two models takes audio input (yes on one side, no on the other; unknown is never a
** difference), say that switching away from it loses audio input.
*/
static int audio_friction(const versus_api *api, versus_pair *pair, void *data)
{
	(void)data;
	for (int which = 0; which < 2; which++) {
		const versus_model *has = api->pair_model(pair, which);
		const versus_model *lacks = api->pair_model(pair, 1 - which);
		if (api->model_cap(has, "audio_input") != VERSUS_CAP_YES ||
		    api->model_cap(lacks, "audio_input") != VERSUS_CAP_NO)
			continue;

		char text[512];
		snprintf(text, sizeof text,
		         "%s takes audio input and %s does not: moving to %s means transcribing "
		         "audio before it reaches the model.",
		         name_of(api, has), name_of(api, lacks), name_of(api, lacks));
		const char *about[] = {api->model_id(has)};
		const char *values[] = {"Audio input"};
		versus_item item = {
			.section = "friction",
			.key = NULL, /* NULL: the statement's key, "audio_input_gap" */
			.text = text, /* the core copies it before emit_item returns */
			.about = about,
			.n_about = 1,
			.values = values,
			.n_values = 1,
		};
		if (api->emit_item(pair, &item) != 0)
			return 1; /* malformed: the core has already reported why */
	}
	return 0;
}

static const versus_capability capabilities[] = {
	/* id (the record key), label (the table row), group, order (110 and below are taken
	** by the shipped checks), check */
	{"audio_input", "Audio input", NULL, 120, check_audio_input},
};

static const versus_statement statements[] = {
	/* key, section (an id of the report's sections), run */
	{"audio_input_gap", "friction", audio_friction},
};

/*
** The descriptor.  VERSUS_PLUGIN_HEADER fills in the ABI version this file was compiled
** against and the descriptor's size, which the core checks before reading anything else.
** Flags 0: the core never calls into this plugin from two threads at once (it has no state,
** so VERSUS_PLUGIN_REENTRANT would be fine too).  The core copies every string and array.
*/
static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "audio-example",
	.version = "1.0.0",
	.capabilities = capabilities,
	.n_capabilities = 1,
	.statements = statements,
	.n_statements = 1,
};

/* The one exported symbol.  VERSUS_EXPORT keeps it visible under -fvisibility=hidden. */
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
