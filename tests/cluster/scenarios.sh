# tests/cluster/scenarios.sh: failover scenarios on a running cluster with the sipha
# configuration (config.sh), shared by the cluster tests and tools/demo.sh. Sourced after
# lib.sh and config.sh. Each scenario returns non-zero with a message when an expectation
# fails, and leaves its figures in SC_* variables:
#   SC_FROM SC_TO   nodes the floating IP left and reached
#   SC_GAP          client-visible outage (ms, longest silence of a 20 ms ping)
#   SC_FIRST        event -> client's first answer afterwards (ms)
#   SC_DETECT       event -> Corosync formed the new membership (ms; crash only)
#   SC_SHARE        start of the floating IP agent called -> client's first answer (ms)

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
	scl_wait 30 "floatip to leave node$SC_FROM ($what)" scl_rsc_moved "$obs" floatip "$SC_FROM" ||
		{ scl_probe_stop sc; return 1; }
	SC_TO=$(scl_rsc_node "$obs" floatip)
	scl_wait 10 "the client to reach $SCL_VIP again" scl_vip_answers || { scl_probe_stop sc; return 1; }
	sleep 0.2
	scl_probe_stop sc
	read -r SC_GAP SC_FIRST < <(scl_probe_gap sc "$t0")
	[ "$SC_GAP" -ge 0 ] || { scl_die "no client answer after $what in the probe"; return 1; }
	called=$(scl_start_called_ms "$SC_TO" floatip "$t0")
	SC_SHARE=?
	[ -n "$called" ] && SC_SHARE=$((t0 + SC_FIRST - called))
	[ "$(scl_vip_node)" = "$SC_TO" ] ||
		{ scl_die "Pacemaker says node$SC_TO, the address is on '$(scl_vip_node)'"; return 1; }
	[ "$(scl_client_vip_mac)" = "$(scl_node_mac "$SC_TO")" ] ||
		{ scl_die "the client's neighbour entry does not name node$SC_TO's MAC"; return 1; }
}

sc_begin() {
	SC_FROM=$(scl_vip_node) SC_TO= SC_GAP= SC_FIRST= SC_DETECT= SC_SHARE=
	[ -n "$SC_FROM" ] || { scl_die "floatip is not up anywhere"; return 1; }
	scl_probe_start sc 60
	sleep 0.5
}

# Scenario 3: the node holding the IP crashes (unplugged, every process killed).
sc_crash() {
	sc_begin || return 1
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
	scl_exec "$to" crm_resource --move --resource floatip --node "node$to" >/dev/null 2>&1 ||
		{ scl_probe_stop sc; return 1; }
	sc_collect "$t0" "move" || return 1
	scl_exec "$to" crm_resource --clear --resource floatip >/dev/null 2>&1
}
