#!/bin/sh
# The site directory is an untrusted tree (issue 16, items 1, 3, 9, 11 and 16; hardening.md
# cases 131 and 142 in spirit): whatever was planted in DIR, `versus site DIR` writes nothing
# outside it, never blocks on it, and never echoes it without bound.
#   1: a symlink at DIR/.versus-manifest to a file outside is replaced, the file left as it was
#   3: a page replaced by a symlink to a file outside is rewritten on an incremental run
#   9: a FIFO at DIR/.versus-manifest or DIR/index.html is refused (exit 4), no hang
#  11: two runs on one DIR at once: the second waits for the first (and names it), both
#      exit 0, no temporary file of either is lost
#  16: a 5 MB line in a hostile manifest is not echoed whole
# Usage: site_tree_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
V="$VERSUS --data $SRC/tests/fixtures/golden"
PAGE=compare/gpt-4o-vs-o3-mini.html

mkdir -p "$TMP/outside"
canary() { echo canary >"$TMP/outside/canary"; }
canary_kept() { [ "$(cat "$TMP/outside/canary")" = canary ]; }

# ---- 1: the manifest is never written through a symlink -----------------------------------
canary
mkdir -p "$TMP/s1"
ln -s "$TMP/outside/canary" "$TMP/s1/.versus-manifest"
run $V site "$TMP/s1" -j 1
canary_kept && [ -f "$TMP/s1/.versus-manifest" ] && [ ! -L "$TMP/s1/.versus-manifest" ] &&
	[ "$rc" -eq 0 ]
check $? "item 1: a symlink at DIR/.versus-manifest is replaced, the file it names is left as it was (exit $rc)"

# ---- 3: a page turned into a symlink is rewritten -----------------------------------------
canary
rm "$TMP/s1/$PAGE"
ln -s "$TMP/outside/canary" "$TMP/s1/$PAGE"
run $V site "$TMP/s1" -j 1
canary_kept && [ -f "$TMP/s1/$PAGE" ] && [ ! -L "$TMP/s1/$PAGE" ] && [ "$rc" -eq 0 ] &&
	grep -q "GPT-4o" "$TMP/s1/$PAGE"
check $? "item 3: a page replaced by a symlink to a file outside is rewritten on the next run (exit $rc)"

# ---- 9: FIFOs are refused, never opened ------------------------------------------------------
for f in .versus-manifest index.html; do
	mkdir -p "$TMP/s9"
	rm -f "$TMP/s9/$f"
	mkfifo "$TMP/s9/$f"
	run timeout 20 $V site "$TMP/s9" -j 1
	[ "$rc" -eq 4 ] && [ -p "$TMP/s9/$f" ] && grep -q "$f.*FIFO" "$err"
	check $? "item 9: a FIFO at DIR/$f: refused with exit 4 and named, no hang (exit $rc)"
	rm -f "$TMP/s9/$f"
done

# ---- 11: two runs at once -------------------------------------------------------------------
# A rules directory whose one extra rule spins for a while on every pair, so the first run is
# still writing pages when the second starts (the budget stops the spin: a diagnostic, no
# failure).
mkdir -p "$TMP/slow"
cat >"$TMP/slow/99-slow.lua" <<'EOF'
rule{ key = "slow_for_the_lock_test", section = "summary", fn = function(p)
  local x = 0
  for i = 1, 1000000 do x = x + i end
  return nil
end }
EOF
mkdir -p "$TMP/s11"
$V --rules "$TMP/slow" site "$TMP/s11" -j 1 >"$TMP/first.out" 2>"$TMP/first.err" &
first=$!
i=0
while [ ! -d "$TMP/s11/compare" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
run $V --rules "$TMP/slow" site "$TMP/s11" -j 1
second=$rc
wait $first
first_rc=$?
[ "$first_rc" -eq 0 ] && [ "$second" -eq 0 ]
check $? "item 11: two site runs on one DIR at once both exit 0 (first $first_rc, second $second)"
grep -q "process $first" "$err"
check $? "item 11: the second run says which process holds DIR and waits for it"
[ "$(find "$TMP/s11" -name '.*.tmp.*' | wc -l)" -eq 0 ]
check $? "item 11: no temporary file is left"

# ---- 16: a hostile manifest line is not echoed whole --------------------------------------
mkdir -p "$TMP/s16"
$V site "$TMP/s16" -j 1 >/dev/null 2>&1
"$PY" - "$TMP/s16/.versus-manifest" <<'EOF'
import sys
with open(sys.argv[1], "a") as f:
    f.write("models/" + "a" * (5 << 20) + ".html 0123456789abcdef\n")
EOF
run $V site "$TMP/s16" -j 1
[ "$(wc -c <"$err")" -lt 65536 ]
check $? "item 16: a 5 MB manifest line is not echoed whole ($(wc -c <"$err") bytes on stderr, exit $rc)"

finish
