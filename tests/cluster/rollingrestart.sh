#!/bin/bash
# tests/cluster/rollingrestart.sh: ocf:sipha:rollingrestart in a real two-node cluster with the
# docs' configuration (rolling-setup.sh), the primitive created and changed with
# docs/rollingrestart.md's pcs blocks as written; the only replacements: the monitor interval
# (10s instead of 60s, so that the test runs in minutes), the schedule of the "new schedule"
# block (slots a minute or two ahead: a test cannot wait for Tuesday 04:00) and the node of the
# "Moving it" block. Scenarios:
#  3. schedule months away, node2 predicting its shared memory full (sipha-shm-exhaust-s):
#     a run brought forward, its trigger recorded, new Kamailio pids on both nodes
#  1. a slot a minute or two ahead fires a complete rolling restart on its own: success in the
#     CIB record (sipha-schedule-roll), in siphactl status (the docs' "Watching it" block) and in
#     the node attribute sipha-sched-last; nothing sipha-roll-* left
#  4. the primitive moved to the other node (the docs' block) keeps its record and does not run
#     the done slot again
#  5. node2 in standby at the next slot: refused with the reason, then skipped when the window
#     (90s) passes, the reason recorded
#  2. node2 still in standby at the slot after: refused; back online, the slot runs inside its
#     window: success
#  6. a brought-forward run aborted with the docs' block: "aborted: ..." recorded, nothing left
#  7. removed with the docs' pcs block (record gone), set up and changed again with the crmsh
#     blocks, removed with the crmsh block
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
[ -x "${top_builddir:-$here/../..}/agents/rollingrestart" ] ||
	{ echo "SKIP: agents/rollingrestart not built"; exit 77; }
ROLL_NODES=2 ROLL_BUDGET_S=660
. "$here/rolling-setup.sh"
st=$SCL_STATE
T0=$(scl_now_ms)
. "$here/rollingrestart-lib.sh"

elapsed() { echo "$((($(scl_now_ms) - T0) / 1000))s"; }

# Create: the docs' pcs block; then the test's own tuning (a 2 s green wait per step).
rr_run_block 1 "### pcs" "$st/rr-create.txt" || scl_fail "docs' pcs block"
scl_exec 1 pcs resource update roll min_healthy=2s >/dev/null || scl_fail "pcs resource update"
scl_wait 30 "roll started" rr_on || scl_fail "roll not started"
scl_wait 30 "the record sipha-schedule-roll" rr_has_record ||
	scl_fail "no record after start"
[ "$(rr_rec schedule)" = "0 4 * * 2,5" ] || scl_fail "record's schedule: '$(rr_rec schedule)'"
echo "0. created with docs' pcs block on $(rr_where): record since '$(rr_rec since)' ($(elapsed))"

# 3. Brought forward: the schedule months away, node2 predicts exhaustion within 10 min.
pids0=$(rl_kam_pids)
RR_SCHED="0 4 29 2 *"
rr_run_block 1 "### pcs: a new schedule" "$st/rr-sched3.txt" || scl_fail "3. docs' new schedule"
scl_exec 1 pcs resource update roll min_interval=0 >/dev/null || scl_fail "3. min_interval"
scl_wait 30 "the record under the new schedule" rr_sched_is "$RR_SCHED" ||
	scl_fail "3. record's schedule: '$(rr_rec schedule)'"
scl_exec 2 attrd_updater -n sipha-shm-exhaust-s -U 600 || scl_fail "3. attrd_updater"
scl_wait 40 "a brought-forward run" rr_outcome_like "running" ||
	rr_outcome_like "success" || scl_fail "3. no run started: $(rr_show)"
case $(rr_rec trigger) in *forward*node2*) ;; *) scl_fail "3. trigger: '$(rr_rec trigger)'" ;; esac
# The prediction goes now: with min_interval=0 a monitor after the success would bring forward
# another run, whose CIB writes would then race the next pcs block (CI's trixie pass saw it).
scl_exec 2 attrd_updater -n sipha-shm-exhaust-s -D >/dev/null 2>&1
scl_wait 120 "the brought-forward run's outcome" rr_outcome_like "success" ||
	scl_fail "3. $(rr_show)"
pids1=$(rl_kam_pids)
for p in $pids0; do
	case " $pids1 " in *" $p "*) scl_fail "3. not restarted: $p (after: $pids1)" ;; esac
done
[ "$(rl_leftovers 1)" = 0 ] || scl_fail "3. sipha-roll-* left: $(rl_leftovers 1)"
echo "3. brought forward: trigger '$(rr_rec trigger)'; success; pids $pids0 -> $pids1 ($(elapsed))"
scl_wait 60 "the configuration to run" rl_serving || scl_fail "3. not serving after the run"

