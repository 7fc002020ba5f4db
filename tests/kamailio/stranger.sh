#!/bin/sh
# The recorded pid now belongs to another process (pid reuse): it is reported as not running,
# and neither monitor nor stop signals it.
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5062"
start_ok
pid=$(kam_pid)
id=$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.kamailio.id
# Kamailio dies entirely (as in a crash with its children)...
for p in $(session_pids "$pid"); do kill -9 "$p"; done
i=0
while [ -n "$(session_pids "$pid")" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
# ...and its pid is handed to an unrelated process: simulate by pointing the record and the
# pidfile at a sleep, keeping Kamailio's start time and exe as they were recorded
sleep 300 & other=$!
EXTRA_CLEANUP="kill $other"
set -- $(cat "$id")
echo "$other $2 $3 $4" > "$id"
echo "$other" > "$T/run/kamailio.pid"
expect 7 monitor
echo "reason: $(reason)"
case $(reason) in *"belongs to another process"*) ;; *) fail "reason: $(reason)" ;; esac
fault_row kamailio monitor "a stranger's process on the recorded pid" "belongs to another process"
expect 0 stop
fault_row kamailio stop "a stranger's process on the recorded pid (not signalled)" ""
kill -0 "$other" || fail "process $other that reused the pid was killed"
expect 7 monitor
# start works: the stale pidfile (a sleep, not kamailio) is replaced
start_ok
kill -0 "$other" || fail "start killed $other"
expect 0 stop
echo "PASS: stranger"
