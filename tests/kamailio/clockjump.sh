#!/bin/sh
# The wall clock jumping during Kamailio's trend window: forward 2 h, back 3 h, forward a day,
# back a year (libfaketime under the agent only: the host's clock is not touched; the monotonic
# clock is left real, as a jump of the wall clock leaves it). The trend is kept on the
# monotonic clock: every monitor answers 0, green, the window keeps its samples in order
# (none dropped as "from another boot", none kept past the window), and a leak is still told
# across the jumps. Each jump is a fault row of docs/faults.md.
. "$top_srcdir/tests/kamailio/lib.sh"
FT=
for d in /usr/lib/x86_64-linux-gnu /usr/lib/aarch64-linux-gnu /usr/lib; do
	[ -r "$d/faketime/libfaketime.so.1" ] && FT=$d/faketime/libfaketime.so.1 && break
done
[ -n "$FT" ] || skip "needs libfaketime (Debian's faketime)"
export OCF_RESKEY_listen="udp:${KAM_IP}:5069"
export OCF_RESKEY_trend_window=60s OCF_RESKEY_trend_min_samples=3 OCF_RESKEY_shmem=8
SAMPLES=$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.shm.samples

# monitor_at OFFSET: a monitor with the agent's wall clock OFFSET from the real one ("" = real)
monitor_at() {
	if [ -n "$1" ]; then
		# an ASan build wants its runtime first: libfaketime goes ahead of it (both only
		# wrap what they need: time calls, allocations)
		save_asan=${ASAN_OPTIONS-}
		export LD_PRELOAD=$FT FAKETIME=$1 FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_NO_CACHE=1
		export ASAN_OPTIONS="${save_asan:+$save_asan:}verify_asan_link_order=0"
		run monitor
		unset LD_PRELOAD FAKETIME FAKETIME_DONT_FAKE_MONOTONIC FAKETIME_NO_CACHE
		if [ -n "$save_asan" ]; then export ASAN_OPTIONS=$save_asan; else unset ASAN_OPTIONS; fi
	else
		run monitor
	fi
}
green_ok() { [ "$RC" = 0 ] && [ "$(attr sipha-health)" = green ]; }
# more samples than before, or the window full (a sample a second over 60 s)
kept() { [ "$2" -gt "$1" ] || [ "$2" -ge 8 ]; }
nsamples() { wc -l < "$SAMPLES" 2>/dev/null || echo 0; }
# the sample times strictly rising, all within the window (60 s) of the last
samples_sane() {
	awk 'NR > 1 && $1 <= prev { bad = 1 } { prev = $1; t[NR] = $1 }
	     END { if (NR && t[NR] - t[1] > 60000) bad = 1; exit bad }' "$SAMPLES"
}

# the agent under libfaketime sees the jump (else this test proves nothing)
seen=$(env LD_PRELOAD="$FT" FAKETIME="-1y" date +%Y)
check "libfaketime moves the wall clock of a process ($seen, not $(date +%Y))" \
	[ "$seen" = $(($(date +%Y) - 1)) ]

start_ok
# the first monitor after a start begins the trend afresh (docs/kamailio.md: the sync gate)
expect 0 monitor
i=0
for off in "" "" "+2h" "+2h" "-3h" "-3h" "+1d" "-1y" ""; do
	before=$(nsamples)
	monitor_at "$off"
	after=$(nsamples)
	h=$(attr sipha-health)
	echo "# wall clock ${off:-real}: rc $RC health $h samples $before -> $after $(reason)"
	case $off in
	+2h) what="forward 2 h" ;; -3h) what="back 3 h" ;; +1d) what="forward a day" ;;
	-1y) what="back a year" ;; *) what= ;;
	esac
	if [ -n "$what" ] && [ "$i" != "$off" ]; then
		fault_row kamailio monitor "the wall clock jumps $what during the trend window" ""
	fi
	i=$off
	check "clock ${off:-real}: monitor 0, green ($RC, $h)" green_ok
	check "clock ${off:-real}: the window kept its samples ($before -> $after)" \
		kept "$before" "$after"
	check "clock ${off:-real}: the samples in order, within the window" samples_sane
	sleep 1
done

# a leak across the jumps: shared memory held by new registrations (outage 1's load, as in
# outage.sh), a monitor after each step with the clock jumping: a prediction still comes
PROBE=$top_builddir/tests/net/sip_probe
warned=
step=0
for off in "+2h" "-3h" "+1d" "-1y" "" "+2h" "-3h" "+1d" "-1y" "" "+2h" "-3h" "+1d" "-1y" ""; do
	step=$((step + 1))
	"$PROBE" -t 1000 -e 86400 -n 250 register "udp:${KAM_IP}:5069" "jump${step}u" > "$T/reg.out" 2>&1
	monitor_at "$off"
	ex=$(attr sipha-shm-exhaust-s)
	echo "# leak step $step, wall clock ${off:-real}: rc $RC health $(attr sipha-health) shm $(attr sipha-shm-used-pct)% exhaust_s $ex: $(reason)"
	if [ "$RC" = 190 ] && [ -n "$ex" ] && [ "$ex" != none ]; then
		warned=$step
		break
	fi
done
check "the leak told across the jumps (yellow with a prediction at step ${warned:-none})" [ -n "$warned" ]
check "the samples in order after the leak's jumps" samples_sane
expect 0 stop
echo "PASS: clockjump"
