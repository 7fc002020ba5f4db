#!/bin/bash
# scripts/fault-table.sh [BUILD_DIR]: writes docs/faults.md's two tables from the rows the tests
# wrote in BUILD_DIR's last `make check` (tests/fault-lib.sh: fault_row's *.rows, badinput.sh's
# *.inputs), each between its two marker comments; the text around them stays. Run after a
# full `make check` (a row of a test that did not run would be lost), then commit the file.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/_build}
doc=$top/docs/faults.md

# table KIND NAME HEADER: the rows of KIND between NAME's markers, under HEADER
table() {
	local kind=$1 begin="<!-- $2: written by scripts/fault-table.sh from a test run -->"
	local end="<!-- end of $2 -->" rows cols tmp
	rows=$(cat "$build"/tests/faults/*."$kind" 2>/dev/null | awk '!seen[$0]++' | sort -t'|' -k2,2 -s)
	[ -n "$rows" ] || { echo "fault-table: no *.$kind rows under $build/tests/faults (run make check)" >&2; return 1; }
	grep -Fqx "$begin" "$doc" && grep -Fqx "$end" "$doc" ||
		{ echo "fault-table: $doc lacks the markers of the $2" >&2; return 1; }
	cols=$(printf '%s\n' "$3" | awk -F'|' '{ s = "|"; for (i = 2; i < NF; i++) s = s " --- |"; print s }')
	tmp=$(mktemp "$doc.XXXXXX")
	ROWS=$rows HEADER="$3"$'\n'"$cols" awk -v b="$begin" -v e="$end" '
		$0 == b { print; print ENVIRON["HEADER"]; print ENVIRON["ROWS"]; skip = 1; next }
		$0 == e { skip = 0 }
		!skip { print }' "$doc" > "$tmp"
	mv "$tmp" "$doc"
	echo "fault-table: $(printf '%s\n' "$rows" | wc -l) rows in the $2"
}
table rows "fault table" "| agent | fault | operation | code | reason (part) | Pacemaker then |"
table inputs "bad-input table" "| agent | parameter | value | code by bad value |"
