#!/bin/sh
# Issue 16, item 7: a site is byte-identical whatever the rules do.  The rules directory
# tests/hardening/stateful_rules/ tries to carry state from pair to pair (an upvalue counter,
# a file-level table, a global table's fields, a coroutine and a gmatch iterator started at
# load, a pairs iterator, a metatable changed later, a helper library's locals, a table
# keyed by model views) and to observe memory (collectgarbage, weak tables).  Which pairs a
# worker state makes before another depends on -j and on scheduling, so site -j 1, -j 2 and
# -j 8, twice each, must give six byte-identical sites, and every pair page must find the
# same state.
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

# Not vacuous: the hostile rule ran on every pair page, and found the same state each time
# (a site's workers start every pair from the state after the same warm-up pairs).
pages=$(ls "$TMP/site-8-1/compare" | wc -l)
# (cache[p.a] depends on the pair: whether p.a was in a warm-up pair)
grep -h -o "<p>count [^<]*" "$TMP/site-8-1/compare"/*.html | sed 's/; order .*//; s/; cache [0-9]*//' |
	sort | uniq -c >"$TMP/states"
kinds=$(wc -l <"$TMP/states")
seen=$(awk '{ n += $1 } END { print n + 0 }' "$TMP/states")
[ "$pages" -gt 1000 ] && [ "$seen" -eq "$pages" ] && [ "$kinds" -eq 1 ] &&
	grep -q "memory refused; default refused; weak refused" "$TMP/states"
check $? "every pair page ($seen of $pages) found the same rule state, and no memory reading" ||
	note "$TMP/states" states 5
finish
