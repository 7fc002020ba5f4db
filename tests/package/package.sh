#!/bin/bash
# The Debian package as an admin gets it: README.md's third command (apt-get build-dep, then
# dpkg-buildpackage) builds it from a copy of the tree (nothing is written to the tree), lintian
# finds no error and no warning that debian/README.source does not justify, then
# `apt-get install ./sipha_*.deb` puts it into a throwaway Debian root of the release this
# machine runs (the package is built against this machine's libraries: Debian 12 here, Debian 13
# on trixie), where pcs, crmsh and man find the agents and their pages and siphactl runs;
# `apt-get purge sipha` then leaves nothing of it.
# Root, network access to the Debian mirror (apt inside the root), and a Debian root: the
# tarball scripts/clean-root.sh caches (SIPHA_ROOT_CACHE, default /var/tmp/sipha-root), or
# /var/tmp/fresh-SUITE.tar, or debootstrap to make the first. Skips (77) naming what is missing.
# Every step is bounded; the root and the build are removed on every exit path.
. "$(dirname "$0")/../lib.sh"
. "$top_srcdir/scripts/root-mounts.sh"

need_root
need_cmd dpkg-buildpackage dh lintian tar chroot unshare timeout
[ -r /etc/os-release ] || skip "no /etc/os-release: not a Debian machine"
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
case $suite in
bookworm | trixie) ;;
*) skip "this machine runs '${suite:-an unknown release}': sipha's package is for bookworm, trixie" ;;
esac

# Not beside a cluster test: a package build loads both cores.
. "$top_srcdir/tests/run-alone.sh"
run_alone bash "$0" "$@"

# The whole test in a private mount namespace: what it mounts is never seen outside, and goes
# away with it even if it is killed.
if [ "${SIPHA_PKG_NS:-}" != 1 ]; then
	need_unshare
	SIPHA_PKG_NS=1 exec unshare -m --propagation private bash "$0" "$@"
fi

t0=$SECONDS
log() { echo "# [$((SECONDS - t0))s] $*"; }

cache=${SIPHA_ROOT_CACHE:-/var/tmp/sipha-root}
tarball=
for t in "$cache/$suite.tar" "/var/tmp/fresh-$suite.tar"; do
	[ -s "$t" ] && { tarball=$t; break; }
done
if [ -z "$tarball" ]; then
	command -v debootstrap >/dev/null ||
		skip "no cached $suite root ($cache/$suite.tar, /var/tmp/fresh-$suite.tar)" \
			"and no debootstrap to make one"
	log "no cached $suite root: scripts/clean-root.sh makes $cache/$suite.tar (debootstrap, once)"
	SIPHA_ROOT_CACHE=$cache timeout -k 30 1200 \
		bash "$top_srcdir/scripts/clean-root.sh" "$suite" true | sed 's/^/# /'
	[ -s "$cache/$suite.tar" ] ||
		skip "could not make a $suite root with debootstrap (network to the mirror?)"
	tarball=$cache/$suite.tar
fi

