#!/bin/bash
# tests/cluster/migrate.sh: docs/migrating.md's swap plans, run as written in a real two-node
# cluster. A stock configuration (below: the IPaddr2 `vip` colocated with and ordered after an
# ocf:heartbeat:kamailio clone, as an admin would have it) is built with pcs; the page's pcs
# plans swap vip to ocf:sipha:floatip, then the clone to ocf:sipha:kamailio. The configuration
# is removed, the stock one built again with crmsh, and the crmsh plans swap it the same way.
# The plans are read from the page at run time (fenced blocks under "#### ... with pcs|crmsh"),
# command by command, inside node 1; "ip ... # on every node: no output" runs in every node and
# must print nothing; a comment naming another page's block ("floatip.md's "Configuration with
# pcs" block for your pcs release, its lines naming kamailio-clone") runs that block's commands,
# read from that page. The floating address is the docs' own (192.0.2.10): nothing is replaced.
# After each swap: the sipha resources started (crm_mon XML), the client REGISTERs through the
# address, no stock resource, no target-role=Stopped and no constraint naming a missing
# resource in the CIB (cibadmin -Q, xmllint), the constraints as floatip.md makes them, no
# failed action. After the Kamailio swap also sipha-health green on both nodes; `siphactl
# check` exits 1 (resource-missing) between the two swaps, as the page says, and 0 after them.
# Prints the service gap of each swap: the longest silence of a ping every 10 ms and of a
# REGISTER every ~50 ms through the address; and each plan command's time.
set -u
export SCL_NAME=${SCL_NAME:-scl-t$$}
# The docs' address, free in the harness's network (nodes .11 and .12, the client .100).
export SCL_VIP=192.0.2.10
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
built=${top_builddir:-$here/../..}
src=${top_srcdir:-$here/../..}
agents_dir=$built/agents
siphactl=$built/tools/siphactl/siphactl
for x in "$agents_dir/floatip" "$agents_dir/kamailio" "$siphactl" "$(scl_sip_probe_bin)"; do
	[ -x "$x" ] || { echo "SKIP: $x not built"; exit 77; }
done
for x in /usr/lib/ocf/resource.d/heartbeat/IPaddr2 /usr/lib/ocf/resource.d/heartbeat/kamailio \
	/etc/kamailio/kamailio.cfg; do
	[ -e "$x" ] || { echo "SKIP: $x missing"; exit 77; }
done
for t in pcs crm xmllint sipsak kamctl; do
	# The stock kamailio agent needs sipsak and kamctl.
	command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t missing"; exit 77; }
done
scl_test_require
scl_reap_stale scl-t
scl_test_begin 420
MG_PAGE=$src/docs/migrating.md

# mg_block FILE HEADING: the commands of the first fenced block under the heading whose text is
# HEADING (any level), continuation lines joined (docs_block, with the heading's own line).
mg_block() {
	local line
	line=$(awk -v h="$2" '/^```/ { inb = !inb } !inb && /^#+ / { t = $0; sub(/^#+ /, "", t)
		if (t == h) { print; exit } }' "$1")
	[ -n "$line" ] && docs_block "$1" "$line"
}

# The heading of a page's pcs block for the pcs installed here (docs/releases.md).
mg_pcs_release() {
	case $(pcs --version 2>/dev/null) in
	0.10.* | 0.11.*) echo "$1 (Debian 12: pcs 0.11)" ;;
	*) echo "$1 (Debian 13: pcs 0.12)" ;;
	esac
}

