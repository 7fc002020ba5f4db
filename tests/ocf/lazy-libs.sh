#!/bin/bash
# The agents load libqb (logging), libcrypto (SIP digest) and libssl (TLS probes) on first use,
# not at every start: none is a NEEDED entry of an agent binary, each is declared in a
# .note.dlopen note instead, a run that logs nothing maps none, a run that logs still writes
# its line through libqb in the usual format, and when libqb cannot be loaded the loader's
# reason is on stderr before the line.
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

# the dlopen notes (freedesktop "dlopen metadata" format) name each soname
notes() { readelf -p .note.dlopen "$top_builddir/agents/$1" 2>/dev/null; }
out=$(notes floatip)
contains '"soname":["libqb.so.' "floatip declares libqb in .note.dlopen"
out=$(notes kamailio)
contains '"soname":["libqb.so.' "kamailio declares libqb in .note.dlopen"
contains '"soname":["libcrypto.so.' "kamailio declares libcrypto in .note.dlopen"
contains '"soname":["libssl.so.' "kamailio declares libssl in .note.dlopen"
# the note's type word in the section's bytes (0x407c0c0a, little-endian), owner "FDO":
# readelf -n names the type differently from one binutils to the next, the bytes do not
out=$(readelf -x .note.dlopen "$top_builddir/agents/kamailio")
contains "0a0c7c40 46444f00" "the notes have the spec's type and owner"

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

# libqb unusable: the loader's reason, then the line itself, both on stderr (the executor's log)
need_root
need_unshare
qb=$(readelf -p .note.dlopen "$top_builddir/agents/floatip" | sed -n 's/.*"soname":\["\(libqb[^"]*\)".*/\1/p')
out=$(OCF_RESKEY_ip=192.0.2.300 without_lib "$qb" "$top_builddir/agents/floatip" validate-all 2>&1)
contains "cannot log through libqb, " "without libqb: says that libqb is unusable"
contains "$qb: file too short" "without libqb: with the loader's reason"
contains "floatip(lazy-test)[" "without libqb: the line still carries agent and instance"
contains "]: error: parameter ip=" "without libqb: the line is still written"
finish
