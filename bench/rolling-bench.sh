#!/bin/bash
# bench/rolling-bench.sh: what a restart of every Kamailio costs the phones, siphactl's rolling
# restart against the stock `pcs resource restart kamailio-clone`, in one real cluster
# (namespaces, tests/cluster/lib.sh) with docs/kamailio.md's configuration and the same load.
#   rolling-bench.sh [--rounds N] [--nodes 2|3] [--rate R] [--min-healthy DUR]
# Load: tests/net/sip_load through the floating IP, R transactions per second (default 100):
# phones re-registering and OPTIONS, each retransmitted on UDP until 2 s. For each round and
# tool: failed transactions, the longest client-visible gap (between two answers) and the total
# duration of the restart. Target (issue 16): no failed transaction outside the single IP move,
# that move under 200 ms of lost requests. siphactl is measured when built
# ($top_builddir/tools/siphactl/siphactl), else only the stock restart. Not a test.
# BENCH_ROWS=FILE: rows for bench/run (bench/rows.sh), when both tools were measured.
set -u
export SCL_NAME=${SCL_NAME:-scl-rb}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/rows.sh"
top_builddir=${top_builddir:-$PWD/_build}
export top_builddir
. "$here/../tests/cluster/lib.sh"

rounds=1 nodes=2 minh=10s
while [ $# -gt 0 ]; do
	case $1 in
	--rounds) rounds=$2; shift 2 ;;
	--nodes) nodes=$2; shift 2 ;;
	--rate) RL_RATE=$2; shift 2 ;;
	--min-healthy) minh=$2; shift 2 ;;
	*) sed -n '2,12s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
case $rounds in [1-9]) ;; *) echo "rounds: 1..9" >&2; exit 2 ;; esac
case $nodes in 2 | 3) ;; *) echo "nodes: 2 or 3" >&2; exit 2 ;; esac
export SCL_VIP_AGENT=ocf:sipha:floatip SCL_KAM_AGENT=ocf:sipha:kamailio
. "$here/../tests/cluster/config.sh"
. "$here/../tests/cluster/scenarios.sh"
. "$here/../tests/cluster/rolling-lib.sh"
. "$here/rolling-common.sh"
scl_require
export SCL_EXEC_TIMEOUT=30
for f in "$top_builddir/agents/floatip" "$top_builddir/agents/kamailio" "$(rl_load_bin)" \
	"$(scl_sip_probe_bin)"; do
	[ -x "$f" ] || { echo "missing $f: build first (make all check TESTS=)" >&2; exit 2; }
done

trap 'rb_cleanup' EXIT
trap 'echo "interrupted" >&2; exit 1' INT TERM
t_start=$(scl_now_ms)
rb_cluster_up "$nodes" "$top_builddir/agents" || exit 1
results=$SCL_STATE/results.txt
: >"$results"
tools="pcs"
[ -x "$(rl_siphactl_bin)" ] && tools="siphactl pcs"
[ "$tools" = pcs ] && echo "note: $(rl_siphactl_bin) not built: measuring the stock restart only" >&2
for r in $(seq 1 "$rounds"); do
	for tool in $tools; do
		rb_round "$tool" "$results" --min-healthy "$minh" || { echo "round $r of $tool failed" >&2; exit 1; }
	done
done
echo
rb_table "$results" "$nodes"
if grep -q '^siphactl ' "$results" && grep -q '^pcs ' "$results"; then
	med() { rb_stats "$results" "$1" "$2" | cut -d/ -f2; }
	stock="pcs resource restart kamailio-clone"
	bench_row "rolling restart at $RL_RATE/s, failed transactions, median" count \
		"$(med siphactl 2)" "$(med pcs 2)" "$stock"
	bench_row "rolling restart, longest client gap, median" ms "$(med siphactl 3)" "$(med pcs 3)" "$stock"
	bench_row "rolling restart, duration, median" ms "$(med siphactl 4)" "$(med pcs 4)" "$stock"
fi
echo "bench took $((($(scl_now_ms) - t_start) / 1000)) s"
