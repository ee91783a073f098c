#!/bin/sh
# The man page and the completions are kept in step with the option parser: every command
# and every option that `versus COMMAND --help` prints appears in them.  The man page has
# EXAMPLES and the ENVIRONMENT, names only installed documents, and renders without
# warnings; the guides say what issue 10 asked of them.
set -u
VERSUS=$1
SRC=$2
n=0
failed=0
check() { # check FILE WORD WHAT
	n=$((n + 1))
	if grep -qF -- "$2" "$1"; then echo "ok $n - $3"; else echo "not ok $n - $3"; failed=$((failed + 1)); fi
}
man=$SRC/docs/versus.1
comp=$SRC/completion/versus.bash
commands=$("$VERSUS" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/Commands:/ {print $1}')
for c in $commands; do
	check "$man" ".B $c" "man page documents the command $c"
	check "$comp" "$c" "completion knows the command $c"
	for opt in $("$VERSUS" help "$c" | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		# the man page escapes '-' as '\-'
		escaped=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		n=$((n + 1))
		if grep -q -- "$escaped" "$man"; then echo "ok $n - man page has $c $opt"; else
			echo "not ok $n - man page lacks $c $opt"; failed=$((failed + 1)); fi
		check "$comp" "$opt" "completion has $c $opt"
	done
done

# The man page reads as a seasoned user expects (issue 10), and renders cleanly.
has() { # has FILE PATTERN WHAT: an extended regular expression
	n=$((n + 1))
	if grep -qE -- "$2" "$1"; then echo "ok $n - $3"; else echo "not ok $n - $3"; failed=$((failed + 1)); fi
}
section() { sed -n "/^\.SH $1\$/,/^\.SH /p" "$man"; }
n=$((n + 1))
if section DESCRIPTION | grep -q HTML; then echo "ok $n - DESCRIPTION mentions HTML"; else
	echo "not ok $n - DESCRIPTION mentions HTML"; failed=$((failed + 1)); fi
n=$((n + 1))
if [ "$(section EXAMPLES | grep -c '^versus ')" -ge 5 ]; then echo "ok $n - an EXAMPLES section"; else
	echo "not ok $n - an EXAMPLES section with at least five commands"; failed=$((failed + 1)); fi
for var in VERSUS_DATA VERSUS_RULES VERSUS_PLUGINS VERSUS_PLUGIN_TIMEOUT_MS NO_COLOR COLUMNS; do
	n=$((n + 1))
	if section ENVIRONMENT | grep -q "$var"; then echo "ok $n - ENVIRONMENT has $var"; else
		echo "not ok $n - ENVIRONMENT lacks $var"; failed=$((failed + 1)); fi
done
# Every document SEE ALSO names is installed (meson.build installs docs/NAME).
for doc in $(section 'SEE ALSO' | grep -oE '[a-z]+\.md' | sort -u); do
	n=$((n + 1))
	if grep -q "docs/$doc" "$SRC/meson.build" && [ -f "$SRC/docs/$doc" ]; then
		echo "ok $n - SEE ALSO names $doc, which meson installs"
	else echo "not ok $n - SEE ALSO names $doc, which is not installed"; failed=$((failed + 1)); fi
done
n=$((n + 1))
if command -v man >/dev/null && man --help 2>&1 | grep -q -- --warnings; then
	warnings=$(MANWIDTH=80 man --warnings -l "$man" 2>&1 >/dev/null)
	if [ -z "$warnings" ]; then echo "ok $n - man -l docs/versus.1 renders without warnings"; else
		echo "not ok $n - man -l docs/versus.1 warns:"; echo "$warnings" | sed 's/^/#   /'
		failed=$((failed + 1)); fi
else
	echo "ok $n # SKIP man-db is not installed (apt install man-db)"
fi
# The guides say what issue 10 asked of them.
has "$SRC/docs/plugins.md" 'PKG_CONFIG_PATH' "plugins.md: PKG_CONFIG_PATH for a custom prefix"
has "$SRC/docs/rules.md" '--explain' "rules.md: --explain finds the rule behind a sentence"
has "$SRC/docs/rules.md" 'UPDATE_GOLDEN=1 tests/golden/run_golden.sh' "rules.md: how to update golden files"
# zsh and fish completions know every option too (they are written from the same table).
for f in _versus versus.fish; do
	for opt in $(for c in $commands; do "$VERSUS" help "$c"; done | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		check "$SRC/completion/$f" "${opt#--}" "completion/$f has $opt"
	done
done

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
