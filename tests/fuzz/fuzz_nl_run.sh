#!/bin/bash
# A short, bounded libFuzzer run of each floatip parser target (built when configured with a
# compiler that has -fsanitize=fuzzer, e.g. CC=clang). FUZZ_SECONDS per target (default 20).
. "$top_srcdir/tests/lib.sh"
secs=${FUZZ_SECONDS:-20}
[ -n "${SIPHA_QUICK:-}" ] && secs=5
work=$(mktemp -d /tmp/sfip-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
for t in fuzz_arp fuzz_nd fuzz_nl; do
	bin=$top_builddir/tests/fuzz/$t
	[ -x "$bin" ] || skip "$t not built (configure with CC=clang for libFuzzer)"
	mkdir -p "$work/$t"
	expect_rc 0 "$t: ${secs}s of libFuzzer without a finding" "$bin" -max_total_time="$secs" \
		-rss_limit_mb=1024 -artifact_prefix="$work/" "$work/$t"
	contains "Done" "$t: libFuzzer ran to its time limit"
done
finish
