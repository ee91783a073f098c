#!/bin/sh
# versus site: every link resolves, -j 1 / -j 8 / 4 shards (through GNU parallel when it is
# installed) / two runs give byte-identical sites, and a re-run rewrites exactly the pages
# whose inputs changed.  Usage: site_test.sh VERSUS SOURCE_ROOT [JOBS]
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
JOBS=${3:-8}
export LC_ALL=C

cp -r "$SRC/tests/fixtures/golden" "$TMP/data"
V="$VERSUS --data $TMP/data"
models=$(ls "$TMP/data/models" | wc -l)
pairs=$((models * (models - 1) / 2))

$V site "$TMP/s1" -j 1 --json 2>"$TMP/s1.err"
check $? "site -j 1 exits 0"
[ "$(ls "$TMP/s1/compare"/*.html | wc -l)" -eq "$pairs" ] &&
	[ "$(ls "$TMP/s1/compare"/*.json | wc -l)" -eq "$pairs" ] &&
	[ "$(ls "$TMP/s1/models"/*.html | wc -l)" -eq "$models" ] && [ -f "$TMP/s1/index.html" ]
check $? "$pairs pair pages with their JSON, $models model pages and the index"
grep -q "site: $((pairs + models + 1)) pages written, 0 unchanged" "$TMP/s1.err"
check $? "the summary line counts every page"
[ ! -s "$TMP/s1.err" ] || ! grep -q "$(printf '\r')" "$TMP/s1.err"
check $? "no progress bar when stderr is not a terminal"

$V site "$TMP/s8" -j "$JOBS" --json 2>"$TMP/s8.err"
rc=$?
[ $rc -eq 0 ] && diff -r "$TMP/s1" "$TMP/s8" >/dev/null
check $? "-j 1 and -j $JOBS give byte-identical sites (exit $rc; under ThreadSanitizer a race fails it)"
grep -q "ThreadSanitizer" "$TMP/s8.err" && sed 's/^/#   /' "$TMP/s8.err" | head -30

$V site "$TMP/again" -j 3 --json 2>/dev/null
diff -r "$TMP/s1" "$TMP/again" >/dev/null
check $? "two runs give byte-identical sites"

# Four shards, run the way a cluster would: GNU parallel when installed, else one by one.
if command -v parallel >/dev/null 2>&1; then
	parallel --will-cite -j 4 "$VERSUS" --data "$TMP/data" site "$TMP/sh{}" --json --shard {}/4 -j 2 \
		::: 1 2 3 4 2>/dev/null
	how="GNU parallel"
else
	for k in 1 2 3 4; do $V site "$TMP/sh$k" --json --shard $k/4 -j 2 2>/dev/null; done
	how="one after another (GNU parallel is not installed)"
fi
mkdir "$TMP/merged"
for k in 1 2 3 4; do cp -r "$TMP/sh$k/." "$TMP/merged/"; done
cat "$TMP/merged"/.versus-manifest.*-of-4 | sort >"$TMP/merged/.versus-manifest"
rm "$TMP/merged"/.versus-manifest.*-of-4
diff -r "$TMP/s1" "$TMP/merged" >/dev/null
check $? "4 shards ($how), merged as docs/scaling.md says, are byte-identical to one run"

# Every href of every page resolves to a file of the site, but a record's http(s) sources
# (report.md, Links: every source is a link); those must be sources of the shipped records.
bad_links=$("$PY" - "$TMP/s1" "$TMP/data" <<'PY'
import html.parser, os, sys
root = sys.argv[1]
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []
    def handle_starttag(self, tag, attrs):
        self.hrefs += [v for k, v in attrs if k in ("href", "src")]
import glob, json
sources = set()
for rec in glob.glob(os.path.join(sys.argv[2], "models", "*.json")):
    sources.update(json.load(open(rec, encoding="utf-8")).get("sources") or [])
bad, total = [], 0
for d, _, files in os.walk(root):
    for f in files:
        if not f.endswith(".html"):
            continue
        p = P()
        p.feed(open(os.path.join(d, f), encoding="utf-8").read())
        for h in p.hrefs:
            total += 1
            if h in sources and h.startswith(("https://", "http://")):
                continue
            target = os.path.normpath(os.path.join(d, h.split("#")[0]))
            if "://" in h or not os.path.isfile(target) or not target.startswith(root):
                bad.append(f"{os.path.relpath(os.path.join(d, f), root)} -> {h}")
print(len(bad), total)
for b in bad[:5]:
    print(b, file=sys.stderr)
PY
)
[ "${bad_links%% *}" = 0 ] && [ "${bad_links##* }" -gt "$pairs" ]
check $? "every href resolves to a file of the site (${bad_links##* } links checked, ${bad_links%% *} broken)"

