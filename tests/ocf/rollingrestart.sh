#!/bin/bash
# ocf:sipha:rollingrestart without a cluster: meta-data and usage (the internal action "run" not
# advertised), validation of schedules (exit 6, the reason naming the field and the value),
# probes and monitors where not started (7), stop when stopped (0), start and monitor with no
# CIB to reach (0, a warning); then against a CIB file (CIB_file, tests/unit/cib/two-nodes.xml):
# start writes the record, monitor publishes sipha-sched-next and sipha-sched-last, a predicted
# exhaustion brings a run forward, detached, which records its pid and its outcome.
. "$top_srcdir/tests/lib.sh"
A=$top_builddir/agents/rollingrestart
[ -x "$A" ] || skip "agents/rollingrestart not built"
need_cmd xmllint cibadmin
T=$(mktemp -d /tmp/sipha-rr.XXXXXX)
trap 'rm -rf "$T"' EXIT
unset $(env | sed -n 's/^\(OCF_RESKEY_[^=]*\)=.*/\1/p') CIB_file
export HA_RSCTMP=$T/rsctmp OCF_RESOURCE_INSTANCE=roll
mkdir -p "$HA_RSCTMP"
cat >"$T/attrd_updater" <<EOS
#!/bin/sh
# stand-in for attrd_updater: -n NAME -U VALUE, or -D -n NAME (recorded as NAME with no value)
case \$1 in -D) echo "\$3|" ;; *) echo "\$2|\$4" ;; esac >> "$T/attrs"
EOS
chmod 755 "$T/attrd_updater"
export SIPHA_ATTRD_UPDATER=$T/attrd_updater
attr() { awk -F'|' -v n="$1" '$1 == n { v = $2 } END { print v }' "$T/attrs" 2>/dev/null; }

# --- what the agent advertises ---
expect_rc 0 "meta-data" "$A" meta-data
md=$out
n=$(printf '%s\n' "$md" | xmllint --xpath 'count(//action[@name="run"])' -)
check "meta-data does not list the internal action run" test "$n" = 0
n=$(printf '%s\n' "$md" | xmllint --xpath 'string(//action[@name="monitor"]/@interval)' -)
check "monitor advertised every 60s ($n)" test "$n" = 60s
n=$(printf '%s\n' "$md" | xmllint --xpath 'string(//parameter[@name="schedule"]/@required)' -)
check "schedule is required" test "$n" = 1
for p in window min_interval clone ip lease min_healthy step_timeout; do
	n=$(printf '%s\n' "$md" | xmllint --xpath "count(//parameter[@name='$p'])" -)
	[ "$n" = 1 ] || not_ok "meta-data lacks parameter $p"
done
ok "meta-data lists window, min_interval, clone, ip, lease, min_healthy, step_timeout"
expect_rc 0 "usage" "$A" usage
case $out in *run*) not_ok "usage advertises run: $out" ;; *) ok "usage does not list run" ;; esac
expect_rc 0 "--man" "$A" --man
contains "ERR_CONFIGURED" "man page has the exit-code policy"
case $out in *'"run"'* | *'B run'*) not_ok "man page documents the internal action" ;;
*) ok "man page does not document the internal action" ;; esac

# --- validation ---
v() { env "$@" "$A" validate-all; }
expect_rc 6 "no schedule" v
contains "schedule" "the reason names the missing parameter"
# schedule | words the reason must contain
while IFS='|' read -r spec w1 w2; do
	expect_rc 6 "schedule '$spec' refused" v OCF_RESKEY_schedule="$spec"
	contains "$w1" "'$spec': the reason names the field ($w1)"
	contains "$w2" "'$spec': the reason names the value ($w2)"