# mg_run FILE HEADING [WORD]: run the block inside node 1 (only its lines naming WORD, as a
# whole word, when given). Comment lines naming another page's block run that block.
mg_run() {
	local log=$SCL_STATE/mg.log file=$1 h=$2 word=${3:-} line n=0 i out ref t
	local re='^# *[0-9.]* *([a-z]+\.md)'"'"'s "([^"]+)" block'
	re+='( for your pcs release)?(, its lines naming ([^ ]+))?'
	local -a w
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		if [[ $line =~ $re ]]; then
			ref=${BASH_REMATCH[2]}
			[ -n "${BASH_REMATCH[3]}" ] && ref=$(mg_pcs_release "$ref")
			echo "  [$h] -> ${BASH_REMATCH[1]} \"$ref\"${BASH_REMATCH[5]:+ naming ${BASH_REMATCH[5]}}"
			mg_run "$src/docs/${BASH_REMATCH[1]}" "$ref" "${BASH_REMATCH[5]}" || return 1
			n=$((n + 1))
			continue
		fi
		case $line in '#'*) continue ;; esac
		if [ -n "$word" ]; then
			read -r -a w <<<"$line"
			case " ${w[*]} " in *" $word "*) ;; *) continue ;; esac
		fi
		n=$((n + 1))
		t=$(scl_now_ms)
		# The built siphactl stands for the installed one.
		case $line in siphactl\ *) line="$siphactl ${line#siphactl }" ;; esac
		if [[ $line == *'# on every node: no output' ]]; then
			for i in $(seq 1 "$(scl_nodes)"); do
				out=$(eval "scl_exec $i ${line%%#*}" 2>&1) ||
					{ scl_die "node$i: failed: $line: $out"; return 1; }
				[ -z "$out" ] || { scl_die "node$i: $line printed: $out"; return 1; }
			done
		else
			# Long enough for --wait=120.
			SCL_EXEC_TIMEOUT=150 eval "scl_exec 1 $line" >>"$log" 2>&1 ||
				{ scl_die "failed: $line (output: $(tail -n 5 "$log" | tr '\n' ' '))"; return 1; }
		fi
		printf '  [%s] %5d ms  %s\n' "$h" $(($(scl_now_ms) - t)) "$line"
	done < <(mg_block "$file" "$h")
	[ "$n" -gt 0 ] || { scl_die "no commands under '$h' in $file${word:+ naming $word}"; return 1; }
}

# The stock configuration. The stock agent's monitor sends OPTIONS to sip:monitor@127.0.0.1 with
# sipsak and needs a 200: its meta-data asks for this snippet in kamailio.cfg (Debian's default
# answers such an OPTIONS 404). The copy is the stock instances' conffile. kamctl is set: the
# agent's default, /usr/bin/kamctl, does not exist on Debian (/usr/sbin/kamctl), and its
# monitor's `kamctl monitor 1` (kamctlrc is the default) then fails: "not running", the start
# times out.
stock_cfg=$SCL_STATE/kamailio-stock.cfg
mg_stock_cfg() {
	sed '/^request_route {/a\
	if (is_method("OPTIONS") \&\& ($ru=~"sip:monitor@.*")) {\
		sl_send_reply("200", "Kamailio is alive");\
		exit;\
	}' /etc/kamailio/kamailio.cfg >"$stock_cfg"
	grep -q 'Kamailio is alive' "$stock_cfg"
}

mg_stock_pcs() {
	cat <<EOF
pcs resource create kamailio ocf:heartbeat:kamailio listen_address=$SCL_VIP conffile=$stock_cfg kamctl=/usr/sbin/kamctl op start timeout=60s op stop timeout=30s op monitor interval=10s timeout=30s clone
pcs resource create vip ocf:heartbeat:IPaddr2 ip=$SCL_VIP cidr_netmask=24 nic=eth0 op monitor interval=10s timeout=20s
pcs constraint colocation add vip with kamailio-clone score=INFINITY
pcs constraint order start kamailio-clone then start vip
EOF
}

mg_stock_crm() {
	cat <<EOF
crm configure primitive kamailio ocf:heartbeat:kamailio params listen_address=$SCL_VIP conffile=$stock_cfg kamctl=/usr/sbin/kamctl op start timeout=60s op stop timeout=30s op monitor interval=10s timeout=30s
crm configure clone kamailio-clone kamailio
crm configure primitive vip ocf:heartbeat:IPaddr2 params ip=$SCL_VIP cidr_netmask=24 nic=eth0 op monitor interval=10s timeout=20s
crm configure colocation vip-on-kamailio inf: vip kamailio-clone
crm configure order kamailio-before-vip Mandatory: kamailio-clone vip
EOF
}

# Runs each command read on stdin inside node 1 (the stock configuration).
mg_run_lines() {
	local line log=$SCL_STATE/mg.log
	while IFS= read -r line; do
		eval "scl_exec 1 $line" >>"$log" 2>&1 || { scl_die "failed: $line"; return 1; }
	done
}

# Counts of an XPath over the CIB, and over crm_mon's XML.
mg_cib_count() { scl_exec 1 cibadmin -Q | xmllint --xpath "count($1)" -; }
mg_mon_count() { scl_exec 1 crm_mon -1 --output-as=xml | xmllint --xpath "count($1)" -; }

