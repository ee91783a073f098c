#!/bin/sh
# Every command of the README's "Using it" works as written (issue 18).  The commands are read
# from the README itself, so a line added there later is run here without a change to this
# file, and a line that fails fails this test.
#
# What is run: each line of a ```sh block between "## Using it" and the next "## " heading
# (the site and import blocks are in that section) that starts with build/core/versus, a
# trailing backslash joining the next line, each ";"-separated part a command of its own.
# Lines in some shell's own syntax are left to completion_test.sh, which runs them exactly
# as written in bash, zsh and fish: `source <(build/core/versus completion bash)`, and
# `build/core/versus completion fish | source` (a `| source` pipe).
#
# How: each command runs in the checkout (the README's relative inputs, data/snapshots/...,
# are the checkout's), with build/core/versus replaced by this build's binary and every path
# it writes moved into $TMP: /tmp/X becomes $TMP/tmp/X, and a relative argument of -o,
# --output, --junit and --into, or site's DIR, goes under $TMP/cwd.  Nothing is written into
# the checkout (a check at the end looks where a write would land) or into /tmp outside $TMP.
# `import` without -o, --output, --into or --dry-run would write into the checkout's data/:
# it is refused, not run.
#
# What passes: the exit status the line's comment names ("# exit 3 ..."), else 0; and, for an
# exit 0, something on stdout or each path it names under $TMP non-empty (a file written, a
# directory filled); a site run whose comment says "only pages whose inputs changed" wrote
# none ("0 pages written").  The commands run in the README's order: "--data /tmp/catalog check"
# needs the two imports before it, the second site run the first one's pages.
#
# Self-check (when VERSUS_README is not set): this script runs again on a README of three
# lines, the README's first command with an option no command has (must fail the run), a
# line whose comment says "exit 3" (must pass), and one that writes -o self.json (must land
# in that run's $TMP, not in the checkout); and a command after the "Using it" section is not
# picked up.
#
# Usage: readme_test.sh VERSUS SOURCE_ROOT   (VERSUS_README=FILE: read FILE, not the README)
. "$(dirname "$0")/../lib.sh"
VERSUS=$(abspath "$1")
SRC=$(cd "$2" && pwd)
README=${VERSUS_README:-$SRC/README.md}
unset COLUMNS
mkdir -p "$TMP/tmp" "$TMP/cwd"
touch "$TMP/start"

# readme_commands FILE: "LINE<TAB>TEXT" for each build/core/versus line of "Using it"'s shell
# blocks (continuations joined, LINE the first one's number); "LINE<TAB>#TEXT" for the others
readme_commands() {
	awk '
	/^## / { inside = ($0 ~ /^## Using it[[:space:]]*$/); next }
	!inside { next }
	/^```/ { if (block) block = 0; else block = ($0 ~ /^```(sh|bash|shell)[[:space:]]*$/); next }
	!block { next }
	{
		if (text == "") { start = NR; text = $0 } else text = text " " $0
		if (text ~ /\\$/) { sub(/[[:space:]]*\\$/, "", text); next }
		gsub(/[[:space:]]+/, " ", text)
		if (text ~ /^build\/core\/versus /) print start "\t" text
		else if (text !~ /^ ?$/) print start "\t#" text
		text = ""
	}' "$1"
}

# rewrite COMMAND: COMMAND with this build's binary and its written paths under $TMP
rewrite() {
	printf '%s\n' "$1" | sed -E \
		-e "s#(^|[[:space:]=\"'])/tmp/#\\1$TMP/tmp/#g" \
		-e "s#(^|[[:space:]])(-o|--output|--junit|--into)([[:space:]]+|=)([^-/[:space:]'\"\$][^[:space:]]*)#\\1\\2\\3$TMP/cwd/\\4#g" \
		-e "s#(^|[[:space:]])site[[:space:]]+([^-/[:space:]'\"\$][^[:space:]]*)#\\1site $TMP/cwd/\\2#" \
		-e "s#^build/core/versus #'$VERSUS' #"
}

# filled PATH: a non-empty file, or a directory with something in it
filled() {
	if [ -d "$1" ]; then [ -n "$(ls -A "$1")" ]; else [ -s "$1" ]; fi
}

