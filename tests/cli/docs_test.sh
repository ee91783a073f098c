#!/bin/sh
# The man page and the completions are kept in step with the option parser: every command
# and every option that `versus COMMAND --help` prints appears in them.  The man page has
# EXAMPLES and the ENVIRONMENT, names only installed documents, and renders without
# warnings; the guides say what issue 10 asked of them.
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
mentions() { # mentions FILE WORD WHAT
	grep -qF -- "$2" "$1"
	check $? "$3"
}
man=$SRC/docs/versus.1
comp=$SRC/completion/versus.bash
commands=$("$VERSUS" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF && !/Commands:/ {print $1}')
for c in $commands; do
	mentions "$man" ".B $c" "man page documents the command $c"
	mentions "$comp" "$c" "completion knows the command $c"
	for opt in $("$VERSUS" help "$c" | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		# the man page escapes '-' as '\-'
		escaped=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
		if grep -q -- "$escaped" "$man"; then ok "man page has $c $opt"; else bad "man page lacks $c $opt"; fi
		mentions "$comp" "$opt" "completion has $c $opt"
	done
done

# The man page reads as a seasoned user expects (issue 10), and renders cleanly.
has() { # has FILE PATTERN WHAT: an extended regular expression
	grep -qE -- "$2" "$1"
	check $? "$3"
}
section() { sed -n "/^\.SH $1\$/,/^\.SH /p" "$man"; }
section DESCRIPTION | grep -q HTML
check $? "DESCRIPTION mentions HTML"
if [ "$(section EXAMPLES | grep -c '^versus ')" -ge 5 ]; then ok "an EXAMPLES section"; else
	bad "an EXAMPLES section with at least five commands"; fi
for var in VERSUS_DATA VERSUS_RULES VERSUS_PLUGINS VERSUS_PLUGIN_TIMEOUT_MS NO_COLOR COLUMNS; do
	if section ENVIRONMENT | grep -q "$var"; then ok "ENVIRONMENT has $var"; else bad "ENVIRONMENT lacks $var"; fi
done
# Every document SEE ALSO names is installed (meson.build installs docs/NAME).
for doc in $(section 'SEE ALSO' | grep -oE '[a-z]+\.md' | sort -u); do
	if grep -q "docs/$doc" "$SRC/meson.build" && [ -f "$SRC/docs/$doc" ]; then
		ok "SEE ALSO names $doc, which meson installs"
	else bad "SEE ALSO names $doc, which is not installed"; fi
done
if command -v man >/dev/null && man --help 2>&1 | grep -q -- --warnings; then
	warnings=$(MANWIDTH=80 man --warnings -l "$man" 2>&1 >/dev/null)
	if [ -z "$warnings" ]; then ok "man -l docs/versus.1 renders without warnings"; else
		bad "man -l docs/versus.1 warns:"
		echo "$warnings" | sed 's/^/#   /'
	fi
else
	skip "man-db is not installed (apt install man-db)"
fi
# The guides say what issue 10 asked of them.
has "$SRC/docs/plugins.md" 'PKG_CONFIG_PATH' "plugins.md: PKG_CONFIG_PATH for a custom prefix"
has "$SRC/docs/rules.md" '--explain' "rules.md: --explain finds the rule behind a sentence"
has "$SRC/docs/rules.md" 'UPDATE_GOLDEN=1 tests/golden/run_golden.sh' "rules.md: how to update golden files"
# zsh and fish completions know every option too (they are written from the same table).
for f in _versus versus.fish; do
	for opt in $(for c in $commands; do "$VERSUS" help "$c"; done | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
		mentions "$SRC/completion/$f" "${opt#--}" "completion/$f has $opt"
	done
done

finish
