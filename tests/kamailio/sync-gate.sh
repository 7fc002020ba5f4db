#!/bin/bash
# The readiness gate of ocf:sipha:kamailio after a start, with examples/kamailio-ha.cfg on
# loopback (dmq loaded, no peer running) and the peers' figures in a CIB file (CIB_file: what
# libcib reads instead of a live cluster; this node is node1, the peer node2):
# - node2 publishes 50 contacts: the fresh instance is yellow (190) "syncing registrations:
#   0 of 50", sipha-sync=syncing; once 50 phones registered with it (tests/net/sip_load), green
#   and synced, the shared-memory trend restarted (the fill is no leak); passed once, later
#   monitors read no CIB
# - restarted with sync_timeout=2s behind the peer: syncing, then served anyway (timed-out)
# - libcib (loaded for this read only: the agent links no Pacemaker library) missing: served,
#   asked again at the next monitor
# - a peer that is itself syncing, or no peer: alone, green at once
# - Debian's default configuration (no dmq): sipha-dmq-peers=off, sipha-sync=off, green
# TAP points.
. "$top_srcdir/tests/kamailio/lib.sh"
LOAD=$top_builddir/tests/net/sip_load
[ -x "$LOAD" ] || fail "not built: $LOAD"
export OCF_RESKEY_conffile=$top_srcdir/examples/kamailio-ha.cfg
export OCF_RESKEY_listen="udp:$KAM_IP:5060"
export OCF_RESKEY_extra_options="-n 2 -A SIPHA_DMQ_LISTEN=udp:$KAM_IP:5090 -A SIPHA_DMQ_SELF=\"sip:$KAM_IP:5090\""
export OCF_RESKEY_shmem=32 OCF_RESKEY_CRM_meta_on_node=node1 CIB_file=$T/cib.xml

# cib_with PEER_CONTACTS PEER_SYNC: the CIB file, node2 publishing those attributes
cib_with() {
	cat > "$T/cib.xml" <<EOS
<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration><crm_config/><nodes/><resources/><constraints/></configuration>
  <status>
    <node_state id="1" uname="node1" in_ccm="true" crmd="online" join="member" expected="member"/>
    <node_state id="2" uname="node2" in_ccm="true" crmd="online" join="member" expected="member">
      <transient_attributes id="2">
        <instance_attributes id="status-2">
          <nvpair id="status-2-sipha-contacts" name="sipha-contacts" value="$1"/>
          <nvpair id="status-2-sipha-sync" name="sipha-sync" value="$2"/>
        </instance_attributes>
      </transient_attributes>
    </node_state>
  </status>
</cib>
EOS
}
# monitor_is RC DESCRIPTION: a monitor, its code checked; its reason in $out
monitor_is() { run monitor; out=$(reason); check "$2 (rc $RC, want $1: '$out')" [ "$RC" = "$1" ]; }

cib_with 50 synced
expect 0 start
monitor_is 190 "fresh instance behind node2's 50 contacts: degraded"
contains "syncing registrations: 0 of 50" "the reason counts the sync"
check "sipha-sync=syncing ($(attr sipha-sync))" [ "$(attr sipha-sync)" = syncing ]
check "sipha-health=yellow ($(attr sipha-health))" [ "$(attr sipha-health)" = yellow ]
check "sipha-dmq-peers=0: dmq loaded, no peer up ($(attr sipha-dmq-peers))" [ "$(attr sipha-dmq-peers)" = 0 ]
check "sipha-contacts=0 ($(attr sipha-contacts))" [ "$(attr sipha-contacts)" = 0 ]

