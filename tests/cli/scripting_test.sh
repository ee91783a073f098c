#!/bin/sh
# What a script (and a person reading stderr) gets from versus (issue 10): rule files of
# other directories named by their real path, JSON from check, rules and plugins valid
# against docs/*.schema.json, rule tests as TAP and JUnit XML, "1 error" not "1 errors", and
# a short ambiguous name that lists its matches.  Exit code, stdout and stderr each time.
# Usage: scripting_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$(cd "$2" && pwd)
# check STATUS WHAT (STATUS: that of the test's own conditions) shows the last run's output
check_note() { note "$out" stdout; note "$err" stderr; }
# vs ARGS...: run versus (tests/lib.sh's run: stdout in $out, stderr in $err, status in $rc)
vs() { run "$VERSUS" "$@"; }
# valid SCHEMA FILE: the file is valid JSON of docs/SCHEMA.schema.json (77: no jsonschema)
valid() { "$PY" "$SRC/tests/cli/validate_json.py" "$SRC/docs/$1.schema.json" "$2" >"$TMP/valid" 2>&1; }
GOLDEN="--data $SRC/tests/fixtures/golden"

# ---- a rules directory of one's own: real paths in diagnostics and `versus rules` -------
MY="$TMP/my rules"
mkdir -p "$MY/tests"
cat >"$MY/30-tradeoffs.lua" <<'LUA'
section{ id = "tradeoffs", title = "Decision tradeoffs", style = "list" }
rule{ key = "mine.boom", section = "tradeoffs", fn = function(p)
  error("boom")
end }
rule{ key = "mine.ok", section = "tradeoffs", fn = function(p)
  return { text = "Mine says hello." }
end }
LUA
vs $GOLDEN --rules "$MY" compare gpt-4o o3-mini
[ $rc -eq 0 ] && grep -qF "$MY/30-tradeoffs.lua:3: error: [mine.boom] boom" "$err" &&
	! grep -q "^rules/30-tradeoffs" "$err" && grep -q "Mine says hello" "$out"
check $? "a failing rule of --rules DIR is named by its real path on stderr (exit 0)"
vs $GOLDEN --rules "$MY" compare gpt-4o o3-mini --strict
[ $rc -eq 1 ] && grep -qF "$MY/30-tradeoffs.lua:3" "$err"
check $? "--strict: exit 1, the same real path"
vs $GOLDEN --rules "$MY" compare gpt-4o o3-mini -f json
[ $rc -eq 0 ] && "$PY" - "$out" "$MY" <<'PY'
import json, sys
r, my = json.load(open(sys.argv[1])), sys.argv[2]
items = [i for s in r["sections"] for i in s["items"] if i["key"] == "mine.ok"]
assert items and items[0]["source"] == "rules/30-tradeoffs.lua:5", items
d = [d for d in r["diagnostics"] if d["rule"] == "mine.boom"]
assert d and d[0]["where"] == my + "/30-tradeoffs.lua:3", d
PY
check $? "JSON: the item's source keeps rules/30-tradeoffs.lua:5; the diagnostic names the real file"
vs $GOLDEN --rules "$MY" compare gpt-4o o3-mini --explain
grep -qF "Mine says hello. <!-- rules/30-tradeoffs.lua:5 in $MY -->" "$out"
check $? "--explain: rules/30-tradeoffs.lua:5 in the real directory"
grep -qF "## Decision tradeoffs <!-- rules/30-tradeoffs.lua:1 in $MY -->" "$out" &&
	grep -q "^# GPT-4o vs o3-mini <!-- rules/10-summary.lua:[0-9]* -->\$" "$out"
check $? "--explain: a heading (and its table header) names its section{}, the title its title{}"
vs $GOLDEN --rules "$MY" compare gpt-4o o3-mini --explain -f html
grep -qF "<h2 data-source=\"rules/30-tradeoffs.lua:1 in $MY\">Decision tradeoffs" "$out"
check $? "--explain -f html: the heading carries its source"
grep -q "<thead><tr data-source=\"rules/20-scorecard.lua:[0-9]*\">" "$out"
check $? "--explain -f html: a table header carries its section{}"
# A table whose section has no heading: the columns' source stands on a line of its own,
# and the Markdown still parses as a table (a comment after a GFM header row would not).
HEADLESS="$TMP/headless"
mkdir -p "$HEADLESS"
cat >"$HEADLESS/60-specs.lua" <<'LUA'
section{ id = "specs", title = "", style = "paragraphs", columns = { "Spec", "A", "B" } }
rule{ key = "specs.one", section = "specs", fn = function(p)
  return { key = "one", cells = { "One", "1", "2" } }
end }
LUA
vs $GOLDEN --rules "$HEADLESS" compare gpt-4o o3-mini --explain
grep -qxF "<!-- rules/60-specs.lua:1 in $HEADLESS -->" "$out" &&
	grep -qxF "| Spec | A | B |" "$out" &&
	if command -v cmark-gfm >/dev/null; then
		cmark-gfm -e table "$out" | grep -q "<th>Spec</th>"
	fi
