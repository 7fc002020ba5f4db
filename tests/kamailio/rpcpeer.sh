#!/bin/sh
# Our RPC socket taken by another live Kamailio (a second instance started on the same
# runtime_dir or rpc_socket moves its socket over ours): its figures are not ours, and read as
# ours a sick Kamailio would show the other's green health (outage 1 again). The kernel names
# the process behind each reply (SCM_CREDENTIALS): the monitor fails naming it. A fault row of
# docs/faults.md.
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5062"
OURS=$OCF_RESKEY_runtime_dir/kamailio_rpc.sock

start_ok
expect 0 monitor

# the other: a Kamailio of its own instance, runtime dir and port
other() {
	OCF_RESOURCE_INSTANCE=skam-rpcpeer-other OCF_RESKEY_runtime_dir=$T/run-other \
		OCF_RESKEY_listen="udp:${KAM_IP}:5061" "$AGENT" "$@"
}
other start > "$T/other.out" 2>&1 || { cat "$T/other.out"; fail "the other Kamailio did not start"; }
EXTRA_CLEANUP='other stop >/dev/null 2>&1'
other_pid=$(cut -d' ' -f1 "$HA_RSCTMP/sipha/skam-rpcpeer-other.kamailio.id")
check "the other Kamailio runs (pid $other_pid, ours $KAM_SID)" [ -n "$other_pid" ]

# its socket moved over ours
writes=$(grep -c '^sipha-health ' "$T/attrs")
mv "$T/run-other/kamailio_rpc.sock" "$OURS"
run monitor
echo "# monitor with the other's socket in place of ours: rc $RC: $(reason)"
check "monitor fails (1), not the other's green ($RC)" [ "$RC" = 1 ]
case $(reason) in
*"answered by pid "*"of session $other_pid:"*) ok "the reason names the other's session" ;;
*) not_ok "reason: $(reason)" ;;
esac
fault_row kamailio monitor "RPC socket replaced by another live Kamailio's" "another Kamailio took the socket"
check "no health published from the other's figures" [ "$(grep -c '^sipha-health ' "$T/attrs")" = "$writes" ]

# stop still stops ours (it goes by the process, not the socket) and leaves the other alone
expect 0 stop
check "ours is gone" [ -z "$(session_pids "$KAM_SID")" ]
check "the other still runs" kill -0 "$other_pid"
other stop > /dev/null 2>&1
echo "PASS: rpcpeer"
