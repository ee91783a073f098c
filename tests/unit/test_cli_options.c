/*
** test_cli_options.c — the command line's table (core/cli/commands.c) and what options.c
** does with a row: each row's kind agrees with its metavar and field, a value lands in its
** vs_cli field or is a usage error, the traffic options are one table that compare, site and
** diff list, and the commands that run on the catalog say so (main.c opens it for them).
*/
#include <stddef.h>

#include "cli.h"
#include "harness.h"

/* Every row of every table: a flag takes no value, every other kind names one; a list
** says where its count is, a custom row has a setter, a range its maximum. */
static void rows_agree(void)
{
	const vs_options *sets[64];
	size_t n = 0;
	sets[n++] = &vs_global_options;
	for (const vs_command *c = vs_commands; c->name && n < 64; c++)
		sets[n++] = &c->options;
	size_t rows = 0;
	for (size_t i = 0; i < n; i++)
		VS_EACH_OPTION(o, sets[i]) {
			rows++;
			bool valueless = o->kind == VS_OPT_FLAG || o->kind == VS_OPT_NONE;
			OK(valueless == (o->arg == NULL), "%s: kind %d and metavar %s", o->name, o->kind,
			   o->arg ? o->arg : "(none)");
			if (o->kind == VS_OPT_LIST)
				OK(o->count_at != 0, "%s: a list row says where its count is", o->name);
			if (o->kind == VS_OPT_CUSTOM)
				OK(o->set != NULL, "%s: a custom row has a setter", o->name);
			if (o->kind == VS_OPT_RANGE)
				OK(o->max > 0, "%s: a range row has a maximum", o->name);
			if (o->kind == VS_OPT_ENUM)
				OK(cli_arg_values(o->arg) != NULL, "%s: %s has words", o->name, o->arg);
		}
	OK(rows > 40, "the tables hold %zu rows", rows);
}

static const vs_option *option(const char *cmd, const char *name)
{
	const vs_command *c = cmd ? cli_find_command(cmd) : NULL;
	const vs_option *o = cli_find_option(c ? &c->options : &vs_global_options, name,
	                                     strlen(name));
	OK(o != NULL, "%s %s is in the table", cmd ? cmd : "(global)", name);
	return o;
}

static int apply(vs_cli *c, const char *cmd, const char *name, const char *value)
{
	static char buf[8][64];
	static size_t next;
	char *v = NULL;
	if (value) {
		v = buf[next++ % 8];
		snprintf(v, 64, "%s", value);
	}
	const vs_option *o = option(cmd, name);
	return o ? cli_apply_option(c, cmd ? cli_find_command(cmd) : NULL, o, v) : -1;
}

/* A value lands in its field, or is a usage error that changes nothing. */
static void values_land(void)
{
	vs_cli c = {0};
	OK(apply(&c, "compare", "--requests", "5") == 0 && c.traffic.requests == 5, "count");
	OK(apply(&c, "compare", "--requests", "1e9") == VS_EXIT_USAGE && c.traffic.requests == 5,
	   "a count in another form is a usage error");
	OK(apply(&c, "compare", "--cached-share", ".25") == 0 && c.traffic.cached_share == 0.25,
	   "share");
	OK(apply(&c, "compare", "--cached-share", "2") == VS_EXIT_USAGE, "a share over 1");
	OK(apply(&c, "compare", "--batch", NULL) == 0 && c.traffic.batch, "flag");
	OK(apply(&c, "compare", "--color", "never") == 0 && strcmp(c.color, "never") == 0, "enum");
	OK(apply(&c, "compare", "--color", "sometimes") == VS_EXIT_USAGE, "another word");
	OK(apply(&c, "compare", "-f", "json") == 0 && strcmp(c.format, "json") == 0, "-f");
	OK(apply(&c, "site", "--jobs", "3") == 0 && c.jobs == 3, "range");
	OK(apply(&c, "site", "--jobs", "0") == VS_EXIT_USAGE && c.jobs == 3, "range's floor");
	OK(apply(&c, "site", "--shard", "2/4") == 0 && c.shard_k == 2 && c.shard_n == 4, "shard");
	OK(apply(&c, "site", "--provider", "A") == 0 && apply(&c, "diff", "--provider", "B") == 0 &&
	   c.traffic.n_providers == 2 && strcmp(c.traffic.providers[1], "B") == 0,
	   "--provider adds to the traffic's list");
	OK(apply(&c, NULL, "--rules", "x") == 0 && apply(&c, NULL, "--rules", "y") == 0 &&
	   c.n_rules == 2 && strcmp(c.rules[1], "y") == 0, "list");
	OK(apply(&c, "list", "--min-context", "1000") == 0 && c.min_context == 1000, "list's count");
	OK(apply(&c, "import", "--into", "d") == 0 && strcmp(c.into, "d") == 0, "string");
	free(c.providers);
	free(c.rules);
}

/* The traffic rows are one table, listed by each command that prices; the commands that
** run on the catalog say so. */
static void shared_and_needs(void)
{
	const vs_option *traffic = option("compare", "--requests");
	const char *pricing[] = {"compare", "site", "diff"};
	for (size_t i = 0; i < 3; i++)
		OK(option(pricing[i], "--requests") == traffic, "%s lists the traffic table", pricing[i]);
	const char *on_catalog[] = {"compare", "list", "show", "check", "rules", "plugins", "site"};
	for (size_t i = 0; i < VS_ARRAY_LEN(on_catalog); i++)
		OK(cli_find_command(on_catalog[i])->needs != VS_NEEDS_NOTHING, "%s needs the catalog",
		   on_catalog[i]);
	OK(cli_find_command("compare")->needs == VS_NEEDS_ENGINE, "compare needs the rules");
	OK(cli_find_command("check")->needs == VS_NEEDS_UNCHECKED, "check runs its own checks");
}

int main(void)
{
	rows_agree();
	values_land();
	shared_and_needs();
	return test_summary("cli options");
}
