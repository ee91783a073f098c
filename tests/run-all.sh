#!/bin/sh
# Every test: the normal build (warnings are errors) and an ASan+UBSan build run all meson
# suites (unit, cli, golden, plugins, spec, fuzz replays); valgrind runs a comparison and a
# check; the libFuzzer harnesses run for a bounded time each (fuzz/run.sh).  The last line is
# "N passed, N failed, N skipped", counting meson tests, the valgrind runs and the fuzz
# targets; skipped counts meson tests that skipped (exit 77), checks skipped inside a test
# ("ok N # SKIP", tests/lib.sh), and the valgrind runs or the fuzz part when they could not
# run or were turned off.  Each skip gets a line saying which and why.
#
# VERSUS_MUST_RUN=FILE (.ci/run sets .ci/must-run): each test named there must run, every
# check of it, in the normal and the ASan build; one that skipped, skipped a check or is not
# defined is one more failure.
set -u
cd "$(dirname "$0")/.." || exit 1
passed=0
failed=0
skipped=0

count() { # count BUILD_DIR [MUST_RUN_FILE]: add the results of its last meson test run
	log=$1/meson-logs/testlog.json
	[ -f "$log" ] || { echo "no test log in $1"; failed=$((failed + 1)); return; }
	out=$(python3 tests/testlog.py "$@") || { echo "tests/testlog.py $1 failed"; failed=$((failed + 1)); return; }
	printf '%s\n' "$out" | sed '$d'
	# shellcheck disable=SC2046 # three numbers
	set -- $(printf '%s\n' "$out" | tail -n 1)
	passed=$((passed + $1))
	failed=$((failed + $2))
	skipped=$((skipped + $3))
}

build_and_test() { # build_and_test DIR [meson setup options] [-- meson test options]
	dir=$1
	shift
	must=${VERSUS_MUST_RUN:-}
	setup=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do setup="$setup $1"; shift; done
	# meson test options pick some suites (the TSan build): no must-run list there.
	if [ $# -gt 0 ]; then shift; must=""; fi
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
	count "$dir" ${must:+"$must"}
}

build_and_test build --buildtype=debugoptimized
build_and_test build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false
# The site's worker threads under ThreadSanitizer (a race makes the run exit non-zero).
export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
build_and_test build-tsan --buildtype=debugoptimized \
	-Db_sanitize=thread -Db_lundef=false -- --suite site

# valgrind: a report (rules, plugins, the whole per-pair path) and a full check.
if ! command -v valgrind >/dev/null 2>&1 || [ ! -x build/core/versus ]; then
	echo "skipped: the 3 valgrind runs (valgrind is not installed, or build/core/versus was not built)"
	skipped=$((skipped + 3))
else
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
else
	echo "skipped: the libFuzzer harnesses (VERSUS_FUZZ=0)"
	skipped=$((skipped + 1))
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
