#!/bin/bash
# Another host holding the address: start refuses naming its MAC and adds nothing; a conflict
# that appears while running is found by monitor depth 10 (not depth 0) and degrades, not fails;
# on_conflict=warn.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/net/fip_lib.sh"
fip_setup

# hold NS ADDR / drop NS ADDR: the other host takes / gives up the address.
hold() { if [ $2 = $IP4 ]; then ip -n $1 addr add $2/24 dev eth0; else ip -n $1 addr add $2/64 dev eth0 nodad; fi; }
drop() { ip -n $1 addr del $2/$([ $2 = $IP4 ] && echo 24 || echo 64) dev eth0; }
for ip in $IP4 $IP6; do
	hold $C $ip
	expect_rc 1 "$ip: start refused while C holds it" fip $A start ip=$ip nic=eth0
	contains "$ip is in use by $MAC_C on eth0" "$ip: reason names C's MAC"
	fault_row floatip start "another host holds the address (IP conflict)" "is in use by"
	check "$ip: nothing added on A" eval "! has_addr $A $ip"
	expect_rc 7 "$ip: probe on A still says stopped" fip $A monitor ip=$ip nic=eth0
	expect_rc 0 "$ip: on_conflict=warn takes it anyway" fip $A start ip=$ip on_conflict=warn
	contains "in use by $MAC_C" "$ip: warning names C's MAC"
	expect_rc 190 "$ip: depth 10 with on_conflict=warn: degraded" fip $A monitor ip=$ip \
		on_conflict=warn OCF_CHECK_LEVEL=10 CRM_meta_interval=30000
	contains "also answered by $MAC_C" "$ip: reason names C's MAC"
	expect_rc 0 "$ip: stop" fip $A stop ip=$ip
	drop $C $ip

	# Running on A, then C takes the address too.
	expect_rc 0 "$ip: start on A" fip $A start ip=$ip nic=eth0
	hold $C $ip
	expect_rc 0 "$ip: depth 0 cannot see it" fip $A monitor ip=$ip nic=eth0 \
		CRM_meta_interval=10000
	expect_rc 190 "$ip: depth 10 detects the other holder (degraded: A keeps serving)" \
		fip $A monitor ip=$ip nic=eth0 \
		OCF_CHECK_LEVEL=10 CRM_meta_interval=30000
	contains "$ip is also answered by $MAC_C on eth0" "$ip: reason names C's MAC"
	fault_row floatip monitor "a second holder appears (depth 10)" "is also answered by"
	drop $C $ip
	expect_rc 0 "$ip: the second holder gone: depth 10 passes again" \
		fip $A monitor ip=$ip nic=eth0 OCF_CHECK_LEVEL=10 CRM_meta_interval=30000
	fault_row floatip monitor "the second holder goes away (depth 10)" ""
	hold $C $ip
	expect_rc 0 "$ip: stop on A" fip $A stop ip=$ip nic=eth0
	check "$ip: C's copy untouched" has_addr $C $ip
	drop $C $ip
done

# Probe count and interval are honoured: 5 probes 100 ms apart + 100 ms take >= 500 ms.
FIP_WRAP="/usr/bin/time -f fip-wall=%e" expect_rc 0 "slow probe plan" fip $A start ip=$IP4 \
	probe_count=5 probe_interval=100 probe_wait=100ms arp_count=1
ms=$(sed -n 's/.*fip-wall=\([0-9]*\)\.\([0-9]*\).*/\1\20/p' <<<"$out")
ms=$((10#${ms:-0}))
check "slow plan took ${ms}ms (>= 500)" test "$ms" -ge 500
expect_rc 0 "stop" fip $A stop ip=$IP4
# A budget too short for the probe: an answer, not a kill, and nothing added.
expect_rc 1 "probe longer than the timeout" fip $A start ip=$IP4 probe_count=20 \
	probe_interval=5s CRM_meta_timeout=2000
contains "no time to probe" "reason says the timeout is too short"
check "nothing added" eval "! has_addr $A $IP4"
finish
