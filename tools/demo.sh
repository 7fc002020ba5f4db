#!/bin/bash
# tools/demo.sh: the README's main job. Installs what it needs, builds sipha, shows the agents
# (meta-data, man page), runs them in a real two-node Corosync/Pacemaker cluster on this
# machine (network namespaces; nothing installed, the host's network untouched), narrates the
# failover scenarios and a restart of every Kamailio (siphactl's rolling restart next to the
# stock pcs restart, under the same SIP load), prints the measured figures, tears down.
#   tools/demo.sh [--build-dir DIR] [--no-deps] [--no-build] [--keep] [--vip-agent A] [--kam-agent A]
#   --build-dir DIR   out-of-tree build dir (default: $SIPHA_BUILD or _build/demo in the tree)
#   --no-deps         do not run scripts/install-deps.sh
#   --no-build        use DIR as it is
#   --keep            leave the cluster running and print how to look around
#   --vip-agent       ocf:sipha:floatip (default when built) or ocf:heartbeat:IPaddr2
#   --kam-agent       ocf:sipha:kamailio (default when built) or ocf:heartbeat:Dummy (stand-in)
# Needs root (namespaces) and the packages in scripts/deps.d/*.txt.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=${SIPHA_BUILD:-$src/_build/demo}
do_deps=yes do_build=yes keep= vip_agent= kam_agent=
while [ $# -gt 0 ]; do
	case $1 in
	--build-dir) build=$(mkdir -p "$2" && cd "$2" && pwd) || exit 2; shift 2 ;;
	--no-deps) do_deps=; shift ;;
	--no-build) do_build=; shift ;;
	--keep) keep=yes; shift ;;
	--vip-agent) vip_agent=$2; shift 2 ;;
	--kam-agent) kam_agent=$2; shift 2 ;;
	-h | --help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) sed -n '2,15s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done

export SCL_NAME=${SCL_NAME:-scl}
. "$src/tests/cluster/lib.sh"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
say() { printf '   %s\n' "$*"; }
figures=()
figure() { figures+=("$(printf '%-50s %s' "$1" "$2")"); }

# 1. Build
if [ -n "$do_deps" ]; then
	step "0. Dependencies (scripts/deps.d/*.txt)"
	bash "$src/scripts/install-deps.sh" || exit 1
fi
step "1. Build (out of tree, in $build)"
if [ -n "$do_build" ]; then
	say "autogen.sh"
	(cd "$src" && ./autogen.sh >/dev/null 2>&1) || { echo "autogen.sh failed" >&2; exit 1; }
	mkdir -p "$build"
	say "configure --enable-werror"
	(cd "$build" && "$src/configure" --enable-werror >"$build/configure.out" 2>&1) ||
		{ echo "configure failed: see $build/config.log" >&2; exit 1; }
	say "make -j2 (and the test programs: make check TESTS=)"
	{ make -C "$build" -j2 && make -C "$build" -j2 check TESTS=; } >"$build/make.out" 2>&1 ||
		{ tail -n 20 "$build/make.out" >&2; exit 1; }
	say "built agents: $(cd "$build" && ls agents 2>/dev/null | grep -v '\.' | tr '\n' ' ')"
fi

