#!/bin/bash
# tests/cluster/sipha.sh: the issue's scenarios 2-4 with the sipha agents in a real two-node
# cluster (skipped until agents/floatip and agents/kamailio are built); 5 and 6 are in
# sipha-faults.sh, the pcs half of 1 in pcs-crmsh.sh.
#  2. the configuration applied with crmsh comes up; the client REGISTERs through the floating IP
#  3. node crash: the IP moves, the client's neighbour entry names the new node's MAC, REGISTER
#     works again; the survivor's Kamailio is left undisturbed (same pid, no failed action, no
#     fail-count); prints the failover time
#  4. Kamailio killed on the IP node: Pacemaker recovers; prints the REGISTER outage
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
SIPHA_BUDGET_S=215
. "$here/sipha-setup.sh"

# The survivor's instance must be left alone: it listens on the floating IP it does not hold
# yet (docs' configuration) and probes only its own loopback socket, before, during and after
# the failover; one depth-10 monitor (every 30 s) at least runs on it after the crash.
survivor=$(sc_other_node "$(scl_vip_node)")
kpid=$(sc_kam_main_pid "$survivor")
[ -n "$kpid" ] || scl_fail "3. no kamailio on node$survivor"
sc_crash || scl_fail "3. node crash"
[ "$SC_TO" = "$survivor" ] || scl_fail "3. floatip on node$SC_TO, expected node$survivor"
while [ "$(scl_now_ms)" -lt $((SCL_CRASH_MS + 35000)) ]; do sleep 1; done
sc_kam_undisturbed "$survivor" "$kpid" || scl_fail "3. the survivor's kamailio was disturbed"
scl_register || scl_fail "3. REGISTER through $SCL_VIP fails 35 s after the crash"
echo "3. node$survivor's kamailio (pid $kpid) undisturbed 35 s after the crash: no failed action, fail-count 0"
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
echo PASS
