#!/bin/bash
# pcs checks resources against the agent's meta-data (offline, on a CIB file): it accepts the
# test agent with good options and rejects an unknown or missing one, and with
# --agent-validation it shows the agent's own reason.
. "$top_srcdir/tests/lib.sh"
need_root
need_unshare
need_cmd pcs cibadmin xmllint

tmp=$(mktemp -d /tmp/sipha-pcs.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/agents"
cp "$top_builddir/tests/ocf/siphatest" "$tmp/agents/"
cibadmin --empty >"$tmp/cib.xml" || { echo "cibadmin --empty failed"; exit 1; }
p() { with_sipha_agents "$tmp/agents" pcs -f "$tmp/cib.xml" "$@"; }

expect_rc 0 "pcs creates the resource" p resource create t1 ocf:sipha:siphatest \
	ip=192.0.2.1 count=4 mode=fast
x() { xmllint --xpath "$1" "$tmp/cib.xml" 2>/dev/null; }
check "the primitive is in the CIB" \
	test "$(x 'string(//primitive[@id="t1"]/@provider)')" = sipha
check "its deep monitor comes from the meta-data (60s, OCF_CHECK_LEVEL 10)" test "$(x \
	'string(//primitive[@id="t1"]//op[@interval="60s"]//nvpair[@name="OCF_CHECK_LEVEL"]/@value)')" = 10
expect_rc 1 "pcs rejects an unknown parameter" p resource create t2 ocf:sipha:siphatest \
	ip=192.0.2.2 foo=1
contains "invalid resource option 'foo'" "pcs names the unknown option"
expect_rc 1 "pcs rejects a missing required parameter" p resource create t3 \
	ocf:sipha:siphatest count=2
contains "required resource option 'ip' is missing" "pcs names the missing option"
expect_rc 1 "agent validation rejects a bad value" p resource create t4 ocf:sipha:siphatest \
	ip=192.0.2.300 --agent-validation
contains "ocf-exit-reason:parameter ip='192.0.2.300'" "pcs shows the agent's reason"
check "rejected resources are not in the CIB" test "$(grep -c '<primitive' "$tmp/cib.xml")" = 1
finish
