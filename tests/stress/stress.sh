#!/bin/sh
# tests/stress/stress.sh: ocf:sipha:kamailio under SIP load (issue 19, "Stress").
#
# Kamailio, started by the agent on a loopback address of its own, gets a steady, bounded mix
# from sipp (Debian's sip-tester): phones refreshing their registrations, keepalive OPTIONS and
# INVITE/ACK/BYE calls relayed to the phones (a sipp UAS where every phone's contact points).
# Meanwhile the agent's monitors run at depth 0, 10 and 20, each in its own loop on its own
# interval with its own OCF_CHECK_LEVEL and CRM_meta_timeout, every run a process of its own.
#  1. idle: the same monitors back to back, the baseline of their wall time;
#  2. load: every monitor answers 0 (no false failure, no false yellow) within its budget, and
#     sipp counts no failed call (no 5xx); p50/p99 of the monitors' wall time under load vs idle
#     are printed (figures, not asserted: timing targets belong in bench/);
#  3. leak: the first outage's REGISTER leak (new users for a day) mixed into the same traffic
#     until Kamailio answers a REGISTER with 5xx: the agent must have said yellow with a
#     predicted exhaustion before that. The lead time is printed.
#
# Modes: CI (make check): ~2 min; SIPHA_QUICK=1 (the sanitizer pass): ~1 min; `make stress`
# sets STRESS_SECONDS (steady load) and STRESS_RATE (phone REGISTERs per second; OPTIONS at
# half that, calls at a fifth). Every sipp is bounded by -m and -timeout, every loop by a
# deadline.
#
# Time is compressed: the monitors run every 1 s / 3 s / 10 s (docs/kamailio.md's cluster
# configuration: 10 s / 30 s), and the trend looks at a window of TREND_S seconds (default 1 h)
# and warns when the pool is predicted full within 5 min (default 6 h). The load starts from
# idle at once: shared memory steps up ~1 MB (tm's transactions of the calls) and goes on
# rising for ~15-20 s (printed: the shm series). While it rises, the newest quarter of a window
# this short rises throughout, so yellow is allowed then (counted and printed); from half a
# window + 10 s after the load began, none is (the step is not a leak), nor under the steady
# load. The window (60 s, 45 s quick) is long enough that a quarter of it outlasts the rise.
# Never beside a cluster test: both load the two cores and time things. (Not root: it skips.)
if [ "$(id -u)" = 0 ]; then
	. "$(dirname "$0")/../run-alone.sh"
	run_alone sh "$0" "$@"
fi
. "$top_srcdir/tests/kamailio/lib.sh"
SIPP=${SIPP:-sipp}
command -v "$SIPP" >/dev/null 2>&1 || skip "needs sipp (Debian's sip-tester)"
SC=$top_srcdir/tests/stress

if [ -n "${STRESS_SECONDS:-}" ]; then
	mode=long LOAD_S=$STRESS_SECONDS RATE=${STRESS_RATE:-200} LEAK_MAX_S=300 TREND_S=60 IDLE_N=24
elif [ "${SIPHA_QUICK:-0}" = 1 ]; then
	mode=quick LOAD_S=10 RATE=${STRESS_RATE:-40} LEAK_MAX_S=60 TREND_S=45 IDLE_N=12
else
	mode=ci LOAD_S=30 RATE=${STRESS_RATE:-40} LEAK_MAX_S=60 TREND_S=60 IDLE_N=24
fi
case $LOAD_S$RATE in *[!0-9]*) fail "STRESS_SECONDS and STRESS_RATE are whole numbers" ;; esac
[ "$LOAD_S" -ge 5 ] && [ "$LOAD_S" -le 86400 ] || fail "STRESS_SECONDS: 5 to 86400"
[ "$RATE" -ge 5 ] && [ "$RATE" -le 2000 ] || fail "STRESS_RATE: 5 to 2000"
OPT_RATE=$((RATE / 2)) CALL_RATE=$((RATE / 5))
[ "$CALL_RATE" -ge 1 ] || CALL_RATE=1
# every phone refreshes every 5 s at this rate: the table holds PHONES bindings throughout
PHONES=$((RATE * 5))
# the warm-up: the trend window holds only the load after it, 10 s past the step (the calls'
# transactions keep settling for a while: seen rising ~7 KB/s for a minute after it)
WARM_S=$((TREND_S + 10))
# a small pool, as in the outage, so that the leak fills it within the phase; the calls'
# transactions take about 150 KB per call per second
SHM=$((8 + CALL_RATE / 2))
LEAK_RATE=$((RATE * 2 > 300 ? RATE * 2 : 300))

