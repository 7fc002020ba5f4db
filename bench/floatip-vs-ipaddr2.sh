#!/bin/bash
# Benchmark (not a test): ocf:sipha:floatip against ocf:heartbeat:IPaddr2 in one run, on the
# same namespace setup (tests/net/fip_lib.sh: a bridge, nodes on veths, documentation
# addresses). Prints median wall time of monitor/start/stop as whole processes (timed inside the
# node's namespace, so `ip netns exec` is not counted), processes exec'd per operation
# (strace -f, successful execve, the agent's own exec not counted), peak RSS of the largest
# process (GNU time), and the ratios. Needs root.
#   usage: bench/floatip-vs-ipaddr2.sh [BUILD_DIR]   (env: RUNS_MON=30 RUNS_START=8;
#          BENCH_ROWS=FILE: rows for bench/run, bench/rows.sh)
set -u
here=$(cd "$(dirname "$0")" && pwd)
top_srcdir=${top_srcdir:-$(dirname "$here")}
top_builddir=${1:-${top_builddir:-$(pwd)}}
export top_srcdir top_builddir
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/net/fip_lib.sh"
. "$here/rows.sh"
need_cmd strace /usr/bin/time
IPADDR2=${IPADDR2:-$OCF_ROOT/resource.d/heartbeat/IPaddr2}
[ -x "$IPADDR2" ] || skip "no IPaddr2 at $IPADDR2 (package resource-agents)"
RUNS_MON=${RUNS_MON:-30}
RUNS_START=${RUNS_START:-8}
fip_setup

# The measuring side runs inside node A: one process per operation, as lrmd runs them.
inner='
set -u
agent=$1 what=$2 runs=$3 ip=$4 prefix=$5
export PATH OCF_ROOT=$OCF_ROOT OCF_RESOURCE_INSTANCE=bench HA_LOGFACILITY=none \
	HA_RSCTMP=/run/resource-agents CRM_meta_timeout=20000 OCF_RESKEY_ip=$ip \
	OCF_RESKEY_cidr_netmask=$prefix OCF_RESKEY_nic=eth0
