#!/bin/bash
# The second outage: the floating address on a node as an ordinary address (a DHCP-like
# lease, or a static untagged one, on any interface, with any prefix) is reported by probe and
# monitor with interface and origin, refused by start, and left untouched by stop.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/net/fip_lib.sh"
fip_setup

lease() { ip -n $A -o addr show to $IP4 | grep -c "valid_lft 3[0-9]*sec"; }

ip -n $A addr add $IP4/24 dev eth0 valid_lft 3600 preferred_lft 3600
expect_rc 1 "probe with a lease present" fip $A monitor ip=$IP4
contains "$IP4 on eth0 is not floatip's (dynamic, lease 3" "probe names interface and lease"
expect_rc 1 "monitor with a lease present" fip $A monitor ip=$IP4 CRM_meta_interval=10000
contains "$IP4 on eth0 is not floatip's (dynamic, lease" "monitor names interface and lease"
expect_rc 1 "start refuses" fip $A start ip=$IP4 nic=eth0
contains "not floatip's" "start names the foreign copy"
expect_rc 0 "stop succeeds" fip $A stop ip=$IP4 nic=eth0
contains "leaving $IP4 on eth0 alone" "stop says it leaves it"
check "the lease is still there, untouched" test "$(lease)" = 1
ip -n $A addr del $IP4/24 dev eth0

# Static and untagged, on another interface (lo) with another prefix: all interfaces count.
ip -n $A addr add $IP4/32 dev lo
expect_rc 1 "probe with a static copy on lo" fip $A monitor ip=$IP4 nic=eth0
contains "$IP4 on lo is not floatip's (static, untagged)" "reason names lo and static"
expect_rc 1 "start refuses" fip $A start ip=$IP4 nic=eth0
check "nothing added to eth0" eval "! ip -n $A -o addr show dev eth0 | grep -q ' $IP4/'"
expect_rc 0 "stop succeeds" fip $A stop ip=$IP4 nic=eth0
check "lo copy untouched" eval "ip -n $A -o addr show dev lo | grep -q ' $IP4/32'"
ip -n $A addr del $IP4/32 dev lo

# floatip's own copy running, then someone adds the same address with another prefix.
expect_rc 0 "start" fip $A start ip=$IP4 nic=eth0
ip -n $A addr add $IP4/25 dev eth0
expect_rc 1 "monitor sees the foreign /25 next to ours" fip $A monitor ip=$IP4 nic=eth0 \
	CRM_meta_interval=10000
contains "$IP4 on eth0 is not floatip's (static, untagged)" "reason"
expect_rc 0 "stop removes only ours" fip $A stop ip=$IP4 nic=eth0
out=$(ip -n $A -o addr show to $IP4)
contains "$IP4/25" "foreign /25 still there"
check "ours (/24) gone" eval "! grep -q '$IP4/24' <<<\"\$out\""
ip -n $A addr del $IP4/25 dev eth0

# Same for IPv6: a static untagged copy is not taken (keepalived's EEXIST trap).
ip -n $A addr add $IP6/64 dev eth0 nodad
expect_rc 1 "IPv6 probe with a static copy" fip $A monitor ip=$IP6
contains "$IP6 on eth0 is not floatip's (static, untagged)" "IPv6 reason"
expect_rc 1 "IPv6 start refuses" fip $A start ip=$IP6 nic=eth0
expect_rc 0 "IPv6 stop" fip $A stop ip=$IP6
check "IPv6 copy untouched" has_addr $A $IP6
ip -n $A addr del $IP6/64 dev eth0
ip -n $A addr add $IP6/64 dev eth0 nodad valid_lft 600 preferred_lft 600
expect_rc 1 "IPv6 probe with a lease" fip $A monitor ip=$IP6
contains "(dynamic, lease" "IPv6 lease reported"
finish
