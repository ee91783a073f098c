#!/bin/sh
# Plugins that crash, exit, hang, or that others could change, through the command line.
# Each block is named after its case in docs/spec/hardening.md (section G) or issue 9.
# Usage: isolation_test.sh VERSUS SOURCE_ROOT CASES_DIR
# TAP lines (tests/lib.sh); the exit status is 1 when any check failed.
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
CASES=$3
# A short limit for the plugins that block (every other call returns in microseconds), and a
# generous one around each command, so that a regression fails here instead of hanging.
export VERSUS_PLUGIN_TIMEOUT_MS=1000
# The frozen catalog: the pairs named below do not move when data/ grows.
V="$VERSUS --data $SRC/tests/fixtures/golden"

# try CODE WHAT CMD...: expect_rc (tests/lib.sh) under a 120 s timeout
try() {
	want=$1 what=$2
	shift 2
	expect_rc "$want" "$what" timeout 120 "$@"
}

LACKS="not loaded, so reports lack its capability checks and statements"
HAIKU="while checking model 'claude-3-5-haiku'"

# report CASE: compare goes on without the plugin, prints the report, names it, exits 4
report() {
	try 4 "$1: compare exits 4" $V --plugins "$CASES/$1" compare gpt-4o gpt-5
	expect_out "## Capabilities" "$1: compare still prints the report"
	expect_out "| Vision |" "$1: with the shipped checks' rows"
	expect_err "$LACKS" "$1: stderr says the report lacks the plugin's checks"
}

# lists CASE WHAT: `plugins` goes on without the plugin, exits 4 and lists the others
lists() {
	try 4 "$2: plugins with $1" $V --plugins "$CASES/$1" plugins
	expect_out "core-capabilities" "$2: plugins still lists the others"
}

# ---- case 100: a capability check that ends the process ----------------------------------
try 4 "case 100: check with a check calling _exit(0)" $V --plugins "$CASES/check_exit0" check
expect_err "plugin:check-exit0: plugin 'check-exit0' (" "case 100: _exit(0) names the plugin"
expect_err "ended the process (status 0) $HAIKU; $LACKS" "case 100: and the model; never success"
report check_exit0
lists check_exit0 "case 100"
try 4 "case 100: check with a check calling exit(3)" $V --plugins "$CASES/check_exit" check
expect_err "called exit() $HAIKU" "case 100: exit() is told apart from _exit()"
report check_exit

# ---- case 101: a crash in a check or in the entry point ---------------------------------
lists check_crash "case 101"
expect_err "crashed (Segmentation fault) $HAIKU" "case 101: plugins survives it and names it"
report check_crash
try 4 "case 101: check with a crashing entry point" $V --plugins "$CASES/entry_crash" check
expect_err "entry_crash.so) crashed (Segmentation fault) while being loaded" "case 101: check survives it and names the file"
report entry_crash

# ---- case 99: code inside dlopen (constructors) ------------------------------------------
for c in ctor_exit ctor_crash; do
	try 4 "case 99: check with $c" $V --plugins "$CASES/$c" check
	expect_err "$c.so) " "case 99: $c: the file is named"
	expect_err "while being loaded (a constructor or the entry point); $LACKS" "case 99: $c: while being loaded"
	report $c
done

# ---- plugins that never return: a check, a constructor, a statement ----------------------
try 4 "hang: check with a check that blocks" $V --plugins "$CASES/check_pause" check
expect_err "did not return within 1000 ms $HAIKU" "hang: check names the plugin and the model"
report check_pause
try 4 "hang: plugins with a check that blocks" $V --plugins "$CASES/check_pause" plugins
try 4 "hang: check with a constructor that blocks" $V --plugins "$CASES/ctor_pause" check
expect_err "ctor_pause.so) did not return within 1000 ms while being loaded" "hang: the file is named"
report ctor_pause
for c in stmt_pause stmt_spin; do
	try 4 "hang: compare with a statement that never returns ($c)" $V --plugins "$CASES/$c" compare gpt-4o gpt-5
	expect_err "versus: plugin 'stmt-${c#stmt_}' did not return within 1000 ms in statement '$c' for the pair 'gpt-4o' vs 'gpt-5'" "hang: the watchdog names the plugin, the statement and the pair"
	expect_no_out "hang: no partial report"
	try 4 "hang: check with $c" $V --plugins "$CASES/$c" check
	expect_err "did not return within 1000 ms in statement '$c' for the pair 'claude-3-5-haiku' vs" "hang: check names the statement and the pair"
