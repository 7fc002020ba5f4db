#!/bin/bash
# Many monitors of ocf:sipha:floatip on a started address, in a namespace of their own (as
# tests/net/floatip-valgrind.sh), each run its own process as under Pacemaker's executor
# (tests/stress/monitor_loop): every one answers 0, and nothing grows: the per-run peak RSS,
# the node's addresses, neighbour entries and open sockets, files in its HA_RSCTMP (floatip
# keeps no state: it must stay empty). Every K-th run under valgrind. MONITORS_N runs
# (tests/stress/monitors-lib.sh).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/net/fip_lib.sh"
. "$top_srcdir/tests/stress/monitors-lib.sh"
monitors_setup "$AGENT"
self_check_rss
fip_setup
RSC=$(mktemp -d /tmp/sipha-fiprsc.XXXXXX) || exit 99
trap 'fip_cleanup; rm -rf "$RSC"' EXIT

expect_rc 0 "start $IP4" fip $A start ip=$IP4 nic=eth0
# what a monitor could leave in the node: addresses (device, family, address: flags and
# lifetimes change on their own, e.g. "tentative" until DAD ends), neighbour entries, sockets
addrs() { ip -n $A -o addr show | awk '{ print $2, $3, $4 }'; }
neighs() { ip -n $A neigh show | wc -l; }
socks() { ip netns exec $A ss -an -A inet,unix,packet,netlink 2>/dev/null | wc -l; }
addrs0=$(addrs) neigh0=$(neighs) socks0=$(socks)

line=$(ip netns exec $A env -i PATH="$PATH" OCF_ROOT="$OCF_ROOT" OCF_RESOURCE_INSTANCE=fip \
	HA_LOGFACILITY=none HA_RSCTMP="$RSC" CRM_meta_timeout=20000 CRM_meta_interval=10000 \
	OCF_RESKEY_ip=$IP4 OCF_RESKEY_nic=eth0 VALGRIND="${VALGRIND:-}" \
	"$LOOP" $(loop_args) -e "$RSC.err" "$AGENT" monitor)
rm -f "$RSC.err"
check_loop "$line" "floatip monitor"

check "addresses of the node unchanged ($(echo "$addrs0" | wc -l))" [ "$(addrs)" = "$addrs0" ]
[ "$(addrs)" = "$addrs0" ] || { echo "# before:"; echo "$addrs0"; echo "# after:"; addrs; } | sed 's/^/#   /'
check "neighbour entries: $neigh0 before, $(neighs) after" [ "$(neighs)" -le "$neigh0" ]
check "sockets in the node: $socks0 before, $(socks) after" [ "$(socks)" -le "$socks0" ]
check "HA_RSCTMP still empty" [ -z "$(ls -A "$RSC")" ]
expect_rc 0 "stop" fip $A stop ip=$IP4 nic=eth0
finish
