#!/bin/bash
# scripts/fault-table.sh [BUILD_DIR]: writes docs/faults.md's table from the rows the fault
# tests wrote in BUILD_DIR's last `make check` (tests/fault-lib.sh's fault_row), between the
# table's two marker comments; the text around them stays. Run after a full `make check` (a
# row of a test that did not run would be lost), then commit docs/faults.md.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/_build}
doc=$top/docs/faults.md
rows=$(cat "$build"/tests/faults/*.rows 2>/dev/null | awk '!seen[$0]++' | sort -t'|' -k2,2 -s)
[ -n "$rows" ] || { echo "fault-table: no rows under $build/tests/faults (run make check)" >&2; exit 1; }
begin='<!-- fault table: written by scripts/fault-table.sh from a test run -->'
end='<!-- end of fault table -->'
grep -Fqx "$begin" "$doc" && grep -Fqx "$end" "$doc" ||
	{ echo "fault-table: $doc lacks the marker comments" >&2; exit 1; }
tmp=$(mktemp "$doc.XXXXXX")
awk -v b="$begin" -v e="$end" -v rows="$rows" '
	$0 == b { print; print "| agent | fault | operation | code | reason (part) | Pacemaker then |";
		print "| --- | --- | --- | --- | --- | --- |"; print rows; skip = 1; next }
	$0 == e { skip = 0 }
	!skip { print }' "$doc" > "$tmp"
mv "$tmp" "$doc"
echo "fault-table: $(printf '%s\n' "$rows" | wc -l) rows written to docs/faults.md"
