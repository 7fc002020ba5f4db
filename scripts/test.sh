#!/bin/bash
# The README's test command: installs what it needs, then builds sipha three times and runs the
# tests in each (main: -Werror, every test; sanitizers: ASan+UBSan, every test but the cluster
# and valgrind ones; fuzz: clang, every libFuzzer target for a bounded time), runs `make
# distcheck`, and ends with the counts of each pass on one line and the total on the last one:
# "tests: N passed, N failed, N skipped". Under CI=true a skip fails (tests/tap-run.sh).
# Last, the main pass again in a clean Debian 13 root (scripts/clean-root.sh trixie), so that
# both supported releases are proven by one command; SIPHA_RELEASES="" leaves it out.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=${SIPHA_JOBS:-2}
failed_steps=()
pass=0 fail=0 skip=0
passes=()

step() { echo; echo "=== $*"; }
# count NAME BUILD_DIR: adds the automake test-suite totals of that build to the summary
count() {
	local name=$1 log=$2/test-suite.log p f e s
	if [ ! -f "$log" ]; then
		passes+=("$name: no test-suite.log")
		return 0
	fi
	p=$(awk '/^# PASS:/ {print $3; exit}' "$log")
	f=$(awk '/^# FAIL:/ {print $3; exit}' "$log")
	e=$(awk '/^# ERROR:/ {print $3; exit}' "$log")
	s=$(awk '/^# SKIP:/ {print $3; exit}' "$log")
	p=${p:-0} f=$((${f:-0} + ${e:-0})) s=${s:-0}
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	passes+=("$name $p/$f/$s")
	# show why a test failed or what was skipped, right here
	grep -E '^(FAIL|ERROR|SKIP):' "$log" | head -20
	bash scripts/slowest-tests.sh "$2"
}
# configure_build DIR CONFIGURE-ARGS...: a fresh build directory, configured
configure_build() {
	local dir=$1
	shift
	rm -rf "$dir" && mkdir -p "$dir" && (cd "$dir" && "$top/configure" -q --enable-werror "$@")
}
# build_and_check NAME DIR TARGET CONFIGURE-ARGS...: builds, runs `make TARGET`, counts
build_and_check() {
	local name=$1 dir=$2 target=$3 rc
	shift 3
	configure_build "$dir" "$@" &&
		if [ "$target" = check ]; then make -C "$dir" -s -j"$jobs" >/dev/null; fi &&
		make -C "$dir" -s -j"$jobs" "$target" >"$dir/check.out" 2>&1
	rc=$?
	[ -f "$dir/check.out" ] && grep -E '^(FAIL|ERROR|SKIP|XFAIL|XPASS|# )' "$dir/check.out" | tail -40
	# a build that broke before any test ran: say why (e.g. no libFuzzer for clang)
	[ -f "$dir/test-suite.log" ] || { [ -f "$dir/check.out" ] && tail -15 "$dir/check.out"; } ||
		tail -15 "$dir/config.log" 2>/dev/null
	count "$name" "$dir"
	return $rc
}

step "dependencies"
bash scripts/install-deps.sh || failed_steps+=("install-deps")

step "autogen"
./autogen.sh >/dev/null 2>&1 || { echo "autogen.sh failed"; ./autogen.sh; exit 1; }

step "main: build with -Werror and run all tests"
build_and_check main _build/check check || failed_steps+=("make check")

# What the docs show is what the tests run: after the whole main pass, every sh block of docs/
# was read and run by one of its tests (scripts/docs-coverage.sh; counted as one test).
step "docs: every sh block of docs/ run by a test of the main pass"
if bash scripts/docs-coverage.sh _build/check >_build/check/docs-coverage.out 2>&1; then
	pass=$((pass + 1))
	passes+=("docs 1/0/0")
else
	fail=$((fail + 1))
	passes+=("docs 0/1/0")
	failed_steps+=("docs coverage")
fi
grep -v ': ran: ' _build/check/docs-coverage.out

# The cluster tests (real clusters, most of the time) run in the main pass only; valgrind
# cannot run under ASan: neither is listed in this build, so neither counts as a skip. The
# package test (tests/package) builds its own package without sanitizers: main pass only.
step "sanitizers: build with AddressSanitizer + UBSan, run all tests but cluster and valgrind"
SIPHA_SANITIZERS=yes ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 SIPHA_QUICK=1 \
	build_and_check sanitizers _build/sanitizers check --enable-sanitizers \
	--disable-cluster-tests --disable-package-tests || failed_steps+=("sanitizers check")

# Each libFuzzer target for 20 s (from its seed corpus where it has one: kamrpc, sip, cron); a
# crash fails.
step "fuzz: build every libFuzzer target with clang and run each for a bounded time"
build_and_check fuzz _build/fuzz check-fuzz CC=clang || failed_steps+=("fuzz")

# (the stress tests ran in both passes above: the tarball's check leaves them out, CI time)
step "make distcheck (without the cluster, stress and package tests)"
if (cd _build/check && SIPHA_QUICK=1 make -s -j"$jobs" distcheck \
	DISTCHECK_CONFIGURE_FLAGS="--disable-cluster-tests --disable-stress-tests --disable-package-tests" \
	>distcheck.out 2>&1); then
	grep -A3 'archives ready for distribution' _build/check/distcheck.out
	pass=$((pass + 1))
	passes+=("distcheck 1/0/0")
else
	tail -40 _build/check/distcheck.out
	fail=$((fail + 1))
	passes+=("distcheck 0/1/0")
	failed_steps+=("make distcheck")
fi

# clean_root_pass SUITE: the main pass in a clean root of SUITE, counted as a pass of its own
clean_root_pass() {
	local suite=$1 out=_build/clean-root-$1.out p f e s rc
	mkdir -p _build
	bash scripts/clean-root.sh "$suite" 2>&1 | tee "$out" | grep -E '^(clean-root:|# |FAIL|ERROR|SKIP|---|slowest:|docs-coverage:)'
	rc=${PIPESTATUS[0]}
	p=$(awk '/^# PASS:/ {print $3; exit}' "$out")
	f=$(awk '/^# FAIL:/ {print $3; exit}' "$out")
	e=$(awk '/^# ERROR:/ {print $3; exit}' "$out")
	s=$(awk '/^# SKIP:/ {print $3; exit}' "$out")
	p=${p:-0} f=$((${f:-0} + ${e:-0})) s=${s:-0}
	# a root that could not be made, or a pass that did not finish, is a failure too
	[ "$rc" = 0 ] || [ "$f" -gt 0 ] || f=1
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
	passes+=("$suite-root $p/$f/$s")
	return "$rc"
}
for suite in ${SIPHA_RELEASES-trixie}; do
	step "$suite: the main pass in a clean Debian root of that release"
	clean_root_pass "$suite" || failed_steps+=("$suite root")
done

echo
[ ${#failed_steps[@]} -eq 0 ] || echo "failed steps: ${failed_steps[*]}"
summary=$(printf '%s, ' "${passes[@]}")
echo "passes (passed/failed/skipped): ${summary%, }; a test run in two builds counts twice"
echo "tests: $pass passed, $fail failed, $skip skipped"
[ ${#failed_steps[@]} -eq 0 ] && [ "$fail" -eq 0 ]
