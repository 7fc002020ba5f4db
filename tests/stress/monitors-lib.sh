# tests/stress/monitors-lib.sh: shared part of tests/stress/monitors-*.sh (sourced after
# tests/lib.sh): how many monitors to run, the driver (tests/stress/monitor_loop), and the
# checks on what it reports.
#
# MONITORS_N: runs per agent. Default 1000 (500 with SIPHA_QUICK), within CI's minute per
# agent on a loaded machine; in a sanitizer build 100, each run paying the sanitizer runtime's
# start. make stress-monitors sets 10,000.
# MONITORS_VG_EVERY: every K-th run under valgrind (default: 4 runs, 20 from 10,000 on; never
# under ASan).
LOOP=$top_builddir/tests/stress/monitor_loop
[ -x "$LOOP" ] || { echo "not built: $LOOP"; exit 99; }

# Per-run peak RSS: the median of the last 1000 runs may exceed the first 1000's by this
# much (kB). Each run is a fresh process, so what makes it grow is input that grows across
# runs (a state file, a longer reply); noise between runs here was within 8 kB.
RSS_TOL_KB=${MONITORS_RSS_TOL_KB:-128}

# monitors_setup AGENT: sets ASAN (yes/no), N, VG_EVERY for AGENT's build.
monitors_setup() {
	ASAN=no
	grep -q __asan_init "$1" 2>/dev/null && ASAN=yes
	if [ -n "${MONITORS_N:-}" ]; then
		N=$MONITORS_N
	elif [ $ASAN = yes ]; then
		N=100
	elif [ -n "${SIPHA_QUICK:-}" ]; then
		N=500
	else
		N=1000
	fi
	VG_EVERY=
	if [ $ASAN = yes ]; then
		# by design not part of the sanitizer pass: valgrind cannot run under ASan, which
		# checks every run for leaks at its exit instead (a comment, not a skip)
		echo "# valgrind runs: not in a sanitizer build; ASan checks each run"
	elif [ -z "${VALGRIND:-}" ] || [ ! -x "${VALGRIND:-}" ]; then
		skip_part "valgrind runs: valgrind not available"
	else
		VG_EVERY=${MONITORS_VG_EVERY:-$(( N >= 10000 ? 500 : N / 4 ))}
		[ "$VG_EVERY" -ge 1 ] || VG_EVERY=1
		export VALGRIND
	fi
}

# loop_args: monitor_loop's options for N runs (valgrind every VG_EVERY-th run): one line.
loop_args() {
	echo "-n $N -t ${MONITORS_MAX_S:-900} ${VG_EVERY:+-w $VG_EVERY -s $top_srcdir/tests/valgrind.supp}"
}

# loop_figures LINE: sets the driver's KEY=VALUE figures as variables (runs, bad, vg_runs, ...).
loop_figures() {
	local kv
	for kv in $1; do
		case $kv in
		runs=*|bad=*|vg_runs=*|vg_bad=*|window=*|rss_*_kb=*|driver_rss_kb=*|elapsed_ms=*|median_ms=*)
			eval "${kv%%=*}=\${kv#*=}" ;;
		esac
	done
}

# check_loop LINE WHAT: the driver's figures for WHAT: every run done and answered 0, the
# sampled valgrind runs clean, the peak RSS of the last runs within RSS_TOL_KB of the first.
check_loop() {
	local vg_want=0
	runs= bad= vg_runs= vg_bad= rss_first_kb= rss_last_kb=
	loop_figures "$1"
	echo "# $2: $1"
	[ -n "$runs" ] && [ -n "$rss_last_kb" ] || { not_ok "$2: no figures from monitor_loop"; return; }
	check "$2: $N runs done within the time bound (done $runs)" [ "$runs" = "$N" ]
	check "$2: every run answered 0 ($bad did not)" [ "$bad" = 0 ]
	[ -n "$VG_EVERY" ] && vg_want=$(( N / VG_EVERY ))
	if [ -n "$VG_EVERY" ]; then
		check "$2: $vg_runs runs under valgrind, all clean ($vg_bad not)" \
			[ "$vg_runs" = "$vg_want" -a "$vg_bad" = 0 -a "$vg_want" -gt 0 ]
	fi
	check "$2: peak RSS median of the last $window runs $rss_last_kb kB, first $rss_first_kb kB (tolerance $RSS_TOL_KB kB)" \
		[ "$rss_last_kb" -le $(( rss_first_kb + RSS_TOL_KB )) ]
}

# self_check_rss: the RSS check can fail. A command whose input grows with every run (64 kB
# appended to a file awk then holds in memory, 20 runs) must be caught by check_loop's
# comparison.
self_check_rss() {
	local f line
	f=$(mktemp /tmp/sipha-grow.XXXXXX) || return
	line=$("$LOOP" -n 20 -t 60 sh -c 'head -c 65536 /dev/zero | tr "\0" x >> "$0"; echo >> "$0"
		exec awk "{ s = s \$0 } END { exit length(s) == 0 }" "$0"' "$f")
	rm -f "$f"
	runs= bad= rss_first_kb= rss_last_kb=
	loop_figures "$line"
	echo "# growing input: $line"
	check "the RSS check catches a run that grows by 64 kB a run (first $rss_first_kb kB, last $rss_last_kb kB)" \
		[ "$runs" = 20 -a "$bad" = 0 -a "$rss_last_kb" -gt $(( rss_first_kb + RSS_TOL_KB )) ]
}
