#!/bin/bash
# Runs sipha's test suite (or COMMAND) in a clean Debian root, as on a new machine: a minbase
# debootstrap of SUITE, the committed tree (git archive of HEAD, or SIPHA_ROOT_REF), and the
# suite installing its own dependencies there with scripts/install-deps.sh.
#   scripts/clean-root.sh SUITE [COMMAND]
#     SUITE    bookworm | trixie (or 12 | 13)
#     COMMAND  run in the tree's top directory inside the root, as root; default: the main
#              pass (dependencies, -Werror build, make check with tests/package; no
#              sanitizers, no distcheck)
# Root only. Exits with COMMAND's status (2: the root could not be made). The root is thrown
# away afterwards; the debootstrap is cached as a tarball (SIPHA_ROOT_CACHE, default
# /var/tmp/sipha-root; delete it to start over) and so are downloaded packages.
# SIPHA_ROOT_TIMEOUT (seconds, default 3600) bounds COMMAND; SIPHA_MIRROR picks the mirror;
# SIPHA_ROOT_TESTS="tests/x.sh ..." runs only those tests in the main pass.
set -u
self=$(readlink -f "$0")
top=$(cd "$(dirname "$self")/.." && pwd)
. "$top/scripts/root-mounts.sh"

# --main-pass: what runs inside the root by default.
main_pass() {
	local b=_build/main jobs=${SIPHA_JOBS:-2} rc
	bash scripts/install-deps.sh || return 1
	./autogen.sh >/dev/null 2>&1 || { echo "autogen.sh failed"; return 1; }
	mkdir -p "$b" && cd "$b" || return 1
	# tests/package installs the package into a root of this release: the tarball this root
	# came from, which clean-root mounts read-only at /var/tmp/fresh-SUITE.tar, and this root's
	# apt cache (the host's) for its downloads. Without the tarball it would debootstrap one
	# inside this root on every run: then it is left out.
	local suite pkg=--disable-package-tests
	suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
	if [ -s "/var/tmp/fresh-$suite.tar" ]; then
		pkg=
		mkdir -p /var/tmp/sipha-root && ln -sfn /var/cache/apt/archives "/var/tmp/sipha-root/apt-$suite"
	fi
	../../configure -q --enable-werror $pkg && make -s -j"$jobs" >/dev/null || return 1
	make -s -j"$jobs" check ${SIPHA_ROOT_TESTS:+"TESTS=$SIPHA_ROOT_TESTS"} >check.out 2>&1
	rc=$?
	grep -E '^# (TOTAL|PASS|SKIP|XFAIL|FAIL|XPASS|ERROR):' test-suite.log
	# after a whole pass: every sh block of docs/ due on this release was run by a test
	if [ -z "${SIPHA_ROOT_TESTS:-}" ]; then
		bash "$top/scripts/docs-coverage.sh" . >docs-coverage.out 2>&1 || rc=1
		grep -v ': ran: ' docs-coverage.out
	fi
	grep -E '^SKIP: ' check.out
	bash "$top/scripts/slowest-tests.sh" .
	# the reason of each failure (the first five), here in CI's log
	# (TAP lines: "FAIL: tests/x/y.sh 1 - ..."; the log is tests/x/y.log)
	grep -E '^(FAIL|ERROR): ' check.out | head -5 | while read -r _ t _; do
		echo "--- $t"
		# a cluster test's reasons come before its status dump: its FAIL lines first
		grep -E '^FAIL: [^t]' "${t%.sh}.log" | head -5
		tail -30 "${t%.sh}.log"
	done
	return $rc
}
if [ "${1:-}" = --main-pass ]; then
	cd "$top" && main_pass
	exit
fi

case ${1:-} in
12 | bookworm) suite=bookworm ;;
13 | trixie) suite=trixie ;;
*) sed -n '2,12p' "$self"; exit 2 ;;
esac
cmd=${2:-bash scripts/clean-root.sh --main-pass}
[ "$(id -u)" = 0 ] || { echo "clean-root: run as root (debootstrap, chroot, namespaces)"; exit 2; }
cache=${SIPHA_ROOT_CACHE:-/var/tmp/sipha-root}
mkdir -p "$cache/apt-$suite/partial" || exit 2
t0=$SECONDS
log() { echo "clean-root: [$((SECONDS - t0))s] $*"; }

