#!/bin/bash
# The README's main job. Installs what it needs, builds sipha, and shows what is built so far:
# each agent's meta-data, validation of good and bad parameters, and its man page.
# (It grows into the cluster demo as the agents and the namespace cluster land.)
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
build=${SIPHA_BUILD:-$top/_build/demo}

echo "== installing dependencies"
bash scripts/install-deps.sh || exit 1
echo "== building into $build"
./autogen.sh >/dev/null 2>&1 || { echo "autogen.sh failed"; exit 1; }
mkdir -p "$build" && cd "$build" && "$top/configure" -q && make -s -j2 >/dev/null &&
	make -s -j2 check TESTS= >/dev/null || { echo "build failed"; exit 1; }

agents=()
for a in floatip kamailio rollingrestart; do [ -x "$build/agents/$a" ] && agents+=("$build/agents/$a"); done
agents+=("$build/tests/ocf/siphatest")
for a in "${agents[@]}"; do
	n=$(basename "$a")
	echo
	echo "== ocf:sipha:$n meta-data (first lines)"
	"$a" meta-data | head -20
	echo "   ... $("$a" meta-data | grep -c '<parameter ') parameters, $("$a" meta-data | grep -c '<action ') actions"
	echo "== ocf:sipha:$n man page (start)"
	"$a" --man | groff -man -Tutf8 -P-c -P-b -P-u 2>/dev/null | head -15
done
echo
echo "== validation through the OCF layer (test agent)"
t=$build/tests/ocf/siphatest
for ip in 192.0.2.10 192.0.2.300; do
	echo "\$ OCF_RESKEY_ip=$ip siphatest validate-all"
	OCF_RESKEY_ip=$ip "$t" validate-all 2>&1 | grep -v ': error: '
	echo "  -> exit code ${PIPESTATUS[0]}"
done
echo
echo "demo done: see README.md for what each agent does."
