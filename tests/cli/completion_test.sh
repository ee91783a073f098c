#!/bin/sh
# Shell completion (issue 10): the scripts in completion/ are what `versus completion SHELL`
# writes from the option table, and each shell completes what it should: commands, options,
# option values, model ids from the catalog named by --data on the line, capability ids
# after --has, .lua files after `test`.  bash runs with and without the bash-completion
# package; zsh through a pseudo-terminal (zsh_complete.zsh); fish with `complete -C`.  A
# shell that is not installed is skipped ("ok N # SKIP").
# Usage: completion_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$(abspath "$1")
SRC=$(cd "$2" && pwd)
export ZDOTDIR="$HOME"
mkdir -p "$HOME"
# "versus" on a completed line is this build's
mkdir -p "$TMP/bin"
ln -s "$VERSUS" "$TMP/bin/versus"
export PATH="$TMP/bin:$PATH"
GOLDEN=$SRC/tests/fixtures/golden
cd "$SRC" || exit 1

# ---- the committed scripts are the generated ones ----------------------------------------
for sh in bash zsh fish; do
	case $sh in bash) f=versus.bash ;; zsh) f=_versus ;; fish) f=versus.fish ;; esac
	if "$VERSUS" completion $sh >"$TMP/$f" 2>"$TMP/err" && cmp -s "$TMP/$f" "completion/$f"; then
		ok "completion/$f is what 'versus completion $sh' writes"
	else
		bad "completion/$f differs from 'versus completion $sh': run build/core/versus completion $sh >completion/$f"
		diff -u "completion/$f" "$TMP/$f" | head -20 | sed 's/^/#   /'
	fi
done
"$VERSUS" completion tcsh >"$TMP/out" 2>"$TMP/err"
if [ $? -eq 2 ] && [ ! -s "$TMP/out" ] && grep -q "unknown shell 'tcsh' (bash zsh fish)" "$TMP/err"; then
	ok "completion tcsh: exit 2, names the shells"
else bad "completion tcsh: exit 2, names the shells"; fi

# expect SHELL WHAT LINE WORD... : the completions of LINE include every WORD; a WORD
# written !WORD must not be among them.
expect() {
	sh=$1 what=$2 line=$3
	shift 3
	case $sh in
	bash | bash-completion)
		BC=$([ "$sh" = bash-completion ] && echo /usr/share/bash-completion/bash_completion)
		LINE=$line BC=$BC bash -c '
			[ -n "$BC" ] && . "$BC"
			. completion/versus.bash
			COMP_LINE=$LINE COMP_POINT=${#LINE}
			l=${LINE//=/ = }                 # bash splits words at "=" too
			read -ra COMP_WORDS <<<"$l"
			case $LINE in *" " | *=) COMP_WORDS+=("") ;; esac
			COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
			COMPREPLY=()
			_versus
			printf "%s\n" "${COMPREPLY[@]}"' >"$TMP/got" 2>"$TMP/err" ;;
	zsh) timeout 30 zsh -f "$SRC/tests/cli/zsh_complete.zsh" "$SRC/completion" "$line" >"$TMP/got" 2>"$TMP/err" ;;
	fish) fish --no-config -c "source completion/versus.fish; complete -C '$line'" 2>"$TMP/err" |
		cut -f1 | sed 's/^--[a-z-]*=//' >"$TMP/got" ;; # fish offers "--color=never"
	esac
	for w in "$@"; do
		case $w in
		!*) if grep -qxF -- "${w#!}" "$TMP/got"; then
				bad "$sh: $what: '$line' offers ${w#!}"
				tr '\n' ' ' <"$TMP/got" | cut -c1-200 | sed 's/^/#   got: /'; echo
				return
			fi ;;
		*) if ! grep -qx -- "$w" "$TMP/got"; then
				bad "$sh: $what: '$line' does not offer $w"
				{ tr '\n' ' ' <"$TMP/got" | cut -c1-200; echo; } | sed 's/^/#   got: /'
				head -3 "$TMP/err" | sed 's/^/#   stderr: /'
				return
			fi ;;
		esac
	done
	ok "$sh: $what"
}

shells="bash"
if [ -r /usr/share/bash-completion/bash_completion ]; then shells="$shells bash-completion"; else
	skip "bash with the bash-completion package: not installed (apt install bash-completion)"; fi
