#!/bin/bash
# tests/cluster/node-health.sh: node-health-strategy on #health-sipha in place of the location
# rule (docs/health.md), in a real two-node cluster. docs/kamailio.md's pcs configuration, then
# docs/health.md's pcs block, both read from the pages and run as written (only the address
# replaced). The IP node's health turns red (sipha-health and #health-sipha written with
# attrd_updater as the kamailio agent writes them: the instance itself stays up and its memo
# keeps it from writing green over them): the floating IP moves to the healthy node, the red
# node's Kamailio keeps running (same main pid, no stop, no failure: allow-unhealthy-nodes),
# `siphactl check` exits 0 without health-rule-missing. Green again, the ban lifts (the IP can
# be moved back there). Without allow-unhealthy-nodes, check reports health-clone-not-exempt,
# and red again, the scheduler stops Kamailio on that node (what the exemption prevents).
# Then the same with crmsh: kamailio.md's crmsh block and health.md's, checked in the CIB and
# by `siphactl check`. Needs the sipha agents and siphactl built (else 77).
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
built=${top_builddir:-$here/../..}
for f in agents/floatip agents/kamailio tools/siphactl/siphactl; do
	[ -x "$built/$f" ] || { echo "SKIP: $f not built"; exit 77; }
done
[ -x "$(scl_sip_probe_bin)" ] || { echo "SKIP: $(scl_sip_probe_bin) not built"; exit 77; }
export SCL_VIP_AGENT=ocf:sipha:floatip SCL_KAM_AGENT=ocf:sipha:kamailio
unset SCL_KAM_PARAMS
. "$here/config.sh"
. "$here/scenarios.sh"
scl_test_require
scl_reap_stale scl-t
scl_test_begin 300
[ -n "$SCL_FROM_DOCS" ] || scl_fail "not the docs' configuration"

HEALTH_DOCS=$SCL_SRCDIR/docs/health.md
CTL=$built/tools/siphactl/siphactl
st=$SCL_STATE

# health.md's block under "### $1", one command per line.
nh_block() { SCL_DOCS=$HEALTH_DOCS scl_docs_block "$1"; }

# nh_check I OUT: siphactl check inside node I into OUT (shown with a prefix); its status.
nh_check() {
	local rc
	SCL_EXEC_TIMEOUT=60 scl_exec "$1" "$CTL" check >"$2" 2>&1
	rc=$?
	sed "s/^/  [siphactl check on node$1] /" "$2" >&2
	return "$rc"
}


# nh_green WHAT: both nodes' monitors publish #health-sipha green (node_health on).
nh_green() {
	local i
	for i in 1 2; do
		scl_wait 45 "node$i's monitor to publish #health-sipha green" \
			scl_attr_is "$i" '#health-sipha' green ||
			scl_fail "$1: node$i: #health-sipha='$(scl_attr "$i" '#health-sipha')'"
	done
}

# nh_stopped_since I T0_MS: node I's executor stopped kamailio at or after T0_MS.
nh_stopped_since() {
	[ -n "$(scl_log_ts "$1" pacemaker.log "executing - rsc:kamailio(:[0-9]+)? action:stop" "$2")" ]
}

# nh_cib_ok WHAT: the strategy's configuration in the CIB as health.md means it, read
# from its XML: the property, node_health=true, the clone exempt, kamailio.md's rule gone.
nh_cib_ok() {
	local cib what xpath c="//clone[@id='kamailio-clone']"
	cib=$(scl_exec 1 cibadmin -Q -o configuration) || scl_fail "$1: cannot read the CIB"
	while IFS='|' read -r what xpath; do
		[ "$(printf '%s\n' "$cib" | xmllint --xpath "count($xpath)" -)" -ge 1 ] ||
			scl_fail "$1: $what missing"
	done <<EOF
node-health-strategy|//crm_config//nvpair[@name='node-health-strategy' and @value='migrate-on-red']
node_health|$c/primitive/instance_attributes/nvpair[@name='node_health' and @value='true']
allow-unhealthy-nodes|$c/meta_attributes/nvpair[@name='allow-unhealthy-nodes' and @value='true']
EOF
	xpath="count(//rsc_location[@rsc='$SCL_VIP_RSC'])"
	[ "$(printf '%s\n' "$cib" | xmllint --xpath "$xpath" -)" = 0 ] ||
		scl_fail "$1: the location rule on $SCL_VIP_RSC is still there"
	echo "$1: node-health-strategy, node_health, allow-unhealthy-nodes in the CIB, no location rule"
}

