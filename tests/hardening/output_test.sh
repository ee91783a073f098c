#!/bin/sh
# Output files and standard streams never destroy or corrupt anything (hardening issue items
# 1, 2, 3 and 9; issue 16 items 10 and 15; cli.md "Output files").  Usage: output_test.sh VERSUS SOURCE_ROOT SLOW_FSYNC_SO
# TAP lines (tests/lib.sh); the exit status is 1 when any check failed.
. "$(dirname "$0")/../lib.sh"
VERSUS=$1
SRC=$2
SLOW=$3
V="$VERSUS --data $SRC/tests/fixtures/golden"
PAIR="compare gpt-4o o3-mini"

# Files in DIR whose names start with .NAME.tmp (what a writer leaves when interrupted).
temps() { find "$1" -maxdepth 1 -name ".*.tmp.*" | wc -l; }

$V $PAIR >"$TMP/want.md" 2>/dev/null
check $? "the reference report renders"

# ---- what -o does with each kind of target ---------------------------------------------
cd "$TMP" || exit 1
$V $PAIR -o - >"$TMP/dash.out" 2>/dev/null
rc=$?
[ $rc -eq 0 ] && [ ! -e "$TMP/-" ] && cmp -s "$TMP/dash.out" "$TMP/want.md"
check $? "-o - writes to standard output and creates no file named '-'"

if [ -c /dev/null ]; then
	$V $PAIR -o /dev/null 2>/dev/null
	rc=$?
	[ $rc -eq 0 ] && [ -c /dev/null ]
	check $? "-o /dev/null writes into the device and leaves it a device (case: output to a device)"
fi

ln -s /dev/stdout "$TMP/stdout-link"
$V $PAIR -o "$TMP/stdout-link" >"$TMP/via-link.out" 2>/dev/null
rc=$?
[ $rc -eq 0 ] && [ -L "$TMP/stdout-link" ] && cmp -s "$TMP/via-link.out" "$TMP/want.md"
check $? "-o a symlink to /dev/stdout writes through it; the link is not replaced"

mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/fifo.out" &
reader=$!
$V $PAIR -o "$TMP/fifo" 2>/dev/null
rc=$?
wait $reader
[ $rc -eq 0 ] && [ -p "$TMP/fifo" ] && cmp -s "$TMP/fifo.out" "$TMP/want.md"
check $? "-o a FIFO writes into it and leaves it a FIFO"

echo old >"$TMP/target.md"
ln -s target.md "$TMP/link.md"
$V $PAIR -o "$TMP/link.md" 2>/dev/null
[ -L "$TMP/link.md" ] && cmp -s "$TMP/target.md" "$TMP/want.md"
check $? "-o a symlink to a file replaces the file it names, the link stays"

echo old >"$TMP/ro.md"
chmod 0444 "$TMP/ro.md"
$V $PAIR -o "$TMP/ro.md" 2>"$TMP/ro.err"
rc=$?
if [ "$(id -u)" -ne 0 ]; then
	[ $rc -eq 4 ] && [ "$(cat "$TMP/ro.md")" = old ] && grep -q "ro.md" "$TMP/ro.err"
	check $? "a 0444 file is refused (exit 4, named) and left as it was"
else
	# root can write anything: the file is replaced, and keeps its mode.
	[ $rc -eq 0 ] && [ "$(stat -c %a "$TMP/ro.md")" = 444 ] && cmp -s "$TMP/ro.md" "$TMP/want.md"
	check $? "as root a 0444 file is replaced and keeps mode 0444"
fi

echo old >"$TMP/mode.md"
chmod 0640 "$TMP/mode.md"
$V $PAIR -o "$TMP/mode.md" 2>/dev/null
[ "$(stat -c %a "$TMP/mode.md")" = 640 ]
check $? "a replaced file keeps its mode (0640)"

(umask 027 && $V $PAIR -o "$TMP/new.md" 2>/dev/null)
[ "$(stat -c %a "$TMP/new.md")" = 640 ]
check $? "a new file gets 0666 & ~umask (umask 027: 0640)"

mkdir "$TMP/adir"
$V $PAIR -o "$TMP/adir" 2>"$TMP/dir.err"
rc=$?
[ $rc -eq 4 ] && [ -d "$TMP/adir" ] && grep -q "directory" "$TMP/dir.err"
check $? "-o a directory: exit 4, says so, the directory stays"

[ "$(temps "$TMP")" -eq 0 ]
check $? "no temporary file is left after any of the above"

# ---- the temporary file: an unpredictable name, beside the target ------------------------
# hardening.md case 139: names a careless writer would open with O_TRUNC, planted as symlinks
# to a canary file; none is followed.
echo canary >"$TMP/canary"
for planted in plant.md.tmp .plant.md.tmp .plant.md.tmp.XXXXXX plant.md~; do
	ln -s canary "$TMP/$planted"
done
$V $PAIR -o "$TMP/plant.md" 2>/dev/null
rc=$?
[ $rc -eq 0 ] && [ "$(cat "$TMP/canary")" = canary ] && cmp -s "$TMP/plant.md" "$TMP/want.md"
check $? "case 139: symlinks planted at predictable temporary names are not followed"
rm -f "$TMP/plant.md" "$TMP/plant.md.tmp" "$TMP/.plant.md.tmp" "$TMP/.plant.md.tmp.XXXXXX" "$TMP/plant.md~"

