#!/bin/sh
# kill -9 of the main process is noticed (its children are left: failure, and stop cleans
# them up); a SIGSTOPped Kamailio is reported within the budget; a missing RPC socket is named.
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5063 tcp:${KAM_IP}:5063"

start_ok
pid=$(kam_pid)
kill -9 "$pid"
sleep 0.2
expect 1 monitor
echo "reason: $(reason)"
case $(reason) in *"is gone"*"left"*) ;; *) fail "reason: $(reason)" ;; esac
fault_row kamailio monitor "main process killed, children left" "is gone"
expect 0 stop
[ -z "$(session_pids "$pid")" ] || fail "children left after stop: $(session_pids "$pid")"
expect 7 monitor

# everything killed at once: plainly not running
start_ok
pid=$(kam_pid)
for p in $(session_pids "$pid"); do kill -9 "$p"; done
sleep 0.3
expect 7 monitor
echo "reason: $(reason)"
fault_row kamailio monitor "every Kamailio process killed" "exited or was killed"
expect 0 stop

# SIGSTOP: the whole instance frozen. The monitor answers well inside its timeout.
start_ok
pid=$(kam_pid)
KAM_SID=$pid
for p in $(session_pids "$pid"); do kill -STOP "$p"; done
t0=$(date +%s%N)
OCF_RESKEY_CRM_meta_timeout=5000 expect 1 monitor
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "reason: $(reason) (${ms} ms)"
[ "$ms" -lt 5000 ] || fail "monitor took $ms ms"
case $(reason) in *stopped*) ;; *) fail "reason: $(reason)" ;; esac
fault_row kamailio monitor "Kamailio frozen (SIGSTOP)" "stopped"
for p in $(session_pids "$pid"); do kill -CONT "$p"; done
sleep 0.2
expect 0 monitor
# a hung RPC (alive, not stopped, never answers): the RPC timeout ends the monitor in time
"$top_builddir/tests/kamailio/deafsock" "$T/run/deaf.sock" 60 &
deaf=$!
EXTRA_CLEANUP="kill $deaf"
i=0
while [ ! -S "$T/run/deaf.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
t0=$(date +%s%N)
OCF_RESKEY_rpc_socket=$T/run/deaf.sock OCF_RESKEY_rpc_timeout=1s OCF_RESKEY_CRM_meta_timeout=5000 \
	expect 1 monitor
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "reason: $(reason) (${ms} ms)"
[ "$ms" -ge 900 ] && [ "$ms" -lt 3000 ] || fail "monitor took $ms ms"
case $(reason) in *"did not answer within 1000 ms"*) ;; *) fail "reason: $(reason)" ;; esac
fault_row kamailio monitor "RPC socket replaced by one that never answers" "did not answer within 1000 ms"
for p in $(session_pids "$pid"); do kill -STOP "$p"; done
# stop gets it out of there anyway, within its budget
t0=$(date +%s%N)
OCF_RESKEY_CRM_meta_timeout=10000 expect 0 stop
fault_row kamailio stop "Kamailio frozen (SIGSTOP)" ""
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "stop of a stopped kamailio: ${ms} ms"
[ -z "$(session_pids "$pid")" ] || fail "processes left: $(session_pids "$pid")"

# the RPC socket gone (e.g. removed by hand): monitor names it
start_ok
rm -f "$T/run/kamailio_rpc.sock"
expect 1 monitor
echo "reason: $(reason)"
case $(reason) in *"no RPC socket"*) ;; *) fail "reason: $(reason)" ;; esac
fault_row kamailio monitor "RPC socket deleted" "no RPC socket"
expect 0 stop
echo "PASS: crash"