check $? "--explain: an untitled table's source on its own line; cmark-gfm still sees the table"
vs $GOLDEN --rules "$HEADLESS" compare gpt-4o o3-mini --explain -f text
grep -q "^Spec  *A  *B  *\[rules/60-specs.lua:1 in " "$out"
check $? "--explain -f text: the table header names its section{}"
vs $GOLDEN --rules "$MY" rules
[ $rc -eq 0 ] && grep -q "^mine.boom  *tradeoffs  *$MY/30-tradeoffs.lua:2\$" "$out" &&
	grep -q "^intro  *summary  *rules/10-summary.lua:" "$out" &&
	grep -qF "# rules directory 2: $MY" "$out"
check $? "versus rules: an overriding file by its real path, a shipped one as rules/NAME.lua"
printf 'rule{ key = "x", section = "faq", fn = function() end\n' >"$MY/40-broken.lua"
vs $GOLDEN --rules "$MY" rules
[ $rc -eq 1 ] && grep -qF "$MY/40-broken.lua:2: " "$err" && ! grep -q "^rules/40-broken" "$err"
check $? "a syntax error in --rules DIR: file:line by its real path, exit 1"
LONG=$TMP/a-directory-name-long-enough-that-lua-shortens-it-in-its-messages/rules
mkdir -p "$LONG"
cp "$MY/40-broken.lua" "$LONG/"
vs $GOLDEN --rules "$LONG" rules
[ $rc -eq 1 ] && grep -qF "$LONG/40-broken.lua:2: '}' expected" "$err" && ! grep -qF "..." "$err"
check $? "a long path, which Lua shortens to ..., is still named whole with its line"
vs $GOLDEN --rules "$MY" rules --json
[ $rc -eq 1 ] && valid rules "$out" && "$PY" - "$out" "$MY" <<'PY'
import json, sys
r, my = json.load(open(sys.argv[1])), sys.argv[2]
boom = [x for x in r["rules"] if x["key"] == "mine.boom"][0]
assert boom == {"key": "mine.boom", "section": "tradeoffs", "source": "rules/30-tradeoffs.lua:2",
                "where": my + "/30-tradeoffs.lua:2", "directory": my, "fallback": False}, boom
assert r["directories"][-1] == {"path": my, "shipped": False}, r["directories"]
assert r["directories"][0]["shipped"] is True
assert any(p["where"].startswith(my + "/40-broken.lua:") for p in r["problems"]), r["problems"]
PY
check $? "rules --json: valid against docs/rules.schema.json, source and real place, exit 1"
rm "$MY/40-broken.lua"
cat >"$MY/tests/mine.lua" <<'LUA'
return {
  { name = "mine", a = { id = "a", name = "A" }, b = { id = "b", name = "B" },
    expect = { { key = "mine.ok", contains = "hello" } } },
}
LUA
vs $GOLDEN --rules "$MY" test
grep -qF "ok " "$out" && grep -qF "$MY/tests/mine.lua: mine: mine.ok contains" "$out"
check $? "versus test: a test file of --rules DIR is named by its real path"
rm -r "$MY/tests"

# ---- check, rules, plugins --json ---------------------------------------------------------
vs $GOLDEN check --json
[ $rc -eq 0 ] && [ ! -s "$err" ] && valid check "$out"
st=$?
[ $st -eq 77 ] && skip "python3-jsonschema is not installed" ||
	check $st "check --json: exit 0, valid against docs/check.schema.json, nothing on stderr"