# mg_up VIP_AGENT KAM_AGENT: true when vip (VIP_AGENT) and the clone (KAM_AGENT) run, not
# failed: the clone on both nodes, vip on one of them with the address there, and the client
# REGISTERs through it.
mg_up() {
	local v ok="@role='Started' and @failed='false'"
	[ "$(mg_mon_count "//resource[@id='vip' and @resource_agent='$1' and $ok]")" = 1 ] &&
		[ "$(mg_mon_count "//clone[@id='kamailio-clone']/resource[@resource_agent='$2' and $ok]")" = 2 ] ||
		return 1
	v=$(scl_rsc_node 1 vip)
	[ -n "$v" ] && [ "$(scl_vip_node)" = "$v" ] && scl_register
}

# mg_cib_ok WHAT VIP_TYPE KAM_PROVIDER: the CIB holds vip (IPaddr2 or floatip) and the clone of
# KAM_PROVIDER's kamailio and nothing else, nothing stopped by target-role, no constraint names
# a missing resource, and the constraints once each: vip with kamailio-clone, after it, and
# (floatip.md's) off nodes whose sipha-health is red.
mg_cib_ok() {
	local what=$1 vip_t=$2 kam_p=$3 cib x want xp vip_p=heartbeat rule=0
	local ids="//resources//*[self::primitive or self::clone or self::group]/@id"
	[ "$vip_t" = floatip ] && vip_p=sipha rule=1
	cib=$(scl_exec 1 cibadmin -Q) || { scl_die "$what: cibadmin -Q"; return 1; }
	while IFS='|' read -r want xp; do
		x=$(printf '%s\n' "$cib" | xmllint --xpath "count($xp)" -)
		[ "$x" = "$want" ] || { scl_die "$what: $x, want $want: $xp"; return 1; }
	done <<EOF
1|//primitive[@id='vip' and @class='ocf' and @provider='$vip_p' and @type='$vip_t']
1|//clone[@id='kamailio-clone']/primitive[@id='kamailio' and @provider='$kam_p' and @type='kamailio']
2|//resources//primitive
0|//resources//nvpair[@name='target-role' and @value='Stopped']
0|//constraints//*[@rsc and not(@rsc = $ids)]
0|//constraints//*[@with-rsc and not(@with-rsc = $ids)]
0|//constraints//*[@first and not(@first = $ids)]
0|//constraints//*[@then and not(@then = $ids)]
0|//constraints//resource_ref[not(@id = $ids)]
1|//rsc_colocation[@rsc='vip' and @with-rsc='kamailio-clone' and @score='INFINITY']
1|//rsc_order[@first='kamailio-clone' and @then='vip' and (not(@kind) or @kind='Mandatory')]
$rule|//rsc_location[@rsc='vip']/rule[@score='-INFINITY']/expression[@attribute='sipha-health' and @operation='eq' and @value='red']
EOF
	echo "$what: CIB: vip ocf:$vip_p:$vip_t, kamailio-clone ocf:$kam_p:kamailio and nothing else;" \
		"colocation and order once$([ $rule = 1 ] && echo ", health rule"); no dangling constraint"
}

# mg_swap NAME HEADING VIP_AGENT KAM_AGENT: the plan under HEADING, with a ping every 10 ms
# and a REGISTER every ~50 ms through the address; waits until the result serves, prints the
# gaps, checks the CIB and that no action failed on the way.
mg_swap() {
	local name=$1 h=$2 va=$3 ka=$4 t0 tplan gap sgap sfirst
	scl_probe_start "$name" 200 0.01
	scl_sip_probe_start "$name" 200
	sleep 1
	t0=$(scl_now_ms)
	echo "$name: docs/migrating.md \"$h\""
	mg_run "$MG_PAGE" "$h" || scl_fail "$name: the plan"
	tplan=$(($(scl_now_ms) - t0))
	scl_wait 90 "$name: vip ($va) and kamailio-clone ($ka) to serve" mg_up "$va" "$ka" ||
		scl_fail "$name: not serving after the plan"
	sleep 1
	scl_probe_stop "$name"
	scl_sip_probe_stop "$name"
	read -r gap _ < <(scl_probe_gap "$name" "$t0")
	read -r sgap sfirst < <(scl_sip_gap "$name" "$t0")
	[ "$gap" -ge 0 ] && [ "$sgap" -ge 0 ] || scl_fail "$name: no answer after the plan"
	echo "$name: plan ran in $tplan ms; service gap: ping $gap ms, REGISTER $sgap ms" \
		"(first REGISTER answered $sfirst ms after the plan began); $(mg_where)"
	mg_cib_ok "$name" "${va##*:}" "$(echo "$ka" | cut -d: -f2)" || scl_fail "$name: CIB"
	[ "$(mg_mon_count '//failures/failure')" = 0 ] ||
		scl_fail "$name: failed actions: $(scl_exec 1 crm_mon -1 --output-as=xml |
			xmllint --xpath '//failures' - 2>/dev/null | head -c 600)"
}

# True when every node's sipha-health is green (the plan's step 6, crm_mon's XML).
mg_green() {
	[ "$(scl_exec 1 crm_mon -1 -A --output-as=xml | xmllint --xpath \
		"count(//node_attributes/node/attribute[@name='sipha-health' and @value='green'])" -)" = 2 ]
}

mg_none_active() { [ "$(mg_mon_count "//resource[@active='true']")" = 0 ]; }

mg_where() {
	printf 'vip on node%s (address on node%s), kamailio-clone on [%s]' "$(scl_rsc_node 1 vip)" \
		"$(scl_vip_node)" "$(scl_exec 1 crm_resource --locate --resource kamailio-clone 2>/dev/null |
			sed -n 's/.*running on: //p' | sort | tr '\n' ' ' | sed 's/ $//')"
}

# mg_check WHAT RC [RULE]: siphactl check inside node 1 exits RC (and names RULE).
mg_check() {
	local what=$1 want=$2 rule=${3:-} f=$SCL_STATE/check.txt rc
	SCL_EXEC_TIMEOUT=60 scl_exec 1 "$siphactl" check >"$f" 2>&1
	rc=$?
	if [ "$rc" != "$want" ] || { [ -n "$rule" ] && ! grep -q -- "$rule" "$f"; }; then
		scl_fail "$what: siphactl check: exit $rc, want $want${rule:+ naming $rule}:" \
			"$(tr -s '\n ' ' ' <"$f" | head -c 400)"
	fi
	echo "$what: siphactl check: exit $rc:" \
		"$(sed -n 's/^\(error\|warning\): \([a-z-]*\).*/\1 \2/p' "$f" | sort | uniq -c | tr -s '\n ' ' ')"
}

scl_up 2 "$agents_dir" || scl_fail "cluster up"
scl_wait_ready 60 || scl_fail "no DC with both nodes online"
mg_stock_cfg || scl_fail "stock kamailio.cfg"

for tool in pcs crmsh; do
	t=$(scl_now_ms)
	mg_run_lines < <(if [ $tool = pcs ]; then mg_stock_pcs; else mg_stock_crm; fi) ||
		scl_fail "$tool: stock configuration"
	scl_wait 90 "$tool: the stock configuration to serve" \
		mg_up ocf:heartbeat:IPaddr2 ocf:heartbeat:kamailio || scl_fail "$tool: stock not serving"
	mg_cib_ok "$tool stock" IPaddr2 heartbeat || scl_fail "$tool: stock CIB"
	echo "$tool: stock configuration up after $(($(scl_now_ms) - t)) ms: $(mg_where)"

	mg_swap "$tool IPaddr2->floatip" "IPaddr2 to floatip with $tool" \
		ocf:sipha:floatip ocf:heartbeat:kamailio
	# The page: siphactl check belongs after the Kamailio swap, not before it.
	mg_check "$tool, between the swaps" 1 resource-missing
	mg_swap "$tool kamailio" "heartbeat:kamailio to sipha:kamailio with $tool" \
		ocf:sipha:floatip ocf:sipha:kamailio
	t=$(scl_now_ms)
	scl_wait 60 "$tool: sipha-health green on both nodes" mg_green || scl_fail "$tool: not green"
	echo "$tool: sipha-health green on both nodes (waited $(($(scl_now_ms) - t)) ms)"
	mg_check "$tool, after the swaps" 0

	if [ $tool = pcs ]; then
		# Back to an empty configuration for the crmsh round (defaults included).
		scl_exec 1 cibadmin --replace -o constraints --xml-text '<constraints/>' &&
			scl_exec 1 cibadmin --replace -o resources --xml-text '<resources/>' &&
			scl_exec 1 cibadmin --replace -o rsc_defaults --xml-text '<rsc_defaults/>' ||
			scl_fail "clearing the configuration"
		scl_wait 60 "resources stopped" mg_none_active || scl_fail "resources still active"
		[ -z "$(scl_vip_node)" ] || scl_fail "address left on node$(scl_vip_node)"
	fi
done
echo PASS
