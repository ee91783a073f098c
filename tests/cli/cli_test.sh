#!/bin/sh
# CLI tests: exit codes, stderr text, stdout discipline, options, determinism, rule edits
# without a rebuild, and hostile rules.  Usage: cli_test.sh VERSUS SOURCE_ROOT
# Each check prints "ok N - what" or "not ok N - what" (TAP, tests/lib.sh); the exit status is
# 1 when any failed, so meson counts this file as one test and the log shows which check.
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
DATA=$SRC/data

V="$VERSUS --data $DATA"

# ---- help, version, usage -------------------------------------------------------------
expect_rc 0 "--version" $VERSUS --version
expect_out "versus " "--version prints the version"
expect_rc 0 "--help" $VERSUS --help
expect_out "compare" "--help lists commands"
for c in compare list show check rules plugins schema site import test help; do
	expect_rc 0 "$c --help" $VERSUS $c --help
	expect_out "Usage: versus" "$c --help prints usage on stdout"
	expect_rc 0 "help $c" $VERSUS help $c
done
expect_rc 2 "no command" $VERSUS
expect_rc 2 "unknown command" $VERSUS frobnicate
expect_err "unknown command 'frobnicate'" "unknown command is named"
expect_rc 2 "a mistyped command" $VERSUS comapre gpt-4o o3-mini
expect_err "unknown command 'comapre'; did you mean 'compare'?" "a mistyped command gets the nearest one"
expect_rc 2 "help for a mistyped command" $VERSUS help sho
expect_err "unknown command 'sho'; did you mean 'show'?" "help: a mistyped command gets the nearest one"
expect_rc 2 "unknown option" $V compare gpt-4o gpt-5 --frob
expect_err "unknown option '--frob'" "unknown option is named"
expect_err "versus compare --help" "unknown option points at --help"
expect_rc 2 "missing arguments" $V compare gpt-4o
for bad_number in 1e9 -1 "" 12a 99999999999999999999 0x10; do
	expect_rc 2 "--requests '$bad_number' is a usage error" $V compare gpt-4o gpt-5 --requests "$bad_number"
done
expect_err "bad number" "bad number is explained"
for share in 1.5 nan -0.1 1e-1; do
	expect_rc 2 "--cached-share $share is a usage error" $V compare gpt-4o gpt-5 --cached-share "$share"
done
expect_rc 2 "unknown format" $V compare gpt-4o gpt-5 -f pdf

# ---- model arguments ------------------------------------------------------------------
expect_rc 3 "unknown model" $V compare qwen2-7b gpt-4o
expect_err "unknown model 'qwen2-7b'; did you mean 'qwen2-7b-instruct'?" "unknown model gets a suggestion"
expect_no_out "unknown model writes nothing to stdout"
# The Specs table's API model id (a route's `model`) leads to its record, not to a near
# spelling of another model (claude-sonnet-4-20250514 was "did you mean 'claude-sonnet-4.5'?").
expect_rc 3 "an API model name is not an id" $V compare claude-sonnet-4-20250514 gpt-4o
expect_err "did you mean 'claude-sonnet-4'? ('claude-sonnet-4-20250514' is the API model name of one of its routes)" \
	"an API model name gets the record that lists it"
expect_rc 0 "models by name, case-insensitively" $V compare "gpt-5.3-CODEX-spark" "Qwen2-7B-Instruct"
expect_rc 2 "compare A A" $V compare gpt-4o GPT-4o
expect_err "same model" "compare A A says why"

# ambiguous names: two records with one display name
mkdir -p "$TMP/twins/models"
cp "$SRC/tests/fixtures/edge/models/"*.json "$TMP/twins/models/"
twin_name=$("$PY" -c "import json,sys; print(json.load(open(sys.argv[1]))['name'])" "$SRC/tests/fixtures/edge/models/edge-twin.json")
expect_rc 3 "a name shared by two models is ambiguous" $VERSUS --data "$TMP/twins" compare "$twin_name" edge-free
expect_err "matches 2 models" "ambiguity lists the candidates"

