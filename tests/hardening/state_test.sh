#!/bin/sh
# A plugin that changes process-wide state cannot change a report or where it goes (hardening
# issue item 5): the global locale switched to one with a decimal comma, chdir("/"), umask(0),
# in the plugin's init and in a statement.  Usage: state_test.sh VERSUS SOURCE_ROOT PLUGIN_DIR
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
PLUG=$3

# A locale with a decimal comma, made here (no locales package needed at run time if
# localedef works); without one, the locale half is skipped and said so.
HOSTILE_LOCALE=
mkdir -p "$TMP/locale"
if command -v localedef >/dev/null 2>&1 &&
	{ localedef -i de_DE -f UTF-8 "$TMP/locale/de_DE.UTF-8" >/dev/null 2>&1 || true; } &&
	[ -d "$TMP/locale/de_DE.UTF-8" ]; then
	export LOCPATH="$TMP/locale"
	HOSTILE_LOCALE=de_DE.UTF-8
fi
export HOSTILE_LOCALE

cp -r "$SRC/tests/fixtures/golden" "$TMP/data"
cd "$TMP" || exit 1
for fmt in md json; do
	"$VERSUS" --data data compare gpt-4o o3-mini --cached-share 0.25 -f $fmt >"want.$fmt" 2>/dev/null
	(umask 022 && "$VERSUS" --data data --plugins "$PLUG" compare gpt-4o o3-mini --cached-share 0.25 \
		-f $fmt -o "got.$fmt" 2>"err.$fmt")
	rc=$?
	[ $rc -eq 0 ] && [ -f "got.$fmt" ] && [ ! -e "/got.$fmt" ]
	check $? "$fmt: relative --data and -o still mean the working directory after the plugin's chdir(\"/\")"
	# The hostile plugin adds no item, so the report is the same bytes as without it.
	cmp -s "want.$fmt" "got.$fmt"
	check $? "$fmt: the report is byte-identical with the hostile plugin loaded${HOSTILE_LOCALE:+ (global locale $HOSTILE_LOCALE)}"
	[ "$(stat -c %a "got.$fmt")" = 644 ]
	check $? "$fmt: the new file has mode 0644 (umask 022 from the start), not 0666 after umask(0)"
done
[ -n "$HOSTILE_LOCALE" ] || echo "# skipped: no de_DE locale could be made, the locale half was not exercised"
"$VERSUS" --data data --plugins "$PLUG" check >"check.out" 2>&1
rc=$?
[ $rc -eq 0 ]
check $? "check with the hostile plugin: records still parse (exit 0)"
finish
