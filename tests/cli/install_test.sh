#!/bin/sh
# An installed versus finds its rules, plugins and data without any option (cli.md), from
# any working directory: install into a staging directory and compare there.
. "$(dirname "$0")/../lib.sh"
BUILD=$1
SRC=$2
meson install -C "$BUILD" --destdir "$TMP/dest" --no-rebuild >"$TMP/install.log" 2>&1
check $? "meson install --destdir"
exe=$(find "$TMP/dest" -path '*/bin/versus' -type f | head -n 1)
[ -n "$exe" ]
check $? "the binary is installed"
cd /
"$exe" compare gpt-5.3-codex-spark qwen2-7b-instruct >"$TMP/report.md" 2>"$TMP/err" &&
	grep -q '^# GPT-5.3-Codex-Spark vs Qwen2-7B-Instruct$' "$TMP/report.md"
check $? "the installed versus compares with no option, from /"
# The golden report runs on the frozen golden catalog (its related links depend on the catalog).
"$exe" --data "$SRC/tests/fixtures/golden" compare gpt-5.3-codex-spark qwen2-7b-instruct >"$TMP/report.md" 2>"$TMP/err"
cmp -s "$TMP/report.md" "$SRC/tests/golden/reference-md/expected"
check $? "and gives the golden reference report"
"$exe" plugins >"$TMP/plugins" 2>&1 && grep -q "function_calling" "$TMP/plugins"
check $? "it finds the installed capability plugins"
"$exe" rules >"$TMP/rules" 2>&1 && grep -q "$TMP/dest" "$TMP/rules"
check $? "it loads the installed rules"
find "$TMP/dest" -name versus.1 | grep -q .
check $? "the man page is installed"
find "$TMP/dest" -path '*bash-completion/completions/versus' | grep -q .
check $? "the bash completion is installed"
find "$TMP/dest" -path '*zsh/site-functions/_versus' | grep -q .
check $? "the zsh completion is installed"
find "$TMP/dest" -path '*fish/vendor_completions.d/versus.fish' | grep -q .
check $? "the fish completion is installed"
# The man page's SEE ALSO names installed documents (share/doc/versus).
for f in rules.md plugins.md data.md report.schema.json check.schema.json; do
	find "$TMP/dest" -path "*/doc/versus/$f" | grep -q .
	check $? "docs: $f is installed"
done

# ---- the layout the documents describe (issue 18) -----------------------------------------
# Plugins in PREFIX/lib/versus/plugins whatever meson's libdir, versus-plugin.pc in
# PREFIX/share/pkgconfig naming that directory, the man page where man finds it; README,
# docs/plugins.md and the man page say so.
prefix=$(meson introspect "$BUILD" --buildoptions | $PY -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"][0])')
root=$TMP/dest$prefix
ls "$root"/lib/versus/plugins/*.so >/dev/null 2>&1
check $? "the plugins are in PREFIX/lib/versus/plugins"
find "$TMP/dest" -name '*.so' ! -path "$root/lib/versus/plugins/*" >"$TMP/elsewhere"
[ ! -s "$TMP/elsewhere" ]
check $? "and nowhere else (no lib64/, no lib/<triplet>/)"
pcdir=$root/share/pkgconfig
[ -f "$pcdir/versus-plugin.pc" ] &&
	[ "$(PKG_CONFIG_LIBDIR=$pcdir pkg-config --variable=plugindir versus-plugin)" = "$prefix/lib/versus/plugins" ]
check $? "versus-plugin.pc is in PREFIX/share/pkgconfig, its plugindir PREFIX/lib/versus/plugins"
if command -v man >/dev/null 2>&1; then
	MANPATH=$root/share/man: man -w versus 2>/dev/null | grep -qx "$root/share/man/man1/versus.1"
	check $? "man versus finds the installed page (MANPATH=PREFIX/share/man:)"
	man -l "$SRC/docs/versus.1" 2>/dev/null | grep -q '^NAME'
	check $? "man -l docs/versus.1 shows the page from a checkout"
else
	skip "man: not installed (apt install man-db)"
fi
grep -q '^\.I lib/versus/plugins/\*\.so$' "$SRC/docs/versus.1"
check $? "the man page's FILES names lib/versus/plugins"
grep -qF '| the shipped plugins | `lib/versus/plugins/*.so`' "$SRC/docs/plugins.md" &&
	grep -qF '| `versus-plugin.pc` | `share/pkgconfig/`' "$SRC/docs/plugins.md"
check $? "docs/plugins.md names lib/versus/plugins and share/pkgconfig"
grep -qF '`PREFIX/lib/versus/plugins`' "$SRC/README.md" && grep -qF '`man -l docs/versus.1`' "$SRC/README.md"
check $? "the README names PREFIX/lib/versus/plugins and man -l docs/versus.1"

# Before any install: build/meson-uninstalled serves the header and the build's plugins/.
unset PKG_CONFIG_LIBDIR
cflags=$(PKG_CONFIG_PATH=$BUILD/meson-uninstalled pkg-config --cflags versus-plugin 2>"$TMP/err")
[ -f "$(echo "$cflags" | sed -n 's/^-I\([^ ]*\).*/\1/p')/versus/plugin.h" ]
check $? "before install, pkg-config --cflags from build/meson-uninstalled finds versus/plugin.h ($cflags)"
[ "$(PKG_CONFIG_PATH=$BUILD/meson-uninstalled pkg-config --variable=plugindir versus-plugin)" = "$(cd "$BUILD" && pwd)/plugins" ]
check $? "and its plugindir is the build's plugins/"
mkdir -p "$TMP/own"
# shellcheck disable=SC2086 # flags are words
cc -shared -fPIC $cflags -o "$TMP/own/audio.so" "$SRC/plugins/example/audio.c" 2>"$TMP/err" &&
	"$BUILD/core/versus" --plugins "$TMP/own" plugins 2>"$TMP/err" | grep -q "audio-example"
check $? "the example plugin builds with those flags and loads"
finish
