#!/bin/sh
# out_of_tree.sh SOURCE_ROOT BUILD_ROOT
#
# The out-of-tree plugin contract (engine.md, hardening.md case 112):
#   1. install versus into a temporary directory (meson install --destdir);
#   2. build plugins/example/audio.c, copied out of the tree, with nothing but
#      `cc -shared -fPIC $(pkg-config --cflags versus-plugin)` against that install
#      (and once more with -Wl,-z,defs: a plugin never links against the program);
#   3. load it with the core's loader (test_plugins --load);
#   4. run `versus --data tests/fixtures/audio --plugins DIR compare aud-a aud-b -f json` and
#      check the capability table has an "Audio input" row, a tradeoff enumerates it, and
#      the plugin's own friction statement is there.
# Exit 0 on success, 1 on failure, 77 (skipped) when the versus CLI cannot run yet.
set -eu

SRC=${1:?usage: out_of_tree.sh SOURCE_ROOT BUILD_ROOT}
BUILD=${2:?usage: out_of_tree.sh SOURCE_ROOT BUILD_ROOT}
TEST_PLUGINS=${TEST_PLUGINS:-$BUILD/tests/plugins/test_plugins}
VERSUS=${VERSUS:-$BUILD/core/versus}
CC=${CC:-cc}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/versus-out-of-tree-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

fail() {
	echo "out_of_tree: FAIL: $*" >&2
	exit 1
}
show() { # show FILE: its contents on stderr, indented
	sed 's/^/    /' "$1" >&2
}

# 1. Install into a temporary destdir.
if ! meson install -C "$BUILD" --destdir "$tmp/dest" --no-rebuild >"$tmp/install.log" 2>&1; then
	show "$tmp/install.log"
	fail "meson install --destdir failed"
fi
pc=$(find "$tmp/dest" -name versus-plugin.pc | head -n 1)
[ -n "$pc" ] || fail "no versus-plugin.pc was installed"
find "$tmp/dest" -path '*/include/versus/plugin.h' | grep -q . ||
	fail "versus/plugin.h was not installed"

# 2. Build the example out of tree, seeing only the installed header and .pc file.
# PKG_CONFIG_LIBDIR: this install's .pc only; SYSROOT: its paths are under the destdir;
# ALLOW_SYSTEM_CFLAGS: keep -I even when the prefix is /usr.
PKG_CONFIG_LIBDIR=$(dirname "$pc")
PKG_CONFIG_SYSROOT_DIR=$tmp/dest
PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1
export PKG_CONFIG_LIBDIR PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_ALLOW_SYSTEM_CFLAGS
unset PKG_CONFIG_PATH
mkdir "$tmp/src" "$tmp/plugins"
cp "$SRC/plugins/example/audio.c" "$tmp/src/audio.c"
cflags=$(pkg-config --cflags versus-plugin) || fail "pkg-config --cflags versus-plugin failed"
case $cflags in
*"$tmp/dest"*) ;;
*) fail "pkg-config --cflags does not point into the install: '$cflags'" ;;
esac
pkg-config --variable=plugindir versus-plugin | grep -q 'versus/plugins$' ||
	fail "versus-plugin.pc has no plugindir variable"

cd "$tmp/src"
# shellcheck disable=SC2086 # $cflags is a list of words
"$CC" -shared -fPIC $cflags -o "$tmp/plugins/audio.so" audio.c 2>"$tmp/cc.log" || {
	show "$tmp/cc.log"
	fail "cc -shared -fPIC \$(pkg-config --cflags versus-plugin) failed"
}
# shellcheck disable=SC2086
"$CC" -shared -fPIC -std=c11 -Wall -Wextra -Werror -Wl,-z,defs $cflags \
	-o "$tmp/strict.so" audio.c 2>"$tmp/cc.log" || {
	show "$tmp/cc.log"
	fail "the example does not build with -Wall -Wextra -Werror -Wl,-z,defs"
}
cd - >/dev/null

# 3. The core's loader takes it.
if ! "$TEST_PLUGINS" --load "$tmp/plugins" >"$tmp/load.out" 2>&1; then
	show "$tmp/load.out"
	fail "the out-of-tree plugin was refused"
fi
grep -q '^plugin audio-example 1.0.0 ' "$tmp/load.out" &&
	grep -q '^capability audio_input "Audio input" - 120$' "$tmp/load.out" &&
	grep -q '^statement audio_input_gap friction$' "$tmp/load.out" || {
	show "$tmp/load.out"
	fail "the loader did not list the example's plugin, capability and statement"
}

# 4. The CLI.  Until the lead's CLI exists (main.c empty, or no compare yet), skip.
if ! "$VERSUS" --version >/dev/null 2>&1; then
	echo "out_of_tree: steps 1-3 passed; SKIP step 4: $VERSUS --version does not run" >&2
	exit 77
fi
status=0
"$VERSUS" --data "$SRC/tests/fixtures/audio" --plugins "$tmp/plugins" \
	compare aud-a aud-b -f json >"$tmp/report.json" 2>"$tmp/report.err" || status=$?
if [ "$status" -ne 0 ]; then
	show "$tmp/report.err"
	fail "versus compare exited $status"
fi

check() { # check DESCRIPTION JQ-FILTER (true when it holds)
	if command -v jq >/dev/null 2>&1; then
		jq -e "$2" "$tmp/report.json" >/dev/null 2>&1 || {
			show "$tmp/report.json"
			fail "$1"
		}
	else
		python3 - "$tmp/report.json" "$1" <<'EOF' || fail "$1 (checked without jq)"
import json, sys
r = json.load(open(sys.argv[1]))
what = sys.argv[2]
sec = {s["id"]: s for s in r["sections"]}
if what.startswith("report"):
    ok = r.get("format") == "versus-report/1"
elif what.startswith("capability table"):
    ok = any(row["key"] == "audio_input" and row["cells"][0] == "Audio input"
             and len(row["cells"]) == 3 for row in sec["capabilities"].get("rows", []))
elif what.startswith("a tradeoff"):
    ok = any("Audio input" in it.get("values", []) for it in sec["tradeoffs"]["items"])
else:
    ok = any(it["key"] == "audio_input_gap" and it["source"] == "plugin:audio-example"
             for it in sec["friction"]["items"])
sys.exit(0 if ok else 1)
EOF
	fi
}

check "report is versus-report/1 JSON" '.format == "versus-report/1"'
check "capability table has an 'Audio input' row" \
	'[.sections[] | select(.id == "capabilities") | .rows[]?
	  | select(.key == "audio_input" and .cells[0] == "Audio input" and (.cells | length) == 3)]
	 | length == 1'
check "a tradeoff enumerates 'Audio input'" \
	'[.sections[] | select(.id == "tradeoffs") | .items[]
	  | select((.values // []) | index("Audio input"))] | length >= 1'
check "the plugin's friction statement is in the report" \
	'[.sections[] | select(.id == "friction") | .items[]
	  | select(.key == "audio_input_gap" and .source == "plugin:audio-example")] | length == 1'
echo "out_of_tree: ok"
