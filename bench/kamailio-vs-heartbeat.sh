#!/bin/bash
# bench/kamailio-vs-heartbeat.sh: monitor cost of ocf:sipha:kamailio against the stock
# ocf:heartbeat:kamailio, measured in the same run on the same Kamailio configuration: wall time
# of whole agent processes (as Pacemaker runs them), peak RSS, and processes executed per
# monitor. Prints figures and ratios; it is not a test.
#
#   top_builddir=BUILD_DIR top_srcdir=SRC_DIR bench/kamailio-vs-heartbeat.sh [RUNS]
#
# Needs root, Debian's kamailio, sipsak (for the stock agent), strace and GNU time. Uses
# 127.0.0.26:5069 (and, because the stock agent always adds it, 127.0.0.1:5069).
# BENCH_ROWS=FILE: rows for bench/run (bench/rows.sh).
set -u
. "$(cd "$(dirname "$0")" && pwd)/rows.sh"
RUNS=${1:-50}
: "${top_builddir:?set top_builddir}" "${top_srcdir:?set top_srcdir}"
AGENT=$top_builddir/agents/kamailio
STOCK=${STOCK:-/usr/lib/ocf/resource.d/heartbeat/kamailio}
for x in "$AGENT" /usr/sbin/kamailio "$STOCK" /usr/bin/time /usr/bin/strace; do
	[ -x "$x" ] || { echo "missing $x"; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "needs root"; exit 1; }

# State and runtime dirs on tmpfs, where they are in production (/run/resource-agents,
# /run/kamailio): on a disk file system the per-monitor state files cost journal writes.
T=$(mktemp -d /dev/shm/skam-bench-XXXXXX)
chmod 755 "$T"
mkdir -p "$T/rsc" "$T/hb"
trap cleanup EXIT INT TERM

CFG=$top_srcdir/tests/kamailio/sipha-kam.cfg
export HA_RSCTMP=$T/rsc OCF_ROOT=/usr/lib/ocf OCF_RESKEY_CRM_meta_interval=10000
export OCF_RESOURCE_INSTANCE=skam-bench
printf '#!/bin/sh\necho "$2 $4" >> %s/attrs\n' "$T" > "$T/attrd_updater"
chmod 755 "$T/attrd_updater"
export SIPHA_ATTRD_UPDATER=$T/attrd_updater
# Each agent's parameters, exported only while it is measured: no env(1) wrapper process in
# the timed runs.
SIPHA_ENV=(OCF_RESKEY_conffile="$CFG" OCF_RESKEY_runtime_dir="$T/run" OCF_RESKEY_shmem=16
	OCF_RESKEY_pkgmem=4 OCF_RESKEY_listen="udp:127.0.0.26:5069 tcp:127.0.0.26:5069"
	OCF_RESKEY_probe_targets="udp:127.0.0.26:5069 tcp:127.0.0.26:5069")
SIPHA=(env "${SIPHA_ENV[@]}" "$AGENT")
# the stock agent: kamctlrc empty (its kamctl check needs a FIFO in /run/kamailio), sipsak
# OPTIONS to sip:monitor@IP over UDP and TCP (our test config answers them)
STOCK_ENV=(OCF_RESKEY_conffile="$CFG" OCF_RESKEY_pidfile="$T/hb/kamailio.pid"
	OCF_RESKEY_listen_address=127.0.0.26 OCF_RESKEY_monitoring_ip=127.0.0.26
	OCF_RESKEY_port=5069 OCF_RESKEY_proto=udptcp OCF_RESKEY_kamctlrc=
	OCF_RESKEY_extra_options="-Y $T/hb -m 16 -M 4")
STOCK_CMD=(env "${STOCK_ENV[@]}" "$STOCK")
cleanup() {
	"${SIPHA[@]}" stop >/dev/null 2>&1
	"${STOCK_CMD[@]}" stop >/dev/null 2>&1
	rm -rf "$T"
}

# time_runs CMD...: RUNS whole-process runs, each forked, exec'd and waited for by a C program
# as Pacemaker's executor does (bench/spawntime: no shell between the timer and the agent).
# Sets MED_MS, P95_MS, CPU_MS (user + system per run) and LAST_RC.
SPAWNTIME=$top_builddir/bench/spawntime
[ -x "$SPAWNTIME" ] || { echo "missing $SPAWNTIME (make)"; exit 1; }
time_runs() {
	read -r MED_MS P95_MS CPU_MS LAST_RC < <("$SPAWNTIME" "$RUNS" "$@")
}
peak_rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
execs() { strace -f -qq -e trace=execve -o "$T/strace" "$@" >/dev/null 2>&1
	# successful execs only (execvp tries each PATH entry); not counted: the agent's own exec
	echo $(( $(grep 'execve(' "$T/strace" | grep -c ' = 0$') - 1 )); }

