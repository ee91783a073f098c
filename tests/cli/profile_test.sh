#!/bin/sh
# VERSUS_PROFILE_RULES=FILE (issue 19): the instructions each rule key spent over a run, as a
# table written at exit, dearest first; the same table on every run of the same input, and
# output the same as without it.  Usage: profile_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$(cd "$2" && pwd)
GOLDEN="--data $SRC/tests/fixtures/golden"
unset VERSUS_PROFILE_RULES

"$VERSUS" $GOLDEN compare gpt-4o o3-mini >"$TMP/plain.md" 2>"$TMP/plain.err"
[ $? -eq 0 ] && [ ! -e "$TMP/prof1" ]
check $? "without the variable: a report, and no table"

VERSUS_PROFILE_RULES="$TMP/prof1" "$VERSUS" $GOLDEN compare gpt-4o o3-mini >"$TMP/prof.md" 2>"$TMP/prof.err"
[ $? -eq 0 ] && cmp -s "$TMP/plain.md" "$TMP/prof.md" && cmp -s "$TMP/plain.err" "$TMP/prof.err"
check $? "with it: the same report and stderr, byte for byte"

# header, one row per key (instructions, calls, per call, key), a totals line "*" last
"$PY" - "$TMP/prof1" <<'PY'
import sys
lines = open(sys.argv[1]).read().splitlines()
assert lines[0] == "# instructions\tcalls\tper_call\trule", lines[0]
rows = [l.split("\t") for l in lines[1:]]
body, total = rows[:-1], rows[-1]
assert total[3] == "*", total
keys = [r[3] for r in body]
assert "intro" in keys and "title" in keys and "columns:specs" in keys, keys
assert len(set(keys)) == len(keys), "a key twice"
spent = [int(r[0]) for r in body]
assert all(s > 0 for s in spent), "a rule that spent nothing"
assert spent == sorted(spent, reverse=True), "not dearest first"
assert all(int(r[2]) == int(r[0]) // int(r[1]) for r in body)
assert int(total[0]) == sum(spent) and int(total[1]) == sum(int(r[1]) for r in body)
PY
check $? "the table: header, rows dearest first with exact counts, totals; columns apart"

VERSUS_PROFILE_RULES="$TMP/prof2" "$VERSUS" $GOLDEN compare gpt-4o o3-mini >/dev/null 2>&1
cmp -s "$TMP/prof1" "$TMP/prof2"
check $? "the same table on a second run (counts, not times)"

VERSUS_PROFILE_RULES="$TMP/site.tsv" "$VERSUS" $GOLDEN site "$TMP/site" -j 2 -q >/dev/null 2>&1
[ $? -eq 0 ] && grep -q "	fact:" "$TMP/site.tsv" && grep -q "	\*$" "$TMP/site.tsv"
check $? "a site at -j 2: one table for every worker, facts included"

finish
