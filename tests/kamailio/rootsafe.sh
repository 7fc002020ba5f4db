#!/bin/sh
# Kamailio's user owns its runtime dir (and may own the dir above it): nothing it places there
# makes the agent, as root, act on another file. Symlinks at the runtime dir and at the
# pidfile point at victims whose owner and mode must not change; a FIFO as pidfile must not
# block start; a runtime dir owned by a third user is refused.
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5063"
export OCF_RESKEY_user=kamailio OCF_RESKEY_group=kamailio
id kamailio >/dev/null 2>&1 || skip "no user kamailio"

victim_state() { stat -c '%u:%g %a' "$1"; }
mkdir "$T/victimdir" && chmod 0700 "$T/victimdir"
echo precious > "$T/victim" && chmod 0600 "$T/victim"
vd=$(victim_state "$T/victimdir")
vf=$(victim_state "$T/victim")
check_victims() {
	[ "$(victim_state "$T/victimdir")" = "$vd" ] || fail "victim dir now $(victim_state "$T/victimdir")"
	[ "$(victim_state "$T/victim")" = "$vf" ] || fail "victim file now $(victim_state "$T/victim")"
	[ "$(cat "$T/victim")" = precious ] || fail "victim file rewritten"
}

# runtime_dir in a dir Kamailio's user can write, swapped for a symlink to the victim dir
mkdir "$T/kamparent" && chown kamailio "$T/kamparent"
export OCF_RESKEY_runtime_dir=$T/kamparent/run
ln -s "$T/victimdir" "$T/kamparent/run"
expect 4 start
case $(reason) in *"is a symlink"*) ;; *) fail "reason: $(reason)" ;; esac
fault_row kamailio start "runtime dir swapped for a symlink by Kamailio's user" "is a symlink"
check_victims
rm "$T/kamparent/run"

# a runtime_dir owned by a third user is not Kamailio's: refused
mkdir "$T/kamparent/run" && chown nobody "$T/kamparent/run"
expect 4 start
case $(reason) in *"belongs to uid"*) ;; *) fail "reason: $(reason)" ;; esac
fault_row kamailio start "runtime dir owned by a third user" "belongs to uid"
rmdir "$T/kamparent/run"

# the pidfile: a symlink to the victim is removed, not followed...
mkdir "$T/kamparent/run" && chown kamailio:kamailio "$T/kamparent/run"
ln -s "$T/victim" "$T/kamparent/run/kamailio.pid"
start_ok
fault_row kamailio start "pidfile made a symlink (not followed, replaced)" ""
check_victims
expect 0 monitor
expect 0 stop
check_victims
# ...and a FIFO does not block the start (the old read waited for a writer for ever)
rm -f "$T/kamparent/run/kamailio.pid"
mkfifo "$T/kamparent/run/kamailio.pid"
timeout 30 "$AGENT" start 2> "$T/err"
rc=$?
[ $rc = 124 ] && fail "start blocked on a FIFO as pidfile"
[ $rc = 0 ] || { cat "$T/err"; fail "start with a FIFO as pidfile returned $rc"; }
KAM_SID=$(kam_pid)
expect 0 monitor
expect 0 stop
check_victims
echo "PASS: rootsafe"
