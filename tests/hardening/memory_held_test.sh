#!/bin/sh
# Issue 16, item 5: the memory cap (64 MiB) covers what a state's rules hold, not only what
# one call allocates.  It was re-based at every call, so rules that each kept 48 MiB took a
# state from 4 MB to 709 MB.  Now the files' loading shares one cap, and so do the rule calls
# of one pair (nothing a rule keeps outlives its pair): a rule that keeps too much is stopped
# and named, and the process stays small.
# Usage: memory_held_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2

# Four files that each keep 39 MiB at load (three strings of 13 MiB).
mkdir "$TMP/load"
for i in 1 2 3 4; do
	cat >"$TMP/load/zz-keep$i.lua" <<LUA
KEEP = {}
for i = 1, 3 do KEEP[i] = ("x"):rep(13 << 20) .. i end
rule{ key = "keep$i", section = "deep_dive", fn = function(p) return { text = "kept " .. #KEEP } end }
LUA
done
/usr/bin/time -f %M -o "$TMP/load.kb" "$VERSUS" --data "$SRC/data" --rules "$SRC/rules" \
	--rules "$TMP/load" compare gpt-4o o3-mini -o "$TMP/load.md" 2>"$TMP/load.err"
stopped=$(grep -c "zz-keep[234].lua.*memory cap exceeded" "$TMP/load.err")
[ "$stopped" -eq 3 ]
check $? "loading: the files past the cap are stopped and named ($stopped of 3)" ||
	note "$TMP/load.err"
grep -q "kept 3" "$TMP/load.md"
check $? "loading: the first file, within the cap, loads"
kb=$(tail -n 1 "$TMP/load.kb")
# Under AddressSanitizer the peak holds its shadow memory and quarantine, not the rules'
# bytes alone (181 MB seen for the same run): the figure says nothing there.
if ldd "$VERSUS" 2>/dev/null | grep -q libasan; then
	skip "loading: peak memory under AddressSanitizer ($((kb / 1024)) MB) is not the rules' memory"
else
	[ "$kb" -lt 160000 ]
	check $? "loading: peak memory $((kb / 1024)) MB (four files keeping 39 MiB each: over 160 MB)"
fi

# Five rules that each keep 15 MiB in an upvalue during one pair.
mkdir "$TMP/pair"
for i in 1 2 3 4 5; do
	cat >"$TMP/pair/zz-hold$i.lua" <<LUA
local held
rule{ key = "hold$i", section = "deep_dive", fn = function(p)
  held = ("y"):rep(15 << 20) .. p.a.id
  return { text = "holding $i" }
end }
LUA
done
"$VERSUS" --data "$SRC/data" --rules "$SRC/rules" --rules "$TMP/pair" compare gpt-4o o3-mini \
	-o "$TMP/pair.md" 2>"$TMP/pair.err"
grep -q "\[hold[345]\] memory cap exceeded" "$TMP/pair.err"
check $? "one pair: a rule past what the pair's rules may hold together is stopped and named" ||
	note "$TMP/pair.err"
held=$(grep -c "^holding" "$TMP/pair.md")
[ "$held" -le 4 ] && [ "$held" -ge 1 ]
check $? "one pair: the rules within the cap still run ($held of 5)"
finish
