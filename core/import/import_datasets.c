/*
** import_datasets.c — the registry of import sources: one row per dataset `versus import`
** reads, in precedence order.  The CLI's FORMAT word, its usage message and the completion
** scripts read this table; the driver (import.c) calls a row's parser and keeps the state's
** proposals under its name.
*/
#include "import.h"

#include <string.h>

const imp_dataset imp_datasets[IMP_N_SOURCES] = {
	[IMP_OPENROUTER] = {"openrouter", "OpenRouter's models list", imp_parse_openrouter},
	[IMP_LITELLM] = {"litellm", "LiteLLM's model_prices_and_context_window.json",
	                 imp_parse_litellm},
};

const imp_dataset *imp_dataset_named(const char *name)
{
	for (size_t i = 0; i < IMP_N_SOURCES; i++)
		if (strcmp(imp_datasets[i].name, name) == 0)
			return &imp_datasets[i];
	return NULL;
}
