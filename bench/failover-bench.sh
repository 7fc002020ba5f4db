#!/bin/bash
# bench/failover-bench.sh: client-visible outage of the floating IP, IPaddr2 against floatip,
# in one real two-node cluster (namespaces, tests/cluster/lib.sh), same Corosync token.
#   failover-bench.sh [--rounds N] [--agents-dir DIR] [--token MS] [--agents "A B"]
#                     [--floatip "NAME=VALUE ..."]  (extra floatip parameters, e.g. probe_count=0)
# For each agent and round: a resource move (crm_resource --move) and a node crash (veth
# unplugged, then kill -9 of every process of the node). The client pings the floating IP every
# 5 ms; outage = longest silence between two answers. The agent's own share = from the
# executor starting the agent's start (node log, ms) to the client's first answer; the agent's
# start time is the executor's start-to-result time. ocf:sipha:floatip is measured when
# DIR/floatip exists (default DIR: $top_builddir/agents or ./_build/agents).
# BENCH_ROWS=FILE: rows for bench/run (bench/rows.sh), when both agents were measured.
set -u
export SCL_NAME=${SCL_NAME:-scl-b}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/rows.sh"
. "$here/../tests/cluster/lib.sh"

rounds=3
agents_dir=${top_builddir:-$PWD/_build}/agents
agents=
floatip_opts=
while [ $# -gt 0 ]; do
	case $1 in
	--rounds) rounds=$2; shift 2 ;;
	--agents-dir) agents_dir=$2; shift 2 ;;
	--token) SCL_TOKEN=$2; shift 2 ;;
	--agents) agents=$2; shift 2 ;;
	--floatip) floatip_opts=$2; shift 2 ;;
	*) sed -n '2,13s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
case $rounds in [1-9] | [1-9][0-9]) ;; *) echo "rounds: 1..99" >&2; exit 2 ;; esac
scl_require
export SCL_EXEC_TIMEOUT=20

if [ -z "$agents" ]; then
	agents=ocf:heartbeat:IPaddr2
	if [ -x "$agents_dir/floatip" ]; then
		agents="$agents ocf:sipha:floatip"
	else
		echo "note: no floatip in $agents_dir: measuring IPaddr2 only" >&2
	fi
fi
[ -d "$agents_dir" ] || agents_dir=

