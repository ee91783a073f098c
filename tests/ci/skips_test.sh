#!/bin/sh
# Skips are counted and named (issue 18): tests/testlog.py, which tests/run-all.sh reads each
# meson run with, on a made-up test log; run-all.sh's last line has the three counts; every
# test .ci/must-run names exists in this build, and .ci/run holds CI to that list; bootstrap.sh
# installs what the browser test needs.
# Usage: skips_test.sh BUILD_DIR SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
BUILD=$1
SRC=$2
check_note() { note "$TMP/out" "" 12; }

# A build with one test passed, one skipped (exit 77), one that passed with a check skipped
# inside, one failed; "browser" and "import snapshot" must run, and "gone" is not defined.
mkdir -p "$TMP/b/meson-logs"
$PY - "$TMP/b/meson-logs/testlog.json" <<'PY'
import json, sys
rows = [("versus:unit / record", "OK", "ok 1 - a\n1..1\n"),
        ("versus:browser / browser", "SKIP", "1..0 # SKIP /usr/bin/chromium is missing\n"),
        ("versus:cli / completion", "OK", "ok 1 - bash\nok 2 # SKIP zsh: not installed\nok 3 - # SKIP fish: not installed\n"),
        ("versus:import / import snapshot", "FAIL", "not ok 1 - both snapshots import\n")]
with open(sys.argv[1], "w") as f:
    for name, result, out in rows:
        f.write(json.dumps({"name": name, "result": result, "stdout": out}) + "\n")
PY
printf '# must run\nbrowser\nimport snapshot\ncompletion\ngone\n' >"$TMP/must"
python3 "$SRC/tests/testlog.py" "$TMP/b" >"$TMP/out" 2>&1
[ "$(tail -n 1 "$TMP/out")" = "2 1 3" ]
check $? "testlog.py counts 2 passed, 1 failed, 3 skipped (a skipped test, two skipped checks)"
grep -qx "skipped: $TMP/b / browser: /usr/bin/chromium is missing" "$TMP/out" &&
	grep -qx "skipped inside: $TMP/b / completion: zsh: not installed" "$TMP/out" &&
	grep -qx "skipped inside: $TMP/b / completion: fish: not installed" "$TMP/out"
check $? "each skip has a line naming the test and why"
python3 "$SRC/tests/testlog.py" "$TMP/b" "$TMP/must" >"$TMP/out" 2>&1
[ "$(tail -n 1 "$TMP/out")" = "2 4 3" ] &&
	grep -q "^must run on CI, did not: $TMP/b / browser (skipped: " "$TMP/out" &&
	grep -q "^must run on CI, did not: $TMP/b / completion (skipped 2 check(s): zsh" "$TMP/out" &&
	grep -q "^must run on CI, did not: $TMP/b / gone (not defined in this build)" "$TMP/out" &&
	! grep -q "did not: .* import snapshot" "$TMP/out"
check $? "with a must-run list, a skipped, partly skipped or missing test is one more failure each"

grep -q '^echo "\$passed passed, \$failed failed, \$skipped skipped"$' "$SRC/tests/run-all.sh" &&
	[ "$(grep -c '^echo "\$passed passed' "$SRC/tests/run-all.sh")" -eq 1 ]
check $? "tests/run-all.sh's last line is 'N passed, N failed, N skipped'"
grep -q 'VERSUS_MUST_RUN=.ci/must-run' "$SRC/.ci/run"
check $? ".ci/run holds the run to .ci/must-run"

meson introspect "$BUILD" --tests >"$TMP/tests.json" 2>"$TMP/out"
check $? "meson introspect --tests"
$PY - "$TMP/tests.json" "$SRC/.ci/must-run" >"$TMP/out" 2>&1 <<'PY'
import json, sys
defined = {t["name"] for t in json.load(open(sys.argv[1]))}
must = [l.strip() for l in open(sys.argv[2]) if l.strip() and not l.startswith("#")]
missing = [m for m in must if m not in defined]
print("\n".join(f"not a test of this build: {m}" for m in missing))
sys.exit(1 if missing or not {"browser", "import snapshot"} <= set(must) else 0)
PY
check $? ".ci/must-run names tests of this build, the browser test and the snapshot import among them"

# A script that ran no check (it stopped early, or its checks were never reached) fails.
sh -c '. "$1/tests/lib.sh"; finish' sh "$SRC" >"$TMP/out" 2>&1
[ $? -eq 1 ] && grep -qx "# no check ran" "$TMP/out"
check $? "lib.sh: finish with no check is a failure (exit 1)"
sh -c '. "$1/tests/lib.sh"; ok a; skip "b: needs root"; finish' sh "$SRC" >"$TMP/out" 2>&1
[ $? -eq 0 ] && grep -qx "# 1 passed, 0 failed, 1 skipped" "$TMP/out"
check $? "lib.sh: a skipped check is counted as skipped, not passed"
sh -c '. "$1/tests/lib.sh"; skip "a: needs root"; finish' sh "$SRC" >"$TMP/out" 2>&1
[ $? -eq 77 ] && grep -qx "ok 1 # SKIP a: needs root" "$TMP/out"
check $? "lib.sh: a script whose every check skipped is a skip (exit 77)"
$PY -c 'import sys; sys.path.insert(0, sys.argv[1]); from tap import finish; finish()' \
	"$SRC/tests" >"$TMP/out" 2>&1
[ $? -eq 1 ] && grep -qx "# no check ran" "$TMP/out"
check $? "tap.py: finish() with no check is a failure (exit 1)"

for pkg in chromium chromium-driver python3-selenium; do
	grep -qE "^[[:space:]]+([a-z0-9.-]+ )*$pkg( |$)" "$SRC/bootstrap.sh"
	check $? "bootstrap.sh installs $pkg"
done
finish
