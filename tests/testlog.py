"""testlog.py — what one meson test run of tests/run-all.sh gave, skips made visible.

    python3 tests/testlog.py BUILD_DIR [MUST_RUN_FILE]

Reads BUILD_DIR/meson-logs/testlog.json and prints one line per skip: a whole test that
skipped (exit 77), and a check skipped inside a test that passed ("ok N # SKIP why", from
tests/lib.sh's skip).  With MUST_RUN_FILE (.ci/must-run: one test name a line, # comments),
each test named there must have run here, every check of it: a skip, a skipped check or a test
this build does not define is one more failure, said on its own line.  The last line is
"PASSED FAILED SKIPPED", three numbers for run-all.sh to add up.  Standard library only."""
import json, os, re, sys

build = sys.argv[1]
must_run = set()
if len(sys.argv) > 2:
    with open(sys.argv[2], encoding="utf-8") as f:
        must_run = {line.strip() for line in f if line.strip() and not line.startswith("#")}

passed = failed = skipped = 0
seen = {}  # test name -> why it did not fully run ("" when it did)
with open(os.path.join(build, "meson-logs", "testlog.json"), encoding="utf-8") as f:
    for line in f:
        t = json.loads(line)
        name = t["name"].split(" / ", 1)[-1]  # "versus:suite / name" -> "name"
        out = t.get("stdout") or ""
        result = t["result"]
        why = ""
        if result == "SKIP":
            skipped += 1
            reason = re.search(r"#\s*SKIP\s*(.*)", out)
            why = "skipped" + (f": {reason.group(1).strip()}" if reason else "")
            print(f"skipped: {build} / {name}" + (f": {reason.group(1).strip()}" if reason else ""))
        else:
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed += 1
            inside = re.findall(r"^ok \d+\s*(?:- )?# SKIP\s*(.*)$", out, re.M)
            for reason in inside:
                skipped += 1
                print(f"skipped inside: {build} / {name}: {reason.strip()}")
            if inside:
                why = f"skipped {len(inside)} check(s): {inside[0].strip()}"
        seen[name] = why

for name in sorted(must_run):
    why = seen.get(name, "not defined in this build")
    if why:
        failed += 1
        print(f"must run on CI, did not: {build} / {name} ({why})")
print(passed, failed, skipped)
