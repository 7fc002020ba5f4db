#!/bin/sh
# start, monitor, idempotent start/stop, attributes, probe: the plain life of an instance.
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5060 tcp:${KAM_IP}:5060"

expect 7 monitor
start_ok
pid=$(kam_pid)
# the pidfile is in the root-only state dir: Kamailio writes it as root, where its user cannot
# put a symlink in the way
PIDFILE=$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.kamailio.pid
[ "$(cat "$PIDFILE")" = "$pid" ] || fail "pidfile does not hold pid $pid"
[ ! -e "$T/run/kamailio.pid" ] || fail "a pidfile in the runtime dir, which its user can write"
[ "$(stat -c %U "$T/run")" = kamailio ] || fail "runtime dir not given to user kamailio"
ps -o user= -p "$(session_pids "$pid" | tail -1)" | grep -q kamailio || fail "not running as kamailio"
expect 0 monitor
[ "$(attr sipha-health)" = green ] || fail "sipha-health=$(attr sipha-health)"
pct=$(attr sipha-shm-used-pct)
[ "$pct" -gt 0 ] && [ "$pct" -lt 80 ] || fail "sipha-shm-used-pct=$pct"
[ "$(attr sipha-shm-exhaust-s)" = none ] || fail "exhaust predicted on an idle server"
n=$(wc -l < "$T/attrs")
expect 0 monitor
[ "$(wc -l < "$T/attrs")" = "$n" ] || fail "attributes rewritten without a change"
# #health-sipha (node-health-strategy's) only with node_health=true, with sipha-health's value,
# only on change; turned off, the next monitor deletes it
! grep -q '^#health-sipha ' "$T/attrs" || fail "#health-sipha written without node_health"
OCF_RESKEY_node_health=true expect 0 monitor
[ "$(attr '#health-sipha')" = green ] || fail "node_health=true: #health-sipha=$(attr '#health-sipha')"
n=$(wc -l < "$T/attrs")
OCF_RESKEY_node_health=yes expect 0 monitor
[ "$(wc -l < "$T/attrs")" = "$n" ] || fail "#health-sipha rewritten without a change"
OCF_RESKEY_node_health=true OCF_RESKEY_shm_warn_pct=1 expect 190 monitor
[ "$(attr sipha-health)/$(attr '#health-sipha')" = yellow/yellow ] ||
	fail "yellow: sipha-health=$(attr sipha-health) #health-sipha=$(attr '#health-sipha')"
expect 0 monitor
[ "$(attr sipha-health)/$(attr '#health-sipha')" = "green/(deleted)" ] ||
	fail "node_health off: sipha-health=$(attr sipha-health) #health-sipha=$(attr '#health-sipha')"
n=$(wc -l < "$T/attrs")
expect 0 monitor
[ "$(wc -l < "$T/attrs")" = "$n" ] || fail "#health-sipha deleted again"
OCF_RESKEY_node_health=maybe expect 6 validate-all
case $(reason) in *node_health*) ;; *) fail "node_health=maybe: $(reason)" ;; esac
# a probe (interval 0) says running too
OCF_RESKEY_CRM_meta_interval=0 expect 0 monitor
# outside a cluster attrd_updater fails: logged, the monitor still answers
SIPHA_ATTRD_UPDATER=/bin/false OCF_RESKEY_shm_warn_pct=1 expect 190 monitor
echo "with a failing attrd_updater: $(reason)"
# thresholds are reloadable without a restart
OCF_RESKEY_shm_warn_pct=70 expect 0 reload-agent
[ "$(kam_pid)" = "$pid" ] || fail "reload-agent replaced the process"
# second start: nothing new
expect 0 start
[ "$(kam_pid)" = "$pid" ] || fail "second start replaced the process"
expect 0 stop
[ -z "$(session_pids "$pid")" ] || fail "processes left after stop: $(session_pids "$pid")"
[ ! -e "$PIDFILE" ] || fail "pidfile left"
expect 7 monitor
expect 0 stop
# and again from scratch; stop deletes #health-sipha, even with node_health since turned off
start_ok
OCF_RESKEY_node_health=true expect 0 monitor
[ "$(attr '#health-sipha')" = green ] || fail "after a restart: #health-sipha=$(attr '#health-sipha')"
expect 0 stop
[ "$(attr '#health-sipha')" = "(deleted)" ] || fail "stop left #health-sipha=$(attr '#health-sipha')"
echo "PASS: lifecycle"