declare -A MED P95 RSS EXE RC CPU
measure() {	# NAME CMD...
	local name=$1
	shift
	time_runs "$@"
	MED[$name]=$MED_MS P95[$name]=$P95_MS RC[$name]=$LAST_RC CPU[$name]=$CPU_MS
	RSS[$name]=$(peak_rss "$@")
	EXE[$name]=$(execs "$@")
}

# The floor: an empty process, started the same way, on this machine now.
measure floor /bin/true

echo "== ocf:sipha:kamailio ($AGENT), $RUNS runs each"
"${SIPHA[@]}" start || { echo "sipha start failed"; exit 1; }
"${SIPHA[@]}" monitor >/dev/null 2>&1	# settle the attributes
for d in 0 10 20; do
	( export "${SIPHA_ENV[@]}" OCF_CHECK_LEVEL=$d
	  measure "sipha-$d" "$AGENT" monitor
	  declare -p MED P95 RSS EXE RC CPU > "$T/m-sipha-$d" )
	. "$T/m-sipha-$d"
done
"${SIPHA[@]}" stop

echo "== ocf:heartbeat:kamailio ($STOCK)"
"${STOCK_CMD[@]}" start > "$T/stock-start.log" 2>&1
echo "stock start: rc=$? $(grep -i err "$T/stock-start.log" | head -2)"
( export "${STOCK_ENV[@]}"
  measure stock "$STOCK" monitor
  declare -p MED P95 RSS EXE RC CPU > "$T/m-stock" )
. "$T/m-stock"
"${STOCK_CMD[@]}" stop >/dev/null 2>&1

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (wall times include waiting for a CPU)"
printf '\n%-12s %10s %10s %10s %12s %6s %4s\n' agent/depth "median ms" "p95 ms" "cpu ms/run" "peak RSS kB" execs rc
for n in floor sipha-0 sipha-10 sipha-20 stock; do
	printf '%-12s %10s %10s %10s %12s %6s %4s\n' "$n" "${MED[$n]}" "${P95[$n]}" "${CPU[$n]}" \
		"${RSS[$n]}" "${EXE[$n]}" "${RC[$n]}"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "n/a" }'; }
echo
echo "stock monitor / sipha depth 0 (median time): $(ratio "${MED[sipha-0]}" "${MED[stock]}")x"
echo "stock monitor / sipha depth 10 (median time): $(ratio "${MED[sipha-10]}" "${MED[stock]}")x"
echo "stock monitor / sipha depth 0 (median CPU time): $(ratio "${CPU[sipha-0]}" "${CPU[stock]}")x"
echo "stock / sipha depth 0 (peak RSS): $(ratio "${RSS[sipha-0]}" "${RSS[stock]}")x"
echo "processes executed per monitor: sipha depth 0: ${EXE[sipha-0]}, stock: ${EXE[stock]}"
echo "target: sipha depth 0 under 5 ms with zero exec: $(awk -v m="${MED[sipha-0]}" -v e="${EXE[sipha-0]}" 'BEGIN { print (m < 5 && e == 0) ? "met" : "NOT met" }')" \
	"(an empty process costs ${MED[floor]} ms here; sipha depth 0 above that floor:" \
	"$(awk -v a="${MED[sipha-0]}" -v b="${MED[floor]}" 'BEGIN { printf "%.2f", a - b }') ms)"
HB=ocf:heartbeat:kamailio
for d in 0 10 20; do
	bench_row "kamailio monitor depth $d, median wall" ms "${MED[sipha-$d]}" "${MED[stock]}" "$HB"
done
bench_row "kamailio monitor depth 0, p95 wall" ms "${P95[sipha-0]}" "${P95[stock]}" "$HB"
bench_row "kamailio monitor depth 0, CPU per run" ms "${CPU[sipha-0]}" "${CPU[stock]}" "$HB"
bench_row "kamailio monitor depth 0, peak RSS" kB "${RSS[sipha-0]}" "${RSS[stock]}" "$HB"
bench_row "kamailio monitor depth 0, processes exec'd" count "${EXE[sipha-0]}" "${EXE[stock]}" "$HB"
echo "note: the stock agent ran with kamctlrc empty (no 'kamctl monitor'), sipsak installed, and"
echo "      a config answering OPTIONS for user monitor; its monitor does no RPC and no health."
