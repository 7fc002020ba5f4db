#!/bin/bash
# tests/cluster/sipha.sh: the issue's scenarios with the sipha agents in a real two-node
# cluster (skipped until agents/floatip and agents/kamailio are built):
#  2. the configuration applied with crmsh comes up; the client REGISTERs through the floating IP
#     (pcs: tests/cluster/pcs-crmsh.sh)
#  3. node crash: the IP moves, the client's neighbour entry names the new node's MAC, REGISTER
#     works again; prints the failover time
#  4. Kamailio killed on the IP node: Pacemaker recovers; prints the REGISTER outage
#  6. the floating IP as a dynamic address on the standby node: reported with a reason, the
#     service keeps answering on the main node, the foreign address is not deleted
#  5. shared memory exhausted on the IP node: health red, the IP moves to the healthy node
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
agents_dir=${top_builddir:-$here/../..}/agents
for a in floatip kamailio; do
	[ -x "$agents_dir/$a" ] || { echo "SKIP: agents/$a not built"; exit 77; }
done
[ -x "$(scl_sip_probe_bin)" ] || { echo "SKIP: $(scl_sip_probe_bin) not built"; exit 77; }
export SCL_VIP_AGENT=ocf:sipha:floatip SCL_KAM_AGENT=ocf:sipha:kamailio
. "$here/config.sh"
. "$here/scenarios.sh"
[ -r "$SCL_KAM_CFG" ] || { echo "SKIP: $SCL_KAM_CFG missing"; exit 77; }
scl_require
scl_reap_stale scl-t
scl_test_begin 175

scl_up 2 "$agents_dir" || scl_fail "cluster up"
scl_wait_ready 60 || scl_fail "no DC with both nodes online"

t=$(scl_now_ms)
scl_config_crm 1 || scl_fail "crmsh configuration"
scl_wait 60 "the configuration to run" scl_config_up 1 || scl_fail "configuration not up"
scl_wait 10 "REGISTER through $SCL_VIP" scl_register || scl_fail "REGISTER through $SCL_VIP fails"
echo "2. crmsh: up and REGISTER answered through $SCL_VIP after $(($(scl_now_ms) - t)) ms: $(scl_config_where 1)"

sc_crash || scl_fail "3. node crash"
echo "3. node$SC_FROM crashed (was DC: $SC_WASDC): floatip on node$SC_TO, client's neighbour entry names its MAC;" \
	"cluster noticed after $SC_DETECT ms; ping outage $SC_GAP ms (first answer $SC_FIRST ms after" \
	"the crash); REGISTER outage $SC_SIPGAP ms; floatip start called -> first answer $SC_SHARE ms"
scl_restart_node "$SC_FROM" && scl_wait_ready 60 || scl_fail "node$SC_FROM did not rejoin"
scl_wait 30 "the configuration to run" scl_config_up 1 || scl_fail "configuration not up after rejoin"
sc_cleanup

sc_kam_kill || scl_fail "4. kamailio kill"
echo "4. kamailio killed on node$SC_FROM: REGISTER outage $SC_GAP ms; floatip on node$SC_TO; crm_mon: $SC_REASON"
sc_cleanup
scl_wait 30 "the configuration to run" scl_config_up 1 || scl_fail "configuration not up after 4"

sc_foreign_addr || scl_fail "6. no report of the foreign address"
echo "6. dynamic $SCL_VIP on node$SC_TO: crm_mon: $SC_REASON; foreign address kept: $SC_KEPT;" \
	"REGISTER answered on node$SC_FROM: $SC_SERVED"
[ "$SC_KEPT" = yes ] || scl_fail "6. the foreign address was deleted"
[ "$SC_SERVED" = yes ] || scl_fail "6. the service stopped answering on node$SC_FROM"
sc_foreign_addr_undo
sc_cleanup
scl_wait 30 "the configuration to run" scl_config_up 1 || scl_fail "configuration not up after 6"

sc_shm_exhaust || scl_fail "5. shared memory exhaustion"
echo "5. shm exhausted on node$SC_FROM after $SC_REGS REGISTERs: floatip on node$SC_TO" \
	"$SC_FIRST ms after the first 5xx; crm_mon: $SC_REASON"
case $SC_REASON in *"health red"*) ;; *) scl_fail "5. no red health in crm_mon" ;; esac
[ "$SC_TO" != "$SC_FROM" ] || scl_fail "5. floatip did not move"
echo PASS