# ---- invalid records ------------------------------------------------------------------
mkdir -p "$TMP/bad/models"
cp "$DATA/models/gpt-4o.json" "$DATA/models/gpt-5.json" "$DATA/models/o3-mini.json" "$TMP/bad/models/"
sed 's/"context_window": [0-9]*/"context_window": "131k"/' "$DATA/models/gpt-5.json" >"$TMP/bad/models/gpt-5.json"
expect_rc 3 "compare refuses an invalid record" $VERSUS --data "$TMP/bad" compare gpt-4o gpt-5
expect_err '$.context_window: expected an integer > 0, got string "131k"' "the problem is printed as check does"
expect_err "cannot compare" "a last line says it cannot compare"
expect_err "versus check" "and to run versus check"
expect_no_out "nothing on stdout for an invalid record"
expect_rc 3 "-o is not written for an invalid record" $VERSUS --data "$TMP/bad" compare gpt-4o gpt-5 -o "$TMP/never.md"
if [ -e "$TMP/never.md" ]; then bad "-o file created for an invalid record"; else ok "-o file not created"; fi
expect_rc 0 "other invalid records do not stop a comparison" $VERSUS --data "$TMP/bad" compare gpt-4o o3-mini
expect_err "gpt-5.json: warning: invalid record left out" "other invalid records get one warning line"
expect_rc 1 "check exits 1 on a bad catalog" $VERSUS --data "$TMP/bad" check
expect_err "gpt-5.json: \$.context_window" "check names file and JSON path"
expect_rc 3 "no catalog" $VERSUS --data "$TMP/nowhere" list
expect_err "cannot read the catalog" "no catalog is explained"

# ---- check, list, show, rules, plugins, schema -----------------------------------------
expect_rc 0 "check is clean on the shipped data" $V check
# data.md: a price under a tenth of the model's median is a warning naming the route and the
# medians (tests/fixtures/edge: Outlier Slip's $0.15 output beside $15); exactly a tenth is not.
expect_rc 0 "check warns about an outlier price, and still exits 0" $VERSUS --data "$SRC/tests/fixtures/edge" check
expect_err "edge-cost-outlier.json: warning: [price_outlier] \$.routes[3].pricing: 'Outlier Slip' charges \$3 input and \$0.15 output" "price_outlier names the route"
expect_err "median over its 4 priced routes (\$3 input, \$15 output)" "price_outlier gives the medians"
expect_err "output per 1M tokens: its output price is under a tenth" "price_outlier says which price is the outlier (only the output here)"
if grep -q "edge-cost-tenth" "$err"; then bad "a price of exactly a tenth of the median is not an outlier"; else ok "exactly a tenth is no outlier"; fi
# One list of invisible characters (escape.c's esc_is_invisible, issue 17): what the pages
# strip, check warns about, U+061C (Arabic letter mark) and U+180E (Mongolian vowel separator)
# among them, and the page shows neither.
mkdir -p "$TMP/hidden/models"
cp "$DATA/models/gpt-4o.json" "$DATA/models/o3-mini.json" "$TMP/hidden/models/"
"$PY" - "$TMP/hidden/models/gpt-4o.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["name"] = "GPT\u061c-4o"
d["creator"] = d["creator"] + "\u180e"
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False)
PYEOF
expect_rc 0 "check passes a record with invisible characters, with warnings" $VERSUS --data "$TMP/hidden" check
expect_err '$.name: invisible or bidi control character U+061C' "check warns about U+061C (Arabic letter mark)"
expect_err '$.creator: invisible or bidi control character U+180E' "check warns about U+180E (Mongolian vowel separator)"
expect_rc 0 "compare with the invisible characters" $VERSUS --data "$TMP/hidden" compare gpt-4o o3-mini -f md
if grep -q "$(printf '\330\234')\|$(printf '\341\240\216')" "$out"; then bad "the page strips U+061C and U+180E"; else ok "the page strips U+061C and U+180E"; fi
expect_out "GPT-4o" "the name shows without the mark"
expect_rc 0 "list" $V list
expect_out "qwen2-7b-instruct" "list shows the catalog"
expect_rc 0 "list --json" $V list --json
if "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); assert len(d) > 10" "$out"; then ok "list --json is a JSON array"; else bad "list --json is not JSON"; fi
expect_rc 0 "list --has vision --open" $V list --has function_calling --open
if grep -q "gpt-4o" "$out"; then bad "--open kept a proprietary model"; else ok "--open filters"; fi
expect_rc 2 "list --has unknown capability" $V list --has teleportation
expect_rc 0 "list --min-context" $V list --min-context 1000000
if grep -q "qwen2-7b-instruct" "$out"; then bad "--min-context kept a 128k model"; else ok "--min-context filters"; fi
expect_rc 0 "show" $V show gpt-4o --json
if "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['capabilities']['prompt_caching'] is True" "$out"; then
	ok "show includes derived capabilities"; else bad "show lacks the derived prompt_caching"; fi
