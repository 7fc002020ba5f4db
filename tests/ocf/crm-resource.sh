#!/bin/bash
# Pacemaker's own crm_resource --validate runs the test agent: good options pass, bad ones fail
# with the agent's reason. The agent is shown to Pacemaker through a private bind mount.
. "$top_srcdir/tests/lib.sh"
need_root
need_unshare
need_cmd crm_resource

agents=$(mktemp -d /tmp/sipha-crmres.XXXXXX)
trap 'rm -rf "$agents"' EXIT
cp "$top_builddir/tests/ocf/siphatest" "$agents/"
v() { with_sipha_agents "$agents" crm_resource --validate --class ocf --provider sipha \
	--agent siphatest "$@"; }

expect_rc 0 "good options accepted" v --option ip=192.0.2.1 --option count=4 \
	--option interval=500ms --option mode=fast --option nic=eth0
contains "returned 0 (ok)" "crm_resource reports ok"
expect_rc 6 "bad address rejected" v --option ip=192.0.2.300
contains "parameter ip='192.0.2.300': expected an IPv4 or IPv6 address" "reason names the value"
expect_rc 6 "out-of-range integer rejected" v --option ip=192.0.2.1 --option count=0
contains "expected an integer from 1 to 10" "reason names the range"
expect_rc 6 "missing required parameter rejected" v --option count=2
contains "required parameter ip is not set" "reason names the parameter"
expect_rc 6 "unknown parameter rejected" v --option ip=192.0.2.1 --option cuont=2
contains "unknown parameter 'cuont'" "reason names the typo"
expect_rc 5 "missing binary is ERR_INSTALLED" v --option ip=192.0.2.1 \
	--option binary=/nonexistent/bin
contains "/nonexistent/bin" "reason names the path"
finish
