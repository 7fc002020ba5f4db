#!/bin/bash
# tests/unit/cib/make-check-fixtures.sh: how the check-*.xml fixtures of tests/unit/test_check.c
# were made (run by hand in tests/unit/cib/, not at build time). Each CIB starts as
# `cibadmin --empty`; the configuration is written by pcs -f (--force: the sipha agents need
# not be installed) and, for check-good-crm.xml, the constraints by crmsh (CIB_file=). The
# <status> section of check-status.xml is written by hand: pcs and crm write no history.
set -euo pipefail
export LC_ALL=C

resources() {	# FILE [interleave] [depth10] [clone] [stickiness]
	local f=$1 inter=${2:-yes} deep=${3:-yes} clone=${4:-yes} stick=${5:-yes} args=()
	[ "$deep" = yes ] && args+=(op monitor interval=30s timeout=30s OCF_CHECK_LEVEL=10)
	if [ "$clone" = yes ]; then
		args+=(clone)
		[ "$inter" = yes ] && args+=(interleave=true)
	fi
	pcs -f "$f" resource create kamailio ocf:sipha:kamailio listen=udp:192.0.2.10:5060 \
		op monitor interval=10s timeout=20s "${args[@]}" --force >/dev/null 2>&1
	args=()
	[ "$stick" = yes ] && args+=(meta resource-stickiness=100)
	pcs -f "$f" resource create sip-ip ocf:sipha:floatip ip=192.0.2.10 cidr_netmask=24 \
		op monitor interval=10s timeout=20s "${args[@]}" --force >/dev/null 2>&1
}

constraints_pcs() {	# FILE CLONE
	pcs -f "$1" constraint colocation add sip-ip with "$2" score=INFINITY
	pcs -f "$1" constraint order start "$2" then start sip-ip >/dev/null
	pcs -f "$1" constraint location sip-ip rule score=-INFINITY sipha-health eq red
}

new() { cibadmin --empty >"$1"; }

new check-good-pcs.xml
resources check-good-pcs.xml
constraints_pcs check-good-pcs.xml kamailio-clone
pcs -f check-good-pcs.xml property set stonith-enabled=true

new check-good-crm.xml
resources check-good-crm.xml yes yes yes no
CIB_file=$PWD/check-good-crm.xml crm -F configure colocation sip-ip-with-kamailio inf: sip-ip kamailio-clone
CIB_file=$PWD/check-good-crm.xml crm -F configure order kamailio-before-ip Mandatory: kamailio-clone sip-ip
CIB_file=$PWD/check-good-crm.xml crm -F configure location sip-ip-health sip-ip rule -inf: sipha-health eq red
CIB_file=$PWD/check-good-crm.xml crm -F configure rsc_defaults resource-stickiness=100

# every configuration rule broken at once: no constraints, no interleave, no depth-10 monitor,
# no stickiness, stonith disabled
new check-broken.xml
resources check-broken.xml no no yes no
pcs -f check-broken.xml property set stonith-enabled=false

# the constraints there but the wrong way round (and the rule on yellow, not red)
new check-reversed.xml
resources check-reversed.xml
pcs -f check-reversed.xml constraint colocation add kamailio-clone with sip-ip score=INFINITY
pcs -f check-reversed.xml constraint order start sip-ip then start kamailio-clone >/dev/null
pcs -f check-reversed.xml constraint location sip-ip rule score=-INFINITY sipha-health eq yellow

# Kamailio as a plain primitive
new check-notclone.xml
resources check-notclone.xml yes yes no
constraints_pcs check-notclone.xml kamailio

# check-good-pcs.xml with a hand-written history: node1 holds the IP and its depth-10 monitor
# said 190 (also answered by another MAC); node2's probe found the IP as a DHCP lease (rc 1)
status() {
	cat <<'XML'
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member">
      <lrm id="1">
        <lrm_resources>
          <lrm_resource id="sip-ip" class="ocf" provider="sipha" type="floatip">
            <lrm_rsc_op id="sip-ip_last_0" operation="start" call-id="10" rc-code="0" op-status="0" interval="0" on_node="node1"/>
            <lrm_rsc_op id="sip-ip_monitor_30000" operation="monitor" call-id="12" rc-code="190" op-status="0" interval="30000" on_node="node1" exit-reason="192.0.2.10 is also answered by 02:00:00:00:00:99 on eth0"/>
          </lrm_resource>
        </lrm_resources>
      </lrm>
    </node_state>
    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member">
      <lrm id="2">
        <lrm_resources>
          <lrm_resource id="sip-ip" class="ocf" provider="sipha" type="floatip">
            <lrm_rsc_op id="sip-ip_last_failure_0" operation="monitor" call-id="3" rc-code="1" op-status="0" interval="0" on_node="node2" exit-reason="192.0.2.10 on eth1 is not floatip's (dynamic, lease 300s left)"/>
            <lrm_rsc_op id="sip-ip_last_0" operation="monitor" call-id="3" rc-code="1" op-status="0" interval="0" on_node="node2" exit-reason="192.0.2.10 on eth1 is not floatip's (dynamic, lease 300s left)"/>
          </lrm_resource>
        </lrm_resources>
      </lrm>
    </node_state>
  </status>
XML
}
{ sed '/<status\/>/,$d' check-good-pcs.xml; status; echo '</cib>'; } >check-status.xml

