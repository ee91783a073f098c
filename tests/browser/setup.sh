#!/bin/sh
# What the browser test needs on a fresh Debian machine (.ci/run calls this): Debian's
# Chromium (no browser download), node and npm when missing, and playwright-core at the
# version package-lock.json pins, by `npm ci` into tests/browser/node_modules.  It never
# fails: whatever cannot be installed (no network, no registry), the browser test skips and
# says why.  Run as root or with sudo available.
set -u
cd "$(dirname "$0")" || exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
say() { echo "browser test setup: $*" >&2; }

need=""
[ -x /usr/bin/chromium ] || need="$need chromium fonts-dejavu-core"
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
	# shellcheck disable=SC2086 # package names are words
	if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
		--no-install-recommends $need; } >/dev/null 2>&1; then
		say "apt-get install$need failed; the browser test will skip"
	fi
fi
command -v npm >/dev/null 2>&1 || { say "no npm; the browser test will skip"; exit 0; }

# npm ci starts by deleting node_modules: leave a tree that already has the pinned version.
pinned=$(node -p 'require("./package-lock.json").packages["node_modules/playwright-core"].version' 2>/dev/null)
have=$(node -p 'require("./node_modules/playwright-core/package.json").version' 2>/dev/null)
if [ -n "$pinned" ] && [ "$pinned" = "$have" ]; then
	say "playwright-core $have already installed"
	exit 0
fi
if timeout 600 npm ci --no-audit --no-fund --fetch-retries=2 --fetch-timeout=60000 --fetch-retry-maxtimeout=20000 >npm-ci.log 2>&1; then
	say "playwright-core $pinned installed"
	rm -f npm-ci.log
else
	say "npm ci failed (is the npm registry reachable?); the browser test will skip. npm said:"
	tail -5 npm-ci.log >&2
	rm -rf node_modules npm-ci.log
fi
exit 0
