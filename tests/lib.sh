# tests/lib.sh: shared helpers of the shell tests (sourced). Exit 77 = skipped.
set -u
: "${top_builddir:=$(pwd)}"
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${OCF_ROOT_SYSTEM:=/usr/lib/ocf}"
export OCF_ROOT=$OCF_ROOT_SYSTEM
t_fails=0
t_count=0

# skip REASON: the whole test (or the rest of it) cannot run here: exit 77, which
# tests/tap-run.sh reports as a skip. Under CI=true it fails instead: CI runs every test it lists.
skip() {
	if [ "${CI:-}" = true ]; then
		not_ok "skipped under CI=true: $*"
		finish
	fi
	echo "SKIP: $*"
	exit 77
}
# skip_part REASON: one part of the test cannot run here; reported as a TAP skip (a failure
# under CI=true) while the rest of the test goes on.
skip_part() {
	if [ "${CI:-}" = true ]; then
		not_ok "part skipped under CI=true: $*"
		return
	fi
	t_count=$((t_count + 1))
	printf 'ok %d %s %s\n' "$t_count" "# SKIP" "$*"
}
need_root() { [ "$(id -u)" = 0 ] || skip "needs root"; }
need_cmd() { for c; do command -v "$c" >/dev/null 2>&1 || skip "needs $c"; done; }
need_unshare() { unshare -m --propagation private true 2>/dev/null || skip "needs mount namespaces"; }

ok() { t_count=$((t_count + 1)); echo "ok $t_count - $*"; }
not_ok() { t_count=$((t_count + 1)); t_fails=$((t_fails + 1)); echo "not ok $t_count - $*"; }
# check DESCRIPTION CMD...: passes when CMD succeeds
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
# expect_rc RC DESCRIPTION CMD...: runs CMD, output in $out, passes when it exits with RC
expect_rc() {
	local want=$1 d=$2 rc
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	last_rc=$rc last_out=$out
	if [ "$rc" = "$want" ]; then ok "$d (rc $rc)"; else not_ok "$d: rc $rc, want $want"; printf '%s\n' "$out" | sed 's/^/#   /'; fi
}
# contains TEXT DESCRIPTION: passes when $out contains TEXT
contains() { case $out in *"$1"*) ok "$2";; *) not_ok "$2: no '$1' in output"; printf '%s\n' "$out" | sed 's/^/#   /';; esac; }
# fault_row: the rows of docs/faults.md's table
. "$top_srcdir/tests/fault-lib.sh"
. "$top_srcdir/tests/docs-block.sh"
finish() { echo "1..$t_count"; [ "$t_fails" = 0 ] || { echo "# $t_fails of $t_count failed"; exit 1; }; exit 0; }

# with_sipha_agents DIR CMD...: runs CMD where Pacemaker's OCF root shows the agents in DIR as
# provider "sipha", through bind mounts in a private mount namespace: nothing on the host changes.
with_sipha_agents() {
	local agents=$1 view
	shift
	view=$(mktemp -d /tmp/sipha-ocfview.XXXXXX)
	mkdir -p "$view/orig" "$view/rd/sipha"
	for p in "$OCF_ROOT_SYSTEM"/resource.d/*; do
		[ "$(basename "$p")" = sipha ] || ln -s "$view/orig/$(basename "$p")" "$view/rd/"
	done
	cp -L "$agents"/* "$view/rd/sipha/"
	unshare -m --propagation private /bin/sh -c '
		mount --bind "$1/resource.d" "$2/orig" && mount --bind "$2/rd" "$1/resource.d" &&
		shift 2 && exec "$@"' sh "$OCF_ROOT_SYSTEM" "$view" "$@"
	local rc=$?
	rm -rf "$view"
	return $rc
}

# without_lib SONAME CMD...: runs CMD in a private mount namespace where the file the dynamic
# loader finds for SONAME is an empty file, as after a broken or half-removed package: what the
# agents load on first use then fails to load, with the loader's own reason.
without_lib() {
	local so=$1 path
	shift
	path=$(ldconfig -p | sed -n "s|^[[:space:]]*$so (.*) => ||p" | head -1)
	[ -n "$path" ] || { echo "without_lib: $so not in the loader cache"; return 99; }
	path=$(readlink -f "$path")
	unshare -m --propagation private /bin/sh -c '
		mount --bind /dev/null "$1" && shift && exec "$@"' sh "$path" "$@"
}

# siphactl_on_cib_file NAME: for the siphactl tests without a cluster: CTL is the built siphactl,
# dir a fresh directory (removed on exit) holding a copy of the namespace cluster's CIB
# (tests/unit/cib/two-nodes.xml) that siphactl and cibadmin use through CIB_file.
siphactl_on_cib_file() {
	need_root
	need_cmd cibadmin
	CTL=$top_builddir/tools/siphactl/siphactl
	[ -x "$CTL" ] || skip "siphactl not built: $CTL"
	dir=$(mktemp -d "/tmp/sipha-$1.XXXXXX") || exit 99
	trap 'rm -rf "$dir"' EXIT
	cp "$top_srcdir/tests/unit/cib/two-nodes.xml" "$dir/cib.xml"
	export CIB_file="$dir/cib.xml"
}