done
echo "old report" >"$TMP/old.md"
try 4 "hang: compare -o over an old report" $V --plugins "$CASES/stmt_pause" compare gpt-4o gpt-5 -o "$TMP/old.md"
if [ "$(cat "$TMP/old.md")" = "old report" ]; then ok "hang: the old -o file is left as it was"; else bad "hang: the old -o file changed"; fi

# ---- case 101: a statement that crashes ---------------------------------------------------
try 4 "case 101: check with a crashing statement" $V --plugins "$CASES/stmt_crash" check
expect_err "crashed (Segmentation fault) in statement 'stmt_crash' for the pair 'claude-3-5-haiku' vs 'claude-sonnet-4'" "case 101: check names the statement and the pair"
# compare runs statements in process: the crash ends the run, never with status 0, and says who
timeout 120 $V --plugins "$CASES/stmt_crash" compare gpt-4o gpt-5 >"$TMP/out.crash" 2>"$TMP/err.crash"
rc=$?
if [ "$rc" -ne 0 ] && [ ! -s "$TMP/out.crash" ]; then ok "case 101: compare with a crashing statement fails (exit $rc), no report"; else bad "case 101: compare with a crashing statement: exit $rc"; fi
err=$TMP/err.crash
expect_err "versus: plugin 'stmt-crash' crashed (Segmentation fault) in statement 'stmt_crash' for the pair 'gpt-4o' vs 'gpt-5'" "case 101: compare names the plugin before dying"

# ---- case 106: who may change a plugin ----------------------------------------------------
mkdir -p "$TMP/p/mine" "$TMP/p/world" "$TMP/p/open" "$TMP/p/sticky" "$TMP/p/group" "$TMP/p/other"
for d in mine world open sticky group other; do cp "$CASES/junk/ok.so" "$TMP/p/$d/ok.so"; chmod 0755 "$TMP/p/$d/ok.so"; done
chmod 0646 "$TMP/p/world/ok.so"
try 4 "case 106: a file others can write" $V --plugins "$TMP/p/world" plugins
expect_err "ok.so) is writable by others (mode 0646); $LACKS" "case 106: refused, with the reason"
chmod 0777 "$TMP/p/open"
try 4 "case 106: a directory others can write, no sticky bit" $V --plugins "$TMP/p/open" plugins
expect_err "is in a directory that others can write to ($TMP/p/open, mode 0777, no sticky bit)" "case 106: refused, naming the directory"
chmod 01777 "$TMP/p/sticky"
try 0 "case 106: a sticky directory others can write (like /tmp)" $V --plugins "$TMP/p/sticky" plugins
expect_out "junk-ok" "case 106: loads"
chmod 0775 "$TMP/p/mine/ok.so"
try 0 "case 106: group-writable, in our own group (umask 002)" $V --plugins "$TMP/p/mine" plugins
expect_err "is writable by its group (mode 0775), your own group" "case 106: loads, with a warning"
if [ "$(id -u)" -eq 0 ]; then
	chmod 0775 "$TMP/p/group/ok.so"
	chgrp 65534 "$TMP/p/group/ok.so"
	try 4 "case 106: group-writable, another group" $V --plugins "$TMP/p/group" plugins
	expect_err "is writable by its group (mode 0775, gid 65534); $LACKS" "case 106: refused"
	chown 65534 "$TMP/p/other/ok.so"
	try 4 "case 106: owned by another user" $V --plugins "$TMP/p/other" compare gpt-4o gpt-5
	expect_err "is owned by uid 65534, neither the user running versus (uid 0) nor root; $LACKS" "case 106: refused"
	expect_out "## Capabilities" "case 106: the report is still made"
else
	skip "case 106: another group and another owner need root"
fi

# ---- issue 9: diagnostics are the same bytes on every run (no address) ------------------------
try 4 "issue 9: a plugin claiming a million checks" $V --plugins "$CASES/bad_list" check
expect_err "has a bad capability list (1000000 entries, more than 1024); $LACKS" "issue 9: the reason, without an address"
cp "$err" "$TMP/first.err"
try 4 "issue 9: the same again" $V --plugins "$CASES/bad_list" check
if cmp -s "$err" "$TMP/first.err" && ! grep -q '0x' "$err"; then ok "issue 9: byte-identical diagnostics"; else bad "issue 9: diagnostics differ between runs"; fi

# ---- the limit itself ---------------------------------------------------------------------
try 0 "a bad VERSUS_PLUGIN_TIMEOUT_MS" env VERSUS_PLUGIN_TIMEOUT_MS=soon $V plugins
expect_err "VERSUS_PLUGIN_TIMEOUT_MS: warning: expected a number of milliseconds from 1 to 3600000; using 10000" "is said, and the default used"

finish
