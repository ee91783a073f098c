#!/bin/sh
# Run every libFuzzer harness of fuzz/ for a bounded time (fuzz/README.md).
#
#   fuzz/run.sh [TARGET...]      all targets when none is named
#
# Builds them with clang into build-fuzz/ (meson -Dfuzz=true, ASan + UBSan), installing
# Debian's clang and libFuzzer runtime first when they are missing and this runs as root (or
# with sudo).  Each target runs VERSUS_FUZZ_SECONDS (default 45) from its seeds: fuzz/corpus/,
# fuzz/regressions/ and, for records, the shipped and fixture records; two run at a time.
# A crash, an invariant broken, a timeout or an out-of-memory fails the target; its input is
# kept as build-fuzz/crashes/TARGET-*, to be added to fuzz/regressions/TARGET/ with the fix.
# One line per target says how many inputs ran; the last line is "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
secs=${VERSUS_FUZZ_SECONDS:-45}
dir=${VERSUS_FUZZ_BUILD:-build-fuzz}
passed=0
failed=0

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

# {====== clang with libFuzzer

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

have_libfuzzer() {
	command -v clang >/dev/null 2>&1 || return 1
	printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$tmp/t.c"
	clang -fsanitize=fuzzer,address,undefined "$tmp/t.c" -o "$tmp/t" >/dev/null 2>&1
}

if ! have_libfuzzer; then
	if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
	echo "fuzz: installing clang and the libFuzzer runtime (Debian: clang libclang-rt-dev)" >&2
	$SUDO apt-get update -qq >/dev/null 2>&1
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
		clang libclang-rt-dev >/dev/null 2>&1
fi
if ! have_libfuzzer; then
	echo "fuzz: clang with libFuzzer is not available (apt-get install clang libclang-rt-dev)"
	failed=1
	finish
fi

# }======

# {====== build

if [ ! -d "$dir" ]; then
	CC=clang meson setup "$dir" -Dfuzz=true -Dtests=false -Db_sanitize=address,undefined \
		-Db_lundef=false --buildtype=debugoptimized >"$tmp/setup.log" 2>&1 || {
		cat "$tmp/setup.log"
		echo "fuzz: meson setup $dir failed"
		failed=1
		finish
	}
fi
if ! ninja -C "$dir" >"$dir/ninja.log" 2>&1; then
	cat "$dir/ninja.log"
	echo "fuzz: build $dir failed"
	failed=1
	finish
fi

# }======

# {====== run

targets=$*
if [ -z "$targets" ]; then
	for exe in "$dir"/fuzz/fuzz_*; do
		case $exe in *.p) continue ;; esac
		[ -x "$exe" ] && targets="$targets ${exe##*/fuzz_}"
	done
fi
mkdir -p "$dir/crashes" "$dir/logs"

# Start one target in the background; its log is $dir/logs/TARGET.log.
start() {
	t=$1
	leaks=1 # 0: LeakSanitizer off at exit too (libFuzzer's -detect_leaks is per input only)
	case $t in
	record) seeds="fuzz/corpus/record data/models tests/fixtures/edge/models tests/fixtures/bad"
		opts="-max_len=16384 -dict=fuzz/record.dict" ;;
	items) seeds=fuzz/corpus/items
		# The engine's Lua state frees a run's garbage during later runs, so every run
		# would look like a leak to libFuzzer's per-input check (and slow it a hundredfold);
		# leaks are found by the replay test of the ASan meson build, at exit.
		opts="-max_len=8192 -dict=fuzz/items.dict -detect_leaks=0" ;;
	render_*) seeds=fuzz/corpus/render
		opts="-max_len=16384 -dict=fuzz/render.dict" ;;
	import_*) seeds="fuzz/corpus/$t tests/import/fixtures"
		opts="-max_len=16384 -dict=fuzz/$t.dict" ;;
	*) seeds=fuzz/corpus/$t
		opts= ;;
	esac
	work=$dir/corpus/$t
	mkdir -p "$work"
	regressions=
	[ -d "fuzz/regressions/$t" ] && regressions=fuzz/regressions/$t
	# shellcheck disable=SC2086
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=$leaks" \
		timeout $((secs + 300)) "$dir/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=60 \
		-print_final_stats=1 -artifact_prefix="$dir/crashes/$t-" $opts \
		"$work" $seeds $regressions >"$dir/logs/$t.log" 2>&1
	echo $? >"$dir/logs/$t.rc"
}

report() {
	t=$1
	log=$dir/logs/$t.log
	rc=$(cat "$dir/logs/$t.rc" 2>/dev/null || echo 1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
	corpus=$(find "$dir/corpus/$t" -type f | wc -l)
	if [ "$rc" -eq 0 ]; then
		echo "fuzz $t: ${runs:-?} executions in ${took:-$secs} s, no crash (corpus $corpus inputs)"
		passed=$((passed + 1))
	else
		echo "fuzz $t: FAILED (exit $rc) after ${runs:-?} executions; log $log"
		grep -E 'invariant broken|ERROR: |SUMMARY: |Test unit written to' "$log" | head -n 8
		failed=$((failed + 1))
	fi
}

# Two at a time: CI machines have two cores.
set -- $targets
while [ $# -gt 0 ]; do
	a=$1
	shift
	b=
	if [ $# -gt 0 ]; then
		b=$1
		shift
	fi
	start "$a" &
	[ -n "$b" ] && start "$b" &
	wait
	report "$a"
	[ -n "$b" ] && report "$b"
done

# }======

finish
