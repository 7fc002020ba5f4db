#!/bin/bash
# Pacemaker's own crm_resource --validate runs the test agent: good options pass, bad ones fail
# with the agent's reason. The agent is shown to Pacemaker through a private bind mount. The
# result is read from crm_resource's XML (agent-status code and reason), the same in Pacemaker
# 2.1 and 3.0; its text output is not (3.0 says "returned 0 (OK)").
. "$top_srcdir/tests/lib.sh"
need_root
need_unshare
need_cmd crm_resource
xmllint=${XMLLINT:-xmllint}
need_cmd "$xmllint"

agents=$(mktemp -d /tmp/sipha-crmres.XXXXXX)
trap 'rm -rf "$agents"' EXIT
cp "$top_builddir/tests/ocf/siphatest" "$agents/"
v() { with_sipha_agents "$agents" crm_resource --validate --class ocf --provider sipha \
	--agent siphatest --output-as=xml "$@"; }
# agent ATTR: that attribute of the agent's status in $out
agent() { printf '%s\n' "$out" | "$xmllint" --xpath "string(//agent-status/@$1)" - 2>/dev/null; }
# answered CODE [REASON_PART] DESCRIPTION: the agent's own code (and reason) as Pacemaker saw them
answered() {
	local code=$1 part= d
	[ $# = 3 ] && part=$2
	d=${!#}
	if [ "$(agent code)" = "$code" ] && [[ $(agent reason) == *"$part"* ]]; then
		ok "$d"
	else
		not_ok "$d: agent code '$(agent code)' reason '$(agent reason)'"
	fi
}

expect_rc 0 "good options accepted" v --option ip=192.0.2.1 --option count=4 \
	--option interval=500ms --option mode=fast --option nic=eth0
answered 0 "crm_resource reports the agent's 0"
expect_rc 6 "bad address rejected" v --option ip=192.0.2.300
answered 6 "parameter ip='192.0.2.300': expected an IPv4 or IPv6 address" "reason names the value"
expect_rc 6 "out-of-range integer rejected" v --option ip=192.0.2.1 --option count=0
answered 6 "expected an integer from 1 to 10" "reason names the range"
expect_rc 6 "missing required parameter rejected" v --option count=2
answered 6 "required parameter ip is not set" "reason names the parameter"
expect_rc 6 "unknown parameter rejected" v --option ip=192.0.2.1 --option cuont=2
answered 6 "unknown parameter 'cuont'" "reason names the typo"
expect_rc 5 "missing binary is ERR_INSTALLED" v --option ip=192.0.2.1 \
	--option binary=/nonexistent/bin
answered 5 "/nonexistent/bin" "reason names the path"
finish
