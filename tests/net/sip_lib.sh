# tests/net/sip_lib.sh: sourced by the tests of lib/sip/sip.h against a real Kamailio. Sets
# KAMAILIO, PROBE, CFG; moves the test into a network namespace of its own (its own loopback,
# so parallel builds and the host's ports cannot collide with it) when it may; makes $dir;
# kam_start runs one Kamailio and waits for it to answer OPTIONS; the exit trap stops only the
# Kamailios started that way and removes $dir. Callers: sip-kamailio.sh, sip-kamailio-shm.sh.
# (sh, not bash: the tests run under /bin/sh.)
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$(pwd)}"
KAMAILIO=${KAMAILIO:-/usr/sbin/kamailio}
PROBE=$top_builddir/tests/net/sip_probe
CFG=$top_srcdir/tests/kamailio/sipha-test.cfg

. "$top_srcdir/tests/lib.sh"	# skip, skip_part
[ -x "$KAMAILIO" ] || skip "no $KAMAILIO"
[ -x "$PROBE" ] || skip "no $PROBE"

if [ -z "${SSIP_IN_NETNS:-}" ] && unshare --net true 2>/dev/null; then
	export SSIP_IN_NETNS=1
	exec unshare --net sh "$0" "$@"
fi
if [ -n "${SSIP_IN_NETNS:-}" ]; then
	ip link set lo up || { echo "FAIL: cannot bring up lo in the test namespace"; exit 1; }
else
	echo "note: no private network namespace: using the host's loopback"
fi
[ -r "$CFG" ] || { echo "FAIL: no $CFG"; exit 1; }

dir=$(mktemp -d /tmp/ssip-test.XXXXXX) || exit 1
kam_pids=""

kam_cleanup() {
	# Only the Kamailio main processes kam_start started; they stop their children.
	for p in $kam_pids; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in $kam_pids; do
		i=0
		while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$dir"
}
trap kam_cleanup EXIT
trap 'exit 1' INT TERM HUP

fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# kam_start NAME PORT KAMAILIO-ARGS...: one instance (runtime dir $dir/NAME, log $dir/NAME.log)
# that must answer OPTIONS on udp:127.0.0.1:PORT within 10 s. Sets kam_pid.
kam_start() {
	name=$1 port=$2
	shift 2
	mkdir -p "$dir/$name"
	"$KAMAILIO" -f "$CFG" "$@" -Y "$dir/$name" -P "$dir/$name/kamailio.pid" -DD -E \
		>"$dir/$name.log" 2>&1 &
	kam_pid=$!
	kam_pids="$kam_pids $kam_pid"
	i=0
	until "$PROBE" -t 200 options "udp:127.0.0.1:$port" >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -ge 40 ] || ! kill -0 "$kam_pid" 2>/dev/null; then
			echo "FAIL: kamailio $name did not come up"
			tail -20 "$dir/$name.log"
			exit 1
		fi
		sleep 0.25
	done
}
