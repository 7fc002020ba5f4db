#!/bin/bash
# tests/cluster/pcs-crmsh.sh: the sipha configuration (kamailio clone, floatip colocated with it
# and ordered after it, location rule on sipha-health) applied with pcs comes up in a real
# two-node cluster and the client reaches the floating IP; removed and applied again with crmsh
# it comes up the same way. With the sipha agents these are docs/kamailio.md's pcs and crmsh
# blocks, read from the page and run as written (only the address replaced); when the IP node's sipha-health turns red the IP moves to the
# healthy node and the client reaches it there. Agents: SCL_VIP_AGENT, SCL_KAM_AGENT
# (config.sh): the sipha agents when built (then the client also REGISTERs through the IP),
# else stock stand-ins (IPaddr2, a Dummy clone).
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
built=${top_builddir:-$here/../..}
if [ -z "${SCL_VIP_AGENT:-}${SCL_KAM_AGENT:-}" ] && [ -x "$built/agents/floatip" ] &&
	[ -x "$built/agents/kamailio" ] && [ -x "$(scl_sip_probe_bin)" ]; then
	export SCL_VIP_AGENT=ocf:sipha:floatip SCL_KAM_AGENT=ocf:sipha:kamailio
fi
. "$here/config.sh"
. "$here/scenarios.sh"
scl_test_require
scl_reap_stale scl-t
scl_test_begin 170

agents_dir=
case "$SCL_VIP_AGENT $SCL_KAM_AGENT" in *ocf:sipha:*) agents_dir=${top_builddir:-$here/../..}/agents ;; esac
for a in $SCL_VIP_AGENT $SCL_KAM_AGENT; do
	case $a in ocf:sipha:*) [ -x "$agents_dir/${a##*:}" ] || { echo "SKIP: $a not built"; exit 77; } ;; esac
done

# constraints_ok TOOL: the three constraints are in the CIB as the configuration means them,
# read from its XML (pcs and crmsh print them differently from release to release).
constraints_ok() {
	local cib what xpath
	cib=$(scl_exec 2 cibadmin -Q -o constraints) || scl_fail "$1: cannot read the constraints"
	while IFS='|' read -r what xpath; do
		[ "$(printf '%s\n' "$cib" | xmllint --xpath "count($xpath)" -)" -ge 1 ] ||
			scl_fail "$1: $what missing"
	done <<EOF
colocation|//rsc_colocation[@rsc='$SCL_VIP_RSC' and @with-rsc='kamailio-clone' and @score='INFINITY']
order|//rsc_order[@first='kamailio-clone' and @then='$SCL_VIP_RSC' and (not(@kind) or @kind='Mandatory')]
location rule|//rsc_location[@rsc='$SCL_VIP_RSC']/rule[@score='-INFINITY']/expression[@attribute='sipha-health' and @operation='eq' and @value='red']
EOF
	echo "$1: colocation, order and location rule in the CIB"
}

scl_up 2 "$agents_dir" || scl_fail "cluster up"
scl_wait_ready 60 || scl_fail "no DC with both nodes online"

t=$(scl_now_ms)
scl_config_pcs 1 || scl_fail "pcs configuration"
scl_wait 60 "the configuration applied with pcs to run" scl_config_up 1 || scl_fail "pcs configuration not up"
scl_wait 5 "client reaches $SCL_VIP" scl_vip_answers || scl_fail "client cannot reach $SCL_VIP"
if scl_config_sipha; then
	scl_wait 10 "REGISTER through $SCL_VIP" scl_register || scl_fail "REGISTER through $SCL_VIP fails"
	echo "pcs: the client REGISTERs through $SCL_VIP"
fi
pcs_where=$(scl_config_where 1)
echo "pcs: up after $(($(scl_now_ms) - t)) ms: $pcs_where"
constraints_ok pcs

scl_config_clear 1 || scl_fail "removing the configuration"
[ -z "$(scl_vip_node)" ] || scl_fail "address left on node$(scl_vip_node) after removal"

t=$(scl_now_ms)
scl_config_crm 2 || scl_fail "crmsh configuration"
scl_wait 60 "the configuration applied with crmsh to run" scl_config_up 1 || scl_fail "crmsh configuration not up"
scl_wait 5 "client reaches $SCL_VIP" scl_vip_answers || scl_fail "client cannot reach $SCL_VIP"
if scl_config_sipha; then
	scl_wait 10 "REGISTER through $SCL_VIP" scl_register || scl_fail "REGISTER through $SCL_VIP fails"
	echo "crmsh: the client REGISTERs through $SCL_VIP"
fi
crm_where=$(scl_config_where 1)
echo "crmsh: up after $(($(scl_now_ms) - t)) ms: $crm_where"
# docs/kamailio.md's "Seeing it" block, as written, on node 1, until the agents' node
# attributes are there (the first monitors write them)
seeing=$SCL_STATE/seeing.txt
seeing_shows_health() {
	local line
	local -a words
	: >"$seeing"
	while IFS= read -r line; do
		line=${line%%#*}
		read -r -a words <<<"$line"
		[ ${#words[@]} -gt 0 ] || continue
		scl_exec 1 "${words[@]}" >>"$seeing" 2>&1 || { echo "failed: $line" >>"$seeing"; return 1; }
	done < <(docs_block "$SCL_DOCS" "### Seeing it")
	grep -q 'sipha-health' "$seeing"
}
if scl_config_sipha; then
	scl_wait 20 "sipha-health in the docs' crm_mon -A1" seeing_shows_health ||
		scl_fail "docs' 'Seeing it': $(head -c 400 "$seeing")"
	echo "crmsh: docs' 'Seeing it' shows $(grep -o 'sipha-[a-z-]*' "$seeing" | sort -u | tr '\n' ' ')"
fi
# Same shape: kamailio on both nodes, floatip on one of them with its address.
[ "${pcs_where%%, floatip*}" = "${crm_where%%, floatip*}" ] || scl_fail "pcs and crmsh differ"
constraints_ok crmsh

sc_health_red || scl_fail "health red"
echo "sipha-health red on node$SC_FROM: $SCL_VIP_RSC moved to node$SC_TO; client outage ${SC_GAP} ms," \
	"first answer ${SC_FIRST} ms after the attribute change; agent start -> answer ${SC_SHARE} ms"
# The red node must stay excluded; kamailio keeps running there.
sleep 2
[ "$(scl_vip_node)" = "$SC_TO" ] || scl_fail "$SCL_VIP_RSC went back to the red node"
scl_config_up 1 || scl_fail "configuration not fully up after the move"
sc_health_clear "$SC_FROM"
echo PASS
