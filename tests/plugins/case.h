/*
** case.h — what the test plugins share, so that each file shows only what makes it a case:
** the exported entry point, and a descriptor (ABI 1.x, its own size, version 1.0.0) with
** nothing, one capability check or one statement in it.  A case that is about the descriptor
** or the entry point itself (abi_major, small_size, bad_list, null_entry, ...) writes them out.
**
**     static versus_cap_answer check(const versus_api *api, const versus_model *m, void *d);
**     CASE_ONE_CHECK("bad-answer", "seven", "Seven", 700, check)
*/
#ifndef VERSUS_TEST_PLUGIN_CASE_H
#define VERSUS_TEST_PLUGIN_CASE_H

#include <versus/plugin.h>

/* versus_plugin_entry, returning &DESCRIPTOR */
#define CASE_ENTRY(descriptor)                                        \
	VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void); \
	VERSUS_EXPORT const versus_plugin *versus_plugin_entry(void)  \
	{                                                             \
		return &(descriptor);                                 \
	}

/* A plugin NAME at VERSION with no check and no statement, and its entry point. */
#define CASE_PLUGIN(name_, version_)                                                     \
	static const versus_plugin plugin = {VERSUS_PLUGIN_HEADER(0), .name = name_,     \
	                                     .version = version_};                       \
	CASE_ENTRY(plugin)

/* A plugin NAME with one capability check {ID, LABEL, no group, ORDER, FN}, and its entry. */
#define CASE_ONE_CHECK(name_, id, label, order, fn)                             \
	static const versus_capability caps[] = {{id, label, NULL, order, fn}}; \
	CASE_DESCRIPTOR(name_, "1.0.0", .capabilities = caps, .n_capabilities = 1)

/* A plugin NAME with one statement {KEY, SECTION, FN}, and its entry point. */
#define CASE_ONE_STATEMENT(name_, key, section, fn)                   \
	static const versus_statement stmts[] = {{key, section, fn}}; \
	CASE_DESCRIPTOR(name_, "1.0.0", .statements = stmts, .n_statements = 1)

/* The descriptor `plugin` (NAME, VERSION and the fields given) and its entry point. */
#define CASE_DESCRIPTOR(name_, version_, ...)                                        \
	static const versus_plugin plugin = {                                        \
		VERSUS_PLUGIN_HEADER(0), .name = name_, .version = version_, __VA_ARGS__ \
	};                                                                           \
	CASE_ENTRY(plugin)

#endif
