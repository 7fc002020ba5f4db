#!/bin/bash
# siphactl status over a CIB file (CIB_file=, no cluster): the records of scheduled rolling
# restarts (ocf:sipha:rollingrestart's cluster_property_set sipha-schedule-RSC) in text and
# JSON — schedule, next slot, a run going on, the latest run, a skipped slot with its reason —
# and the output of a CIB without records unchanged. The CIB is a copy of the namespace
# cluster's (tests/unit/cib/two-nodes.xml); the records are written as the agent writes them,
# with cibadmin.
. "$top_srcdir/tests/lib.sh"
need_cmd crm_verify python3
siphactl_on_cib_file status-sched

# record ID NVPAIRS...: a sipha-schedule-ID set with nvpairs NAME=VALUE (sipha-sched-NAME)
record() {
	local id=$1 x nv
	shift
	x="<cluster_property_set id=\"sipha-schedule-$id\">"
	for nv; do
		x+="<nvpair id=\"sipha-schedule-$id-${nv%%=*}\" name=\"sipha-sched-${nv%%=*}\""
		x+=" value=\"${nv#*=}\"/>"
	done
	cibadmin --create -o crm_config -X "$x</cluster_property_set>"
}
xj() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$dir/status.json" "$1"; }

expect_rc 0 "status without records" "$CTL" status
before=$out
contains "last rolling restart: none recorded" "status reads the CIB file"
case $out in *schedule*) not_ok "no record: no schedule line";; *) ok "no record: no schedule line";; esac
"$CTL" status --json >"$dir/status.json"
check "no record: schedules is an empty list" [ "$(xj 'd["schedules"]')" = "[]" ]

check "a running record is accepted" record roll rsc=roll "schedule=0 4 * * 2,5" \
	"since=2026-11-20 12:00:00Z" "slot-done=2026-12-01 04:00:00Z" \
	"next-slot=2026-12-04 04:00:00Z" running=true run-node=node2 run-pid=4242 \
	"run-start=2026-12-01 04:00:30Z" run-end= "run-slot=2026-12-01 04:00:00Z" \
	"trigger=slot 2026-12-01 05:00 CET" outcome=
check "a finished record is accepted" record nightly rsc=nightly "schedule=@daily" \
	"since=2026-11-20 12:00:00Z" "slot-done=2026-12-02 00:00:00Z" \
	"next-slot=2026-12-03 00:00:00Z" running=false run-node= run-pid= \
	"run-start=2026-12-01 10:00:05Z" "run-end=2026-12-01 10:02:10Z" run-slot= \
	"trigger=brought forward: node2's shared memory runs out in 2h 10min, before the slot 2026-12-02 01:00 CET" \
	"outcome=skipped: window 1h ended; last refused: node node2 is in standby"
check "the CIB file stays valid" crm_verify -x "$CIB_file"

expect_rc 0 "status with records" "$CTL" status
contains "$before" "the former output is kept, the schedules come after it"
contains 'schedule roll: "0 4 * * 2,5", next slot 2026-12-04 04:00:00Z' "roll: schedule, next slot"
contains "  run: RUNNING on node2 pid 4242 since 2026-12-01 04:00:30Z, for the slot 2026-12-01 04:00:00Z" \
	"roll: the run going on"
contains "  trigger: slot 2026-12-01 05:00 CET" "roll: why it started"
contains 'schedule nightly: "@daily", next slot 2026-12-03 00:00:00Z' "nightly: schedule, next slot"
contains "  latest run: 2026-12-01 10:00:05Z to 2026-12-01 10:02:10Z, brought forward" \
	"nightly: the latest run, brought forward"
contains "  outcome: skipped: window 1h ended; last refused: node node2 is in standby" \
	"nightly: the skipped slot and its reason"

expect_rc 0 "status --json with records" "$CTL" status --json
printf '%s\n' "$out" >"$dir/status.json"
check "json: two schedules" [ "$(xj 'len(d["schedules"])')" = 2 ]
check "json: resource" [ "$(xj 'd["schedules"][0]["resource"]')" = roll ]
check "json: schedule" [ "$(xj 'd["schedules"][0]["schedule"]')" = "0 4 * * 2,5" ]
check "json: next slot" [ "$(xj 'd["schedules"][0]["next_slot"]')" = 1796356800 ]
check "json: running" [ "$(xj 'd["schedules"][0]["running"]')" = True ]
check "json: run node and pid" [ "$(xj 'd["schedules"][0]["run"]["node"], d["schedules"][0]["run"]["pid"]')" = "('node2', 4242)" ]
check "json: run start, no end yet" [ "$(xj 'd["schedules"][0]["run"]["start"], d["schedules"][0]["run"]["end"]')" = "(1796097630, None)" ]
check "json: run slot" [ "$(xj 'd["schedules"][0]["run"]["slot"]')" = 1796097600 ]
check "json: no outcome yet" [ "$(xj 'd["schedules"][0]["outcome"]')" = None ]
check "json: finished run" [ "$(xj 'd["schedules"][1]["run"]["end"] - d["schedules"][1]["run"]["start"]')" = 125 ]
check "json: brought forward (no slot)" [ "$(xj 'd["schedules"][1]["run"]["slot"]')" = None ]
check "json: outcome with reason" [ "$(xj 'd["schedules"][1]["outcome"]')" = "skipped: window 1h ended; last refused: node node2 is in standby" ]
check "json: the rest is kept" [ "$(xj 'd["ip_node"], d["rolling_restart"]["last"]')" = "('node1', None)" ]
finish
