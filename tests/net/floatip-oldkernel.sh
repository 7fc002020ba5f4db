#!/bin/bash
# Kernels before 5.18 (RHEL 8/9, Ubuntu 22.04 GA) drop IFA_PROTO without a word: start would add
# an untagged copy that the next monitor calls foreign and stop leaves behind. Played here by
# floatip built with tests/unit/fake_nl.c, which takes the tag out of the kernel's answers
# (FAKE_NL_NOPROTO=1): start must remove the copy it has just added and refuse with
# OCF_ERR_INSTALLED, naming the kernel release; a foreign copy is still never touched.
. "$top_srcdir/tests/lib.sh"
FIP_AGENT=$top_builddir/tests/net/floatip-fakenl
. "$top_srcdir/tests/net/fip_lib.sh"
fip_setup
old() { fip "$@" FAKE_NL_NOPROTO=1; }
why="kernel $(uname -r) drops the address tag: floatip needs Linux 5.18+ for IFA_PROTO"

expect_rc 5 "IPv4 start on an old kernel: ERR_INSTALLED (Pacemaker tries another node)" \
	old $A start ip=$IP4 nic=eth0
contains "ocf-exit-reason:$why" "reason names the kernel release and the need"
check "the copy start added is removed again" eval "! has_addr $A $IP4"
expect_rc 7 "probe afterwards: not running" old $A monitor ip=$IP4 nic=eth0
expect_rc 5 "IPv6 start on an old kernel: ERR_INSTALLED" old $A start ip=$IP6 nic=eth0
contains "ocf-exit-reason:$why" "IPv6 reason"
check "the IPv6 copy is removed again" eval "! has_addr $A $IP6"

# A foreign copy: refused before anything is added, and left as it is.
ip -n $A addr add $IP4/24 dev eth0 valid_lft 3600 preferred_lft 3600
expect_rc 1 "start next to a lease on an old kernel: refused as foreign" \
	old $A start ip=$IP4 nic=eth0
contains "$IP4 on eth0 is not floatip's (dynamic, lease" "reason names the lease"
check "the lease is still there" has_addr $A $IP4
ip -n $A addr del $IP4/24 dev eth0

# The same binary on this kernel as it is: the tag read back is what decides.
expect_rc 0 "start where the kernel keeps the tag" fip $A start ip=$IP4 nic=eth0
expect_rc 0 "monitor" fip $A monitor ip=$IP4 nic=eth0 CRM_meta_interval=10000
expect_rc 0 "stop" fip $A stop ip=$IP4 nic=eth0
check "stop removed it" eval "! has_addr $A $IP4"
finish
