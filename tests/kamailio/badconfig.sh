#!/bin/sh
# A broken configuration: start fails with Kamailio's own error line, nothing keeps running.
. "$top_srcdir/tests/kamailio/lib.sh"
export OCF_RESKEY_listen="udp:${KAM_IP}:5061"
cfg=$T/broken.cfg
sed 's/^loadmodule "sl.so"/loadmodule "no_such_module.so"/' \
	"$top_srcdir/tests/kamailio/sipha-kam.cfg" > "$cfg"
export OCF_RESKEY_conffile=$cfg
expect 6 start
r=$(reason)
echo "reason: $r"
case $r in
*"config check"*"line "*"failed to load module"*) ;;
*) fail "reason does not quote Kamailio's error: $r" ;;
esac
[ ! -e "$HA_RSCTMP/sipha/$OCF_RESOURCE_INSTANCE.kamailio.id" ] || fail "a process was recorded"
expect 7 monitor
# a missing file is "not installed", and validate-all says so too
export OCF_RESKEY_conffile=$T/nonexistent.cfg
expect 5 start
expect 5 validate-all
# a probe where Kamailio isn't even installed answers "not running"
OCF_RESKEY_binary=/nonexistent/kamailio OCF_RESKEY_CRM_meta_interval=0 expect 7 monitor

# the socket is taken (here by another instance of the agent): start fails and says why,
# although Kamailio itself logs only to syslog. (TCP: Kamailio's UDP sockets use SO_REUSEADDR,
# and Linux then lets a second process bind the same UDP address and port.)
export OCF_RESKEY_conffile=$top_srcdir/tests/kamailio/sipha-kam.cfg
export OCF_RESKEY_listen="udp:${KAM_IP}:5061 tcp:${KAM_IP}:5061"
start_ok
OCF_RESOURCE_INSTANCE=skam-badconfig2 OCF_RESKEY_runtime_dir=$T/run2 expect 1 start
echo "reason: $(reason)"
case $(reason) in *"exited during start"*[Aa]ddress*) ;; *) fail "reason: $(reason)" ;; esac
[ -z "$(ls "$T/run2" 2>/dev/null | grep pid)" ] || fail "pidfile left by the failed start"
OCF_RESOURCE_INSTANCE=skam-badconfig2 OCF_RESKEY_runtime_dir=$T/run2 expect 7 monitor
expect 0 monitor
expect 0 stop
echo "PASS: badconfig"
