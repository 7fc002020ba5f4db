#!/bin/bash
# tests/cluster/harness.sh: a real two-node cluster in namespaces keeps a floating IP.
# Brings up 2 nodes, waits for a DC, creates a Dummy and a floating IP resource with pcs,
# crashes the node holding the IP (veth unplugged, every process killed) and checks that the IP
# moves, that the client's neighbour entry now names the new node's MAC and that the client
# reaches the IP again. Prints the failover time. The floating IP agent is a parameter:
#   SCL_VIP_AGENT=ocf:heartbeat:IPaddr2 (default) or ocf:sipha:floatip (from $top_builddir)
set -u
# Per-run names: helpers may run `make check` at the same time.
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
scl_test_require
scl_reap_stale scl-t

agent=${SCL_VIP_AGENT:-ocf:heartbeat:IPaddr2}
agents_dir=
case $agent in
ocf:sipha:*)
	agents_dir=${top_builddir:-$here/../..}/agents
	[ -x "$agents_dir/${agent##*:}" ] || { echo "SKIP: $agent not built in $agents_dir"; exit 77; }
	;;
esac
scl_test_begin 170

# True once resource $1 runs somewhere (scl_rsc_node itself always succeeds).
located() { [ -n "$(scl_rsc_node 1 "$1")" ]; }

t0=$(scl_now_ms)
scl_up 2 "$agents_dir" || scl_fail "cluster up"
scl_wait_ready 60 || scl_fail "no DC with both nodes online"
echo "cluster: DC elected and 2 nodes online after $(($(scl_now_ms) - t0)) ms"
[ "$(scl_exec 1 crm_node -l | grep -c ' member$')" = 2 ] || scl_fail "crm_node -l: not 2 members"

scl_exec 1 pcs resource create dummy ocf:pacemaker:Dummy op monitor interval=5s ||
	scl_fail "pcs resource create dummy"
scl_wait 20 "dummy started" located dummy || scl_fail "dummy did not start"
[ -n "$(scl_rsc_node 1 dummy)" ] || scl_fail "dummy not located"
echo "dummy: started on node$(scl_rsc_node 1 dummy)"

scl_exec 1 pcs resource create vip "$agent" ip="$SCL_VIP" cidr_netmask=24 nic=eth0 \
	op monitor interval=2s || scl_fail "pcs resource create vip ($agent)"
scl_wait 20 "vip started" located vip || scl_fail "vip did not start"
from=$(scl_rsc_node 1 vip)
# --locate names a node as soon as the start is pending (record-pending): give the start time to add the address.
vip_on_from() { [ "$(scl_vip_node)" = "$from" ]; }
scl_wait 10 "the address on node$from" vip_on_from ||
	scl_fail "Pacemaker says node$from, the address is on '$(scl_vip_node)'"
scl_wait 5 "client reaches $SCL_VIP" scl_vip_answers || scl_fail "client cannot ping $SCL_VIP"
[ "$(scl_client_vip_mac)" = "$(scl_node_mac "$from")" ] || scl_fail "client neighbour entry is not node$from"
echo "vip ($agent): started on node$from, client reaches $SCL_VIP"

to=$((3 - from))
scl_probe_start crash 60
sleep 1
scl_crash "$from"
scl_wait 30 "vip to move to node$to" scl_rsc_moved "$to" vip "$from" || scl_fail "vip did not move"
scl_wait 10 "client reaches $SCL_VIP again" scl_vip_answers || scl_fail "client cannot reach the moved IP"
sleep 0.3
scl_probe_stop crash
read -r gap first < <(scl_probe_gap crash "$SCL_CRASH_MS")
[ "$gap" -gt 0 ] || scl_fail "no answer after the crash in the probe log"
[ "$(scl_vip_node)" = "$to" ] || scl_fail "address not on node$to"
[ "$(scl_rsc_node "$to" vip)" = "$to" ] || scl_fail "Pacemaker does not run vip on node$to"
[ "$(scl_client_vip_mac)" = "$(scl_node_mac "$to")" ] || scl_fail "client neighbour entry does not name node$to's MAC"
detect=$(scl_detect_ms "$to" "$SCL_CRASH_MS")
called=$(scl_start_called_ms "$to" vip "$SCL_CRASH_MS")
done_=$(scl_start_done_ms "$to" vip "$SCL_CRASH_MS")
echo "failover ($agent, token ${SCL_TOKEN} ms): node$from crashed; cluster noticed after ${detect} ms;" \
	"client reached $SCL_VIP on node$to ${first} ms after the crash (outage seen by the client ${gap} ms)"
if [ -n "$called" ] && [ -n "$done_" ]; then
	echo "  start of vip called at +$((called - SCL_CRASH_MS)) ms; the agent's start took" \
		"$((done_ - called)) ms; client's first answer $((SCL_CRASH_MS + first - called)) ms after the start call"
fi
echo "PASS: total $(($(scl_now_ms) - t0)) ms"