expect_rc 3 "show unknown" $V show nothing-like-this
expect_rc 0 "rules" $V rules
expect_out "larger_context" "rules lists rule keys"
expect_out "rules/30-tradeoffs.lua:" "rules shows where each rule is"
expect_rc 0 "plugins" $V plugins
expect_out "function_calling" "plugins lists capability checks"
expect_rc 0 "schema" $V schema
if "$PY" -c "import json,sys; json.load(open(sys.argv[1]))" "$out"; then ok "schema prints JSON"; else bad "schema is not JSON"; fi

# ---- output: stdout vs -o, atomic writes, determinism ----------------------------------
expect_rc 0 "compare to stdout" $V compare gpt-5.3-codex-spark qwen2-7b-instruct
cp "$out" "$TMP/first.md"
expect_rc 0 "compare -o" $V compare gpt-5.3-codex-spark qwen2-7b-instruct -o "$TMP/report.md"
if cmp -s "$TMP/first.md" "$TMP/report.md"; then ok "-o writes the same bytes as stdout"; else bad "-o differs from stdout"; fi
expect_no_out "-o leaves stdout empty"
if ls "$TMP"/report.md.tmp.* >/dev/null 2>&1; then bad "a temporary file was left behind"; else ok "no temporary file left"; fi
expect_rc 4 "-o into a missing directory" $V compare gpt-4o gpt-5 -o "$TMP/missing/dir/r.md"
expect_err "cannot write" "an unwritable -o is explained"
for f in md json text; do
	$V compare gpt-4o claude-sonnet-4 -f $f --requests 2500000 --cached-share 0.4 --batch >"$TMP/a.$f"
	$V compare gpt-4o claude-sonnet-4 -f $f --requests 2500000 --cached-share 0.4 --batch >"$TMP/b.$f"
	if cmp -s "$TMP/a.$f" "$TMP/b.$f"; then ok "same inputs, same bytes ($f)"; else bad "output differs run to run ($f)"; fi
done
LC_ALL=de_DE.UTF-8 $V compare gpt-4o claude-sonnet-4 -f md >"$TMP/de.md" 2>/dev/null
if cmp -s "$TMP/a.md" "$TMP/de.md" || $V compare gpt-4o claude-sonnet-4 -f md --requests 2500000 --cached-share 0.4 --batch | cmp -s - "$TMP/a.md"; then ok "locale does not change output"; else bad "locale changed output"; fi

# colour: never when NO_COLOR is set or stdout is not a terminal
expect_rc 0 "text format" $V compare gpt-4o gpt-5 -f text
if grep -q "$(printf '\033')" "$out"; then bad "colour codes in piped text output"; else ok "no colour when stdout is not a TTY"; fi
if command -v script >/dev/null 2>&1; then
	NO_COLOR=1 script -qec "$V compare gpt-4o gpt-5 -f text" /dev/null >"$TMP/tty.txt" 2>&1
	if grep -q "$(printf '\033\\[')" "$TMP/tty.txt"; then bad "colour on a TTY with NO_COLOR set"; else ok "NO_COLOR turns colour off on a TTY"; fi
	script -qec "$V compare gpt-4o gpt-5 -f text" /dev/null >"$TMP/tty2.txt" 2>&1
	if grep -q "$(printf '\033\\[')" "$TMP/tty2.txt"; then ok "colour on a TTY"; else bad "no colour on a TTY"; fi