# The mirror this machine uses (deb822 or one-line sources), else Debian's.
host_uri() {
	local want=$1
	{
		awk '/^URIs:/ {print $2}' /etc/apt/sources.list.d/*.sources
		awk '$1 == "deb" {print $2}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list
	} 2>/dev/null | grep -E "$want" | head -1
}
mirror=${SIPHA_MIRROR:-$(host_uri '/debian/?$')}
mirror=${mirror:-http://deb.debian.org/debian}
security=$(host_uri 'debian-security/?$')
security=${security:-http://deb.debian.org/debian-security}

# make_tarball: debootstrap SUITE once; concurrent runs wait for the first (flock).
make_tarball() {
	local tar=$cache/$suite.tar b
	[ -s "$tar" ] && return 0
	command -v debootstrap >/dev/null ||
		{ apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; } || return 1
	b=$(mktemp -d "$cache/bootstrap.XXXXXX") || return 1
	log "debootstrap $suite from $mirror (once; cached in $tar)"
	if ! debootstrap --variant=minbase "$suite" "$b" "$mirror" >"$cache/debootstrap.log" 2>&1; then
		echo "clean-root: debootstrap failed: $(tail -1 "$cache/debootstrap.log")"
		rm -rf --one-file-system "$b"
		return 1
	fi
	printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\n\n' \
		"$mirror" "$suite" "$suite" >"$b/etc/apt/sources.list.d/debian.sources"
	printf 'Types: deb\nURIs: %s\nSuites: %s-security\nComponents: main\n' \
		"$security" "$suite" >>"$b/etc/apt/sources.list.d/debian.sources"
	rm -f "$b/etc/apt/sources.list"
	# keep downloaded packages: the cache directory is mounted there for the next run
	rm -f "$b/etc/apt/apt.conf.d/docker-clean"
	tar -C "$b" -cf "$tar.new" . && mv "$tar.new" "$tar"
	rm -rf --one-file-system "$b"
	[ -s "$tar" ]
}
exec 9>"$cache/$suite.lock"
flock -w 900 9 || { echo "clean-root: $cache/$suite.lock busy"; exit 2; }
make_tarball || exit 2
exec 9>&-

r=$(mktemp -d /var/tmp/sipha-root-"$suite".XXXXXX) || exit 2
# Processes still running in the root (a timed-out test's daemons) are ours: found by their
# root directory, killed by pid. Then the mounts, then the files.
cleanup() {
	local p
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$r" ] && kill -9 "${p#/proc/}" 2>/dev/null
	done
	for m in "var/tmp/fresh-$suite.tar" var/cache/apt/archives run dev/shm dev/pts dev sys proc ""; do
		umount -l "$r/$m" 2>/dev/null
	done
	rm -rf --one-file-system "$r"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# a mount point of its own, or `ip netns` cannot set up /run/netns inside
mount --bind "$r" "$r" && tar -C "$r" -xf "$cache/$suite.tar" || exit 2
chmod 0755 "$r"
mkdir -p "$r/root/sipha"
git -C "$top" archive --format=tar "${SIPHA_ROOT_REF:-HEAD}" | tar -C "$r/root/sipha" -x ||
	{ echo "clean-root: git archive of ${SIPHA_ROOT_REF:-HEAD} failed"; exit 2; }
[ -z "$(git -C "$top" status --porcelain --untracked-files=no)" ] ||
	log "testing the committed ${SIPHA_ROOT_REF:-HEAD}; uncommitted changes are not in the root"
root_mounts "$r" "$cache/apt-$suite" ||
	{ echo "clean-root: mounting /proc /sys /dev /run in the root failed"; exit 2; }
# the root's own tarball, read-only, for tests/package's throwaway root of this release
touch "$r/var/tmp/fresh-$suite.tar" && mount --bind "$cache/$suite.tar" "$r/var/tmp/fresh-$suite.tar" &&
	mount -o remount,bind,ro "$r/var/tmp/fresh-$suite.tar" ||
	{ echo "clean-root: mounting $cache/$suite.tar in the root failed"; exit 2; }
log "$suite root ready in $r; running: $cmd"
t1=$SECONDS
timeout -k 30 "${SIPHA_ROOT_TIMEOUT:-3600}" \
	unshare -m --propagation private chroot "$r" /usr/bin/env -i HOME=/root TERM=dumb CI=true \
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
	SIPHA_JOBS="${SIPHA_JOBS:-2}" SIPHA_ROOT_TESTS="${SIPHA_ROOT_TESTS:-}" bash -c "cd /root/sipha && $cmd" </dev/null
rc=$?
[ $rc = 124 ] && log "timed out after ${SIPHA_ROOT_TIMEOUT:-3600}s"
log "$suite: exit $rc after $((SECONDS - t1))s (whole run $((SECONDS - t0))s)"
exit $rc
