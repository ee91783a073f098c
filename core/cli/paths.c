/* paths.c — resolve the data, rules and plugin directories (see paths.h). */
#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "util.h"

static void dirlist_add(vs_dirlist *l, const char *dir, const char *label)
{
	if (!dir || !*dir)
		return;
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->labels = xrealloc(l->labels, (l->n + 1) * sizeof *l->labels);
	/* Absolute now, before any plugin can chdir(); the label (what --explain, `versus rules`
	** and diagnostics show) is that real directory too, unless given ("rules": shipped). */
	l->v[l->n] = vs_absolute(dir);
	l->labels[l->n] = xstrdup(label ? label : l->v[l->n]);
	l->n++;
}

static void dirlist_add_env(vs_dirlist *l, const char *value)
{
	if (!value)
		return;
	char *copy = xstrdup(value), *save = NULL;
	for (char *tok = strtok_r(copy, ":", &save); tok; tok = strtok_r(NULL, ":", &save))
		dirlist_add(l, tok, NULL);
	free(copy);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the running executable, or NULL. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(buf);
}

/* "..", or "../.." for a bindir such as "usr/bin": from the bindir back up to the prefix. */
static const char *up_from_bindir(void)
{
	static char up[64];
	if (!up[0]) {
		size_t depth = 1;
		for (const char *p = VERSUS_BINDIR_REL; *p; p++)
			depth += *p == '/';
		for (size_t i = 0; i < depth && strlen(up) + 3 < sizeof up; i++)
			strcat(up, i ? "/.." : "..");
	}
	return up;
}

/* The shipped data, rules (into p) and plugin folders: the source and build
** trees when this is the executable of the build tree, else the installed ones. */
static void shipped_dirs(vs_paths *p, char **shipped_data, char **shipped_plugins)
{
	char *dir = exe_dir();
	char *build_core = xasprintf("%s/core", VERSUS_BUILD_ROOT);
	char *real_build = realpath(build_core, NULL);
	char *real_exe = dir ? realpath(dir, NULL) : NULL;
	p->from_build_tree = real_build && real_exe && strcmp(real_build, real_exe) == 0;
	if (p->from_build_tree) {
		*shipped_data = xasprintf("%s/data", VERSUS_SOURCE_ROOT);
		p->shipped_rules = xasprintf("%s/rules", VERSUS_SOURCE_ROOT);
		*shipped_plugins = xasprintf("%s/plugins", VERSUS_BUILD_ROOT);
	} else {
		/* Installed: PREFIX/bin/versus finds PREFIX/share/versus and the plugin directory
		** relative to itself, so a moved prefix (or a DESTDIR staging tree) works. */
		char *prefix = dir ? xasprintf("%s/%s", dir, up_from_bindir()) : NULL;
		char *share = prefix ? xasprintf("%s/%s", prefix, VERSUS_DATADIR_REL) : NULL;
		char *lib = prefix ? xasprintf("%s/%s", prefix, VERSUS_PLUGINDIR_REL) : NULL;
		free(prefix);
		if (!share || !is_dir(share)) {
			free(share);
			share = xstrdup(VERSUS_DATADIR);
		}
		if (!lib || !is_dir(lib)) {
			free(lib);
			lib = xstrdup(VERSUS_PLUGINDIR);
		}
		*shipped_data = xasprintf("%s/data", share);
		p->shipped_rules = xasprintf("%s/rules", share);
		*shipped_plugins = lib;
		free(share);
	}
	free(build_core);
	free(real_build);
	free(real_exe);
	free(dir);
}

void paths_resolve(vs_paths *p, const char *opt_data, char **opt_rules, size_t n_opt_rules,
                   char **opt_plugins, size_t n_opt_plugins)
{
	memset(p, 0, sizeof *p);
	char *shipped_data, *shipped_plugins;
	shipped_dirs(p, &shipped_data, &shipped_plugins);

	const char *env_data = getenv("VERSUS_DATA");
	p->data = vs_absolute(opt_data ? opt_data : (env_data && *env_data) ? env_data : shipped_data);
	p->schema = xasprintf("%s/schema/model.schema.json", shipped_data);
	free(shipped_data);

	const char *home = getenv("HOME");
	const char *xdg_config = getenv("XDG_CONFIG_HOME");
	char *user_rules = xdg_config && *xdg_config ? xasprintf("%s/versus/rules", xdg_config)
	                 : home ? xasprintf("%s/.config/versus/rules", home) : NULL;
	char *user_plugins = home ? xasprintf("%s/.local/lib/versus/plugins", home) : NULL;

	dirlist_add(&p->rules, p->shipped_rules, "rules");
	if (user_rules && is_dir(user_rules))
		dirlist_add(&p->rules, user_rules, NULL);
	dirlist_add_env(&p->rules, getenv("VERSUS_RULES"));
	for (size_t i = 0; i < n_opt_rules; i++)
		dirlist_add(&p->rules, opt_rules[i], NULL);

	dirlist_add(&p->plugins, shipped_plugins, NULL);
	if (user_plugins && is_dir(user_plugins))
		dirlist_add(&p->plugins, user_plugins, NULL);
	dirlist_add_env(&p->plugins, getenv("VERSUS_PLUGINS"));
	for (size_t i = 0; i < n_opt_plugins; i++)
		dirlist_add(&p->plugins, opt_plugins[i], NULL);
	free(user_rules);
	free(user_plugins);
	free(shipped_plugins);
}

static void dirlist_free(vs_dirlist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i]);
		free(l->labels[i]);
	}
	free(l->v);
	free(l->labels);
}

void paths_free(vs_paths *p)
{
	free(p->data);
	free(p->shipped_rules);
	free(p->schema);
	dirlist_free(&p->rules);
	dirlist_free(&p->plugins);
	memset(p, 0, sizeof *p);
}
