#!/bin/sh
# What a user of jq, git or ripgrep expects of the command line (issue 10): exit codes,
# stdout and stderr for each small thing.  Usage: usage_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$(cd "$2" && pwd)
check_note() { note "$TMP/err" "" 3; }
V="$VERSUS --data $SRC/tests/fixtures/golden"

$VERSUS >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && [ ! -s "$TMP/out" ] && [ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q -- "--help" "$TMP/err"
check $? "no command: a one-line hint on stderr, exit 2"

$V compare gpt-4o o3-mini --form md >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "did you mean '--format'" "$TMP/err"
check $? "--form: refused, and 'did you mean --format'"

$V compare gpt-4o o3-mini -fjson >"$TMP/out" 2>"$TMP/err"
[ $? -eq 0 ] && "$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/out"
check $? "-fjson: the attached short form is accepted"

$V compare gpt-4o o3-mini --requests abc >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q -- "--requests: bad number 'abc'" "$TMP/err"
check $? "--requests abc names the option (exit 2)"

$V --rules /nonexistent list >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "/nonexistent" "$TMP/err"
check $? "--rules /nonexistent: usage error naming the directory"
$V --plugins /nonexistent list >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "/nonexistent" "$TMP/err"
check $? "--plugins /nonexistent: usage error naming the directory"
VERSUS_PLUGINS=/nope $V list >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "VERSUS_PLUGINS names /nope" "$TMP/err"
check $? "VERSUS_PLUGINS=/nope: usage error naming it"
VERSUS_RULES=/nope $V list >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "VERSUS_RULES names /nope" "$TMP/err"
check $? "VERSUS_RULES=/nope: usage error naming it"

cat >"$TMP/typo.lua" <<'LUA'
return {
  { name = "a typo", a = { id = "a", name = "A" }, b = { id = "b", name = "B" },
    expect = {
      { key = "intro", contians = "zz" },
    } },
}
LUA
$VERSUS test "$TMP/typo.lua" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 1 ] && grep -q "typo.lua:4: unknown field 'contians'" "$TMP/out"
check $? "a rule test with a typo'd field fails with file:line"
$VERSUS test "$TMP/nope.lua" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 4 ] && grep -q "cannot read" "$TMP/err"
check $? "versus test nope.lua: exit 4, says it cannot read it"
$VERSUS test "$SRC/rules/tests/plurals.lua" >"$TMP/out" 2>"$TMP/err"
grep -q "^# 1 file, " "$TMP/out"
check $? "'1 file', not '1 files'"

$V list >"$TMP/out" 2>"$TMP/err"
[ "$(grep -n '^gpt-4o ' "$TMP/out" | cut -d: -f1)" -lt "$(grep -n '^gpt-4o-mini ' "$TMP/out" | cut -d: -f1)" ]
check $? "list sorts by name: GPT-4o before GPT-4o mini"
$V show gpt-4o --json >"$TMP/out" 2>"$TMP/err"
grep -q '"score": 88.7,' "$TMP/out" && ! grep -q "88.70000" "$TMP/out"
check $? "show --json writes 88.7, the shortest form"
$V show gpt-4o >"$TMP/out" 2>"$TMP/err"
[ "$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$TMP/out")" -lt 200 ] &&
	grep -q "^  \[1\]" "$TMP/out"
check $? "show prints routes one field a line, no long compact JSON"

finish
