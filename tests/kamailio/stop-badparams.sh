#!/bin/sh
# Stop with parameters that no longer parse (an admin's edit that validation would refuse):
# the instance recorded at start is still stopped, nothing is left running.
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5060"
start_ok
pid=$(kam_pid)
kill -0 "$pid" || fail "kamailio $pid not running after start"

# a value that does not parse (shmem is a number), and one out of its range
OCF_RESKEY_shmem=lots OCF_RESKEY_rpc_timeout=0s expect 0 stop
STOP_ERR=$ERR
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null && fail "kamailio $pid still running after stop"
[ -z "$(session_pids "$KAM_SID")" ] || fail "processes of the session left: $(session_pids "$KAM_SID")"
expect 7 monitor
echo "log: $(printf '%s\n' "$STOP_ERR" | grep -i 'invalid configuration' | head -1)"
printf '%s\n' "$STOP_ERR" | grep -q "defaults stand in" || fail "stop did not say defaults stood in"

# a runtime_dir that does not parse either: the record alone finds the process
start_ok
pid=$(kam_pid)
OCF_RESKEY_runtime_dir=relative/dir expect 0 stop
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$pid" 2>/dev/null && fail "kamailio $pid still running after stop (bad runtime_dir)"
echo "PASS: stop-badparams"
