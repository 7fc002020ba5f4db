#!/bin/bash
# Many monitors of ocf:sipha:kamailio against one running Kamailio, each run its own process
# as under Pacemaker's executor (tests/stress/monitor_loop): every one answers 0, and nothing
# grows that a monitor could leave behind or cost Kamailio: the per-run peak RSS, Kamailio's
# open descriptors (an RPC connection or reply socket not closed) and processes, its shm and
# fullest pkg pool (tests/stress/kam_memstat, an RPC request that leaks inside Kamailio), the
# files in the agent's state and runtime dirs, the attributes it publishes. Every K-th run
# under valgrind. MONITORS_N runs (tests/stress/monitors-lib.sh).
. "$top_srcdir/tests/kamailio/lib.sh"
. "$top_srcdir/tests/stress/monitors-lib.sh"
MEMSTAT=$top_builddir/tests/stress/kam_memstat
export OCF_RESKEY_listen="udp:${KAM_IP}:5068 tcp:${KAM_IP}:5068"
# Kamailio's shm and pkg may move by this much (bytes) between the two samples: its timers
# and the RPC process allocate and free on their own. A leak of 100 bytes per monitor over
# 2000 runs is 200 kB.
MEM_TOL=${MONITORS_MEM_TOL:-65536}
FD_TOL=${MONITORS_FD_TOL:-2}

monitors_setup "$AGENT"
self_check_rss

start_ok
# the steady state: the first monitors pass the sync gate (its file), start the trend and
# the attributes; Kamailio's RPC process allocates what it keeps on its first requests
line=$("$LOOP" -n 20 -t 60 -e "$T/loop.err" "$AGENT" monitor)
loop_figures "$line"
[ "$bad" = 0 ] || { cat "$T/loop.err"; fail "warm-up monitors failed: $line"; }

# fds of every process of Kamailio's session, its processes, its memory, the dirs' files
kam_fds() {
	local p n=0
	for p in $(session_pids "$KAM_SID"); do
		n=$(( n + $(ls "/proc/$p/fd" 2>/dev/null | wc -l) ))
	done
	echo $n
}
kam_mem() { "$MEMSTAT" "$OCF_RESKEY_runtime_dir/kamailio_rpc.sock" "$OCF_RESKEY_runtime_dir"; }
mem_field() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
attr_names() { awk '{ print $1 }' "$T/attrs" 2>/dev/null | sort -u | tr '\n' ' '; }

fds0=$(kam_fds)
procs0=$(session_pids "$KAM_SID" | wc -l)
mem0=$(kam_mem) || fail "no memory figures from Kamailio"
state0=$(ls -A "$HA_RSCTMP/sipha")
run0=$(ls -A "$OCF_RESKEY_runtime_dir")
attrs0=$(attr_names)
echo "# before: fds $fds0, processes $procs0, $mem0"
echo "# state files: $(echo $state0)"

line=$("$LOOP" $(loop_args) -e "$T/loop.err" "$AGENT" monitor)
check_loop "$line" "kamailio monitor"

fds1=$(kam_fds)
procs1=$(session_pids "$KAM_SID" | wc -l)
mem1=$(kam_mem) || fail "no memory figures from Kamailio after the run"
echo "# after: fds $fds1, processes $procs1, $mem1"
check "Kamailio's fds: $fds0 before, $fds1 after (tolerance $FD_TOL)" \
	[ "$fds1" -le $(( fds0 + FD_TOL )) ]
check "Kamailio's processes: $procs0 before, $procs1 after" [ "$procs1" = "$procs0" ]
for f in shm_used pkg_worst_real_used; do
	b=$(mem_field "$mem0" $f) a=$(mem_field "$mem1" $f)
	check "Kamailio's $f: $b before, $a after (+$(( a - b )), tolerance $MEM_TOL)" \
		[ "$a" -le $(( b + MEM_TOL )) ]
done
state1=$(ls -A "$HA_RSCTMP/sipha")
check "state dir: the same files ($(echo $state0 | wc -w))" [ "$state1" = "$state0" ]
run1=$(ls -A "$OCF_RESKEY_runtime_dir")
check "runtime dir: the same files (no reply socket left)" [ "$run1" = "$run0" ]
[ "$run1" = "$run0" ] || echo "# runtime dir now: $(echo $run1)"
check "attributes: the same names ($attrs0)" [ "$(attr_names)" = "$attrs0" ]
# the checks above can fail: TCP connections held open cost Kamailio descriptors and shm,
# as connections a monitor did not close would
held=()
for i in $(seq 16); do exec {fd}<>"/dev/tcp/$KAM_IP/5068" && held+=("$fd"); done
sleep 1
fds2=$(kam_fds)
mem2=$(kam_mem)
echo "# with ${#held[@]} TCP connections held: fds $fds2, $mem2"
check "the fd check sees ${#held[@]} held connections ($fds1 -> $fds2)" \
	[ "$fds2" -gt $(( fds1 + FD_TOL )) ]
b=$(mem_field "$mem1" shm_used) a=$(mem_field "$mem2" shm_used)
check "the shm check sees them (+$(( a - b )))" [ "$a" -gt $(( b + MEM_TOL )) ]
for fd in "${held[@]}"; do exec {fd}>&-; done

samples=$(wc -l < "$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.shm.samples")
check "trend samples bounded: $samples" [ "$samples" -le 512 ]

expect 0 stop
finish
