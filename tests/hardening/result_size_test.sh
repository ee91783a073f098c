#!/bin/sh
# hardening.md case 33 (P2, result size bombs): what one rule returns is bounded.  A rule that
# returns 400 items, each holding the same 100 KB string (100 KB of Lua memory, 40 MB of
# report), must fail with a diagnostic naming it, and the report must stay small.
# The engine refuses a rule result of more than 2,000 items or 1 MB of text with a diagnostic.
# Usage: result_size_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2

mkdir "$TMP/rules"
cat >"$TMP/rules/zz-bomb.lua" <<'LUA'
rule{ key = "bomb", section = "deep_dive", fn = function(p)
  local s = ("x"):rep(100000)
  local t = {}
  for i = 1, 400 do t[i] = { text = s } end
  return t
end }
LUA
"$VERSUS" --data "$SRC/tests/fixtures/golden" --rules "$SRC/rules" --rules "$TMP/rules" \
	compare gpt-4o o3-mini -o "$TMP/out.md" 2>"$TMP/err"
rc=$?
size=$(wc -c <"$TMP/out.md" 2>/dev/null || echo 0)
[ $rc -eq 0 ]
check $? "the report is still made (exit $rc)"
[ "$size" -lt 4000000 ]
check $? "the report stays small ($size bytes; 400 copies of 100 KB would be 40 MB)"
grep -q "\[bomb\]" "$TMP/err"
check $? "a diagnostic names the rule whose result was too large"
finish
