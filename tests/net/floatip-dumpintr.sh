#!/bin/bash
# The kernel interrupts a dump (NLM_F_DUMP_INTR) when the address or route table changes while
# it is read: monitor must not fail for that (Pacemaker would move the address for nothing).
# Played by floatip built with tests/unit/fake_nl.c: FAKE_NL_DUMP_INTR=N marks the first N
# dumps of the process interrupted; lib/nl starts a dump over on a fresh socket, 4 tries in all.
. "$top_srcdir/tests/lib.sh"
FIP_AGENT=$top_builddir/tests/net/floatip-fakenl
. "$top_srcdir/tests/net/fip_lib.sh"
fip_setup
mon() { fip $A monitor nic=eth0 CRM_meta_interval=10000 "$@"; }

expect_rc 0 "start with its first two dumps interrupted" fip $A start ip=$IP4 nic=eth0 \
	FAKE_NL_DUMP_INTR=2
check "the address is on eth0" has_addr $A $IP4
expect_rc 0 "monitor with one interrupted dump: OK" mon ip=$IP4 FAKE_NL_DUMP_INTR=1
expect_rc 0 "monitor with three in a row: OK (fourth try)" mon ip=$IP4 FAKE_NL_DUMP_INTR=3
expect_rc 1 "monitor with four in a row: fails" mon ip=$IP4 FAKE_NL_DUMP_INTR=4
contains "ocf-exit-reason:listing addresses: the kernel interrupted 4 dumps in a row" \
	"reason says why"
expect_rc 1 "probe with every dump interrupted: fails, never 'not running'" \
	fip $A monitor ip=$IP4 nic=eth0 FAKE_NL_DUMP_INTR=-1
contains "the kernel interrupted 4 dumps in a row" "probe reason"
check "the address stays" has_addr $A $IP4
expect_rc 0 "IPv6 start with its route dump interrupted too" fip $A start ip=$IP6 \
	FAKE_NL_DUMP_INTR=2
expect_rc 0 "IPv6 monitor with one interrupted dump" mon ip=$IP6 FAKE_NL_DUMP_INTR=1
expect_rc 0 "stop with one interrupted dump" fip $A stop ip=$IP4 nic=eth0 FAKE_NL_DUMP_INTR=1
check "stop removed it" eval "! has_addr $A $IP4"
expect_rc 0 "IPv6 stop" fip $A stop ip=$IP6 nic=eth0
finish
