# tests/cluster/config.sh: the typical sipha configuration (docs/), applied with pcs or crmsh
# inside a node of the namespace cluster. Sourced after lib.sh.
# With the sipha agents (and no SCL_KAM_PARAMS), the configuration IS docs/kamailio.md's: its
# pcs and crmsh blocks are read from the page at run time and run command by command, with only
# the floating address 192.0.2.10 replaced by SCL_VIP (Debian's default kamailio.cfg, the
# page's listen sockets: floating IP and loopback). Otherwise a configuration of the same shape
# is generated for the stand-in agents below.
#   kamailio      clone (one instance per node), monitor depth 0 every 10 s, depth 10 every 30 s
#   floatip       the floating IP, colocated with a started kamailio instance, ordered after it
#   location rule floatip stays off nodes whose sipha-health attribute is red
# The agents are parameters: SCL_VIP_AGENT (ocf:heartbeat:IPaddr2 or ocf:sipha:floatip) and
# SCL_KAM_AGENT (ocf:sipha:kamailio, or ocf:heartbeat:Dummy as a stand-in;
# not ocf:pacemaker:Dummy, whose depth-10 monitor sleeps 30 s on purpose), with extra
# parameters in SCL_VIP_PARAMS / SCL_KAM_PARAMS (k=v, shell quoting) and extra floatip
# operations in SCL_VIP_OPS.

SCL_VIP_AGENT=${SCL_VIP_AGENT:-ocf:heartbeat:IPaddr2}
SCL_KAM_AGENT=${SCL_KAM_AGENT:-ocf:heartbeat:Dummy}
SCL_SRCDIR=${top_srcdir:-$(cd "$SCL_LIBDIR/../.." && pwd)}
SCL_DOCS=${SCL_DOCS:-$SCL_SRCDIR/docs/kamailio.md}
# The docs' configuration uses Debian's default kamailio.cfg (the agent's default conffile).
SCL_KAM_CFG=${SCL_KAM_CFG:-/etc/kamailio/kamailio.cfg}
# Scenario 5 shrinks the pool to this (MB) after the docs' configuration is up, so that it is
# exhausted in seconds (sc_shm_shrink).
SCL_KAM_SHM=${SCL_KAM_SHM:-8}
SCL_FROM_DOCS=
if [ "$SCL_KAM_AGENT" = ocf:sipha:kamailio ] && [ "$SCL_VIP_AGENT" = ocf:sipha:floatip ] &&
	[ -z "${SCL_KAM_PARAMS+set}" ]; then
	SCL_FROM_DOCS=yes
fi
# The floating IP resource: the docs' name, or the generated configuration's.
SCL_VIP_RSC=floatip
[ -n "$SCL_FROM_DOCS" ] && SCL_VIP_RSC=sip-ip
# floatip exactly as in docs/floatip.md: depth 0 every 10 s, depth 10 (anyone else answering
# for the address?) every 30 s. A second holder (scenario 6: a DHCP copy on the standby) makes
# the depth-10 monitor degraded, not failed, so the address keeps serving where it is.
if [ "$SCL_VIP_AGENT" = ocf:sipha:floatip ]; then
	SCL_VIP_MON=${SCL_VIP_MON:-"op monitor interval=10s timeout=20s"}
	SCL_VIP_OPS=${SCL_VIP_OPS-"op monitor interval=30s timeout=20s OCF_CHECK_LEVEL=10"}
fi
# IPaddr2 (stock): a 2 s monitor, as usually configured for it.
SCL_VIP_MON=${SCL_VIP_MON:-"op monitor interval=2s timeout=20s"}
SCL_VIP_PARAMS=${SCL_VIP_PARAMS:-}
SCL_KAM_PARAMS=${SCL_KAM_PARAMS:-}
SCL_VIP_OPS=${SCL_VIP_OPS:-}

# True when the sipha kamailio agent is under test (SIP checks make sense then).
scl_config_sipha() { [ "$SCL_KAM_AGENT" = ocf:sipha:kamailio ]; }

# The commands of the docs' block under the heading "### $1" (pcs, crmsh) of docs/kamailio.md,
# one per line (continuation lines joined), the floating address replaced by SCL_VIP.
scl_docs_block() {
	docs_block "$SCL_DOCS" "### $1" | sed -e "s/192\.0\.2\.10\([^0-9]\|\$\)/$SCL_VIP\1/g"
}

# A location rule as pcs takes it: pcs 0.12 (Debian 13) as one string, where several words are
# deprecated; pcs 0.11 (Debian 12) only as words (docs/releases.md).
scl_pcs_rule() {
	case $(pcs --version 2>/dev/null) in
	0.10.* | 0.11.*) echo "$*" ;;
	*) echo "\"$*\"" ;;
	esac
}

# The heading of the docs' pcs block for the pcs installed here: pcs 0.12 (Debian 13) takes a
# rule as one string, pcs 0.11 (Debian 12) only as words.
scl_pcs_heading() {
	case $(pcs --version 2>/dev/null) in
	0.10.* | 0.11.*) echo "pcs (Debian 12: pcs 0.11)" ;;
	*) echo "pcs (Debian 13: pcs 0.12)" ;;
	esac
}