# The clean check: exit 0, no health-rule-missing (nor health-clone-not-exempt).
nh_check_clean() {
	nh_check "$1" "$st/check-$2.txt" || scl_fail "$2: siphactl check exits non-zero"
	! grep -q "health-rule-missing\|health-clone-not-exempt" "$st/check-$2.txt" ||
		scl_fail "$2: siphactl check reports a health finding"
	echo "$2: siphactl check on node$1: $(tail -n 1 "$st/check-$2.txt")"
}

scl_up 2 "$built/agents" || scl_fail "cluster up"
scl_wait_ready 60 || scl_fail "no DC with both nodes online"

# 1. kamailio.md's configuration (pcs), then health.md's pcs block.
scl_config_pcs 1 || scl_fail "kamailio.md's pcs configuration"
scl_wait 60 "the configuration to run" scl_config_up 1 || scl_fail "configuration not up"
[ -n "$(nh_block pcs)" ] || scl_fail "docs/health.md has no pcs block"
pids0="$(sc_kam_main_pid 1) $(sc_kam_main_pid 2)"
scl_config_run 1 < <(nh_block pcs) || scl_fail "docs/health.md's pcs block"
echo "pcs: docs/health.md's block run: $(nh_block pcs | tr '\n' ';')"
nh_cib_ok pcs
nh_green pcs
scl_wait 30 "the configuration to run" scl_config_up 1 ||
	scl_fail "configuration not up after the block"
scl_wait 10 "REGISTER through $SCL_VIP" scl_register || scl_fail "REGISTER through $SCL_VIP fails"
# node_health is reloadable: turning it on restarted no instance
pids1="$(sc_kam_main_pid 1) $(sc_kam_main_pid 2)"
[ "$pids1" = "$pids0" ] ||
	scl_fail "kamailio restarted by the block: main pids $pids0 before, $pids1 after"
echo "pcs: #health-sipha=green on both nodes, no instance restarted (main pids $pids0)," \
	"$(scl_config_where 1)"
nh_check_clean 1 pcs

# 2. The IP node turns red: the IP moves, the red node's Kamailio stays.
from=$(scl_vip_node)
[ -n "$from" ] || scl_fail "the floating IP is nowhere"
to=$(sc_other_node "$from")
pid0=$(sc_kam_main_pid "$from")
[ -n "$pid0" ] || scl_fail "no kamailio on node$from"
sc_begin || scl_fail "probes"
t0=$(scl_now_ms)
scl_exec "$from" attrd_updater -n sipha-health -U red &&
	scl_exec "$from" attrd_updater -n '#health-sipha' -U red || scl_fail "attrd_updater red"
sc_collect "$t0" "#health-sipha red" || scl_fail "the floating IP did not move off the red node"
[ "$SC_TO" = "$to" ] || scl_fail "the IP went to node$SC_TO, not node$to"
echo "red on node$from: $SCL_VIP_RSC moved to node$to; client outage ${SC_GAP} ms, REGISTER" \
	"outage ${SC_SIPGAP:-?} ms, first answer ${SC_FIRST} ms after the attribute change"
# a few monitors later: still red, still excluded, Kamailio still the same process there
sleep 12
scl_attr_is "$from" '#health-sipha' red || scl_fail "#health-sipha on node$from is no longer red"
[ "$(scl_vip_node)" = "$to" ] || scl_fail "$SCL_VIP_RSC went back to the red node"
sc_kam_undisturbed "$from" "$pid0" || scl_fail "the red node's Kamailio was disturbed"
scl_exec "$from" crm_resource --locate --resource kamailio-clone 2>/dev/null |
	grep -q "running on: node$from" ||
	scl_fail "the scheduler stopped kamailio-clone on the red node"