# 1. A slot ahead fires a complete rolling restart; two more slots for 5 and 2, 2 min apart.
S1=$(rr_slot_after 30) S2=$((S1 + 120)) S3=$((S1 + 240))
RR_SCHED="$(date -d "@$S1" '+%-M'),$(date -d "@$S2" '+%-M'),$(date -d "@$S3" '+%-M') $(date -d "@$S1" '+%-H') * * *"
# three minutes within one hour, else three cron lines' worth: fall back to every 2 minutes
[ "$(date -d "@$S1" +%H)" = "$(date -d "@$S3" +%H)" ] ||
	RR_SCHED="$(($(date -d "@$S1" '+%-M') % 2))-59/2 * * * *"
rr_run_block 1 "### pcs: a new schedule" "$st/rr-sched1.txt" || scl_fail "1. docs' new schedule"
scl_exec 1 pcs resource update roll min_interval=1h window=90s >/dev/null ||
	scl_fail "1. pcs resource update window"
scl_wait 30 "the record under '$RR_SCHED'" rr_sched_is "$RR_SCHED" ||
	scl_fail "1. record's schedule: '$(rr_rec schedule)'"
echo "1. schedule '$RR_SCHED': slots $(date -d "@$S1" +%T), $(date -d "@$S2" +%T), $(date -d "@$S3" +%T) ($(elapsed))"
pids0=$(rl_kam_pids)
scl_wait $((S1 - $(date +%s) + 40)) "the slot's run" rr_outcome_like "running" ||
	scl_fail "1. no run at the slot: $(rr_show)"
t_run=$(date +%s)
echo "1. run started $((t_run - S1)) s after the slot: trigger '$(rr_rec trigger)'"
scl_wait 120 "the slot's outcome" rr_outcome_like "success" || scl_fail "1. $(rr_show)"
[ "$(rr_rec slot-done)" = "$(rr_time "$S1")" ] ||
	scl_fail "1. slot done '$(rr_rec slot-done)', want '$(rr_time "$S1")'"
pids1=$(rl_kam_pids)
for p in $pids0; do
	case " $pids1 " in *" $p "*) scl_fail "1. not restarted: $p (after: $pids1)" ;; esac
done
[ "$(rl_leftovers 1)" = 0 ] || scl_fail "1. sipha-roll-* left: $(rl_leftovers 1)"
rl_last_run 1 || scl_fail "1. no sipha-last-run record"
on=$(rr_where)
scl_wait 30 "sipha-sched-last on $on" rr_attr_like sipha-sched-last "$on" "*success*" ||
	scl_fail "1. sipha-sched-last on $on: '$(rr_attr sipha-sched-last "$on")'"
rr_run_block 2 "## Watching it" "$st/rr-watch.txt" || scl_fail "1. docs' watching block"
grep -q "success" "$st/rr-watch.txt" || scl_fail "1. the watching block's output shows no success"
grep -q "sipha-sched-next" "$st/rr-watch.txt" || scl_fail "1. crm_mon -A / pcs status --full lack sipha-sched-next"
echo "1. success recorded; slot done $(rr_rec slot-done); pids $pids0 -> $pids1; on $on:" \
	"sipha-sched-last '$(rr_attr sipha-sched-last "$on")', sipha-sched-next '$(rr_attr sipha-sched-next "$on")' ($(elapsed))"
grep -i -m3 "sched\|schedul" "$st/rr-watch.txt" | sed 's/^/   status: /'

