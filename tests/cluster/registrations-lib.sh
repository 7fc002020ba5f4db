# tests/cluster/registrations-lib.sh: phones registered through the floating IP and looked up
# again after failover and restarts, for tests/cluster/registrations.sh, registrations-3.sh and
# bench/registrations-bench.sh. Sourced after lib.sh, config.sh and rolling-lib.sh.
#   the phones   a sipp UAS in the client namespace ($SCL_CLIENT_IP:$RG_PHONE_PORT) answering
#                every MESSAGE relayed to a phone's contact with 200
#   registering  sipp, REGISTER of phone1..phoneN through the floating IP, contacts on the UAS
#   reaching     sipp, a MESSAGE to each phone through the floating IP: 200 from the phone
#                (found) or 404 / no answer (unreachable)
#   the tables   kamcmd inside each node (Kamailio's ctl socket in the node's /run/kamailio)
# The scenarios are tests/sip/scenarios/*.xml (shared with tests/kamailio/dmq-sync.sh). Every
# sipp run is bounded by -m, a rate and -timeout.

RG_PHONES=${REG_PHONES:-1000}
RG_PHONE_PORT=5070
RG_RATE=${RG_RATE:-250}
RG_DMQ_PORT=5090
RG_SCEN=$SCL_SRCDIR/tests/sip/scenarios
RG_EXAMPLE=$SCL_SRCDIR/examples/kamailio-ha.cfg
# Where the docs' replication blocks name the installed example.
RG_DOCS_CFG=/usr/local/share/doc/sipha/examples/kamailio-ha.cfg

# The commands of docs/kamailio.md's block under the heading $1 (exactly), one per line, the
# installed example's path replaced by the source tree's.
rg_docs_block() {
	docs_block "$SCL_DOCS" "$1" | sed -e "s|$RG_DOCS_CFG|$RG_EXAMPLE|g"
}

# rg_replication_on I FORM: the docs' "Replication on with FORM" block (pcs, crmsh) inside
# node I, as an admin types it.
rg_replication_on() {
	scl_config_run "$1" < <(rg_docs_block "#### Replication on with $2")
}

# The floating IP answers OPTIONS (not REGISTER, as rl_serving does: its contact would count
# in the tables).
rg_options() {
	scl_client "$(scl_sip_probe_bin)" -t 1000 options "udp:$SCL_VIP:5060" 2>/dev/null |
		grep -q '^200 '
}
# Every instance runs, the IP is up and answers OPTIONS.
rg_serving() { scl_config_up 1 && rg_options; }

# rg_phones_start SECS: the phones' UAS for at most SECS.
rg_phones_start() {
	scl_client sipp -sf "$RG_SCEN/phones-uas.xml" -i "$SCL_CLIENT_IP" -p "$RG_PHONE_PORT" \
		-nostdin -timeout "$1s" >"$SCL_STATE/phones-uas.out" 2>&1 &
	echo $! >"$SCL_STATE/probe-phones.pid"
}

# rg_register: phone1..phoneN register through the floating IP; true when every one got 200.
rg_register() {
	scl_client sipp -sf "$RG_SCEN/register-phones.xml" \
		-key phones "$SCL_CLIENT_IP:$RG_PHONE_PORT" -m "$RG_PHONES" -r "$RG_RATE" \
		-i "$SCL_CLIENT_IP" -p 0 -nostdin -timeout 60s -timeout_error \
		"$SCL_VIP:5060" >"$SCL_STATE/register.out" 2>&1
}

