#!/bin/bash
# tests/cluster/rolling-3.sh: siphactl rolling-restart in a real three-node cluster with the
# docs' configuration (rolling-setup.sh; skipped until siphactl and the agents are built), the
# floating IP on the middle node (node2):
#  1. refused (exit 3, a reason naming it) with a failed action of Kamailio on node3
#  2. the driver SIGKILLed halfway (--lease 20s): its ban outlives it only until the lease
#     ends, then every node runs its instance again and REGISTER is answered
#  3. the next run under load (sip_load through the floating IP) takes over the stale lock:
#     exit 0, says so, a new Kamailio pid on all three nodes, the IP moved off node2 (restarted
#     last), nothing with id sipha-roll-* left, sipha-last-run there; failed transactions and
#     the longest gap printed, failures (if any) inside one window of at most 3 s
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ROLL_NODES=3 ROLL_BUDGET_S=240
. "$here/rolling-setup.sh"
st=$SCL_STATE
MINH=(--min-healthy 2s)

vip_on_2() { [ "$(scl_vip_node)" = 2 ]; }
no_failed_action() { ! sc_failed_action kamailio >/dev/null; }
# The floating IP to the middle node (a move, cleared: stickiness keeps it there).
ip_to_node2() {
	if ! vip_on_2; then
		scl_exec 1 crm_resource --move --resource "$SCL_VIP_RSC" --node node2 >/dev/null 2>&1 ||
			scl_fail "crm_resource --move"
		scl_wait 30 "the floating IP on node2" vip_on_2 || scl_fail "the floating IP did not reach node2"
		scl_exec 1 crm_resource --clear --resource "$SCL_VIP_RSC" >/dev/null 2>&1
	fi
	sleep 2
	vip_on_2 || scl_fail "the floating IP left node2 after the move was cleared"
	scl_wait 10 "REGISTER through $SCL_VIP" scl_register || scl_fail "REGISTER fails with the IP on node2"
}
ip_to_node2

# 1. Refused with a failed action (recorded as a failed monitor on node3, recovered in place).
scl_exec 1 crm_resource --fail --resource kamailio --node node3 >/dev/null 2>&1 ||
	scl_fail "1. crm_resource --fail"
scl_wait 30 "the failed action" sc_failed_action kamailio || scl_fail "1. no failed action shown"
scl_wait 60 "the configuration to run again" scl_config_up 1 || scl_fail "1. not recovered"
epoch0=$(rl_cib_epoch 1)
rl_siphactl 1 "$st/failed.txt" rolling-restart "${MINH[@]}"
rc=$?
[ "$rc" = 3 ] || scl_fail "1. with a failed action: exit $rc, want 3"
grep -qi fail "$st/failed.txt" && grep -q node3 "$st/failed.txt" ||
	scl_fail "1. the refusal does not name the failed action on node3"
[ "$(rl_cib_epoch 1)" = "$epoch0" ] || scl_fail "1. the refusal changed the CIB"
echo "1. failed action on node3: exit 3: $(tr '\n' ' ' <"$st/failed.txt" | head -c 200)"
sc_cleanup
scl_wait 30 "no failed action" no_failed_action || scl_fail "1. failed action left after cleanup"
scl_wait 60 "the configuration to run" rl_serving || scl_fail "1. not serving after cleanup"

# 2. The driver SIGKILLed halfway, with a 20 s lease: its ban keeps the instance off its node
# after the driver is gone, until the lease ends, then lifts by itself.
# No Kamailio process on node I (its own PID namespace: any would be the agent's).
kam_stopped_on() { ! scl_exec "$1" pgrep -x kamailio >/dev/null; }
t_run=$(scl_now_ms)
(rl_siphactl 1 "$st/killed.txt" rolling-restart --lease 20s "${MINH[@]}") 2>/dev/null &
roll_job=$!
scl_wait 30 "the run's lock" rl_lock_present 1 || scl_fail "2. no lock"
dpid=$(scl_exec 1 pgrep -x siphactl | head -1)
[ -n "$dpid" ] || scl_fail "2. no siphactl process on node1"
# A ban lives from the step's start until the instance is stopped and the driver's next look
# (half a second or so): watch the driver's own line, written once the ban is in the CIB, every
# 10 ms, and kill at once. (Polling the CIB with cibadmin took ~150 ms a round: on Debian 13 the
# step was once over before the kill.)
p1=$(scl_node_pid 1) banned=
for _ in $(seq 1 6000); do
	banned=$(sed -n 's/.*kamailio-clone banned from node\([0-9]*\), waiting until it stops.*/\1/p' \
		"$st/killed.txt" 2>/dev/null | head -n 1)
	[ -n "$banned" ] && break
	sleep 0.01
