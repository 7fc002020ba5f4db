#!/bin/sh
# tests/net/sip-load.sh: tests/net/sip_load against a real Kamailio on loopback (port 5076, in a
# network namespace of its own when it can): every transaction answered when Kamailio serves
# (failed=0, small gap); Kamailio stopped (SIGSTOP) for 1 s mid-run: failed > 0, the longest gap
# about 1 s and the failures inside the pause; nobody listening: every transaction failed;
# out-of-bounds options refused (exit 2).
. "$(dirname "$0")/sip_lib.sh"
LOAD=$top_builddir/tests/net/sip_load
[ -x "$LOAD" ] || skip "no $LOAD"
PORT=5076
CLOSED=5079

# field NAME LINE: the value of NAME=... in a summary line.
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
now_ms() { date +%s%3N; }

kam_start load "$PORT" -l "udp:127.0.0.1:$PORT" -n 2 -m 32 -M 8

# 1. Kamailio serves: everything answered.
out=$("$LOAD" -d 3 -r 200 -n 50 -t 1000 "udp:127.0.0.1:$PORT")
echo "serving: $out"
sent=$(field sent "$out")
[ "$(field failed "$out")" = 0 ] || fail "serving: failed transactions: $out"
[ "$(field answered "$out")" = "$sent" ] || fail "serving: not every transaction answered"
[ "$sent" -ge 560 ] && [ "$sent" -le 601 ] || fail "serving: sent $sent at 200/s for 3 s"
[ "$(field max_gap_ms "$out")" -lt 300 ] || fail "serving: gap $(field max_gap_ms "$out") ms"
[ "$(field first_fail "$out")" = 0 ] || fail "serving: a first failure time without failures"

# 2. Kamailio paused for 1 s in the middle of a run (its processes SIGSTOPped): requests sent
# during the pause whose 300 ms timeout ends before it do fail; the gap is about the pause.
"$LOAD" -d 4 -r 200 -n 50 -t 300 "udp:127.0.0.1:$PORT" >"$dir/pause.out" &
load_pid=$!
sleep 1.5
kids=$(pgrep -P "$kam_pid" | tr '\n' ' ')
t_stop=$(now_ms)
# shellcheck disable=SC2086
kill -STOP "$kam_pid" $kids
sleep 1
# shellcheck disable=SC2086
kill -CONT "$kam_pid" $kids
t_cont=$(now_ms)
wait "$load_pid" || fail "paused: sip_load exit status $?"
out=$(cat "$dir/pause.out")
echo "paused $((t_cont - t_stop)) ms: $out"
failed=$(field failed "$out") gap=$(field max_gap_ms "$out")
ff=$(field first_fail "$out") lf=$(field last_fail "$out")
[ "$failed" -gt 0 ] || fail "paused: no failed transaction"
# 200/s over the ~0.7 s of the pause whose timeouts end inside it: about 140.
[ "$failed" -ge 80 ] && [ "$failed" -le 260 ] || fail "paused: $failed failed, want about 140"
[ "$gap" -ge 800 ] && [ "$gap" -le 1500 ] || fail "paused: longest gap $gap ms, want about 1000"
[ "$ff" -ge $((t_stop - 100)) ] && [ "$lf" -le $((t_cont + 100)) ] ||
	fail "paused: failures from $ff to $lf, outside the pause $t_stop..$t_cont"
[ "$(field answered "$out")" -lt "$(field sent "$out")" ] || fail "paused: all answered"

# 3. Nobody listens: every transaction fails (ICMP errors do not end the run early).
out=$("$LOAD" -d 1 -r 20 -n 5 -t 200 "udp:127.0.0.1:$CLOSED")
echo "closed port: $out"
[ "$(field failed "$out")" = "$(field sent "$out")" ] && [ "$(field sent "$out")" -ge 18 ] ||
	fail "closed port: not every transaction failed: $out"
[ "$(field max_gap_ms "$out")" = -1 ] || fail "closed port: a gap without answers"

# 4. Bounds: duration, rate, phones, timeout, transport.
for args in "-d 601 -r 10 -n 1" "-d 1 -r 2001 -n 1" "-d 1 -r 10 -n 0" "-d 1 -r 10 -n 1 -t 50" \
	"-d 0 -r 10 -n 1" "-d 1 -r 10 -n 1 tcp:127.0.0.1:$PORT"; do
	# shellcheck disable=SC2086
	case $args in *tcp:*) "$LOAD" $args >/dev/null 2>&1 ;;
	*) "$LOAD" $args "udp:127.0.0.1:$PORT" >/dev/null 2>&1 ;; esac
	rc=$?
	[ "$rc" = 2 ] || fail "sip_load $args: exit $rc, want 2"
done

[ $fails -eq 0 ] || { tail -20 "$dir/load.log"; exit 1; }
echo "sip_load: counts failures and gaps as the server behaves"
exit 0
