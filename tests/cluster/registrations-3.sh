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

rg_events pcs
echo PASS