done
[ -n "$banned" ] || scl_fail "2. no step started within 60 s"
nsenter -t "$p1" -n -m -p -u -i -r -w -- kill -9 "$dpid"
t_kill=$(scl_now_ms)
wait "$roll_job"
rl_ban_present 1 || scl_fail "2. the ban was lifted before the kill landed (the step was too quick)"
rl_lock_present 1 || scl_fail "2. the killed driver's lock is gone: nothing to take over"
scl_wait 30 "node$banned's instance stopped by the dead driver's ban" kam_stopped_on "$banned" ||
	scl_fail "2. the ban did not stop node$banned's instance"
# Well inside the lease (20 s from the run's start, renewed at most until the kill).
sleep $(((t_run + 12000 - $(scl_now_ms)) / 1000 > 0 ? (t_run + 12000 - $(scl_now_ms)) / 1000 : 0))
kam_stopped_on "$banned" || scl_fail "2. node$banned's instance back before the lease ended"
scl_wait 120 "every instance running once the lease ends" rl_serving ||
	scl_fail "2. not serving after the lease ended"
t_back=$(scl_now_ms)
[ $((t_back - t_run)) -ge 18000 ] || scl_fail "2. back $((t_back - t_run)) ms after the run started: before the lease's end"
echo "2. driver (pid $dpid on node1) SIGKILLed $((t_kill - t_run)) ms into the run, during node$banned's" \
	"step; its instance stayed off until the lease ended: every instance runs and REGISTER is" \
	"answered $((t_back - t_run)) ms after the run started (lease 20 s)"
# The lock's lease has passed too: the next run finds it stale.
sleep 2

# 3. The next run, under load, takes over the stale lock (the IP on node2 again, should the
# killed run have moved it).
ip_to_node2
pids0=$(rl_kam_pids)
rl_measure siphactl 1 "${MINH[@]}"
rc=$?
sed 's/^/  | /' "$RL_OUT"
[ "$rc" = 0 ] || scl_fail "3. rolling-restart after the killed run: exit $rc"
grep -qiE 'stale|took over|take over|taken over|takeover' "$RL_OUT" ||
	scl_fail "3. the run does not say it took over the stale lock"
pids1=$(rl_kam_pids)
for p in $pids0; do
	case " $pids1 " in *" $p "*) scl_fail "3. not restarted: $p (after: $pids1)" ;; esac
done
[ "$(scl_vip_node)" != 2 ] || scl_fail "3. the floating IP is still on node2, restarted last"
[ "$(rl_leftovers 1)" = 0 ] || scl_fail "3. sipha-roll-* left in the CIB: $(rl_leftovers 1)"
rl_last_run 1 || scl_fail "3. no sipha-last-run record"
echo "3. rolling restart (3 nodes, IP on node2): exit 0 in $RL_DUR ms, stale lock taken over;" \
	"pids $pids0 -> $pids1; IP node2 -> node$(scl_vip_node); nothing sipha-roll-* left"
echo "3. client (sip_load $RL_RATE/s, $RL_PHONES phones): failed transactions $RL_FAILED of $RL_SENT," \
	"longest gap $RL_GAP ms, failures from $RL_FIRST_FAIL to $RL_LAST_FAIL"
[ "$RL_FAILED" = 0 ] || [ $((RL_LAST_FAIL - RL_FIRST_FAIL)) -le 3000 ] ||
	scl_fail "3. failed transactions spread over $((RL_LAST_FAIL - RL_FIRST_FAIL)) ms: more than one IP move"
[ "$RL_GAP" -ge 0 ] && [ "$RL_GAP" -lt 5000 ] || scl_fail "3. longest gap $RL_GAP ms"
echo PASS