# The monitors as Pacemaker would run them (interval ms, budget = CRM_meta_timeout ms).
INT0=1000 INT10=3000 INT20=10000
BUD0=20000 BUD10=30000 BUD20=30000
PORT=5070
export OCF_RESKEY_conffile=$SC/stress-kam.cfg
export OCF_RESKEY_listen="udp:${KAM_IP}:$PORT tcp:${KAM_IP}:$PORT"
export OCF_RESKEY_shmem=$SHM
export OCF_RESKEY_trend_window=${TREND_S}s OCF_RESKEY_exhaust_warn=5min
export OCF_RESKEY_trend_min_samples=5

echo "# mode $mode: load ${WARM_S} s warm-up + ${LOAD_S} s, REGISTER ${RATE}/s over $PHONES phones," \
	"OPTIONS ${OPT_RATE}/s, calls ${CALL_RATE}/s; leak ${LEAK_RATE}/s for at most ${LEAK_MAX_S} s;" \
	"shm $SHM MB, trend window ${TREND_S} s"

SIPP_PIDS=
EXTRA_CLEANUP='for p in $SIPP_PIDS; do kill -9 "$p" 2>/dev/null; done'

# Epoch ms: bash's $EPOCHREALTIME when there (no process), else date(1). The microseconds are
# read base 10: they may start with 0.
now_ms() {
	_t=${EPOCHREALTIME:-}
	if [ -n "$_t" ]; then
		echo $(( ${_t%.*} * 1000 + 10#${_t#*.} / 1000 ))
	else
		echo $(( $(date +%s%N) / 1000000 ))
	fi
}

# One monitor as a process of its own, timed: appends
# "START_MS DEPTH RC WALL_US REASON" to $T/mon.$LOG.
mon_once() {	# mon_once DEPTH INTERVAL_MS BUDGET_MS LOG
	local t0 t1 rc why e=$T/mon.err.$1.$4
	t0=$(date +%s%N)
	OCF_CHECK_LEVEL=$1 OCF_RESKEY_CRM_meta_interval=$2 OCF_RESKEY_CRM_meta_timeout=$3 \
		"$AGENT" monitor 2> "$e"
	rc=$?
	t1=$(date +%s%N)
	why=$(sed -n 's/^ocf-exit-reason://p' "$e" | tail -1)
	echo "$((t0 / 1000000)) $1 $rc $(( (t1 - t0) / 1000 )) ${why:--}" >> "$T/mon.$4"
}
# Runs mon_once on its interval until UNTIL_MS (epoch) or until $T/stop.LOG exists.
mon_loop() {	# mon_loop DEPTH INTERVAL_MS BUDGET_MS UNTIL_MS LOG
	local t0 left
	while [ "$(now_ms)" -lt "$4" ] && [ ! -e "$T/stop.$5" ]; do
		t0=$(now_ms)
		mon_once "$1" "$2" "$3" "$5"
		left=$(( $2 - ($(now_ms) - t0) ))
		[ "$left" -gt 0 ] && [ "$left" -le "$2" ] && sleep "$(printf '%d.%03d' $((left / 1000)) $((left % 1000)))"
	done
}
monitors_start() {	# monitors_start LOG UNTIL_MS: the three loops in the background
	mon_loop 0 $INT0 $BUD0 "$2" "$1" & MON_PIDS="$!"
	mon_loop 10 $INT10 $BUD10 "$2" "$1" & MON_PIDS="$MON_PIDS $!"
	mon_loop 20 $INT20 $BUD20 "$2" "$1" & MON_PIDS="$MON_PIDS $!"
}
# shm_sampler UNTIL_MS: Kamailio's shm real_used every second into $T/shm.series ("t_ms bytes"),
# to show how long the load takes to settle (what the trend window must span). Bounded.
shm_sampler() {
	while [ "$(now_ms)" -lt "$1" ] && [ ! -e "$T/stop.shm" ]; do
		v=$("$top_builddir/tests/stress/kam_memstat" "$OCF_RESKEY_runtime_dir/kamailio_rpc.sock" \
			"$OCF_RESKEY_runtime_dir" 2>/dev/null | sed -n 's/.*shm_real_used=\([0-9]*\).*/\1/p')
		[ -n "$v" ] && echo "$(now_ms) $v" >> "$T/shm.series"
		sleep 1
	done
}
monitors_stop() {	# monitors_stop LOG: the loops end after their current monitor
	touch "$T/stop.$1"
	for p in $MON_PIDS; do wait "$p"; done
	MON_PIDS=
}

# sipp NAME SCENARIO ARGS...: one bounded sipp in the background, logs in $T/sipp.NAME.*
sipp_bg() {
	local name=$1 sf=$2
	shift 2
	( cd "$T" && exec "$SIPP" -sf "$sf" -i "$KAM_IP" -nostdin -trace_err \
		-error_file "$T/sipp.$name.err" -trace_stat -stf "$T/sipp.$name.csv" -fd 1 \
		-timeout_error -max_retrans 3 "$@" > "$T/sipp.$name.out" 2>&1 ) &
	eval "SIPP_$name=$!"
	SIPP_PIDS="$SIPP_PIDS $!"
}
# sipp_wait NAME: its exit status in RC
sipp_wait() { eval "wait \$SIPP_$1"; RC=$?; }
# Failed calls of sipp NAME, from the last line of its statistics (column FailedCall(C)).
sipp_failed() {
	awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i; next }
		{ v = $c } END { print v + 0 }' "$T/sipp.$1.csv" 2>/dev/null
}
# sipp_stat NAME COLUMN: the last value of a column of its statistics
sipp_stat() {
	awk -F';' -v col="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == col) c = i; next }
		{ v = $c } END { print v + 0 }' "$T/sipp.$1.csv" 2>/dev/null
}
sipp_total() { sipp_stat "$1" TotalCallCreated; }
# The events in sipp error logs ("DATE TIME EPOCH.US: what"), one a line as "EPOCH_MS what":
# sipp does not always end an event with a newline, so events are split at their timestamps.
# Its "minor watchdog" notices (sipp itself not scheduled for 500 ms on a busy machine) are no
# failure of a call: left out here, counted by sipp_stalls.
sipp_events_all() {
	cat "$@" 2>/dev/null |
		sed -E 's/([0-9]{4}-[0-9]{2}-[0-9]{2}	[0-9:.]+	[0-9]+\.[0-9]+: )/\n\1/g' |
		awk '$3 ~ /^[0-9]+\.[0-9]+:$/ {
			split($3, p, "."); t = p[1] * 1000 + int(substr(p[2], 1, 3))
			$1 = $2 = $3 = ""; sub(/^ +/, ""); print t, $0 }'
}
sipp_events() { sipp_events_all "$@" | grep -v 'Overload warning: the minor watchdog timer'; }
sipp_stalls() { sipp_events_all "$@" | grep -c 'Overload warning: the minor watchdog timer'; }
# Epoch ms of the first 5xx answer in the sipp error logs given, or nothing.
first_5xx_ms() { sipp_events "$@" | awk '/received .SIP\/2\.0 5[0-9][0-9]/ { print $1 }' | sort -n | head -1; }