# rg_reach NAME: a MESSAGE to every phone through the floating IP; RG_FOUND (answered 200 by
# the phone, counted once per call), RG_LOST (404) and RG_UNREACH (all but the found).
rg_reach() {
	local log=$SCL_STATE/message-$1.log
	rm -f "$log"
	scl_client sipp -sf "$RG_SCEN/message-phone.xml" -m "$RG_PHONES" -r "$RG_RATE" \
		-i "$SCL_CLIENT_IP" -p 0 -nostdin -timeout 60s -trace_msg -message_file "$log" \
		"$SCL_VIP:5060" >/dev/null 2>&1
	# Per message: its status line, then its Call-ID (retransmitted answers count once).
	read -r RG_FOUND RG_LOST < <(awk '
		/^-----/ { st = "" }
		/^SIP\/2\.0 / { st = $2 }
		/^Call-ID:/ { if (st == "200") ok[$2] = 1; else if (st == "404") nf[$2] = 1; st = "" }
		END { printf "%d %d\n", length(ok), length(nf) }' "$log" 2>/dev/null || echo "0 0")
	RG_UNREACH=$((RG_PHONES - RG_FOUND))
}

# rg_event NAME: rg_reach and the event's line; true when no phone is unreachable.
rg_event() {
	rg_reach "$1"
	echo "phones unreachable after $1: $RG_UNREACH of $RG_PHONES ($RG_LOST answered 404," \
		"IP on node$(scl_vip_node))"
	[ "$RG_UNREACH" = 0 ]
}

# Contacts in node I's location table (usrloc statistic), empty when Kamailio does not answer.
rg_contacts() {
	SCL_EXEC_TIMEOUT=5 scl_exec "$1" kamcmd stats.get_statistics location_contacts 2>/dev/null |
		awk '$1 == "usrloc:location_contacts" { print $3 }'
}
rg_holds() { [ "$(rg_contacts "$1")" = "$2" ]; }

# rg_tables: "node1=C1 node2=C2 ..." for the running nodes.
rg_tables() {
	local i s=
	for i in $(seq 1 "$(scl_nodes)"); do
		[ -n "$(scl_node_pid "$i")" ] || continue
		s="$s node$i=$(rg_contacts "$i")"
	done
	echo "${s# }"
}

# rg_all_hold N: every running node's table holds N contacts.
rg_all_hold() {
	local i
	for i in $(seq 1 "$(scl_nodes)"); do
		[ -n "$(scl_node_pid "$i")" ] || continue
		rg_holds "$i" "$1" || return 1
	done
}

# Shared memory Kamailio uses on node I (core.shmmem real_used, bytes).
rg_shm_used() {
	SCL_EXEC_TIMEOUT=5 scl_exec "$1" kamcmd core.shmmem 2>/dev/null |
		awk '$1 == "real_used:" { print $2 }'
}


# rg_wait_hold I N SECS: polls (0.1 s) until node I holds N contacts; RG_HELD_MS the epoch ms
# it was seen holding them. False after SECS.
rg_wait_hold() {
	local end=$(($(scl_now_ms) + $3 * 1000))
	while [ "$(scl_now_ms)" -lt "$end" ]; do
		if rg_holds "$1" "$2"; then
			RG_HELD_MS=$(scl_now_ms)
			return 0
		fi
		sleep 0.1
	done
	scl_die "node$1 holds $(rg_contacts "$1") contacts after ${3}s, want $2"
}

# rg_dmq_block I / rg_dmq_unblock I: drop every UDP datagram arriving on eth0 for the
# replication port, in node I's namespace only: a policy rule of type blackhole ahead of the
# local table (moved from 0 to 100: rule 0 cannot be preceded). The first fragment of a large
# KDMQ request carries the port, so the whole datagram is lost. (Policy rules need no netfilter
# or tc action module, which a CI kernel may not load.)
rg_dmq_block() {
	local ns
	ns=$(scl_ns "$1")
	if ip -n "$ns" rule show pref 0 | grep -q 'lookup local'; then
		ip -n "$ns" rule add pref 100 lookup local && ip -n "$ns" rule del pref 0 || return 1
	fi
	ip -n "$ns" rule add pref 10 iif eth0 ipproto udp dport "$RG_DMQ_PORT" blackhole
}
rg_dmq_unblock() { ip -n "$(scl_ns "$1")" rule del pref 10; }

# The main Kamailio pid on node I.
rg_kam_pid() { scl_exec "$1" pgrep -o -x kamailio 2>/dev/null; }

# rg_crash_and_return: (a) the IP holder crashes; once the IP answers REGISTER on another node,
# every phone is looked up; (b) the crashed node returns, its instance syncs: RG_SYNC_MS from
# its start (the executor's log) to holding N, RG_CRASHED the node, RG_RETURN_TABLE its count. RG_FAILOVER_UNREACH and
# RG_RETURN_FIRST, RG_RETURN_SYNC (the sipha-sync attribute first seen, and once it is synced or
# 25 s later) are kept for the caller. Returns 1 on a
# broken step (not on unreachable phones: the caller asserts those).
rg_crash_and_return() {
	local c t_back t_start
	c=$(scl_vip_node)
	[ -n "$c" ] || { scl_die "no node holds $SCL_VIP"; return 1; }
	RG_CRASHED=$c
	scl_crash "$c"
	scl_wait 60 "the floating IP off node$c, answering OPTIONS" rg_ip_moved "$c" || return 1
	echo "(a) node$c crashed; the IP answers on node$(scl_vip_node)" \
		"$(($(scl_now_ms) - SCL_CRASH_MS)) ms later; tables: $(rg_tables)"
	rg_event "failover (node$c crashed)"
	RG_FAILOVER_UNREACH=$RG_UNREACH
	t_back=$(scl_now_ms)
	scl_restart_node "$c" || return 1
	scl_wait 90 "node$c's instance running" rg_kam_running "$c" || return 1
	rg_wait_hold "$c" "$RG_EXPECT_SYNC" 60 || return 1
	t_start=$(scl_start_called_ms "$c" kamailio "$t_back")
	[ -n "$t_start" ] || t_start=$t_back
	RG_SYNC_MS=$((RG_HELD_MS - t_start))
	# The attribute is the monitor's (every 10 s): a monitor that ran before the table was
	# full published "syncing"; the next one, with the table held, must publish "synced"
	# (Pacemaker 3.0 runs the first monitor sooner after the start than 2.1: seen there).
	scl_wait 30 "node$c's sipha-sync attribute" rg_attr_set "$c" sipha-sync
	RG_RETURN_FIRST=$(scl_attr "$c" sipha-sync)
	scl_wait 25 "node$c's sipha-sync synced (the next monitor)" scl_attr_is "$c" sipha-sync synced
	RG_RETURN_SYNC=$(scl_attr "$c" sipha-sync) RG_RETURN_TABLE=$(rg_contacts "$c")
	echo "(b) node$c back: its instance started $((t_start - t_back)) ms after the node's" \
		"boot and held $RG_EXPECT_SYNC contacts $RG_SYNC_MS ms after its start;" \
		"sipha-sync first ${RG_RETURN_FIRST:-unset}, then ${RG_RETURN_SYNC:-unset}" \
		"$(($(scl_now_ms) - RG_HELD_MS)) ms after the table was full; tables: $(rg_tables)"
}
rg_ip_moved() { local v; v=$(scl_vip_node); [ -n "$v" ] && [ "$v" != "$1" ] && rg_options; }
rg_kam_running() { [ -n "$(rg_kam_pid "$1")" ]; }
rg_attr_set() { [ -n "$(scl_attr "$1" "$2")" ]; }

# rg_rolling: (c) siphactl rolling-restart inside node 1 (bounded: rl_siphactl); RG_ROLL_RC, the
# pids before/after in RG_PIDS0/RG_PIDS1, RG_ROLL_NEW true when every pid changed.
rg_rolling() {
	local p
	RG_PIDS0=$(rl_kam_pids)
	rl_siphactl 1 "$SCL_STATE/roll.txt" rolling-restart --min-healthy 2s
	RG_ROLL_RC=$?
	scl_wait 60 "every instance and the IP up" rg_serving
	RG_PIDS1=$(rl_kam_pids) RG_ROLL_NEW=yes
	for p in $RG_PIDS0; do
		case " $RG_PIDS1 " in *" $p "* | *"= "*) RG_ROLL_NEW=no ;; esac
	done
	echo "(c) rolling restart: exit $RG_ROLL_RC; pids $RG_PIDS0 -> $RG_PIDS1"
}

