#!/bin/bash
# tests/cluster/rolling.sh: siphactl rolling-restart in a real two-node cluster with the docs'
# configuration (rolling-setup.sh; skipped until siphactl and the agents are built), running
# docs/siphactl.md's blocks as written where the page shows the command:
#  0. the pre-flight check block passes on the docs' configuration; with the clone's
#     interleave turned off, check reports clone-not-interleaved, and the page's pcs fix block,
#     then (off again) its crmsh fix block, each ending in siphactl check, pass
#  1. the page's --dry-run prints the plan and changes nothing (CIB epoch, Kamailio pids)
#  2. the page's rolling restart (--min-healthy 20s --step-timeout 5min --lease 2min) while
#     sip_load re-registers phones and sends OPTIONS through the floating IP: exit 0, a new
#     Kamailio pid on every node, nothing with id sipha-roll-* left, the sipha-last-run record
#     there; the failed transactions and the longest gap printed, the failures (if any) inside
#     one window of at most 3 s (the IP's single move); the page's "Watching it" block on the
#     other node shows the run; a second siphactl during the run is refused (exit 3) naming the
#     lock's owner
#  3. refused (exit 3, a reason) with a node in standby; nothing changed
#  4. the IP node's sipha-health turns red while the other node's instance is being restarted:
#     the run aborts (exit 1), leaves nothing, and REGISTER is answered through the IP again
#  5. siphactl check on the standby node finds the floating IP added there as a dynamic address
#     (as a DHCP client would) and names the node and the interface
# The red health of 4 is set as the kamailio agent would set it (attrd_updater), as
# scenarios.sh's sc_health_red does: the cheapest red that is certain to last the whole step.
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ROLL_NODES=2 ROLL_BUDGET_S=330
. "$here/rolling-setup.sh"
st=$SCL_STATE
MINH=(--min-healthy 2s)

# 0. The pre-flight check as the page shows it; then its fixes for a clone without interleave.
rl_docs_run 1 "## Pre-flight check" "$st/docs-check.txt" ||
	scl_fail "0. docs/siphactl.md's check block on the docs' configuration: $(tail -n 5 "$st/docs-check.txt")"
for form in pcs crmsh; do
	scl_exec 1 crm_resource --resource kamailio-clone --meta --set-parameter interleave \
		--parameter-value false >/dev/null || scl_fail "0. interleave=false"
	RL_ECHO=no rl_siphactl 1 "$st/check-$form.txt" check
	rc=$?
	[ "$rc" = 1 ] && grep -q clone-not-interleaved "$st/check-$form.txt" ||
		scl_fail "0. check with interleave=false: exit $rc: $(head -c 300 "$st/check-$form.txt")"
	rl_docs_run 1 "### $form" "$st/docs-fix-$form.txt" ||
		scl_fail "0. docs/siphactl.md's $form fix block: $(tail -n 5 "$st/docs-fix-$form.txt")"
	echo "0. interleave=false: check exit 1 (clone-not-interleaved); the page's $form block fixes it (check exit 0)"
done
scl_wait 60 "the configuration to run" rl_serving || scl_fail "0. not serving after the fixes"

# 1. Dry run, as the page shows it.
epoch0=$(rl_cib_epoch 1) pids0=$(rl_kam_pids)
rl_docs_run 1 "## Rolling restart" "$st/dry.txt" 1 || scl_fail "1. the page's dry run: $(tail -n 3 "$st/dry.txt")"
grep -q node1 "$st/dry.txt" && grep -q node2 "$st/dry.txt" || scl_fail "1. the plan names no node"
sleep 1
[ "$(rl_cib_epoch 1)" = "$epoch0" ] || scl_fail "1. dry run changed the CIB (epoch $epoch0 -> $(rl_cib_epoch 1))"
[ "$(rl_kam_pids)" = "$pids0" ] || scl_fail "1. dry run restarted Kamailio ($pids0 -> $(rl_kam_pids))"
echo "1. dry run: plan printed, CIB epoch $epoch0 and pids ($pids0) unchanged"

# 2. The rolling restart under load, and a second siphactl while it runs.
ipfrom=$(scl_vip_node)
rl_load_start roll 300
sleep 2
t0=$(scl_now_ms)
(RL_DOCS_TIMEOUT=240 rl_docs_run 1 "## Rolling restart" "$st/roll.txt" 2; echo $? >"$st/roll.rc") &
roll_job=$!
scl_wait 30 "the run's lock in the CIB" rl_lock_present 1 || scl_fail "2. no lock while running"
rl_docs_run 2 "### Watching it" "$st/watch.txt" || scl_fail "2. the page's watching block"
grep -q '^rolling restart: RUNNING by node1' "$st/watch.txt" ||
	scl_fail "2. the watching block does not show the run: $(head -c 300 "$st/watch.txt")"