done <<'EOF'
0 4 * * Fru|day-of-week|Fru
60 4 * * *|minute|60
0 24 * * *|hour|24
0 4 0 * *|day-of-month|0
0 4 * 13 *|month|13
0 4 * * 2-9|day-of-week|9
*/0 4 * * *|minute|0
0 4 * *|schedule|0 4 * *
EOF
expect_rc 6 "a schedule naming no time (30 February)" v OCF_RESKEY_schedule="0 0 30 2 *"
contains "10 years" "the reason says no time within 10 years"
expect_rc 0 "'0 4 * * 2,5' is valid" v OCF_RESKEY_schedule="0 4 * * 2,5"
expect_rc 0 "'30 3 * * Mon,Thu' is valid" v OCF_RESKEY_schedule="30 3 * * Mon,Thu"
expect_rc 0 "'@daily' is valid" v OCF_RESKEY_schedule="@daily"
expect_rc 6 "window below 1min" v OCF_RESKEY_schedule="@daily" OCF_RESKEY_window=30s
contains "window" "the reason names window"
expect_rc 6 "min_healthy not shorter than step_timeout" v OCF_RESKEY_schedule="@daily" \
	OCF_RESKEY_min_healthy=5min OCF_RESKEY_step_timeout=1min
contains "step_timeout" "the reason names step_timeout"
expect_rc 6 "an unknown parameter" v OCF_RESKEY_schedule="@daily" OCF_RESKEY_schedul=x

# --- not started here ---
export OCF_RESKEY_schedule="0 4 * * 2,5"
expect_rc 7 "probe where not started" env OCF_RESKEY_CRM_meta_interval=0 "$A" monitor
expect_rc 7 "recurring monitor where not started" env OCF_RESKEY_CRM_meta_interval=10000 "$A" monitor
expect_rc 0 "stop of a stopped instance" "$A" stop
expect_rc 6 "start with a bad schedule" env OCF_RESKEY_schedule="0 4 * * Fru" "$A" start
expect_rc 7 "probe after the refused start" "$A" monitor

# --- no CIB to reach (no cluster on this host): start and monitor succeed with a warning ---
if ! timeout 10 cibadmin -Q >/dev/null 2>&1; then
	expect_rc 0 "start without a CIB" timeout 20 "$A" start
	contains "monitor tries again" "start warns that the monitor retries"
	expect_rc 0 "monitor without a CIB" env OCF_RESKEY_CRM_meta_interval=10000 timeout 20 "$A" monitor
	expect_rc 0 "stop" "$A" stop
	expect_rc 7 "probe after stop" "$A" monitor
else
	skip_part "a cluster runs on this host: the no-CIB case is not tested"
fi

# --- against a CIB file ---
cp "$top_srcdir/tests/unit/cib/two-nodes.xml" "$T/cib.xml"
export CIB_file=$T/cib.xml
# A detached run may be rewriting the CIB file (libcib's file backend writes it in place):
# read a copy that parses, retried for up to 2 s.
rec() {
	local i=0
	while [ $i -lt 40 ]; do
		cp "$T/cib.xml" "$T/cib.read.xml" 2>/dev/null && xmllint --noout "$T/cib.read.xml" 2>/dev/null &&
			break
		sleep 0.05
		i=$((i + 1))
	done
	xmllint --xpath "string(//cluster_property_set[@id='sipha-schedule-roll']/nvpair[@name='sipha-sched-$1']/@value)" "$T/cib.read.xml"
}
expect_rc 0 "start (CIB file)" "$A" start
check "start wrote the record with the schedule ($(rec schedule))" test "$(rec schedule)" = "0 4 * * 2,5"
since=$(rec since)
check "the record has since ($since)" test -n "$since"
expect_rc 0 "monitor (CIB file)" env OCF_RESKEY_CRM_meta_interval=10000 "$A" monitor
check "sipha-sched-next published ($(attr sipha-sched-next))" test -n "$(attr sipha-sched-next)"
check "sipha-sched-last published: none yet ($(attr sipha-sched-last))" test "$(attr sipha-sched-last)" = none
check "the record's next slot written ($(rec next-slot))" test -n "$(rec next-slot)"