# 50 phones, each registering twice (bounded: 2 s at 100/s, half of it OPTIONS)
"$LOAD" -d 2 -r 100 -n 50 -e 600 "udp:$KAM_IP:5060" > "$T/load.out" 2>&1
check "sip_load ran ($(cat "$T/load.out"))" grep -q "failed=0" "$T/load.out"
samples=$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.shm.samples
check "the trend has samples while syncing" [ -s "$samples" ]
monitor_is 0 "with the 50 phones: caught up"
# the fill before the gate is no leak: the shared-memory trend counts from the gate on
check "the monitor passing the gate restarted the trend" [ ! -e "$samples" ]
check "sipha-sync=synced ($(attr sipha-sync))" [ "$(attr sipha-sync)" = synced ]
check "sipha-contacts=50 ($(attr sipha-contacts))" [ "$(attr sipha-contacts)" = 50 ]
check "sipha-health=green ($(attr sipha-health))" [ "$(attr sipha-health)" = green ]
# passed once: the next monitors read no CIB (a peer now far ahead changes nothing)
cib_with 5000 synced
monitor_is 0 "passed gate kept for this process"

# restart behind the peer with a short sync_timeout: served anyway after it
expect 0 stop
check "stop deleted sipha-sync ($(attr sipha-sync))" [ "$(attr sipha-sync)" = "(deleted)" ]
export OCF_RESKEY_sync_timeout=2s
expect 0 start
monitor_is 190 "restarted instance behind 5000 contacts: degraded"
contains "syncing registrations: 0 of 5000" "the reason counts the sync"
sleep 2.5
monitor_is 0 "after sync_timeout: served"
check "sipha-sync=timed-out ($(attr sipha-sync))" [ "$(attr sipha-sync)" = timed-out ]
check "the agent logged the timeout" grep -q "serving anyway" "$T/agent.log"
unset OCF_RESKEY_sync_timeout

# libcib is loaded only for this read (no Pacemaker library, libxml2 or libcmap is linked: a
# monitor maps none of them); when it cannot be loaded the peers are unknown: served, and asked
# again at the next monitor
expect 0 stop
cib_with 5000 synced
expect 0 start
cib=$(readelf -p .note.dlopen "$AGENT" | sed -n 's/.*"soname":\["\(libcib[^"]*\)".*/\1/p')
check "libcib declared in the agent's .note.dlopen ('$cib')" [ -n "$cib" ]
needed=$(readelf -d "$AGENT" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' ')
not_linked='libcib|libcrmcommon|libcmap|libxml2'
# a sanitizer build links what it is given (libxml2 among them), as-needed or not
case $needed in *libasan*) not_linked='libcib|libcrmcommon|libcmap' ;; esac
check "linked: $needed (none of $not_linked)" \
	sh -c "! echo '$needed' | grep -Eq '$not_linked'"
AGENT_REAL=$AGENT
AGENT=$T/agent-without-cib
printf '#!/bin/sh\n. "%s/tests/lib.sh"\nwithout_lib %s %s "$@"\n' "$top_srcdir" "$cib" \
	"$AGENT_REAL" > "$AGENT"
chmod 755 "$AGENT"
monitor_is 0 "libcib missing: peers unknown, served"
check "sipha-sync=alone ($(attr sipha-sync))" [ "$(attr sipha-sync)" = alone ]
AGENT=$AGENT_REAL
monitor_is 190 "libcib back: the peers asked again, syncing"

# a peer that is itself syncing does not count: alone, ready
expect 0 stop
cib_with 5000 syncing
expect 0 start
monitor_is 0 "only a syncing peer: ready at once"
check "sipha-sync=alone ($(attr sipha-sync))" [ "$(attr sipha-sync)" = alone ]

# Debian's default configuration: no dmq, nothing to wait for
expect 0 stop
export OCF_RESKEY_conffile=/etc/kamailio/kamailio.cfg OCF_RESKEY_extra_options="-n 2"
cib_with 5000 synced
expect 0 start
monitor_is 0 "Debian's default configuration: ready at once"
check "sipha-dmq-peers=off ($(attr sipha-dmq-peers))" [ "$(attr sipha-dmq-peers)" = off ]
check "sipha-sync=off ($(attr sipha-sync))" [ "$(attr sipha-sync)" = off ]
expect 0 stop
finish
