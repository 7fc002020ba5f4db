# tests/kamailio/lib.sh: sourced by the kamailio agent's integration tests. Each test runs a
# real Kamailio on loopback in a private runtime dir, with a private state dir (HA_RSCTMP) and a
# stand-in attrd_updater that records attributes in a file (no cluster needed).
set -u

# skip, and the ok/not_ok points for parts: tests/lib.sh
. "${top_srcdir:?}/tests/lib.sh"
fail() { echo "FAIL: $*"; exit 1; }

[ "$(id -u)" = 0 ] || skip "needs root"
KAMAILIO_BIN=${KAMAILIO_BIN:-/usr/sbin/kamailio}
[ -x "$KAMAILIO_BIN" ] || skip "kamailio is not installed ($KAMAILIO_BIN)"
: "${top_builddir:?}" "${top_srcdir:?}"
AGENT=$top_builddir/agents/kamailio
[ -x "$AGENT" ] || fail "agent not built: $AGENT"

T=$(mktemp -d /tmp/skam-XXXXXX) || fail mktemp
# A loopback address of our own (all of 127/8 is local): parallel runs of these tests, from
# other build trees too, don't collide on the ports 5060-5069.
set -- $(od -An -N2 -tu1 /dev/urandom)
KAM_IP=127.$(( $1 % 200 + 30 )).$(( $2 % 250 + 1 )).$(( $$ % 250 + 2 ))
chmod 755 "$T"
mkdir -p "$T/rsc"
export HA_RSCTMP=$T/rsc
export OCF_ROOT=${OCF_ROOT_SYSTEM:-/usr/lib/ocf}
export OCF_RESOURCE_INSTANCE=skam-$(basename "$0" .sh)
export OCF_RESKEY_binary=$KAMAILIO_BIN
export OCF_RESKEY_conffile=$top_srcdir/tests/kamailio/sipha-kam.cfg
export OCF_RESKEY_runtime_dir=$T/run
export OCF_RESKEY_shmem=${KAM_SHMEM:-16}
export OCF_RESKEY_pkgmem=4
unset OCF_CHECK_LEVEL OCF_RESKEY_CRM_meta_timeout
# a recurring monitor unless a test says otherwise (interval 0 makes it a probe)
export OCF_RESKEY_CRM_meta_interval=10000

# attributes land in $T/attrs, one "name value" line per write
cat > "$T/attrd_updater" <<EOS
#!/bin/sh
# stand-in for attrd_updater: -n NAME -U VALUE, or -D -n NAME (recorded as "NAME (deleted)")
if [ "\$1" = -D ]; then echo "\$3 (deleted)"; else echo "\$2 \$4"; fi >> "$T/attrs"
EOS
chmod 755 "$T/attrd_updater"
export SIPHA_ATTRD_UPDATER=$T/attrd_updater

# Last value written for attribute $1.
attr() { awk -v n="$1" '$1 == n { v = $2 } END { print v }' "$T/attrs" 2>/dev/null; }

# Runs the agent: RC and ERR (its stderr) are set; stderr also goes to $T/agent.log.
run() {
	"$AGENT" "$@" 2> "$T/err"
	RC=$?
	ERR=$(cat "$T/err")
	last_rc=$RC last_out=$ERR
	{ echo "== $* -> $RC"; cat "$T/err"; } >> "$T/agent.log"
	return 0
}
reason() { printf '%s\n' "$ERR" | sed -n 's/^ocf-exit-reason://p' | tail -1; }
expect() {	# expect CODE ACTION...
	want=$1; shift
	run "$@"
	[ "$RC" = "$want" ] || { cat "$T/agent.log"; fail "$* returned $RC, expected $want ($(reason))"; }
}

# The main pid recorded by the agent.
kam_pid() { cut -d' ' -f1 "$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.kamailio.id" 2>/dev/null; }
# Every process in the session $1 (Kamailio is started as a session leader).
session_pids() { ps -e -o pid=,sid=,stat= | awk -v s="$1" '$2 == s && $3 !~ /^Z/ { print $1 }'; }

EXTRA_CLEANUP=
cleanup() {
	set +e
	[ -n "$EXTRA_CLEANUP" ] && eval "$EXTRA_CLEANUP"
	"$AGENT" stop >/dev/null 2>&1
	# whatever of ours survived: only the session the agent started
	if [ -n "${KAM_SID:-}" ]; then
		for p in $(session_pids "$KAM_SID"); do kill -CONT "$p"; kill -9 "$p"; done
	fi
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

# expect_probe_fails TARGETS DEAD: depth 10 with probe_targets TARGETS, where DEAD answers
# nobody: the monitor fails (1) within 3 s of its 5 s budget and the reason names DEAD.
expect_probe_fails() {
	local t0 ms
	t0=$(date +%s%N)
	OCF_RESKEY_probe_targets=$1 OCF_CHECK_LEVEL=10 OCF_RESKEY_CRM_meta_timeout=5000 \
		expect 1 monitor
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	echo "reason: $(reason) (${ms} ms)"
	case $(reason) in *"$2"*) ;; *) fail "reason: $(reason)" ;; esac
	[ "$ms" -lt 3000 ] || fail "took $ms ms"
}

# Starts and remembers the session for cleanup.
start_ok() {
	expect 0 start
	KAM_SID=$(kam_pid)
	[ -n "$KAM_SID" ] || fail "no pid recorded"
}

