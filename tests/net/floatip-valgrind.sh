#!/bin/bash
# Memory: ~20 operations of every kind under valgrind (leaks of any kind and memory errors
# fail), then 200 monitors in a bounded loop that must all answer 0 (1000 and more, with RSS
# and the node's state watched: tests/stress/monitors-floatip.sh). In a sanitizer build
# valgrind cannot run; there LeakSanitizer checks each monitor at its exit, and 100 of them
# (each costs the sanitizer runtime's start, most of a second on a busy machine).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/net/fip_lib.sh"
VG=${VALGRIND:-$(command -v valgrind)}
asan=no
grep -q __asan_init "$AGENT" 2>/dev/null && asan=yes
[ -n "$VG" ] || [ $asan = yes ] || skip "needs valgrind"
fip_setup

if [ $asan = yes ]; then
	# by design not part of the sanitizer pass: valgrind cannot run under ASan, which checks
	# the monitors below instead (a comment, not a skip: nothing here was meant to run)
	echo "# valgrind part: not in a sanitizer build; ASan checks the monitors below"
else
# tests/valgrind.supp: what ld.so keeps of libraries a dlclose cannot unload (deep stacks,
# hence --num-callers)
FIP_WRAP="$VG -q --leak-check=full --errors-for-leak-kinds=all --show-leak-kinds=all \
--error-exitcode=99 --num-callers=40 --suppressions=$top_srcdir/tests/valgrind.supp"
for ip in $IP4 $IP6; do
	expect_rc 0 "valgrind: start $ip" fip $A start ip=$ip nic=eth0
	for i in 1 2 3 4; do
		expect_rc 0 "valgrind: monitor $ip depth 0 #$i" fip $A monitor ip=$ip \
			CRM_meta_interval=10000
	done
	expect_rc 0 "valgrind: monitor $ip depth 10" fip $A monitor ip=$ip OCF_CHECK_LEVEL=10 \
		CRM_meta_interval=30000
	expect_rc 0 "valgrind: stop $ip" fip $A stop ip=$ip
done
ip -n $C addr add $IP4/24 dev eth0
expect_rc 1 "valgrind: start refused on conflict" fip $A start ip=$IP4
ip -n $A addr add $IP4/24 dev lo valid_lft 100 preferred_lft 100
expect_rc 1 "valgrind: probe with a foreign copy" fip $A monitor ip=$IP4
expect_rc 0 "valgrind: stop leaving it" fip $A stop ip=$IP4
ip -n $A addr del $IP4/24 dev lo
ip -n $C addr del $IP4/24 dev eth0
expect_rc 6 "valgrind: validate-all with a bad value" fip $A validate-all ip=$IP4 arp_count=x
expect_rc 0 "valgrind: meta-data" fip $A meta-data
unset FIP_WRAP
fi

runs=200
[ $asan = yes ] && runs=100
expect_rc 0 "start for the long run" fip $A start ip=$IP4 nic=eth0
# One netns exec around the loop: each monitor is its own process, as under Pacemaker.
out=$(ip netns exec $A env -i PATH="$PATH" OCF_ROOT="$OCF_ROOT" OCF_RESOURCE_INSTANCE=fip \
	HA_LOGFACILITY=none CRM_meta_timeout=20000 CRM_meta_interval=10000 \
	OCF_RESKEY_ip=$IP4 OCF_RESKEY_nic=eth0 AGENT="$AGENT" RUNS=$runs bash -c '
	bad=0
	for i in $(seq "$RUNS"); do "$AGENT" monitor || bad=$((bad + 1)); done
	echo "bad=$bad"' 2>&1)
contains "bad=0" "$runs monitors all answered 0"
expect_rc 0 "stop" fip $A stop ip=$IP4 nic=eth0
finish
