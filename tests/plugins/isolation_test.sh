#!/bin/sh
# Plugins that crash, exit, hang, or that others could change, through the command line.
# Each block is named after its case in shared/notes/hardening.md (section G) or issue 9.
# Usage: isolation_test.sh VERSUS SOURCE_ROOT CASES_DIR
# TAP lines ("ok N - what"); the exit status is 1 when any check failed.
set -u
VERSUS=$1
SRC=$2
CASES=$3
TMP=$(mktemp -d)
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
unset NO_COLOR VERSUS_DATA VERSUS_RULES VERSUS_PLUGINS
export HOME="$TMP/home" XDG_CONFIG_HOME=
# A short limit for the plugins that block (every other call returns in microseconds), and a
# generous one around each command, so that a regression fails here instead of hanging.
export VERSUS_PLUGIN_TIMEOUT_MS=1000
# The frozen catalog: the pairs named below do not move when data/ grows.
V="$VERSUS --data $SRC/tests/fixtures/golden"
n=0
failed=0

say() { # say OK|BAD WHAT
	n=$((n + 1))
	if [ "$1" = OK ]; then echo "ok $n - $2"; else failed=$((failed + 1)); echo "not ok $n - $2"; fi
}

# try CODE WHAT CMD...: run under a 120 s timeout; the exit status must be CODE
try() {
	want=$1 what=$2
	shift 2
	out=$TMP/out.$n err=$TMP/err.$n
	timeout 120 "$@" >"$out" 2>"$err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then say OK "$what (exit $want)"; else
		say BAD "$what: exit $rc, want $want"
		sed 's/^/#   stderr: /' "$err" | head -5
	fi
}

# said TEXT WHAT: the last command's stderr has TEXT; shows TEXT OUT WHAT: its stdout has TEXT
said() {
	if grep -qF -- "$1" "$err"; then say OK "$2"; else
		say BAD "$2: stderr lacks '$1'"
		sed 's/^/#   stderr: /' "$err" | head -5
	fi
}
shows() {
	if grep -qF -- "$1" "$out"; then say OK "$2"; else say BAD "$2: stdout lacks '$1'"; fi
}
silent() {
	if [ -s "$out" ]; then say BAD "$1: stdout is not empty"; else say OK "$1"; fi
}

LACKS="not loaded, so reports lack its capability checks and statements"
HAIKU="while checking model 'claude-3-5-haiku'"

# report CASE: compare goes on without the plugin, prints the report, names it, exits 4
report() {
	try 4 "$1: compare exits 4" $V --plugins "$CASES/$1" compare gpt-4o gpt-5
	shows "## Capabilities" "$1: compare still prints the report"
	shows "| Vision |" "$1: with the shipped checks' rows"
	said "$LACKS" "$1: stderr says the report lacks the plugin's checks"
}

# ---- case 100: a capability check that ends the process ----------------------------------
try 4 "case 100: check with a check calling _exit(0)" $V --plugins "$CASES/check_exit0" check
said "plugin:check-exit0: plugin 'check-exit0' (" "case 100: _exit(0) names the plugin"
said "ended the process (status 0) $HAIKU; $LACKS" "case 100: and the model; never success"
report check_exit0
try 4 "case 100: plugins with a check calling _exit(0)" $V --plugins "$CASES/check_exit0" plugins
shows "core-capabilities" "case 100: plugins still lists the others"
try 4 "case 100: check with a check calling exit(3)" $V --plugins "$CASES/check_exit" check
said "called exit() $HAIKU" "case 100: exit() is told apart from _exit()"
report check_exit

# ---- case 101: a crash in a check or in the entry point ---------------------------------
try 4 "case 101: plugins with a crashing check" $V --plugins "$CASES/check_crash" plugins
said "crashed (Segmentation fault) $HAIKU" "case 101: plugins survives it and names it"
shows "core-capabilities" "case 101: plugins still lists the others"
report check_crash
try 4 "case 101: check with a crashing entry point" $V --plugins "$CASES/entry_crash" check
said "entry_crash.so) crashed (Segmentation fault) while being loaded" "case 101: check survives it and names the file"
report entry_crash

# ---- case 99: code inside dlopen (constructors) ------------------------------------------
for c in ctor_exit ctor_crash; do
	try 4 "case 99: check with $c" $V --plugins "$CASES/$c" check
	said "$c.so) " "case 99: $c: the file is named"
	said "while being loaded (a constructor or the entry point); $LACKS" "case 99: $c: while being loaded"
	report $c
done

# ---- plugins that never return: a check, a constructor, a statement ----------------------
try 4 "hang: check with a check that blocks" $V --plugins "$CASES/check_pause" check
said "did not return within 1000 ms $HAIKU" "hang: check names the plugin and the model"
report check_pause
try 4 "hang: plugins with a check that blocks" $V --plugins "$CASES/check_pause" plugins
try 4 "hang: check with a constructor that blocks" $V --plugins "$CASES/ctor_pause" check
said "ctor_pause.so) did not return within 1000 ms while being loaded" "hang: the file is named"
report ctor_pause
for c in stmt_pause stmt_spin; do
	try 4 "hang: compare with a statement that never returns ($c)" $V --plugins "$CASES/$c" compare gpt-4o gpt-5
	said "versus: plugin 'stmt-${c#stmt_}' did not return within 1000 ms in statement '$c' for the pair 'gpt-4o' vs 'gpt-5'" "hang: the watchdog names the plugin, the statement and the pair"
	silent "hang: no partial report"
	try 4 "hang: check with $c" $V --plugins "$CASES/$c" check
	said "did not return within 1000 ms in statement '$c' for the pair 'claude-3-5-haiku' vs" "hang: check names the statement and the pair"
