#!/bin/sh
# tests/fuzz/run-cron.sh: a bounded libFuzzer run of tests/fuzz/fuzz_cron over the seed corpus
# tests/fuzz/corpus/cron (never written to: new inputs go to a temporary directory).
# Bounds: CRON_FUZZ_TIME seconds (default 20, 5 with SIPHA_QUICK set) and CRON_FUZZ_RUNS
# executions (default 5000000).
# Skips (77) when the fuzzer was not built (configure with CC=clang).
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$(pwd)}"
fuzzer=$top_builddir/tests/fuzz/fuzz_cron
[ -x "$fuzzer" ] || { echo "SKIP: $fuzzer not built (needs CC=clang)"; exit 77; }

time=${CRON_FUZZ_TIME:-20}
[ -n "${SIPHA_QUICK:-}" ] && [ -z "${CRON_FUZZ_TIME:-}" ] && time=5
work=$(mktemp -d /tmp/scron-fuzz.XXXXXX) || exit 1
trap 'rm -rf "$work"' EXIT
"$fuzzer" -max_total_time="$time" -runs="${CRON_FUZZ_RUNS:-5000000}" \
	-timeout=5 -rss_limit_mb=1024 -max_len=1100 -print_final_stats=1 \
	-artifact_prefix="$work/" -dict="$top_srcdir/tests/fuzz/cron.dict" \
	"$work" "$top_srcdir/tests/fuzz/corpus/cron"
rc=$?
if [ $rc -ne 0 ]; then
	for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
		[ -e "$f" ] || continue
		echo "reproducer $f:"
		od -c "$f" | head -40
	done
fi
exit $rc
