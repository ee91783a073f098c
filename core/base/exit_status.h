/*
** exit_status.h — the exit statuses of cli.md, in one place: the commands return them, and a
** plugin's guard ends a process that cannot go on with VS_EXIT_SYSTEM.  In base/ so that every
** layer that ends a process (plugins, cli) names the same values.  A library that only
** reports an outcome returns its own status (import.h's imp_status) and the CLI maps it.
*/
#ifndef VERSUS_EXIT_STATUS_H
#define VERSUS_EXIT_STATUS_H

typedef enum vs_exit {
	VS_EXIT_OK = 0,
	VS_EXIT_PROBLEMS = 1, /* check found some; rule diagnostics under --strict */
	VS_EXIT_USAGE = 2,    /* unknown command or option, bad number */
	VS_EXIT_DATA = 3,     /* unknown model, invalid record, no catalog */
	VS_EXIT_SYSTEM = 4    /* a file could not be read or written, a plugin could not load */
} vs_exit;

#endif
