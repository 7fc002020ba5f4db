#!/bin/sh
# tests/net/sip-kamailio.sh: lib/sip/sip.h against a real Kamailio (Debian's /usr/sbin/kamailio)
# on loopback, through tests/net/sip_probe: OPTIONS over UDP/TCP/TLS, IPv4/IPv6; REGISTER without
# and with digest auth, un-REGISTER; bounded failure on a closed port.
# Ports 5070-5079 on 127.0.0.1 and ::1 only (other areas use 5060-5069), in a network namespace
# of its own when it can create one.
. "$(dirname "$0")/sip_lib.sh"

PLAIN=5071	# instance without authentication
AUTH=5072	# instance with -A WITH_AUTH
CLOSED=5079	# nobody listens here

checks=0

# start NAME PORT [kamailio args]: one instance listening on udp+tcp, v4+v6.
start() {
	name=$1 port=$2
	shift 2
	kam_start "$name" "$port" "$@" \
		-l "udp:127.0.0.1:$port" -l "tcp:127.0.0.1:$port" \
		-l "udp:[::1]:$port" -l "tcp:[::1]:$port" -n 1 -m 16 -M 8
}

# expect WANT_CODE DESCRIPTION PROBE-ARGS...: the reply code must be WANT_CODE.
expect() {
	want=$1 what=$2
	shift 2
	checks=$((checks + 1))
	out=$("$PROBE" "$@" 2>&1)
	code=${out%% *}
	echo "$what: $out"
	[ "$code" = "$want" ] || fail "$what: want $want, got: $out"
}

# field NAME: value of NAME=... in the last $out
field() {
	echo "$out" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

start plain $PLAIN
start auth $AUTH -A WITH_AUTH

for tr in udp tcp; do
	for host in 127.0.0.1 '[::1]'; do
		expect 200 "OPTIONS $tr:$host" -t 2000 options "$tr:$host:$PLAIN"
		[ "$(field sent)" = 1 ] || fail "OPTIONS $tr:$host needed retransmissions"
		expect 200 "OPTIONS $tr:$host (auth instance)" -t 2000 options "$tr:$host:$AUTH"
	done
done
echo "$out" | grep -q 'server=sipha-test kamailio' || fail "Server header not seen: $out"

# REGISTER without auth, then un-REGISTER; the registrar lists the AOR's bindings in its 200.
for t in "udp:127.0.0.1:$PLAIN" "tcp:[::1]:$PLAIN"; do
	expect 200 "REGISTER $t" -t 2000 -e 60 -c probe register "$t" alice
	[ "$(field expires)" = 60 ] || fail "REGISTER $t: expires not 60: $out"
	[ "$(field contacts)" = 1 ] || fail "REGISTER $t: one binding expected: $out"
	[ "$(field challenged)" = 0 ] || fail "REGISTER $t: challenged without auth: $out"
	# a second REGISTER from a new socket (new port) refreshes the same binding
	expect 200 "REGISTER again $t" -t 2000 -e 120 -c probe register "$t" alice
	[ "$(field contacts)" = 1 ] || fail "REGISTER again $t: binding duplicated: $out"
	[ "$(field expires)" = 120 ] || fail "REGISTER again $t: expires not 120: $out"
	expect 200 "un-REGISTER $t" -t 2000 -e 0 -c probe register "$t" alice
	[ "$(field contacts)" = 0 ] || fail "un-REGISTER $t: binding left: $out"
	[ "$(field expires)" = -1 ] || fail "un-REGISTER $t: contact still listed: $out"
done

# With auth: no password -> 401, wrong -> 403 (or 401), right -> 200, un-REGISTER -> 200.
expect 401 "REGISTER no password" -t 2000 register "udp:127.0.0.1:$AUTH" bob
checks=$((checks + 1))
out=$("$PROBE" -t 2000 -p wrong register "udp:127.0.0.1:$AUTH" bob 2>&1)
echo "REGISTER wrong password: $out"
case "${out%% *}" in
401 | 403) [ "$(field challenged)" = 1 ] || fail "wrong password: not answered: $out" ;;
*) fail "REGISTER wrong password: want 401/403, got: $out" ;;
esac
for t in "udp:127.0.0.1:$AUTH" "tcp:127.0.0.1:$AUTH" "udp:[::1]:$AUTH" "tcp:[::1]:$AUTH"; do
	expect 200 "REGISTER right password $t" -t 2000 -p secret -c probe register "$t" bob
	[ "$(field challenged)" = 1 ] || fail "REGISTER $t: no challenge answered: $out"
	[ "$(field sent)" = 2 ] || fail "REGISTER $t: want 2 requests: $out"
	[ "$(field contacts)" = 1 ] || fail "REGISTER $t: want 1 binding: $out"
	expect 200 "un-REGISTER $t" -t 2000 -p secret -e 0 -c probe register "$t" bob
	[ "$(field contacts)" = 0 ] || fail "un-REGISTER $t: binding left: $out"
