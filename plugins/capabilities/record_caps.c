/*
** record_caps.c — the ten capabilities of the reference page, as read from the record.
**
** Each check reads capabilities.<id>: true is yes, false is no, null or absent is unknown.
** The three that a switch between models can break (function calling, tool use, structured
** outputs) are in the group "integration".  Built against versus/plugin.h only.
*/
#include <versus/plugin.h>

static versus_cap_answer recorded(const versus_api *api, const versus_model *m, const char *path)
{
	versus_value v;
	if (api->model_field(m, path, &v) != VERSUS_VALUE_BOOL)
		return VERSUS_CAP_UNKNOWN; /* absent, null or not a boolean: unknown, never no */
	return v.boolean ? VERSUS_CAP_YES : VERSUS_CAP_NO;
}

/* One check function per capability: the check gets no per-capability argument. */
#define RECORD_CHECK(id)                                                                  \
	static versus_cap_answer check_##id(const versus_api *api, const versus_model *m,     \
	                                    void *data)                                       \
	{                                                                                     \
		(void)data;                                                                       \
		return recorded(api, m, "capabilities." #id);                                     \
	}

RECORD_CHECK(vision)
RECORD_CHECK(multimodal)
RECORD_CHECK(reasoning)
RECORD_CHECK(function_calling)
RECORD_CHECK(tool_use)
RECORD_CHECK(structured_outputs)
RECORD_CHECK(code_execution)
RECORD_CHECK(ide_integration)
RECORD_CHECK(computer_use)
RECORD_CHECK(parallel_agents)

static const versus_capability capabilities[] = {
	{"vision", "Vision", NULL, 10, check_vision},
	{"multimodal", "Multimodal", NULL, 20, check_multimodal},
	{"reasoning", "Reasoning", NULL, 30, check_reasoning},
	{"function_calling", "Function calling", "integration", 40, check_function_calling},
	{"tool_use", "Tool use", "integration", 50, check_tool_use},
	{"structured_outputs", "Structured outputs", "integration", 60, check_structured_outputs},
	{"code_execution", "Code execution", NULL, 70, check_code_execution},
	{"ide_integration", "IDE integration", NULL, 80, check_ide_integration},
	{"computer_use", "Computer use", NULL, 90, check_computer_use},
	{"parallel_agents", "Parallel agents", NULL, 100, check_parallel_agents},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(VERSUS_PLUGIN_REENTRANT), /* no state: calls may overlap */
	.name = "core-capabilities",
	.version = "1.0.0",
	.capabilities = capabilities,
	.n_capabilities = sizeof capabilities / sizeof capabilities[0],
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
