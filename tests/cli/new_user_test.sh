#!/bin/sh
# What a new user hit in twenty minutes (issue 18, items 5-9 and 11; issue 14's text
# tables): a provider or capability that matches nothing, a broken rule that failed
# nothing, site pages that were dead ends, lists in file-name order, surprising format
# defaults, and small gaps of list, show, site and import.
# Usage: new_user_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$(abspath "$1")
SRC=$(cd "$2" && pwd)
unset COLUMNS
V="$VERSUS --data $SRC/data"
G="$VERSUS --data $SRC/tests/fixtures/golden"
check_note() { note "$err" stderr 3; }

# ---- 5: a provider or capability that matches nothing ------------------------------------
run $G compare gpt-4o o3-mini --provider azure
[ "$rc" -eq 2 ] && [ ! -s "$out" ] &&
	grep -qF "is offered by 'azure'; did you mean" "$err" && grep -qF "'Azure OpenAI'?" "$err"
check $? "--provider azure (no route of the catalog): exit 2, did you mean 'Azure OpenAI'"
run $G compare gpt-4o o3-mini --provider 'azure openai'
check "$rc" "--provider 'azure openai' (case and spaces as typed) prices on that route"
run $G compare gpt-4o o3-mini --provider 'OpenAI API' --provider nowhere-cloud
[ "$rc" -eq 2 ] && grep -qF "offered by 'nowhere-cloud'" "$err" && ! grep -q "did you mean" "$err"
check $? "a provider like none of the catalog's: exit 2, no guess"
# report.md: a provider of the catalog that neither model lists prices neither (unavailable,
# no_route_for_provider): a report, not a usage error.
run $V --data "$SRC/data" compare gemini-2.0-flash gpt-5.3-codex-spark --provider OPENROUTER -f json
[ "$rc" -eq 0 ] && grep -qF '"no_route_for_provider"' "$out"
check $? "--provider of the catalog neither model lists: exit 0, both no_route_for_provider"
run $V site "$TMP/never" --provider azur
[ "$rc" -eq 2 ] && grep -qF "did you mean" "$err" && [ ! -e "$TMP/never/index.html" ]
check $? "site --provider azur: exit 2 before any page"
run $VERSUS diff "$SRC/tests/diff/old" "$SRC/tests/diff/new" --provider azur
[ "$rc" -eq 2 ] && grep -qF "did you mean" "$err" && [ ! -s "$out" ]
check $? "diff --provider azur: exit 2, did you mean"
run $G list --has function-calling
[ "$rc" -eq 2 ] && grep -qF "did you mean 'function_calling'?" "$err"
check $? "list --has function-calling: did you mean 'function_calling'"
run $G list --providers
[ "$rc" -eq 0 ] && grep -qx "Azure OpenAI" "$out" && grep -qx "OpenAI API" "$out" &&
	[ "$(sort -u "$out" | wc -l)" -eq "$(wc -l <"$out")" ]
check $? "list --providers: each provider of the catalog once (what completion offers)"

# ---- 6: a broken rule fails what the user runs --------------------------------------------
mkdir -p "$TMP/r-section" "$TMP/r-print" "$TMP/r-error"
cat >"$TMP/r-section/55-typo.lua" <<'EOF'
rule{ key = "typo_section", section = "tradeoff", fn = function(p) return nil end }
EOF
cat >"$TMP/r-print/55-print.lua" <<'EOF'
rule{ key = "debugging", section = "tradeoffs", fn = function(p)
  print(p.a.id)
  return nil
end }
EOF
cat >"$TMP/r-error/55-error.lua" <<'EOF'
rule{ key = "arith", section = "tradeoffs", fn = function(p)
  return { text = "x" .. p.a.no_such_field }
end }
EOF
run $G --rules "$TMP/r-section" check
[ "$rc" -eq 1 ] && grep -qF "unknown section 'tradeoff'; did you mean 'tradeoffs'?" "$err"
check $? "check: a rule file with section 'tradeoff' is a problem (exit 1)"
run $G --rules "$TMP/r-section" compare gpt-4o o3-mini
[ "$rc" -eq 1 ] && [ -s "$out" ] && grep -qF "unknown section 'tradeoff'" "$err"
check $? "compare: the report, the load error on stderr, and exit 1"
run $G --rules "$TMP/r-section" site "$TMP/s-section" -q
[ "$rc" -eq 1 ] && [ -f "$TMP/s-section/index.html" ] && grep -qF "unknown section 'tradeoff'" "$err"
check $? "site: the pages, the load error on stderr, and exit 1"
run $G --rules "$TMP/r-print" check
[ "$rc" -eq 1 ] && grep -qF 'print is not available in rules: the sandbox has no I/O; use a diagnostic or `--explain`' "$err" &&
	grep -qF "55-print.lua:2" "$err"
