/*
** paths.h — where data, rules and plugins come from (cli.md "Where things come from"):
** shipped (found from the executable's location: build tree or install prefix), then the
** user's own directories, then the environment variables, then each command-line option.
*/
#ifndef VERSUS_PATHS_H
#define VERSUS_PATHS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct vs_dirlist {
	char **v;
	char **labels; /* what --explain and `versus rules` show for the directory */
	size_t n;
} vs_dirlist;

typedef struct vs_paths {
	char *data;
	vs_dirlist rules;
	vs_dirlist plugins;
	char *shipped_rules;
	char *schema;   /* data/schema/model.schema.json */
	bool from_build_tree;
} vs_paths;

/* opt_*: what the command line gave (NULL/empty when nothing). */
void paths_resolve(vs_paths *p, const char *opt_data, char **opt_rules, size_t n_opt_rules,
                   char **opt_plugins, size_t n_opt_plugins);
void paths_free(vs_paths *p);

#endif