mkdir -p /run/resource-agents
us() { local t0=${EPOCHREALTIME/[.,]/} t1 rc; "$@" >/dev/null 2>&1; rc=$?; t1=${EPOCHREALTIME/[.,]/}; echo $((10#$t1 - 10#$t0)); return $rc; }
median() { sort -n | awk "{a[NR]=\$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}"; }
execs() { strace -f -qq -e trace=execve -e status=successful -o /tmp/sfip-bench.$$ "$@" >/dev/null 2>&1; echo $(( $(grep -c "execve(" /tmp/sfip-bench.$$) - 1 )); rm -f /tmp/sfip-bench.$$; }
rss() { /usr/bin/time -f "%M" -o /tmp/sfip-bench-rss.$$ "$@" >/dev/null 2>&1; cat /tmp/sfip-bench-rss.$$; rm -f /tmp/sfip-bench-rss.$$; }
fail() { echo "FAIL $*" >&2; exit 1; }
case $what in
monitor)
	"$agent" start >/dev/null 2>&1 || fail "$agent start"
	for i in $(seq "$runs"); do CRM_meta_interval=10000 us "$agent" monitor || fail "monitor rc $?"; done | median
	CRM_meta_interval=10000 execs "$agent" monitor
	CRM_meta_interval=10000 rss "$agent" monitor
	"$agent" stop >/dev/null 2>&1 ;;
startstop)
	: > /tmp/sfip-bench-start.$$; : > /tmp/sfip-bench-stop.$$
	for i in $(seq "$runs"); do
		us "$agent" start >> /tmp/sfip-bench-start.$$ || fail "start rc $?"
		us "$agent" stop >> /tmp/sfip-bench-stop.$$ || fail "stop rc $?"
	done
	median < /tmp/sfip-bench-start.$$; median < /tmp/sfip-bench-stop.$$
	rm -f /tmp/sfip-bench-start.$$ /tmp/sfip-bench-stop.$$
	execs "$agent" start; rss "$agent" stop >/dev/null
	execs "$agent" stop
	rss "$agent" start; rss "$agent" stop ;;
esac
'
measure() {	# AGENT WHAT RUNS IP PREFIX -> lines of numbers
	ip netns exec $A env -i PATH="$PATH" OCF_ROOT="$OCF_ROOT" bash -c "$inner" bench "$@"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1fx", b / a; else print "-" }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.1f", u / 1000 }'; }

echo "floatip: $AGENT"
echo "IPaddr2: $IPADDR2"
echo "runs: $RUNS_MON monitors, $RUNS_START start/stop pairs per agent and family; $(nproc) CPUs"
printf '\n%-14s %12s %12s %10s\n' "median wall" "floatip ms" "IPaddr2 ms" "IPaddr2/floatip"
declare -A R
for fam in 4 6; do
	if [ $fam = 4 ]; then ip=$IP4 prefix=24; else ip=$IP6 prefix=64; fi
	for ag in floatip IPaddr2; do
		bin=$AGENT; [ $ag = IPaddr2 ] && bin=$IPADDR2
		mapfile -t m < <(measure "$bin" monitor "$RUNS_MON" $ip $prefix) || exit 1
		mapfile -t s < <(measure "$bin" startstop "$RUNS_START" $ip $prefix) || exit 1
		[ ${#m[@]} = 3 ] && [ ${#s[@]} = 6 ] || { echo "measurement of $ag failed"; exit 1; }
		R[$ag,$fam,monitor]=${m[0]} R[$ag,$fam,monitor,exec]=${m[1]} R[$ag,$fam,monitor,rss]=${m[2]}
		R[$ag,$fam,start]=${s[0]} R[$ag,$fam,stop]=${s[1]}
		R[$ag,$fam,start,exec]=${s[2]} R[$ag,$fam,stop,exec]=${s[3]}
		R[$ag,$fam,start,rss]=${s[4]} R[$ag,$fam,stop,rss]=${s[5]}
	done
	for op in monitor start stop; do
		f=${R[floatip,$fam,$op]} i=${R[IPaddr2,$fam,$op]}
		printf '%-14s %12s %12s %10s\n' "IPv$fam $op" "$(ms $f)" "$(ms $i)" "$(ratio $f $i)"
	done
done
printf '\n%-14s %12s %12s\n' "execs per op" "floatip" "IPaddr2"
for fam in 4 6; do for op in monitor start stop; do
	printf '%-14s %12s %12s\n' "IPv$fam $op" "${R[floatip,$fam,$op,exec]}" "${R[IPaddr2,$fam,$op,exec]}"
done; done
printf '\n%-14s %12s %12s %10s\n' "peak RSS KB" "floatip" "IPaddr2" "IPaddr2/floatip"
for fam in 4 6; do for op in monitor start stop; do
	f=${R[floatip,$fam,$op,rss]} i=${R[IPaddr2,$fam,$op,rss]}
	printf '%-14s %12s %12s %10s\n' "IPv$fam $op" "$f" "$i" "$(ratio $f $i)"
done; done
for fam in 4 6; do for op in monitor start stop; do
	bench_row "floatip IPv$fam $op, median wall" ms "$(ms ${R[floatip,$fam,$op]})" \
		"$(ms ${R[IPaddr2,$fam,$op]})" ocf:heartbeat:IPaddr2
	bench_row "floatip IPv$fam $op, processes exec'd" count "${R[floatip,$fam,$op,exec]}" \
		"${R[IPaddr2,$fam,$op,exec]}" ocf:heartbeat:IPaddr2
	bench_row "floatip IPv$fam $op, peak RSS" kB "${R[floatip,$fam,$op,rss]}" \
		"${R[IPaddr2,$fam,$op,rss]}" ocf:heartbeat:IPaddr2
done; done
echo
echo "(IPaddr2 start returns before its send_arp/send_ua finish in the background; floatip's"
echo " start includes its conflict probe and all announcements.)"
