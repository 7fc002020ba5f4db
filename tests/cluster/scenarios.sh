# tests/cluster/scenarios.sh: failover scenarios on a running cluster with the sipha
# configuration (config.sh), shared by the cluster tests and tools/demo.sh. Sourced after
# lib.sh and config.sh. Each scenario returns non-zero with a message when an expectation
# fails, and leaves its figures in SC_* variables:
#   SC_FROM SC_TO   nodes the floating IP left and reached
#   SC_GAP          client-visible outage (ms, longest silence of a 5 ms ping)
#   SC_FIRST        event -> client's first answer afterwards (ms)
#   SC_DETECT       event -> Corosync formed the new membership (ms; crash only)
#   SC_WASDC        yes when the crashed node was the DC (crash only)
#   SC_SHARE        start of the floating IP agent called -> client's first answer (ms)
#   SC_SIPGAP       with the sipha kamailio agent: REGISTER outage (ms, a REGISTER every ~50 ms)

# Number of nodes, and the node that is neither SC_FROM nor down (first such).
sc_other_node() {
	local n i
	n=$(scl_nodes)
	for i in $(seq 1 "$n"); do
		[ "$i" != "$1" ] && [ -n "$(scl_node_pid "$i")" ] && { echo "$i"; return; }
	done
}

# After an event at T0 that should move floatip away from SC_FROM: wait, then collect figures.
sc_collect() {
	local t0=$1 what=$2 obs called
	obs=$(sc_other_node "$SC_FROM")
	scl_wait 30 "floatip to leave node$SC_FROM ($what)" scl_rsc_moved "$obs" "$SCL_VIP_RSC" "$SC_FROM" ||
		{ scl_probe_stop sc; return 1; }
	SC_TO=$(scl_rsc_node "$obs" "$SCL_VIP_RSC")
	scl_wait 10 "the client to reach $SCL_VIP again" scl_vip_answers || { scl_probe_stop sc; return 1; }
	sleep 0.2
	scl_probe_stop sc
	if scl_config_sipha; then
		scl_wait 10 "REGISTER through $SCL_VIP to succeed again" scl_register ||
			{ scl_sip_probe_stop sc; return 1; }
		scl_sip_probe_stop sc
		read -r SC_SIPGAP _ < <(scl_sip_gap sc "$t0")
	fi
	read -r SC_GAP SC_FIRST < <(scl_probe_gap sc "$t0")
	[ "$SC_GAP" -ge 0 ] || { scl_die "no client answer after $what in the probe"; return 1; }
	called=$(scl_start_called_ms "$SC_TO" "$SCL_VIP_RSC" "$t0")
	SC_SHARE=?
	[ -n "$called" ] && SC_SHARE=$((t0 + SC_FIRST - called))
	[ "$(scl_vip_node)" = "$SC_TO" ] ||
		{ scl_die "Pacemaker says node$SC_TO, the address is on '$(scl_vip_node)'"; return 1; }
	[ "$(scl_client_vip_mac)" = "$(scl_node_mac "$SC_TO")" ] ||
		{ scl_die "the client's neighbour entry does not name node$SC_TO's MAC"; return 1; }
}

sc_begin() {
	SC_FROM=$(scl_vip_node) SC_TO= SC_GAP= SC_FIRST= SC_DETECT= SC_SHARE= SC_SIPGAP=
	[ -n "$SC_FROM" ] || { scl_die "floatip is not up anywhere"; return 1; }
	scl_probe_start sc 90 0.005
	scl_config_sipha && scl_sip_probe_start sc 90
	sleep 0.5
}

# Scenario 3: the node holding the IP crashes (unplugged, every process killed).
sc_crash() {
	sc_begin || return 1
	# Losing the DC costs an election: say which case this was (SC_WASDC yes/no).
	SC_WASDC=no
	scl_exec "$SC_FROM" crm_mon -1 | grep -q "Current DC: node$SC_FROM " && SC_WASDC=yes
	scl_crash "$SC_FROM"
	sc_collect "$SCL_CRASH_MS" "crash" || return 1
	SC_DETECT=$(scl_detect_ms "$SC_TO" "$SCL_CRASH_MS")
}

# Scenario 5 (health part): the IP node's sipha-health turns red. Without a way to exhaust
# Kamailio's memory the attribute is set as the kamailio agent would (attrd_updater).
sc_health_red() {
	local t0
	sc_begin || return 1
	t0=$(scl_now_ms)
	scl_exec "$SC_FROM" attrd_updater -n sipha-health -U red || return 1
	sc_collect "$t0" "sipha-health red" || return 1
}

sc_health_clear() { scl_exec "$1" attrd_updater -n sipha-health -D; }

