/* init fails with a message: refused, and fini is never called. */
#include <stdio.h>
#include <stdlib.h>

#include "case.h"

static int init(const versus_api *api, versus_host *host, void **data, char *err, size_t errlen)
{
	(void)api, (void)host, (void)data;
	snprintf(err, errlen, "cannot find its price sheet");
	return 5;
}

static void fini(void *data)
{
	(void)data;
	abort(); /* never reached: fini runs only after a successful init */
}

static const versus_plugin plugin = {
	VERSUS_PLUGIN_HEADER(0),
	.name = "init-fails",
	.version = "1.0.0",
	.init = init,
	.fini = fini,
};

CASE_ENTRY(plugin)
