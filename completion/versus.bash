# bash completion for versus                                  -*- shell-script -*-
# Kept in step with the option parser by tests/cli/docs_test.sh.
_versus()
{
	local cur prev words cword
	_init_completion || return
	local commands="compare list show check rules plugins schema site import test help"
	local global="--data --rules --plugins --help --version"
	local cmd="" w
	for w in "${words[@]:1:cword-1}"; do
		case " $commands " in *" $w "*) cmd=$w; break ;; esac
	done
	case $prev in
		--data|--rules|--plugins) _filedir -d; return ;;
		-o|--output) [[ $cmd == import ]] && _filedir -d || _filedir; return ;;
		-f|--format) COMPREPLY=($(compgen -W "md html text json" -- "$cur")); return ;;
		--color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
		--requests|--input-tokens|--output-tokens|--cached-share|--min-context|--has|--provider|-j|--jobs|--shard|--site-url) return ;;
	esac
	local opts=""
	case $cmd in
		compare) opts="--format --output --requests --input-tokens --output-tokens --cached-share --batch --provider --cheapest --color --site-url --explain --strict" ;;
		site) opts="--jobs --shard --json --requests --input-tokens --output-tokens --cached-share --batch --provider --cheapest --strict"
			[[ $cur != -* ]] && { _filedir -d; return; } ;;
		list) opts="--json --has --min-context --open" ;;
		show) opts="--json" ;;
		import) opts="--output --dry-run --verbose --force"
			[[ $cur != -* && $prev == import ]] && { COMPREPLY=($(compgen -W "openrouter litellm" -- "$cur")); return; }
			[[ $cur != -* ]] && { _filedir json; return; } ;;
		help) COMPREPLY=($(compgen -W "$commands" -- "$cur")); return ;;
		"") COMPREPLY=($(compgen -W "$commands $global" -- "$cur")); return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts $global" -- "$cur"))
	elif [[ $cmd == compare || $cmd == show ]]; then
		local ids
		ids=$(versus list 2>/dev/null | cut -d' ' -f1)
		COMPREPLY=($(compgen -W "$ids" -- "$cur"))
	fi
} &&
	complete -F _versus versus