mkdir -p "$TMP/bad/models"
cp "$SRC/tests/fixtures/bad/context-window-negative/models/"*.json "$TMP/bad/models/"
echo '{}' >"$TMP/bad/models/.hidden.json"
vs --data "$TMP/bad" check
[ $rc -eq 1 ] && grep -q "^1 record (1 invalid), [0-9]* plugins, [0-9]* capability checks: 1 error, 1 warning\$" "$out"
check $? "check: '1 record', '1 error, 1 warning' (exit 1)"
vs --data "$TMP/bad" check --json
[ $rc -eq 1 ] && [ ! -s "$err" ] && valid check "$out" && "$PY" - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert (r["records"], r["invalid"], r["errors"], r["warnings"]) == (1, 1, 1, 1), r
e = [p for p in r["problems"] if p["severity"] == "error"][0]
assert e["where"].endswith("qwen2-7b-instruct.json") and "context_window" in e["message"], e
PY
check $? "check --json with problems: exit 1, the problems in JSON and not on stderr"
vs --data "$TMP/nowhere" check --json
[ $rc -eq 3 ] && [ ! -s "$out" ] && [ -s "$err" ]
check $? "check --json without a catalog: exit 3, nothing on stdout, why on stderr"
vs $GOLDEN plugins --json
[ $rc -eq 0 ] && valid plugins "$out" && "$PY" - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
caps = [c["id"] for p in r["plugins"] for c in p["capabilities"]]
assert "function_calling" in caps and r["format"] == "versus-plugins/1", caps
PY
check $? "plugins --json: valid against docs/plugins.schema.json, lists the checks"
vs $GOLDEN rules --json
[ $rc -eq 0 ] && valid rules "$out"
check $? "rules --json: valid against docs/rules.schema.json"

# ---- versus test: TAP, JUnit ----------------------------------------------------------------
vs test
plan=$(grep -c '^\(not \)\{0,1\}ok [0-9]' "$out")
[ $rc -eq 0 ] && grep -q "^1\.\.$plan\$" "$out" && [ "$plan" -gt 0 ] &&
	tail -n 1 "$out" | grep -q "^# [0-9]* files, [0-9]* cases: $plan passed, 0 failed\$"
check $? "versus test prints TAP: $plan test points and the plan line 1..$plan"
cat >"$TMP/fails.lua" <<'LUA'
return {
  { name = "two & <one>", a = { id = "a", name = "A" }, b = { id = "b", name = "B" },
    expect = { { key = "intro", contains = "no such words" }, { key = "intro" } } },
}
LUA
vs test "$TMP/fails.lua" --junit "$TMP/junit.xml"
[ $rc -eq 1 ] && grep -q '^not ok 1 - ' "$out" && grep -q '^ok 2 - ' "$out" &&
	grep -q '^1\.\.2$' "$out" && "$PY" - "$TMP/junit.xml" "$TMP/fails.lua" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "1", root.attrib
suite = root.find("testsuite")
assert suite.get("name") == sys.argv[2] and suite.get("failures") == "1", suite.attrib
cases = suite.findall("testcase")
assert len(cases) == 2 and cases[0].get("name").startswith("two & <one>: intro contains"), cases[0].attrib
assert cases[0].find("failure") is not None and cases[1].find("failure") is None
PY
check $? "test --junit FILE: JUnit XML (a failure, a pass, names escaped); TAP still on stdout; exit 1"
cat >"$TMP/repeats.lua" <<'LUA'
return {
  { name = "same", a = { id = "a", name = "A" }, b = { id = "b", name = "B" },
    expect = { { key = "intro" }, { key = "intro" }, { key = "intro" } } },
}
LUA
vs test "$TMP/repeats.lua" --junit "$TMP/repeats.xml"
[ $rc -eq 0 ] && "$PY" - "$TMP/repeats.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
names = [c.get("name") for c in ET.parse(sys.argv[1]).getroot().iter("testcase")]
assert names == ["same: intro is present", "same: intro is present (2)",
                 "same: intro is present (3)"], names
PY
check $? "test --junit: a repeated expectation gets a unique name, (2) and (3)"
vs test "$TMP/fails.lua" --junit "$TMP/no/such/dir/junit.xml"
[ $rc -eq 4 ] && grep -q "junit.xml" "$err" && [ ! -e "$TMP/no" ]
check $? "test --junit into a missing directory: exit 4, says so"
ls -a "$TMP" | grep -q '^\.' >/dev/null
[ -z "$(find "$TMP" -maxdepth 1 -name '.*junit*')" ]
check $? "test --junit leaves no temporary file"

# ---- an ambiguous short name lists its matches ---------------------------------------------
vs $GOLDEN compare qwen gpt-4o
want=$("$VERSUS" $GOLDEN list | grep -c '^qwen')
[ $rc -eq 3 ] && [ ! -s "$out" ] && grep -q "unknown model 'qwen'; $want models match it" "$err" &&
	[ "$(grep -c '^  qwen' "$err")" -eq "$want" ] && ! grep -q "did you mean" "$err"
check $? "compare qwen: exit 3, lists the $want qwen models, suggests none of them"
vs $GOLDEN show qwen2-7b
[ $rc -eq 3 ] && grep -q "unknown model 'qwen2-7b'; did you mean 'qwen2-7b-instruct'?" "$err"
check $? "show qwen2-7b: one close model is still a suggestion (exit 3)"

finish
