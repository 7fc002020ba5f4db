# tests/cluster/lib.sh: a real Corosync 3 + Pacemaker cluster on one machine, in namespaces.
# Sourced by cluster.sh, the cluster tests, bench/failover-bench.sh and tools/demo.sh.
#
# Layout (all names start with $SCL_NAME, default "scl"):
#   netns ${SCL_NAME}-br   the bridge "br0"; one veth end "nI" per node, "cl" for the client
#   netns ${SCL_NAME}-nI   node I: eth0 = 192.0.2.1I/24; its own mount (private), PID, UTS and
#                          IPC namespaces, whose PID 1 is node-init.sh (corosync + pacemakerd)
#   netns ${SCL_NAME}-cl   the client ("phones"): eth0 = 192.0.2.100/24
#   $SCL_STATE             per-node dirs bound over /var/lib/pacemaker, /etc/corosync, ...
# Nothing is created in the host's network namespace or on the host's file system outside
# $SCL_STATE. Only addresses from 192.0.2.0/24 are used.

SCL_NAME=${SCL_NAME:-scl}
SCL_STATE=${SCL_STATE:-/tmp/${SCL_NAME}-cluster}
SCL_NET=192.0.2
SCL_CLIENT_IP=$SCL_NET.100
SCL_VIP=${SCL_VIP:-$SCL_NET.50}
SCL_LIBDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$SCL_LIBDIR/../docs-block.sh"
# Corosync token (ms) and Pacemaker's DC dead time: short, for tests.
SCL_TOKEN=${SCL_TOKEN:-1000}
SCL_DC_DEADTIME=${SCL_DC_DEADTIME:-2s}

scl_log() { printf '%s [%s] %s\n' "$(date +%H:%M:%S.%3N)" "$SCL_NAME" "$*" >&2; }
# The last error is kept for scl_fail's one line (CI's summary shows FAIL lines, not the log).
scl_die() { SCL_LAST_ERR="$(date +%H:%M:%S) $*"; scl_log "error: $*"; return 1; }

# Monotonic-enough wall clock in ms (date is fine at the precision we print).
scl_now_ms() { date +%s%3N; }

# For the cluster tests (scripts without arguments): run one at a time; then scl_require.
# (Builds configured with --disable-cluster-tests do not list them at all: scripts/test.sh's
# sanitizer and distcheck passes, to stay within CI's time.)
scl_test_require() {
	if [ "$(id -u)" != 0 ]; then echo "SKIP: not root" >&2; exit 77; fi
	# One cluster at a time: two on two cores distort every timing. (The demo and the bench
	# take arguments and call scl_require directly.)
	. "$(dirname "${BASH_SOURCE[0]}")/../run-alone.sh"
	run_alone bash "$0"
	scl_require
}

# Exit 77 (skip) unless this process can build namespaces: root, unshare, nsenter, ip netns.
scl_require() {
	local t
	if [ "$(id -u)" != 0 ]; then echo "SKIP: not root" >&2; exit 77; fi
	for t in ip unshare nsenter corosync pacemakerd crm_mon cibadmin; do
		command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t missing" >&2; exit 77; }
	done
	if ! unshare -m -p -f -u -i --propagation private true 2>/dev/null; then
		echo "SKIP: unshare of mount/pid/uts/ipc namespaces impossible" >&2; exit 77
	fi
	ip netns del "${SCL_NAME}-probe" 2>/dev/null
	if ! ip netns add "${SCL_NAME}-probe" 2>/dev/null; then
		echo "SKIP: ip netns add impossible" >&2; exit 77
	fi
	ip netns del "${SCL_NAME}-probe"
}

scl_ns() { echo "${SCL_NAME}-n$1"; }
scl_ns_br() { echo "${SCL_NAME}-br"; }
scl_ns_cl() { echo "${SCL_NAME}-cl"; }
scl_node_ip() { echo "$SCL_NET.$((10 + $1))"; }
scl_node_name() { echo "node$1"; }
scl_nodes() { cat "$SCL_STATE/nodes" 2>/dev/null || echo 0; }

