#!/bin/bash
# tests/cluster/registrations.sh: phones stay reachable across failover and restarts (issue 18)
# in a real two-node cluster: docs/kamailio.md's configuration (crmsh), then the page's
# "Replication on with crmsh" block (examples/kamailio-ha.cfg, dmq_port=5090) as written.
# REG_PHONES phones (default 1000) register through the floating IP (sipp in the client
# namespace, contacts on a sipp UAS there); every node's table must hold them. Then
#  (a) the IP holder crashes: once the IP answers on the other node, a MESSAGE to every phone
#      through it is relayed to the phone (200), none unreachable
#  (b) the crashed node returns: its instance holds every contact (time from its start
#      printed), sipha-sync shows synced
#  (c) siphactl rolling-restart: a new Kamailio pid on every node, every phone still found
#  (d) the readiness gate: sync_timeout=20s (pcs resource update), the replication port of the
#      node without the IP blocked inside its namespace (a policy rule); a rolling restart restarts that
#      node's instance first: sipha-health yellow, sipha-sync syncing, crm_mon's reason
#      "syncing registrations: 0 of N", the run waits and the IP stays where it is; unblocked
#      (seconds after the start, while dmq still retransmits), the node syncs, the run
#      completes and every phone is still found (a node that timed out instead serves anyway:
#      printed, not asserted)
# One line "phones unreachable after EVENT: X of N" per event; X must be 0.
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
for t in sipp kamcmd; do
	command -v "$t" >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
ROLL_NODES=2 ROLL_BUDGET_S=300
. "$here/rolling-setup.sh"
. "$here/registrations-lib.sh"
[ -r "$RG_EXAMPLE" ] || scl_fail "$RG_EXAMPLE missing"
N=$RG_PHONES

rg_events crmsh

# (d) The readiness gate.
st=$SCL_STATE
scl_exec 1 pcs resource update kamailio sync_timeout=20s >/dev/null || scl_fail "(d) pcs resource update"
v=$(scl_exec 1 crm_resource --resource kamailio --get-parameter sync_timeout 2>/dev/null)
[ "$v" = 20s ] || scl_fail "(d) sync_timeout reads '$v' after pcs resource update"
ipn=$(scl_vip_node)
x=$(sc_other_node "$ipn")
rg_dmq_block "$x" || scl_fail "(d) blocking the replication port on node$x"
t_run=$(scl_now_ms)
(rl_siphactl 1 "$st/gate.txt" rolling-restart --min-healthy 2s; echo $? >"$st/gate.rc") &
gate_job=$!
scl_wait 60 "node$x's sipha-sync syncing" scl_attr_is "$x" sipha-sync syncing ||
	scl_fail "(d) node$x never showed sipha-sync syncing (now '$(scl_attr "$x" sipha-sync)')"
reason_shown() { scl_exec 1 crm_mon -1 2>/dev/null | grep -q "syncing registrations: 0 of $N"; }
scl_wait 15 "crm_mon's reason 'syncing registrations: 0 of $N'" reason_shown ||
	scl_fail "(d) crm_mon does not show 'syncing registrations: 0 of $N'"
health=$(scl_attr "$x" sipha-health)
[ "$health" = yellow ] || scl_fail "(d) node$x's sipha-health is '$health' while syncing, want yellow"
sleep 1
[ "$(scl_vip_node)" = "$ipn" ] || scl_fail "(d) the IP moved to node$(scl_vip_node) while node$x syncs"
[ ! -e "$st/gate.rc" ] || scl_fail "(d) the run ended ($(cat "$st/gate.rc")) while node$x syncs"
echo "(d) node$x restarted with its replication port blocked: sipha-sync syncing, health yellow," \
	"crm_mon: '$(scl_exec 1 crm_mon -1 2>/dev/null | grep -o "syncing registrations: [0-9]* of [0-9]*" | head -1)';" \
	"the run waits, the IP stays on node$ipn"
t_unblock=$(scl_now_ms) t_xstart=$(scl_start_called_ms "$x" kamailio "$t_run")
echo "(d) node$x's instance started $((${t_xstart:-$t_run} - t_run)) ms into the run; unblocked" \
	"$((t_unblock - ${t_xstart:-$t_run})) ms after that start"
rg_dmq_unblock "$x" || scl_fail "(d) unblocking node$x"
# bounded: sync_timeout (20 s) + the holder's step + min-healthy; rl_siphactl's own bound 300 s
for _ in $(seq 1 120); do [ -e "$st/gate.rc" ] && break; sleep 1; done
wait "$gate_job"
[ "$(cat "$st/gate.rc" 2>/dev/null)" = 0 ] || scl_fail "(d) the gated rolling-restart: exit $(cat "$st/gate.rc" 2>/dev/null)"
xs=$(scl_attr "$x" sipha-sync)
echo "(d) unblocked: the run went on and ended (exit 0) $(($(scl_now_ms) - t_unblock)) ms later;" \
	"node$x's sipha-sync $xs, tables: $(rg_tables)"
scl_wait 60 "every instance and the IP up" rg_serving || scl_fail "(d) not serving after the run"
rg_event "rolling restart behind the gate"
# Unblocked within seconds, dmq's retransmitted request gets through and the node syncs; a
# node still behind after sync_timeout serves anyway (timed-out), the documented trade-off:
# then the phones it lacks are unreachable, which is no failure of the gate.
case $xs in
synced) [ "$RG_UNREACH" = 0 ] || scl_fail "(d) $RG_UNREACH of $N phones unreachable after the gated run" ;;
timed-out) echo "(d) node$x timed out (sync_timeout 20 s) before its sync: $RG_UNREACH unreachable, not asserted" ;;
*) scl_fail "(d) node$x's sipha-sync is '$xs' after the run" ;;
esac
echo PASS
