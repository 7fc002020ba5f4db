#!/bin/bash
# tests/cluster/sipha-faults.sh: the issue's scenarios 6 and 5 with the sipha agents in a real
# two-node cluster (skipped until agents/floatip and agents/kamailio are built):
#  6. the floating IP as a dynamic address on the standby node: reported with a reason, the
#     service keeps answering on the main node, the foreign address is not deleted
#  5. shared memory exhausted on the IP node: health red, the IP moves to the healthy node
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
SIPHA_BUDGET_S=215
. "$here/sipha-setup.sh"

sc_foreign_addr || scl_fail "6. no report of the foreign address"
echo "6. dynamic $SCL_VIP on node$SC_TO: crm_mon: $SC_REASON; foreign address kept: $SC_KEPT;" \
	"REGISTER answered on node$SC_FROM: $SC_SERVED"
[ "$SC_KEPT" = yes ] || scl_fail "6. the foreign address was deleted"
[ "$SC_SERVED" = yes ] || scl_fail "6. the service stopped answering on node$SC_FROM"
sc_foreign_addr_undo
sc_cleanup
scl_wait 30 "the configuration to run" scl_config_up 1 || scl_fail "configuration not up after 6"

sc_shm_shrink || scl_fail "5. kamailio not back with shmem=$SCL_KAM_SHM"
sc_shm_exhaust || scl_fail "5. shared memory exhaustion"
echo "5. shm exhausted on node$SC_FROM after $SC_REGS REGISTERs: floatip on node$SC_TO" \
	"$SC_FIRST ms after the first 5xx; crm_mon: $SC_REASON"
case $SC_REASON in *"health red"*) ;; *) scl_fail "5. no red health in crm_mon" ;; esac
[ "$SC_TO" != "$SC_FROM" ] || scl_fail "5. floatip did not move"
echo PASS
