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
finish
