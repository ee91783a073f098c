#!/bin/sh
# What a script (and a person reading stderr) gets from versus (issue 10): rule files of
# other directories named by their real path, JSON from check, rules and plugins valid
# against docs/*.schema.json, rule tests as TAP and JUnit XML, "1 error" not "1 errors", and
# a short ambiguous name that lists its matches.  Exit code, stdout and stderr each time.
# Usage: scripting_test.sh VERSUS SOURCE_ROOT
set -u
VERSUS=$1
SRC=$(cd "$2" && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
n=0
failed=0
unset NO_COLOR VERSUS_DATA VERSUS_RULES VERSUS_PLUGINS
export HOME="$TMP/home" XDG_CONFIG_HOME=
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
# check STATUS WHAT: STATUS is the exit status of the test's own conditions
check() {
	if [ "$1" -eq 0 ]; then ok "$2"; else
		bad "$2"
		sed 's/^/#   stdout: /' "$TMP/out" | head -5
		sed 's/^/#   stderr: /' "$TMP/err" | head -5
	fi
}
# run ARGS...: versus with stdout in $TMP/out, stderr in $TMP/err, the status in $rc
run() { "$VERSUS" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; }
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
# valid SCHEMA FILE: the file is valid JSON of docs/SCHEMA.schema.json (77: no jsonschema)
valid() { $PY "$SRC/tests/cli/validate_json.py" "$SRC/docs/$1.schema.json" "$2" >"$TMP/valid" 2>&1; }
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
run $GOLDEN --rules "$MY" compare gpt-4o o3-mini
[ $rc -eq 0 ] && grep -qF "$MY/30-tradeoffs.lua:3: error: [mine.boom] boom" "$TMP/err" &&
	! grep -q "^rules/30-tradeoffs" "$TMP/err" && grep -q "Mine says hello" "$TMP/out"
check $? "a failing rule of --rules DIR is named by its real path on stderr (exit 0)"
run $GOLDEN --rules "$MY" compare gpt-4o o3-mini --strict
[ $rc -eq 1 ] && grep -qF "$MY/30-tradeoffs.lua:3" "$TMP/err"
check $? "--strict: exit 1, the same real path"
run $GOLDEN --rules "$MY" compare gpt-4o o3-mini -f json
[ $rc -eq 0 ] && $PY - "$TMP/out" "$MY" <<'PY'
import json, sys
r, my = json.load(open(sys.argv[1])), sys.argv[2]
items = [i for s in r["sections"] for i in s["items"] if i["key"] == "mine.ok"]
assert items and items[0]["source"] == "rules/30-tradeoffs.lua:5", items
d = [d for d in r["diagnostics"] if d["rule"] == "mine.boom"]
assert d and d[0]["where"] == my + "/30-tradeoffs.lua:3", d
PY
check $? "JSON: the item's source keeps rules/30-tradeoffs.lua:5; the diagnostic names the real file"
run $GOLDEN --rules "$MY" compare gpt-4o o3-mini --explain
grep -qF "Mine says hello. <!-- rules/30-tradeoffs.lua:5 in $MY -->" "$TMP/out"
check $? "--explain: rules/30-tradeoffs.lua:5 in the real directory"
grep -qF "## Decision tradeoffs <!-- rules/30-tradeoffs.lua:1 in $MY -->" "$TMP/out" &&
	grep -q "^# GPT-4o vs o3-mini <!-- rules/10-summary.lua:[0-9]* -->\$" "$TMP/out"
check $? "--explain: a heading (and its table header) names its section{}, the title its title{}"
run $GOLDEN --rules "$MY" compare gpt-4o o3-mini --explain -f html
grep -qF "<h2 data-source=\"rules/30-tradeoffs.lua:1 in $MY\">Decision tradeoffs" "$TMP/out"
check $? "--explain -f html: the heading carries its source"
grep -q "<thead><tr data-source=\"rules/20-scorecard.lua:[0-9]*\">" "$TMP/out"
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
run $GOLDEN --rules "$HEADLESS" compare gpt-4o o3-mini --explain
grep -qxF "<!-- rules/60-specs.lua:1 in $HEADLESS -->" "$TMP/out" &&
	grep -qxF "| Spec | A | B |" "$TMP/out" &&
	if command -v cmark-gfm >/dev/null; then
		cmark-gfm -e table "$TMP/out" | grep -q "<th>Spec</th>"
	fi
check $? "--explain: an untitled table's source on its own line; cmark-gfm still sees the table"
run $GOLDEN --rules "$HEADLESS" compare gpt-4o o3-mini --explain -f text
grep -q "^Spec  *A  *B  *\[rules/60-specs.lua:1 in " "$TMP/out"
check $? "--explain -f text: the table header names its section{}"
run $GOLDEN --rules "$MY" rules
[ $rc -eq 0 ] && grep -q "^mine.boom  *tradeoffs  *$MY/30-tradeoffs.lua:2\$" "$TMP/out" &&
	grep -q "^intro  *summary  *rules/10-summary.lua:" "$TMP/out" &&
	grep -qF "# rules directory 2: $MY" "$TMP/out"
check $? "versus rules: an overriding file by its real path, a shipped one as rules/NAME.lua"
printf 'rule{ key = "x", section = "faq", fn = function() end\n' >"$MY/40-broken.lua"
run $GOLDEN --rules "$MY" rules
[ $rc -eq 1 ] && grep -qF "$MY/40-broken.lua:2: " "$TMP/err" && ! grep -q "^rules/40-broken" "$TMP/err"
check $? "a syntax error in --rules DIR: file:line by its real path, exit 1"
LONG=$TMP/a-directory-name-long-enough-that-lua-shortens-it-in-its-messages/rules
mkdir -p "$LONG"
cp "$MY/40-broken.lua" "$LONG/"
run $GOLDEN --rules "$LONG" rules
[ $rc -eq 1 ] && grep -qF "$LONG/40-broken.lua:2: '}' expected" "$TMP/err" && ! grep -qF "..." "$TMP/err"
check $? "a long path, which Lua shortens to ..., is still named whole with its line"
run $GOLDEN --rules "$MY" rules --json
[ $rc -eq 1 ] && valid rules "$TMP/out" && $PY - "$TMP/out" "$MY" <<'PY'
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
run $GOLDEN --rules "$MY" test
grep -qF "ok " "$TMP/out" && grep -qF "$MY/tests/mine.lua: mine: mine.ok contains" "$TMP/out"
check $? "versus test: a test file of --rules DIR is named by its real path"
rm -r "$MY/tests"

# ---- check, rules, plugins --json ---------------------------------------------------------
run $GOLDEN check --json
[ $rc -eq 0 ] && [ ! -s "$TMP/err" ] && valid check "$TMP/out"
st=$?
[ $st -eq 77 ] && { n=$((n + 1)); echo "ok $n # SKIP python3-jsonschema is not installed"; } ||
	check $st "check --json: exit 0, valid against docs/check.schema.json, nothing on stderr"
mkdir -p "$TMP/bad/models"
cp "$SRC/tests/fixtures/bad/context-window-negative/models/"*.json "$TMP/bad/models/"
echo '{}' >"$TMP/bad/models/.hidden.json"
run --data "$TMP/bad" check
[ $rc -eq 1 ] && grep -q "^1 record (1 invalid), [0-9]* plugins, [0-9]* capability checks: 1 error, 1 warning\$" "$TMP/out"
check $? "check: '1 record', '1 error, 1 warning' (exit 1)"
run --data "$TMP/bad" check --json
[ $rc -eq 1 ] && [ ! -s "$TMP/err" ] && valid check "$TMP/out" && $PY - "$TMP/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert (r["records"], r["invalid"], r["errors"], r["warnings"]) == (1, 1, 1, 1), r
e = [p for p in r["problems"] if p["severity"] == "error"][0]
assert e["where"].endswith("qwen2-7b-instruct.json") and "context_window" in e["message"], e
PY
check $? "check --json with problems: exit 1, the problems in JSON and not on stderr"
run --data "$TMP/nowhere" check --json
[ $rc -eq 3 ] && [ ! -s "$TMP/out" ] && [ -s "$TMP/err" ]
check $? "check --json without a catalog: exit 3, nothing on stdout, why on stderr"
run $GOLDEN plugins --json
[ $rc -eq 0 ] && valid plugins "$TMP/out" && $PY - "$TMP/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
caps = [c["id"] for p in r["plugins"] for c in p["capabilities"]]
assert "function_calling" in caps and r["format"] == "versus-plugins/1", caps
PY
check $? "plugins --json: valid against docs/plugins.schema.json, lists the checks"
run $GOLDEN rules --json
[ $rc -eq 0 ] && valid rules "$TMP/out"
check $? "rules --json: valid against docs/rules.schema.json"

# ---- versus test: TAP, JUnit ----------------------------------------------------------------
run test
plan=$(grep -c '^\(not \)\{0,1\}ok [0-9]' "$TMP/out")
[ $rc -eq 0 ] && grep -q "^1\.\.$plan\$" "$TMP/out" && [ "$plan" -gt 0 ] &&
	tail -n 1 "$TMP/out" | grep -q "^# [0-9]* files, [0-9]* cases: $plan passed, 0 failed\$"
check $? "versus test prints TAP: $plan test points and the plan line 1..$plan"
cat >"$TMP/fails.lua" <<'LUA'
return {
  { name = "two & <one>", a = { id = "a", name = "A" }, b = { id = "b", name = "B" },
    expect = { { key = "intro", contains = "no such words" }, { key = "intro" } } },
}
LUA
run test "$TMP/fails.lua" --junit "$TMP/junit.xml"
[ $rc -eq 1 ] && grep -q '^not ok 1 - ' "$TMP/out" && grep -q '^ok 2 - ' "$TMP/out" &&
	grep -q '^1\.\.2$' "$TMP/out" && $PY - "$TMP/junit.xml" "$TMP/fails.lua" <<'PY'
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
run test "$TMP/repeats.lua" --junit "$TMP/repeats.xml"
[ $rc -eq 0 ] && $PY - "$TMP/repeats.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
names = [c.get("name") for c in ET.parse(sys.argv[1]).getroot().iter("testcase")]
assert names == ["same: intro is present", "same: intro is present (2)",
                 "same: intro is present (3)"], names
PY
check $? "test --junit: a repeated expectation gets a unique name, (2) and (3)"
run test "$TMP/fails.lua" --junit "$TMP/no/such/dir/junit.xml"
[ $rc -eq 4 ] && grep -q "junit.xml" "$TMP/err" && [ ! -e "$TMP/no" ]
check $? "test --junit into a missing directory: exit 4, says so"
ls -a "$TMP" | grep -q '^\.' >/dev/null
[ -z "$(find "$TMP" -maxdepth 1 -name '.*junit*')" ]
check $? "test --junit leaves no temporary file"

# ---- an ambiguous short name lists its matches ---------------------------------------------
run $GOLDEN compare qwen gpt-4o
want=$("$VERSUS" $GOLDEN list | grep -c '^qwen')
[ $rc -eq 3 ] && [ ! -s "$TMP/out" ] && grep -q "unknown model 'qwen'; $want models match it" "$TMP/err" &&
	[ "$(grep -c '^  qwen' "$TMP/err")" -eq "$want" ] && ! grep -q "did you mean" "$TMP/err"
check $? "compare qwen: exit 3, lists the $want qwen models, suggests none of them"
run $GOLDEN show qwen2-7b
[ $rc -eq 3 ] && grep -q "unknown model 'qwen2-7b'; did you mean 'qwen2-7b-instruct'?" "$TMP/err"
check $? "show qwen2-7b: one close model is still a suggestion (exit 3)"

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
exit $failed