done
expect 200 "REGISTER with domain" -t 2000 -p secret -d example.org -e 30 \
	register "udp:127.0.0.1:$AUTH" carol

# Many distinct users (bounded: 200 requests, 2 s each at most).
checks=$((checks + 1))
t0=$(date +%s%N)
out=$("$PROBE" -t 2000 -n 200 -e 30 register "udp:127.0.0.1:$PLAIN" load 2>&1)
rc=$?
t1=$(date +%s%N)
echo "200 REGISTERs of distinct users in $(((t1 - t0) / 1000000)) ms: $(echo "$out" | tr '\n' ' ')"
[ $rc = 0 ] && [ "$out" = "200 200" ] || fail "load: want 200 x 200, got: $out"

# A closed port: refused (or timed out) within the deadline, never later.
for tr in udp tcp; do
	for host in 127.0.0.1 '[::1]'; do
		checks=$((checks + 1))
		t0=$(date +%s%N)
		out=$("$PROBE" -t 1000 options "$tr:$host:$CLOSED" 2>&1)
		t1=$(date +%s%N)
		ms=$(((t1 - t0) / 1000000))
		echo "OPTIONS closed $tr:$host: $out (${ms} ms wall)"
		case "$out" in
		"error: ECONNREFUSED"* | "error: ETIMEDOUT"*) ;;
		*) fail "closed $tr:$host: want refused or timeout, got: $out" ;;
		esac
		[ $ms -le 1500 ] || fail "closed $tr:$host: took $ms ms for a 1000 ms budget"
	done
done

# TLS: a third instance with TLS sockets on IPv4 and IPv6 (tests/kamailio/tls-setup.sh makes a
# throwaway certificate). OPTIONS, REGISTER and un-REGISTER over TLS; TLS against a plain TCP
# SIP port fails within its budget.
TLS_UDP=5073	# ready check
TLS=5075
mkdir -p "$dir/tlscert"
tls_setup=$(sh "$top_srcdir/tests/kamailio/tls-setup.sh" "$dir/tlscert")
tls_rc=$?
printf '%s\n' "$tls_setup"
case $tls_rc in
0)
	kam_start tls $TLS_UDP -A WITH_TLS -A "TLS_CFG=\"$dir/tlscert/tls.cfg\"" \
		-l "udp:127.0.0.1:$TLS_UDP" -l "tls:127.0.0.1:$TLS" -l "tls:[::1]:$TLS" -n 1 -m 16 -M 8
	for host in 127.0.0.1 '[::1]'; do
		t=tls:$host:$TLS
		expect 200 "OPTIONS $t" -t 2000 options "$t"
		expect 200 "REGISTER $t" -t 2000 -e 60 -c probe register "$t" dave
		[ "$(field expires)" = 60 ] || fail "REGISTER $t: expires=$(field expires), want 60"
		expect 200 "un-REGISTER $t" -t 2000 -e 0 -c probe register "$t" dave
	done
	t0=$(date +%s%N)
	out=$("$PROBE" -t 1000 options "tls:127.0.0.1:$PLAIN" 2>&1)
	ms=$((($(date +%s%N) - t0) / 1000000))
	echo "OPTIONS tls to a plain TCP port: $out (${ms} ms wall)"
	checks=$((checks + 1))
	case "$out" in
	"error: EPROTO"* | "error: ECONNRESET"* | "error: ETIMEDOUT"*) ;;
	*) fail "tls to a plain TCP port: want a TLS failure, got: $out" ;;
	esac
	[ $ms -le 1500 ] || fail "tls to a plain TCP port: took $ms ms for a 1000 ms budget"
	;;
77) skip_part "TLS part: $(printf '%s\n' "$tls_setup" | sed -n 's/^SKIP: //p')" ;;
*) fail "TLS setup" ;;
esac

# Both servers still alive after all that.
for p in $kam_pids; do
	kill -0 "$p" 2>/dev/null || fail "kamailio $p died"
done
if [ $fails -gt 0 ]; then
	echo "--- plain log"; tail -30 "$dir/plain.log"
	echo "--- auth log"; tail -30 "$dir/auth.log"
	[ -f "$dir/tls.log" ] && { echo "--- tls log"; tail -30 "$dir/tls.log"; }
	echo "$fails of $checks checks failed"
	exit 1
fi
echo "all $checks checks passed"
exit 0
