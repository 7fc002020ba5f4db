#!/bin/bash
# The agents load libqb (logging) and libcrypto (SIP digest) on first use, not at every start:
# neither is a NEEDED entry of an agent binary, a run that logs nothing maps neither, and a run
# that logs still writes its line through libqb in the usual format.
. "$top_srcdir/tests/lib.sh"
need_cmd readelf
for a in floatip kamailio; do
	bin=$top_builddir/agents/$a
	needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
	case $needed in
	*libqb* | *libcrypto* | *libsystemd*) not_ok "$a links at start: $needed" ;;
	*) ok "$a needs only: $needed" ;;
	esac
done

# meta-data logs nothing: libqb is never mapped (LD_DEBUG=files lists what the loader opens)
out=$(LD_DEBUG=files "$top_builddir/agents/kamailio" meta-data 2>&1 >/dev/null)
case $out in
*libqb*) not_ok "meta-data loaded libqb" ;;
*) ok "meta-data did not load libqb" ;;
esac

# a line that is logged goes through libqb, in the agent(instance)[pid]: level: text format
export OCF_RESOURCE_INSTANCE=lazy-test
out=$(LD_DEBUG=files OCF_RESKEY_ip=192.0.2.300 "$top_builddir/agents/floatip" validate-all 2>&1)
contains "libqb.so" "a logged line loads libqb"
contains "floatip(lazy-test)[" "the line carries agent and instance"
contains "]: error: parameter ip=" "level and text follow"
finish