# run_readme_command LINE COMMAND COMMENT: one command, run and checked
run_readme_command() {
	line=$1 cmd=$2 comment=$3
	want=0
	case " $comment" in *[!a-z]exit\ [0-9]*)
		want=$(printf '%s\n' "$comment" | sed -E 's/(^|.*[^a-z])exit ([0-9]+).*/\2/') ;;
	esac
	case " $cmd " in *" import "*)
		case " $cmd " in *" -o "* | *" --output "* | *" --output="* | *" --into "* | *" --into="* | *" --dry-run "*) ;;
		*)
			bad "README:$line: $cmd: import without -o or --into writes into the checkout's data/; not run"
			return ;;
		esac
	esac
	real=$(rewrite "$cmd")
	case $(printf '%s\n' "$real" | sed "s#$TMP/##g; s#$VERSUS##g") in */tmp/*)
		bad "README:$line: $cmd: a /tmp path left outside \$TMP: $real"
		return ;;
	esac
	run sh -c "cd '$SRC' && $real" </dev/null
	what="README:$line: $cmd (exit $want)"
	if [ "$rc" -ne "$want" ]; then
		bad "$what: exit $rc"
		note "$err" stderr 5
		echo "#   ran: $real"
		return
	fi
	[ "$want" -eq 0 ] || { ok "$what"; return; }
	written=$(printf '%s\n' "$real" | grep -oE "$TMP/(tmp|cwd)/[^[:space:]'\"]*" | sort -u)
	for p in $written; do
		filled "$p" || { bad "$what: $p was not written"; return; }
	done
	if [ ! -s "$out" ] && [ -z "$written" ]; then bad "$what: stdout is empty"; return; fi
	# a site re-run the README says rewrites only what changed must have rewritten nothing
	# (it once followed a --json run, which rewrites every pair page)
	case $comment in *"only pages whose inputs changed"*)
		grep -qE "(^|[^0-9])0 pages written" "$err" || {
			bad "$what: rewrote pages; the comment says only changed ones"
			note "$err" stderr 3
			return
		} ;;
	esac
	ok "$what"
}

readme_commands "$README" >"$TMP/lines"
found=0
while IFS='	' read -r line text; do
	case $text in
	\#*) echo "# README:$line: left to completion_test.sh (not build/core/versus ...): ${text#\#}"; continue ;;
	*"| source"*) echo "# README:$line: left to completion_test.sh (a '| source' pipe): $text"; continue ;;
	esac
	comment=$(printf '%s\n' "$text" | sed -nE 's/^[^#]*[[:space:]]#[[:space:]]*//p')
	text=$(printf '%s\n' "$text" | sed -E 's/[[:space:]]+#.*$//')
	# "a ; b ; c": each part a command, checked on its own; the comment is the line's
	rest=$text
	while [ -n "$rest" ]; do
		part=${rest%%;*}
		case $rest in *\;*) rest=${rest#*;} ;; *) rest= ;; esac
		part=$(printf '%s\n' "$part" | sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//')
		[ -n "$part" ] || continue
		case $part in
		"build/core/versus "*) found=$((found + 1)); run_readme_command "$line" "$part" "$comment" ;;
		*) bad "README:$line: '$part' (after a ';') does not start with build/core/versus" ;;
		esac
	done
done <"$TMP/lines"
[ "$found" -gt 0 ]
check $? "$README: $found commands under 'Using it' (none would mean the section moved)"

# Nothing written into the checkout where a path this script does not move would land: the
# directory the commands run in and data/ (import's default).  Not the whole checkout: other
# tests running beside this one, or a merge under way, would fail this one.
{
	find "$SRC" -maxdepth 1 -type f -newer "$TMP/start"
	find "$SRC/data" -newer "$TMP/start"
} >"$TMP/new-in-checkout"
[ ! -s "$TMP/new-in-checkout" ]
check $? "the README's commands wrote nothing into the checkout" || note "$TMP/new-in-checkout" new

# ---- self-check: a broken README line fails this test -----------------------------------
if [ -z "${VERSUS_README:-}" ]; then
	first=$(awk -F '\t' '$2 !~ /^#/ { print $2; exit }' "$TMP/lines" | sed -E 's/[[:space:]]+#.*$//')
	cat >"$TMP/README.md" <<EOF
# a copy with one line broken

## Using it

\`\`\`sh
$first --no-such-option   # the README's first command, with an option no command has
build/core/versus compare gpt-4o no-such-model    # exit 3: an unknown model
build/core/versus compare gpt-4o o3-mini -f json -o self.json
\`\`\`

## After it

\`\`\`sh
build/core/versus compare --not-run-either
\`\`\`
EOF
	VERSUS_README=$TMP/README.md sh "$0" "$VERSUS" "$SRC" >"$TMP/self" 2>&1
	self_rc=$?
	[ "$self_rc" -eq 1 ] &&
		grep -qE "^not ok [0-9]+ - README:6: .*--no-such-option \(exit 0\): exit 2" "$TMP/self" &&
		grep -qE "^ok [0-9]+ - README:7: .*no-such-model \(exit 3\)" "$TMP/self" &&
		grep -qE "^ok [0-9]+ - README:8: .*-o self.json \(exit 0\)" "$TMP/self" &&
		grep -qF "3 commands under 'Using it'" "$TMP/self" &&
		! grep -qF -- "--not-run-either" "$TMP/self" &&
		[ ! -e "$SRC/self.json" ]
	check $? "self-check: a copy of the README with a wrong option fails (exit $self_rc), the rest of it passes" ||
		note "$TMP/self" self 20
fi

finish
