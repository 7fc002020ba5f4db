# tests/cluster/rolling-setup.sh: common start of the rolling-restart tests (rolling.sh,
# rolling-3.sh): skip (77) unless siphactl and sip_load are built (xmllint there), then
# sipha-setup.sh's cluster of ROLL_NODES nodes with docs/kamailio.md's crmsh block, checked to
# hold what the docs say a rolling restart needs (clone interleave=true, resource-stickiness).
# Sourced after lib.sh; sources rolling-lib.sh and sipha-setup.sh.
# ROLL_NODES: 2 or 3; ROLL_BUDGET_S: the test's time limit.
. "$here/rolling-lib.sh"
[ -x "$(rl_load_bin)" ] || { echo "SKIP: $(rl_load_bin) not built"; exit 77; }
[ -x "$(rl_siphactl_bin)" ] || { echo "SKIP: $(rl_siphactl_bin) not built"; exit 77; }
command -v xmllint >/dev/null || { echo "SKIP: xmllint missing"; exit 77; }
SIPHA_NODES=${ROLL_NODES:-2} SIPHA_BUDGET_S=${ROLL_BUDGET_S:-230}
. "$here/sipha-setup.sh"
[ "$(rl_cib_count 1 "//clone[@id='kamailio-clone']/meta_attributes/nvpair[@name='interleave' and @value='true']")" = 1 ] ||
	scl_fail "the docs' configuration has no interleave=true on kamailio-clone"
[ "$(rl_cib_count 1 "//rsc_defaults//nvpair[@name='resource-stickiness' and @value='100']")" = 1 ] ||
	scl_fail "the docs' configuration has no resource-stickiness=100 default"
echo "setup: ${SIPHA_NODES} nodes, docs' crmsh block (interleave=true, stickiness 100)"
