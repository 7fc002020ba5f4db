#!/bin/sh
# Stale pidfiles in the runtime dir: one naming a dead pid or an unrelated process is removed at
# start; one naming a running Kamailio that the agent did not start blocks the start and is not
# killed. (The agent's own Kamailio writes its pidfile in the root-only state dir.)
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5061"
mkdir -p "$T/run"

# a dead pid: spawn and reap a short process, keep its number
sleep 0 & dead=$!
wait $dead
echo "$dead" > "$T/run/kamailio.pid"
start_ok
[ ! -e "$T/run/kamailio.pid" ] || fail "stale pidfile not removed"
[ "$(cat "$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.kamailio.pid")" = "$(kam_pid)" ] ||
	fail "the agent's pidfile does not hold $(kam_pid)"
expect 0 stop

# an unrelated live process
sleep 300 & other=$!
EXTRA_CLEANUP="kill $other"
echo "$other" > "$T/run/kamailio.pid"
start_ok
kill -0 "$other" || fail "unrelated process $other was killed"
expect 0 monitor
expect 0 stop
kill -0 "$other" || fail "unrelated process $other was killed by stop"

# a Kamailio that we did not start (run by hand with the same runtime dir)
"$KAMAILIO_BIN" -DD -f "$OCF_RESKEY_conffile" -Y "$T/run" -P "$T/run/kamailio.pid" -m 8 -M 4 \
	-l udp:${KAM_IP}:5061 >/dev/null 2>&1 &
foreign=$!
EXTRA_CLEANUP="kill $other; kill $foreign; sleep 0.5; for p in \$(session_pids $foreign); do kill -9 \$p; done"
i=0
while [ ! -s "$T/run/kamailio.pid" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect 7 monitor
expect 1 start
echo "reason: $(reason)"
case $(reason) in *"not started by this agent"*) ;; *) fail "reason: $(reason)" ;; esac
fault_row kamailio start "a Kamailio the agent did not start on the runtime dir" "not started by this agent"
expect 0 stop
kill -0 "$foreign" || fail "foreign kamailio $foreign was killed"
echo "PASS: stale"