# An administrative move (crm_resource --move), constraint cleared afterwards.
sc_move() {
	local t0 to
	sc_begin || return 1
	to=$(sc_other_node "$SC_FROM")
	t0=$(scl_now_ms)
	scl_exec "$to" crm_resource --move --resource "$SCL_VIP_RSC" --node "node$to" >/dev/null 2>&1 ||
		{ scl_probe_stop sc; return 1; }
	sc_collect "$t0" "move" || return 1
	scl_exec "$to" crm_resource --clear --resource "$SCL_VIP_RSC" >/dev/null 2>&1
}

# Kamailio's processes on node I (its own PID namespace: all of them are the agent's).
sc_kam_pids() {
	scl_exec "$1" ps -eo pid=,comm= | awk '$2 == "kamailio" { print $1 }' | tr '\n' ' '
}

# The main Kamailio process on node I (the oldest one), empty when none.
sc_kam_main_pid() { scl_exec "$1" pgrep -o -x kamailio 2>/dev/null; }

# The kamailio instance on node I was left alone: main pid still $2, no failed action of
# kamailio on node I, fail-count 0. Says what differs.
sc_kam_undisturbed() {
	local i=$1 pid0=$2 pid fc failed
	pid=$(sc_kam_main_pid "$i")
	[ "$pid" = "$pid0" ] ||
		{ scl_die "node$i: kamailio main pid $pid0 before, '$pid' after"; return 1; }
	failed=$(scl_exec "$i" crm_mon -1 -r | sed -n '/Failed Resource Actions/,$ p' |
		grep "kamailio.* on node$i ")
	[ -z "$failed" ] || { scl_die "node$i: failed action: $failed"; return 1; }
	fc=$(scl_exec "$i" crm_failcount --query --resource kamailio --node "node$i" 2>/dev/null |
		sed -n 's/.*value=\([0-9A-Za-z]*\).*/\1/p')
	[ "${fc:-0}" = 0 ] || { scl_die "node$i: kamailio fail-count $fc"; return 1; }
}

# Scenario 5 needs a pool it can fill in seconds: the docs' shmem is lowered to SCL_KAM_SHM
# (an admin's crm_resource; Pacemaker restarts the instances), then waits for the
# configuration and a REGISTER through the floating IP.
sc_shm_shrink() {
	scl_exec 1 crm_resource --resource kamailio --set-parameter shmem \
		--parameter-value "$SCL_KAM_SHM" >/dev/null || return 1
	sleep 2
	scl_wait 60 "kamailio restarted with shmem=$SCL_KAM_SHM" sc_kam_shm_is "$SCL_KAM_SHM" &&
		scl_wait 60 "the configuration to run" scl_config_up 1 &&
		scl_wait 15 "REGISTER through $SCL_VIP" scl_register
}

# True when every node's Kamailio runs with -m MB.
sc_kam_shm_is() {
	local i
	for i in $(seq 1 "$(scl_nodes)"); do
		scl_exec "$i" pgrep -o -x kamailio >/dev/null || return 1
		scl_exec "$i" ps -o args= -p "$(sc_kam_main_pid "$i")" | grep -q -- "-m $1 " || return 1
	done
}

# Scenario 4: every Kamailio process on the IP node is killed (kill -9). Pacemaker recovers by
# policy (the monitor sees it gone: restart in place, floatip follows the order constraint).
# SC_GAP is then the REGISTER outage; SC_TO the node floatip is on afterwards.
sc_kam_kill() {
	local t0 pids
	SC_FROM=$(scl_vip_node) SC_TO= SC_GAP= SC_FIRST= SC_SIPGAP= SC_REASON=
	[ -n "$SC_FROM" ] || { scl_die "floatip is not up anywhere"; return 1; }
	pids=$(sc_kam_pids "$SC_FROM")
	[ -n "$pids" ] || { scl_die "no kamailio process on node$SC_FROM"; return 1; }
	scl_sip_probe_start sc 60
	sleep 1
	t0=$(scl_now_ms)
	# shellcheck disable=SC2086
	scl_exec "$SC_FROM" kill -9 $pids
	# Recovery: kamailio running again on the IP node (or floatip elsewhere), REGISTER answered.
	scl_wait 45 "Pacemaker to notice" sc_failed_action kamailio || { scl_sip_probe_stop sc; return 1; }
	SC_REASON=$(sc_failed_action kamailio)
	scl_wait 45 "REGISTER through $SCL_VIP to succeed again" scl_register ||
		{ scl_sip_probe_stop sc; return 1; }
	sleep 0.3
	scl_sip_probe_stop sc
	read -r SC_GAP SC_FIRST < <(scl_sip_gap sc "$t0")
	SC_SIPGAP=$SC_GAP
	SC_TO=$(scl_vip_node)
	[ "$SC_GAP" -ge 0 ] || { scl_die "no REGISTER answered after the kill"; return 1; }
}

# The first failed action of resource R as crm_mon shows it (empty when none).
sc_failed_action() {
	local i
	i=$(scl_any_node) || return 1
	scl_exec "$i" crm_mon -1 -r | sed -n "/Failed Resource Actions/,\$ s/^ *\* \($1 .*\)/\1/p" | head -1 |
		grep .
}