done
echo "old report" >"$TMP/old.md"
try 4 "hang: compare -o over an old report" $V --plugins "$CASES/stmt_pause" compare gpt-4o gpt-5 -o "$TMP/old.md"
if [ "$(cat "$TMP/old.md")" = "old report" ]; then say OK "hang: the old -o file is left as it was"; else say BAD "hang: the old -o file changed"; fi

# ---- case 101: a statement that crashes ---------------------------------------------------
try 4 "case 101: check with a crashing statement" $V --plugins "$CASES/stmt_crash" check
said "crashed (Segmentation fault) in statement 'stmt_crash' for the pair 'claude-3-5-haiku' vs 'claude-sonnet-4'" "case 101: check names the statement and the pair"
# compare runs statements in process: the crash ends the run, never with status 0, and says who
timeout 120 $V --plugins "$CASES/stmt_crash" compare gpt-4o gpt-5 >"$TMP/out.crash" 2>"$TMP/err.crash"
rc=$?
if [ "$rc" -ne 0 ] && [ ! -s "$TMP/out.crash" ]; then say OK "case 101: compare with a crashing statement fails (exit $rc), no report"; else say BAD "case 101: compare with a crashing statement: exit $rc"; fi
err=$TMP/err.crash
said "versus: plugin 'stmt-crash' crashed (Segmentation fault) in statement 'stmt_crash' for the pair 'gpt-4o' vs 'gpt-5'" "case 101: compare names the plugin before dying"

# ---- case 106: who may change a plugin ----------------------------------------------------
mkdir -p "$TMP/p/mine" "$TMP/p/world" "$TMP/p/open" "$TMP/p/sticky" "$TMP/p/group" "$TMP/p/other"
for d in mine world open sticky group other; do cp "$CASES/junk/ok.so" "$TMP/p/$d/ok.so"; chmod 0755 "$TMP/p/$d/ok.so"; done
chmod 0646 "$TMP/p/world/ok.so"
try 4 "case 106: a file others can write" $V --plugins "$TMP/p/world" plugins
said "ok.so) is writable by others (mode 0646); $LACKS" "case 106: refused, with the reason"
chmod 0777 "$TMP/p/open"
try 4 "case 106: a directory others can write, no sticky bit" $V --plugins "$TMP/p/open" plugins
said "is in a directory that others can write to ($TMP/p/open, mode 0777, no sticky bit)" "case 106: refused, naming the directory"
chmod 01777 "$TMP/p/sticky"
try 0 "case 106: a sticky directory others can write (like /tmp)" $V --plugins "$TMP/p/sticky" plugins
shows "junk-ok" "case 106: loads"
chmod 0775 "$TMP/p/mine/ok.so"
try 0 "case 106: group-writable, in our own group (umask 002)" $V --plugins "$TMP/p/mine" plugins
said "is writable by its group (mode 0775), your own group" "case 106: loads, with a warning"
if [ "$(id -u)" -eq 0 ]; then
	chmod 0775 "$TMP/p/group/ok.so"
	chgrp 65534 "$TMP/p/group/ok.so"
	try 4 "case 106: group-writable, another group" $V --plugins "$TMP/p/group" plugins
	said "is writable by its group (mode 0775, gid 65534); $LACKS" "case 106: refused"
	chown 65534 "$TMP/p/other/ok.so"
	try 4 "case 106: owned by another user" $V --plugins "$TMP/p/other" compare gpt-4o gpt-5
	said "is owned by uid 65534, neither the user running versus (uid 0) nor root; $LACKS" "case 106: refused"
	shows "## Capabilities" "case 106: the report is still made"
else
	say OK "# SKIP case 106: another group and another owner need root"
fi

# ---- issue 9: diagnostics are the same bytes on every run (no address) ------------------------
try 4 "issue 9: a plugin claiming a million checks" $V --plugins "$CASES/bad_list" check
said "has a bad capability list (1000000 entries, more than 1024); $LACKS" "issue 9: the reason, without an address"
cp "$err" "$TMP/first.err"
try 4 "issue 9: the same again" $V --plugins "$CASES/bad_list" check
if cmp -s "$err" "$TMP/first.err" && ! grep -q '0x' "$err"; then say OK "issue 9: byte-identical diagnostics"; else say BAD "issue 9: diagnostics differ between runs"; fi

# ---- the limit itself ---------------------------------------------------------------------
try 0 "a bad VERSUS_PLUGIN_TIMEOUT_MS" env VERSUS_PLUGIN_TIMEOUT_MS=soon $V plugins
said "VERSUS_PLUGIN_TIMEOUT_MS: warning: expected a number of milliseconds from 1 to 3600000; using 10000" "is said, and the default used"

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" -eq 0 ]
