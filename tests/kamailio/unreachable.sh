#!/bin/bash
# The runtime dir lies under a directory the kamailio user may not search (as a / of mode
# 0700 in a fresh chroot did): start must refuse at once with OCF_ERR_PERM and name that
# directory, instead of timing out because Kamailio's RPC replies fail with EACCES.
. "${top_srcdir:?}/tests/kamailio/lib.sh"
id kamailio >/dev/null 2>&1 || skip "no kamailio user"

closed=$T/closed
mkdir -m 0700 "$closed"
export OCF_RESKEY_runtime_dir=$closed/run
export OCF_RESKEY_CRM_meta_timeout=20000
export OCF_RESKEY_listen="udp:${KAM_IP}:5060"
t0=$(date +%s%N)
expect 4 start
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
r=$(reason)
case $r in
	*"user kamailio cannot reach runtime_dir $closed/run: $closed has mode 0700"*) ;;
	*) fail "reason does not name the closed directory: $r" ;;
esac
[ "$ms" -lt 5000 ] || fail "refusal took $ms ms, expected at once"
[ -z "$(kam_pid)" ] || fail "a Kamailio was recorded although start refused"
pgrep -f -- "-Y $closed/run" >/dev/null && fail "a Kamailio was started"
echo "ok: refused in $ms ms: $r"

# Opened up for the user, the same start works.
chmod 0711 "$closed"
start_ok
expect 0 monitor
echo "ok: started once the directory is searchable"
expect 0 stop
