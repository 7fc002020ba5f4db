#!/bin/bash
# Link down, carrier lost, address removed underneath, interface removed: codes and reasons.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/net/fip_lib.sh"
fip_setup
mon() { fip $A monitor ip=$IP4 nic=eth0 CRM_meta_interval=10000 "$@"; }

expect_rc 0 "start" fip $A start ip=$IP4 nic=eth0
ip -n $BR link set pa down
expect_rc 1 "carrier lost: monitor fails" mon
contains "eth0 has no carrier" "reason: no carrier"
fault_row floatip monitor "carrier lost (the peer's end of the link down)" "eth0 has no carrier"
ip -n $BR link set pa up
expect_rc 0 "carrier back: monitor ok" mon
ip -n $A link set eth0 down
expect_rc 1 "link down: monitor fails" mon
contains "eth0 is down" "reason: down"
fault_row floatip monitor "interface set down" "eth0 is down"
expect_rc 0 "stop with the link down" fip $A stop ip=$IP4 nic=eth0
expect_rc 1 "start with the link down fails" fip $A start ip=$IP4 nic=eth0
contains "eth0 is down" "reason: down"
fault_row floatip start "interface set down" "eth0 is down"
check "nothing added" eval "! has_addr $A $IP4"
ip -n $A link set eth0 up
# Link down flushed the IPv6 addresses (keep_addr_on_down=0): put the node's own back.
ip -n $A addr add 2001:db8::1/64 dev eth0 nodad 2>/dev/null

expect_rc 0 "start" fip $A start ip=$IP4 nic=eth0
ip -n $A addr del $IP4/24 dev eth0
expect_rc 7 "address removed underneath: monitor says not running" mon
contains "$IP4 is on no interface" "reason"
fault_row floatip monitor "floating IP removed by hand" "192.0.2.10 is on no interface"
expect_rc 7 "probe says not running" fip $A monitor ip=$IP4 nic=eth0
expect_rc 0 "stop" fip $A stop ip=$IP4 nic=eth0

# The link flapping: the peer's end toggled 20 times, 50 ms apart, with a monitor after each
# toggle. Every answer is 0 (carrier) or 1 naming the lost carrier, in time; the address is
# kept through it (IPv4 survives a carrier loss) and not doubled; once the link settles, 0.
expect_rc 0 "start before the flapping" fip $A start ip=$IP4 nic=eth0
flap_bad= flap_slow= flap_down=0 flap_up=0
for i in $(seq 1 20); do
	if [ $((i % 2)) = 1 ]; then ip -n $BR link set pa down; else ip -n $BR link set pa up; fi
	sleep 0.05
	t0=$(date +%s%N)
	o=$(mon 2>&1)
	rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	[ "$ms" -lt 5000 ] || flap_slow="$flap_slow $i:${ms}ms"
	case $rc:$o in
	0:*) flap_up=$((flap_up + 1)) ;;
	1:*"eth0 has no carrier"*) flap_down=$((flap_down + 1)) ;;
	*) flap_bad="$flap_bad $i:rc$rc" ;;
	esac
done
flap_ok() { [ -z "$flap_bad" ] && [ "$flap_down" -gt 0 ]; }
check "flapping: each monitor 0 or 1 naming the carrier (${flap_up} up, ${flap_down} down)${flap_bad:+ —$flap_bad}" \
	flap_ok
check "flapping: every monitor within 5 s${flap_slow:+ —$flap_slow}" [ -z "$flap_slow" ]
ip -n $BR link set pa up
sleep 0.1
expect_rc 0 "the link settled: monitor ok" mon
fault_row floatip monitor "the link flapping (20 carrier changes, 50 ms apart), then settled" ""
n=$(ip -n $A -o addr show dev eth0 | grep -c " $IP4/")
check "the address kept once through the flapping ($n)" [ "$n" = 1 ]
expect_rc 0 "stop after the flapping" fip $A stop ip=$IP4 nic=eth0

expect_rc 0 "IPv6 start" fip $A start ip=$IP6 nic=eth0
expect_rc 0 "start IPv4 too" fip $A start ip=$IP4 nic=eth0
ip -n $A link del eth0
expect_rc 7 "interface removed: monitor says not running" mon
contains "$IP4 is on no interface" "reason"
fault_row floatip monitor "interface removed" "192.0.2.10 is on no interface"
expect_rc 7 "IPv6 monitor too" fip $A monitor ip=$IP6 nic=eth0 CRM_meta_interval=10000
expect_rc 0 "stop" fip $A stop ip=$IP4 nic=eth0
expect_rc 5 "start without the interface: ERR_INSTALLED (try another node)" \
	fip $A start ip=$IP4 nic=eth0
contains "nic eth0 does not exist on this node" "reason names nic"
fault_row floatip start "interface removed" "nic eth0 does not exist on this node"
expect_rc 6 "validate-all without the interface: ERR_CONFIGURED" \
	fip $A validate-all ip=$IP4 nic=eth0
contains "nic eth0 does not exist" "reason names nic"
expect_rc 5 "start without nic and no connected subnet" fip $A start ip=$IP4
contains "no connected subnet holds $IP4" "reason"
finish
