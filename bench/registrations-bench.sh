#!/bin/bash
# bench/registrations-bench.sh: what a failover and restarts cost the registered phones, with
# examples/kamailio-ha.cfg (replicated location table, docs/kamailio.md's "Replication on"
# block) against Debian's default kamailio.cfg (the baseline: registrations in memory only),
# each in a fresh real cluster (namespaces, tests/cluster/lib.sh) with docs/kamailio.md's
# configuration. tests/cluster/registrations-lib.sh's run: N phones register through the
# floating IP (sipp), then (a) the IP holder crashes, (b) it returns, (c) siphactl
# rolling-restart; after (a) and (c) a MESSAGE to every phone through the IP counts the
# unreachable ones. Printed side by side: phones unreachable per event, the returning
# instance's time to hold N contacts, shared memory per contact (core.shmmem real_used before
# and after registering, on the node that took them).
#   registrations-bench.sh [--nodes 2|3] [--phones N] [--only example|debian]
# Root, sipp and kamcmd; the build's agents, siphactl and sip_probe. Not a test.
# BENCH_ROWS=FILE: rows for bench/run (bench/rows.sh), kamailio-ha.cfg as sipha's column.
set -u
export SCL_NAME=${SCL_NAME:-scl-regb}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/rows.sh"
top_builddir=${top_builddir:-$PWD/_build}
export top_builddir
. "$here/../tests/cluster/lib.sh"

nodes=2 modes="example debian"
while [ $# -gt 0 ]; do
	case $1 in
	--nodes) nodes=$2; shift 2 ;;
	--phones) REG_PHONES=$2; shift 2 ;;
	--only) modes=$2; shift 2 ;;
	*) sed -n '2,13s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
case $nodes in 2 | 3) ;; *) echo "nodes: 2 or 3" >&2; exit 2 ;; esac
case ${REG_PHONES:-1000} in [1-9] | [1-9][0-9] | [1-9][0-9][0-9] | [1-9][0-9][0-9][0-9]) ;;
*) echo "phones: 1..9999" >&2; exit 2 ;; esac
export SCL_VIP_AGENT=ocf:sipha:floatip SCL_KAM_AGENT=ocf:sipha:kamailio
. "$here/../tests/cluster/config.sh"
. "$here/../tests/cluster/scenarios.sh"
. "$here/../tests/cluster/rolling-lib.sh"
. "$here/rolling-common.sh"
. "$here/../tests/cluster/registrations-lib.sh"
scl_require
export SCL_EXEC_TIMEOUT=30
for f in "$top_builddir/agents/floatip" "$top_builddir/agents/kamailio" "$(rl_siphactl_bin)" \
	"$(scl_sip_probe_bin)"; do
	[ -x "$f" ] || { echo "missing $f: build first (make all check TESTS=)" >&2; exit 2; }
done
for t in sipp kamcmd; do command -v "$t" >/dev/null || { echo "$t missing" >&2; exit 2; }; done

trap 'rb_cleanup' EXIT
trap 'echo "interrupted" >&2; exit 1' INT TERM
t_start=$(scl_now_ms)
results=/tmp/$SCL_NAME-results.txt
: >"$results"
# One line per configuration: MODE REG_OTHER FAILOVER RETURN_TABLE SYNC_MS ROLL SHM_PER
for mode in $modes; do
	echo "== $mode: $nodes nodes, $RG_PHONES phones"
	RG_FAILOVER_UNREACH=- RG_ROLL_UNREACH=- RG_SYNC_MS=- RG_SHM_PER=- RG_REG_TABLES= RG_RETURN_TABLE=
	if rb_cluster_up "$nodes" "$top_builddir/agents"; then
		rg_flow "$mode" crmsh || echo "$mode: the run stopped early: ${SCL_LAST_ERR:-}" >&2
	else
		echo "$mode: cluster not up: ${SCL_LAST_ERR:-}" >&2
	fi
	[ "$mode" = example ] || RG_SYNC_MS=-
	# the fewest contacts any node held right after registering
	low=$(tr ' ' '\n' <<<"$RG_REG_TABLES" | sed -n 's/.*=//p' | sort -n | head -1)
	echo "$mode ${low:--} $RG_FAILOVER_UNREACH ${RG_RETURN_TABLE:--} $RG_SYNC_MS $RG_ROLL_UNREACH $RG_SHM_PER" >>"$results"
	scl_down quiet
done
echo
echo "phones that stay reachable: $nodes nodes, $RG_PHONES phones registered through $SCL_VIP"
printf '%-34s %12s %15s\n' "" "kamailio-ha" "Debian default"
row() {
	printf '%-34s %12s %15s\n' "$1" \
		"$(awk -v c="$2" '$1 == "example" { print $c }' "$results")" \
		"$(awk -v c="$2" '$1 == "debian" { print $c }' "$results")"
}
row "fewest contacts on a node" 2
row "unreachable after failover" 3
row "returning node's contacts" 4
row "its sync from start (ms)" 5
row "unreachable after rolling restart" 6
row "shm per contact (bytes)" 7
col() { awk -v m="$1" -v c="$2" '$1 == m { print $c }' "$results"; }
deb="Debian's default kamailio.cfg"
bench_row "phones unreachable after failover, of $RG_PHONES" count "$(col example 3)" "$(col debian 3)" "$deb"
bench_row "phones unreachable after rolling restart, of $RG_PHONES" count "$(col example 6)" \
	"$(col debian 6)" "$deb"
bench_row "returning node's contacts, of $RG_PHONES" count "$(col example 4)" "$(col debian 4)" "$deb"
echo "bench took $((($(scl_now_ms) - t_start) / 1000)) s"
