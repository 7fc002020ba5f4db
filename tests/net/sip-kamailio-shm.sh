#!/bin/sh
# tests/net/sip-kamailio-shm.sh: the outage the kamailio agent must see, as the SIP client sees
# it. A real Kamailio with a 4 MB shared memory pool (-m 4) is filled with REGISTER bindings of
# distinct users (bounded: at most 6000 requests in batches of 500); once full, REGISTER gets
# 500 while OPTIONS over UDP still gets 200 - the reason depth 10 alone misses it and depth 20
# (REGISTER) catches it. Loopback port 5074 only, in a network namespace of its own when it can.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$(pwd)}"
KAMAILIO=${KAMAILIO:-/usr/sbin/kamailio}
PROBE=$top_builddir/tests/net/sip_probe
CFG=$top_srcdir/tests/kamailio/sipha-test.cfg
PORT=5074

[ -x "$KAMAILIO" ] || { echo "SKIP: no $KAMAILIO"; exit 77; }
[ -x "$PROBE" ] || { echo "SKIP: no $PROBE"; exit 77; }

# Run in a private network namespace (its own loopback): parallel builds running this test,
# and anything else on the host's ports, cannot collide with it. Without the privilege for
# that, fall back to the host's loopback.
if [ -z "${SSIP_IN_NETNS:-}" ] && unshare --net true 2>/dev/null; then
	export SSIP_IN_NETNS=1
	exec unshare --net sh "$0" "$@"
fi
if [ -n "${SSIP_IN_NETNS:-}" ]; then
	ip link set lo up || { echo "FAIL: cannot bring up lo in the test namespace"; exit 1; }
else
	echo "note: no private network namespace: using the host's loopback"
fi

dir=$(mktemp -d /tmp/ssip-shm.XXXXXX) || exit 1
pid=""
cleanup() {
	if [ -n "$pid" ]; then
		kill -TERM "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

"$KAMAILIO" -f "$CFG" -l "udp:127.0.0.1:$PORT" -l "tcp:127.0.0.1:$PORT" \
	-n 1 -m 4 -M 8 -Y "$dir" -P "$dir/kamailio.pid" -DD -E >"$dir/log" 2>&1 &
pid=$!
i=0
until "$PROBE" -t 200 options "udp:127.0.0.1:$PORT" >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -ge 40 ] || ! kill -0 "$pid" 2>/dev/null; then
		echo "FAIL: kamailio did not come up"
		tail -20 "$dir/log"
		exit 1
	fi
	sleep 0.25
done

fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

out=$("$PROBE" -t 2000 -e 3600 register "udp:127.0.0.1:$PORT" probe)
echo "before: REGISTER $out"
[ "${out%% *}" = 200 ] || fail "REGISTER before filling: $out"

ok=0 batch=0
while [ $batch -lt 12 ]; do
	res=$("$PROBE" -t 2000 -n 500 -e 3600 register "udp:127.0.0.1:$PORT" "fill${batch}_")
	batch=$((batch + 1))
	n200=$(echo "$res" | awk '$1 == 200 {print $2}')
	ok=$((ok + ${n200:-0}))
	echo "batch $batch: $(echo "$res" | tr '\n' ' ')"
	echo "$res" | grep -q '^500 ' && break
done
echo "bindings stored before the pool ran out: $ok"

out=$("$PROBE" -t 2000 -e 3600 register "udp:127.0.0.1:$PORT" probe2)
echo "after: REGISTER $out"
[ "${out%% *}" = 500 ] || fail "REGISTER with shm exhausted: want 500, got: $out"
out=$("$PROBE" -t 2000 options "udp:127.0.0.1:$PORT")
echo "after: OPTIONS udp $out"
[ "${out%% *}" = 200 ] || fail "OPTIONS udp with shm exhausted: want 200, got: $out"
# New TCP connections need shared memory too: whatever happens, it is reported in time.
out=$("$PROBE" -t 2000 options "tcp:127.0.0.1:$PORT")
echo "after: OPTIONS tcp $out"
grep -q 'could not allocate shared memory' "$dir/log" || fail "no shm allocation failure logged"

[ $fails -eq 0 ] || { tail -20 "$dir/log"; exit 1; }
echo "the client sees the outage: REGISTER 500, OPTIONS/UDP 200"
exit 0
