#!/bin/sh
# Hugo as the speed anchor (a script, not a test).  From the source root, after a build:
#   bench/hugo.sh [BUILD_DIR] [MODELS]
# Makes a catalog of MODELS models (default 200: 19,900 pair pages) with bench/make_catalog.py,
# a Hugo project of the same pair pages (bench/hugo/make_site.py: the records as data files, a
# template of title, scorecard, cost at traffic, specs, pricing, capabilities, benchmarks), and
# builds both with one core and with two: pages per second, peak resident memory, bytes.
# Hugo's page says less than ours (no rules, verdict, FAQ or chart), which favours Hugo.
# Needs Debian's hugo.  Figures and what they mean: docs/performance.md.
set -eu
BUILD=${1:-build}
MODELS=${2:-200}
V=$BUILD/core/versus
command -v hugo >/dev/null || { echo "bench/hugo.sh: needs hugo (apt-get install hugo)" >&2; exit 1; }
TMP=${BENCH_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C

# report LABEL CORES PAGES OUT: one line from GNU time's "%e %U %S %M" in $TMP/time.  Pages
# per CPU second (user + system) moves less with the machine's load than wall time.
report() {
	read -r secs user sys kb <"$TMP/time"
	bytes=$(du -sb "$4" | cut -f1)
	awk -v l="$1" -v c="$2" -v p="$3" -v s="$secs" -v cpu="$user $sys" -v kb="$kb" -v b="$bytes" 'BEGIN {
		split(cpu, t, " "); cs = t[1] + t[2]
		printf "%-7s %s core(s) %6d pages %7.2f s wall %7.0f pages/s %7.0f pages/CPU-s  peak %5.0f MB  %5.0f MB on disk\n",
		       l, c, p, s, (s > 0 ? p / s : 0), (cs > 0 ? p / cs : 0), kb / 1024, b / 1048576 }'
}

echo "== machine: $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg); $(hugo version | cut -d' ' -f1-2)"
/usr/bin/python3 bench/make_catalog.py tests/fixtures/golden "$TMP/cat" "$MODELS" >/dev/null
/usr/bin/python3 bench/hugo/make_site.py "$TMP/cat" "$TMP/hugo" >/dev/null
pairs=$((MODELS * (MODELS - 1) / 2))
for cores in 1 2; do
	rm -rf "$TMP/hugo-out" "$TMP/hugo/resources"
	# GOMAXPROCS bounds Hugo's threads as -j bounds ours.
	(cd "$TMP/hugo" && GOMAXPROCS=$cores /usr/bin/time -f "%e %U %S %M" -o "$TMP/time" \
		hugo --quiet -d "$TMP/hugo-out" >/dev/null)
	report hugo $cores "$pairs" "$TMP/hugo-out"
	rm -rf "$TMP/site"
	/usr/bin/time -f "%e %U %S %M" -o "$TMP/time" "$V" --data "$TMP/cat" site "$TMP/site" -j $cores \
		>/dev/null 2>&1
	report versus $cores "$pairs" "$TMP/site"
done