# 2. The agents, as Pacemaker sees them
step "2. The sipha agents (meta-data)"
rng=/usr/share/pcs/data/ocf-1.1.rng
found=
for a in "$build"/agents/*; do
	case ${a##*/} in *.*) continue ;; esac
	[ -f "$a" ] && [ -x "$a" ] || continue
	found=yes
	md=$("$a" meta-data 2>/dev/null)
	say "ocf:sipha:${a##*/}: $(grep -o '<shortdesc[^>]*>[^<]*' <<<"$md" | head -1 |
		sed "s/<[^>]*>//; s/&apos;/'/g; s/&quot;/\"/g; s/&lt;/</g; s/&gt;/>/g; s/&amp;/\&/g")"
	say "  parameters: $(grep -o '<parameter name="[^"]*"' <<<"$md" | sed 's/.*="//; s/"$//' | tr '\n' ' ')"
	say "  actions: $(grep -o '<action name="[^"]*"' <<<"$md" | sed 's/.*="//; s/"$//' | sort -u | tr '\n' ' ')"
	if command -v xmllint >/dev/null && [ -r "$rng" ]; then
		if xmllint --noout --relaxng "$rng" - <<<"$md" 2>/dev/null; then
			say "  meta-data validates against OCF 1.1 ($rng)"
		else
			say "  meta-data does NOT validate against OCF 1.1"
		fi
	fi
	say "  man page ($a --man):"
	"$a" --man 2>/dev/null | groff -man -Tutf8 -P-c -P-b -P-u 2>/dev/null | sed -n '1,8s/^/     /p'
done
[ -n "$found" ] || say "no agent built yet in $build/agents (they are in progress): the demo uses stock agents"
t=$build/tests/ocf/siphatest
if [ -x "$t" ]; then
	say "validation through the OCF layer (test agent tests/ocf/siphatest):"
	for ip in 192.0.2.10 192.0.2.300; do
		r=$(OCF_RESKEY_ip=$ip "$t" validate-all 2>&1 | grep -v ': error: ' | tr '\n' ' ')
		OCF_RESKEY_ip=$ip "$t" validate-all >/dev/null 2>&1
		say "  \$ OCF_RESKEY_ip=$ip siphatest validate-all -> exit $? $r"
	done
fi

# 3. The cluster
if [ -z "$vip_agent" ]; then
	vip_agent=ocf:heartbeat:IPaddr2
	[ -x "$build/agents/floatip" ] && vip_agent=ocf:sipha:floatip
fi
if [ -z "$kam_agent" ]; then
	kam_agent=ocf:heartbeat:Dummy
	[ -x "$build/agents/kamailio" ] && [ -x "$build/tests/net/sip_probe" ] &&
		kam_agent=ocf:sipha:kamailio
fi
export SCL_VIP_AGENT=$vip_agent SCL_KAM_AGENT=$kam_agent top_builddir=$build top_srcdir=$src
. "$src/tests/cluster/config.sh"
. "$src/tests/cluster/scenarios.sh"
. "$src/tests/cluster/rolling-lib.sh"
. "$src/tests/cluster/rollingrestart-lib.sh"
. "$src/bench/rolling-common.sh"

step "3. A two-node cluster in network namespaces"
scl_require
export SCL_EXEC_TIMEOUT=30
if [ -z "$keep" ]; then
	trap 'scl_test_cleanup' EXIT
else
	trap 'for f in "$SCL_STATE"/probe-*.pid; do [ -r "$f" ] && kill -INT "$(cat "$f")"; done 2>/dev/null' EXIT
fi
trap 'echo "interrupted" >&2; exit 1' INT TERM
say "bridge in netns $(scl_ns_br); node1 $(scl_node_ip 1), node2 $(scl_node_ip 2), client $SCL_CLIENT_IP;"
say "each node: own mount/PID/UTS/IPC namespaces, corosync (knet, token ${SCL_TOKEN} ms) + pacemakerd"
t=$(scl_now_ms)
agents_dir=
[ -d "$build/agents" ] && agents_dir=$build/agents
scl_up 2 "$agents_dir" 2>/dev/null || { echo "cluster up failed" >&2; exit 1; }
scl_wait_ready 90 || exit 1
figure "cluster up (DC elected, 2 nodes online)" "$(($(scl_now_ms) - t)) ms"
say "DC elected and both nodes online after $(($(scl_now_ms) - t)) ms"
scl_exec 1 crm_mon -1 | sed -n 's/^  \* \(Current DC\|Online\)/   \1/p'

step "4. Scenario 1: the configuration applied with pcs"
say "floating IP agent: $SCL_VIP_AGENT; kamailio agent: $SCL_KAM_AGENT"
[ "$SCL_KAM_AGENT" = ocf:heartbeat:Dummy ] &&
	say "(ocf:sipha:kamailio not built: a Dummy clone named kamailio stands in for it)"
[ -n "$SCL_FROM_DOCS" ] && say "docs/kamailio.md's pcs block, as written (floating address $SCL_VIP):"
scl_config_pcs_script | sed 's/^/   $ /'
t=$(scl_now_ms)
scl_config_pcs 1 2>/dev/null || exit 1
scl_wait 60 "the configuration to run" scl_config_up 1 || exit 1
scl_wait 5 "the client to reach $SCL_VIP" scl_vip_answers || exit 1
if scl_config_sipha; then
	scl_wait 10 "REGISTER through $SCL_VIP" scl_register || exit 1
	say "the client (tests/net/sip_probe) REGISTERs through $SCL_VIP: 200 OK"
fi
figure "scenario 1: pcs configuration running" "$(($(scl_now_ms) - t)) ms"
say "running: $(scl_config_where 1); the client pings $SCL_VIP"

step "5. Scenario 2: the same configuration applied with crmsh"
scl_config_clear 1 >/dev/null || exit 1
if [ -n "$SCL_FROM_DOCS" ]; then
	say "configuration removed (resources stopped); now docs/kamailio.md's crmsh block, as written:"
	scl_config_crm_text | sed 's/^/   $ /'
else
	say "configuration removed (resources stopped); now: crm configure load update FILE with"
	scl_config_crm_text | sed 's/^/   | /'
fi
t=$(scl_now_ms)
scl_config_crm 2 2>/dev/null || exit 1
scl_wait 60 "the configuration to run" scl_config_up 1 || exit 1
scl_wait 5 "the client to reach $SCL_VIP" scl_vip_answers || exit 1
if scl_config_sipha; then
	scl_wait 10 "REGISTER through $SCL_VIP" scl_register || exit 1
	say "the client REGISTERs through $SCL_VIP: 200 OK"
fi
figure "scenario 2: crmsh configuration running" "$(($(scl_now_ms) - t)) ms"
say "running: $(scl_config_where 1)"

step "6. Scenario 3: the node holding the floating IP crashes"
say "unplug its veth, then kill -9 its whole PID namespace (corosync, pacemakerd, agents)"
if sc_crash; then
	say "node$SC_FROM crashed (it was the DC: $SC_WASDC); Corosync formed the new membership after $SC_DETECT ms"
	say "floatip now on node$SC_TO; the client's neighbour entry names node$SC_TO's MAC ($(scl_client_vip_mac))"
	say "client: first answer $SC_FIRST ms after the crash, outage $SC_GAP ms (5 ms pings)"
	say "floating IP agent's share (start called -> first answer): $SC_SHARE ms"
	[ -n "$SC_SIPGAP" ] && say "REGISTER outage: $SC_SIPGAP ms"
	figure "scenario 3: node crash, cluster notices" "$SC_DETECT ms"
	figure "scenario 3: node crash, client outage" "$SC_GAP ms"
	figure "scenario 3: agent start called -> answer" "$SC_SHARE ms"
	[ -n "$SC_SIPGAP" ] && figure "scenario 3: node crash, REGISTER outage" "$SC_SIPGAP ms"
	crashed=$SC_FROM
	t=$(scl_now_ms)
	scl_restart_node "$crashed" 2>/dev/null && scl_wait_ready 60 &&
		say "node$crashed restarted and rejoined after $(($(scl_now_ms) - t)) ms"
else
	say "FAILED (see above)"
	figure "scenario 3: node crash" "failed"
fi

step "7. An administrative move (crm_resource --move), for comparison"
if sc_move; then
	say "floatip node$SC_FROM -> node$SC_TO: client outage $SC_GAP ms; agent share $SC_SHARE ms"
	figure "move: client outage" "$SC_GAP ms"
else
	figure "move" "failed"
fi

step "8. Scenario 4: Kamailio killed on the IP node"
sc_cleanup
if scl_config_sipha; then
	say "kill -9 of every Kamailio process on the IP node; the client REGISTERs every ~50 ms"
	if sc_kam_kill; then
		say "Pacemaker noticed: $SC_REASON"
		say "recovered by policy (restart in place): floatip on node$SC_TO; REGISTER outage $SC_GAP ms"
		figure "scenario 4: kamailio killed, REGISTER outage" "$SC_GAP ms"
	else
		figure "scenario 4: kamailio killed" "failed"
	fi
	sc_cleanup
	scl_wait 30 "the configuration to run" scl_config_up 1
else
	say "skipped: needs ocf:sipha:kamailio (not built yet)"
fi

step "9. Scenario 5: shared memory exhausted on the IP node"
if scl_config_sipha; then
	say "the client sends REGISTERs for new users (500 per step, long expiry) through $SCL_VIP"
	say "until Kamailio's ${SCL_KAM_SHM} MB pool is full and REGISTER gets 500"
	say "(the docs' shmem=256 is lowered to $SCL_KAM_SHM first, with crm_resource --set-parameter)"
	if sc_shm_shrink && sc_shm_exhaust; then
		say "first 5xx after ~$SC_REGS REGISTERs; crm_mon: $SC_REASON"
		say "floatip node$SC_FROM -> node$SC_TO $SC_FIRST ms after the first 5xx; REGISTER works there"
		figure "scenario 5: shm exhausted, first 5xx -> IP moved" "$SC_FIRST ms"
	else
		figure "scenario 5: shm exhausted" "failed"
	fi
else
	say "the kamailio agent publishes sipha-health=red when shared memory runs out; without it"
	say "the attribute is set as the agent would, with attrd_updater, to show the location rule"
	if sc_health_red; then
		say "floatip node$SC_FROM -> node$SC_TO: client outage $SC_GAP ms; first answer $SC_FIRST ms after the change"
		figure "scenario 5 (simulated): health red, client outage" "$SC_GAP ms"
		sc_health_clear "$SC_FROM" >/dev/null 2>&1
	else
		figure "scenario 5: health red" "failed"
	fi
fi

step "10. Scenario 6: the floating IP as a dynamic address on the standby node"
if [ "$SCL_VIP_AGENT" = ocf:sipha:floatip ]; then
	sc_cleanup
	scl_wait 30 "the configuration to run" scl_config_up 1
	say "ip addr add $SCL_VIP/24 dev eth0 valid_lft 3600 preferred_lft 3600 on the standby, as DHCP would"
	if sc_foreign_addr; then
		say "crm_mon: $SC_REASON"
		say "the foreign address is still on node$SC_TO: $SC_KEPT; the service answers on node$SC_FROM: $SC_SERVED"
		figure "scenario 6: reported / foreign kept / served" "yes / $SC_KEPT / $SC_SERVED"
	else
		figure "scenario 6: dynamic address reported" "no"
	fi
	sc_foreign_addr_undo
else
	say "skipped: needs ocf:sipha:floatip (IPaddr2 would take the foreign address for its own)"
fi

step "11. Restarting every Kamailio: siphactl rolling-restart against pcs resource restart"
if scl_config_sipha && [ -x "$(rl_load_bin)" ]; then
	say "the twice-a-week restart after the leak: the client ($(basename "$(rl_load_bin)")) sends $RL_RATE"
	say "transactions a second through $SCL_VIP (phones re-registering, OPTIONS; UDP, retransmitted"
	say "until ${RL_TIMEOUT} ms) while each tool restarts the clone; a failed transaction is one no"
	say "phone got a final answer for"
	roll_res=$SCL_STATE/rolling-results.txt RL_ECHO=no
	: >"$roll_res"
	if [ -x "$(rl_siphactl_bin)" ]; then
		say "siphactl rolling-restart: the node without the IP first, then the IP moves once to a"
		say "restarted green node, the former holder last; each step health-gated:"
		if rb_round siphactl "$roll_res" --min-healthy 5s >/dev/null; then
			sed -n 's/^/     | /p' "$RL_OUT" | tail -n 12
			say "$(rl_figures)"
		else
			say "siphactl rolling-restart did not complete (exit $RL_RC): $(tail -n 2 "$RL_OUT" | tr '\n' ' ')"
		fi
		figure "rolling restart: failed transactions / gap" "$RL_FAILED / $RL_GAP ms"
	else
		say "(siphactl not built in $build: only the stock restart is shown)"
	fi
	say "pcs resource restart kamailio-clone (= crm_resource --restart): every instance stops at once"
	if rb_round pcs "$roll_res" >/dev/null; then
		say "$(rl_figures)"
	else
		say "the stock restart did not complete: $(tail -n 2 "$RL_OUT" | tr '\n' ' ')"
	fi
	figure "stock restart: failed transactions / gap" "$RL_FAILED / $RL_GAP ms"
	rb_table "$roll_res" 2 | sed 's/^/   /'
else
	say "skipped: needs ocf:sipha:kamailio and tests/net/sip_load (not built)"
fi

step "12. The twice-a-week restart, scheduled by the cluster: ocf:sipha:rollingrestart"
if scl_config_sipha && [ -x "$build/agents/rollingrestart" ]; then
	rr_slot=$(rr_slot_after 25)
	RR_SCHED=$(rr_cron_at "$rr_slot")
	say "docs/rollingrestart.md's pcs block creates one primitive holding the schedule; the docs"
	say "say schedule=\"0 4 * * 2,5\" (04:00 Tuesday and Friday): here the next minute,"
	say "\"$RR_SCHED\" ($(date -d "@$rr_slot" +%T)), and a monitor every $RR_MON instead of 60s:"
	rr_block "### pcs" | sed 's/^/     $ /'
	if rr_run_block 1 "### pcs" "$SCL_STATE/rr-create.txt" 2>/dev/null &&
		scl_exec 1 pcs resource update roll min_healthy=5s >/dev/null 2>&1 &&
		scl_wait $((rr_slot - $(date +%s) + 40)) "the slot's run" rr_outcome_like "running" 2>/dev/null; then
		rr_began=$(date +%s)
		say "$(date +%T): the primitive's monitor started the run $((rr_began - rr_slot)) s after the slot:"
		say "  trigger: $(rr_rec trigger)"
		if scl_wait 150 "the run's outcome" rr_outcome_like "success" 2>/dev/null; then
			rr_took=$(($(date +%s) - rr_began))
			say "$(date +%T): outcome $(rr_rec outcome), recorded in the CIB; siphactl status:"
			scl_exec 2 "$(rl_siphactl_bin)" status 2>&1 | sed -n '/^schedule/,$p' | sed 's/^/     | /'
			rr_on=$(rr_where)
			# the next monitor (within RR_MON) publishes the outcome as a node attribute
			scl_wait 30 "sipha-sched-last on $rr_on" rr_attr_like sipha-sched-last "$rr_on" "*success*" 2>/dev/null
			say "crm_mon -A on $rr_on: sipha-sched-last '$(rr_attr sipha-sched-last "$rr_on")'," \
				"sipha-sched-next '$(rr_attr sipha-sched-next "$rr_on")'"
			figure "scheduled restart: slot -> start / run / outcome" \
				"$((rr_began - rr_slot)) s / ${rr_took} s / $(rr_rec outcome)"
		else
			say "no success within 150 s: $(rr_rec outcome)"
			figure "scheduled restart" "$(rr_rec outcome | cut -c1-60)"
		fi
	else
		say "the scheduled run did not start: $(rr_rec outcome) $(tail -n 2 "$SCL_STATE/rr-create.txt" 2>/dev/null | tr '\n' ' ')"
		figure "scheduled restart" "did not start"
	fi
	scl_exec 1 pcs resource delete roll >/dev/null 2>&1
else
	say "skipped: needs ocf:sipha:kamailio and agents/rollingrestart (not built)"
fi

step "Figures (token ${SCL_TOKEN} ms, $SCL_VIP_AGENT)"
printf '   %s\n' "${figures[@]}"

if [ -n "$keep" ]; then
	step "The cluster keeps running. Look around:"
	say "$src/tests/cluster/cluster.sh status"
	say "$src/tests/cluster/cluster.sh exec node1 crm_mon -1 -r -A"
	say "$src/tests/cluster/cluster.sh exec node2 pcs status"
	say "$src/tests/cluster/cluster.sh exec node1 crm configure show"
	say "$src/tests/cluster/cluster.sh client ping -c 3 $SCL_VIP"
	say "logs: $SCL_STATE/n1/log/  ;  tear down: $src/tests/cluster/cluster.sh down"
else
	step "Tear down"
fi