check $? "check runs each rule once: print() is named as unavailable, with its line"
run $G --rules "$TMP/r-error" check
[ "$rc" -eq 1 ] && grep -qF "[arith]" "$err" && grep -qF "55-error.lua:2" "$err"
check $? "check: a runtime error of a rule is a problem"
run $G check
check "$rc" "check stays clean with the shipped rules"
cat >"$TMP/absent.lua" <<'EOF'
return {
  { name = "a typo in an absent key", a = { id = "a", name = "A" }, b = { id = "b", name = "B" },
    expect = {
      { key = "larger_max_outptu", absent = true },
      { key = "larger_context", absent = true },
    } },
}
EOF
run $VERSUS test "$TMP/absent.lua"
[ "$rc" -eq 1 ] && grep -q "^not ok .*larger_max_outptu" "$out" && grep -q "^ok .*larger_context is absent" "$out"
check $? "versus test: absent = true on a key no rule makes fails; a real key passes"

# ---- 7: every site page links to the index and the model pages it names -----------------
run $G site "$TMP/site" -j 2
check "$rc" "site of the golden catalog"
"$PY" - "$TMP/site" <<'EOF'
import os, re, sys
root = sys.argv[1]
bad = []
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".html"):
            continue
        path = os.path.join(d, f)
        rel = os.path.relpath(path, root)
        hrefs = {os.path.normpath(os.path.join(os.path.dirname(rel), h))
                 for h in re.findall(r'href="([^"#]+)"', open(path).read())}
        if rel != "index.html" and "index.html" not in hrefs:
            bad.append(rel + ": no link to index.html")
        if rel.startswith("compare/"):
            a, b = f[:-5].split("-vs-")
            for m in (a, b):
                if "models/%s.html" % m not in hrefs:
                    bad.append(rel + ": no link to models/%s.html" % m)
for b in bad[:5]:
    print("#   " + b)
sys.exit(1 if bad else 0)
EOF
check $? "every page links to the index; pair pages to their two model pages"

# ---- 8: one natural order: names, numbers as numbers --------------------------------------
mkdir -p "$TMP/order/models"
for m in claude-opus-4.1 claude-opus-4.5 claude-opus-4 gpt-4o nova-lite nemotron-nano-9b-v2; do
	cp "$SRC/data/models/$m.json" "$TMP/order/models/"
done
want="Amazon Nova Lite|Claude Opus 4|Claude Opus 4.1|Claude Opus 4.5|GPT-4o|NVIDIA Nemotron Nano 9B v2"
run $VERSUS --data "$TMP/order" list
got=$(sed 's/^[^ ]*  *//' "$out" | paste -sd'|')
[ "$got" = "$want" ]
check $? "list: names in natural order (got $got)"
run $VERSUS --data "$TMP/order" site "$TMP/osite" -j 1
got=$(grep -o 'href="models/[^"]*">[^<]*' "$TMP/osite/index.html" | sed 's/.*">//' | paste -sd'|')
[ "$got" = "$want" ]
check $? "site index: the same order (got $got)"
got=$(grep -o 'href="../compare/[^"]*"' "$TMP/osite/models/gpt-4o.html" | sed 's/.*compare.//; s/.html"//' | paste -sd' ')
[ "$got" = "gpt-4o-vs-nova-lite claude-opus-4-vs-gpt-4o claude-opus-4.1-vs-gpt-4o claude-opus-4.5-vs-gpt-4o gpt-4o-vs-nemotron-nano-9b-v2" ]
check $? "Compare with: by the other model's name, the same order (got $got)"

run $V compare qwen gpt-4o
got=$(grep -o '^  qwen2.5-[0-9]*b' "$err" | tr -d ' ' | paste -sd' ')
[ "$rc" -eq 3 ] && [ "$got" = "qwen2.5-7b qwen2.5-72b" ]
check $? "an ambiguous name lists its models in the same order (got $got)"

# ---- 9: formats: an unknown extension, text on a terminal, URLs and labels ----------------
cd "$TMP" || exit 1
run $G compare gpt-4o o3-mini -o r.pdf
[ "$rc" -eq 2 ] && [ ! -e r.pdf ] && grep -qF ".pdf" "$err" && grep -qF -- "-f" "$err"
check $? "-o r.pdf: a usage error naming the extension and -f; nothing written"
run $G compare gpt-4o o3-mini -o r.pdf -f md
[ "$rc" -eq 0 ] && head -1 r.pdf | grep -q "^# "
check $? "-o r.pdf -f md: written as asked"
run $G compare gpt-4o o3-mini -o report
[ "$rc" -eq 0 ] && head -1 report | grep -q "^# "
check $? "-o without an extension: Markdown, as before"
if command -v script >/dev/null 2>&1; then
	script -qec "$G compare gpt-4o o3-mini --color=never" "$TMP/tty" >/dev/null 2>&1
	tr -d '\r' <"$TMP/tty" | grep -v '^Script ' | head -2 >"$TMP/tty.head"
	head -1 "$TMP/tty.head" | grep -q "^GPT-4o vs o3-mini" && sed -n 2p "$TMP/tty.head" | grep -q "^====="
	check $? "compare on a terminal without -f: text"
else
	skip "script(1) is not installed (apt install bsdutils)"
