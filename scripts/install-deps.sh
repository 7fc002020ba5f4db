#!/bin/bash
# Installs every Debian package sipha needs to build, test and run its demo: the union of
# scripts/deps.d/*.txt. Set SIPHA_SKIP_DEPS=1 to skip (e.g. when offline and all is there).
set -eu
[ "${SIPHA_SKIP_DEPS:-0}" = 1 ] && exit 0
here=$(cd "$(dirname "$0")" && pwd)
mapfile -t pkgs < <(cat "$here"/deps.d/*.txt | sed 's/#.*//; s/[[:space:]]//g' | grep -v '^$' | sort -u)
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: run as root (apt-get), or set SIPHA_SKIP_DEPS=1" >&2
	exit 1
fi
# Kamailio, pacemaker-based (hacluster) and apt's sandbox (_apt) drop root: with a / they may
# not search (mode 0700, as in a root unpacked from a tarball of a mktemp dir) every path fails
# them with EACCES. Debian installs / as 0755.
if [ -z "$(find / -maxdepth 0 -perm -0001)" ]; then
	echo "install-deps: / has mode $(stat -c %a /): daemons that drop root cannot reach any" \
		"path; setting 0755 as Debian installs it"
	chmod 0755 /
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: ${#pkgs[@]} packages"
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
# corosync and pacemaker must not run on the host: the tests start their own in namespaces.
for s in pacemaker corosync pcsd kamailio; do
	if command -v systemctl >/dev/null && systemctl is-active -q "$s" 2>/dev/null; then
		systemctl stop "$s" || true
	fi
done
echo "install-deps: done"