echo "2. the page's watching block on node2 during the run: $(grep -m1 '^rolling restart' "$st/watch.txt")"
rl_siphactl 2 "$st/second.txt" rolling-restart "${MINH[@]}"
rc2=$?
[ "$rc2" = 3 ] || scl_fail "2. a second siphactl during the run: exit $rc2, want 3"
grep -q node1 "$st/second.txt" || scl_fail "2. the refusal does not name the lock's owner node1"
echo "2. a second siphactl during the run: exit 3: $(head -c 200 "$st/second.txt" | tr '\n' ' ')"
wait "$roll_job"
rc=$(cat "$st/roll.rc") dur=$(($(scl_now_ms) - t0))
scl_wait 30 "the configuration to run" scl_config_up 1
sleep 2
rl_load_stop roll || scl_fail "2. no figures from sip_load"
[ "$rc" = 0 ] || scl_fail "2. the page's rolling-restart: exit $rc: $(tail -n 5 "$st/roll.txt")"
sed 's/^/  [docs rolling-restart on node1] /' "$st/roll.txt" >&2
pids1=$(rl_kam_pids)
for p in $pids0; do
	case " $pids1 " in *" $p "*) scl_fail "2. not restarted: $p (after: $pids1)" ;; esac
done
[ "$(rl_leftovers 1)" = 0 ] || scl_fail "2. sipha-roll-* left in the CIB: $(rl_leftovers 1)"
rl_last_run 1 || scl_fail "2. no sipha-last-run record"
echo "2. rolling restart: exit 0 in $dur ms; pids $pids0 -> $pids1; IP node$ipfrom -> node$(scl_vip_node);" \
	"nothing sipha-roll-* left; sipha-last-run recorded"
echo "2. client (sip_load $RL_RATE/s, $RL_PHONES phones): failed transactions $RL_FAILED of $RL_SENT," \
	"longest gap $RL_GAP ms, failures from $RL_FIRST_FAIL to $RL_LAST_FAIL"
[ "$RL_FAILED" = 0 ] || [ $((RL_LAST_FAIL - RL_FIRST_FAIL)) -le 3000 ] ||
	scl_fail "2. failed transactions spread over $((RL_LAST_FAIL - RL_FIRST_FAIL)) ms: more than the IP's one move"
[ "$RL_GAP" -ge 0 ] && [ "$RL_GAP" -lt 5000 ] || scl_fail "2. longest gap $RL_GAP ms"
scl_register || scl_fail "2. REGISTER through $SCL_VIP fails after the run"
# status, from the other node, as an admin reads it: nodes, where the IP is, no run, the record
rl_siphactl 2 "$st/status.txt" status || scl_fail "2. siphactl status: exit $?"
grep -q "node$(scl_vip_node) .*<- floating IP" "$st/status.txt" || scl_fail "2. status does not show the IP's node"
grep -q '^rolling restart: none running' "$st/status.txt" || scl_fail "2. status shows a run"
grep -q '^last rolling restart: success' "$st/status.txt" || scl_fail "2. status lacks the last run"
RL_ECHO=no rl_siphactl 2 "$st/status.json" status --json || scl_fail "2. siphactl status --json: exit $?"
xj() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$st/status.json" "$1"; }
[ "$(xj 'd["rolling_restart"]["last"]["outcome"]')" = success ] || scl_fail "2. status --json: last outcome"
[ "$(xj 'd["ip_node"]')" = "node$(scl_vip_node)" ] || scl_fail "2. status --json: ip_node"
[ "$(xj 'len([n for n in d["nodes"] if n["kamailio"] == "started"])')" = 2 ] ||
	scl_fail "2. status --json: not 2 instances started"
echo "2. status: $(grep '^last rolling restart' "$st/status.txt")"
rl_docs_run 1 "## Status" "$st/docs-status.txt" || scl_fail "2. docs/siphactl.md's status block"
grep -q '"outcome": *"success"' "$st/docs-status.txt" || scl_fail "2. docs' status --json: no success"
echo "2. docs/siphactl.md's status commands run as written"