cleanup() {
	trap - EXIT INT TERM
	scl_probe_stop b 2>/dev/null
	scl_down
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 1' INT TERM

results=$(mktemp)
trap 'cleanup; rm -f "$results"' EXIT

# record AGENT EVENT OUTAGE_MS START_TO_ANSWER_MS AGENT_START_MS
record() { echo "$*" >>"$results"; }

# measure AGENT RSC EVENT FROM TO: after the event was triggered, wait for the move and the
# client's answer, then record the figures.
finish() {
	local agent=$1 rsc=$2 ev=$3 from=$4 to=$5 t0=$6 gap first called done_
	scl_wait 30 "$rsc to leave node$from" scl_rsc_moved "$to" "$rsc" "$from" || return 1
	scl_wait 10 "client answer" scl_vip_answers || return 1
	sleep 0.2
	scl_probe_stop b
	read -r gap first < <(scl_probe_gap b "$t0")
	called=$(scl_start_called_ms "$to" "$rsc" "$t0")
	done_=$(scl_start_done_ms "$to" "$rsc" "$t0")
	if [ "$gap" -lt 0 ] || [ -z "$called" ] || [ -z "$done_" ]; then
		scl_log "$ev: incomplete figures (gap $gap, start $called..$done_)"
		return 1
	fi
	record "$agent" "$ev" "$gap" $((t0 + first - called)) $((done_ - called))
	scl_log "$agent $ev node$from->node$to: outage $gap ms; start call -> answer" \
		"$((t0 + first - called)) ms; agent start $((done_ - called)) ms"
}

move_round() {
	local agent=$1 rsc=$2 from to t0 out
	from=$(scl_rsc_node 1 "$rsc")
	to=$((3 - from))
	scl_probe_start b 40 0.005
	sleep 0.5
	t0=$(scl_now_ms)
	out=$(scl_exec "$to" crm_resource --move --resource "$rsc" --node "node$to" 2>&1) ||
		{ scl_log "move of $rsc from node$from to node$to refused: $out"; return 1; }
	finish "$agent" "$rsc" move "$from" "$to" "$t0" || return 1
	scl_exec "$to" crm_resource --clear --resource "$rsc" >/dev/null 2>&1
}

crash_round() {
	local agent=$1 rsc=$2 from to
	from=$(scl_rsc_node 1 "$rsc")
	to=$((3 - from))
	scl_probe_start b 40 0.005
	sleep 0.5
	scl_crash "$from"
	finish "$agent" "$rsc" crash "$from" "$to" "$SCL_CRASH_MS" || return 1
	scl_restart_node "$from" && scl_wait_ready 60
}

t_start=$(scl_now_ms)
scl_up 2 "$agents_dir" || exit 1
scl_wait_ready 60 || exit 1
# Stickiness: a restarted node must not pull the IP back (that would be an extra move).
scl_exec 1 crm_attribute --type rsc_defaults --name resource-stickiness --update 100 >/dev/null

for agent in $agents; do
	rsc=vip-${agent##*:}
	extra=
	[ "$agent" = ocf:sipha:floatip ] && extra=$floatip_opts
	# shellcheck disable=SC2086 # NAME=VALUE words
	scl_exec 1 pcs resource create "$rsc" "$agent" ip="$SCL_VIP" cidr_netmask=24 nic=eth0 $extra \
		op monitor interval=2s >/dev/null || { echo "cannot create $agent" >&2; exit 1; }
	scl_wait 20 "$rsc started" scl_rsc_node 1 "$rsc" || exit 1
	for r in $(seq 1 "$rounds"); do
		move_round "$agent" "$rsc" || { echo "move round $r of $agent failed" >&2; exit 1; }
		crash_round "$agent" "$rsc" || { echo "crash round $r of $agent failed" >&2; exit 1; }
	done
	scl_exec 1 pcs resource delete "$rsc" >/dev/null 2>&1
	scl_wait 20 "$rsc deleted" bash -c "! ip -n $(scl_ns 1) addr show | grep -q ' $SCL_VIP/' &&
		! ip -n $(scl_ns 2) addr show | grep -q ' $SCL_VIP/'"
done

# stats AGENT EVENT COLUMN: min/median/max of a column (3 outage, 4 share, 5 agent start).
stats() {
	awk -v a="$1" -v e="$2" -v c="$3" '$1 == a && $2 == e { print $c }' "$results" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR) printf "%d/%d/%d", v[1], v[int((NR + 1) / 2)], v[NR]; else printf "-" }'
}
median() { stats "$@" | cut -d/ -f2; }

echo
echo "failover bench: 2 nodes, corosync token ${SCL_TOKEN} ms, client pings $SCL_VIP every 5 ms," \
	"$rounds round(s) per event; figures in ms as min/median/max${floatip_opts:+; floatip $floatip_opts}"
printf '%-22s %-6s %-18s %-22s %-18s\n' agent event "client outage" "start call->answer" "agent start"
for agent in $agents; do
	for ev in move crash; do
		printf '%-22s %-6s %-18s %-22s %-18s\n' "$agent" "$ev" "$(stats "$agent" "$ev" 3)" \
			"$(stats "$agent" "$ev" 4)" "$(stats "$agent" "$ev" 5)"
	done
done
set -- $agents
if [ $# -ge 2 ]; then
	for ev in move crash; do
		a=$(median "$1" "$ev" 3) b=$(median "$2" "$ev" 3)
		sa=$(median "$1" "$ev" 4) sb=$(median "$2" "$ev" 4)
		[ "$a" -gt 0 ] && [ "$sa" -gt 0 ] &&
			awk -v e="$ev" -v a="$a" -v b="$b" -v sa="$sa" -v sb="$sb" -v n1="${1##*:}" -v n2="${2##*:}" \
				'BEGIN { printf "%s: %s/%s median outage ratio %.2f, agent share ratio %.2f\n", e, n2, n1, b / a, sb / sa }'
	done
fi
# rows: ocf:sipha:floatip against the stock agent measured with it ($1 when floatip is $2)
if [ $# -ge 2 ] && [ "$2" = ocf:sipha:floatip ]; then
	for ev in move crash; do
		what="resource move"
		[ $ev = crash ] && what="node crash"
		bench_row "failover ($what), client outage, median" ms \
			"$(median "$2" $ev 3)" "$(median "$1" $ev 3)" "$1"
		bench_row "failover ($what), start call -> first answer, median" ms \
			"$(median "$2" $ev 4)" "$(median "$1" $ev 4)" "$1"
	done
fi
echo "bench took $((($(scl_now_ms) - t_start) / 1000)) s"