# 4. Move the primitive (docs' block, to the node it is not on): record kept, no re-run.
start1=$(rr_rec run-start)
RR_NODE=node$((3 - ${on#node}))
rr_run_block 1 "### Moving it" "$st/rr-move.txt" || scl_fail "4. docs' moving block"
RR_NODE=
scl_wait 30 "roll on node$((3 - ${on#node}))" rr_on_node "node$((3 - ${on#node}))" ||
	scl_fail "4. roll on '$(rr_where)' after the move"
sleep 12
[ "$(rr_rec run-start)" = "$start1" ] || scl_fail "4. a new run after the move: $(rr_show)"
rr_outcome_like success || scl_fail "4. $(rr_show)"
[ "$(rr_rec slot-done)" = "$(rr_time "$S1")" ] || scl_fail "4. slot done changed: $(rr_show)"
echo "4. moved $on -> $(rr_where): record kept (last run $start1, success, slot done $(rr_rec slot-done)), no re-run ($(elapsed))"

# 5. node2 in standby at the next slot: refused, then skipped when the window (90s) passes.
scl_exec 1 pcs node standby node2 >/dev/null || scl_fail "5. pcs node standby"
scl_wait $((S2 - $(date +%s) + 40)) "a refusal at the slot" rr_outcome_like "refused:*" ||
	scl_fail "5. no refusal: $(rr_show)"
echo "5. at the slot: $(rr_rec outcome | cut -c1-150)"
rr_outcome_like "*standby*" || scl_fail "5. the refusal does not say standby: $(rr_show)"
scl_wait $((S2 + 90 - $(date +%s) + 30)) "the slot skipped" rr_outcome_like "skipped*" ||
	scl_fail "5. not skipped: $(rr_show)"
rr_outcome_like "*standby*" || scl_fail "5. the skip does not say why: $(rr_show)"
[ "$(rr_rec slot-done)" = "$(rr_time "$S2")" ] || scl_fail "5. slot done: $(rr_show)"
echo "5. window passed: $(rr_rec outcome | cut -c1-200) ($(elapsed))"

# 2. Still in standby at the next slot: refused; back online: runs inside the window.
scl_wait $((S3 - $(date +%s) + 30)) "a refusal at the slot" rr_outcome_like "refused:*" ||
	scl_fail "2. no refusal: $(rr_show)"
scl_exec 1 pcs node unstandby node2 >/dev/null || scl_fail "2. pcs node unstandby"
t_back=$(date +%s)
echo "2. refused at the slot, node2 back $((t_back - S3)) s after it"
scl_wait $((S3 + 90 - $(date +%s) + 5)) "the run inside the window" rr_outcome_like "running" ||
	rr_outcome_like success || scl_fail "2. no run inside the window: $(rr_show)"
scl_wait 120 "the slot's outcome" rr_outcome_like "success" || scl_fail "2. $(rr_show)"
[ "$(rr_rec slot-done)" = "$(rr_time "$S3")" ] || scl_fail "2. slot done: $(rr_show)"
[ "$(rl_leftovers 1)" = 0 ] || scl_fail "2. sipha-roll-* left: $(rl_leftovers 1)"
echo "2. success inside the window: run started $(rr_rec run-start) ($(elapsed))"

# 6. A brought-forward run, aborted with the docs' block while it runs.
scl_exec 1 pcs resource update roll min_interval=0 min_healthy=10s >/dev/null ||
	scl_fail "6. pcs resource update"
scl_exec 2 attrd_updater -n sipha-shm-exhaust-s -U 600 || scl_fail "6. attrd_updater"
scl_wait 40 "a brought-forward run holding the lock" rl_lock_present 1 ||
	scl_fail "6. no run: $(rr_show)"
scl_exec 2 attrd_updater -n sipha-shm-exhaust-s -D >/dev/null 2>&1
rr_run_block 2 "### Aborting a run" "$st/rr-abort.txt" || scl_fail "6. docs' abort block"
scl_wait 60 "the aborted outcome" rr_outcome_like "aborted:*" || scl_fail "6. $(rr_show)"
scl_wait 30 "nothing sipha-roll-* left" rr_no_leftovers ||
	scl_fail "6. sipha-roll-* left: $(rl_leftovers 1)"
echo "6. aborted: $(rr_rec outcome | cut -c1-150) ($(elapsed))"

# 7. Removed with the docs' pcs block; then the crmsh blocks: set up, new schedule, removed.
rr_run_block 1 "### pcs: removing it" "$st/rr-rm-pcs.txt" || scl_fail "7. docs' pcs removal"
scl_wait 30 "roll gone" rr_gone || scl_fail "7. roll still there after the pcs removal"
rr_has_record && scl_fail "7. the record outlived the docs' pcs removal"
RR_SCHED=
rr_run_block 1 "### crmsh" "$st/rr-create-crm.txt" || scl_fail "7. docs' crmsh block"
scl_wait 30 "roll started" rr_on || scl_fail "7. roll not started by crmsh"
scl_wait 30 "the record under the docs' schedule" rr_sched_is "0 4 * * 2,5" ||
	scl_fail "7. record's schedule after crmsh: '$(rr_rec schedule)'"
rr_run_block 1 "### crmsh: a new schedule" "$st/rr-sched-crm.txt" ||
	scl_fail "7. docs' crmsh new schedule"
scl_wait 40 "the record under the crmsh block's schedule" rr_sched_is "30 3 * * Mon,Thu" ||
	scl_fail "7. record's schedule: '$(rr_rec schedule)'"
rr_run_block 1 "### crmsh: removing it" "$st/rr-rm-crm.txt" || scl_fail "7. docs' crmsh removal"
scl_wait 30 "roll gone" rr_gone || scl_fail "7. roll still there after the crmsh removal"
rr_has_record && scl_fail "7. the record outlived the docs' crmsh removal"
echo "7. pcs removal, crmsh set up ('0 4 * * 2,5'), new schedule ('30 3 * * Mon,Thu'), crmsh removal ($(elapsed))"
echo PASS
