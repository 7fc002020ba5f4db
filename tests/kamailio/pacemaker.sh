#!/bin/bash
# Pacemaker runs the agent: crm_resource --validate checks parameters against it, and with a
# CIB file crm_resource --force-start/--force-check/--force-stop run start, monitor and stop
# as the executor would. The agent is shown to Pacemaker through a private bind mount.
. "$top_srcdir/tests/kamailio/lib.sh"
. "$top_srcdir/tests/lib.sh"
need_unshare
need_cmd crm_resource cibadmin
export OCF_ROOT=$OCF_ROOT_SYSTEM
mkdir -p "$T/agents"
cp "$AGENT" "$T/agents/kamailio"
cfg=$top_srcdir/tests/kamailio/sipha-kam.cfg

v() { with_sipha_agents "$T/agents" crm_resource --validate --class ocf --provider sipha \
	--agent kamailio "$@"; }
expect_rc 0 "good options accepted" v --option conffile="$cfg" \
	--option listen="udp:127.0.0.28:5067 tcp:[::1]:5067" --option shmem=32
expect_rc 6 "a bad threshold is rejected" v --option shm_warn_pct=101
contains "shm_warn_pct" "reason names the parameter"
expect_rc 6 "warning above critical is rejected" v --option shm_warn_pct=96
expect_rc 6 "a bad probe target is rejected" v --option probe_targets=udp:nowhere
expect_rc 5 "missing configuration is ERR_INSTALLED" v --option conffile=/nonexistent.cfg
expect_rc 6 "unknown parameter rejected" v --option listne=udp:127.0.0.1

# a CIB with one primitive: crm_resource --force-* runs the agent like the executor
cibadmin --empty > "$T/cib.xml" 2>/dev/null || skip "cibadmin --empty failed"
export CIB_file=$T/cib.xml
cat > "$T/rsc.xml" <<EOX
<primitive id="skam-pcmk" class="ocf" provider="sipha" type="kamailio">
  <instance_attributes id="skam-pcmk-ia">
    <nvpair id="skam-pcmk-c" name="conffile" value="$cfg"/>
    <nvpair id="skam-pcmk-l" name="listen" value="udp:127.0.0.28:5067 tcp:127.0.0.28:5067"/>
    <nvpair id="skam-pcmk-r" name="runtime_dir" value="$T/run"/>
    <nvpair id="skam-pcmk-s" name="shmem" value="16"/>
    <nvpair id="skam-pcmk-p" name="pkgmem" value="4"/>
  </instance_attributes>
</primitive>
EOX
cibadmin --create -o resources --xml-file "$T/rsc.xml" || skip "cannot edit the CIB file"
unset $(env | sed -n 's/^\(OCF_RESKEY_[^=]*\)=.*/\1/p')
export OCF_RESOURCE_INSTANCE=skam-pcmk
r() { with_sipha_agents "$T/agents" crm_resource -r skam-pcmk "$@"; }
expect_rc 0 "force-start" r --force-start
KAM_SID=$(kam_pid)
check "kamailio recorded" test -n "$KAM_SID"
expect_rc 0 "force-check (monitor)" r --force-check
expect_rc 0 "force-check at depth 10 (OPTIONS over UDP and TCP)" r --force-check=10
# an answer that isn't there: depth 10 against a dead port fails with the reason
crm_resource -r skam-pcmk -p probe_targets -v udp:127.0.0.28:5068 >/dev/null 2>&1 ||
	not_ok "setting probe_targets in the CIB file"
expect_rc 1 "force-check at depth 10 against a closed port fails" r --force-check=10
contains "udp:127.0.0.28:5068" "reason names the socket"
crm_resource -r skam-pcmk -d probe_targets >/dev/null 2>&1
expect_rc 0 "force-check at depth 0 still fine" r --force-check
expect_rc 0 "force-stop" r --force-stop
check "nothing left" test -z "$(session_pids "$KAM_SID")"
expect_rc 7 "force-check after stop: not running" r --force-check
finish
