#!/bin/bash
# bench/leak-bench.sh: leak-detection lead time, ocf:sipha:kamailio against the stock
# ocf:heartbeat:kamailio, in one run. The first outage is reproduced twice on the same
# configuration and pool (tests/kamailio/exhaust-lib.sh, as tests/kamailio/outage.sh): REGISTER
# bindings fill Kamailio's shared memory until it answers 5xx; after each load step the agent's
# recurring monitor runs as Pacemaker would. Printed for each agent: how long before the first
# 5xx it first warned (sipha: yellow with a predicted exhaustion; the stock agent has no
# warning), when its monitor first failed, in seconds from the first 5xx (negative: before it),
# or that it never did within KAM_OUTAGE_AFTER_5XX steps after the first 5xx. The figures are
# as fine as a step (about a second): each monitor runs after a step, as often as the load moves.
# Not a test: no assertion on the figures.
#   top_builddir=BUILD_DIR top_srcdir=SRC_DIR bench/leak-bench.sh
#   env: KAM_OUTAGE_SHM (MB, 8), KAM_OUTAGE_STEP (bindings per step, 250), KAM_OUTAGE_AFTER_5XX
#   (4), BENCH_ROWS=FILE (rows for bench/run, bench/rows.sh)
# Root, Debian's kamailio, sipsak (for the stock agent); loopback only (a random 127/8 address,
# and 127.0.0.1 on a random port: the stock agent always listens there too).
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${top_builddir:?set top_builddir}"
top_srcdir=${top_srcdir:-$(dirname "$here")}
export top_srcdir top_builddir
. "$here/rows.sh"
. "$top_srcdir/tests/kamailio/lib.sh"
export KAM_OUTAGE_AFTER_5XX=${KAM_OUTAGE_AFTER_5XX:-4}
. "$top_srcdir/tests/kamailio/exhaust-lib.sh"
STOCK=${STOCK:-/usr/lib/ocf/resource.d/heartbeat/kamailio}
[ -x "$STOCK" ] || skip "no $STOCK (package resource-agents)"
command -v sipsak >/dev/null || skip "no sipsak (the stock agent's monitor needs it)"
SHM=${KAM_OUTAGE_SHM:-8}
PORT=$((15060 + $$ % 900))
export OCF_RESKEY_trend_window=10min OCF_RESKEY_trend_min_samples=3

# --- ocf:sipha:kamailio, as tests/kamailio/outage.sh runs it
sipha_check() {
	run monitor
	h=$(attr sipha-health) ex=$(attr sipha-shm-exhaust-s)
	echo "sipha step $1 t=${2}ms regs=$3 5xx=$4 monitor=$RC health=$h exhaust_s=$ex"
	[ "$RC" = 1 ] && [ "$h" = red ] && return 2
	[ "$RC" = 190 ] && [ "$ex" != none ] && return 1
	return 0
}
echo "== ocf:sipha:kamailio ($AGENT), shm ${SHM} MB, $EX_STEP bindings per step"
export OCF_RESKEY_listen="udp:$KAM_IP:$PORT tcp:$KAM_IP:$PORT" OCF_RESKEY_shmem=$SHM
start_ok
exhaust_run "udp:$KAM_IP:$PORT" s sipha_check
run monitor
echo "sipha monitor after the run: rc=$RC $(reason)"
# "-" for what did not happen: the fields are read back by position
S_RES="${EX_FIRST_5XX:--} ${EX_AT_5XX:--} ${EX_FIRST_WARN:--} ${EX_EARLY_FAIL:-${EX_FIRST_FAIL:--}} $RC"
run stop
unset OCF_RESKEY_listen

# --- ocf:heartbeat:kamailio, as bench/kamailio-vs-heartbeat.sh runs it (sipsak OPTIONS over
# TCP and UDP, kamctl left out: its check needs a FIFO in /run/kamailio), same pool
mkdir -p "$T/hb"
STOCK_ENV=(OCF_RESKEY_conffile="$OCF_RESKEY_conffile" OCF_RESKEY_pidfile="$T/hb/kamailio.pid"
	OCF_RESKEY_listen_address="$KAM_IP" OCF_RESKEY_monitoring_ip="$KAM_IP" OCF_RESKEY_port="$PORT"
	OCF_RESKEY_proto=udptcp OCF_RESKEY_kamctlrc= OCF_RESKEY_extra_options="-Y $T/hb -m $SHM -M 4")
# bounded as the executor bounds it: a monitor that hangs is a failed one
stock() { timeout 30 env "${STOCK_ENV[@]}" "$STOCK" "$@"; }
EXTRA_CLEANUP='stock stop >/dev/null 2>&1'
stock_check() {
	stock monitor >/dev/null 2>"$T/stock.err"
	SRC=$?
	echo "stock step $1 t=${2}ms regs=$3 5xx=$4 monitor=$SRC$([ "$SRC" = 0 ] ||
		echo ": $(grep -v '^ *$' "$T/stock.err" | tail -1)")"
	[ "$SRC" = 0 ] && return 0
	return 2
}
echo "== ocf:heartbeat:kamailio ($STOCK), port $PORT"
stock start >"$T/stock-start.log" 2>&1 || { cat "$T/stock-start.log"; fail "stock start failed"; }
exhaust_run "udp:$KAM_IP:$PORT" h stock_check
stock monitor >/dev/null 2>&1
hrc=$?
echo "stock monitor after the run: rc=$hrc"
H_RES="${EX_FIRST_5XX:--} ${EX_AT_5XX:--} ${EX_EARLY_FAIL:-${EX_FIRST_FAIL:--}} $hrc"
stock stop >/dev/null 2>&1

# --- figures
read -r s5xx sat swarn sfail src <<<"$S_RES"
read -r h5xx hat hfail hrc <<<"$H_RES"
# lead: seconds between the first warning and the first 5xx; none without a warning before it
lead() { if [ "$2" != - ] && [ "$2" -lt "$1" ]; then ex_seconds $(($1 - $2)); else echo none; fi; }
# after: seconds from the first 5xx to the first failed monitor (negative: before); never within the run
after() { if [ "$2" != - ]; then ex_seconds $(($2 - $1)); else echo never; fi; }
[ "$s5xx" != - ] && [ "$h5xx" != - ] || fail "no 5xx in one of the runs (pool too large?)"
echo
printf '%-44s %14s %14s\n' "" "sipha" "heartbeat"
printf '%-44s %14s %14s\n' "registrations before the first 5xx" "$sat" "$hat"
printf '%-44s %14s %14s\n' "warning before the first 5xx (lead, s)" "$(lead "$s5xx" "$swarn")" none
printf '%-44s %14s %14s\n' "monitor failed, s from the first 5xx" "$(after "$s5xx" "$sfail")" \
	"$(after "$h5xx" "$hfail")"
printf '%-44s %14s %14s\n' "monitor rc after the run (0 = running)" "$src" "$hrc"
HB=ocf:heartbeat:kamailio
bench_row "leak: warning before the first 5xx (lead time)" s "$(lead "$s5xx" "$swarn")" none "$HB"
bench_row "leak: first failed monitor, from the first 5xx" s "$(after "$s5xx" "$sfail")" \
	"$(after "$h5xx" "$hfail")" "$HB"
bench_row "leak: monitor exit code after the outage" rc "$src" "$hrc" "$HB"
bench_row "leak: registrations before the first 5xx" count "$sat" "$hat" "$HB"
