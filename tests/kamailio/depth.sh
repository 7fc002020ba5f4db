#!/bin/sh
# Depth 10: OPTIONS to every listen socket, UDP and TCP, IPv4 and IPv6. Depth 20: REGISTER
# and un-REGISTER of the probe contact, without and with digest authentication.
. "$top_srcdir/tests/kamailio/lib.sh"
[ -e /proc/net/if_inet6 ] && ip -6 addr show dev lo 2>/dev/null | grep -q '::1' ||
	skip "no IPv6 on loopback"
export OCF_RESKEY_listen="udp:${KAM_IP}:5064 tcp:${KAM_IP}:5064 udp:[::1]:5064 tcp:[::1]:5064"
export OCF_RESKEY_sip_timeout=1s

start_ok
OCF_CHECK_LEVEL=10 expect 0 monitor
OCF_CHECK_LEVEL=20 expect 0 monitor
# repeated: the un-REGISTER of the previous round left nothing in the way
OCF_CHECK_LEVEL=20 expect 0 monitor
# a target where nobody answers: failure inside the budget, naming the socket
expect_probe_fails "udp:${KAM_IP}:5064 udp:${KAM_IP}:5069" "udp:${KAM_IP}:5069"
OCF_RESKEY_probe_targets="tcp:[::1]:5069" OCF_CHECK_LEVEL=10 expect 1 monitor
echo "reason: $(reason)"
case $(reason) in *"refused"*) ;; *) fail "reason: $(reason)" ;; esac
# a malformed target is a configuration error
OCF_RESKEY_probe_targets="udp:not-an-address" expect 6 validate-all
expect 0 stop

# with authentication: the right password passes, a wrong one is reported
export OCF_RESKEY_extra_options="-A WITH_AUTH -A AUTH_PW=\"s3cret\""
start_ok
OCF_RESKEY_register_password=s3cret OCF_CHECK_LEVEL=20 expect 0 monitor
OCF_RESKEY_register_password=wrong OCF_CHECK_LEVEL=20 expect 1 monitor
echo "reason: $(reason)"
case $(reason) in *REGISTER*40[13]*) ;; *) fail "reason: $(reason)" ;; esac
case $ERR in *wrong*) fail "password shown in the output" ;; esac
OCF_CHECK_LEVEL=20 expect 1 monitor
echo "reason without password: $(reason)"
expect 0 stop
echo "PASS: depth"