fi
$G compare gpt-4o o3-mini | head -1 | grep -q "^# GPT-4o vs o3-mini"
check $? "compare into a pipe without -f: Markdown"
$VERSUS help compare | grep -q "text on a terminal"
check $? "compare --help says text is the default on a terminal"
grep -q "text on a terminal" "$SRC/docs/versus.1"
check $? "the man page says so too"
$V compare gpt-4o claude-opus-4.1 -f md | grep -o 'https://[^ )>,]*' | sed 's/\.$//' | sort -u >"$TMP/urls"
$V compare gpt-4o claude-opus-4.1 -f text >"$TMP/r.txt"
missing=0
while read -r u; do grep -qF -- "$u" "$TMP/r.txt" || missing=$((missing + 1)); done <"$TMP/urls"
[ -s "$TMP/urls" ] && [ "$missing" -eq 0 ]
check $? "-f text into a pipe (80 columns): no URL broken ($missing of $(wc -l <"$TMP/urls") broken)"
COLUMNS=40 $V compare gpt-4o claude-opus-4.1 -f text >"$TMP/r40.txt"
missing=0
while read -r u; do grep -qF -- "$u" "$TMP/r40.txt" || missing=$((missing + 1)); done <"$TMP/urls"
[ "$missing" -eq 0 ]
check $? "-f text at 40 columns: no URL broken either"
$V compare llama-3.1-8b-instruct llama-4-scout -f text >"$TMP/labels.txt"
grep -q "^Input price (per 1M tokens)  " "$TMP/labels.txt" && grep -q "^Output price (per 1M tokens)  " "$TMP/labels.txt"
check $? "-f text: a table's label column is not squeezed (Input price (per 1M tokens) on one line)"
cd "$SRC" || exit 1

# ---- 11: small gaps ------------------------------------------------------------------------
run $V list gpt
[ "$rc" -eq 0 ] && grep -q "^gpt-4o " "$out" && ! grep -qi "claude" "$out" && ! grep -vqi "gpt" "$out"
check $? "list gpt: only the models matching the pattern"
run $V list 'claude*4.5'
[ "$rc" -eq 0 ] && [ "$(wc -l <"$out")" -eq 3 ]
check $? "list 'claude*4.5': a glob pattern"
run $V list --creator anthropic --json
[ "$rc" -eq 0 ] && "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d) == 8 and {m["creator"] for m in d} == {"Anthropic"}' "$out"
check $? "list --creator anthropic: only Anthropic's models"
run $V list --creator antropic
[ "$rc" -eq 2 ] && grep -qF "did you mean 'Anthropic'?" "$err"
check $? "list --creator antropic: did you mean 'Anthropic'"
run $G site "$TMP/quiet" -q
[ "$rc" -eq 0 ] && [ ! -s "$err" ] && [ ! -s "$out" ] && [ -f "$TMP/quiet/index.html" ]
check $? "site -q: the site, and not a word"
run $VERSUS import openrouter "$SRC/tests/import/fixtures/openrouter.json" -o "$TMP/imp" --quiet
[ "$rc" -eq 0 ] && [ ! -s "$err" ] && [ ! -s "$out" ] && ls "$TMP/imp/models/"*.json >/dev/null 2>&1
check $? "import --quiet: the records, and not a word"
run $G site "$TMP/plan" -j 2
pages=$(ls "$TMP/plan/compare" "$TMP/plan/models" | grep -c '\.html$')
head -1 "$err" | grep -qE "^site: $((pages + 1)) pages to write \(about [0-9.]+ [kMG]B\)"
check $? "site says first how many pages and about how many bytes ($(head -1 "$err"))"
mkdir -p "$TMP/big/models" # 46 models: 1,035 pairs, past the 1,000 pages that make a site big
for f in $(ls "$SRC/data/models/"*.json | head -46); do cp "$f" "$TMP/big/models/"; done
run $VERSUS --data "$TMP/big" site "$TMP/bigsite" -j 2
[ "$rc" -eq 0 ] && [ "$(grep -c '^site: [0-9]* of 1082 pages' "$err")" -eq 10 ] &&
	grep -q '^site: 1082 of 1082 pages' "$err" && ! grep -q "$(printf '\r')" "$err"
check $? "site on a big catalog, stderr not a terminal: a progress line at each tenth"
run $V show gpt-4o
"$PY" - "$out" <<'EOF'
import re, sys
# In each block of "key value" lines at one indentation, values start in one column.
groups, bad = {}, []
prev = None
for line in open(sys.argv[1]):
    m = re.match(r"^( *)(\S+)( +)(\S.*)$", line.rstrip("\n"))
    if not m or m.group(2) in ("-",) or m.group(2).startswith("["):
        prev = None
        continue
    indent = len(m.group(1))
    col = len(m.group(1)) + len(m.group(2)) + len(m.group(3))
    if prev and prev[0] == indent and prev[1] != col:
        bad.append(line.rstrip())
    prev = (indent, col)
for b in bad[:3]:
    print("#   misaligned: " + b)
sys.exit(1 if bad else 0)
EOF
check $? "show: the values of a block in one column, long keys too"

finish