fi

# ---- rules: edit wording without a rebuild; hostile rules ------------------------------
mkdir -p "$TMP/myrules"
sed 's/has the larger context window/HAS THE BIGGER WINDOW/' "$SRC/rules/30-tradeoffs.lua" >"$TMP/myrules/30-tradeoffs.lua"
if cmp -s "$SRC/rules/30-tradeoffs.lua" "$TMP/myrules/30-tradeoffs.lua"; then
	bad "the wording to edit was not found in rules/30-tradeoffs.lua"
else
	expect_rc 0 "compare with an edited rule file" $V --rules "$TMP/myrules" compare gpt-5.3-codex-spark qwen2-7b-instruct
	expect_out "HAS THE BIGGER WINDOW" "an edited rule changes the report with no rebuild"
	VERSUS_RULES="$TMP/myrules" $V compare gpt-5.3-codex-spark qwen2-7b-instruct >"$TMP/env.md" 2>/dev/null
	if grep -q "HAS THE BIGGER WINDOW" "$TMP/env.md"; then ok "VERSUS_RULES adds a rules directory"; else bad "VERSUS_RULES ignored"; fi
fi

mkdir -p "$TMP/hostile"
cat >"$TMP/hostile/zz-hostile.lua" <<'EOF'
rule{ key = "hostile.error", section = "tradeoffs", fn = function(p)
  local x = nil
  return { text = x.y }
end }
rule{ key = "hostile.loop", section = "tradeoffs", fn = function(p)
  while true do pcall(function() while true do end end) end
end }
rule{ key = "hostile.memory", section = "tradeoffs", fn = function(p)
  -- A megabyte a step: the memory cap trips long before the instruction budget or the
  -- wall clock can, however loaded the machine is.
  local t = {} for i = 1, 1e8 do t[i] = string.rep("a", 1000000) .. i end
end }
rule{ key = "hostile.escape", section = "tradeoffs", fn = function(p)
  return { text = "escape:" .. tostring(io) .. tostring(os) .. tostring(debug) .. tostring(require) .. tostring(rawset) }
end }
EOF
cat >"$TMP/hostile/zz-loadloop.lua" <<'EOF'
while true do end
EOF
# The report still comes; the file that failed to load (zz-loadloop) makes it exit 1.
expect_rc 1 "hostile rules do not stop the report" $V --rules "$TMP/hostile" compare gpt-5.3-codex-spark qwen2-7b-instruct
expect_err "$TMP/hostile/zz-hostile.lua:3: error: [hostile.error] attempt to index a nil value" "an erroring rule is a diagnostic with file:line (its real directory) and key"
expect_err "[hostile.loop] instruction budget exceeded" "a rule looping forever (through pcall) is stopped"
expect_err "[hostile.memory] memory cap exceeded" "a memory bomb is stopped"
expect_err "$TMP/hostile/zz-loadloop.lua:1: failed to load: instruction budget exceeded" "a file looping at load time is reported"
expect_out "escape:nilnilnilnilnil" "io, os, debug, require and rawset are not reachable"
expect_out "## Specs" "the rest of the report is produced"
expect_out "has the larger context window" "other rules still run"
expect_rc 1 "--strict makes diagnostics exit 1" $V --rules "$TMP/hostile" compare gpt-5.3-codex-spark qwen2-7b-instruct --strict
expect_rc 1 "json with hostile rules" $V --rules "$TMP/hostile" compare gpt-5.3-codex-spark qwen2-7b-instruct -f json
if "$PY" - "$out" "$TMP/hostile/zz-" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
keys = {d.get("rule") for d in r["diagnostics"]}
assert {"hostile.error", "hostile.loop", "hostile.memory"} <= keys, keys
assert all(d["where"].startswith(sys.argv[2]) for d in r["diagnostics"]), r["diagnostics"]
EOF
then ok "diagnostics are in the JSON report"; else bad "diagnostics missing from the JSON report"; fi

