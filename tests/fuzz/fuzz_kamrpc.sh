#!/bin/sh
# A short, bounded libFuzzer run of the kamailio agent's parsers (built only with clang).
# FUZZ_KAMRPC_SECONDS (default 20) bounds it; the seeds are Kamailio 5.6.3's real replies.
F=${top_builddir:?}/tests/fuzz/fuzz_kamrpc
[ -x "$F" ] || { echo "SKIP: fuzz_kamrpc not built (configure with CC=clang)"; exit 77; }
corpus=$(mktemp -d /tmp/skam-fuzz-XXXXXX) || exit 1
trap 'rm -rf "$corpus"' EXIT INT TERM
cp "$top_srcdir"/tests/fuzz/kamrpc-seeds/* "$corpus"/
"$F" -max_total_time="${FUZZ_KAMRPC_SECONDS:-20}" -max_len=4096 -timeout=5 \
	-print_final_stats=1 "$corpus" > "$corpus.log" 2>&1
rc=$?
tail -15 "$corpus.log"
rm -f "$corpus.log"
exit $rc
