#!/bin/bash
# The pcs and crmsh commands of docs/floatip.md, run as written on a CIB file against the
# built agent's meta-data (shown to Pacemaker through a private bind mount): they are accepted
# and produce the primitive, both monitors and the constraints.
. "$top_srcdir/tests/lib.sh"
need_root
need_unshare
need_cmd pcs cibadmin xmllint
AGENT=$top_builddir/agents/floatip
[ -x "$AGENT" ] || skip "agent not built"

tmp=$(mktemp -d /tmp/sfip-pcs.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/agents"
cp "$AGENT" "$tmp/agents/"
doc=$top_srcdir/docs/floatip.md

# commands HEADING TOOL: the TOOL lines of the first block under HEADING, continuations joined
commands() { docs_block "$doc" "$1" | grep "^$2 "; }
x() { xmllint --xpath "$1" "$2" 2>/dev/null; }

for tool in pcs crm; do
	if [ $tool = crm ] && ! command -v crm >/dev/null; then skip_part "crm: not installed"; continue; fi
	cib=$tmp/cib-$tool.xml
	cibadmin --empty >"$cib" || { echo "cibadmin --empty failed"; exit 1; }
	# the kamailio clone the constraints refer to, as a stand-in; no fencing in a file CIB
	expect_rc 0 "$tool: stand-in kamailio clone" with_sipha_agents "$tmp/agents" \
		pcs -f "$cib" resource create kamailio ocf:heartbeat:Dummy clone
	pcs -f "$cib" property set stonith-enabled=false >/dev/null 2>&1
	# the pcs block for the pcs installed here (0.12 takes a rule as one string, 0.11 as words)
	case $(pcs --version) in
	0.10.* | 0.11.*) heading="## Configuration with pcs (Debian 12: pcs 0.11)" ;;
	*) heading="## Configuration with pcs (Debian 13: pcs 0.12)" ;;
	esac
	[ $tool = crm ] && heading="## Configuration with crmsh"
	n=0
	while IFS= read -r cmd; do
		n=$((n + 1))
		# words as the shell would split them, quotes included (a rule may be one string)
		mapfile -t argv < <(xargs printf '%s\n' <<<"$cmd")
		if [ $tool = pcs ]; then
			expect_rc 0 "doc: $cmd" with_sipha_agents "$tmp/agents" pcs -f "$cib" "${argv[@]:1}"
		else
			expect_rc 0 "doc: $cmd" with_sipha_agents "$tmp/agents" env CIB_file="$cib" \
				crm "${argv[@]:1}"
		fi
	done < <(commands "$heading" $tool)
	check "$tool: the doc has commands ($n)" test "$n" -ge 4
	check "$tool: primitive vip of ocf:sipha:floatip" \
		test "$(x 'string(//primitive[@id="vip"]/@type)' "$cib")" = floatip
	check "$tool: depth-10 monitor every 30s" test "$(x \
		'string(//primitive[@id="vip"]//op[@interval="30s"]//nvpair[@name="OCF_CHECK_LEVEL"]/@value)' \
		"$cib")" = 10
	check "$tool: colocation with kamailio-clone" \
		test "$(x 'count(//rsc_colocation[@rsc="vip"][@with-rsc="kamailio-clone"])' "$cib")" = 1
	check "$tool: order after kamailio-clone" \
		test "$(x 'count(//rsc_order[@first="kamailio-clone"][@then="vip"])' "$cib")" = 1
	check "$tool: location rule on sipha-health" test "$(x \
		'count(//rsc_location[@rsc="vip"]//expression[@attribute="sipha-health"][@value="red"])' \
		"$cib")" = 1
done
finish