# The pcs commands (one per line) that build the configuration, as an admin would type them:
# docs/kamailio.md's block for this release, or the same shape for the stand-in agents.
scl_config_pcs_script() {
	if [ -n "$SCL_FROM_DOCS" ]; then
		scl_docs_block "$(scl_pcs_heading)"
		return
	fi
	# Empty parameter lists leave double blanks: squeeze them.
	tr -s ' ' <<EOF
pcs resource create kamailio $SCL_KAM_AGENT $SCL_KAM_PARAMS op start timeout=60s op stop timeout=30s op monitor interval=10s timeout=20s op monitor interval=30s timeout=30s OCF_CHECK_LEVEL=10 clone
pcs resource create floatip $SCL_VIP_AGENT ip=$SCL_VIP cidr_netmask=24 nic=eth0 $SCL_VIP_PARAMS $SCL_VIP_MON $SCL_VIP_OPS
pcs constraint colocation add floatip with kamailio-clone score=INFINITY
pcs constraint order start kamailio-clone then start floatip
pcs constraint location floatip rule score=-INFINITY $(scl_pcs_rule sipha-health eq red)
EOF
}

# The same configuration in crmsh syntax: the docs' crm commands, or the text for
# `crm configure load update FILE`.
scl_config_crm_text() {
	local kp= vp= vo= sq="'" dq='"'
	if [ -n "$SCL_FROM_DOCS" ]; then
		scl_docs_block crmsh
		return
	fi
	# crmsh quotes values with double quotes.
	[ -n "$SCL_KAM_PARAMS" ] && kp=$' \\\n\tparams '"${SCL_KAM_PARAMS//$sq/$dq}"
	[ -n "$SCL_VIP_PARAMS" ] && vp=" ${SCL_VIP_PARAMS//$sq/$dq}"
	[ -n "$SCL_VIP_OPS" ] && vo=$' \\\n\t'"$SCL_VIP_OPS"
	cat <<EOF
primitive kamailio $SCL_KAM_AGENT$kp \\
	op start timeout=60s op stop timeout=30s \\
	op monitor interval=10s timeout=20s \\
	op monitor interval=30s timeout=30s OCF_CHECK_LEVEL=10
clone kamailio-clone kamailio
primitive floatip $SCL_VIP_AGENT \\
	params ip=$SCL_VIP cidr_netmask=24 nic=eth0$vp \\
	$SCL_VIP_MON$vo
colocation floatip-with-kamailio inf: floatip kamailio-clone
order kamailio-then-floatip Mandatory: kamailio-clone floatip
location floatip-off-red-health floatip \\
	rule -inf: sipha-health eq red
EOF
}

# Runs each command read on stdin inside node I, as an admin would type it.
scl_config_run() {
	local i=$1 line n=0
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		n=$((n + 1))
		# The lines are the docs' (or ours), quoted as an admin would type them.
		eval "scl_exec \"\$i\" $line" >/dev/null || { scl_die "failed: $line"; return 1; }
	done
	[ "$n" -gt 0 ] || { scl_die "no commands to run (docs block missing?)"; return 1; }
}

# Apply the configuration on node I with pcs (run inside the node, no pcsd needed).
scl_config_pcs() {
	scl_config_run "$1" < <(scl_config_pcs_script)
}

# Apply the configuration on node I with crmsh: the docs' crm commands, or `crm configure
# load update` of the generated text.
scl_config_crm() {
	local i=$1 f=$SCL_STATE/sipha.crm
	if [ -n "$SCL_FROM_DOCS" ]; then
		scl_config_run "$i" < <(scl_docs_block crmsh)
		return
	fi
	scl_config_crm_text >"$f"
	# /tmp is shared with the nodes (only the cluster's own dirs are private).
	scl_exec "$i" crm configure load update "$f" >/dev/null ||
		{ scl_die "crm configure load failed"; return 1; }
}

# Remove the configuration (resources are stopped first by Pacemaker), bounded.
scl_config_clear() {
	local i=$1
	scl_exec "$i" cibadmin --replace -o constraints --xml-text '<constraints/>' || return 1
	scl_exec "$i" cibadmin --replace -o resources --xml-text '<resources/>' || return 1
	scl_wait 30 "resources stopped" scl_no_rsc_active "$i"
}

scl_no_rsc_active() {
	! scl_exec "$1" crm_mon -1 -r --output-as=xml | grep -q '<resource .*active="true"'
}

# True when the configuration runs: kamailio on every online node, floatip on one of them
# with the address there.
scl_config_up() {
	local i=$1 n on v
	n=$(scl_online_count "$i")
	on=$(scl_exec "$i" crm_resource --locate --resource kamailio-clone 2>/dev/null | grep -c 'is running on')
	[ "$on" = "$n" ] || return 1
	v=$(scl_rsc_node "$i" "$SCL_VIP_RSC")
	[ -n "$v" ] && [ "$(scl_vip_node)" = "$v" ]
}

# A one-line summary of where things run, for comparisons and narration.
scl_config_where() {
	local i=$1
	printf 'kamailio-clone on [%s], %s on node%s (address on node%s)' \
		"$(scl_exec "$i" crm_resource --locate --resource kamailio-clone 2>/dev/null |
			sed -n 's/.*running on: //p' | sort | tr '\n' ' ' | sed 's/ $//')" \
		"$SCL_VIP_RSC" "$(scl_rsc_node "$i" "$SCL_VIP_RSC")" "$(scl_vip_node)"
}
