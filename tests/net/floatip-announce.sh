#!/bin/bash
# After a takeover, a client's neighbour entry for the floating address changes to the new
# node's hardware address: floatip's gratuitous ARPs and unsolicited NAs reach the link.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/net/fip_lib.sh"
need_cmd ping
fip_setup

for ip in $IP4 $IP6; do
	expect_rc 0 "$ip: start on A" fip $A start ip=$ip nic=eth0
	check "$ip: client reaches it" ip netns exec $C ping -c1 -W2 -q $ip
	m=$(neigh_mac $C $ip)
	check "$ip: client caches A's MAC ($m)" test "$m" = $MAC_A
	expect_rc 0 "$ip: stop on A" fip $A stop ip=$ip nic=eth0
	expect_rc 0 "$ip: start on B" fip $B start ip=$ip nic=eth0
	m=$(neigh_mac $C $ip)
	check "$ip: client's entry now B's MAC ($m), without resolving again" test "$m" = $MAC_B
	check "$ip: client reaches B" ip netns exec $C ping -c1 -W2 -q $ip
	expect_rc 0 "$ip: stop on B" fip $B stop ip=$ip nic=eth0
done

# With arp_count=0 nothing is announced: the client keeps the stale entry (the test above
# is not passing by accident).
expect_rc 0 "start on A, announcing" fip $A start ip=$IP4
ip netns exec $C ping -c1 -W2 -q $IP4 >/dev/null
expect_rc 0 "stop on A" fip $A stop ip=$IP4
expect_rc 0 "start on B without announcements" fip $B start ip=$IP4 arp_count=0
m=$(neigh_mac $C $IP4)
check "client still has A's MAC ($m)" test "$m" = $MAC_A
expect_rc 0 "stop on B" fip $B stop ip=$IP4
finish