# a predicted exhaustion on node2 with the schedule months away: brought forward, detached
sed -i 's/\(id="status-2-sipha-shm-exhaust-s" name="sipha-shm-exhaust-s" value="\)none/\1600/' "$T/cib.xml"
export OCF_RESKEY_schedule="0 4 29 2 *" OCF_RESKEY_min_interval=0
expect_rc 0 "start under a new schedule" "$A" start
check "the record took the new schedule" test "$(rec schedule)" = "0 4 29 2 *"
t0=$(date +%s%3N)
expect_rc 0 "monitor with node2 predicting exhaustion in 600 s" env OCF_RESKEY_CRM_meta_interval=10000 "$A" monitor
t1=$(date +%s%3N)
check "the monitor returned at once ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 5000
case $(rec trigger) in *node2*) ok "trigger recorded: $(rec trigger)" ;;
*) not_ok "trigger does not name node2: '$(rec trigger)'" ;; esac
i=0
while [ "$(rec outcome)" = running ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
o=$(rec outcome)
case $o in failed:* | refused:* | aborted:*) ok "the detached run recorded its outcome: $o" ;;
*) not_ok "no outcome from the detached run: '$o'" ;; esac
check "the run recorded its pid ($(rec run-pid))" test "$(rec run-pid)" -gt 0
check "running is false again ($(rec running))" test "$(rec running)" = false
# the clock went back a year (a node that ran ahead, stepped back by NTP): the record's set-up
# and handled slot lie in the future. Without care no decision is made (set-up after now) and
# no slot runs until the clock catches up; the monitor takes them as now and says so.
sed -i 's/\(id="status-2-sipha-shm-exhaust-s" name="sipha-shm-exhaust-s" value="\)600/\1none/' "$T/cib.xml"
export OCF_RESKEY_schedule="0 4 * * *"
expect_rc 0 "start under a daily schedule" "$A" start
ahead=$(date -u -d '+1 year' '+%Y-%m-%d 04:00:00Z')
sed -i -e "s/\(name=\"sipha-sched-since\" value=\"\)[^\"]*/\1$ahead/" \
	-e "s/\(name=\"sipha-sched-slot-done\" value=\"\)[^\"]*/\1$ahead/" "$T/cib.xml"
check "the record set up and handled a year ahead ($(rec since), $(rec slot-done))" \
	test "$(rec since)" = "$ahead" -a "$(rec slot-done)" = "$ahead"
: > "$T/attrs"
expect_rc 0 "monitor after the clock went back a year" env OCF_RESKEY_CRM_meta_interval=10000 "$A" monitor
contains "the clock went back" "the monitor says the clock went back"
fault_row rollingrestart monitor "the wall clock stepped back a year (record ahead)" "the clock went back"
now_s=$(date -u +%s)
since_s=$(date -u -d "$(rec since | sed 's/Z$/ UTC/')" +%s)
check "the set-up taken as now ($(rec since))" test "$since_s" -le "$now_s" -a "$since_s" -gt $((now_s - 60))
done_s=$(date -u -d "$(rec slot-done | sed 's/Z$/ UTC/')" +%s)
check "the handled slot is the latest before now ($(rec slot-done))" \
	test "$done_s" -le "$now_s" -a "$done_s" -gt $((now_s - 86400))
check "the next slot published again ($(attr sipha-sched-next))" test -n "$(attr sipha-sched-next)"
expect_rc 0 "the next monitor: nothing more to mend" env OCF_RESKEY_CRM_meta_interval=10000 "$A" monitor
case $out in *"clock went back"*) not_ok "the record was mended twice" ;; *) ok "mended once" ;; esac
expect_rc 0 "stop (CIB file)" "$A" stop
check "stop deleted the attributes" grep -q '^sipha-sched-next|$' "$T/attrs"
finish
