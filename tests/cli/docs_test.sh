#!/bin/sh
# The man page and the bash completion are kept in step with the option parser: every
# command and every option that `versus COMMAND --help` prints appears in both.
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
echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