# Node index from "2", "n2", "node2" or "scl-n2".
scl_node_idx() {
	local a=${1##*-}
	a=${a#node}
	a=${a#n}
	case $a in
	[1-9]) echo "$a" ;;
	*) scl_die "no such node: $1" ;;
	esac
}

# Host PID of node I's PID 1 (node-init.sh), empty when the node is down.
scl_node_pid() {
	local f=$SCL_STATE/n$1/pid p
	[ -r "$f" ] || return 0
	p=$(cat "$f")
	# The PID may have been reused: check it is still PID 1 of a child PID namespace.
	if [ -n "$p" ] && grep -qE '^NSpid:[[:space:]]+'"$p"'[[:space:]]+1$' "/proc/$p/status" 2>/dev/null; then
		echo "$p"
	fi
}

# Run a command inside node I: its net, mount, PID, UTS and IPC namespaces. -r -w: entering a
# mount namespace resets root and cwd to the namespace's own; inside a chroot that would be
# the host's / (its crm_mon, its /dev/shm), not the node's.
scl_exec() {
	local i=$1 p
	shift
	p=$(scl_node_pid "$i")
	[ -n "$p" ] || { scl_die "node $i is not running"; return 1; }
	# Tests bound every command (SCL_EXEC_TIMEOUT seconds); interactive use is unbounded.
	${SCL_EXEC_TIMEOUT:+timeout -k 2 "$SCL_EXEC_TIMEOUT"} \
		nsenter -t "$p" -n -m -p -u -i -r -w -- env PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}

# Run a command in the client namespace.
scl_client() { ip netns exec "$(scl_ns_cl)" "$@"; }

# Bounded wait: scl_wait SECONDS DESCRIPTION CMD... polls CMD every 0.2 s.
scl_wait() {
	local secs=$1 what=$2 end
	shift 2
	end=$(($(scl_now_ms) + secs * 1000))
	while [ "$(scl_now_ms)" -lt "$end" ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	scl_die "timed out after ${secs}s waiting for $what"
}

scl_corosync_conf() {
	local n=$1 i
	cat <<EOF
totem {
	version: 2
	cluster_name: ${SCL_NAME}
	transport: knet
	token: ${SCL_TOKEN}
	crypto_cipher: aes256
	crypto_hash: sha256
}
nodelist {
EOF
	for i in $(seq 1 "$n"); do
		printf '\tnode {\n\t\tring0_addr: %s\n\t\tname: %s\n\t\tnodeid: %d\n\t}\n' \
			"$(scl_node_ip "$i")" "$(scl_node_name "$i")" "$i"
	done
	cat <<EOF
}
quorum {
	provider: corosync_votequorum
$([ "$n" = 2 ] && printf '\ttwo_node: 1')
}
logging {
	to_logfile: yes
	logfile: /var/log/pacemaker/corosync.log
	to_syslog: no
	to_stderr: no
	timestamp: hires
}
EOF
}

# Initial CIB: the short DC dead time must be there before the first election.
scl_initial_cib() {
	cat <<EOF
<cib crm_feature_set="3.16.1" validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">
  <configuration>
    <crm_config>
      <cluster_property_set id="cib-bootstrap-options">
        <nvpair id="cib-bootstrap-options-dc-deadtime" name="dc-deadtime" value="${SCL_DC_DEADTIME}"/>
        <nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="false"/>
        <nvpair id="cib-bootstrap-options-cluster-recheck-interval" name="cluster-recheck-interval" value="1min"/>
      </cluster_property_set>
    </crm_config>
    <nodes/>
    <resources/>
    <constraints/>
  </configuration>
  <status/>
</cib>
EOF
}

# Copy of /usr/lib/ocf/resource.d with the agents under test as provider "sipha". The
# node's init binds it over /usr/lib/ocf/resource.d inside its private mount namespace and
# binds the stock providers (through the original, seen under the node's /run) onto the empty
# dirs made here.
scl_prepare_agents() {
	local src=$1 rd=$SCL_STATE/resource.d p f
	mkdir -p "$rd/sipha"
	for p in /usr/lib/ocf/resource.d/*; do
		[ "${p##*/}" = sipha ] && continue
		mkdir -p "$rd/${p##*/}"
	done
	[ -n "$src" ] || return 0
	[ -d "$src" ] || { scl_die "agents dir $src missing"; return 1; }
	for f in "$src"/*; do
		# Only agent executables: no objects, libtool dirs or scripts with extensions.
		case ${f##*/} in *.*) continue ;; esac
		[ -f "$f" ] && [ -x "$f" ] && cp "$f" "$rd/sipha/"
	done
	scl_log "agents under test: $(cd "$rd/sipha" && echo * | sed 's/^\*$/(none)/')"
}