# p50/p99 of the wall times (ms) of depth D in log L
pct() {	# pct LOG DEPTH
	awk -v d="$2" '$2 == d { print $4 / 1000 }' "$T/mon.$1" | sort -n | awk '
		{ v[NR] = $1 } END { if (!NR) { print "- - 0"; exit }
			i50 = int(NR * 0.50 + 0.999); i99 = int(NR * 0.99 + 0.999)
			printf "%.1f %.1f %d\n", v[i50 < 1 ? 1 : i50], v[i99 < 1 ? 1 : i99], NR }'
}

##### setup: Kamailio under the agent, the phones' UAS, the phones registered
start_ok
ok "kamailio started by the agent on ${KAM_IP}:$PORT"
printf 'SEQUENTIAL\n' > "$T/phones.csv"
i=0
while [ $i -lt $PHONES ]; do echo "phone$i"; i=$((i + 1)); done >> "$T/phones.csv"
UAS_PORT=$((PORT + 1))
# the phones answer every call of the run: bounded by the calls made and the run's length
RUN_S=$((WARM_S + LOAD_S + LEAK_MAX_S))
UAS_MAX=$(( CALL_RATE * (RUN_S + 30) * 2 + 100 ))
sipp_bg uas "$SC/phone-uas.xml" -p $UAS_PORT -m $UAS_MAX -timeout $((RUN_S + 120))
sipp_bg reg0 "$SC/register-refresh.xml" "$KAM_IP:$PORT" -p 0 -inf "$T/phones.csv" \
	-key phones "$KAM_IP:$UAS_PORT" -key expires 600 -r 200 -m $PHONES -timeout 60
sipp_wait reg0
[ "$RC" = 0 ] && [ "$(sipp_failed reg0)" = 0 ] || { cat "$T/sipp.reg0.out" "$T/sipp.reg0.err"; fail "registering $PHONES phones: sipp exit $RC"; }
ok "$PHONES phones registered"

