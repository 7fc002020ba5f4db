#!/bin/sh
# The node's own instance is what depth 10/20 probe, never the floating IP's holder. In a
# private network namespace ("this node", ip_nonlocal_bind on, as docs/kamailio.md says) the
# instance listens on the floating IP 192.0.2.10, which a second namespace ("the holder") has;
# the holder's Kamailio answers OPTIONS 200 and REGISTER 500, as a node in the shared-memory
# outage does.
#  - listen on the floating IP only: no target is local, so SIP is not probed: degraded (190,
#    Kamailio not restarted), the reason names the socket and asks for a loopback socket; the
#    holder's 500 never reaches this node's health (not red) at depth 20;
#  - the same with probe_targets naming the floating IP: still not probed;
#  - listen on the floating IP and loopback (the documented configuration): the loopback socket
#    is probed, depth 10 and 20 pass, and the floating IP socket is left out.
if [ -z "${SKAM_NETNS:-}" ]; then
	[ "$(id -u)" = 0 ] || { echo "SKIP: needs root"; exit 77; }
	command -v unshare >/dev/null && command -v ip >/dev/null ||
		{ echo "SKIP: needs unshare and ip"; exit 77; }
	SKAM_NETNS=1 exec unshare --net -- /bin/sh "$0" "$@"
fi
. "$top_srcdir/tests/kamailio/lib.sh"
HOLDER=skam-holder-$$
ip link set lo up || fail "lo up"
sysctl -qw net.ipv4.ip_nonlocal_bind=1 || fail "ip_nonlocal_bind"
ip netns add "$HOLDER" || fail "netns add"
EXTRA_CLEANUP='[ -n "${HOLDER_SID:-}" ] && for p in $(session_pids "$HOLDER_SID"); do kill -9 "$p"; done; ip netns del "$HOLDER"'
ip link add skam-a type veth peer name skam-b netns "$HOLDER" || fail "veth"
ip addr add 192.0.2.1/24 dev skam-a && ip link set skam-a up || fail "this node's address"
ip -n "$HOLDER" link set lo up && ip -n "$HOLDER" link set skam-b up &&
	ip -n "$HOLDER" addr add 192.0.2.2/24 dev skam-b &&
	ip -n "$HOLDER" addr add 192.0.2.10/24 dev skam-b || fail "holder's addresses"

# The holder: a Kamailio in the outage (OPTIONS 200, REGISTER 500), on the floating IP.
mkdir -p "$T/holder"
cat > "$T/holder.cfg" <<'EOC'
#!KAMAILIO
children=1
auto_aliases=no
dns=no
rev_dns=no
loadmodule "sl.so"
request_route {
	if (method == "OPTIONS") {
		sl_send_reply("200", "Holder Keepalive");
		exit;
	}
	sl_send_reply("500", "Holder Out Of Memory");
}
EOC
ip netns exec "$HOLDER" setsid "$KAMAILIO_BIN" -f "$T/holder.cfg" -l udp:192.0.2.10:5066 \
	-Y "$T/holder" -m 8 -M 4 -DD -E > "$T/holder.log" 2>&1 &
HOLDER_SID=$!
PROBE=$top_builddir/tests/net/sip_probe
for i in 1 2 3 4 5 6 7 8 9 10; do
	"$PROBE" -t 300 register udp:192.0.2.10:5066 u 2>/dev/null | grep -q '^500' && break
	[ "$i" = 10 ] && { cat "$T/holder.log"; fail "the holder does not answer 500"; }
	sleep 0.5
done
echo "ok: the holder answers REGISTER 500 on 192.0.2.10, seen from this node"

export OCF_RESKEY_sip_timeout=1s OCF_RESKEY_CRM_meta_timeout=10000
export OCF_RESKEY_listen="udp:192.0.2.10:5066"
start_ok
for depth in 20 10; do
	OCF_CHECK_LEVEL=$depth expect 190 monitor
	echo "depth $depth, listen on the floating IP only: $(reason)"
	case $(reason) in
	*"SIP not probed: udp:192.0.2.10:5066 is not local here; add a loopback listen socket"*) ;;
	*) fail "reason: $(reason)" ;;
	esac
	[ "$(attr sipha-health)" = green ] || fail "sipha-health=$(attr sipha-health) from the holder's 500"
done
OCF_RESKEY_probe_targets="udp:192.0.2.10:5066" OCF_CHECK_LEVEL=20 expect 190 monitor
case $(reason) in *"udp:192.0.2.10:5066 is not local here"*) ;; *) fail "reason: $(reason)" ;; esac
expect 0 stop

# the private namespace has 127.0.0.1:5066 to itself
export OCF_RESKEY_listen="udp:192.0.2.10:5066 udp:127.0.0.1:5066"
start_ok
OCF_CHECK_LEVEL=10 expect 0 monitor
OCF_CHECK_LEVEL=20 expect 0 monitor
[ "$(attr sipha-health)" = green ] || fail "sipha-health=$(attr sipha-health)"
echo "ok: floating IP and loopback: depth 10 and 20 probe this node's own instance only"
# A wildcard socket is probed on loopback.
OCF_RESKEY_probe_targets="udp:0.0.0.0:5066 udp:*:5066" OCF_CHECK_LEVEL=20 expect 0 monitor
expect 0 stop
echo "PASS: foreign"
