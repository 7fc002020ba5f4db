# bench/rows.sh: machine-readable result rows, sourced by every bench. When BENCH_ROWS names a
# file, bench_row appends one line to it:
#   row<TAB>FIGURE<TAB>UNIT<TAB>SIPHA<TAB>STOCK<TAB>STOCK TOOL
# bench/run collects these lines from every bench into one table. Without BENCH_ROWS it does
# nothing: what a bench prints is unchanged either way.

# bench_row FIGURE UNIT SIPHA STOCK STOCK_TOOL: a value that was not measured is "-"; a tab or
# newline inside a field would break the line, so they become spaces.
bench_row() {
	[ -n "${BENCH_ROWS:-}" ] || return 0
	[ $# = 5 ] || { echo "bench_row: 5 fields expected, got $#" >&2; return 1; }
	local f out=row
	for f in "$@"; do
		f=${f//$'\t'/ }
		f=${f//$'\n'/ }
		out+=$'\t'${f:--}
	done
	printf '%s\n' "$out" >>"$BENCH_ROWS"
}
