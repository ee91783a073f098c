#!/bin/sh
# The contract (docs/spec/) and the dated snapshots (data/snapshots/) are the project's own
# copies, kept in step: each file matches the checksum its SHA256SUMS records (a change is a
# deliberate commit that updates it), each file of the folder is recorded, report.md is the
# revision docs/spec/README.md names, the key sections are where readers look for them, and
# no file of the checkout points at a folder outside the clone.
# Usage: contract_test.sh SOURCE_ROOT
. "$(dirname "$0")/../lib.sh"
SRC=$1
check_note() { note "$TMP/log" "" 8; }

for dir in docs/spec data/snapshots; do
	(cd "$SRC/$dir" && sha256sum -c --strict SHA256SUMS) >"$TMP/log" 2>&1
	check $? "$dir: every file matches SHA256SUMS"
	for f in "$SRC/$dir"/*; do
		name=$(basename "$f")
		case $name in README.md | SHA256SUMS) continue ;; esac
		grep -q "  $name\$" "$SRC/$dir/SHA256SUMS"
		check $? "$dir/$name is recorded in SHA256SUMS"
		grep -qF "\`$name\`" "$SRC/$dir/README.md"
		check $? "$dir/README.md says what $name is"
	done
done

for f in data.md report.md reference-page.txt engine.md cli.md hardening.md; do
	[ -s "$SRC/docs/spec/$f" ]
	check $? "docs/spec/$f is in the checkout"
done
grep -q '^\*\*Revision 3 (2026-12-07)\.\*\*' "$SRC/docs/spec/report.md" &&
	grep -q '| `report.md` | .* | 3 (2026-12-07) |' "$SRC/docs/spec/README.md"
check $? "report.md is revision 3, as docs/spec/README.md says"
has_heading() { # has_heading FILE HEADING
	grep -qxF -- "$2" "$SRC/docs/spec/$1"
	check $? "docs/spec/$1 has '$2'"
}
has_heading report.md '## Sections, in order (section `id` → heading of the reference page)'
has_heading cli.md '## Commands'
has_heading cli.md '## Exit status'
has_heading data.md '## The two models of the reference page'

# cli.md's rows for import and diff name each of their options (the words completion offers
# for them: completion/versus.bash is generated from the CLI's option tables), a short form
# standing for its long one; the global options and diff's traffic and price options, which
# the row gives as "the traffic and price options of `compare`", aside.
for cmd in import diff; do
	row=$(grep "^| \`$cmd " "$SRC/docs/spec/cli.md")
	words=$(sed -n "s/^[[:space:]]*$cmd) _versus_words \"\(.*\)\" ;;\$/\1/p" \
		"$SRC/completion/versus.bash")
	missing=
	for opt in $words; do
		case $opt in
		--data | --rules | --plugins | --help | --version) continue ;;
		--requests | --input-tokens | --output-tokens | --cached-share | --batch | --provider | --cheapest)
			continue ;;
		--output) short=-o ;; --format) short=-f ;; --quiet) short=-q ;; *) short= ;;
		esac
		printf '%s\n' "$row" | grep -qF -e "\`$opt" -e "\`${short:-$opt}" ||
			missing="$missing $opt"
	done
	echo "row: ${row:-none}; options: ${words:-none}" >"$TMP/log"
	[ -n "$row" ] && [ -n "$words" ] && [ -z "$missing" ]
	check $? "docs/spec/cli.md's $cmd row names its options${missing:+ (not:$missing)}"
done

# Nothing a reader or a test follows leads out of the clone (the shared folder beside the
# first checkouts): no "../shared", no shared/spec, shared/data, shared/notes, shared/tools.
outside='\.\./shared|(^|[^/a-z])shared/(spec|data|notes|tools)'
(cd "$SRC" && grep -rnE --exclude-dir=.git --exclude-dir='build*' --exclude-dir=node_modules \
	--exclude=contract_test.sh -e "$outside" . ) >"$TMP/log" 2>&1
[ $? -eq 1 ]
check $? "no file of the checkout names a folder outside the clone"
finish
