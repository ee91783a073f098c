#!/bin/sh
# Benchmarks (not tests: nothing here asserts a time).  Run from the source root after a
# build:  bench/run.sh [BUILD_DIR]
#   1. one `versus compare` end to end (process start, load, one report), 20 runs;
#   2. the per-pair path over every ordered pair of the shipped catalog and of a generated
#      catalog of 200 models (39,800 pairs), one worker;
#   3. instructions for one compare under callgrind, a figure that does not depend on the
#      machine's load.
set -eu
BUILD=${1:-build}
V=$BUILD/core/versus
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "== compare, end to end (20 runs)"
start=$(date +%s.%N)
for _ in $(seq 20); do $V compare gpt-4o claude-sonnet-4 >/dev/null; done
end=$(date +%s.%N)
echo "$start $end" | awk '{printf "%.1f ms per compare\n", ($2 - $1) * 1000 / 20}'
echo "== per pair, shipped catalog"
$BUILD/bench/bench_pairs data rules $BUILD/plugins
echo "== per pair, 200 generated models"
python3 bench/make_catalog.py data "$TMP/big" 200 >/dev/null
$BUILD/bench/bench_pairs "$TMP/big" rules $BUILD/plugins
if command -v valgrind >/dev/null 2>&1; then
	echo "== instructions for one compare (callgrind)"
	valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" $V compare gpt-4o claude-sonnet-4 \
		>/dev/null 2>"$TMP/cg.log"
	grep -E "Collected" "$TMP/cg.log" | sed 's/^==[0-9]*== //'
fi
