#!/bin/bash
# The README's test command: installs what it needs, then builds sipha twice (-Werror, and
# ASan+UBSan), runs the whole test suite in each, runs `make distcheck`, and ends with one
# summary line "tests: N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=${SIPHA_JOBS:-2}
failed_steps=()
pass=0 fail=0 skip=0

step() { echo; echo "=== $*"; }
# count BUILD_DIR: adds the automake test-suite totals of that build to the summary
count() {
	local log=$1/test-suite.log p f e s
	[ -f "$log" ] || return 0
	p=$(awk '/^# PASS:/ {print $3; exit}' "$log")
	f=$(awk '/^# FAIL:/ {print $3; exit}' "$log")
	e=$(awk '/^# ERROR:/ {print $3; exit}' "$log")
	s=$(awk '/^# SKIP:/ {print $3; exit}' "$log")
	pass=$((pass + ${p:-0})) fail=$((fail + ${f:-0} + ${e:-0})) skip=$((skip + ${s:-0}))
	# show why a test failed, right here
	grep -E '^(FAIL|ERROR):' "$log" | head -20
}
build_and_check() {
	local dir=$1
	shift
	rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" &&
		"$top/configure" -q --enable-werror "$@" && make -s -j"$jobs" >/dev/null &&
		make -s -j"$jobs" check >check.out 2>&1
	local rc=$?
	cd "$top"
	[ -f "$dir/check.out" ] && grep -E '^(PASS|FAIL|ERROR|SKIP|XFAIL|XPASS|# )' "$dir/check.out" | grep -v '^PASS' | tail -40
	count "$dir"
	return $rc
}

step "dependencies"
bash scripts/install-deps.sh || failed_steps+=("install-deps")

step "autogen"
./autogen.sh >/dev/null 2>&1 || { echo "autogen.sh failed"; ./autogen.sh; exit 1; }

step "build with -Werror and run all tests"
build_and_check _build/check || failed_steps+=("make check")

step "build with AddressSanitizer + UBSan and run all tests"
SIPHA_SANITIZERS=yes ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 SIPHA_QUICK=1 \
	build_and_check _build/sanitizers --enable-sanitizers || failed_steps+=("sanitizers check")

step "make distcheck"
if (cd _build/check && SIPHA_QUICK=1 make -s -j"$jobs" distcheck >distcheck.out 2>&1); then
	grep -A3 'archives ready for distribution' _build/check/distcheck.out
	pass=$((pass + 1))
else
	tail -40 _build/check/distcheck.out
	fail=$((fail + 1))
	failed_steps+=("make distcheck")
fi

echo
[ ${#failed_steps[@]} -eq 0 ] || echo "failed steps: ${failed_steps[*]}"
echo "tests: $pass passed, $fail failed, $skip skipped"
[ ${#failed_steps[@]} -eq 0 ] && [ "$fail" -eq 0 ]
