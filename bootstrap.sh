#!/bin/sh
# One command on a fresh Debian machine: install what versus needs, build it, and run a real
# comparison on the shipped data.  Run as root or with sudo available.
set -eu
cd "$(dirname "$0")"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
if [ -z "${VERSUS_SKIP_APT:-}" ]; then
	$SUDO apt-get update -qq
	# build: meson, ninja, a C compiler, pkg-config, Lua 5.4 and jansson headers.
	# tests: python3 (spec check, schema agreement), python3-jsonschema, valgrind,
	# bsdutils/util-linux for `script` (TTY colour tests), lua5.4 (the helper libraries' examples), cmark-gfm (Markdown read back by a GFM parser), locales (a de_DE locale for the process-state test), parallel (the site's shards),
	# bash-completion, zsh and fish (each completion script driven in its shell), man-db (the man page renders without warnings),
	# chromium, chromium-driver, python3-selenium and fonts-dejavu-core (the browser test: the site in Debian's Chromium, no download).
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
		meson ninja-build gcc libc6-dev pkg-config liblua5.4-dev libjansson-dev \
		python3 python3-jsonschema valgrind bsdutils lua5.4 cmark-gfm locales parallel \
		bash-completion zsh fish man-db \
		chromium chromium-driver python3-selenium fonts-dejavu-core >/dev/null
fi
[ -d build ] || meson setup build --buildtype=debugoptimized -Dwerror=true >/dev/null
ninja -C build >/dev/null
echo "built build/core/versus; the reference comparison follows" >&2
build/core/versus compare gpt-5.3-codex-spark qwen2-7b-instruct
