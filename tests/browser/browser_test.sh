#!/bin/sh
# The browser test's launcher: skips (exit 77, the reason on stdout) when node 20+, Debian's
# Chromium or the npm packages (npm ci here; tests/browser/setup.sh does both) are missing,
# else runs browser_test.mjs.  Usage: browser_test.sh VERSUS SOURCE_ROOT [ARTIFACT_DIR]
set -u
here=$(cd "$(dirname "$0")" && pwd)
skip() { echo "1..0 # SKIP $*"; exit 77; }
command -v node >/dev/null 2>&1 || skip "node is not installed (apt-get install nodejs npm, or tests/browser/setup.sh)"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)
[ "${major:-0}" -ge 20 ] 2>/dev/null || skip "node ${major:-?} is too old: playwright-core 1.64 needs node 20"
chromium=${VERSUS_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || skip "$chromium is missing (apt-get install chromium, or tests/browser/setup.sh); no browser is downloaded"
[ -f "$here/node_modules/playwright-core/package.json" ] ||
	skip "playwright-core is not installed: run 'npm ci' in tests/browser (tests/browser/setup.sh); was the npm registry reachable?"
exec node "$here/browser_test.mjs" "$@"
