#!/bin/sh
# Golden reports: each tests/golden/<case>/ holds `args` (the versus arguments, one line,
# run from the source root) and `expected` (the exact output someone read line by line).
# A difference fails and prints the diff.  To accept a change after reading it:
#   UPDATE_GOLDEN=1 tests/golden/run_golden.sh build/core/versus .
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
cd "$SRC" || exit 1
export HOME=/nonexistent COLUMNS=80
for dir in tests/golden/*/; do
	[ -f "$dir/args" ] || continue
	name=$(basename "$dir")
	# shellcheck disable=SC2046 # args are words by design
	"$VERSUS" $(cat "$dir/args") >"$dir/actual" 2>"$dir/stderr"
	rc=$?
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$dir/actual" "$dir/expected"
	fi
	if [ "$rc" -ne 0 ]; then
		bad "$name: exit $rc"
		sed 's/^/#   /' "$dir/stderr"
	elif diff -u "$dir/expected" "$dir/actual" >"$dir/diff"; then
		ok "$name"
	else
		bad "$name: output differs from the golden file"
		note "$dir/diff" "" 40
	fi
	rm -f "$dir/actual" "$dir/stderr" "$dir/diff"
done
plan
[ "$failed" -eq 0 ] && [ "$n" -gt 0 ]
