# tests/net/fip_lib.sh: shared setup of the floatip network tests (sourced after tests/lib.sh).
# A bridge in its own namespace, and nodes A, B and a client C, each a namespace with eth0 on
# the bridge. Documentation addresses only: 192.0.2.0/24 and 2001:db8::/64.
need_root
need_cmd ip /usr/bin/time
ip netns list >/dev/null 2>&1 || skip "needs ip netns"

AGENT=${FIP_AGENT:-$top_builddir/agents/floatip}
[ -x "$AGENT" ] || skip "agent not built: $AGENT"
P=sfip$$
BR=$P-br A=$P-a B=$P-b C=$P-c
MAC_A=02:00:00:0f:00:0a MAC_B=02:00:00:0f:00:0b MAC_C=02:00:00:0f:00:0c
IP4=192.0.2.10 IP6=2001:db8::10

fip_cleanup() {
	local ns
	for ns in $A $B $C $BR; do ip netns del "$ns" 2>/dev/null; done
}
trap fip_cleanup EXIT

# node NS MAC V4 V6: a namespace with eth0 on the bridge, up, with its own addresses.
fip_node() {
	local ns=$1 mac=$2 v4=$3 v6=$4 n=${1##*-}
	ip netns add "$ns" || return 1
	ip -n "$BR" link add "p$n" type veth peer name eth0 netns "$ns" || return 1
	ip -n "$BR" link set "p$n" master br0 up
	ip -n "$ns" link set lo up
	ip -n "$ns" link set eth0 address "$mac" up
	ip -n "$ns" addr add "$v4/24" dev eth0
	ip -n "$ns" addr add "$v6/64" dev eth0 nodad
}

fip_setup() {
	ip netns add "$BR" || skip "cannot create namespaces"
	ip -n "$BR" link add br0 type bridge || skip "no bridge support"
	# forward at once: no STP listening delay
	ip -n "$BR" link set br0 type bridge forward_delay 0 stp_state 0
	ip -n "$BR" link set br0 up
	fip_node "$A" $MAC_A 192.0.2.1 2001:db8::1 &&
	fip_node "$B" $MAC_B 192.0.2.2 2001:db8::2 &&
	fip_node "$C" $MAC_C 192.0.2.3 2001:db8::3 || { echo "setup failed"; exit 1; }
}

# fip NS ACTION [KEY=VALUE...]: runs the agent in NS as Pacemaker would, parameters given as
# OCF_RESKEY_ names without the prefix (ip=..., nic=...) and other variables verbatim
# (OCF_CHECK_LEVEL=10). Output in $out, exit code returned.
fip() {
	local ns=$1 action=$2 kv env=()
	shift 2
	for kv; do
		case $kv in
		[A-Z]*=*) env+=("$kv");;
		*) env+=("OCF_RESKEY_$kv");;
		esac
	done
	ip netns exec "$ns" env -i PATH="$PATH" OCF_ROOT="$OCF_ROOT" \
		OCF_RESOURCE_INSTANCE=fip HA_LOGFACILITY=none CRM_meta_timeout=20000 \
		"${env[@]}" ${FIP_WRAP:-} "$AGENT" "$action"
}

# has_addr NS ADDR: the address is on some interface of NS.
has_addr() { ip -n "$1" -o addr show | grep -q " ${2}/"; }
# neigh_mac NS ADDR: the hardware address NS has cached for ADDR.
neigh_mac() { ip -n "$1" neigh show "$2" | sed -n 's/.* lladdr \([0-9a-f:]*\).*/\1/p'; }