# Per node (its own network namespace): Kamailio listens on the floating IP on every node, as
# in production, so non-local binds must be allowed.
scl_node_sysctl() { ip netns exec "$1" sysctl -qw net.ipv4.ip_nonlocal_bind=1; }

scl_setup_net() {
	local n=$1 i br cl ns
	br=$(scl_ns_br)
	cl=$(scl_ns_cl)
	ip netns add "$br"
	ip -n "$br" link set lo up
	ip -n "$br" link add br0 type bridge stp_state 0 forward_delay 0
	ip -n "$br" link set br0 up
	for i in $(seq 1 "$n") cl; do
		if [ "$i" = cl ]; then ns=$cl; else ns=$(scl_ns "$i"); fi
		ip netns add "$ns"
		ip -n "$ns" link set lo up
		# Both ends are created inside namespaces: the host's namespace never sees them.
		ip -n "$br" link add "n$i" type veth peer name eth0 netns "$ns"
		ip -n "$br" link set "n$i" master br0 up
		if [ "$i" = cl ]; then
			ip -n "$ns" addr add "$SCL_CLIENT_IP/24" dev eth0
		else
			ip -n "$ns" addr add "$(scl_node_ip "$i")/24" dev eth0
			scl_node_sysctl "$ns"
		fi
		ip -n "$ns" link set eth0 up
	done
}