! nh_stopped_since "$from" "$t0" ||
	scl_fail "the executor stopped kamailio on node$from"
echo "red on node$from: its Kamailio still runs (main pid $pid0, no stop, no failure)"
nh_check_clean "$from" red

# 3. Green again (as the agent writes it): the ban lifts, the IP may run there again.
scl_exec "$from" attrd_updater -n sipha-health -U green &&
	scl_exec "$from" attrd_updater -n '#health-sipha' -U green || scl_fail "attrd_updater green"
scl_exec "$to" crm_resource --move --resource "$SCL_VIP_RSC" --node "node$from" >/dev/null 2>&1 ||
	scl_fail "crm_resource --move"
scl_wait 30 "$SCL_VIP_RSC back on node$from" scl_rsc_moved "$to" "$SCL_VIP_RSC" "$to" ||
	scl_fail "the IP cannot go back to node$from: the ban did not lift"
scl_exec "$to" crm_resource --clear --resource "$SCL_VIP_RSC" >/dev/null 2>&1
[ "$(scl_vip_node)" = "$from" ] || scl_fail "the address is not on node$from"
scl_wait 10 "REGISTER through $SCL_VIP" scl_register || scl_fail "REGISTER through $SCL_VIP fails"
echo "green on node$from again: $SCL_VIP_RSC moved back there, REGISTER through it works"

# 4. The clone not exempt: health-clone-not-exempt.
scl_exec 1 crm_resource --resource kamailio-clone --meta --delete-parameter allow-unhealthy-nodes \
	>/dev/null || scl_fail "removing allow-unhealthy-nodes"
nh_check 1 "$st/check-notexempt.txt" && scl_fail "check exits 0 with the clone not exempt"
grep -q "^error: health-clone-not-exempt resource=kamailio-clone" "$st/check-notexempt.txt" ||
	scl_fail "check does not report health-clone-not-exempt"
echo "without allow-unhealthy-nodes: $(grep -m1 health-clone-not-exempt "$st/check-notexempt.txt")"
# What the exemption prevents: red again, the scheduler itself stops Kamailio on that node
# (its stop deletes #health-sipha, and the instance is started again).
t1=$(scl_now_ms)
scl_exec "$from" attrd_updater -n sipha-health -U red &&
	scl_exec "$from" attrd_updater -n '#health-sipha' -U red || scl_fail "attrd_updater red"
scl_wait 30 "the scheduler to stop kamailio on node$from" nh_stopped_since "$from" "$t1" ||
	scl_fail "not exempt, the red node's Kamailio was not stopped"
scl_wait 60 "the configuration to run again" scl_config_up 1 || scl_fail "not up after the stop"
echo "not exempt, red on node$from: the scheduler stopped Kamailio there, then started it again" \
	"(#health-sipha now '$(scl_attr "$from" '#health-sipha')')"

# 5. crmsh: kamailio.md's block, then health.md's, from a CIB without the strategy.
scl_config_clear 1 || scl_fail "removing the configuration"
scl_exec 1 crm_attribute --type crm_config --name node-health-strategy --delete >/dev/null 2>&1
[ "$(scl_exec 1 cibadmin -Q -o crm_config | grep -c node-health-strategy)" = 0 ] ||
	scl_fail "node-health-strategy still set"
scl_config_crm 2 || scl_fail "kamailio.md's crmsh configuration"
scl_wait 60 "the crmsh configuration to run" scl_config_up 1 ||
	scl_fail "crmsh configuration not up"
[ -n "$(nh_block crmsh)" ] || scl_fail "docs/health.md has no crmsh block"
scl_config_run 2 < <(nh_block crmsh) || scl_fail "docs/health.md's crmsh block"
echo "crmsh: docs/health.md's block run: $(nh_block crmsh | tr '\n' ';')"
nh_cib_ok crmsh
nh_green crmsh
scl_wait 30 "the configuration to run" scl_config_up 1 || scl_fail "crmsh: configuration not up"
nh_check_clean 2 crmsh
echo PASS
