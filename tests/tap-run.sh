#!/bin/bash
# tests/tap-run.sh CMD...: runs one test for automake's TAP driver (build-aux/tap-driver.sh), so
# that every part of a test counts as PASS, FAIL or SKIP in test-suite.log. Passes TAP through
# (cmocka, tests/lib.sh's ok/not_ok/skip_part) and turns the exit-status convention into TAP:
# 0 without test points is one passed point, 77 is a skip (of the whole test, or of the rest
# after the points already written) with the "SKIP: reason" line as the reason.
# Under CI=true a skip is a failure: CI is meant to run every test listed for its build.
set -u
out=$(mktemp /tmp/sipha-tap.XXXXXX) || exit 99
t0=$SECONDS
# the test's wall time in its log: scripts/test.sh lists the slowest (CI's time is budgeted)
trap 'echo "# wall: $((SECONDS - t0)) s"; rm -f "$out"' EXIT
"$@" 2>&1 | tee "$out" | awk -v ci="${CI:-}" '
	# a skipped point under CI=true: a failure saying what was skipped
	ci == "true" && /^ok [0-9]+ .*# *[Ss][Kk][Ii][Pp]/ {
		sub(/^ok/, "not ok"); sub(/# *[Ss][Kk][Ii][Pp]/, "- skipped under CI=true:")
	}
	ci == "true" && /^1\.\.0 *# *[Ss][Kk][Ii][Pp]/ { print "not ok 1 - skipped under CI=true"; print "1..1"; next }
	# every producer here numbers its points: "ok: done" is a message, not a result
	/^(not )?ok/ && !/^(not )?ok [0-9]+( |$)/ { print "# " $0; next }
	{ print }'
rc=${PIPESTATUS[0]}
points=$(grep -cE '^(not )?ok [0-9]+( |$)' "$out")
planned=$(grep -cE '^1\.\.[0-9]+' "$out")
failed=$(grep -cE '^not ok [0-9]+( |$)' "$out")
reason=$(sed -n 's/^.*SKIP: //p' "$out" | tail -1)
name=$(basename "${!#}")
case $rc in
77)
	[ "$planned" = 0 ] || { echo "not ok $((points + 1)) - exit 77 after its plan"; exit 1; }
	if [ "${CI:-}" = true ]; then
		echo "not ok $((points + 1)) - $name skipped under CI=true: ${reason:-no reason given}"
		echo "1..$((points + 1))"
	elif [ "$points" = 0 ]; then
		echo "1..0 # SKIP ${reason:-$name}"
	else
		printf 'ok %d %s %s\n' $((points + 1)) "# SKIP" "${reason:-rest of $name}"
		echo "1..$((points + 1))"
	fi
	exit 0 ;;
0)
	# no plan: the exit status is a point of its own, next to any skipped part
	if [ "$planned" = 0 ]; then
		echo "ok $((points + 1)) - $name"
		echo "1..$((points + 1))"
	fi
	exit 0 ;;
*)
	# a test that reported its failures as points already said everything
	if [ "$planned" = 0 ]; then
		echo "not ok $((points + 1)) - $name exited with status $rc"
		echo "1..$((points + 1))"
		exit 0
	fi
	[ "$failed" -gt 0 ] && [ "$rc" = 1 ] && exit 0
	exit "$rc" ;;
esac
