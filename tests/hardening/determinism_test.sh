#!/bin/sh
# Issue 16, item 7: a site is byte-identical whatever the rules do.  The rules directory
# tests/hardening/stateful_rules/ tries to carry state from pair to pair (an upvalue counter,
# a file-level table, a global table's fields, a coroutine and a gmatch iterator started at
# load, a pairs iterator, a metatable changed later, a helper library's locals, a table
# keyed by model views) and to observe memory (collectgarbage, weak tables).  Which pairs a
# worker state makes before another depends on -j and on scheduling, so site -j 1, -j 2 and
# -j 8, twice each, must give six byte-identical sites, and every pair page must read as
# the first pair a fresh state made.
# Usage: determinism_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
RULES="$SRC/tests/hardening/stateful_rules"

for run in 1 2; do
	for j in 1 2 8; do
		"$VERSUS" --data "$SRC/data" --rules "$SRC/rules" --rules "$RULES" \
			site "$TMP/site-$j-$run" -j $j 2>"$TMP/err-$j-$run"
		rc=$?
		[ $rc -le 1 ]
		check $? "site -j $j (run $run) is made (exit $rc)" || note "$TMP/err-$j-$run"
	done
done
for s in 2-1 8-1 1-2 2-2 8-2; do
	diff -r "$TMP/site-1-1" "$TMP/site-$s" >"$TMP/diff-$s" 2>&1
	check $? "site -j ${s%-*} (run ${s#*-}) is byte-identical to site -j 1 (run 1)" ||
		note "$TMP/diff-$s" diff 8
done

# Not vacuous: the hostile rule ran on every pair page, and saw a fresh state each time.
pages=$(ls "$TMP/site-8-1/compare" | wc -l)
fresh=$(grep -l "count 1; history 1; kept 1; coroutine refused; gmatch a; pairs w; obj 1; cache 1; lib 1/1; serial 1; memory refused; default refused; weak refused; order " \
	"$TMP/site-8-1/compare"/*.html | wc -l)
[ "$pages" -gt 1000 ] && [ "$fresh" -eq "$pages" ]
check $? "every pair page ($fresh of $pages) reads as the first pair of a fresh state"
finish
