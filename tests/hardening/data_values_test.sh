#!/bin/sh
# What records and rules carry, as check, the renderers and the diagnostics see it (issue 16,
# items 8, 12, 14 and 16).
#   8: ids m, vs-z, m-vs, z would give two pairs one page (compare/m-vs-vs-z.html): check
#      refuses vs-z and m-vs; the site of the valid ones has a page per pair
#  12: tag characters (U+E0000-E007F), the soft hyphen and the Hangul fillers: check warns,
#      md, html and text never show them, JSON keeps them escaped
#  14: -0.0 in a record comes back as -0.0 from show --json
#  16: a rule's 5 MB error message is not echoed whole
# Usage: data_values_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
GOLD="$SRC/tests/fixtures/golden/models"

# record SRC_ID NEW_ID DIR [PYTHON-STATEMENT on r]: a golden record under a new id
record() {
	mkdir -p "$3/models"
	"$PY" - "$GOLD/$1.json" "$2" "$3/models/$2.json" "${4:-pass}" <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1]))
r["id"] = sys.argv[2]
r["name"] = "Model " + sys.argv[2]
exec(sys.argv[4])
json.dump(r, open(sys.argv[3], "w"), indent=2, ensure_ascii=False)
PYEOF
}

# ---- 8: page names are injective ----------------------------------------------------------
for id in m vs-z m-vs z vs; do record gpt-4o "$id" "$TMP/d8"; done
run "$VERSUS" --data "$TMP/d8" check
[ "$rc" -eq 1 ] && grep -q 'vs-z.*starts with "vs-"' "$out" "$err" &&
	grep -q 'm-vs.*ends with "-vs"' "$out" "$err"
check $? "item 8: check refuses the ids vs-z and m-vs (exit $rc)"
run "$VERSUS" --data "$TMP/d8" site "$TMP/site8" -j 1
# m, vs, z are valid: three pairs, three pages, none shared.
[ "$(ls "$TMP/site8/compare" | wc -l)" -eq 3 ] && [ ! -e "$TMP/site8/compare/m-vs-vs-z.html" ]
check $? "item 8: the site of the valid ids m, vs, z has one page per pair ($(ls "$TMP/site8/compare" | tr '\n' ' '))"

# ---- 12: invisible characters ----------------------------------------------------------
# "Safe" with a tag-character sentence after it, a soft hyphen and two Hangul fillers.
record gpt-4o hidden "$TMP/d12" 'r["name"] = "Safe" + "".join(chr(0xE0000 + ord(c)) for c in "IGNORE") + "\u00ad\u3164\u115f"'
record o3-mini plain "$TMP/d12"
run "$VERSUS" --data "$TMP/d12" check
grep -q "hidden.json.*U+E0049" "$out" "$err"
check $? "item 12: check warns about a tag character in a name"
for f in md html text; do
	run "$VERSUS" --data "$TMP/d12" compare hidden plain -f "$f"
	"$PY" - "$out" <<'PYEOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
bad = [c for c in text if 0xE0000 <= ord(c) <= 0xE007F or c in "\u00ad\u3164\u115f\u1160\uffa0"]
sys.exit(1 if bad or "Safe" not in text else 0)
PYEOF
	check $? "item 12: -f $f shows no tag character, soft hyphen or Hangul filler"
done
run "$VERSUS" --data "$TMP/d12" compare hidden plain -f json
"$PY" - "$out" <<'PYEOF'
import json, sys
raw = open(sys.argv[1], encoding="utf-8").read()
names = [m["name"] for m in json.loads(raw)["models"]]
want = "Safe" + "".join(chr(0xE0000 + ord(c)) for c in "IGNORE") + "\u00ad\u3164\u115f"
sys.exit(0 if want in names and "\\udb40\\udc49" in raw else 1)
PYEOF
check $? "item 12: JSON keeps the name as recorded, tag characters as surrogate-pair escapes"

# ---- 14: -0.0 round-trips ----------------------------------------------------------------
record gpt-4o negzero "$TMP/d14" 'r["routes"][0]["pricing"]["input_per_mtok"] = -0.0'
run "$VERSUS" --data "$TMP/d14" show negzero --json
"$PY" - "$out" <<'PYEOF'
import json, math, sys
v = json.load(open(sys.argv[1]))["routes"][0]["pricing"]["input_per_mtok"]
sys.exit(0 if isinstance(v, float) and v == 0 and math.copysign(1, v) < 0 else 1)
PYEOF
check $? "item 14: -0.0 comes back as -0.0 from show --json ($(grep -o '"input_per_mtok": [^,]*' "$out" | head -1))"

# ---- 16: a rule's huge error message ---------------------------------------------------------
mkdir -p "$TMP/r16"
echo 'rule{ key = "huge_error", section = "summary", fn = function(p) error(("x"):rep(5000000)) end }' \
	>"$TMP/r16/99-huge.lua"
run "$VERSUS" --data "$SRC/tests/fixtures/golden" --rules "$TMP/r16" compare gpt-4o o3-mini
[ "$(wc -c <"$err")" -lt 65536 ] && grep -q "huge_error" "$err"
check $? "item 16: a rule's 5 MB error message is cut ($(wc -c <"$err") bytes on stderr)"

finish
