#!/bin/sh
# The import directory is an untrusted tree (issue 16, items 2 and 13): `versus import … -o
# DIR` writes nothing outside DIR whatever was planted there, and cleans up after a killed run.
#   2: DIR/models a symlink to a directory outside: refused (exit 4), nothing written there,
#      as `site` refuses the same layout
#   2: a record file that is a symlink to a file outside is neither read through nor written
#      through; the import state likewise
#  13: the models/.ID.json.tmp.XXXXXX a killed import leaves are removed by the next import
# Usage: import_tree_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
FEED="$SRC/tests/import/fixtures/openrouter.json"
imp() { run "$VERSUS" import openrouter "$FEED" -o "$@"; }

# ---- 2: models/ a symlink ------------------------------------------------------------------
mkdir -p "$TMP/d2" "$TMP/outside"
ln -s "$TMP/outside" "$TMP/d2/models"
imp "$TMP/d2"
[ "$rc" -eq 4 ] && [ "$(ls "$TMP/outside" | wc -l)" -eq 0 ] && grep -q "models.*symbolic link" "$err"
check $? "item 2: -o DIR with DIR/models a symlink outside: refused (exit $rc), $(ls "$TMP/outside" | wc -l) files written there"

# ---- 2: a record or the state file a symlink to a file outside ------------------------------
mkdir -p "$TMP/d3"
imp "$TMP/d3"
first=$(ls "$TMP/d3/models" | head -1)
echo '{"secret": "outside"}' >"$TMP/outside/secret.json"
rm "$TMP/d3/models/$first"
ln -s "$TMP/outside/secret.json" "$TMP/d3/models/$first"
imp "$TMP/d3" --force
[ "$(cat "$TMP/outside/secret.json")" = '{"secret": "outside"}' ] &&
	! grep -rq secret "$TMP/d3/models" "$TMP/d3/import-state.json"
check $? "item 2: a record that is a symlink to a file outside is neither read nor written through (exit $rc)"

rm -f "$TMP/d3/models/$first"
mv "$TMP/d3/import-state.json" "$TMP/outside/state.json"
cp "$TMP/outside/state.json" "$TMP/state.before"
ln -s "$TMP/outside/state.json" "$TMP/d3/import-state.json"
imp "$TMP/d3"
cmp -s "$TMP/outside/state.json" "$TMP/state.before" && [ "$rc" -ne 0 ]
check $? "item 2: an import state that is a symlink to a file outside is refused, the file left as it was (exit $rc)"

# ---- 13: temporaries of a killed import -----------------------------------------------------
mkdir -p "$TMP/d13"
imp "$TMP/d13"
touch "$TMP/d13/models/.$first.tmp.AbC123" "$TMP/d13/.import-state.json.tmp.xYz789" \
	"$TMP/d13/models/notes.tmp.AbC123"
imp "$TMP/d13"
[ "$rc" -eq 0 ] && [ ! -e "$TMP/d13/models/.$first.tmp.AbC123" ] &&
	[ ! -e "$TMP/d13/.import-state.json.tmp.xYz789" ] && [ -e "$TMP/d13/models/notes.tmp.AbC123" ]
check $? "item 13: the next import removes a killed import's .ID.json.tmp.* (and only those; exit $rc)"

finish