##### 1. idle baseline: each depth back to back
for d in 0 10 20; do
	i=0
	while [ $i -lt "$IDLE_N" ]; do
		eval "mon_once $d \$INT$d \$BUD$d idle"
		i=$((i + 1))
	done
done
bad=$(awk '$3 != 0' "$T/mon.idle" | head -3)
[ -z "$bad" ] && ok "idle: $((IDLE_N * 3)) monitors answered 0" || not_ok "idle monitors: $bad"

##### 2. normal load, then 3. the leak mixed into it: one run of traffic and monitors
load_phase() {	# load_phase NAME SECONDS: the normal mix, bounded
	local s=$2 name=$1
	sipp_bg "reg$name" "$SC/register-refresh.xml" "$KAM_IP:$PORT" -p 0 \
		-inf "$T/phones.csv" -key phones "$KAM_IP:$UAS_PORT" -key expires 600 \
		-r $RATE -m $((RATE * s)) -timeout $((s + 20))
	sipp_bg "opt$name" "$SC/options.xml" "$KAM_IP:$PORT" -p 0 \
		-r $OPT_RATE -m $((OPT_RATE * s)) -timeout $((s + 20))
	sipp_bg "call$name" "$SC/call-uac.xml" "$KAM_IP:$PORT" -p 0 \
		-inf "$T/phones.csv" -d 1000 -r $CALL_RATE -m $((CALL_RATE * s)) -timeout $((s + 20))
}
t_load=$(now_ms)
t_steady=$((t_load + WARM_S * 1000))
t_leak=$((t_steady + LOAD_S * 1000))
t_end=$((t_leak + LEAK_MAX_S * 1000))
load_phase load $((WARM_S + LOAD_S + LEAK_MAX_S))
shm_sampler "$t_end" & SHM_PID=$!
monitors_start run "$t_end"
while [ "$(now_ms)" -lt "$t_leak" ]; do sleep 0.5; done
sipp_bg leak "$SC/register-leak.xml" "$KAM_IP:$PORT" -p 0 \
	-r $LEAK_RATE -m $((LEAK_RATE * LEAK_MAX_S)) -timeout $((LEAK_MAX_S + 20))
first5=
while [ "$(now_ms)" -lt "$t_end" ]; do
	first5=$(first_5xx_ms "$T"/sipp.*.err)
	[ -n "$first5" ] && break
	sleep 0.5
done
# a few more monitors after the first 5xx, then everything stops
sleep 3
monitors_stop run
touch "$T/stop.shm"; wait "$SHM_PID"
# shared memory from the load's start, every 5 s until the leak (KiB above the idle level)
awk -v t0=$t_load -v l=$t_leak 'NR == 1 { b = $2 } $1 < l && int(($1 - t0) / 5000) != last {
	last = int(($1 - t0) / 5000); s = s sprintf(" %ds:%+d", ($1 - t0) / 1000, ($2 - b) / 1024) }
	END { print "# shm under the load (s from its start: KiB over the first sample):" s }' "$T/shm.series"
for p in $SIPP_PIDS; do kill "$p" 2>/dev/null; done
# the monitors by the phase they started in
awk -v t=$t_steady '$1 < t' "$T/mon.run" > "$T/mon.warm"
awk -v t=$t_steady -v l=$t_leak '$1 >= t && $1 < l' "$T/mon.run" > "$T/mon.load"
awk -v l=$t_leak '$1 >= l' "$T/mon.run" > "$T/mon.leak"

##### 2. normal load: the traffic, then the monitors
for n in regload optload callload; do
	tot=$(sipp_total $n); tot=${tot:-0}
	ev=$(sipp_events "$T/sipp.$n.err" | awk -v l=$t_leak '$1 < l')
	if [ "$tot" -gt 0 ] && [ -z "$ev" ]; then
		ok "load: sipp $n: no failed call before the leak ($tot started in the whole run, $(sipp_stat $n 'SuccessfulCall(C)') succeeded)"
	else
		not_ok "load: sipp $n: $(printf '%s\n' "$ev" | grep -c .) failures before the leak ($tot calls)"
		printf '%s\n' "$ev" | head -5 | cut -c1-200 | sed 's/^/#   /'
	fi
