#!/bin/bash
# Every parameter with bad values: validate-all and start answer ERR_CONFIGURED (6) with a
# reason naming the parameter, and start changes nothing on the node.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/net/fip_lib.sh"
fip_setup

# Global addresses and routes (link-local DAD finishing meanwhile is not ours).
state() { ip -n $A -o addr show scope global; ip -n $A -4 route show table all; ip -n $A -6 route show table main; }
before=$(state)
bad() {
	local what=$1 reason=$2
	shift 2
	expect_rc 6 "validate-all: $what" fip $A validate-all "$@"
	contains "$reason" "validate-all reason for $what"
	expect_rc 6 "start: $what" fip $A start "$@"
	contains "$reason" "start reason for $what"
}
bad "ip missing" "required parameter ip" nic=eth0
bad "ip=192.0.2.300" "ip='192.0.2.300'" ip=192.0.2.300
bad "ip=hello" "ip='hello'" ip=hello
bad "ip=192.0.2.10/33" "ip='192.0.2.10/33'" ip=192.0.2.10/33
bad "ip multicast" "not a unicast" ip=224.0.0.5
bad "ip loopback" "not a unicast" ip=127.0.0.5
bad "ip 0.0.0.0" "not a unicast" ip=0.0.0.0
bad "ip is the network address" "network or broadcast" ip=192.0.2.0/24
bad "ip is the broadcast address" "network or broadcast" ip=192.0.2.255 cidr_netmask=24
bad "ip link-local IPv6" "not a global unicast" ip=fe80::10
bad "ip multicast IPv6" "not a global unicast" ip=ff02::10
bad "ip ::1" "not a global unicast" ip=::1
bad "cidr_netmask=0" "cidr_netmask='0'" ip=$IP4 cidr_netmask=0
bad "cidr_netmask=129" "cidr_netmask='129'" ip=$IP6 cidr_netmask=129
bad "cidr_netmask=33 for IPv4" "cidr_netmask=33 does not fit" ip=$IP4 cidr_netmask=33
bad "dotted netmask" "cidr_netmask='255.255.255.0'" ip=$IP4 cidr_netmask=255.255.255.0
bad "cidr_netmask=abc" "cidr_netmask='abc'" ip=$IP4 cidr_netmask=abc
bad "ip/prefix and cidr_netmask disagree" "disagree" ip=$IP4/24 cidr_netmask=25
bad "nic with a colon" "nic='eth0:1'" ip=$IP4 nic=eth0:1
bad "nic too long" "nic='a-name-far-too-long'" ip=$IP4 nic=a-name-far-too-long
bad "nic with a slash" "nic='no/slash'" ip=$IP4 nic=no/slash
expect_rc 6 "validate-all: nic that does not exist" fip $A validate-all ip=$IP4 nic=sfnone0
contains "nic sfnone0 does not exist" "reason names the nic"
bad "broadcast=x" "broadcast='x'" ip=$IP4 broadcast=x
bad "broadcast=192.0.2.300" "broadcast='192.0.2.300'" ip=$IP4 broadcast=192.0.2.300
bad "broadcast with IPv6" "broadcast applies to IPv4 only" ip=$IP6 broadcast=192.0.2.255
bad "iflabel with a space" "iflabel='bad label'" ip=$IP4 "iflabel=bad label"
bad "iflabel too long" "iflabel='averyverylonglabel'" ip=$IP4 iflabel=averyverylonglabel
bad "nic:iflabel too long" "longer than 15" ip=$IP4 nic=eth0 iflabel=abcdefghijklm
bad "iflabel with IPv6" "iflabel applies to IPv4 only" ip=$IP6 iflabel=fip
bad "arp_count=-1" "arp_count='-1'" ip=$IP4 arp_count=-1
bad "arp_count=101" "arp_count='101'" ip=$IP4 arp_count=101
bad "arp_count=x" "arp_count='x'" ip=$IP4 arp_count=x
bad "arp_interval=0" "arp_interval='0'" ip=$IP4 arp_interval=0
bad "arp_interval=20s" "arp_interval='20s'" ip=$IP4 arp_interval=20s
bad "arp_interval=abc" "arp_interval='abc'" ip=$IP4 arp_interval=abc
bad "arp_interval=-5" "arp_interval='-5'" ip=$IP4 arp_interval=-5
bad "preferred_lft=never" "preferred_lft='never'" ip=$IP6 preferred_lft=never
bad "preferred_lft=-1" "preferred_lft='-1'" ip=$IP6 preferred_lft=-1
bad "preferred_lft=4294967295" "preferred_lft='4294967295'" ip=$IP6 preferred_lft=4294967295
bad "noprefixroute=maybe" "noprefixroute='maybe'" ip=$IP4 noprefixroute=maybe
bad "probe_count=21" "probe_count='21'" ip=$IP4 probe_count=21
bad "probe_count=-1" "probe_count='-1'" ip=$IP4 probe_count=-1
bad "probe_interval=0ms" "probe_interval='0ms'" ip=$IP4 probe_interval=0ms
bad "probe_interval=6s" "probe_interval='6s'" ip=$IP4 probe_interval=6s
bad "probe_interval=1x" "probe_interval='1x'" ip=$IP4 probe_interval=1x
bad "probe_wait=0" "probe_wait='0'" ip=$IP4 probe_wait=0
bad "probe_wait=11s" "probe_wait='11s'" ip=$IP4 probe_wait=11s
bad "on_conflict=ignore" "on_conflict='ignore'" ip=$IP4 on_conflict=ignore
bad "on_conflict=REFUSE" "on_conflict='REFUSE'" ip=$IP4 on_conflict=REFUSE
expect_rc 6 "validate-all: an IPaddr2-only parameter is unknown" fip $A validate-all ip=$IP4 \
	lvs_support=true
contains "unknown parameter 'lvs_support'" "reason names it"
after=$(state)
check "no address or route changed on the node" test "$before" = "$after"

# The same values done right pass.
expect_rc 0 "validate-all: good IPv4 set" fip $A validate-all ip=$IP4 cidr_netmask=24 nic=eth0 \
	broadcast=+ iflabel=fip arp_count=5 arp_interval=200 preferred_lft=forever \
	noprefixroute=false probe_count=2 probe_interval=30ms probe_wait=50 on_conflict=warn
expect_rc 0 "validate-all: good IPv6 set" fip $A validate-all ip=$IP6/64 preferred_lft=0
expect_rc 0 "reload-agent with new reloadable values" fip $A reload-agent ip=$IP4 arp_count=1
expect_rc 0 "stop with a bad value: nothing can have started, success" fip $A stop ip=hello
finish
