# tests/docs-block.sh: sourced (sh or bash) by the tests that run docs/' examples as written
# (tests/lib.sh and tests/cluster/lib.sh source it). One reader of the pages' fenced blocks, and
# a note of which block each test ran, which scripts/docs-coverage.sh compares with every sh
# block of docs/ after a whole `make check`.

# docs_block DOC HEADING [N]: the lines of the Nth fenced block (default the first) under the
# line HEADING of DOC (exactly, e.g. "### crmsh"; not beyond the next heading), continuation
# lines joined. Prints nothing when there is no such block: the caller fails on no commands.
docs_block() {
	awk -v h="$2" -v want="${3:-1}" '
		!inb && $0 == h { inh = 1; next }
		inh && !inb && /^#+ / { exit }
		inh && /^```/ {
			if (inb) { inb = 0; if (n == want) exit; next }
			inb = 1; n++; next
		}
		inh && inb && n == want { print }' "$1" |
		sed -e ':a' -e '/\\$/ { N; s/\\\n *//; ba' -e '}'
	docs_ran "$1" "$2" "${3:-1}"
}

# docs_ran DOC HEADING [N]: under make check (top_builddir set), notes in
# tests/docs-run/TEST.list that this test runs that block.
docs_ran() {
	[ -n "${top_builddir:-}" ] || return 0
	mkdir -p "$top_builddir/tests/docs-run" &&
		printf 'docs/%s|%s|%s\n' "${1##*/}" "$2" "${3:-1}" \
			>>"$top_builddir/tests/docs-run/$(basename "$0" .sh).list"
}

# A test's note starts empty each time it runs (sourced once per run, before any block is read).
if [ -n "${top_builddir:-}" ] && [ -z "${_docs_run_reset:-}" ]; then
	_docs_run_reset=1
	rm -f "$top_builddir/tests/docs-run/$(basename "$0" .sh).list"
fi