done
n5=$(sipp_events "$T"/sipp.*.err | awk -v l=$t_leak '$1 < l && /received .SIP\/2\.0 5[0-9][0-9]/' | wc -l)
[ "$n5" = 0 ] && ok "load: no 5xx before the leak" || not_ok "load: $n5 answers 5xx before the leak"
echo "# sipp's own stalls (its 500 ms watchdog tripped; the machine, not Kamailio): $(sipp_stalls "$T"/sipp.*.err)"
bad=$(awk '$3 != 0 && $3 != 190' "$T/mon.warm")
[ -z "$bad" ] && ok "warm-up: $(wc -l < "$T/mon.warm") monitors, no failure" ||
	{ not_ok "warm-up: monitors failed"; printf '%s\n' "$bad" | head -5 | sed 's/^/#   /'; }
echo "# warm-up: $(awk '$3 == 190' "$T/mon.warm" | wc -l) of $(wc -l < "$T/mon.warm") monitors yellow" \
	"(the step from idle to load, read on a ${TREND_S} s window); the first:"
awk '$3 == 190 { $4 = int($4 / 1000) "ms"; print "#   " $0; exit }' "$T/mon.warm"
awk -v t0=$t_load '$3 == 190 { s = s " " int(($1 - t0) / 1000) "s" }
	END { print "# the yellow ones, s after the load began:" s }' "$T/mon.warm"
# Once the load's own rise is over (seen: ~15-20 s) and half the window holds the load (the
# trend reads parts of a quarter of the window at the shortest), no yellow: the step is no leak.
settled_s=$((TREND_S / 2 + 10))
late=$(awk -v t=$((t_load + settled_s * 1000)) '$1 >= t && $3 == 190' "$T/mon.warm")
[ -z "$late" ] && ok "warm-up: no yellow from ${settled_s} s after the load began (the step read as no leak)" ||
	{ not_ok "warm-up: yellow ${settled_s} s or more after the load began"; printf '%s\n' "$late" | head -5 | sed 's/^/#   /'; }
for d in 0 10 20; do
	n=$(awk -v d=$d '$2 == d' "$T/mon.load" | wc -l)
	bad=$(awk -v d=$d '$2 == d && $3 != 0' "$T/mon.load")
	if [ "$n" -lt 1 ]; then
		not_ok "load: no depth-$d monitor ran"
	elif [ -z "$bad" ]; then
		ok "load: $n depth-$d monitors answered 0 (no false failure or yellow)"
	else
		not_ok "load: depth-$d monitors not 0:"
		printf '%s\n' "$bad" | head -5 | sed 's/^/#   /'
	fi
	eval "bud=\$BUD$d"
	slow=$(awk -v d=$d -v b="$bud" '$2 == d && $4 / 1000 >= b' "$T/mon.idle" "$T/mon.warm" "$T/mon.load")
	[ -z "$slow" ] && ok "depth $d: every monitor within its ${bud} ms budget" ||
		not_ok "depth $d over budget: $slow"
done
echo "# monitor wall time (ms, the process as Pacemaker starts it):  p50 / p99 (count)"
for d in 0 10 20; do
	set -- $(pct idle $d); i50=$1 i99=$2 in=$3
	set -- $(pct load $d)
	echo "#   depth $d: idle $i50 / $i99 ($in)   load $1 / $2 ($3)"
done

##### 3. the leak: yellow with a prediction before the first 5xx
[ -n "$first5" ] && ok "leak: first 5xx $(( (first5 - t_leak) / 1000 )) s after it started" ||
	not_ok "leak: no 5xx within $LEAK_MAX_S s (pool too large for the rate?)"
# when the first yellow with a prediction was answered (a monitor's start + its wall time)
warn=$(awk '$3 == 190 && /shm leak trend: full in/ { print $1 + int($4 / 1000) }' "$T/mon.leak" | sort -n | head -1)
[ -n "$warn" ] && echo "# first yellow with a prediction: $(awk -v t="$warn" '$1 + int($4 / 1000) == t' "$T/mon.leak" | head -1)"
if [ -n "$warn" ] && [ -n "$first5" ] && [ "$warn" -lt "$first5" ]; then
	lead=$((first5 - warn))
	ok "leak: yellow with a predicted exhaustion $(( (warn - t_leak) / 1000 )) s into the leak, before the first 5xx"
	echo "# lead time: $((lead / 1000)).$((lead % 1000 / 100)) s between the first yellow with a prediction and the first 5xx"
else
	not_ok "leak: no yellow with a prediction before the first 5xx (yellow ${warn:-never}, 5xx ${first5:-never})"
fi
echo "# the leak's monitors (start ms, depth, rc, wall time, reason):"
sort -n "$T/mon.leak" | awk '{ $4 = int($4 / 1000) "ms"; print "#   " $0 }' | head -80

expect 0 stop
ok "stopped"
finish
