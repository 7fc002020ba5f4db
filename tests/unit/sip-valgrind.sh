#!/bin/sh
# tests/unit/sip-valgrind.sh: the SIP client's unit tests again under valgrind (memcheck: no
# invalid access, no definite/indirect leak, no socket left open). Skips without valgrind.
set -u
: "${top_builddir:=$(pwd)}"
[ -n "${VALGRIND:-}" ] && [ -x "$VALGRIND" ] || { echo "SKIP: no valgrind"; exit 77; }
rc=0
for t in test_sip_msg test_digest test_sip; do
	log=$(mktemp /tmp/ssip-vg.XXXXXX) || exit 1
	CMOCKA_MESSAGE_OUTPUT=TAP "$VALGRIND" -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --track-fds=yes --log-file="$log" \
		"$top_builddir/tests/unit/$t" >/dev/null
	r=$?
	# sockets still open at exit: anything valgrind lists beyond what we inherited
	fds=$(grep -c 'Open AF_INET' "$log")
	echo "$t: exit $r, $fds sockets open at exit"
	if [ $r -ne 0 ] || [ "$fds" -ne 0 ]; then
		cat "$log"
		rc=1
	fi
	rm -f "$log"
done
exit $rc