# Scenario 5: Kamailio's shared memory on the IP node is exhausted by REGISTER bindings (many
# users, long expiry) sent through the floating IP until REGISTER gets 5xx; the kamailio agent
# turns sipha-health red, the location rule moves floatip to the healthy node, where REGISTER
# works. SC_GAP: REGISTER outage from the first 5xx; SC_FIRST: first 5xx -> IP moved.
sc_shm_exhaust() {
	local step=0 out n5 t5= end bin
	SC_FROM=$(scl_vip_node) SC_TO= SC_GAP= SC_FIRST= SC_SIPGAP= SC_REASON= SC_REGS=0
	[ -n "$SC_FROM" ] || { scl_die "floatip is not up anywhere"; return 1; }
	bin=$(scl_sip_probe_bin)
	scl_sip_probe_start sc 150
	end=$(($(scl_now_ms) + 90000))
	while [ -z "$t5" ] && [ "$(scl_now_ms)" -lt "$end" ] && [ $step -lt 80 ]; do
		step=$((step + 1))
		out=$(scl_client "$bin" -t 1000 -e 86400 -n 500 register "udp:$SCL_VIP:5060" "f${step}u" 2>&1)
		SC_REGS=$((SC_REGS + 500))
		n5=$(awk '$1 ~ /^5[0-9][0-9]$/ { n += $2 } END { print n + 0 }' <<<"$out")
		[ "$n5" -gt 0 ] && t5=$(scl_now_ms)
	done
	[ -n "$t5" ] || { scl_sip_probe_stop sc; scl_die "no 5xx after $SC_REGS REGISTERs"; return 1; }
	scl_wait 60 "floatip to leave node$SC_FROM (health red)" scl_rsc_moved "$(sc_other_node "$SC_FROM")" "$SCL_VIP_RSC" "$SC_FROM" ||
		{ scl_sip_probe_stop sc; return 1; }
	SC_FIRST=$(($(scl_now_ms) - t5))
	SC_TO=$(scl_vip_node)
	SC_HEALTH=$(scl_exec "$SC_FROM" attrd_updater -Q -n sipha-health 2>/dev/null | sed -n 's/.*value="\([^"]*\)".*/\1/p')
	scl_wait 15 "REGISTER through $SCL_VIP to succeed on node$SC_TO" scl_register ||
		{ scl_sip_probe_stop sc; return 1; }
	sleep 0.3
	scl_sip_probe_stop sc
	read -r SC_GAP _ < <(scl_sip_gap sc "$t5")
	SC_SIPGAP=$SC_GAP
	SC_REASON=$(sc_failed_action kamailio)
}

# Scenario 6: the floating IP is put on the standby node as an ordinary dynamic address, as a
# DHCP client would. Expected: the cluster reports it (a failed or degraded action with a
# reason in crm_mon), REGISTER keeps working through the IP on the main node, and the foreign
# address is still there afterwards. Sets SC_REASON, SC_KEPT (yes/no), SC_SERVED (yes/no).
sc_foreign_addr() {
	local main sb
	main=$(scl_vip_node)
	[ -n "$main" ] || { scl_die "floatip is not up anywhere"; return 1; }
	sb=$(sc_other_node "$main")
	SC_FROM=$main SC_TO=$sb SC_REASON= SC_KEPT= SC_SERVED=
	ip -n "$(scl_ns "$sb")" addr add "$SCL_VIP/24" dev eth0 valid_lft 3600 preferred_lft 3600 ||
		return 1
	scl_wait 45 "the cluster to report the second copy" sc_failed_action "$SCL_VIP_RSC"
	SC_REASON=$(sc_failed_action "$SCL_VIP_RSC")
	sleep 3
	SC_KEPT=no
	ip -n "$(scl_ns "$sb")" -o addr show dev eth0 | grep -q " $SCL_VIP/24 .*dynamic" && SC_KEPT=yes
	SC_SERVED=no
	if [ "$(scl_rsc_node "$main" "$SCL_VIP_RSC")" = "$main" ] && scl_has_vip "$main"; then
		if scl_config_sipha; then scl_register; else scl_vip_answers; fi && SC_SERVED=yes
	fi
	[ -n "$SC_REASON" ]
}

# Undo scenario 6: remove the foreign copy (the test added it) and clear the failure.
sc_foreign_addr_undo() {
	ip -n "$(scl_ns "$SC_TO")" addr del "$SCL_VIP/24" dev eth0 2>/dev/null
	scl_exec "$SC_FROM" crm_resource --cleanup --resource "$SCL_VIP_RSC" >/dev/null 2>&1
}

# Forget past failures, so that the next scenario's report is its own.
sc_cleanup() {
	local i
	i=$(scl_any_node) || return 1
	scl_exec "$i" crm_resource --cleanup >/dev/null 2>&1
	sleep 1
}
