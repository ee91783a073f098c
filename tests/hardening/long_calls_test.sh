#!/bin/sh
# Issue 16, item 4: the rule limits hold inside one long C library call.  The count hook runs
# between Lua instructions only, so a rule whose time goes into C (table.sort with
# string.find as its comparator over 200 strings of 4,090 bytes: 52.8 s as one call; a loop
# of gsub over a 16 MiB string: 220 s) passed its 5 s budget by minutes.  Each case must
# stop with a limit diagnostic naming the rule, well inside 3 x the budget.
# Usage: long_calls_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2

# case NAME LUA-BODY: one rule file running BODY; the run is killed at 30 s.
case_run() {
	name=$1
	mkdir -p "$TMP/$name"
	cat >"$TMP/$name/zz-$name.lua" <<LUA
rule{ key = "$name", section = "deep_dive", fn = function(p)
$2
  return { text = "finished" }
end }
LUA
	start=$(date +%s)
	timeout 30 "$VERSUS" --data "$SRC/data" --rules "$SRC/rules" --rules "$TMP/$name" \
		compare gpt-4o o3-mini -f json -o "$TMP/$name.json" 2>"$TMP/$name.err"
	rc=$?
	secs=$(($(date +%s) - start))
	[ $rc -ne 124 ] && [ "$secs" -le 15 ]
	check $? "$name: stopped in ${secs} s (exit $rc; the budget is 5 s)"
	grep -q "\[$name\].*\(instruction budget exceeded\|time limit exceeded\)" "$TMP/$name.err"
	check $? "$name: a limit diagnostic names the rule" || note "$TMP/$name.err"
}

case_run sort_find '  local t = {}
  -- distinct strings with a "." (so find cannot use plain search): no find succeeds and
  -- every comparison tries each start position of the subject
  for i = 1, 200 do t[i] = ("a"):rep(4086) .. "." .. string.format("%03d", i) end
  table.sort(t, string.find)'
case_run gsub_loop '  local s = ("ab"):rep(8 * 1024 * 1024)
  for i = 1, 1000000 do s = s:gsub("b", "b") end'
finish
