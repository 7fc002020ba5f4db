# bench/rolling-common.sh: one measured restart of the Kamailio clone and the table of results,
# shared by bench/rolling-bench.sh and tools/demo.sh (so both print the same figures the same
# way). Sourced after tests/cluster/lib.sh, config.sh, scenarios.sh and rolling-lib.sh.
# A results file has one line per restart: TOOL FAILED GAP_MS DURATION_MS EXIT SENT.

# rb_cluster_up N AGENTS_DIR: N nodes with docs/kamailio.md's crmsh block, REGISTER answered.
rb_cluster_up() {
	scl_up "$1" "$2" || return 1
	scl_wait_ready 90 || return 1
	scl_config_crm 1 || return 1
	scl_wait 60 "the configuration to run" scl_config_up 1 || return 1
	scl_wait 10 "REGISTER through $SCL_VIP" scl_register
}

# rb_ready: a settled cluster before a measured restart: no failed action, every instance
# and the IP up, REGISTER answered.
rb_ready() {
	sc_cleanup >/dev/null 2>&1
	scl_wait 60 "the configuration to run and answer REGISTER" rl_serving || return 1
	sleep 3
}

# rb_round TOOL RESULTS [SIPHACTL ARGS...]: TOOL siphactl or pcs, run inside node 1 under the
# load; one line in RESULTS and a line on stdout.
rb_round() {
	local tool=$1 results=$2 rc
	shift 2
	rb_ready || return 1
	if [ "$tool" = siphactl ]; then
		rl_measure siphactl 1 "$@"
	else
		rl_measure pcs 1
	fi
	rc=$?
	[ -n "${RL_SENT:-}" ] || return 1
	printf '%-10s %s\n' "$tool:" "$(rl_figures)"
	# A refused or failed run has no figures worth comparing: it is not tabulated.
	[ "$rc" = 0 ] || return 1
	echo "$tool $RL_FAILED $RL_GAP $RL_DUR $rc $RL_SENT" >>"$results"
}

# rb_stats RESULTS TOOL COLUMN: min/median/max of a column (2 failed, 3 gap, 4 duration).
rb_stats() {
	awk -v t="$2" -v c="$3" '$1 == t { print $c }' "$1" | sort -n |
		awk '{ v[NR] = $1 } END { if (NR) printf "%d/%d/%d", v[1], v[int((NR + 1) / 2)], v[NR]; else printf "-" }'
}

# rb_table RESULTS NODES: the comparison, and whether siphactl met the issue's target.
rb_table() {
	local res=$1 tool worst_gap worst_failed lost
	echo "rolling restart vs stock restart: $2 nodes, sip_load $RL_RATE/s through $SCL_VIP" \
		"(phones re-registering + OPTIONS, UDP, ${RL_TIMEOUT} ms timeout); min/median/max"
	printf '%-36s %-20s %-18s %-16s\n' tool "failed transactions" "longest gap (ms)" "duration (ms)"
	for tool in siphactl pcs; do
		grep -q "^$tool " "$res" || continue
		printf '%-36s %-20s %-18s %-16s\n' "$([ $tool = pcs ] &&
			echo "pcs resource restart kamailio-clone" || echo "siphactl rolling-restart")" \
			"$(rb_stats "$res" $tool 2)" "$(rb_stats "$res" $tool 3)" "$(rb_stats "$res" $tool 4)"
	done
	grep -q '^siphactl ' "$res" || { echo "target: not measured (no siphactl run completed)"; return 0; }
	worst_failed=$(rb_stats "$res" siphactl 2 | cut -d/ -f3)
	worst_gap=$(rb_stats "$res" siphactl 3 | cut -d/ -f3)
	lost=$((worst_failed * 1000 / RL_RATE))
	echo "target (no failed transaction outside the single IP move, the move under 200 ms):" \
		"worst run: $worst_failed failed (~$lost ms of requests at $RL_RATE/s), gap $worst_gap ms:" \
		"$([ "$lost" -le 200 ] && [ "$worst_gap" -le 200 ] && echo met || echo NOT met)"
}

rb_cleanup() {
	local f
	trap - EXIT INT TERM
	for f in "$SCL_STATE"/probe-load-*.pid; do [ -r "$f" ] && kill -INT "$(cat "$f")" 2>/dev/null; done
	scl_down
}
