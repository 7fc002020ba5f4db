# tests/run-alone.sh: sourced (sh or bash) by the tests that must not share the machine with
# another of their kind: the cluster tests, the stress test, the package test. Each loads the
# two cores or times things, and make check -j2 would otherwise run two at once (seen in CI: a
# test cluster's nodes missed Corosync's token, a move was not scheduled in time).

# run_alone SHELL [ARG...]: under make check (top_builddir set), the test runs again as
# `SHELL $0 ARG...` holding /tmp/sipha-cluster-tests.lock (waiting up to 15 min for it); -o keeps
# the lock out of the daemons it starts. Run by hand, or once re-run, it returns at once.
run_alone() {
	if [ -z "${SCL_LOCKED:-}" ] && [ -n "${top_builddir:-}" ]; then
		SCL_LOCKED=1 exec flock -o -w 900 /tmp/sipha-cluster-tests.lock "$@"
	fi
}
