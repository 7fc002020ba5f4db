#!/bin/sh
# Repeated monitors: 200 plain ones all succeed and leave nothing behind (no reply sockets, no
# growing state); a bounded number under valgrind show no leak and no memory error.
# (tests/stress/monitors-kamailio.sh runs 1000, 10,000 in make stress-monitors, and watches
# Kamailio's fds and memory too.)
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5066 tcp:${KAM_IP}:5066"
N=${KAM_REPEAT:-200}
VG_N=${KAM_REPEAT_VALGRIND:-10}

start_ok
# the steady state: the first monitor passes the sync gate (its file) and restarts the trend
expect 0 monitor
expect 0 monitor
files_before=$(ls "$HA_RSCTMP/sipha" | wc -l)
t0=$(date +%s%N)
i=0
while [ $i -lt "$N" ]; do
	"$AGENT" monitor 2>>"$T/repeat.err"
	rc=$?
	[ $rc = 0 ] || { tail -5 "$T/repeat.err"; fail "monitor $i returned $rc"; }
	i=$((i + 1))
done
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "$N monitors in $ms ms ($(( ms * 1000 / N )) us each)"
[ "$(ls "$HA_RSCTMP/sipha" | wc -l)" = "$files_before" ] || fail "state files grew: $(ls "$HA_RSCTMP/sipha")"
left=$(ls "$T/run" | grep -c sipha-rpc)
[ "$left" = 0 ] || fail "$left reply sockets left in the runtime dir"
samples=$(wc -l < "$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.shm.samples")
[ "$samples" -le 512 ] || fail "trend samples unbounded: $samples"
echo "trend samples kept: $samples"

if [ -z "${VALGRIND:-}" ] || [ ! -x "$VALGRIND" ]; then
	skip_part "valgrind part: valgrind not available"
elif ldd "$AGENT" 2>/dev/null | grep -q libasan; then
	# by design not part of the sanitizer pass: ASan checked every monitor above
	echo "# valgrind part: not in a sanitizer build; ASan checked the monitors above"
else
	for d in 0 10 20; do
		i=0
		while [ $i -lt "$VG_N" ]; do
			OCF_CHECK_LEVEL=$d "$VALGRIND" -q --leak-check=full --show-leak-kinds=definite,indirect \
				--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
				--trace-children=no "$AGENT" monitor 2> "$T/vg.err"
			rc=$?
			[ $rc = 0 ] || { cat "$T/vg.err"; fail "valgrind: depth $d monitor returned $rc"; }
			i=$((i + 1))
		done
		echo "valgrind: $VG_N monitors at depth $d clean"
	done
	# start and stop too
	expect 0 stop
	"$VALGRIND" -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 "$AGENT" start 2> "$T/vg.err" || { cat "$T/vg.err"; fail "valgrind start"; }
	KAM_SID=$(kam_pid)
	"$VALGRIND" -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 "$AGENT" stop 2> "$T/vg.err" || { cat "$T/vg.err"; fail "valgrind stop"; }
	echo "valgrind: start and stop clean"
fi
expect 0 stop
echo "PASS: repeat"