# ---- environment variables -------------------------------------------------------------
VERSUS_DATA="$TMP/bad" $VERSUS compare gpt-4o o3-mini >/dev/null 2>"$TMP/envdata.err"
if grep -q "gpt-5.json: warning: invalid record left out" "$TMP/envdata.err"; then ok "VERSUS_DATA chooses the catalog"; else bad "VERSUS_DATA ignored"; fi
if [ -n "${PLUGIN_CASES:-}" ] && [ -d "$PLUGIN_CASES/abi_major" ]; then
	VERSUS_PLUGINS="$PLUGIN_CASES/abi_major" $V plugins >/dev/null 2>"$TMP/envplug.err"
	if grep -q "ABI 2.0" "$TMP/envplug.err"; then ok "VERSUS_PLUGINS adds a plugin directory"; else bad "VERSUS_PLUGINS ignored"; fi
fi

# ---- rule tests ------------------------------------------------------------------------
expect_rc 0 "versus test runs the shipped rule tests" $V test
expect_out " 0 failed" "and they pass"
cat >"$TMP/wrong_test.lua" <<'EOF'
return {
  { name = "a wrong expectation",
    a = { id = "w-a", name = "W A", context_window = 8192 },
    b = { id = "w-b", name = "W B", context_window = 131072 },
    expect = {
      { key = "larger_context", about = "w-a" },
      { key = "intro", contains = "W A" },
    } },
  { name = "an invalid fixture", a = { id = "Bad Id", name = "x" }, b = { id = "ok", name = "y" },
    expect = { { key = "intro" } } },
}
EOF
expect_rc 1 "a failing rule test exits 1" $V test "$TMP/wrong_test.lua"
expect_out "not ok 1 - $TMP/wrong_test.lua: a wrong expectation: larger_context about w-a is present; got no such item" "the failure says what was expected and found"
expect_out "ok 2 - " "a met expectation still passes"
expect_out "an invalid fixture: a fixture record is invalid" "an invalid fixture record fails its case"
expect_err "is not a safe id" "and the record's problem is printed"

# ---- plugins: a refused plugin is named, and the report still comes ---------------------
if [ -n "${PLUGIN_CASES:-}" ] && [ -d "$PLUGIN_CASES/abi_major" ]; then
	expect_rc 4 "a refused plugin exits 4" $V --plugins "$PLUGIN_CASES/abi_major" compare gpt-4o gpt-5
	expect_err "ABI 2.0" "the refusal names the plugin's ABI version"
	expect_err "ABI 1.0" "and the core's"
	expect_out "## Capabilities" "the report is still made without it"
	expect_err "not loaded, so reports lack its capability checks and statements" "stderr says the report lacks the plugin's checks"
	expect_rc 4 "check: a plugin crashing in a check" $V --plugins "$PLUGIN_CASES/check_crash" check
	expect_err "plugin:check-crash: plugin 'check-crash' (" "the crash names the plugin"
	expect_err "crashed (Segmentation fault) while checking model 'claude-3-5-haiku'" "and the model it was checking"
	expect_rc 4 "check: a plugin calling exit() in a check" $V --plugins "$PLUGIN_CASES/check_exit" check
	expect_err "called exit() while checking model 'claude-3-5-haiku'" "exit() is reported by plugin name"
	expect_rc 4 "compare: a plugin calling exit() never looks like success" $V --plugins "$PLUGIN_CASES/check_exit" compare gpt-4o gpt-5
	expect_err "plugin 'check-exit' (" "the plugin is named"
	expect_out "## Capabilities" "and the report is made without it"
	expect_rc 0 "a plugin printing to stdout" $V --plugins "$PLUGIN_CASES/stdout" compare gpt-4o gpt-5 -f json
	if "$PY" -c "import json,sys; json.load(open(sys.argv[1]))" "$out"; then ok "stdout stays a clean report when a plugin prints"; else bad "a plugin's printf corrupted stdout"; fi
fi

finish
