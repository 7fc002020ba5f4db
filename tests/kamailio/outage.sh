#!/bin/sh
# The first outage, reproduced: a small shared-memory pool filled by REGISTER bindings (many
# distinct users, long Expires) until Kamailio answers 500. Between load steps the agent's
# monitor runs as Pacemaker would: it must turn yellow with a predicted exhaustion before the
# first 500, and red (failure) once REGISTERs fail. Prints the lead time. The load is
# tests/kamailio/exhaust-lib.sh's, shared with bench/leak-bench.sh.
. "$top_srcdir/tests/kamailio/lib.sh"
. "$top_srcdir/tests/kamailio/exhaust-lib.sh"
PROBE=$EX_PROBE
export OCF_RESKEY_listen="udp:${KAM_IP}:5065 tcp:${KAM_IP}:5065"
export OCF_RESKEY_shmem=${KAM_OUTAGE_SHM:-8}
export OCF_RESKEY_trend_window=10min OCF_RESKEY_trend_min_samples=3
# #health-sipha (node-health-strategy's) follows sipha-health through yellow and red
export OCF_RESKEY_node_health=true

# the agent's monitor after a step: yellow with a prediction warns, red fails
sipha_check() {
	run monitor
	h=$(attr sipha-health) ex=$(attr sipha-shm-exhaust-s) pct=$(attr sipha-shm-used-pct)
	echo "step $1 t=${2}ms regs=$3 5xx=$4 monitor=$RC health=$h shm=${pct}% exhaust_s=$ex: $(reason)"
	[ "$(attr '#health-sipha')" = "$h" ] || fail "#health-sipha=$(attr '#health-sipha'), sipha-health=$h"
	[ "$RC" = 1 ] && [ "$h" = red ] && { red_reason=$(reason); return 2; }
	[ "$RC" = 190 ] && [ "$ex" != none ] && return 1
	return 0
}

start_ok
red_reason=
exhaust_run "udp:${KAM_IP}:5065" s sipha_check
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

[ -n "$EX_FIRST_5XX" ] || fail "no 500 after $EX_TOTAL registrations (pool too large?)"
[ -n "$EX_FIRST_WARN" ] || fail "no yellow with a prediction before the outage"
[ "$EX_FIRST_WARN" -lt "$EX_FIRST_5XX" ] ||
	fail "yellow ($EX_FIRST_WARN ms) came after the first 500 ($EX_FIRST_5XX ms)"
[ -n "$EX_FIRST_FAIL" ] || fail "not red after REGISTERs failed"
echo "red: $red_reason (#health-sipha=$(attr '#health-sipha'))"
echo "lead time: $(ex_seconds $((EX_FIRST_5XX - EX_FIRST_WARN))) s between the first yellow with a prediction and the first 500"
expect 0 stop
# red stays after the stop (both attributes), until a restarted instance publishes its own
[ "$(attr sipha-health)/$(attr '#health-sipha')" = red/red ] ||
	fail "after stop: sipha-health=$(attr sipha-health) #health-sipha=$(attr '#health-sipha')"
echo "PASS: outage"
