#!/bin/sh
# libcrypto is loaded on the first digest (depth 20 with a password). When it cannot be loaded
# (an empty file where the loader finds it, as after a broken package), the monitor fails with
# the loader's reason in ocf-exit-reason, not a bare "No such file or directory", and depth 10,
# which needs no digest, is unaffected.
. "$top_srcdir/tests/kamailio/lib.sh"
crypto=$(readelf -p .note.dlopen "$AGENT" | sed -n 's/.*"soname":\["\(libcrypto[^"]*\)".*/\1/p')
[ -n "$crypto" ] || fail "no libcrypto soname in $AGENT's .note.dlopen"
export OCF_RESKEY_listen="udp:${KAM_IP}:5065"
export OCF_RESKEY_sip_timeout=1s
export OCF_RESKEY_extra_options="-A WITH_AUTH -A AUTH_PW=\"s3cret\""
start_ok
OCF_RESKEY_register_password=s3cret OCF_CHECK_LEVEL=20 expect 0 monitor

AGENT_REAL=$AGENT
AGENT=$T/agent-without-crypto
printf '#!/bin/sh\n. "%s/tests/lib.sh"\nwithout_lib %s %s "$@"\n' "$top_srcdir" "$crypto" \
	"$AGENT_REAL" > "$AGENT"
chmod 755 "$AGENT"
OCF_CHECK_LEVEL=10 expect 0 monitor
OCF_RESKEY_register_password=s3cret OCF_CHECK_LEVEL=20 expect 1 monitor
echo "reason: $(reason)"
case $(reason) in
"REGISTER to udp:${KAM_IP}:5065: "*"$crypto: file too short") ;;
*) fail "reason: $(reason)" ;;
esac
AGENT=$AGENT_REAL
expect 0 stop
echo "PASS: missing-lib"
