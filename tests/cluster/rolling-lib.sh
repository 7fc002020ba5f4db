# tests/cluster/rolling-lib.sh: restarts of the Kamailio clone under client load, measured the
# same way for the cluster tests (rolling.sh, rolling-3.sh), bench/rolling-bench.sh and
# tools/demo.sh. Sourced after lib.sh and config.sh (the sipha configuration from the docs).
#   siphactl            $top_builddir/tools/siphactl/siphactl, run inside a node (scl_exec);
#                       /tmp and the build dir are visible there
#   sip_load            $top_builddir/tests/net/sip_load, run in the client namespace through
#                       the floating IP: phones re-registering and OPTIONS, RL_RATE per second
# Figures of the last measured restart (rl_measure): RL_FAILED failed transactions, RL_GAP the
# longest client-visible gap (ms), RL_DUR the restart's duration (ms), RL_RC its exit status,
# RL_SENT, RL_FIRST_FAIL/RL_LAST_FAIL (epoch ms, 0 when none), RL_OUT its output file.

RL_RATE=${RL_RATE:-100}
RL_PHONES=${RL_PHONES:-200}
# A phone's UAC gives up after Timer F (32 s); a short timeout counts what a phone would
# notice as a lost request, retransmissions (500 ms, 1 s) included.
RL_TIMEOUT=${RL_TIMEOUT:-2000}

rl_siphactl_bin() { echo "${SIPHACTL:-${top_builddir:-$SCL_LIBDIR/../..}/tools/siphactl/siphactl}"; }
rl_load_bin() { echo "${SIP_LOAD:-${top_builddir:-$SCL_LIBDIR/../..}/tests/net/sip_load}"; }

# rl_siphactl I OUTFILE ARGS...: siphactl ARGS inside node I, stdout and stderr into OUTFILE
# (also shown on stderr with a prefix unless RL_ECHO=no); its exit status. Bounded by 300 s.
rl_siphactl() {
	local i=$1 out=$2 rc
	shift 2
	SCL_EXEC_TIMEOUT=300 scl_exec "$i" "$(rl_siphactl_bin)" "$@" >"$out" 2>&1
	rc=$?
	[ "${RL_ECHO:-yes}" = no ] || sed "s/^/  [siphactl $1 on node$i] /" "$out" >&2
	return "$rc"
}

# rl_load_start NAME SECS: sip_load through the floating IP for at most SECS, summary line in
# $SCL_STATE/load-NAME.txt; its pid in probe-load-NAME.pid (the test cleanup stops it).
rl_load_start() {
	local name=$1 secs=$2
	ip netns exec "$(scl_ns_cl)" "$(rl_load_bin)" -d "$secs" -r "$RL_RATE" -n "$RL_PHONES" \
		-t "$RL_TIMEOUT" "udp:$SCL_VIP:5060" >"$SCL_STATE/load-$name.txt" 2>&1 &
	echo $! >"$SCL_STATE/probe-load-$name.pid"
}

# rl_load_stop NAME: SIGINT (sip_load prints its summary and exits), wait, read the figures.
rl_load_stop() {
	local f=$SCL_STATE/probe-load-$1.pid line
	if [ -r "$f" ]; then
		kill -INT "$(cat "$f")" 2>/dev/null
		wait "$(cat "$f")" 2>/dev/null
		rm -f "$f"
	fi
	line=$(grep '^sent=' "$SCL_STATE/load-$1.txt")
	[ -n "$line" ] || { scl_die "sip_load $1 printed no summary"; return 1; }
	RL_SENT=$(rl_field sent "$line") RL_FAILED=$(rl_field failed "$line")
	RL_GAP=$(rl_field max_gap_ms "$line") RL_FIRST_FAIL=$(rl_field first_fail "$line")
	RL_LAST_FAIL=$(rl_field last_fail "$line") RL_LOAD_LINE=$line
}

rl_field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

# The main Kamailio pid of every node, "node1=PID node2=PID ...".
rl_kam_pids() {
	local i s=
	for i in $(seq 1 "$(scl_nodes)"); do
		s="$s node$i=$(scl_exec "$i" pgrep -o -x kamailio 2>/dev/null)"
	done
	echo "${s# }"
}