work=$(mktemp -d /var/tmp/sipha-pkg.XXXXXX) || exit 99
r=$work/root
# bounded SECS CMD...: CMD under timeout, in the background so that a signal to this test is
# handled at once (bash runs a trap only after its foreground command); its timeout's pid is
# noted for cleanup, which signals it: timeout passes the signal to the whole command.
bounded() {
	local secs=$1 pid rc
	shift
	timeout -k 10 "$secs" "$@" &
	pid=$!
	echo "$pid" >>"$work/pids"
	wait "$pid"
	rc=$?
	# done: its pid is not ours any more
	sed -i "/^$pid\$/d" "$work/pids"
	return $rc
}
# Steps still running are stopped, and processes left in the root are ours (found by their root
# directory, killed by pid); then the mounts, then the files.
cleanup() {
	local p m
	[ -s "$work/pids" ] && while read -r p; do kill -TERM "$p" 2>/dev/null; done <"$work/pids"
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$r" ] && kill -9 "${p#/proc/}" 2>/dev/null
	done
	# until the steps are gone (timeout's -k 10 kills what ignores the signal)
	[ -s "$work/pids" ] && for _ in $(seq 60); do
		m=
		while read -r p; do kill -0 "$p" 2>/dev/null && m=1; done <"$work/pids"
		[ -z "$m" ] && break
		sleep 0.25
	done
	for m in var/cache/apt/archives run dev/shm dev/pts dev sys proc ""; do
		mountpoint -q "$r/$m" 2>/dev/null && umount -l "$r/$m"
	done
	rm -rf --one-file-system "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The package, from a copy of the tree: the files git knows (committed or not, ignored ones
# left out), or, from a release tarball (make distcheck), the tree less its build directories.
mkdir -p "$work/src"
if git -C "$top_srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$top_srcdir" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf -) | tar -C "$work/src" -xf -
else
	tar -C "$top_srcdir" --exclude=./_build --exclude=./_inst --exclude=./.git -cf - . |
		tar -C "$work/src" -xf -
fi
chmod -R u+w "$work/src"
[ -f "$work/src/debian/control" ] || { not_ok "the tree has debian/control"; finish; }
# README's third command, as written there (the build dependencies, then dpkg-buildpackage)
cmd=$(awk '/^```sh/ { f = 1; next } /^```/ { f = 0 } f && /dpkg-buildpackage/' \
	"$top_srcdir/README.md" | sed 's/[[:space:]]*#.*//')
case $cmd in
*"dpkg-buildpackage -us -uc -b"*) ok "README.md's package command: $cmd" ;;
*) not_ok "README.md has no dpkg-buildpackage -us -uc -b command: '$cmd'"; finish ;;
esac
guide=$top_srcdir/docs/README.md
check "the admin guide's build block is the same command" \
	test "$(docs_block "$guide" "### From the Debian package" 1)" = "$cmd"
log "building the package: $cmd"
if (cd "$work/src" && bounded 900 bash -c "$cmd" >"$work/build.log" 2>&1); then
	ok "the README's command builds the package"
else
	not_ok "the README's command: exit $?"
	tail -30 "$work/build.log" | sed 's/^/#   /'
	finish
fi
debs=("$work"/sipha_*.deb)
changes=("$work"/sipha_*.changes)
[ -f "${debs[0]}" ] && [ -f "${changes[0]}" ] ||
	{ not_ok "the build left sipha_*.deb and sipha_*.changes"; finish; }
deb=${debs[0]}

# lintian: no error; each warning's tag is justified in debian/README.source
bounded 300 lintian "${changes[0]}" >"$work/lintian.out" 2>&1
out=$(cat "$work/lintian.out")
errors=$(printf '%s\n' "$out" | grep -E '^E: ')
if [ -z "$errors" ]; then
	ok "lintian: no error"
else
	not_ok "lintian: errors"
	printf '%s\n' "$errors" | sed 's/^/#   /'
fi
unjustified=
for tag in $(printf '%s\n' "$out" | sed -n 's/^W: [^:]*: \([a-z0-9-]*\).*/\1/p' | sort -u); do
	grep -qw -- "$tag" "$top_srcdir/debian/README.source" || unjustified="$unjustified $tag"
done
if [ -z "$unjustified" ]; then
	ok "lintian: every warning is justified in debian/README.source"
else
	not_ok "lintian warnings not in debian/README.source:$unjustified"
fi

# Depends: attrd_updater's package, and libqb that the agents load with dlopen (no NEEDED entry:
# debian/dlopen-depends reads their .note.dlopen); Recommends: Kamailio, libcmap (dmq_port's peers)
out=$(dpkg-deb -f "$deb" Depends)
contains "pacemaker-cli-utils" "Depends: pacemaker-cli-utils"
contains "libqb" "Depends: libqb (dlopen, required)"
out=$(dpkg-deb -f "$deb" Recommends)
contains "kamailio" "Recommends: kamailio"
contains "libcmap" "Recommends: libcmap (dlopen, recommended)"

