#!/bin/sh
# hardening.md case 131 (P1, pre-existing symlinks inside the output directory): `versus site
# DIR` writes no byte outside DIR.  DIR/compare and DIR/models are symlinks to a directory
# outside, and DIR/index.html a symlink to a canary file outside: the canary stays, and nothing
# is written through the links (they are replaced, or refused with a message).
# site writes its pages with VS_OUT_NOFOLLOW (a link where a page goes is replaced, never
# followed) and refuses a compare/ or models/ that is not a real directory.
# Usage: site_paths_test.sh VERSUS SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2

mkdir -p "$TMP/site" "$TMP/outside"
echo canary >"$TMP/outside/canary.html"
ln -s "$TMP/outside" "$TMP/site/compare"
ln -s "$TMP/outside" "$TMP/site/models"
ln -s "$TMP/outside/canary.html" "$TMP/site/index.html"
"$VERSUS" --data "$SRC/tests/fixtures/golden" site "$TMP/site" -j 2 >/dev/null 2>"$TMP/err"
rc=$?
[ "$(cat "$TMP/outside/canary.html")" = canary ]
check $? "a symlinked index.html: the file outside is left as it was (exit $rc)"
[ "$(ls "$TMP/outside")" = canary.html ]
check $? "symlinked compare/ and models/: no page written outside the site ($(ls "$TMP/outside" | wc -l) files there)"
finish
