#!/bin/bash
# IPv6 probing joins the solicited-node group of the address through an IPv6 socket for the
# probe's duration, so that the kernel sends an MLDv2 report (ICMPv6 143) and a switch that
# snoops MLD delivers other hosts' probes for the address; then it leaves (TO_IN {}). Captured
# with tcpdump on the bridge port that faces node A. Conflict detection still works.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/net/fip_lib.sh"
need_cmd tcpdump
fip_setup
GROUP=ff02::1:ff00:10		# solicited-node group of $IP6
CAP=$(mktemp -d)
cap_pid=
cap_stop() { [ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null && wait "$cap_pid"; cap_pid=; }
trap 'cap_stop; rm -rf "$CAP"; fip_cleanup' EXIT

# cap_start: captures what A sends (IPv6 only) on the bridge port pa, one line per packet.
cap_start() {
	ip netns exec $BR tcpdump -i pa -n -l -v -U "ether src $MAC_A and ip6" \
		>"$CAP/out" 2>"$CAP/err" &
	cap_pid=$!
	for _ in $(seq 50); do grep -q "listening on" "$CAP/err" && return 0; sleep 0.1; done
	return 1
}
# line PATTERN: number of the first captured line matching PATTERN, 0 when none.
line() { grep -n -m1 -- "$1" "$CAP/out" | cut -d: -f1 | grep . || echo 0; }
report="multicast listener report v2.*gaddr $GROUP to_ex"
leave="multicast listener report v2.*gaddr $GROUP to_in"

# C holds the address: start on A is refused, and never adds it, so a report for the group
# can only come from the probe. C answers within a millisecond, before the kernel's report
# work runs: the join and the leave then go out as one TO_IN record.
ip -n $C addr add $IP6/64 dev eth0 nodad
check "capture started" cap_start
expect_rc 1 "start refused while C holds $IP6" fip $A start ip=$IP6 nic=eth0
contains "$IP6 is in use by $MAC_C on eth0" "the conflict is still found, naming C's MAC"
sleep 0.3	# the leave record follows the socket's close by a work-queue tick
cap_stop
check "nothing added on A" eval "! has_addr $A $IP6"
check "A sent an MLDv2 report for $GROUP, leaving it after the probe" \
	test "$(line "$leave")" -gt 0
ip -n $C addr del $IP6/64 dev eth0

# Uncontested: the joining report goes out during the probe, before its last solicitation
# (the kernel's own report for the added address comes only after the probe).
check "capture started" cap_start
expect_rc 0 "start" fip $A start ip=$IP6 nic=eth0 probe_interval=100ms probe_wait=100ms
cap_stop
ns=$(grep -n "neighbor solicitation, .*who has $IP6" "$CAP/out" | tail -1 | cut -d: -f1)
r=$(line "$report")
check "report (line $r) before the last probe (line ${ns:-none})" \
	test "$r" -gt 0 -a "$r" -lt "${ns:-0}"
expect_rc 0 "stop" fip $A stop ip=$IP6 nic=eth0
finish
