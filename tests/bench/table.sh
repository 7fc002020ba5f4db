#!/bin/bash
# bench/run's table cannot rot unseen: its quickest run of the benches that need no cluster
# (floatip, kamailio, leak; bench/run --quick --no-cluster) must give every row those benches
# promise, once each, with a number in both columns (a stock agent that never warns or never
# fails says "none"/"never", only in the leak rows), and print the table with the machine line.
# No figure is judged: benches are not tests. Root, kamailio, sipsak, strace, IPaddr2.
. "${top_srcdir:?}/tests/lib.sh"
need_root
need_cmd strace sipsak /usr/sbin/kamailio
[ -x "$OCF_ROOT/resource.d/heartbeat/IPaddr2" ] || skip "no IPaddr2 (resource-agents)"
[ -x "$OCF_ROOT/resource.d/heartbeat/kamailio" ] || skip "no ocf:heartbeat:kamailio"
[ -x "$top_builddir/tests/net/sip_probe" ] || skip "sip_probe not built"
T=$(mktemp -d /tmp/sipha-benchtable.XXXXXX)
trap 'rm -rf "$T"' EXIT

t0=$SECONDS
out=$(bash "$top_srcdir/bench/run" --quick --no-cluster \
	--build "$top_builddir" --logs "$T" 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/#   /'
check "bench/run --quick --no-cluster exits 0 ($((SECONDS - t0)) s)" [ "$rc" = 0 ]
[ "$rc" = 0 ] || for f in "$T"/*.log; do tail -20 "$f" | sed "s|^|#   $(basename "$f"): |"; done

# every expected row: FIGURE UNIT [WORDS the stock column may hold instead of a number]
expected=()
for fam in 4 6; do for op in monitor start stop; do
	expected+=("floatip IPv$fam $op, median wall|ms" "floatip IPv$fam $op, processes exec'd|count"
		"floatip IPv$fam $op, peak RSS|kB")
done; done
for d in 0 10 20; do expected+=("kamailio monitor depth $d, median wall|ms"); done
expected+=("kamailio monitor depth 0, p95 wall|ms" "kamailio monitor depth 0, CPU per run|ms"
	"kamailio monitor depth 0, peak RSS|kB" "kamailio monitor depth 0, processes exec'd|count"
	"leak: warning before the first 5xx (lead time)|s|none"
	"leak: first failed monitor, from the first 5xx|s|never"
	"leak: monitor exit code after the outage|rc"
	"leak: registrations before the first 5xx|count")
num='^-?[0-9]+(\.[0-9]+)?$'
for e in "${expected[@]}"; do
	IFS='|' read -r fig unit word <<<"$e"
	lines=$(awk -F'\t' -v f="$fig" '$1 == "row" && $2 == f' "$T/rows.tsv")
	n=$(printf '%s' "$lines" | grep -c .)
	IFS=$'\t' read -r _ _ u sv hv tool <<<"$lines"
	if [ "$n" != 1 ]; then
		not_ok "row '$fig': $n rows"
	elif [ "$u" != "$unit" ] || [ -z "${tool:-}" ] || ! [[ $sv =~ $num ]] ||
		! { [[ $hv =~ $num ]] || { [ -n "$word" ] && [ "$hv" = "$word" ]; }; }; then
		not_ok "row '$fig': unit '$u', sipha '$sv', stock '$hv', tool '${tool:-}'"
	else
		ok "row '$fig' ($unit): sipha $sv, stock $hv"
	fi
	contains "| $fig ($unit) | $sv | $hv |" "the table shows '$fig'"
done
# no row nobody expects: a renamed figure would leave a stale name in the docs
extra=$(awk -F'\t' '{ print $2 }' "$T/rows.tsv" | sort | uniq -c | awk '$1 > 1' | wc -l)
check "no figure twice" [ "$extra" = 0 ]
check "as many rows as expected (${#expected[@]})" [ "$(grep -c '^row' "$T/rows.tsv")" = "${#expected[@]}" ]
contains "machine: Linux" "the machine line"
contains "load average" "the load average"
finish
