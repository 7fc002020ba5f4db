# tests/cluster/sipha-setup.sh: common start of the scenario and rolling-restart tests with the
# sipha agents: skip (77) unless the agents, the SIP client and Debian's kamailio.cfg are there;
# then a cluster of SIPHA_NODES (default 2) nodes with docs/kamailio.md's crmsh block applied as
# written (addresses replaced) and a REGISTER through the floating IP (scenario 2). Sourced
# after lib.sh; sources config.sh and scenarios.sh. SIPHA_BUDGET_S: the test's time limit.
sipha_agents_dir=${top_builddir:-$here/../..}/agents
for a in floatip kamailio; do
	[ -x "$sipha_agents_dir/$a" ] || { echo "SKIP: agents/$a not built"; exit 77; }
done
[ -x "$(scl_sip_probe_bin)" ] || { echo "SKIP: $(scl_sip_probe_bin) not built"; exit 77; }
export SCL_VIP_AGENT=ocf:sipha:floatip SCL_KAM_AGENT=ocf:sipha:kamailio
. "$here/config.sh"
. "$here/scenarios.sh"
[ -r "$SCL_KAM_CFG" ] || { echo "SKIP: $SCL_KAM_CFG missing"; exit 77; }
scl_test_require
scl_reap_stale scl-t
scl_test_begin "${SIPHA_BUDGET_S:-175}"

scl_up "${SIPHA_NODES:-2}" "$sipha_agents_dir" || scl_fail "cluster up"
scl_wait_ready 60 || scl_fail "no DC with ${SIPHA_NODES:-2} nodes online"
sipha_t=$(scl_now_ms)
scl_config_crm 1 || scl_fail "crmsh configuration"
scl_wait 60 "the configuration to run" scl_config_up 1 || scl_fail "configuration not up"
scl_wait 10 "REGISTER through $SCL_VIP" scl_register || scl_fail "REGISTER through $SCL_VIP fails"
echo "2. crmsh: up and REGISTER answered through $SCL_VIP after $(($(scl_now_ms) - sipha_t)) ms: $(scl_config_where 1)"
