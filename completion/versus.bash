# bash completion for versus                                  -*- shell-script -*-
# Written by `versus completion bash` from the option table (core/cli/commands.c): do not edit;
# tests/cli/completion_test.sh checks it is in step.  Works with the bash-completion
# package and without it (source it from ~/.bashrc).

_versus_commands="compare list show check rules plugins schema site diff import test help completion"

# Directories (-d) or files (ending .EXT when given).
_versus_files()
{
	if declare -F _filedir >/dev/null; then
		_filedir "$@"
		return
	fi
	compopt -o filenames 2>/dev/null
	local IFS=$'\n'
	if [[ $1 == -d ]]; then
		COMPREPLY=($(compgen -d -- "$cur"))
	elif [[ -n $1 ]]; then
		COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X "!*.$1" -- "$cur"))
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

_versus_words()
{
	COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

# versus as typed on this line, with the --data, --rules and --plugins given there.
_versus_run()
{
	local exe=${words[0]}
	[[ $exe == "~/"* ]] && exe=$HOME/${exe#"~/"}
	"$exe" "${_versus_where[@]}" "$@" 2>/dev/null
}

_versus_models()
{
	_versus_words "$(_versus_run list | cut -d' ' -f1)"
}

_versus_capabilities()
{
	_versus_words "$(_versus_run plugins | awk '$1 == "capability" { print $2 }')"
}

# Provider names hold spaces ("Azure OpenAI"): one a line, quoted for the line.
_versus_providers()
{
	local IFS=$'\n' p
	COMPREPLY=()
	for p in $(compgen -W "$(_versus_run list --providers)" -- "$cur"); do
		COMPREPLY+=("$(printf '%q' "$p")")
	done
}

_versus()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion || return
	else
		COMPREPLY=()
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
	fi
	# --opt=VALUE: bash splits the word at '='.
	[[ $cur == = ]] && cur=""
	[[ $prev == = ]] && prev=${words[cword-2]}
	# The command, how many arguments it has so far, and the catalog options given.
	local cmd="" npos=0 i w
	local -a _versus_where=()
	for ((i = 1; i < cword; i++)); do
		w=${words[i]}
		case $w in
		--data|--rules|--plugins|--format|-f|--output|-o|--requests|--input-tokens|--output-tokens|--cached-share|--provider|--color|--site-url|--creator|--has|--min-context|--jobs|-j|--shard|--into|--junit)
			[[ ${words[i+1]} == = ]] && ((i++))
			((i++))
			case $w in
			--data|--rules|--plugins)
				local v=${words[i]}
				[[ $v == "~/"* ]] && v=$HOME/${v#"~/"}
				_versus_where+=("$w" "$v") ;;
			esac ;;
		--data=*|--rules=*|--plugins=*) _versus_where+=("$w") ;;
		-*) ;;
		*) if [[ -z $cmd ]]; then cmd=$w; else ((npos++)); fi ;;
		esac
	done

	# A value of the option before the cursor.
	case $cmd:$prev in
		compare:--format|compare:-f) _versus_words "md html text json"; return ;;
		compare:--output|compare:-o) _versus_files; return ;;
		compare:--requests) :; return ;;
		compare:--input-tokens) :; return ;;
		compare:--output-tokens) :; return ;;
		compare:--cached-share) :; return ;;
		compare:--provider) _versus_providers; return ;;
		compare:--color) _versus_words "auto always never"; return ;;
		compare:--site-url) :; return ;;
		list:--creator) :; return ;;
		list:--has) _versus_capabilities; return ;;
		list:--min-context) :; return ;;
		site:--jobs|site:-j) :; return ;;
		site:--shard) :; return ;;
		site:--requests) :; return ;;
		site:--input-tokens) :; return ;;
		site:--output-tokens) :; return ;;
		site:--cached-share) :; return ;;
		site:--provider) _versus_providers; return ;;
		diff:--format|diff:-f) _versus_words "md html text json"; return ;;
		diff:--output|diff:-o) _versus_files; return ;;
		diff:--requests) :; return ;;
		diff:--input-tokens) :; return ;;
		diff:--output-tokens) :; return ;;
		diff:--cached-share) :; return ;;
		diff:--provider) _versus_providers; return ;;
		import:--output|import:-o) _versus_files -d; return ;;
		import:--into) _versus_files -d; return ;;
		test:--junit) _versus_files; return ;;
		*:--data) _versus_files -d; return ;;
		*:--rules) _versus_files -d; return ;;
		*:--plugins) _versus_files -d; return ;;
	esac

	if [[ $cur == -* ]]; then
		case $cmd in
		compare) _versus_words "--format --output --requests --input-tokens --output-tokens --cached-share --batch --provider --cheapest --color --site-url --explain --strict --data --rules --plugins --help --version" ;;
		list) _versus_words "--json --creator --providers --has --min-context --open --data --rules --plugins --help --version" ;;
		show) _versus_words "--json --data --rules --plugins --help --version" ;;
		check) _versus_words "--json --data --rules --plugins --help --version" ;;
		rules) _versus_words "--json --data --rules --plugins --help --version" ;;
		plugins) _versus_words "--json --data --rules --plugins --help --version" ;;
		site) _versus_words "--jobs --quiet --shard --json --requests --input-tokens --output-tokens --cached-share --batch --provider --cheapest --strict --data --rules --plugins --help --version" ;;
		diff) _versus_words "--format --output --requests --input-tokens --output-tokens --cached-share --batch --provider --cheapest --pair --all --exit-code --data --rules --plugins --help --version" ;;
		import) _versus_words "--output --dry-run --into --verbose --force --quiet --data --rules --plugins --help --version" ;;
		test) _versus_words "--junit --data --rules --plugins --help --version" ;;
		*) _versus_words "--data --rules --plugins --help --version" ;;
		esac
		return
	fi

	# The command, then its arguments.
	case $cmd:$npos in
		:*) _versus_words "$_versus_commands" ;;
		compare:0) _versus_models ;;
		compare:1) _versus_models ;;
		show:0) _versus_models ;;
		site:0) _versus_files -d ;;
		diff:2) _versus_models ;;
		diff:3) _versus_models ;;
		import:0) _versus_words "openrouter litellm" ;;
		import:*) _versus_files json ;;
		test:*) _versus_files lua ;;
		help:0) _versus_words "$_versus_commands" ;;
		completion:0) _versus_words "bash zsh fish" ;;
	esac
} &&
	complete -F _versus versus
