# tests/kamailio/exhaust-lib.sh: the first outage's load, shared by tests/kamailio/outage.sh and
# bench/leak-bench.sh. Kamailio's shared memory is filled by REGISTER bindings (distinct users,
# long Expires) in steps; between steps a caller's check runs a monitor as Pacemaker would.
# Sourced after tests/kamailio/lib.sh; needs $top_builddir/tests/net/sip_probe.
EX_PROBE=$top_builddir/tests/net/sip_probe
EX_STEP=${KAM_OUTAGE_STEP:-250}
EX_MAX_STEPS=${KAM_OUTAGE_MAX_STEPS:-60}
EX_MAX_S=${KAM_OUTAGE_MAX_S:-240}
# steps still run after the first 5xx while the check reports no failure (the bench watches an
# agent that never fails for a few; the test, up to the step and time limits)
EX_AFTER_5XX=${KAM_OUTAGE_AFTER_5XX:-$EX_MAX_STEPS}

# exhaust_run TARGET USERS CHECK: REGISTER steps of EX_STEP bindings to TARGET (udp:IP:PORT),
# users USERS<step>u..., each followed by `CHECK STEP T_MS TOTAL N5XX`, which answers 0
# (healthy), 1 (a warning: yellow with a predicted exhaustion) or 2 (a failure). Stops at the
# first failure after a 5xx, EX_AFTER_5XX steps after the first 5xx, EX_MAX_STEPS steps or
# EX_MAX_S seconds. Sets, in ms since the first step (empty when it did not happen):
# EX_FIRST_5XX, EX_FIRST_WARN (first warning), EX_EARLY_FAIL (first failure before any 5xx),
# EX_FIRST_FAIL (first failure at or after the first 5xx); EX_TOTAL bindings sent, EX_AT_5XX
# bindings sent by the first 5xx.
exhaust_run() {
	local target=$1 users=$2 check=$3 t0 t step=0 out n5xx verdict after=0
	[ -x "$EX_PROBE" ] || fail "missing $EX_PROBE"
	EX_FIRST_5XX='' EX_FIRST_WARN='' EX_EARLY_FAIL='' EX_FIRST_FAIL='' EX_TOTAL=0 EX_AT_5XX=''
	t0=$(date +%s%N)
	while [ $step -lt "$EX_MAX_STEPS" ]; do
		t=$(( ($(date +%s%N) - t0) / 1000000 ))
		[ $((t / 1000)) -lt "$EX_MAX_S" ] || break
		step=$((step + 1))
		out=$("$EX_PROBE" -t 1000 -e 86400 -n "$EX_STEP" register "$target" "$users${step}u" 2>&1)
		EX_TOTAL=$((EX_TOTAL + EX_STEP))
		n5xx=$(printf '%s\n' "$out" | awk '$1 ~ /^5[0-9][0-9]$/ { n += $2 } END { print n + 0 }')
		t=$(( ($(date +%s%N) - t0) / 1000000 ))
		if [ "$n5xx" -gt 0 ] && [ -z "$EX_FIRST_5XX" ]; then
			EX_FIRST_5XX=$t EX_AT_5XX=$EX_TOTAL
			echo "step $step: first 5xx to REGISTER after $EX_TOTAL registrations: $(printf '%s' "$out" | tr '\n' ' ')"
		fi
		"$check" "$step" "$t" "$EX_TOTAL" "$n5xx"
		verdict=$?
		[ $verdict = 1 ] && [ -z "$EX_FIRST_WARN" ] && EX_FIRST_WARN=$t
		if [ -n "$EX_FIRST_5XX" ]; then
			[ $verdict = 2 ] && { EX_FIRST_FAIL=$t; break; }
			after=$((after + 1))
			[ $after -le "$EX_AFTER_5XX" ] || break
		elif [ $verdict = 2 ] && [ -z "$EX_EARLY_FAIL" ]; then
			EX_EARLY_FAIL=$t
		fi
	done
}

# ex_seconds MS: "12.3" or "-1.2" (tenths, towards zero), for lead times.
ex_seconds() {
	local ms=$1 sign=
	[ "$ms" -lt 0 ] && sign=- ms=$((-ms))
	echo "$sign$((ms / 1000)).$((ms % 1000 / 100))"
}
