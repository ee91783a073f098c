#!/bin/sh
# The site benchmark (a script, not a test: nothing here asserts a time).  From the source
# root, after a build:   bench/site.sh [BUILD_DIR] [MODELS]
#   - the site of the shipped catalog, and of a generated catalog of MODELS models (default
#     400: 79,800 pair pages), at -j 1 and -j 2: pages per second, peak resident memory,
#     bytes written;
#   - a no-change re-run of the large site (the incremental path);
#   - one `versus compare` on the large catalog, end to end;
#   - instructions per pair page under callgrind (a figure that does not move with the
#     machine's load), on the shipped catalog.
# Figures and what they mean: docs/performance.md.
set -eu
BUILD=${1:-build}
MODELS=${2:-400}
V=$BUILD/core/versus
TMP=${BENCH_TMP:-$(mktemp -d)}
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C

# run LABEL DATA OUT JOBS: one site build, timed with GNU time.
run() {
	label=$1 data=$2 out=$3 jobs=$4
	/usr/bin/time -f "%e %M" -o "$TMP/time" "$V" --data "$data" site "$out" -j "$jobs" 2>"$TMP/err" >/dev/null
	read -r secs kb <"$TMP/time"
	pages=$(sed -n 's/^site: \([0-9]*\) pages\? written.*/\1/p' "$TMP/err")
	unchanged=$(sed -n 's/.* \([0-9]*\) unchanged.*/\1/p' "$TMP/err")
	bytes=$(du -sb "$out" | cut -f1)
	awk -v l="$label" -v s="$secs" -v kb="$kb" -v p="$pages" -v u="$unchanged" -v b="$bytes" -v j="$jobs" 'BEGIN {
		printf "%-34s -j %s  %6d written %6d unchanged  %7.2f s  %8.0f pages/s  peak %5.0f MB  %6.0f MB on disk\n",
		       l, j, p, u, s, (s > 0 ? p / s : 0), kb / 1024, b / 1048576 }'
}

echo "== machine: $(nproc) cores, $(uname -r); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== site of the shipped catalog ($(ls data/models | wc -l) models)"
for j in 1 2; do rm -rf "$TMP/small"; run "shipped" data "$TMP/small" $j; done

echo "== site of $MODELS generated models"
/usr/bin/python3 bench/make_catalog.py tests/fixtures/golden "$TMP/big" "$MODELS" >/dev/null
for j in 1 2; do rm -rf "$TMP/site$j"; run "$MODELS models" "$TMP/big" "$TMP/site$j" $j; done
run "$MODELS models, nothing changed" "$TMP/big" "$TMP/site2" 2
cmp -s "$TMP/site1/index.html" "$TMP/site2/index.html" && diff -rq "$TMP/site1" "$TMP/site2" >/dev/null &&
	echo "(-j 1 and -j 2 sites are byte-identical)"

echo "== one compare on $MODELS models, end to end (10 runs)"
a=$(ls "$TMP/big/models" | sed -n 1p | sed 's/\.json$//')
b=$(ls "$TMP/big/models" | sed -n 2p | sed 's/\.json$//')
start=$(date +%s.%N)
for _ in 1 2 3 4 5 6 7 8 9 10; do "$V" --data "$TMP/big" compare "$a" "$b" >/dev/null 2>&1; done
end=$(date +%s.%N)
echo "$start $end" | awk '{printf "%.1f ms per compare\n", ($2 - $1) * 1000 / 10}'

if command -v valgrind >/dev/null 2>&1; then
	echo "== instructions per pair page (callgrind, shipped catalog, -j 1)"
	rm -rf "$TMP/cg"
	valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" "$V" --data tests/fixtures/golden \
		site "$TMP/cg" -j 1 >/dev/null 2>"$TMP/cg.log"
	# The plugin children report too: the main process is the largest count.
	total=$(grep -o 'refs: *[0-9,]*' "$TMP/cg.log" | tr -dc '0-9\n' | sort -n | tail -1)
	n=$(ls tests/fixtures/golden/models | wc -l)
	echo "$total $n" | awk '{ pages = $2 * ($2 - 1) / 2 + $2 + 1;
		printf "%d instructions for %d pages: %.2f M per page\n", $1, pages, $1 / pages / 1e6 }'
fi