if command -v zsh >/dev/null && zsh -fc 'zmodload zsh/zpty' 2>/dev/null; then shells="$shells zsh"; else
	skip "zsh: not installed (apt install zsh)"; fi
if command -v fish >/dev/null; then shells="$shells fish"; else
	skip "fish: not installed (apt install fish)"; fi

# bash and fish offer a file with the directory typed, zsh without it
for sh in $shells; do
	tests_dir=rules/tests/
	[ "$sh" = zsh ] && tests_dir=
	expect $sh "commands" "versus co" compare completion !check
	expect $sh "help COMMAND" "versus help sh" show !site
	expect $sh "a command's options" "versus compare --ex" --explain
	expect $sh "global options after a command" "versus show --da" --data
	expect $sh "option values (-f)" "versus compare -f " md html text json
	expect $sh "--color=WHEN" "versus compare --color=n" never !always
	expect $sh "model ids" "versus compare qwen3" qwen3-32b qwen3-235b-a22b !qwen2-7b-instruct
	expect $sh "the second model" "versus compare gpt-4o gpt-4o-" gpt-4o-mini
	expect $sh "model ids honour --data on the line" "versus --data $GOLDEN compare gpt-4" gpt-4o !gpt-4.1
	expect $sh "model ids honour --data=DIR" "versus --data=$GOLDEN show gpt-4" gpt-4o !gpt-4.1
	expect $sh "capability ids after --has" "versus list --has fun" function_calling
	# bash puts the quoting on the line itself; zsh and fish quote what they insert
	az='Azure OpenAI'
	[ "${sh%-completion}" = bash ] && az='Azure\\ OpenAI'
	expect $sh "provider names after --provider" "versus --data $GOLDEN compare gpt-4o o3-mini --provider Az" "$az" !OpenRouter
	expect $sh "rule test files after test" "versus test rules/tests/pl" "${tests_dir}plurals.lua"
	expect $sh "import formats" "versus import o" openrouter
	expect $sh "import files: .json, not other files" "versus import litellm docs/" \
		"${tests_dir:+docs/}check.schema.json" "!${tests_dir:+docs/}versus.1" "!${tests_dir:+docs/}rules.md"
	expect $sh "completion shells" "versus completion " bash zsh fish
done

# ---- the README's lines, exactly as written, in each shell --------------------------------
# Run where build/core/versus is this build's; each line must register completion for the
# command `versus` (zsh: sourced, not from $fpath, and in a shell that never ran compinit).
readme_line() { # readme_line SHELL: the README's line for SHELL, its comment cut
	grep -E "^[^#]*completion $1[ )].*# in $1" "$SRC/README.md" | sed 's/[[:space:]]*# .*//'
}
zsh_readme() { # zsh_readme SETUP: "versus co" completes after SETUP, which printed nothing
	timeout 30 zsh -f "$SRC/tests/cli/zsh_complete.zsh" "$TMP/co" "versus co" "$1" >"$TMP/got" 2>"$TMP/err" &&
		grep -qx compare "$TMP/got" && grep -qx completion "$TMP/got"
}
mkdir -p "$TMP/co/build/core"
ln -s "$VERSUS" "$TMP/co/build/core/versus"
for sh in $shells; do
	case $sh in bash-completion) continue ;; esac
	line=$(readme_line $sh)
	if [ -z "$line" ]; then bad "$sh: the README has a line '... completion $sh ... # in $sh'"; continue; fi
	case $sh in
	bash) (cd "$TMP/co" && bash -c "$line"'
		complete -p versus' >"$TMP/got" 2>"$TMP/err") && grep -q "_versus versus" "$TMP/got" ;;
	zsh) # in a zsh whose zshrc ran compinit, then in one that never did
		zsh_readme "autoload -Uz compinit && compinit -u -D; $line" && zsh_readme "$line" ;;
	fish) (cd "$TMP/co" && fish --no-config -c "$line; complete -C 'versus co'" >"$TMP/got" 2>"$TMP/err") &&
		cut -f1 "$TMP/got" | grep -qx compare ;;
	esac
	if [ $? -eq 0 ] && [ ! -s "$TMP/err" ]; then ok "$sh: the README's line works: $line"; else
		bad "$sh: the README's line works: $line"
		note "$TMP/err" stderr 5
		note "$TMP/got" got 5
	fi
done

finish
