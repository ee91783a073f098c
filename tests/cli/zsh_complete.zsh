#!/usr/bin/zsh -f
# zsh_complete.zsh DIR LINE: the matches zsh's completion system offers at the end of LINE,
# one a line, with _versus from DIR in $fpath (compinit first, as a zshrc does); driven
# through a pseudo-terminal (zsh/zpty).
# zsh_complete.zsh DIR LINE SETUP: the same in a zsh that has run nothing but SETUP (the
# README's `source <(...)` line, no compinit) in DIR.  Whatever the shell printed that is not
# a match goes to stderr ("_arguments:...: can only be called from completion function").
zmodload zsh/zpty || exit 77
local dir=$1 line=$2 setup=${3-} out=''
zpty z zsh -f -i
if [[ -n $setup ]]; then
	zpty -w z "PROMPT=''; cd ${(q)dir} && $setup"
else
	zpty -w z "PROMPT=''; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
fi
zpty -w z "bindkey '^I' complete-word; zstyle ':completion:*' list-grouped false"
# Every compadd prints its matches after "<m>" (written so that the echo of this line does
# not contain the marker); one that only asks (-O, -A, -D) is left alone.
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __m; builtin compadd -O __m "$@"; print -rl -- "<""m>"${^__m}; builtin compadd "$@" }'
zpty -w z 'comppostfuncs=(__versus_test_done); __versus_test_done() { print -r -- "<""end>"; exit }'
zpty -w z "$line"$'\t'
zpty -r z out '*<end>*' || exit 2
out=${out//$'\r'/}
print -r -- $out | grep -v '<m>\|<end>\|compadd()\|comppostfuncs=\|zstyle \|PROMPT=' >&2
print -r -- $out | sed -n 's/^.*<m>//p' | sort -u
