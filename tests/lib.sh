# tests/lib.sh — what the shell test scripts share (POSIX sh; sourced, never run):
#
#     . "$(dirname "$0")/../lib.sh"
#     VERSUS=$1
#     SRC=$2
#     "$VERSUS" --version >/dev/null
#     check $? "--version exits 0"
#     finish
#
# Sourcing it sets -u, makes $TMP (a directory removed on exit, even one a test made
# unreadable), and clears what a user's environment could change in a report: NO_COLOR, the
# VERSUS_DATA, VERSUS_RULES and VERSUS_PLUGINS variables, the configuration under HOME (HOME
# is $TMP/home, XDG_CONFIG_HOME is empty).  A script sets what else it needs afterwards.
#
# Each check prints a TAP line, "ok N - what" or "not ok N - what", and comments ("#   ...")
# under a failure; finish prints the plan "1..N" and "# P passed, F failed" (", S skipped"
# when a check skipped), and exits 1 when a check failed or none ran, 77 (a skip) when every
# check skipped, 0 otherwise (meson's exit-code protocol reads it).
set -u
TMP=$(mktemp -d)
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
unset NO_COLOR VERSUS_DATA VERSUS_RULES VERSUS_PLUGINS
export HOME="$TMP/home" XDG_CONFIG_HOME=
n=0
failed=0
skipped=0
# Debian's python3-* modules (jsonschema) load under /usr/bin/python3; another python3 on
# PATH (pyenv) may lack them.
# shellcheck disable=SC2034 # for the scripts
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi

ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
# skip WHY: a check that could not run.  It does not fail the script, but it is not hidden:
# tests/run-all.sh (tests/testlog.py) counts and names each "ok N # SKIP" line, and a test of
# .ci/must-run with one fails CI.
skip() { n=$((n + 1)) skipped=$((skipped + 1)); echo "ok $n # SKIP $1"; }

# note FILE [LABEL [LINES]]: the first LINES (5) lines of FILE as TAP comments
note() { sed "s/^/#   ${2:+$2: }/" "$1" | head -n "${3:-5}"; }

# check STATUS WHAT: ok when STATUS is 0; else not ok, then what check_note prints (a
# script redefines check_note to show its files).  Returns STATUS's verdict (0 or 1).
check() {
	if [ "$1" -eq 0 ]; then ok "$2"; else
		bad "$2"
		check_note
		return 1
	fi
}
check_note() { :; }

# run CMD...: sets $rc, $out (its stdout file) and $err (its stderr file); stdin is kept
run() {
	out=$TMP/out.$n err=$TMP/err.$n
	"$@" >"$out" 2>"$err"
	rc=$?
}

# expect_rc CODE WHAT CMD...: run CMD; its exit status must be CODE
expect_rc() {
	want=$1 what=$2
	shift 2
	run "$@"
	if [ "$rc" -eq "$want" ]; then ok "$what (exit $want)"; else
		bad "$what: exit $rc, want $want"
		note "$err" stderr
	fi
}

# expect_err TEXT WHAT, expect_out TEXT WHAT: the last run's stderr (stdout) has TEXT
expect_err() {
	if grep -qF -- "$1" "$err"; then ok "$2"; else
		bad "$2: stderr lacks '$1'"
		note "$err" stderr
	fi
}
expect_out() {
	if grep -qF -- "$1" "$out"; then ok "$2"; else bad "$2: stdout lacks '$1'"; fi
}
# expect_no_out WHAT: the last run printed nothing on stdout
expect_no_out() {
	if [ -s "$out" ]; then bad "$1: stdout is not empty"; else ok "$1"; fi
}

# abspath FILE: FILE's absolute path (its directory must exist)
abspath() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }

# plan: the TAP plan and the count (a skip is not a pass), as the last lines of a script
plan() {
	echo "1..$n"
	if [ "$skipped" -gt 0 ]; then
		echo "# $((n - failed - skipped)) passed, $failed failed, $skipped skipped"
	else
		echo "# $((n - failed)) passed, $failed failed"
	fi
}
# finish: plan, then exit 1 when a check failed or none ran (a script that stopped early), 77
# (skipped) when every check skipped
finish() {
	plan
	[ "$n" -gt 0 ] || echo "# no check ran"
	[ "$failed" -eq 0 ] && [ "$n" -gt 0 ] || exit 1
	[ "$skipped" -lt "$n" ] || exit 77
	exit 0
}
