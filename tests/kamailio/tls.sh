#!/bin/sh
# TLS sockets: depth 10 sends OPTIONS over TLS to every tls: listen socket (IPv4 and IPv6),
# depth 20 REGISTERs over TLS when probe_targets names one, and a TLS socket where nobody
# answers fails inside the budget naming it. Real Kamailio with its tls module and a
# throwaway certificate (tests/kamailio/tls-setup.sh).
. "$top_srcdir/tests/kamailio/lib.sh"
sh "$top_srcdir/tests/kamailio/tls-setup.sh" "$T"
case $? in 0) ;; 77) skip "no TLS support for Kamailio here" ;; *) fail "TLS setup" ;; esac
v6=
ip -6 addr show dev lo 2>/dev/null | grep -q '::1' && v6="tls:[::1]:5067"
export OCF_RESKEY_listen="udp:${KAM_IP}:5066 tls:${KAM_IP}:5067 $v6"
export OCF_RESKEY_extra_options="-A WITH_TLS -A TLS_CFG=\"$T/tls.cfg\""
export OCF_RESKEY_sip_timeout=1s

start_ok
OCF_CHECK_LEVEL=10 expect 0 monitor
# only the TLS sockets, so that a pass says TLS answered
OCF_RESKEY_probe_targets="tls:${KAM_IP}:5067 $v6" OCF_CHECK_LEVEL=10 expect 0 monitor
OCF_RESKEY_probe_targets="tls:${KAM_IP}:5067" OCF_CHECK_LEVEL=20 expect 0 monitor
echo "depth 10 and 20 over TLS: ok"
# nobody on that TLS port: failure inside the budget, naming the socket
expect_probe_fails "tls:${KAM_IP}:5069" "tls:${KAM_IP}:5069"
# TLS to a port with only a UDP socket behind it: refused, named
OCF_RESKEY_probe_targets="tls:${KAM_IP}:5066" OCF_CHECK_LEVEL=10 expect 1 monitor
echo "tls to a non-TLS port: $(reason)"
expect 0 stop