# hardening.md case 141: a target on another file system than the working directory and
# $TMPDIR; the temporary file is made beside the target, so rename never crosses devices.
if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$TMP")" ]; then
	shm=$(mktemp -d /dev/shm/versus-test.XXXXXX)
	$V $PAIR -o "$shm/x.md" 2>/dev/null
	rc=$?
	[ $rc -eq 0 ] && cmp -s "$shm/x.md" "$TMP/want.md" && [ "$(temps "$shm")" -eq 0 ]
	check $? "case 141: -o on another file system (/dev/shm) is written whole, no temporary file left"
	rm -rf "$shm"
fi

# ---- interrupted while syncing: no temporary file survives (SIGINT, SIGTERM, SIGHUP) ------
for sig in INT TERM HUP; do
	rm -f "$TMP/mark"
	echo old >"$TMP/int.md"
	# A background job of a non-interactive shell starts with SIGINT ignored (and versus keeps
	# an ignored signal ignored, as nohup expects): give it the default disposition.
	ASAN_OPTIONS=verify_asan_link_order=0 LD_PRELOAD=$SLOW VERSUS_TEST_FSYNC_MARK="$TMP/mark" \
		VERSUS_TEST_FSYNC_SLEEP=10 env --default-signal=INT,TERM,HUP $V $PAIR -o "$TMP/int.md" 2>/dev/null &
	pid=$!
	i=0
	while [ ! -e "$TMP/mark" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i + 1)); done
	kill -"$sig" $pid 2>/dev/null
	wait $pid
	rc=$?
	[ -e "$TMP/mark" ] && [ $rc -gt 128 ] && [ "$(temps "$TMP")" -eq 0 ] &&
		[ "$(cat "$TMP/int.md")" = old ]
	check $? "SIG$sig while the report is synced: killed by the signal, no temporary file left, the old file intact"
done

# ---- standard streams ------------------------------------------------------------------
# A catalog with an invalid record, so compare warns on stderr.
mkdir -p "$TMP/warn/models"
cp "$SRC/tests/fixtures/golden/models/gpt-4o.json" "$SRC/tests/fixtures/golden/models/o3-mini.json" \
	"$TMP/warn/models/"
echo '{"id": "broken"' >"$TMP/warn/models/broken.json"
"$VERSUS" --data "$TMP/warn" $PAIR -f json >"$TMP/closed.json" 2>&-
rc=$?
[ $rc -eq 0 ] && "$PY" -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/closed.json"
check $? "with stderr closed (2>&-), warnings do not land in the JSON on stdout"

"$VERSUS" --data "$TMP/warn" $PAIR -o "$TMP/closed2.md" 2>&-
rc=$?
[ $rc -eq 0 ] && ! grep -q "invalid record" "$TMP/closed2.md"
check $? "with stderr closed, warnings do not land in the -o file"

if [ -w /dev/full ]; then
	"$VERSUS" --help >/dev/full 2>/dev/null
	rc=$?
	[ $rc -eq 4 ]
	check $? "--help >/dev/full exits 4, not 0"
	$V $PAIR >/dev/full 2>/dev/null
	rc=$?
	[ $rc -eq 4 ]
	check $? "a report to /dev/full exits 4"
fi

# issue 16, item 10: a closed stdout took the report and exit 0 (fd 1 was reopened on
# /dev/null for writing); a report that reaches no one is exit 4.
$V $PAIR >&- 2>"$TMP/closed-out.err"
rc=$?
[ $rc -eq 4 ] && grep -q "standard output" "$TMP/closed-out.err"
check $? "item 10: a report to a closed stdout (>&-) exits 4 and says so (exit $rc)"
$V $PAIR -o - >&- 2>/dev/null
rc=$?
[ $rc -eq 4 ]
check $? "item 10: -o - to a closed stdout exits 4 (exit $rc)"

# issue 16, item 15: a write past the file-size limit raises SIGXFSZ, which kills the process
# unless handled; the temporary file is removed first.  (sh's ulimit -f counts 512-byte
# blocks; one is far less than a report.)
mkdir -p "$TMP/xfsz"
echo old >"$TMP/xfsz/out.html"
sh -c 'ulimit -f 1 && exec env --default-signal=XFSZ "$@"' sh $V $PAIR -f html \
	-o "$TMP/xfsz/out.html" 2>/dev/null
rc=$?
[ $rc -ne 0 ] && [ "$(temps "$TMP/xfsz")" -eq 0 ] && [ "$(cat "$TMP/xfsz/out.html")" = old ]
check $? "item 15: SIGXFSZ (ulimit -f) leaves no temporary file and the old file intact (exit $rc)"

# ---- the catalog directory ----------------------------------------------------------------
cp "$SRC/tests/fixtures/golden/models/gpt-5.json" "$TMP/warn/models/.hidden.json"
"$VERSUS" --data "$TMP/warn" check >/dev/null 2>"$TMP/hidden.err"
grep -q "hidden file '.hidden.json'" "$TMP/hidden.err"
check $? "a hidden .x.json in models/ is named, not skipped without a word"

esc=$(printf 'evil\033[31m')
echo '{"id": 1}' >"$TMP/warn/models/$esc.json"
"$VERSUS" --data "$TMP/warn" check >/dev/null 2>"$TMP/esc.err"
! grep -q "$(printf '\033')" "$TMP/esc.err" && grep -qF 'evil\x1b[31m' "$TMP/esc.err"
check $? "an escape sequence in a file name is shown as \\x1b, never sent raw"

finish