scl_setup_node_dir() {
	local i=$1 n=$2 d=$SCL_STATE/n$1
	mkdir -p "$d/pacemaker/cib" "$d/pacemaker/pengine" "$d/pacemaker/blackbox" \
		"$d/pacemaker/cores" "$d/corosync-lib" "$d/corosync-etc/uidgid.d" "$d/log"
	scl_corosync_conf "$n" >"$d/corosync-etc/corosync.conf"
	install -m 0400 "$SCL_STATE/authkey" "$d/corosync-etc/authkey"
	scl_initial_cib >"$d/pacemaker/cib/cib.xml"
	chown -R hacluster:haclient "$d/pacemaker" "$d/log"
	chmod 0750 "$d/pacemaker"/*
	chmod 0770 "$d/log"
	chmod 0600 "$d/pacemaker/cib/cib.xml"
}

scl_start_node() {
	local i=$1 d=$SCL_STATE/n$1 ns p=
	ns=$(scl_ns "$i")
	# PID 1 of the node: its death (kill -9) takes every process of the node with it.
	ip netns exec "$ns" unshare -m --propagation private -p -f -u -i --mount-proc \
		bash "$SCL_LIBDIR/node-init.sh" "$d" "$(scl_node_name "$i")" "$SCL_STATE/resource.d" \
		</dev/null >"$d/init.log" 2>&1 &
	local end=$(($(scl_now_ms) + 5000))
	while [ -z "$p" ] && [ "$(scl_now_ms)" -lt "$end" ]; do
		for p in $(ip netns pids "$ns") ''; do
			[ -n "$p" ] && grep -qE '^NSpid:[[:space:]]+'"$p"'[[:space:]]+1$' \
				"/proc/$p/status" 2>/dev/null && break
		done
		[ -n "$p" ] || sleep 0.1
	done
	[ -n "$p" ] || { scl_die "node $i: init did not start (see $d/init.log)"; return 1; }
	echo "$p" >"$d/pid"
}

# scl_up N [AGENTS_DIR]: a fresh N-node cluster (1..3), client namespace included.
scl_up() {
	local n=$1 agents=${2:-} i
	case $n in 1 | 2 | 3) ;; *) scl_die "node count must be 1..3"; return 1 ;; esac
	scl_down quiet
	mkdir -p "$SCL_STATE"
	echo "$n" >"$SCL_STATE/nodes"
	dd if=/dev/urandom of="$SCL_STATE/authkey" bs=256 count=1 status=none
	scl_prepare_agents "$agents" || return 1
	scl_setup_net "$n" || return 1
	for i in $(seq 1 "$n"); do
		scl_setup_node_dir "$i" "$n" || return 1
		scl_start_node "$i" || return 1
	done
	scl_log "started $n node(s); state in $SCL_STATE"
}

# True when node I sees a DC and N nodes online.
scl_cluster_ready() {
	local i=$1 n=$2
	scl_exec "$i" crm_mon -1 2>/dev/null | grep -q 'Current DC: node[0-9]' || return 1
	[ "$(scl_online_count "$i")" = "$n" ]
}

# Number of nodes node I's view calls online.
scl_online_count() {
	scl_exec "$1" crm_mon -1 --output-as=xml 2>/dev/null |
		grep -c '<node name=.* online="true"'
}

scl_wait_ready() {
	local secs=${1:-60} n i
	n=$(scl_nodes)
	for i in $(seq 1 "$n"); do
		scl_wait "$secs" "node $i to see a DC and $n nodes online" scl_cluster_ready "$i" "$n" ||
			return 1
	done
}

# Node crash: unplug first (a dead node's kernel would still answer ARP and ping), then
# kill -9 its PID 1, which takes corosync, pacemakerd and everything the agents started.
scl_crash() {
	local i=$1 p
	p=$(scl_node_pid "$i")
	SCL_CRASH_MS=$(scl_now_ms)
	ip -n "$(scl_ns_br)" link del "n$i" 2>/dev/null || true
	[ -n "$p" ] && kill -9 "$p"
	scl_log "node $i crashed (veth deleted, PID namespace killed)"
}

# Tear down everything the harness may have created, also after a failed or partial up.
scl_down() {
	local quiet=${1:-} ns p i
	for d in "$SCL_STATE"/n*/; do
		[ -d "$d" ] || continue
		i=${d%/}
		i=${i##*/n}
		p=$(scl_node_pid "$i")
		[ -n "$p" ] && kill -9 "$p" 2>/dev/null
	done
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		case $ns in "$SCL_NAME"-br | "$SCL_NAME"-cl | "$SCL_NAME"-n[0-9]) ;; *) continue ;; esac
		# Whatever still runs in our namespaces was started by us (clients, stray helpers).
		for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
		ip netns del "$ns" 2>/dev/null || true
	done
	if [ -d "$SCL_STATE" ]; then
		# Keep logs of the last run next to the state dir for post-mortems.
		rm -rf "${SCL_STATE}.last"
		mv "$SCL_STATE" "${SCL_STATE}.last" 2>/dev/null || rm -rf "$SCL_STATE"
	fi
	[ -n "$quiet" ] || scl_log "cluster down"
}

scl_status() {
	local n i p
	n=$(scl_nodes)
	echo "cluster $SCL_NAME: $n node(s), state $SCL_STATE, floating IP $SCL_VIP"
	for i in $(seq 1 "$n"); do
		p=$(scl_node_pid "$i")
		echo "node$i $(scl_node_ip "$i") netns $(scl_ns "$i") pid ${p:-down}"
	done
	for i in $(seq 1 "$n"); do
		if [ -n "$(scl_node_pid "$i")" ]; then
			scl_exec "$i" crm_mon -1 -r
			return
		fi
	done
}