# 2. The root, with /proc /sys /dev /run as clean-root.sh mounts them and its apt cache of
# downloaded packages (kept for the next run); no service starts in it (policy-rc.d).
mkdir -p "$r" "$cache/apt-$suite/partial"
mount --bind "$r" "$r" && tar -C "$r" -xf "$tarball" ||
	{ not_ok "unpacking $tarball"; finish; }
chmod 0755 "$r"
root_mounts "$r" "$cache/apt-$suite" ||
	{ not_ok "mounting /proc /sys /dev /run in the root"; finish; }
printf '#!/bin/sh\n# tests/package: no service starts in this root\nexit 101\n' \
	>"$r/usr/sbin/policy-rc.d"
chmod 0755 "$r/usr/sbin/policy-rc.d"
# the guide's apt-get install asks before it installs: the admin's yes
printf 'APT::Get::Assume-Yes "true";\n' >"$r/etc/apt/apt.conf.d/90sipha-test-yes"
cp "$deb" "$r/tmp/"
# where the guide's install runs: a source tree with the package in its parent directory
mkdir -p "$r/root/src" && cp "$deb" "$r/root/"
debname=$(basename "$deb")
log "$suite root from $tarball in $r"

# inroot SECONDS CMD...: CMD in the root, as root, with a clean environment. Its output goes
# through a file: a command substitution's pipe held by a running step would keep this shell
# (and its traps) waiting.
inroot() {
	local secs=$1 rc o
	shift
	o=$(mktemp "$work/out.XXXXXX")
	bounded "$secs" chroot "$r" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@" </dev/null >"$o" 2>&1
	rc=$?
	cat "$o"
	rm -f "$o"
	return $rc
}
# expect_in_root RC DESCRIPTION SECONDS CMD...: expect_rc for CMD in the root
expect_in_root() { local rc=$1 d=$2 secs=$3; shift 3; expect_rc "$rc" "$d" inroot "$secs" "$@"; }

expect_in_root 0 "apt-get update in the $suite root" 300 apt-get update -q
[ "$last_rc" = 0 ] || finish
# The admin's tools first: the package must work with them, not bring them.
expect_in_root 0 "apt-get install pcs crmsh man-db" 900 \
	apt-get install -y -q --no-install-recommends pcs crmsh man-db
[ "$last_rc" = 0 ] || finish
log "tools installed"
# Everything in the root before the package, to compare with after its purge (the caches,
# logs and package databases that apt and dpkg keep change by themselves).
snapshot() {
	inroot 120 find / -xdev \( -path /var/cache -o -path /var/log -o -path /var/lib/apt \
		-o -path /var/lib/dpkg -o -path /tmp -o -path /root \) -prune -o -print | sort
}
snapshot >"$work/before"
# Its Recommends (Kamailio, the libraries loaded on first use) resolve in this release.
expect_in_root 0 "apt-get install --simulate ./$debname: its Recommends are in $suite" 120 \
	apt-get install -s -q "./tmp/$debname"
contains "Inst kamailio" "the Recommends bring Kamailio"
# guide_block HEADING N SECONDS: each command of docs/README.md's block, as written, in the root
# from /root/src; out holds the last one's output
guide_block() {
	local line n=0
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		n=$((n + 1))
		expect_in_root 0 "the guide's '$line'" "$3" sh -c "cd /root/src && $line"
		[ "$last_rc" = 0 ] || return 1
		printf '%s\n' "$out" >"$work/guide-$n.out"
	done < <(docs_block "$guide" "$1" "$2")
	[ "$n" -gt 0 ] || { not_ok "docs/README.md has no commands under '$1'"; return 1; }
}
guide_block "### From the Debian package" 2 900 || finish
log "sipha installed, as the guide says"
expect_in_root 0 "dpkg -s sipha: installed" 30 dpkg -s sipha
contains "Status: install ok installed" "sipha is installed"
expect_in_root 0 "dpkg -s kamailio: the guide's install brought the recommended Kamailio" 30 \
	dpkg -s kamailio