# rg_flow MODE FORM: the whole run on the docs' configuration (already up). MODE example: the
# docs' replication block in FORM (pcs, crmsh) first; MODE debian: Debian's default
# configuration as it is (the baseline). Then the phones register (RG_SHM_PER: bytes of shared
# memory per contact on the node that took them), (a) and (b) (rg_crash_and_return), (c)
# (rg_rolling). Figures: RG_REG_TABLES, RG_FAILOVER_UNREACH, RG_SYNC_MS, RG_RETURN_SYNC,
# RG_ROLL_UNREACH, ... Returns 1 when a step could not be done (the figures say the rest).
rg_flow() {
	local mode=$1 form=$2 h s0 s1 t0
	if [ "$mode" = example ]; then
		t0=$(scl_now_ms)
		rg_replication_on 1 "$form" || return 1
		scl_wait 90 "the configuration to run again" rg_serving || return 1
		echo "replication on: the docs' $form block run, serving again after" \
			"$(($(scl_now_ms) - t0)) ms: $(rg_docs_block "#### Replication on with $form" | tr '\n' ';')"
	fi
	RG_EXPECT_SYNC=0
	# The setup's REGISTER of "phone" (scl_register) would count in the tables: removed.
	scl_client "$(scl_sip_probe_bin)" -t 1000 -e 0 register "udp:$SCL_VIP:5060" phone >/dev/null 2>&1
	[ "$mode" = example ] && RG_EXPECT_SYNC=$RG_PHONES
	rg_phones_start 400
	h=$(scl_vip_node)
	s0=$(rg_shm_used "$h")
	t0=$(scl_now_ms)
	rg_register || { scl_die "sipp REGISTER: $(tail -n 3 "$SCL_STATE/register.out")"; return 1; }
	rg_wait_hold "$h" "$RG_PHONES" 30 || return 1
	if [ "$mode" = example ]; then
		scl_wait 30 "every node to hold $RG_PHONES contacts" rg_all_hold "$RG_PHONES" ||
			RG_REG_ALL=no
	fi
	# Past tm's wait timer (5 s): the REGISTER and KDMQ transactions are freed by then.
	sleep 6
	s1=$(rg_shm_used "$h")
	RG_SHM_PER=$(((s1 - s0) / RG_PHONES))
	RG_REG_TABLES=$(rg_tables)
	echo "registered: $RG_PHONES phones through $SCL_VIP (node$h) in $(($(scl_now_ms) - t0)) ms;" \
		"tables: $RG_REG_TABLES; shm on node$h $s0 -> $s1 bytes ($RG_SHM_PER per contact)"
	rg_crash_and_return || return 1
	scl_wait 60 "every instance and the IP up" rg_serving || return 1
	rg_rolling
	rg_event "rolling restart"
	RG_ROLL_UNREACH=$RG_UNREACH
	return 0
}