# Node holding the floating IP (by address, as the kernel sees it), or empty.
scl_vip_node() {
	local n i
	n=$(scl_nodes)
	for i in $(seq 1 "$n"); do
		[ -n "$(scl_node_pid "$i")" ] || continue
		if ip -n "$(scl_ns "$i")" -o addr show | grep -q " $SCL_VIP/"; then
			echo "$i"
			return
		fi
	done
}

# Does node I hold the floating IP (any copy, on any interface)?
scl_has_vip() { ip -n "$(scl_ns "$1")" -o addr show | grep -q " $SCL_VIP/"; }

# Node where Pacemaker says resource R runs (as seen from node I).
scl_rsc_node() {
	local i=$1 r=$2
	scl_exec "$i" crm_resource --locate --resource "$r" 2>/dev/null |
		sed -n 's/.* is running on: node\([0-9]\).*/\1/p' | head -1
}

# Any running node.
# scl_attr I NAME: node I's value of the node attribute NAME (attrd, asked on any live node),
# empty when unset; scl_attr_is I NAME VALUE.
scl_attr() {
	scl_exec "$(scl_any_node)" attrd_updater -Q -n "$2" -N "node$1" 2>/dev/null |
		sed -n 's/.*value="\([^"]*\)".*/\1/p'
}
scl_attr_is() { [ "$(scl_attr "$1" "$2")" = "$3" ]; }

scl_any_node() {
	local n i
	n=$(scl_nodes)
	for i in $(seq 1 "$n"); do
		[ -n "$(scl_node_pid "$i")" ] && { echo "$i"; return; }
	done
	return 1
}

# scl_probe_start NAME [SECS [INTERVAL_S]]: ping the floating IP every INTERVAL_S (0.02) from
# the client namespace, with receive timestamps, into $SCL_STATE/probe-NAME.txt; bounded by SECS.
scl_probe_start() {
	local name=$1 secs=${2:-60} every=${3:-0.02}
	# ip netns exec execs ping: $! is ping itself, so SIGINT stops it at once.
	ip netns exec "$(scl_ns_cl)" ping -n -D -i "$every" -W 0.1 -w "$secs" "$SCL_VIP" \
		>"$SCL_STATE/probe-$name.txt" 2>&1 &
	echo $! >"$SCL_STATE/probe-$name.pid"
}

scl_probe_stop() {
	local f=$SCL_STATE/probe-$1.pid
	[ -r "$f" ] || return 0
	kill -INT "$(cat "$f")" 2>/dev/null
	wait "$(cat "$f")" 2>/dev/null
	rm -f "$f"
}

# scl_probe_gap NAME T0_MS: "GAP_MS FIRST_MS": GAP_MS is the client-visible outage, the
# longest silence between two answers after T0 - 100 ms (answers in flight when the event
# starts still arrive), FIRST_MS the time from T0 to the answer that ended it; "-1 -1" when
# no answer came after the event.
scl_probe_gap() {
	awk -v t0="$2" '
		/bytes from/ {
			t = substr($1, 2, length($1) - 2) * 1000
			if (t < t0 - 100) { last = t; next }
			if (last && t - last > gap) { gap = t - last; first = t }
			last = t
		}
		END {
			if (!first) print "-1 -1"
			else printf "%d %d\n", gap, first - t0
		}' "$SCL_STATE/probe-$1.txt"
}

# Does the client answer from the floating IP right now? (one ping, 0.5 s)
scl_vip_answers() { scl_client ping -n -c 1 -W 0.5 "$SCL_VIP" >/dev/null 2>&1; }

