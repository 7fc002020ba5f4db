#!/bin/bash
# Every agent's meta-data validates against the OCF 1.1 schema pcs ships, and its man page
# renders without a groff warning.
. "$top_srcdir/tests/lib.sh"
rng=${OCF_RNG:-/usr/share/pcs/data/ocf-1.1.rng}
need_cmd xmllint groff
[ -r "$rng" ] || skip "no OCF 1.1 schema at $rng (package pcs)"

agents=("$top_builddir/tests/ocf/siphatest")
for a in floatip kamailio rollingrestart; do
	[ -x "$top_builddir/agents/$a" ] && agents+=("$top_builddir/agents/$a")
done
for a in "${agents[@]}"; do
	n=$(basename "$a")
	expect_rc 0 "$n meta-data exits 0" "$a" meta-data
	xml=$out
	out=$(printf '%s\n' "$xml" | xmllint --noout --relaxng "$rng" - 2>&1)
	contains "validates" "$n meta-data validates against $(basename "$rng")"
	out=$(printf '%s\n' "$xml" | xmllint --xpath 'count(//parameter)' - 2>&1)
	check "$n meta-data has parameters ($out)" test "${out:-0}" -gt 0
	expect_rc 0 "$n --man exits 0" "$a" --man
	man=$out
	out=$(printf '%s\n' "$man" | groff -man -Tutf8 -ww -z 2>&1)
	check "$n man page renders without warnings" test -z "$out"
	# one source: every parameter of the meta-data is documented in the man page
	for p in $(printf '%s\n' "$xml" | sed -n 's/.*<parameter name="\([^"]*\)".*/\1/p'); do
		grep -qx ".B $p" <<<"$man" || not_ok "$n man page lacks parameter $p"
	done
	ok "$n man page lists every meta-data parameter"
done
finish
