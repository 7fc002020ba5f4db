#!/bin/bash
# siphactl without a cluster: --help, the man page, usage errors (exit 2 naming what is wrong),
# no cluster reachable (2), not root and not in haclient (3). Each command that would reach the
# cluster runs in a fresh network namespace (unshare -n): Pacemaker's IPC sockets are abstract
# sockets of a network namespace, so nothing there can answer, whatever runs on the host.
. "$top_srcdir/tests/lib.sh"
need_root
need_cmd unshare setpriv
CTL=$top_builddir/tools/siphactl/siphactl
[ -x "$CTL" ] || skip "siphactl not built: $CTL"
alone() { unshare -n "$CTL" "$@"; }

expect_rc 0 "--help" "$CTL" --help
contains "rolling-restart [--dry-run] [--lease DUR] [--min-healthy DUR] [--step-timeout DUR]" \
	"--help shows rolling-restart's options from the table"
contains "--clone ID" "--help shows the global options"
contains "Exit status:" "--help lists the exit statuses"

expect_rc 0 "--man" "$CTL" --man
contains ".SH CHECK RULES" "the man page lists the check rules"
contains "ip\\-local\\-foreign" "the man page names the rule of outage 2"

expect_rc 2 "no command" "$CTL"
contains "no command given" "no command: says so"
expect_rc 2 "unknown command" "$CTL" restart-everything
contains "unknown command 'restart-everything'" "unknown command: named"
expect_rc 2 "unknown option" "$CTL" status --colour
contains "unknown option --colour" "unknown option: named"
expect_rc 2 "option of another command" "$CTL" status --dry-run
contains "--dry-run does not apply to status" "misplaced option: named"
expect_rc 2 "bad duration" "$CTL" rolling-restart --lease 10years
contains "--lease 10years: not a duration" "bad duration: names the option and the value"
expect_rc 2 "zero duration" "$CTL" rolling-restart --min-healthy=0s
contains "--min-healthy 0s: must be more than 0" "zero duration: names the option"
expect_rc 2 "missing value" "$CTL" rolling-restart --step-timeout
contains "--step-timeout needs a value" "missing value: named"

expect_rc 2 "status, no cluster" alone status
contains "no cluster reachable" "status, no cluster: a clear line"
expect_rc 2 "status --json, no cluster" alone status --json
expect_rc 2 "check, no cluster" alone check
expect_rc 2 "rolling-restart --dry-run, no cluster" alone rolling-restart --dry-run
contains "no cluster reachable" "dry run, no cluster: a clear line"
expect_rc 2 "abort, no cluster" alone abort

if id nobody >/dev/null 2>&1; then
	asnobody() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$CTL" "$@"; }
	expect_rc 3 "status as nobody" asnobody status
	contains "needs root or membership of the haclient group" "not root: a clear line"
	expect_rc 3 "rolling-restart as nobody" asnobody rolling-restart --dry-run
	expect_rc 0 "--help as nobody" asnobody --help
else
	skip_part "no user nobody"
fi
finish
