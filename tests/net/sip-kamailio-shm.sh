#!/bin/sh
# tests/net/sip-kamailio-shm.sh: the outage the kamailio agent must see, as the SIP client sees
# it. A real Kamailio with a 4 MB shared memory pool (-m 4) is filled with REGISTER bindings of
# distinct users (bounded: at most 6000 requests in batches of 500); once full, REGISTER gets
# 500 while OPTIONS over UDP still gets 200 - the reason depth 10 alone misses it and depth 20
# (REGISTER) catches it. Loopback port 5074 only, in a network namespace of its own when it can.
. "$(dirname "$0")/sip_lib.sh"
PORT=5074

kam_start shm "$PORT" -l "udp:127.0.0.1:$PORT" -l "tcp:127.0.0.1:$PORT" -n 1 -m 4 -M 8

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
grep -q 'could not allocate shared memory' "$dir/shm.log" || fail "no shm allocation failure logged"

[ $fails -eq 0 ] || { tail -20 "$dir/shm.log"; exit 1; }
echo "the client sees the outage: REGISTER 500, OPTIONS/UDP 200"
exit 0
