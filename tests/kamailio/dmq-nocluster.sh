#!/bin/bash
# dmq_port on a node without Corosync (this host: the tests' clusters run in namespaces of
# their own): start fails at once with OCF_ERR_GENERIC and a reason a human can act on, and
# leaves nothing running. The same instance starts without dmq_port (the example runs alone),
# and a missing libcmap is "not installed", named in the reason. The node list read in a cluster: tests/cluster/.
. "$top_srcdir/tests/kamailio/lib.sh"
# Corosync's IPC is the abstract unix socket @cmap (libqb)
! grep -q ' @cmap$' /proc/net/unix || skip "Corosync runs on this host"
export OCF_RESKEY_conffile=$top_srcdir/examples/kamailio-ha.cfg
export OCF_RESKEY_listen="udp:${KAM_IP}:5060"
export OCF_RESKEY_extra_options="-n 1 -A SIPHA_DMQ_LISTEN=udp:${KAM_IP}:5090 -A SIPHA_DMQ_SELF=\"sip:${KAM_IP}:5090\""
export OCF_RESKEY_dmq_port=5090
# nothing of this instance: no process record, no pidfile, no process with our runtime dir
nothing_left() {
	[ ! -e "$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.kamailio.id" ] &&
		[ -z "$(ls "$T/run" 2>/dev/null | grep pid)" ] &&
		! ps -e -o args= | grep -F -- "-Y $T/run" | grep -qv grep
}

t0=$(date +%s%N)
run start
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "dmq_port without Corosync: start returns 1, OCF_ERR_GENERIC (got $RC)" [ "$RC" = 1 ]
out=$(reason)
echo "# reason: $out"
contains "dmq_port is set but Corosync's node list cannot be read: Corosync does not answer (is this node in a cluster?)" \
	"the reason says what is missing"
check "it fails at once (${ms} ms < 3000)" [ "$ms" -lt 3000 ]
check "nothing left running or recorded" nothing_left
run monitor
check "monitor: not running (got $RC)" [ "$RC" = 7 ]

# libcmap is loaded only when dmq_port asks for the node list
so=$(readelf -p .note.dlopen "$AGENT" | sed -n 's/.*"soname":\["\(libcmap[^"]*\)".*/\1/p')
check "libcmap in $AGENT's .note.dlopen ($so)" [ -n "$so" ]
if ! readelf -d "$AGENT" | grep -q "NEEDED.*libcmap"; then ok "libcmap is not a NEEDED entry"
else not_ok "libcmap is a NEEDED entry: every monitor maps it"; fi
if [ -n "$so" ] && unshare -m --propagation private true 2>/dev/null; then
	AGENT_REAL=$AGENT
	AGENT=$T/agent-without-cmap
	printf '#!/bin/sh\n. "%s/tests/lib.sh"\nwithout_lib %s %s "$@"\n' "$top_srcdir" "$so" \
		"$AGENT_REAL" > "$AGENT"
	chmod 755 "$AGENT"
	run start
	out=$(reason)
	echo "# reason: $out"
	check "without libcmap: start returns 5, OCF_ERR_INSTALLED (got $RC)" [ "$RC" = 5 ]
	contains "$so: file too short" "the reason names libcmap and the loader's reason"
	AGENT=$AGENT_REAL
else
	skip_part "without libcmap: needs mount namespaces"
fi

# the failure is dmq_port's: the same instance without it starts and stops
export OCF_RESKEY_dmq_port=0
run start
check "dmq_port=0: start returns 0 (got $RC: $(reason))" [ "$RC" = 0 ]
case $ERR in *"dmq_port"*) not_ok "dmq_port=0: $ERR" ;; *) ok "dmq_port=0: no defines passed" ;; esac
run stop
check "stop returns 0 (got $RC)" [ "$RC" = 0 ]
check "nothing left after stop" nothing_left
finish
