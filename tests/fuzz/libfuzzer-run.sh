#!/bin/sh
# tests/fuzz/libfuzzer-run.sh TARGET CORPUS DICT MAX_LEN: a bounded libFuzzer run of
# tests/fuzz/TARGET over the seed corpus tests/fuzz/corpus/CORPUS (never written to: new inputs
# go to a temporary directory) with the dictionary tests/fuzz/DICT, inputs up to MAX_LEN bytes.
# Bounds: FUZZ_TIME seconds (default 20, 5 with SIPHA_QUICK set) and FUZZ_RUNS executions
# (default 5000000). A finding is printed (od -c) and fails the run.
# Skips (77) when the fuzzer was not built (configure with CC=clang).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$(pwd)}"
[ $# -eq 4 ] || { echo "usage: $0 TARGET CORPUS DICT MAX_LEN" >&2; exit 2; }
fuzzer=$top_builddir/tests/fuzz/$1
[ -x "$fuzzer" ] || { echo "SKIP: $fuzzer not built (needs CC=clang)"; exit 77; }

time=${FUZZ_TIME:-20}
[ -n "${SIPHA_QUICK:-}" ] && [ -z "${FUZZ_TIME:-}" ] && time=5
work=$(mktemp -d "/tmp/s$1.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
"$fuzzer" -max_total_time="$time" -runs="${FUZZ_RUNS:-5000000}" \
	-timeout=5 -rss_limit_mb=1024 -max_len="$4" -print_final_stats=1 \
	-artifact_prefix="$work/" -dict="$top_srcdir/tests/fuzz/$3" \
	"$work" "$top_srcdir/tests/fuzz/corpus/$2"
rc=$?
if [ $rc -ne 0 ]; then
	for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
		[ -e "$f" ] || continue
		echo "reproducer $f:"
		od -c "$f" | head -40
	done
fi
exit $rc