# MAC of node I's eth0, and the MAC the client's neighbour table has for the floating IP.
scl_node_mac() { ip -n "$(scl_ns "$1")" -o link show eth0 | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p'; }
scl_client_vip_mac() { ip -n "$(scl_ns_cl)" neigh show "$SCL_VIP" | sed -n 's/.* lladdr \([0-9a-f:]*\).*/\1/p'; }

# Wait until Pacemaker (as node I sees it) runs resource R on a node other than X.
scl_rsc_moved() {
	local r
	r=$(scl_rsc_node "$1" "$2")
	[ -n "$r" ] && [ "$r" != "$3" ]
}

# scl_log_ts I FILE REGEX T0_MS: epoch ms of the first line of node I's log FILE (corosync.log,
# pacemaker.log) matching REGEX stamped at or after T0_MS; empty if none. Both logs stamp
# lines "Mon DD HH:MM:SS.mmm".
scl_log_ts() {
	local f=$SCL_STATE/n$1/log/$2 re=$3 t0=$4 line ts
	[ -r "$f" ] || return 0
	while IFS= read -r line; do
		ts=$(date -d "$(cut -c1-19 <<<"$line")" +%s%3N 2>/dev/null) || continue
		if [ "$ts" -ge "$t0" ]; then
			echo "$ts"
			return
		fi
	done < <(grep -E "$re" "$f" | tail -n 40)
}

# ms from T0 until node I's corosync formed a membership without the crashed node.
scl_detect_ms() {
	local ts
	ts=$(scl_log_ts "$1" corosync.log 'A new membership .* was formed' "$2")
	[ -n "$ts" ] && echo $((ts - $2)) || echo "?"
}

# Epoch ms at which node I's executor began the start of resource R after T0.
scl_start_called_ms() { scl_log_ts "$1" pacemaker.log "executing - rsc:$2 action:start " "$3"; }
# Epoch ms at which node I's controller got the result of that start.
scl_start_done_ms() { scl_log_ts "$1" pacemaker.log "Result of start operation for $2 on " "$3"; }

# Remove what killed runs with per-run names (PREFIX<pid>) left behind: only when <pid> is gone.
scl_reap_stale() {
	local prefix=$1 ns pid
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		case $ns in "$prefix"[0-9]*-*) ;; *) continue ;; esac
		pid=${ns#"$prefix"}
		pid=${pid%%-*}
		case $pid in *[!0-9]*) continue ;; esac
		kill -0 "$pid" 2>/dev/null && continue
		(SCL_NAME=$prefix$pid SCL_STATE=/tmp/$prefix$pid-cluster && scl_down quiet)
	done
	# Logs of finished runs are kept a while for post-mortems.
	find /tmp -maxdepth 1 -name "$prefix[0-9]*-cluster.last" -mmin +120 -exec rm -rf {} + 2>/dev/null
}

# Bring a crashed node back: plug a new veth into its (still existing) network namespace and
# boot a fresh PID 1 with the node's dirs (its CIB copy and logs are kept).
scl_restart_node() {
	local i=$1 ns br
	ns=$(scl_ns "$i")
	br=$(scl_ns_br)
	[ -z "$(scl_node_pid "$i")" ] || { scl_die "node $i is running"; return 1; }
	ip -n "$br" link del "n$i" 2>/dev/null
	ip -n "$ns" link del eth0 2>/dev/null
	ip -n "$br" link add "n$i" type veth peer name eth0 netns "$ns" || return 1
	ip -n "$br" link set "n$i" master br0 up
	ip -n "$ns" addr add "$(scl_node_ip "$i")/24" dev eth0
	ip -n "$ns" link set eth0 up
	scl_node_sysctl "$ns"
	scl_start_node "$i" || return 1
	scl_log "node $i restarted"
}

# Test prologue: always tear down (exit, failure, interrupt, or the watchdog after SECS).
scl_test_begin() {
	local secs=$1
	export SCL_EXEC_TIMEOUT=${SCL_EXEC_TIMEOUT:-20}
	trap scl_test_cleanup EXIT
	trap 'echo "FAIL: interrupted or over time" >&2; exit 1' INT TERM
	# Away from the test's output: the sleep outlives the killed subshell and would keep the
	# test's stdout pipe (tests/tap-run.sh's tee) open until SECS have passed.
	(sleep "$secs" && kill -TERM $$) >/dev/null 2>&1 &
	SCL_WATCHDOG=$!
}

