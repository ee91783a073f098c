/* Loads cleanly; its statement crashes (SIGSEGV) on every pair.
** `versus check` runs statements in a child on the pairs of the catalog and names the
** plugin, the statement and the pair; `compare` runs statements in process, so there the
** crash ends the run, but a message names the plugin first. */
#include <signal.h>

#include <versus/plugin.h>

static int run(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	raise(SIGSEGV);
	return 0;
}

static const versus_statement stmts[] = {
	{"stmt_crash", "deep_dive", run},
};

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "stmt-crash",
	.version = "1.0.0",
	.statements = stmts,
	.n_statements = 1,
};

VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void);
VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)
{
	return &plugin;
}
