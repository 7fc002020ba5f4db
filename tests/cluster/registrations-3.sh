#!/bin/bash
# tests/cluster/registrations-3.sh: registrations.sh's events in a real three-node cluster:
# docs/kamailio.md's configuration (crmsh), then the page's "Replication on with pcs" block as
# written (examples/kamailio-ha.cfg, dmq_port=5090). REG_PHONES phones (default 1000) register
# through the floating IP; every node's table must hold them. Then (a) the IP holder crashes:
# every phone is found through the IP on its new node; (b) the crashed node returns and syncs
# (time from its instance's start printed, sipha-sync synced); (c) siphactl rolling-restart of
# the three instances: new pids, every phone still found. One line "phones unreachable after
# EVENT: X of N" per event; X must be 0. (The readiness gate is registrations.sh's part.)
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
for t in sipp kamcmd; do
	command -v "$t" >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
ROLL_NODES=3 ROLL_BUDGET_S=300
. "$here/rolling-setup.sh"
. "$here/registrations-lib.sh"
[ -r "$RG_EXAMPLE" ] || scl_fail "$RG_EXAMPLE missing"
N=$RG_PHONES

RG_REG_ALL=yes
rg_flow example pcs || scl_fail "a step of the run failed"
[ "$RG_REG_ALL" = yes ] || scl_fail "not every node holds $N contacts after registering: $RG_REG_TABLES"
[ "$RG_FAILOVER_UNREACH" = 0 ] || scl_fail "(a) $RG_FAILOVER_UNREACH of $N phones unreachable after the failover"
[ "$RG_RETURN_SYNC" = synced ] || scl_fail "(b) node$RG_CRASHED's sipha-sync is '$RG_RETURN_SYNC', want synced"
[ "$RG_ROLL_RC" = 0 ] || scl_fail "(c) rolling-restart: exit $RG_ROLL_RC"
[ "$RG_ROLL_NEW" = yes ] || scl_fail "(c) not every instance restarted: $RG_PIDS0 -> $RG_PIDS1"
[ "$RG_ROLL_UNREACH" = 0 ] || scl_fail "(c) $RG_ROLL_UNREACH of $N phones unreachable after the rolling restart"
scl_wait 30 "every node to hold $N contacts" rg_all_hold "$N" || scl_fail "(c) tables: $(rg_tables)"
echo PASS
