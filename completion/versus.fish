# fish completion for versus, written by `versus completion fish` from the option
# table (core/cli/commands.c): do not edit; tests/cli/completion_test.sh checks it is in step.

# The command on the line and how many arguments it has so far: "compare 1".
function __versus_state
    set -l tokens (commandline -opc)
    set -l cmd ''
    set -l npos 0
    set -l skip 0
    for t in $tokens[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $t
            case --data --rules --plugins --format -f --output -o --requests --input-tokens --output-tokens --cached-share --provider --color --site-url --creator --has --min-context --jobs -j --shard --into --junit
                set skip 1
            case '-*'
            case '*'
                if test -z "$cmd"
                    set cmd $t
                else
                    set npos (math $npos + 1)
                end
        end
    end
    echo $cmd $npos
end

# __versus_at CMD N: the cursor is at argument N (from 0; N+ for N or later; * for any)
# of command CMD ('' for no command yet).
function __versus_at
    set -l s (string split ' ' -- (__versus_state))
    test "$s[1]" = "$argv[1]"; or return 1
    switch $argv[2]
        case '*+'
            test $s[2] -ge (string trim -r -c + -- $argv[2])
        case '\*'
            return 0
        case '*'
            test $s[2] = $argv[2]
    end
end

# versus as typed on this line, with the --data, --rules and --plugins given there.
function __versus_run
    set -l tokens (commandline -opc)
    set -l where
    set -l n (count $tokens)
    for i in (seq 2 $n)
        switch $tokens[$i]
            case --data --rules --plugins
                if test $i -lt $n
                    set -a where $tokens[$i] (string replace -r '^~/' "$HOME/" -- $tokens[(math $i + 1)])
                end
            case '--data=*' '--rules=*' '--plugins=*'
                set -a where $tokens[$i]
        end
    end
    set -l exe (string replace -r '^~/' "$HOME/" -- $tokens[1])
    $exe $where $argv 2>/dev/null
end

# Files ending in .EXT, and directories, under what is typed: fish's own
# __fish_complete_suffix offers every other file too.
function __versus_files --argument-names ext
    for f in (commandline -ct)*
        if test -d $f
            echo $f/
        else if string match -q -- "*.$ext" $f
            echo $f
        end
    end
end

function __versus_models
    __versus_run list | string replace -r ' .*' ''
end

function __versus_capabilities
    __versus_run plugins | string replace -r -f '^  capability +(\S+).*' '$1'
end

function __versus_providers
    __versus_run list --providers
end

function __versus_commands
    printf '%s\t%s\n' compare 'The decision report for two models'
    printf '%s\t%s\n' list 'The catalog, one model a line, by name; PATTERN filters ids and names'
    printf '%s\t%s\n' show 'One record as the capability checks see it'
    printf '%s\t%s\n' check 'Validate every record, compile and run every rule once, load every plugin'
    printf '%s\t%s\n' rules 'The loaded rules, in order, with where they come from'
    printf '%s\t%s\n' plugins 'The loaded plugins and what they provide'
    printf '%s\t%s\n' schema 'Print the JSON Schema of a model record'
    printf '%s\t%s\n' site 'A static site: an index, a page per model and a page per pair'
    printf '%s\t%s\n' diff 'What a catalog update does to decisions: changed models and pairs'
    printf '%s\t%s\n' import 'Records from public datasets: openrouter or litellm'
    printf '%s\t%s\n' test 'Run the rule tests: fixture models in, expected statements out (TAP)'
    printf '%s\t%s\n' help 'Help on a command'
    printf '%s\t%s\n' completion 'Print the bash, zsh or fish completion script (meson install installs all three)'
end

complete -c versus -f
complete -c versus -n '__versus_at "" 0' -a '(__versus_commands)'
complete -c versus -l data -r -f -a '(__fish_complete_directories (commandline -ct) "")' -d 'the catalog: DIR/models/*.json (env VERSUS_DATA)'
complete -c versus -l rules -r -f -a '(__fish_complete_directories (commandline -ct) "")' -d 'add a rules directory; later wins per file (env VERSUS_RULES)'
complete -c versus -l plugins -r -f -a '(__fish_complete_directories (commandline -ct) "")' -d 'add a plugin directory (env VERSUS_PLUGINS)'
complete -c versus -s h -l help -d 'show help'
complete -c versus -s V -l version -d 'show the version'
complete -c versus -n '__versus_at compare \*' -s f -l format -r -f -a 'md html text json' -d 'md, html, text or json (default: the -o file\'s extension, else text on a terminal, md in a pipe)'
complete -c versus -n '__versus_at compare \*' -s o -l output -r -F -d 'write the report to FILE, atomically'
complete -c versus -n '__versus_at compare \*' -l requests -r -f -d 'requests per month (default 100000)'
complete -c versus -n '__versus_at compare \*' -l input-tokens -r -f -d 'input tokens per request (default 2000)'
complete -c versus -n '__versus_at compare \*' -l output-tokens -r -f -d 'output tokens per request (default 500)'
complete -c versus -n '__versus_at compare \*' -l cached-share -r -f -d 'share of input tokens served from cache, 0 to 1 (default 0)'
complete -c versus -n '__versus_at compare \*' -l batch -d 'price as batch jobs (routes with a batch discount)'
complete -c versus -n '__versus_at compare \*' -l provider -r -f -a '(__versus_providers)' -d 'only this provider\'s routes price a model (repeatable)'
complete -c versus -n '__versus_at compare \*' -l cheapest -d 'price each model on its cheapest route, not first party or median'
complete -c versus -n '__versus_at compare \*' -l color -r -f -a 'auto always never' -d 'auto (default: a terminal, TERM not dumb, no NO_COLOR), always or never'
complete -c versus -n '__versus_at compare \*' -l site-url -r -f -d 'link related pairs to the site published at URL (else plain text)'
complete -c versus -n '__versus_at compare \*' -l explain -d 'show the rule or plugin behind each line'
complete -c versus -n '__versus_at compare \*' -l strict -d 'exit 1 when any rule or plugin reported a problem'
complete -c versus -n '__versus_at compare 0' -f -a '(__versus_models)'
complete -c versus -n '__versus_at compare 1' -f -a '(__versus_models)'
complete -c versus -n '__versus_at list \*' -l json -d 'print JSON'
complete -c versus -n '__versus_at list \*' -l creator -r -f -d 'only models by this creator (or a word of its name: google)'
complete -c versus -n '__versus_at list \*' -l providers -d 'the providers of the listed models\' routes, one a line'
complete -c versus -n '__versus_at list \*' -l has -r -f -a '(__versus_capabilities)' -d 'only models whose check answers yes'
complete -c versus -n '__versus_at list \*' -l min-context -r -f -d 'only models with a context window of at least N tokens'
complete -c versus -n '__versus_at list \*' -l open -d 'only open-source and open-weights models'
complete -c versus -n '__versus_at show \*' -l json -d 'print JSON'
complete -c versus -n '__versus_at show 0' -f -a '(__versus_models)'
complete -c versus -n '__versus_at check \*' -l json -d 'print JSON, as docs/COMMAND.schema.json describes it'
complete -c versus -n '__versus_at rules \*' -l json -d 'print JSON, as docs/COMMAND.schema.json describes it'
complete -c versus -n '__versus_at plugins \*' -l json -d 'print JSON, as docs/COMMAND.schema.json describes it'
complete -c versus -n '__versus_at site \*' -s j -l jobs -r -f -d 'worker threads (default: the number of cores)'
complete -c versus -n '__versus_at site \*' -s q -l quiet -d 'no plan, progress or summary on stderr; problems only'
complete -c versus -n '__versus_at site \*' -l shard -r -f -d 'make only shard K of N (pair pages; shard 1 adds the index and model pages)'
complete -c versus -n '__versus_at site \*' -l json -d 'write a JSON report beside each pair page'
complete -c versus -n '__versus_at site \*' -l requests -r -f -d 'requests per month (default 100000)'
complete -c versus -n '__versus_at site \*' -l input-tokens -r -f -d 'input tokens per request (default 2000)'
complete -c versus -n '__versus_at site \*' -l output-tokens -r -f -d 'output tokens per request (default 500)'
complete -c versus -n '__versus_at site \*' -l cached-share -r -f -d 'share of input tokens served from cache, 0 to 1 (default 0)'
complete -c versus -n '__versus_at site \*' -l batch -d 'price as batch jobs (routes with a batch discount)'
complete -c versus -n '__versus_at site \*' -l provider -r -f -a '(__versus_providers)' -d 'only this provider\'s routes price a model (repeatable)'
complete -c versus -n '__versus_at site \*' -l cheapest -d 'price each model on its cheapest route, not first party or median'
complete -c versus -n '__versus_at site \*' -l strict -d 'exit 1 when any rule or plugin reported a problem'
complete -c versus -n '__versus_at site 0' -f -a '(__fish_complete_directories (commandline -ct) "")'
complete -c versus -n '__versus_at diff \*' -s f -l format -r -f -a 'md html text json' -d 'md (default), text or json (docs/diff.schema.json)'
complete -c versus -n '__versus_at diff \*' -s o -l output -r -F -d 'write the diff to FILE, atomically'
complete -c versus -n '__versus_at diff \*' -l requests -r -f -d 'requests per month (default 100000)'
complete -c versus -n '__versus_at diff \*' -l input-tokens -r -f -d 'input tokens per request (default 2000)'
complete -c versus -n '__versus_at diff \*' -l output-tokens -r -f -d 'output tokens per request (default 500)'
complete -c versus -n '__versus_at diff \*' -l cached-share -r -f -d 'share of input tokens served from cache, 0 to 1 (default 0)'
complete -c versus -n '__versus_at diff \*' -l batch -d 'price as batch jobs (routes with a batch discount)'
complete -c versus -n '__versus_at diff \*' -l provider -r -f -a '(__versus_providers)' -d 'only this provider\'s routes price a model (repeatable)'
complete -c versus -n '__versus_at diff \*' -l cheapest -d 'price each model on its cheapest route, not first party or median'
complete -c versus -n '__versus_at diff \*' -l pair -d 'only the pair of the two model ids after OLD NEW'
complete -c versus -n '__versus_at diff \*' -l all -d 'every pair whose monthly cost changed, not only changed decisions'
complete -c versus -n '__versus_at diff \*' -l exit-code -d 'exit 1 when something changed, as git diff does'
complete -c versus -n '__versus_at diff 2' -f -a '(__versus_models)'
complete -c versus -n '__versus_at diff 3' -f -a '(__versus_models)'
complete -c versus -n '__versus_at import \*' -s o -l output -r -f -a '(__fish_complete_directories (commandline -ct) "")' -d 'write records to DIR/models (default: the data directory)'
complete -c versus -n '__versus_at import \*' -l dry-run -d 'say what would change; write nothing'
complete -c versus -n '__versus_at import \*' -l into -r -f -a '(__fish_complete_directories (commandline -ct) "")' -d 'write the result to a new DIR (a copy of the catalog), not the catalog'
complete -c versus -n '__versus_at import \*' -l verbose -d 'every merge, skip and kept hand edit, with its reason'
complete -c versus -n '__versus_at import \*' -l force -d 'overwrite fields edited by hand'
complete -c versus -n '__versus_at import \*' -s q -l quiet -d 'no summary or progress on stderr; problems only'
complete -c versus -n '__versus_at import 0' -f -a 'openrouter litellm'
complete -c versus -n '__versus_at import 1+' -f -a '(__versus_files json)'
complete -c versus -n '__versus_at test \*' -l junit -r -F -d 'also write the results as JUnit XML to FILE, atomically'
complete -c versus -n '__versus_at test 0+' -f -a '(__versus_files lua)'
complete -c versus -n '__versus_at help 0' -f -a '(__versus_commands)'
complete -c versus -n '__versus_at completion 0' -f -a 'bash zsh fish'
