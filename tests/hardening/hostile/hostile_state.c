/*
** hostile_state.c — a plugin that changes process-wide state the core must not depend on
** (hardening issue item 5): in init and in every statement call it switches the global
** locale to $HOSTILE_LOCALE (a locale with a decimal comma), changes the working directory
** to "/" and sets the umask to 0.  Reports, relative --data and -o paths, and the mode of
** a new -o file must be exactly what they are without it.
*/
#include <locale.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case.h" /* tests/plugins/case.h */

static void disturb(void)
{
	const char *loc = getenv("HOSTILE_LOCALE");
	if (loc)
		setlocale(LC_ALL, loc);
	if (chdir("/") != 0)
		abort();
	umask(0);
}

static int init(const versus_api *api, versus_host *host, void **data, char *err, size_t errlen)
{
	(void)api, (void)host, (void)data, (void)err, (void)errlen;
	disturb();
	return 0;
}

static int meddle(const versus_api *api, versus_pair *pair, void *data)
{
	(void)api, (void)pair, (void)data;
	disturb();
	return 0;
}

static const versus_statement statements[] = {
	{"hostile_state", "friction", meddle},
};

CASE_DESCRIPTOR("hostile-state", "1.0.0", .statements = statements, .n_statements = 1,
                .init = init)