# rl_cib_count I XPATH: how many elements of node I's CIB match XPATH.
rl_cib_count() {
	scl_exec "$1" cibadmin -Q 2>/dev/null | xmllint --xpath "count($2)" - 2>/dev/null
}

# Elements a rolling restart made (ids sipha-roll-*), as node I sees the CIB.
rl_leftovers() { rl_cib_count "$1" "//*[starts-with(@id,'sipha-roll-')]"; }
# The record of the last run (sipha-last-run) is there.
rl_last_run() { [ "$(rl_cib_count "$1" "//*[@id='sipha-last-run']")" = 1 ]; }
# A ban of a rolling restart is in the CIB right now (a step is under way).
rl_ban_present() {
	[ "$(rl_cib_count "$1" "//rsc_location[starts-with(@id,'sipha-roll-ban-')]")" -ge 1 ]
}
rl_lock_present() { [ "$(rl_cib_count "$1" "//*[@id='sipha-roll-lock']")" -ge 1 ]; }

# "ADMIN_EPOCH.EPOCH" of node I's CIB: changes with every configuration change.
rl_cib_epoch() {
	scl_exec "$1" cibadmin -Q 2>/dev/null |
		xmllint --xpath 'concat(/cib/@admin_epoch, ".", /cib/@epoch)' - 2>/dev/null
}

# True when every node runs its instance and the floating IP answers REGISTER.
rl_serving() { scl_config_up 1 && scl_register; }

# rl_measure MODE NODE [SIPHACTL ARGS...]: restart the clone under load and take the figures.
# MODE siphactl: siphactl rolling-restart ARGS inside NODE; MODE pcs: pcs resource restart
# kamailio-clone inside NODE (the stock tool: every instance at once). The load runs from 2 s
# before to 2 s after (sip_load's own bound: 400 s). Returns the restart's exit status.
rl_measure() {
	local mode=$1 i=$2 t0
	shift 2
	RL_OUT=$SCL_STATE/restart-$mode-$(scl_now_ms).txt
	rl_load_start "m$mode" 400
	sleep 2
	t0=$(scl_now_ms)
	case $mode in
	siphactl) rl_siphactl "$i" "$RL_OUT" rolling-restart "$@" ;;
	pcs) SCL_EXEC_TIMEOUT=300 scl_exec "$i" pcs resource restart kamailio-clone >"$RL_OUT" 2>&1 ;;
	*) scl_die "rl_measure: mode siphactl or pcs"; return 2 ;;
	esac
	RL_RC=$?
	RL_DUR=$(($(scl_now_ms) - t0))
	# Stock restart: pcs returns before every instance serves again; wait for the service.
	scl_wait 60 "the clone and REGISTER through $SCL_VIP" rl_serving
	sleep 2
	rl_load_stop "m$mode" || return 1
	return "$RL_RC"
}

# One line of figures for the last rl_measure.
rl_figures() {
	printf 'failed transactions %s of %s, longest gap %s ms, duration %s ms, exit %s' \
		"$RL_FAILED" "$RL_SENT" "$RL_GAP" "$RL_DUR" "$RL_RC"
}

# The commands of docs/siphactl.md's Nth block (default the first) under the heading $1
# ("## Status", "### Aborting it"), one per line: the tests run the page's commands as written.
rl_docs_cmds() {
	docs_block "${SCL_SRCDIR:-$SCL_LIBDIR/../..}/docs/siphactl.md" "$1" "${2:-1}"
}

# rl_docs_run I HEADING OUTFILE [N]: runs that block inside node I, siphactl taken from the
# build, each command within RL_DOCS_TIMEOUT s (default 60); fails on the first command that
# fails (or when the block is missing).
rl_docs_run() {
	local i=$1 h=$2 out=$3 nth=${4:-1} line n=0
	local -a words
	: >"$out"
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		read -r -a words <<<"$line"
		[ "${words[0]}" = siphactl ] && words[0]=$(rl_siphactl_bin)
		n=$((n + 1))
		SCL_EXEC_TIMEOUT=${RL_DOCS_TIMEOUT:-60} scl_exec "$i" "${words[@]}" >>"$out" 2>&1 ||
			{ scl_die "docs/siphactl.md '$h': failed: $line"; return 1; }
	done < <(rl_docs_cmds "$h" "$nth")
	[ "$n" -gt 0 ] || { scl_die "docs/siphactl.md has no commands under '$h'"; return 1; }
}
