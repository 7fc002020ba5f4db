#!/bin/sh
# The agent's defaults with Debian's own /etc/kamailio/kamailio.cfg, unchanged: jsonrpcs's
# default datagram socket in the runtime dir answers the RPC, the stock route answers OPTIONS
# and saves REGISTERs. Only the listen sockets and the runtime dir are set (loopback, private).
. "$top_srcdir/tests/kamailio/lib.sh"
[ -r /etc/kamailio/kamailio.cfg ] || skip "no /etc/kamailio/kamailio.cfg"
unset OCF_RESKEY_conffile OCF_RESKEY_shmem OCF_RESKEY_pkgmem
export OCF_RESKEY_listen="udp:${KAM_IP}:5068 tcp:${KAM_IP}:5068"
export OCF_RESKEY_extra_options="-n 2"
start_ok
expect 0 monitor
OCF_CHECK_LEVEL=10 expect 0 monitor
OCF_CHECK_LEVEL=20 expect 0 monitor
[ "$(attr sipha-health)" = green ] || fail "sipha-health=$(attr sipha-health)"
ps -o args= -p "$(kam_pid)" | grep -q -- '-m 64 -M 8' || fail "Debian's memory sizes not used"
expect 0 stop
echo "PASS: debian-default"