scl_test_cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	[ -n "${SCL_WATCHDOG:-}" ] && kill "$SCL_WATCHDOG" 2>/dev/null
	local f
	for f in "$SCL_STATE"/probe-*.pid; do [ -r "$f" ] && kill -INT "$(cat "$f")" 2>/dev/null; done
	for f in "$SCL_STATE"/probe-sip-*.pid; do [ -r "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null; done
	scl_down
	# Logs are kept for failures only.
	[ "$rc" = 0 ] && rm -rf "${SCL_STATE}.last"
	return "$rc"
}

# Test failure: message, last lines of the nodes' logs, cluster state; exit 1 (teardown by trap).
scl_fail() {
	local n f
	echo "FAIL: $*${SCL_LAST_ERR:+ (last error logged: ${SCL_LAST_ERR:0:400})}" >&2
	for f in "$SCL_STATE"/n*/init.log; do [ -r "$f" ] && tail -n 5 "$f" >&2; done
	n=$(scl_any_node) && scl_exec "$n" crm_mon -1 -r >&2
	echo "logs: ${SCL_STATE}.last/n*/log after teardown" >&2
	exit 1
}

# The SIP client ("phone"): tests/net/sip_probe from the build, run in the client namespace.
scl_sip_probe_bin() { echo "${SCL_SIP_PROBE:-${top_builddir:-$SCL_LIBDIR/../..}/tests/net/sip_probe}"; }

# One REGISTER of USER (default phone) through the floating IP; true on a 2xx answer.
scl_register() {
	scl_client "$(scl_sip_probe_bin)" -t 1000 register "udp:$SCL_VIP:5060" "${1:-phone}" 2>/dev/null |
		grep -q '^2[0-9][0-9] '
}

# SIP probe: REGISTER through the floating IP about every 50 ms (300 ms timeout each), one
# "EPOCH_MS ok|fail" line per try in $SCL_STATE/sip-NAME.txt, for at most SECS.
scl_sip_probe_start() {
	local name=$1 secs=${2:-60} bin
	bin=$(scl_sip_probe_bin)
	ip netns exec "$(scl_ns_cl)" bash -c '
		end=$(($(date +%s) + $2))
		while [ "$(date +%s)" -lt "$end" ]; do
			t=$(date +%s%3N)
			if "$1" -t 300 register "udp:$3:5060" phone 2>/dev/null | grep -q "^2[0-9][0-9] "; then
				echo "$t ok"
			else
				echo "$t fail"
			fi
			sleep 0.05
		done' scl-sip "$bin" "$secs" "$SCL_VIP" >"$SCL_STATE/sip-$name.txt" 2>&1 &
	echo $! >"$SCL_STATE/probe-sip-$name.pid"
}

scl_sip_probe_stop() {
	local f=$SCL_STATE/probe-sip-$1.pid
	[ -r "$f" ] || return 0
	# The loop is a bash: TERM ends it (a sip_probe in flight ends on its own timeout).
	kill -TERM "$(cat "$f")" 2>/dev/null
	wait "$(cat "$f")" 2>/dev/null
	rm -f "$f"
}

# scl_sip_gap NAME T0_MS: "GAP_MS FIRST_MS" as scl_probe_gap, for the SIP probe: GAP_MS from
# the last answered REGISTER before the outage to the first one after it.
scl_sip_gap() {
	awk -v t0="$2" '
		$2 == "ok" {
			t = $1
			if (t < t0 - 100) { last = t; next }
			if (last && t - last > gap) { gap = t - last; first = t }
			last = t
		}
		END {
			if (!first) print "-1 -1"
			else printf "%d %d\n", gap, first - t0
		}' "$SCL_STATE/sip-$1.txt"
}
