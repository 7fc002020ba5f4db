#!/bin/sh
# The first outage, reproduced: a small shared-memory pool filled by REGISTER bindings (many
# distinct users, long Expires) until Kamailio answers 500. Between load steps the agent's
# monitor runs as Pacemaker would: it must turn yellow with a predicted exhaustion before the
# first 500, and red (failure) once REGISTERs fail. Prints the lead time.
. "$top_srcdir/tests/kamailio/lib.sh"
PROBE=$top_builddir/tests/net/sip_probe
[ -x "$PROBE" ] || fail "missing $PROBE"
export OCF_RESKEY_listen="udp:${KAM_IP}:5065 tcp:${KAM_IP}:5065"
export OCF_RESKEY_shmem=${KAM_OUTAGE_SHM:-8}
export OCF_RESKEY_trend_window=10min OCF_RESKEY_trend_min_samples=3
STEP=${KAM_OUTAGE_STEP:-250}
MAX_STEPS=${KAM_OUTAGE_MAX_STEPS:-60}
MAX_S=${KAM_OUTAGE_MAX_S:-240}

start_ok
t_start=$(date +%s%N)
now_ms() { echo $(( ($(date +%s%N) - t_start) / 1000000 )); }
first_warn= first_500= first_red= step=0 total=0
while [ $step -lt $MAX_STEPS ] && [ $(( $(now_ms) / 1000 )) -lt $MAX_S ]; do
	step=$((step + 1))
	out=$("$PROBE" -t 1000 -e 86400 -n "$STEP" register udp:${KAM_IP}:5065 "s${step}u" 2>&1)
	total=$((total + STEP))
	n500=$(printf '%s\n' "$out" | awk '$1 ~ /^5[0-9][0-9]$/ { n += $2 } END { print n + 0 }')
	t=$(now_ms)
	if [ "$n500" -gt 0 ] && [ -z "$first_500" ]; then
		first_500=$t
		echo "step $step: first 5xx to REGISTER after $total registrations: $(printf '%s' "$out" | tr '\n' ' ')"
	fi
	run monitor
	h=$(attr sipha-health) ex=$(attr sipha-shm-exhaust-s) pct=$(attr sipha-shm-used-pct)
	echo "step $step t=${t}ms regs=$total 5xx=$n500 monitor=$RC health=$h shm=${pct}% exhaust_s=$ex: $(reason)"
	if [ -z "$first_warn" ] && [ "$RC" = 190 ] && [ "$ex" != none ]; then
		first_warn=$t
	fi
	if [ -n "$first_500" ] && [ "$RC" = 1 ] && [ "$h" = red ]; then
		first_red=$t
		red_reason=$(reason)
		break
	fi
done
# OPTIONS still answered during the outage: a UDP keepalive probe alone sees nothing
"$PROBE" -t 1000 options udp:${KAM_IP}:5065 | sed 's/^/OPTIONS during the outage: /'
OCF_CHECK_LEVEL=20 run monitor
echo "depth 20 during the outage: rc=$RC $(reason)"
[ "$RC" = 1 ] || fail "depth 20 did not fail during the outage"
# over UDP only (TCP connections are refused once shm is gone): the REGISTER's 500 is named,
# with the memory figures
OCF_RESKEY_probe_targets=udp:${KAM_IP}:5065 OCF_CHECK_LEVEL=20 run monitor
echo "depth 20 over UDP during the outage: rc=$RC $(reason)"
[ "$RC" = 1 ] || fail "depth 20 over UDP did not fail during the outage"
case $(reason) in *"REGISTER answered 5"*"shm "*) ;; *) fail "reason: $(reason)" ;; esac

[ -n "$first_500" ] || fail "no 500 after $total registrations (pool too large?)"
[ -n "$first_warn" ] || fail "no yellow with a prediction before the outage"
[ "$first_warn" -lt "$first_500" ] || fail "yellow ($first_warn ms) came after the first 500 ($first_500 ms)"
[ -n "$first_red" ] || fail "not red after REGISTERs failed"
echo "red: $red_reason"
echo "lead time: $(( (first_500 - first_warn) / 1000 )).$(( (first_500 - first_warn) % 1000 / 100 )) s between the first yellow with a prediction and the first 500"
expect 0 stop
echo "PASS: outage"