# 3. Refused with a node in standby.
scl_exec 1 pcs node standby node2 >/dev/null || scl_fail "3. pcs node standby"
sleep 2
epoch0=$(rl_cib_epoch 1)
rl_siphactl 1 "$st/standby.txt" rolling-restart "${MINH[@]}"
rc=$?
[ "$rc" = 3 ] || scl_fail "3. with node2 in standby: exit $rc, want 3"
grep -qi standby "$st/standby.txt" || scl_fail "3. the refusal does not say standby"
[ "$(rl_cib_epoch 1)" = "$epoch0" ] || scl_fail "3. the refusal changed the CIB"
echo "3. node2 in standby: exit 3: $(tr '\n' ' ' <"$st/standby.txt" | head -c 200)"
scl_exec 1 pcs node unstandby node2 >/dev/null || scl_fail "3. pcs node unstandby"
scl_wait 60 "the configuration to run" rl_serving || scl_fail "3. not serving after unstandby"

# 4. Abort: the other node's health turns red while a step is under way.
(rl_siphactl 1 "$st/abort.txt" rolling-restart "${MINH[@]}"; echo $? >"$st/abort.rc") &
roll_job=$!
scl_wait 60 "a step of the run (a sipha-roll-ban constraint)" rl_ban_present 1 ||
	scl_fail "4. no step started"
banned=$(scl_exec 1 cibadmin -Q | xmllint --xpath \
	"string(//rsc_location[starts-with(@id,'sipha-roll-ban-')]/@id)" - | sed 's/.*-node//')
other=$((3 - banned))
scl_exec "$other" attrd_updater -n sipha-health -U red || scl_fail "4. attrd_updater"
t0=$(scl_now_ms)
wait "$roll_job"
rc=$(cat "$st/abort.rc")
echo "4. node$other red while node$banned was restarted: exit $rc after $(($(scl_now_ms) - t0)) ms:" \
	"$(tail -n 3 "$st/abort.txt" | tr '\n' ' ')"
[ "$rc" = 1 ] || scl_fail "4. abort: exit $rc, want 1"
[ "$(rl_leftovers 1)" = 0 ] || scl_fail "4. sipha-roll-* left after the abort"
scl_wait 60 "REGISTER through $SCL_VIP after the abort" scl_register ||
	scl_fail "4. the cluster does not serve REGISTER after the abort"
echo "4. nothing left; REGISTER answered through $SCL_VIP on node$(scl_vip_node)"
sc_health_clear "$other"
sc_cleanup
scl_wait 60 "the configuration to run" rl_serving || scl_fail "4. not serving after clearing red"

# 4b. siphactl abort from another shell (node2, docs/siphactl.md's command as written) stops a run: exit 1, nothing left, serving.
(rl_siphactl 1 "$st/abort2.txt" rolling-restart "${MINH[@]}"; echo $? >"$st/abort2.rc") &
roll_job=$!
scl_wait 60 "a step of the run (a sipha-roll-ban constraint)" rl_ban_present 1 ||
	scl_fail "4b. no step started"
rl_docs_run 2 "### Aborting it" "$st/abort-cmd.txt" || scl_fail "4b. docs' siphactl abort"
wait "$roll_job"
rc=$(cat "$st/abort2.rc")
[ "$rc" = 1 ] || scl_fail "4b. run after siphactl abort: exit $rc, want 1"
grep -qi abort "$st/abort2.txt" || scl_fail "4b. the run does not say it was aborted"
[ "$(rl_leftovers 1)" = 0 ] || scl_fail "4b. sipha-roll-* left after siphactl abort"
scl_wait 60 "the configuration to run" rl_serving || scl_fail "4b. not serving after siphactl abort"
echo "4b. siphactl abort on node2: the run on node1 exits 1: $(tail -n 1 "$st/abort2.txt")"

# 5. check: the floating IP as a dynamic address on the standby node (outage 2).
sb=$(sc_other_node "$(scl_vip_node)")
ip -n "$(scl_ns "$sb")" addr add "$SCL_VIP/24" dev eth0 valid_lft 3600 preferred_lft 3600 ||
	scl_fail "5. ip addr add"
rl_siphactl "$sb" "$st/check.txt" check
rc=$?
ip -n "$(scl_ns "$sb")" addr del "$SCL_VIP/24" dev eth0 2>/dev/null
[ "$rc" != 0 ] || scl_fail "5. check: exit 0 with the floating IP on node$sb"
grep -q "node$sb" "$st/check.txt" && grep -q eth0 "$st/check.txt" ||
	scl_fail "5. check does not name node$sb and eth0"
echo "5. check on node$sb: exit $rc: $(grep -m1 eth0 "$st/check.txt")"
echo PASS
