#!/bin/sh
# Every test: the normal build (warnings are errors) and an ASan+UBSan build run all meson
# suites (unit, cli, golden, plugins, spec, fuzz replays); valgrind runs a comparison and a
# check; the libFuzzer harnesses run for a bounded time each (fuzz/run.sh).  The last line is
# "N passed, N failed", counting meson tests, the valgrind runs and the fuzz targets.
set -u
cd "$(dirname "$0")/.."
passed=0
failed=0

count() { # count BUILD_DIR: add the results of its last meson test run
	log=$1/meson-logs/testlog.json
	[ -f "$log" ] || { failed=$((failed + 1)); return; }
	p=$(python3 -c 'import json,sys; r=[json.loads(l)["result"] for l in open(sys.argv[1])]; print(sum(x in ("OK","EXPECTEDFAIL") for x in r), sum(x not in ("OK","SKIP","EXPECTEDFAIL") for x in r))' "$log")
	passed=$((passed + ${p% *}))
	failed=$((failed + ${p#* }))
}

build_and_test() { # build_and_test DIR [meson setup options] [-- meson test options]
	dir=$1
	shift
	setup=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do setup="$setup $1"; shift; done
	[ $# -gt 0 ] && shift
	if [ ! -d "$dir" ]; then
		# shellcheck disable=SC2086 # options are words
		meson setup "$dir" -Dwerror=true $setup >/dev/null || { echo "meson setup $dir failed"; failed=$((failed + 1)); return; }
	fi
	if ! ninja -C "$dir" >"$dir/ninja.log" 2>&1; then
		cat "$dir/ninja.log"
		echo "build $dir failed"
		failed=$((failed + 1))
		return
	fi
	rm -f "$dir/meson-logs/testlog.json"
	meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" || true
	count "$dir"
}

build_and_test build --buildtype=debugoptimized
build_and_test build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false
# The site's worker threads under ThreadSanitizer (a race makes the run exit non-zero).
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
build_and_test build-tsan --buildtype=debugoptimized \
	-Db_sanitize=thread -Db_lundef=false -- --suite site

# valgrind: a report (rules, plugins, the whole per-pair path) and a full check.
if command -v valgrind >/dev/null 2>&1 && [ -x build/core/versus ]; then
	for args in "compare gpt-4o claude-sonnet-4 -f json" "compare gpt-5.3-codex-spark qwen2-7b-instruct" "check"; do
		# shellcheck disable=SC2086
		if valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
			build/core/versus $args >/dev/null 2>build/valgrind.log; then
			echo "valgrind clean: versus $args"
			passed=$((passed + 1))
		else
			echo "valgrind found problems in: versus $args"
			cat build/valgrind.log
			failed=$((failed + 1))
		fi
	done
fi

# Fuzzers (fuzz/run.sh): each libFuzzer harness for VERSUS_FUZZ_SECONDS (45 by default, two at
# a time), built with clang into build-fuzz/; a target counts as one test.  VERSUS_FUZZ=0 skips.
if [ "${VERSUS_FUZZ:-1}" != 0 ]; then
	out=$(fuzz/run.sh 2>&1)
	printf '%s\n' "$out" | sed '$d'
	last=$(printf '%s\n' "$out" | tail -n 1)
	case $last in
	*" passed, "*" failed")
		f=${last#*, }
		passed=$((passed + ${last%% passed*}))
		failed=$((failed + ${f%% failed*}))
		;;
	*)
		echo "fuzz/run.sh did not finish: $last"
		failed=$((failed + 1))
		;;
	esac
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