# rg_events FORM: rg_flow with the example configuration turned on by the docs' FORM (pcs or
# crmsh) block, and what registrations.sh and registrations-3.sh assert of it: every table full
# after registering, no phone unreachable after (a) the crash and (c) the rolling restart, (b)
# the returning node synced, every instance restarted by (c).
rg_events() {
	RG_REG_ALL=yes
	rg_flow example "$1" || scl_fail "a step of the run failed"
	[ "$RG_REG_ALL" = yes ] || scl_fail "not every node holds $N contacts after registering: $RG_REG_TABLES"
	[ "$RG_FAILOVER_UNREACH" = 0 ] || scl_fail "(a) $RG_FAILOVER_UNREACH of $N phones unreachable after the failover"
	[ "$RG_RETURN_SYNC" = synced ] || scl_fail "(b) node$RG_CRASHED's sipha-sync is '$RG_RETURN_SYNC', want synced"
	[ "$RG_ROLL_RC" = 0 ] || scl_fail "(c) rolling-restart: exit $RG_ROLL_RC"
	[ "$RG_ROLL_NEW" = yes ] || scl_fail "(c) not every instance restarted: $RG_PIDS0 -> $RG_PIDS1"
	[ "$RG_ROLL_UNREACH" = 0 ] || scl_fail "(c) $RG_ROLL_UNREACH of $N phones unreachable after the rolling restart"
	scl_wait 30 "every node to hold $N contacts" rg_all_hold "$N" || scl_fail "(c) tables: $(rg_tables)"
}
