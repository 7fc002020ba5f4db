#!/bin/bash
# A rolling restart's lock whose lease ends a year ahead, over a CIB file (CIB_file=, no
# cluster): written by a node whose clock was ahead, or read after this node's clock went back.
# Before, every run was refused as "running" until that date and `siphactl abort` only asked
# the (long gone) run to stop. Now: status says AHEAD, a run is refused naming the clock and the
# way out (exit 3), abort removes the lock and the run's constraints, and a lock within its
# lease is still a running run (abort only asks it). The CIB is the namespace cluster's copy
# (tests/unit/cib/two-nodes.xml); the lock is written as the driver writes it, with cibadmin.
. "$top_srcdir/tests/lib.sh"
siphactl_on_cib_file lock-ahead

# lock LEASE_END: the driver's lock of node2 pid 4242 with a 120 s lease ending at LEASE_END
lock() {
	local x='<cluster_property_set id="sipha-roll-lock">' nv
	for nv in owner=node2 pid=4242 start=$(($1 - 100)) lease-end=$1 lease-s=120; do
		x+="<nvpair id=\"sipha-roll-lock-${nv%%=*}\" name=\"sipha-roll-lock-${nv%%=*}\""
		x+=" value=\"${nv#*=}\"/>"
	done
	cibadmin --create -o crm_config -X "$x</cluster_property_set>"
}
# the run's ban of node2, expiring with the lease, as the driver writes it (lib/cluster/roll_xml.c;
# the CIB deletes an element only when the attributes the driver names match)
ban() {
	cibadmin --create -o constraints -X "<rsc_location id=\"sipha-roll-ban-node2\" \
rsc=\"kamailio-clone\" role=\"Started\"><rule id=\"sipha-roll-ban-node2-rule\" score=\"-INFINITY\" \
boolean-op=\"and\"><expression id=\"sipha-roll-ban-node2-expr\" attribute=\"#uname\" \
operation=\"eq\" value=\"node2\"/><date_expression id=\"sipha-roll-ban-node2-lifetime\" \
operation=\"lt\" end=\"2027-12-01 04:00:00Z\"/></rule></rsc_location>"
}
count() { cibadmin -Q --xpath "$1" 2>/dev/null | grep -c "<$2 "; }

now=$(date +%s)
check "a lock a year ahead is written" lock $((now + 365 * 86400))
check "with its run's ban" ban
expect_rc 0 "status" "$CTL" status
contains "RUNNING by node2 pid 4242" "status shows the lock"
contains "AHEAD of this node's clock by more than the lease: siphactl abort removes it" \
	"status says it is ahead of this clock"
expect_rc 3 "rolling-restart is refused" "$CTL" rolling-restart
contains "further ahead than its 120s lease can reach: a clock ahead of this node's wrote it" \
	"the refusal names the clock"
contains "siphactl abort removes it" "the refusal names the way out"
check "the refusal left the lock" [ "$(count "//cluster_property_set[@id='sipha-roll-lock']" cluster_property_set)" = 1 ]
expect_rc 0 "abort" "$CTL" abort
contains "asked its run to abort, removed its lock and constraints" "abort says what it removed"
check "abort removed the lock" [ "$(count "//cluster_property_set[@id='sipha-roll-lock']" cluster_property_set)" = 0 ]
check "abort removed the run's ban" [ "$(count "//rsc_location[@id='sipha-roll-ban-node2']" rsc_location)" = 0 ]
expect_rc 0 "status after abort" "$CTL" status
contains "rolling restart: none running" "status: none running"

# Within its lease (a clock a few seconds off, or a run renewing): a running run, left alone.
check "a lock within its lease is written" lock $((now + 100))
expect_rc 0 "status" "$CTL" status
case $out in
*AHEAD*) not_ok "a lock within its lease is not called ahead" ;;
*) ok "a lock within its lease is not called ahead" ;;
esac
expect_rc 3 "rolling-restart is refused" "$CTL" rolling-restart
contains "a rolling restart is running: lock held by node2 pid 4242" "refused as a running run"
expect_rc 0 "abort" "$CTL" abort
contains "abort requested from the run of node2 pid 4242" "abort only asks it"
check "the lock stays, with the request" \
	[ "$(count "//nvpair[@name='sipha-roll-lock-abort']" nvpair)" = 1 ]
finish