# 3. What an admin looks at: the guide's checks, then the man pages and files.
guide_block "### Checking the install" 1 120
out=$(cat "$work/guide-1.out" 2>/dev/null)
contains "ocf:sipha:floatip" "pcs names the agent"
contains "ip (required" "pcs lists the required parameter ip"
out=$(cat "$work/guide-2.out" 2>/dev/null)
contains "ocf:sipha:kamailio" "crmsh names the agent"
contains "dmq_port" "crmsh lists the parameter dmq_port"
out=$(cat "$work/guide-3.out" 2>/dev/null)
contains "rolling-restart" "siphactl --help names rolling-restart"
for page in ocf_sipha_floatip ocf_sipha_kamailio ocf_sipha_rollingrestart siphactl; do
	expect_in_root 0 "man -w $page" 60 man -w "$page"
	contains "/usr/share/man/" "man finds $page under /usr/share/man"
done
expect_in_root 0 "the example Kamailio configuration is installed" 30 \
	test -s /usr/share/doc/sipha/examples/kamailio-ha.cfg
# The admin guide: every page of docs/, uncompressed, and every link between its pages (and to
# the top README, ../README.md) leads to an installed file.
guide=$r/usr/share/doc/sipha/guide
missing=
for page in "$top_srcdir"/docs/*.md; do
	[ -f "$guide/${page##*/}" ] || missing="$missing ${page##*/}"
done
check "the admin guide is installed: every docs/*.md in /usr/share/doc/sipha/guide${missing:+ (missing:$missing)}" \
	test -z "$missing"
broken=
for page in "$guide"/*.md; do
	[ -f "$page" ] || continue
	for link in $(grep -o '](\([^)#:]*\.md\)' "$page" | sed 's/^](//' | sort -u); do
		[ -f "$guide/$link" ] || broken="$broken ${page##*/}:$link"
	done
done
check "every link of the installed guide leads to an installed page${broken:+ (broken:$broken)}" \
	test -z "$broken"
for a in floatip kamailio rollingrestart; do
	expect_in_root 0 "ocf:sipha:$a meta-data (OCF_ROOT=/usr/lib/ocf)" 30 \
		env OCF_ROOT=/usr/lib/ocf "/usr/lib/ocf/resource.d/sipha/$a" meta-data
	contains "<resource-agent name=\"$a\"" "ocf:sipha:$a answers its meta-data"
done

# 4. The purge leaves nothing of it: no file or link of `dpkg -L sipha`, none of its
# directories that no other package owns; with autoremove, the root is as before the install.
inroot 60 dpkg -L sipha >"$work/files" || not_ok "dpkg -L sipha"
check "dpkg -L sipha lists the agents" grep -qx /usr/lib/ocf/resource.d/sipha/floatip "$work/files"
expect_in_root 0 "apt-get purge sipha" 300 apt-get purge -y -q sipha
left=
while IFS= read -r f; do
	[ -n "$f" ] && [ "$f" != /. ] || continue
	if [ -d "$r$f" ] && [ ! -L "$r$f" ]; then
		inroot 30 dpkg-query -S "$f" >/dev/null 2>&1 && continue
		left="$left $f"
	elif [ -e "$r$f" ] || [ -L "$r$f" ]; then
		left="$left $f"
	fi
done <"$work/files"
if [ -z "$left" ]; then
	ok "nothing of dpkg -L sipha is left after the purge ($(wc -l <"$work/files") paths)"
else
	not_ok "left after apt-get purge sipha:$left"
fi
expect_in_root 1 "dpkg -s sipha: not installed" 30 dpkg -s sipha
# the libraries apt installed for it alone (libmnl, libjson-c) go with autoremove
expect_in_root 0 "apt-get autoremove --purge" 300 apt-get autoremove -y -q --purge
snapshot >"$work/after"
if cmp -s "$work/before" "$work/after"; then
	ok "after the purge and autoremove the root is as before ($(wc -l <"$work/before") paths)"
else
	not_ok "the root changed between before the install and after the purge and autoremove"
	diff "$work/before" "$work/after" | head -20 | sed 's/^/#   /'
fi
log "done"
finish
