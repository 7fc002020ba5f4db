#!/bin/bash
# scripts/slowest-tests.sh BUILD_DIR: one line naming the 8 tests that took longest in that
# build's last `make check` (tests/tap-run.sh writes "# wall: N s" into each test's log), so
# that CI's log shows where its time budget goes.
find "${1:?usage: $0 BUILD_DIR}/tests" -name '*.log' -exec grep -H '^# wall: ' {} + 2>/dev/null |
	sed 's|^.*/tests/\(.*\)\.log:# wall: \([0-9]*\) s$|\2 \1|' | sort -rn | head -8 |
	awk 'BEGIN { printf "slowest:" } { printf " %s %ss,", $2, $1 } END { print "" }'
