#!/bin/sh
# The agent's state files (HA_RSCTMP/sipha/INSTANCE.*) damaged under a running Kamailio:
# corrupted, truncated, made a symlink to a victim, or on a full disk. Each answer is a fault
# row of docs/faults.md; a victim behind a symlink never changes; the instance is served
# throughout. The full disk: HA_RSCTMP on a small tmpfs in a private mount namespace.
# a mount namespace of our own for the full disk (HA_RSCTMP on a small tmpfs)
if [ -z "${SIPHA_STATEFILES_NS:-}" ]; then
	SIPHA_STATEFILES_NS=1 exec unshare -m --propagation private /bin/sh "$0" "$@"
fi
. "$top_srcdir/tests/kamailio/lib.sh"
mount -t tmpfs -o size=1m,mode=0755 sipha-statefiles "$HA_RSCTMP" ||
	skip "cannot mount a tmpfs in a private mount namespace"
export OCF_RESKEY_listen="udp:${KAM_IP}:5067"
S=$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE
printf 'victim\n' > "$T/victim" && chmod 0644 "$T/victim"
victim_same() { [ "$(cat "$T/victim")" = victim ] && [ "$(stat -c %a "$T/victim")" = 644 ]; }

start_ok
expect 0 monitor
expect 0 monitor
ls "$HA_RSCTMP/sipha" | sed 's/^/# state file: /'

# the pid record: garbage, then empty. Our Kamailio is found again by its -P (our pidfile)
# and the record written again; a stop with a damaged record still stops it (a failed stop
# would get the node fenced).
id=$S.kamailio.id
printf '\001\377garbage' > "$id"
run monitor
fault_row kamailio monitor "the pid record corrupted" "record written again"
check "the record names our Kamailio again ($(kam_pid) = $KAM_SID)" [ "$(kam_pid)" = "$KAM_SID" ]
: > "$id"
run monitor
fault_row kamailio monitor "the pid record truncated" "record written again"
check "the record names our Kamailio again after truncation" [ "$(kam_pid)" = "$KAM_SID" ]
printf '\001\377garbage' > "$id"
run stop
fault_row kamailio stop "the pid record corrupted" "record written again"
check "stop with a damaged record: nothing of Kamailio left" [ -z "$(session_pids "$KAM_SID")" ]
printf '\001\377garbage' > "$id"
run monitor
fault_row kamailio monitor "the pid record corrupted, Kamailio not running" "taken as stopped"
check "the damaged record is gone after a stop" eval '[ "$(run stop; cat "$id" 2>/dev/null)" = "" ]'
start_ok
expect 0 monitor

# the trend samples: garbage, empty, a symlink to a victim
for f in shm.samples counters; do
	printf '\001\377garbage\n99999999999999999999 -1\n' > "$S.$f"
	run monitor
	echo "# $f corrupted: $RC $(reason)"
	fault_row kamailio monitor "state file $f corrupted" ""
	: > "$S.$f"
	run monitor
	echo "# $f truncated: $RC $(reason)"
	fault_row kamailio monitor "state file $f truncated" ""
	rm -f "$S.$f" && ln -s "$T/victim" "$S.$f"
	run monitor
	echo "# $f a symlink: $RC $(reason)"
	fault_row kamailio monitor "state file $f made a symlink" ""
	check "$f: the victim behind the symlink unchanged" victim_same
done
rm -f "$S.shm.samples" "$S.counters"
expect 0 monitor

# the disk full: the monitor still answers on the instance; stop still stops it
# fill_disk N: whatever is free on the state dir's tmpfs taken (bounded: 64 small files)
fill_disk() {
	mkdir -p "$HA_RSCTMP/fill"
	dd if=/dev/zero of="$HA_RSCTMP/fill/big$1" bs=4k 2>/dev/null
	i=0
	while [ $i -lt 64 ] && printf x 2>/dev/null > "$HA_RSCTMP/fill/$1-$i"; do i=$((i + 1)); done
	check "the state dir's disk is full ($1)" [ "$(df --output=avail "$HA_RSCTMP" | tail -1)" -eq 0 ]
}
fill_disk 1
run monitor
fault_row kamailio monitor "the state dir's disk full" ""
run monitor
echo "# second monitor on a full disk: $RC $(reason)"
run stop
fault_row kamailio stop "the state dir's disk full" ""
check "stop on a full disk: nothing of Kamailio left" [ -z "$(session_pids "$KAM_SID")" ]
fill_disk 2
run start
fault_row kamailio start "the state dir's disk full (start first drops the old state)" ""
echo "# start on a full disk: $RC $(reason); record: '$(cat "$S.kamailio.id" 2>/dev/null)'"
[ "$RC" = 0 ] && KAM_SID=$(kam_pid)
run monitor
echo "# monitor after: $RC $(reason)"
rm -rf "$HA_RSCTMP/fill"
run stop
check "stop leaves the victim" victim_same
echo "PASS: statefiles"