grep -L "<script\|https\?://[a-z]" "$TMP/s1/index.html" "$TMP/s1/models"/*.html >/dev/null
! grep -l "<script\|<link \|src=\"http" "$TMP/s1"/index.html "$TMP/s1"/models/*.html "$TMP/s1"/compare/*.html >/dev/null
check $? "pages are self-contained: no script, no stylesheet link, no external source"

# Incremental: nothing changed, nothing written.
before=$(find "$TMP/s1" -type f -newer "$TMP/data" | wc -l)
touch "$TMP/stamp"
sleep 1
$V site "$TMP/s1" -j 2 --json 2>"$TMP/inc0.err"
[ "$(find "$TMP/s1" -type f -newer "$TMP/stamp" | wc -l)" -eq 0 ] &&
	grep -q "0 pages written, $((pairs + models + 1)) unchanged" "$TMP/inc0.err"
check $? "a re-run with nothing changed writes nothing (not even the manifest's pages)"

# One record changes a field no other page shows: its pairs, its page and the index.
sed -i 's/"best_for": "[^"]*"/"best_for": "a changed use"/' "$TMP/data/models/gpt-4o.json"
touch "$TMP/stamp"
sleep 1
$V site "$TMP/s1" -j 2 --json 2>"$TMP/inc1.err"
changed=$(find "$TMP/s1" -type f -newer "$TMP/stamp" -name '*.html' | sed "s|$TMP/s1/||" | sort)
want=$( (for f in $(ls "$TMP/data/models" | sed 's/\.json$//'); do
	[ "$f" = gpt-4o ] && continue
	if [ "$f" \< gpt-4o ]; then echo "compare/$f-vs-gpt-4o.html"; else echo "compare/gpt-4o-vs-$f.html"; fi
done; echo index.html; echo models/gpt-4o.html) | sort)
[ "$changed" = "$want" ]
check $? "a changed record rewrites exactly its $((models - 1)) pairs, its model page and the index"
$V site "$TMP/fresh" -j 2 --json 2>/dev/null
diff -r "$TMP/s1" "$TMP/fresh" >/dev/null
check $? "and the updated site is byte-identical to a fresh build"

# A rule edit rewrites everything.
mkdir "$TMP/rules"
printf 'rule{ key = "extra.note", section = "faq", fn = function(p) return nil end }\n' >"$TMP/rules/99-extra.lua"
$V --rules "$TMP/rules" site "$TMP/s1" -j 2 --json 2>"$TMP/inc2.err"
grep -q "site: $((pairs + models + 1)) pages written, 0 unchanged" "$TMP/inc2.err"
check $? "a new rule file rewrites every page"

# Bad options.
$V site "$TMP/x" --shard 5/4 2>"$TMP/bad.err"
[ $? -eq 2 ] && grep -q "shard" "$TMP/bad.err"
check $? "--shard 5/4 is a usage error (exit 2)"
$V site "$TMP/x" -j 0 2>/dev/null
[ $? -eq 2 ]
check $? "-j 0 is a usage error (exit 2)"
# One slot per worker and one for the main thread in the plugin watchdog and the registry of
# temporary files (VS_MAX_JOBS): more workers would run unwatched or leave files behind.
$V site "$TMP/x" -j 256 2>"$TMP/bad.err"
[ $? -eq 2 ] && grep -q "bad --jobs '256': expected a whole number from 1 to 255" "$TMP/bad.err"
check $? "-j 256, more workers than the watchdog has slots, is a usage error (exit 2)"
$V site "$TMP/fresh" -j 255 --json 2>"$TMP/j255.err"
[ $? -eq 0 ] && grep -q " 0 pages written" "$TMP/j255.err"
check $? "-j 255 is accepted"

finish