repl_node() {	# ID NAME SIPHA-DMQ-PEERS: a node_state with what the kamailio agent publishes
	cat <<EOS
    <node_state id="$1" uname="$2" in_ccm="true" crmd="online" join="member" expected="member">
      <transient_attributes id="$1">
        <instance_attributes id="status-$1">
          <nvpair id="status-$1-sipha-health" name="sipha-health" value="green"/>
          <nvpair id="status-$1-sipha-dmq-peers" name="sipha-dmq-peers" value="$3"/>
        </instance_attributes>
      </transient_attributes>
    </node_state>
EOS
}
{
	sed '/<status\/>/,$d' check-good-pcs.xml
	echo '  <status>'
	repl_node 1 node1 off; repl_node 2 node2 2; repl_node 3 node3 2; repl_node 4 node4 1
	echo '  </status>'
	echo '</cib>'
} >check-replication.xml

# node-health-strategy in place of the location rule (docs/health.md): the documented
# configuration without the rule, the strategy set, node_health=true on the primitive and
# allow-unhealthy-nodes=true on the clone each as asked
nodehealth() {	# FILE STRATEGY NODE_HEALTH EXEMPT [node-health-red]
	new "$1"
	resources "$1"
	pcs -f "$1" constraint colocation add sip-ip with kamailio-clone score=INFINITY
	pcs -f "$1" constraint order start kamailio-clone then start sip-ip >/dev/null
	pcs -f "$1" property set stonith-enabled=true node-health-strategy="$2"
	[ -z "${5:-}" ] || pcs -f "$1" property set node-health-red="$5"
	[ "$3" = no ] || pcs -f "$1" resource update kamailio node_health=true --force >/dev/null 2>&1
	[ "$4" = no ] || CIB_file=$PWD/$1 crm_resource -r kamailio-clone --meta \
		-p allow-unhealthy-nodes -v true >/dev/null
}
nodehealth check-nodehealth-pcs.xml migrate-on-red yes yes
nodehealth check-nodehealth-notexempt.xml migrate-on-red yes no
nodehealth check-nodehealth-off.xml migrate-on-red no yes
nodehealth check-nodehealth-progressive.xml progressive yes yes -100
# the same with crmsh: only-green, and the location rule kept (the strategy on top of it)
new check-nodehealth-crm.xml
resources check-nodehealth-crm.xml
export CIB_file=$PWD/check-nodehealth-crm.xml
crm -F configure colocation sip-ip-with-kamailio inf: sip-ip kamailio-clone
crm -F configure order kamailio-before-ip Mandatory: kamailio-clone sip-ip
crm -F configure location sip-ip-health sip-ip rule -inf: sipha-health eq red
crm -F configure property stonith-enabled=true node-health-strategy=only-green
crm -F resource param kamailio set node_health true
crm -F resource meta kamailio-clone set allow-unhealthy-nodes true
unset CIB_file

note() { sed -i "1i <!-- $2 (tests/unit/cib/make-check-fixtures.sh) -->" "$1"; }
note check-good-pcs.xml "empty CIB from cibadmin, then pcs -f: the documented configuration, interleave=true, resource-stickiness=100, stonith-enabled=true"
note check-good-crm.xml "empty CIB from cibadmin, then resources by pcs -f, constraints and rsc_defaults resource-stickiness=100 by CIB_file= crm configure (forced)"
note check-broken.xml "empty CIB from cibadmin, then pcs -f: no constraints, no interleave, no depth-10 monitor, no stickiness, stonith-enabled=false"
note check-reversed.xml "empty CIB from cibadmin, then pcs -f: colocation and order the wrong way round, health rule on yellow"
note check-notclone.xml "empty CIB from cibadmin, then pcs -f: kamailio a plain primitive, constraints on it"
note check-status.xml "check-good-pcs.xml plus a hand-written status: node1 monitor rc 190, node2 probe rc 1 (DHCP copy)"
note check-replication.xml "check-good-pcs.xml plus a hand-written status: sipha-dmq-peers off on node1, 2 on node2 and node3, 1 on node4"
note check-nodehealth-pcs.xml "empty CIB from cibadmin, then pcs -f: no location rule; node-health-strategy=migrate-on-red, node_health=true, allow-unhealthy-nodes=true on the clone"
note check-nodehealth-notexempt.xml "empty CIB from cibadmin, then pcs -f: no location rule; node-health-strategy=migrate-on-red, node_health=true, the clone not exempt"
note check-nodehealth-off.xml "empty CIB from cibadmin, then pcs -f: no location rule; node-health-strategy=migrate-on-red, the clone exempt, node_health not set"
note check-nodehealth-progressive.xml "empty CIB from cibadmin, then pcs -f: no location rule; node-health-strategy=progressive with node-health-red=-100, node_health=true, the clone exempt"
note check-nodehealth-crm.xml "empty CIB from cibadmin, then resources by pcs -f, the rest by CIB_file= crm (forced): the location rule, node-health-strategy=only-green, node_health=true, allow-unhealthy-nodes=true"
