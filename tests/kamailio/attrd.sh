#!/bin/sh
# Pacemaker's attribute daemon unavailable while Kamailio runs: attrd_updater failing at once
# (attrd down: it cannot connect), not installed, or hanging (attrd stuck). The monitor's
# answer is about Kamailio, not about attrd: it still answers 0 within its budget, warns
# naming attrd_updater, leaves no attrd_updater behind, and writes the attributes once attrd
# is back. Each answer is a fault row of docs/faults.md.
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5068"
RECORDING=$SIPHA_ATTRD_UPDATER

# stand-ins for attrd_updater: one that fails as it does with attrd down, one that hangs
cat > "$T/attrd-down" <<'EOS'
#!/bin/sh
echo "Could not update $2=$4: Connection refused (-111)" >&2
exit 1
EOS
cat > "$T/attrd-stuck" <<EOS
#!/bin/sh
echo "\$\$" >> "$T/stuck.pids"
exec sleep 600
EOS
chmod 755 "$T/attrd-down" "$T/attrd-stuck"

# monitor_timed BUDGET_MS: a monitor under CRM_meta_timeout BUDGET_MS; MS is its wall time
monitor_timed() {
	t0=$(date +%s%N)
	OCF_RESKEY_CRM_meta_timeout=$1 run monitor
	MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
answered_within() { [ "$RC" = 0 ] && [ "$MS" -lt "$1" ]; }
warned() { printf '%s\n' "$ERR" | grep -q "attrd_updater.*$1"; }

start_ok
expect 0 monitor
check "attributes written while attrd answers" [ "$(attr sipha-health)" = green ]
: > "$T/attrs"
# a changed value must be written again: forget what was written
rm -f "$HA_RSCTMP"/sipha/*.attr.*

# attrd down: attrd_updater fails at once
export SIPHA_ATTRD_UPDATER=$T/attrd-down
monitor_timed 20000
fault_row kamailio monitor "attrd down (attrd_updater fails)" ""
check "attrd down: monitor 0 in ${MS} ms" [ "$RC" = 0 ]
check "attrd down: the warning names attrd_updater and the reason" warned "Input/output error"

# not installed: no attrd_updater on the PATH
export SIPHA_ATTRD_UPDATER=$T/no-such-attrd_updater
monitor_timed 20000
fault_row kamailio monitor "attrd_updater not installed" ""
check "no attrd_updater: monitor 0 in ${MS} ms" [ "$RC" = 0 ]
check "no attrd_updater: the warning says so" warned "No such file"

# attrd stuck: the first attrd_updater hangs; the monitor gives up on attrd for this run
# and answers well within its budget (the executor would otherwise time it out)
export SIPHA_ATTRD_UPDATER=$T/attrd-stuck
monitor_timed 20000
fault_row kamailio monitor "attrd stuck (attrd_updater hangs)" ""
check "attrd stuck: monitor 0 in ${MS} ms, within 8 s of its 20 s budget" \
	answered_within 8000
check "attrd stuck: the warning names attrd_updater" warned "timed out"
n=$(wc -l < "$T/stuck.pids")
check "attrd stuck: one attrd_updater tried, not one per attribute ($n)" [ "$n" = 1 ]
left=
for p in $(cat "$T/stuck.pids"); do kill -0 "$p" 2>/dev/null && left="$left $p"; done
check "attrd stuck: no attrd_updater left running${left:+:$left}" [ -z "$left" ]
# a short budget: still an answer in it
monitor_timed 3000
check "attrd stuck, 3 s budget: monitor 0 in ${MS} ms" answered_within 3000

# attrd back: the attributes are written again (nothing was remembered as written)
export SIPHA_ATTRD_UPDATER=$RECORDING
expect 0 monitor
check "attrd back: sipha-health written ($(attr sipha-health))" [ "$(attr sipha-health)" = green ]
check "attrd back: sipha-shm-used-pct written" [ -n "$(attr sipha-shm-used-pct)" ]
expect 0 stop
echo "PASS: attrd"
