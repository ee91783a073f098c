#!/bin/sh
# Golden reports: each tests/golden/<case>/ holds `args` (the versus arguments, one line,
# run from the source root) and `expected` (the exact output someone read line by line).
# A difference fails and prints the diff.  To accept a change after reading it:
#   UPDATE_GOLDEN=1 tests/golden/run_golden.sh build/core/versus .
set -u
VERSUS=$1
SRC=$2
cd "$SRC" || exit 1
unset NO_COLOR VERSUS_DATA VERSUS_RULES VERSUS_PLUGINS
export HOME=/nonexistent XDG_CONFIG_HOME= COLUMNS=80
n=0
failed=0
for dir in tests/golden/*/; do
	[ -f "$dir/args" ] || continue
	n=$((n + 1))
	name=$(basename "$dir")
	# shellcheck disable=SC2046 # args are words by design
	"$VERSUS" $(cat "$dir/args") >"$dir/actual" 2>"$dir/stderr"
	rc=$?
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$dir/actual" "$dir/expected"
	fi
	if [ "$rc" -ne 0 ]; then
		echo "not ok $n - $name: exit $rc"
		sed 's/^/#   /' "$dir/stderr"
		failed=$((failed + 1))
	elif diff -u "$dir/expected" "$dir/actual" >"$dir/diff"; then
		echo "ok $n - $name"
	else
		echo "not ok $n - $name: output differs from the golden file"
		sed 's/^/#   /' "$dir/diff" | head -40
		failed=$((failed + 1))
	fi
	rm -f "$dir/actual" "$dir/stderr" "$dir/diff"
done
echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$n" -gt 0 ]
