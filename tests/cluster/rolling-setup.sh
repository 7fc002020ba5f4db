# tests/cluster/rolling-setup.sh: common start of the rolling-restart tests (rolling.sh,
# rolling-3.sh): skip (77) unless the agents, siphactl, sip_load, sip_probe and Debian's
# kamailio.cfg are there; then a cluster of ROLL_NODES nodes with docs/kamailio.md's crmsh
# block applied as written (addresses replaced), checked to hold what the docs say a rolling
# restart needs (clone interleave=true, resource-stickiness), and a REGISTER through the
# floating IP. Sourced after lib.sh; sources config.sh, scenarios.sh and rolling-lib.sh.
# ROLL_NODES: 2 or 3; ROLL_BUDGET_S: the test's time limit.
roll_agents_dir=${top_builddir:-$here/../..}/agents
for a in floatip kamailio; do
	[ -x "$roll_agents_dir/$a" ] || { echo "SKIP: agents/$a not built"; exit 77; }
done
[ -x "$(scl_sip_probe_bin)" ] || { echo "SKIP: $(scl_sip_probe_bin) not built"; exit 77; }
export SCL_VIP_AGENT=ocf:sipha:floatip SCL_KAM_AGENT=ocf:sipha:kamailio
. "$here/config.sh"
. "$here/scenarios.sh"
. "$here/rolling-lib.sh"
[ -x "$(rl_load_bin)" ] || { echo "SKIP: $(rl_load_bin) not built"; exit 77; }
[ -x "$(rl_siphactl_bin)" ] || { echo "SKIP: $(rl_siphactl_bin) not built"; exit 77; }
[ -r "$SCL_KAM_CFG" ] || { echo "SKIP: $SCL_KAM_CFG missing"; exit 77; }
command -v xmllint >/dev/null || { echo "SKIP: xmllint missing"; exit 77; }
scl_test_require
scl_reap_stale scl-t
scl_test_begin "${ROLL_BUDGET_S:-230}"

scl_up "${ROLL_NODES:-2}" "$roll_agents_dir" || scl_fail "cluster up"
scl_wait_ready 60 || scl_fail "no DC with ${ROLL_NODES:-2} nodes online"
roll_t=$(scl_now_ms)
scl_config_crm 1 || scl_fail "crmsh configuration"
scl_wait 60 "the configuration to run" scl_config_up 1 || scl_fail "configuration not up"
scl_wait 10 "REGISTER through $SCL_VIP" scl_register || scl_fail "REGISTER through $SCL_VIP fails"
[ "$(rl_cib_count 1 "//clone[@id='kamailio-clone']/meta_attributes/nvpair[@name='interleave' and @value='true']")" = 1 ] ||
	scl_fail "the docs' configuration has no interleave=true on kamailio-clone"
[ "$(rl_cib_count 1 "//rsc_defaults//nvpair[@name='resource-stickiness' and @value='100']")" = 1 ] ||
	scl_fail "the docs' configuration has no resource-stickiness=100 default"
echo "setup: ${ROLL_NODES:-2} nodes, docs' crmsh block (interleave=true, stickiness 100) up and" \
	"REGISTER answered after $(($(scl_now_ms) - roll_t)) ms: $(scl_config_where 1)"
