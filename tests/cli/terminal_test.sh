#!/bin/sh
# The terminal as a user has it (issue 10): the width asked of the terminal, colour by
# --color, NO_COLOR and TERM, and the format taken from the -o file's extension.
# Usage: terminal_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$(abspath "$1")
SRC=$(cd "$2" && pwd)
unset COLUMNS
export TERM=xterm
V="$VERSUS --data $SRC/tests/fixtures/golden"
PAIR="compare gpt-4o o3-mini"
ESC=$(printf '\033')
# The longest line, colour codes and script(1)'s own "Script started/done" lines left out,
# and a line that holds a URL (never cut, so it may be longer than the width).
longest() { awk '/^Script (started|done)/ || /:\/\// { next } { gsub(/\033\[[0-9;]*m/, ""); if (length($0) > m) m = length($0) } END { print m + 0 }' "$1"; }

if command -v script >/dev/null 2>&1; then
	# A pseudo-terminal 120 columns wide, COLUMNS unset: lines use the width.
	script -qec "stty cols 120 rows 40; $V $PAIR -f text --color=never" "$TMP/tty120" >/dev/null 2>&1
	w=$(tr -d '\r' <"$TMP/tty120" | longest /dev/stdin)
	[ "$w" -gt 80 ] && [ "$w" -le 120 ]
	check $? "a 120-column terminal without COLUMNS gets lines longer than 80 (longest $w)"
	script -qec "stty cols 120 rows 40; COLUMNS=60 $V $PAIR -f text --color=never" "$TMP/tty60" >/dev/null 2>&1
	w=$(tr -d '\r' <"$TMP/tty60" | longest /dev/stdin)
	[ "$w" -le 60 ]
	check $? "COLUMNS overrides the terminal (longest line $w <= 60)"
	# on_tty yes|no WHAT COMMAND: COMMAND's output on a pseudo-terminal has colour codes, or not
	on_tty() {
		script -qec "$3" "$TMP/tty.$n" >/dev/null 2>&1
		if grep -q "$ESC\[" "$TMP/tty.$n"; then colour=yes; else colour=no; fi
		[ "$colour" = "$1" ]
		check $? "$2"
	}
	on_tty yes "--color=auto on a terminal: colour" "$V $PAIR -f text"
	on_tty no "TERM=dumb: no colour" "TERM=dumb $V $PAIR -f text"
	on_tty no "NO_COLOR: no colour" "NO_COLOR=1 $V $PAIR -f text"
	on_tty yes "--color=always wins over NO_COLOR" "NO_COLOR=1 $V $PAIR -f text --color=always"
	on_tty no "--color=never on a terminal: no colour" "$V $PAIR -f text --color=never"
else
	echo "# skip: script(1) is not installed"
fi
$V $PAIR -f text --color=always >"$TMP/pipe" 2>/dev/null
grep -q "$ESC\[" "$TMP/pipe"
check $? "--color=always into a pipe: colour"
$V $PAIR -f text >"$TMP/pipe2" 2>/dev/null
! grep -q "$ESC\[" "$TMP/pipe2"
check $? "auto into a pipe: no colour"
$V $PAIR -f text --color=sometimes >/dev/null 2>"$TMP/bad"
[ $? -eq 2 ] && grep -q -- "--color" "$TMP/bad"
check $? "--color=sometimes is a usage error naming the option"

cd "$TMP" || exit 1
$V $PAIR -o r.html 2>/dev/null && head -1 r.html | grep -q "<!DOCTYPE html>"
check $? "-o r.html without -f writes HTML"
$V $PAIR -o r.json 2>/dev/null && "$PY" -c 'import json; json.load(open("r.json"))'
check $? "-o r.json without -f writes JSON"
$V $PAIR -o r.txt 2>/dev/null && ! grep -q "$ESC\[" r.txt && grep -q "^GPT-4o vs o3-mini" r.txt
check $? "-o r.txt without -f writes plain text, no colour into a file"
$V $PAIR -o r.md 2>/dev/null && head -1 r.md | grep -q "^# "
check $? "-o r.md writes Markdown"
$V $PAIR -o r.html -f md 2>/dev/null && head -1 r.html | grep -q "^# "
check $? "-f wins over the extension"

finish
