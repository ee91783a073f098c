#!/bin/sh
# Golden reports: each tests/golden/<case>/ holds `args` (the versus arguments, one line,
# run from the source root) and `expected` (the exact output someone read line by line).
# A difference fails and prints the diff.  To accept a change after reading it:
#   UPDATE_GOLDEN=1 tests/golden/run_golden.sh build/core/versus .
# Usage: run_golden.sh VERSUS SOURCE_ROOT [OUT_DIR].  Each case's output, stderr and diff go
# to OUT_DIR/<case>.* (meson gives the build directory; $TMP without one), never into the
# source tree, and stay there when the case fails.
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
OUT=${3:-$TMP}
mkdir -p "$OUT" || exit 1
cd "$SRC" || exit 1
export HOME=/nonexistent COLUMNS=80
touch "$TMP/started"
for dir in tests/golden/*/; do
	[ -f "$dir/args" ] || continue
	name=$(basename "$dir")
	o=$OUT/$name
	# shellcheck disable=SC2046 # args are words by design
	"$VERSUS" $(cat "$dir/args") >"$o.actual" 2>"$o.stderr"
	rc=$?
	if [ -n "${UPDATE_GOLDEN:-}" ]; then
		cp "$o.actual" "$dir/expected"
	fi
	if [ "$rc" -ne 0 ]; then
		bad "$name: exit $rc"
		sed 's/^/#   /' "$o.stderr"
	elif diff -u "$dir/expected" "$o.actual" >"$o.diff"; then
		ok "$name"
		rm -f "$o.actual" "$o.stderr" "$o.diff"
	else
		bad "$name: output differs from the golden file (kept: $o.actual)"
		note "$o.diff" "" 40
	fi
done
if [ -z "${UPDATE_GOLDEN:-}" ]; then
	changed=$(find tests/golden -newer "$TMP/started" | head -n 5 | tr "\n" " ")
	[ -z "$changed" ]
	check $? "nothing written into the source tree${changed:+: $changed}"
fi
plan
[ "$failed" -eq 0 ] && [ "$n" -gt 0 ]
