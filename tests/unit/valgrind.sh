#!/bin/bash
# Every cmocka unit test once more under valgrind: no invalid access, no leak.
. "$top_srcdir/tests/lib.sh"
[ -n "${VALGRIND:-}" ] || skip "valgrind not found"
[ "${SIPHA_SANITIZERS:-no}" = yes ] && skip "sanitizer build: ASan replaces valgrind here"
n=0
for t in "$top_builddir"/tests/unit/test_*; do
	[ -x "$t" ] && [ -f "$t" ] || continue
	case $t in *.o|*.log|*.trs) continue;; esac
	n=$((n + 1))
	log=$(mktemp)
	if CMOCKA_MESSAGE_OUTPUT=STDOUT "$VALGRIND" -q --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect --trace-children=no "$t" >"$log" 2>&1; then
		ok "$(basename "$t") clean under valgrind"
	else
		not_ok "$(basename "$t") under valgrind"
		sed 's/^/#   /' "$log" | tail -30
	fi
	rm -f "$log"
done
[ "$n" -gt 0 ] || { echo "no unit tests found"; exit 1; }
finish
