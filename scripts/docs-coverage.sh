#!/bin/bash
# What the docs show is what the tests run: every sh block of docs/*.md must have been run by a
# test of BUILD_DIR's whole `make check` (each test notes the blocks it read with
# tests/docs-block.sh's docs_block, in BUILD_DIR/tests/docs-run/). A block under a heading that
# names only one release (Debian 12 or 13) is due only on that release; the blocks below are
# not commands a test can run, each with the reason. Illustrations that are not commands are
# fenced as text, not sh.
#   scripts/docs-coverage.sh BUILD_DIR
# Prints each block with the test that ran it, and each block no test ran; exit 1 if any.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:?usage: scripts/docs-coverage.sh BUILD_DIR}
[ -d "$build/tests" ] || { echo "docs-coverage: $build has no tests/ (no make check ran there)"; exit 2; }

declare -A exempt=(
	["docs/benchmarks.md|# Benchmarks: one table|1"]="the benchmarks themselves (13 min, both cores): bench/run; CI runs its quick table (tests/bench/table.sh)"
)
release=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")

# every sh block: FILE|HEADING|N (N: the block's place under its heading, as docs_block counts)
blocks() {
	local f
	for f in "$top"/docs/*.md; do
		awk -v f="docs/${f##*/}" '
			!inb && /^#+ / { h = $0; n = 0; next }
			/^```/ {
				if (inb) { inb = 0; next }
				inb = 1; n++
				if ($0 ~ /^```sh[[:space:]]*$/) print f "|" h "|" n
			}' "$f"
	done
}

due=0 missing=0
while IFS= read -r b; do
	h=${b#*|}
	h=${h%|*}
	case $h in
	*"Debian 12"*"Debian 13"* | *"Debian 13"*"Debian 12"*) ;;
	*"Debian 12"*) [ "$release" = bookworm ] || continue ;;
	*"Debian 13"*) [ "$release" = trixie ] || continue ;;
	esac
	due=$((due + 1))
	# the tests whose note names the block
	by=$(grep -Flx -- "$b" "$build"/tests/docs-run/*.list 2>/dev/null |
		sed 's|.*/||; s|\.list$||' | tr '\n' ' ')
	if [ -n "${exempt[$b]:-}" ]; then
		echo "docs-coverage: not run: $b: ${exempt[$b]}"
	elif [ -n "$by" ]; then
		echo "docs-coverage: ran: $b (by ${by% })"
	else
		echo "docs-coverage: NO TEST RAN: $b"
		missing=$((missing + 1))
	fi
done < <(blocks)
echo "docs-coverage: $due sh blocks due on ${release:-this release}, $missing run by no test"
[ "$missing" = 0 ]
