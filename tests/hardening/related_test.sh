#!/bin/sh
# Issue 16, item 6, and report.md revision 3's related pairs and links.
#   - A rule that failed never leaves its section's fallback sentence claiming the opposite of
#     the data (at about 12,500 models the related rule ran out of memory and the page said
#     "The catalog has no other model to compare with these two yet").
#   - Related pairs scale to 20,000 models within the rule limits.
#   - Ranking: score, then the release date nearest (no date last), then id; a model of
#     another kind below every model of the same kind; on a one-off page each related pair
#     shows the command that makes it.
# Usage: related_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
NONE="no other model to compare"

# 1. A related rule that fails: a diagnostic, and no fallback sentence.
mkdir "$TMP/failing"
cat >"$TMP/failing/97-related.lua" <<'LUA'
section{ id = "related", title = "Continue comparing", style = "links" }
rule{ key = "related", section = "related", fn = function(p) error("ran out") end }
rule{ key = "related.none", section = "related", fallback = true, fn = function(p)
  return { key = "none", text = "The catalog has no other model to compare with these two yet.",
           about = { p.a.id, p.b.id } }
end }
LUA
"$VERSUS" --data "$SRC/data" --rules "$SRC/rules" --rules "$TMP/failing" compare gpt-4o o3-mini \
	-o "$TMP/failing.md" 2>"$TMP/failing.err"
grep -q "\[related\] ran out" "$TMP/failing.err"
check $? "a failing related rule is a diagnostic" || note "$TMP/failing.err"
! grep -q "$NONE" "$TMP/failing.md"
check $? "and its section does not say the catalog has no other model"

# 2. 20,000 models: related pairs within the limits.
"$PY" - "$SRC/data" "$TMP/big" 20000 <<'PY'
import json, os, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = [json.load(open(os.path.join(src, "models", f)))
        for f in sorted(os.listdir(os.path.join(src, "models"))) if f.endswith(".json")]
os.makedirs(os.path.join(out, "models"))
for i in range(n):
    r = dict(base[i % len(base)])
    r["id"] = "%s-c%05d" % (r["id"], i)
    r["name"] = "%s #%d" % (r["name"], i)
    with open(os.path.join(out, "models", r["id"] + ".json"), "w") as f:
        json.dump(r, f)
PY
a=$(ls "$TMP/big/models" | sed -n '1s/\.json$//p')
b=$(ls "$TMP/big/models" | sed -n '2s/\.json$//p')
"$VERSUS" --data "$TMP/big" --rules "$SRC/rules" compare "$a" "$b" -o "$TMP/big.md" 2>"$TMP/big.err"
rc=$?
[ $rc -eq 0 ] && [ ! -s "$TMP/big.err" ]
check $? "20,000 models: compare runs clean (exit $rc)" || note "$TMP/big.err"
links=$(sed -n '/^## Continue comparing/,/^## /p' "$TMP/big.md" | grep -c '^- .* vs .*(`versus compare ')
[ "$links" -eq 6 ]
check $? "20,000 models: six related pairs ($links)"

# 3. Ranking and the one-off command, on a catalog made for it: no family, creator or
#    product type shared, so every chat model scores alike and the release date decides.
mkdir -p "$TMP/small/models"
model() { # id released [product_type]
	{
		printf '{"id": "%s", "name": "Model %s"' "$1" "$1"
		[ -n "$2" ] && printf ', "released": "%s"' "$2"
		[ -n "${3:-}" ] && printf ', "product_type": "%s"' "$3"
		printf '}\n'
	} >"$TMP/small/models/$1.json"
}
model a 2024-06-01
model b 2024-06-10
model near 2024-06-05
model far 2023-01-01
model undated ""
model aaa-embed 2024-06-02 "Embedding model"
"$VERSUS" --data "$TMP/small" --rules "$SRC/rules" compare a b -f text -o "$TMP/small.txt" 2>"$TMP/small.err"
sed -n '/^Continue comparing/,$p' "$TMP/small.txt" | grep '^- ' >"$TMP/related"
cat >"$TMP/want" <<'TXT'
- Model a vs Model near (versus compare a near)
- Model b vs Model near (versus compare b near)
- Model a vs Model far (versus compare a far)
- Model b vs Model far (versus compare b far)
- Model a vs Model undated (versus compare a undated)
- Model b vs Model undated (versus compare b undated)
TXT
diff "$TMP/want" "$TMP/related" >"$TMP/related.diff"
check $? "nearest release first, no date last, the embedding model below every chat model; each with its command" ||
	note "$TMP/related.diff" diff 14
finish
