#!/bin/bash
# docs/releases.md's constraint blocks, run as written with the pcs of this release against a
# CIB file (stand-in Dummy resources for the clone and the IP): the block of this release makes
# the colocation, the order and the location rule on sipha-health; the other release's rule
# form behaves as the page says (pcs 0.11 rejects the one-string rule, pcs 0.12 takes the words
# with a deprecation warning).
. "$top_srcdir/tests/lib.sh"
need_cmd pcs cibadmin xmllint
doc=$top_srcdir/docs/releases.md
tmp=$(mktemp -d /tmp/sipha-releases-pcs.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
case $(pcs --version) in
0.10.* | 0.11.*) mine="#### Debian 12: pcs 0.11" other="#### Debian 13: pcs 0.12" ;;
*) mine="#### Debian 13: pcs 0.12" other="#### Debian 12: pcs 0.11" ;;
esac

# fresh CIB: empty, no fencing, the two resources the constraints name
fresh() {
	cib=$tmp/cib-$1.xml
	cibadmin --empty >"$cib" &&
		pcs -f "$cib" property set stonith-enabled=false >/dev/null 2>&1 &&
		pcs -f "$cib" resource create kamailio ocf:heartbeat:Dummy clone >/dev/null 2>&1 &&
		pcs -f "$cib" resource create sip-ip ocf:heartbeat:Dummy >/dev/null 2>&1
}
# run_block HEADING: each pcs line of the block, split as the shell would (the rule may be one
# string), against the CIB file; sets out to the last command's output
run_block() {
	local cmd n=0
	while IFS= read -r cmd; do
		n=$((n + 1))
		mapfile -t argv < <(xargs printf '%s\n' <<<"$cmd")
		expect_rc "$2" "${3:-doc}: $cmd" pcs -f "$cib" "${argv[@]:1}"
	done < <(docs_block "$doc" "$1" | grep '^pcs ')
	check "${3:-doc}: the block has 3 commands" test "$n" = 3
}
x() { xmllint --xpath "$1" "$cib" 2>/dev/null; }
constraints_ok() {
	check "$1: colocation sip-ip with kamailio-clone INFINITY" test "$(x \
		'count(//rsc_colocation[@rsc="sip-ip"][@with-rsc="kamailio-clone"][@score="INFINITY"])')" = 1
	check "$1: order kamailio-clone then sip-ip" \
		test "$(x 'count(//rsc_order[@first="kamailio-clone"][@then="sip-ip"])')" = 1
	check "$1: location rule -INFINITY on sipha-health eq red" test "$(x \
		'count(//rsc_location[@rsc="sip-ip"]/rule[@score="-INFINITY"]/expression[@attribute="sipha-health"][@operation="eq"][@value="red"])')" = 1
}

check "a CIB file with the stand-ins" fresh mine
run_block "$mine" 0 "$mine"
constraints_ok "$mine"

# the other release's form here: only the location rule differs
check "a second CIB file" fresh other
rule=$(docs_block "$doc" "$other" | grep '^pcs constraint location')
mapfile -t argv < <(xargs printf '%s\n' <<<"$rule")
case $mine in
*"Debian 12"*)
	expect_rc 1 "pcs 0.11 rejects the Debian 13 form: $rule" pcs -f "$cib" "${argv[@]:1}"
	contains "is not a valid rule expression" "the rejection is the one the page quotes"
	;;
*)
	expect_rc 0 "pcs 0.12 takes the Debian 12 form: $rule" pcs -f "$cib" "${argv[@]:1}"
	contains "Deprecation Warning" "with the deprecation warning the page quotes"
	check "the rule is the same" test "$(x 'count(//rsc_location[@rsc="sip-ip"]/rule/expression[@attribute="sipha-health"][@value="red"])')" = 1
	;;
esac
finish
