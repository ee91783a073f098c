/*
** formats.c — the registry of compare's output formats (render.h).  The command line's -f
** and its choice by the -o file's extension, the completion scripts, the site and the
** fuzzers read these rows; a new format is its file and one row here.
*/
#include "render.h"

#include <string.h>
#include <strings.h>

#include "util.h"

const vs_format render_formats[] = {
	{"md", "md markdown", render_md, false, false},
	{"html", "html htm", render_html, true, false},
	{"text", "txt text", render_text, false, false},
	{"json", "json", render_json, false, true},
	{NULL, NULL, NULL, false, false},
};

const vs_format *render_format(const char *name)
{
	for (const vs_format *f = render_formats; name && f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Is ext (no dot) one of the space-separated words of list, case ignored? */
static bool has_word(const char *list, const char *ext)
{
	size_t n = strlen(ext);
	for (const char *p = list; n && *p; p += strcspn(p, " "), p += *p == ' ')
		if (strncasecmp(p, ext, n) == 0 && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

const vs_format *render_format_for_file(const char *path, bool *none)
{
	const char *base = strrchr(path, '/');
	const char *name = base ? base + 1 : path;
	const char *dot = strrchr(name, '.');
	*none = !dot || dot == name; /* no extension ("report", ".hidden") */
	if (*none)
		return NULL;
	for (const vs_format *f = render_formats; f->name; f++)
		if (has_word(f->extensions, dot + 1))
			return f;
	return NULL;
}

char *render_format_list(bool ext, const char *sep, const char *last)
{
	vs_buf b = {0};
	buf_addn(&b, "", 0);
	for (const vs_format *f = render_formats; f->name; f++) {
		if (f != render_formats)
			buf_add(&b, f[1].name ? sep : last);
		if (ext)
			buf_printf(&b, ".%.*s", (int)strcspn(f->extensions, " "), f->extensions);
		else
			buf_add(&b, f->name);
	}
	return buf_steal(&b);
}

const char *render_format_names(void)
{
	/* Made once: the rows are fixed when the program is built. */
	static char *names;
	if (!names)
		names = render_format_list(false, " ", " ");
	return names;
}
