# tests/fault-lib.sh: the rows of docs/faults.md's table, written by the tests that inject each
# fault (sourced by tests/lib.sh; POSIX sh, the kamailio tests run under dash). A row is what
# the test saw: the code the agent answered and a stable part of its reason, next to what
# Pacemaker does with that code. Each test checks its rows are in docs/faults.md, so the
# table cannot drift from the agents; scripts/fault-table.sh writes the table from a run.

# fault_code_name RC: the OCF name of an exit code.
fault_code_name() {
	case $1 in
	0) echo "0 success" ;; 1) echo "1 generic error" ;; 2) echo "2 bad arguments" ;;
	4) echo "4 no permission" ;; 5) echo "5 not installed" ;; 6) echo "6 not configured" ;;
	7) echo "7 not running" ;; 190) echo "190 degraded" ;; *) echo "$1" ;;
	esac
}

# fault_pacemaker OP RC: what Pacemaker does with RC from OP (Pacemaker Explained, "OCF return
# codes": 1 is soft, 2/4/5 hard, 6 fatal; start-failure-is-fatal and migration-threshold as
# in docs/kamailio.md's configuration).
fault_pacemaker() {
	case $1:$2 in
	stop:0) echo "stopped cleanly: started again where the policy allows" ;;
	*:0) echo "nothing: all is well" ;;
	monitor:190 | probe:190) echo "nothing: crm_mon shows it degraded with the reason" ;;
	probe:7) echo "recorded as stopped here; started where the policy says" ;;
	monitor:7) echo "recovery: stop and start again; on another node after migration-threshold" ;;
	monitor:1) echo "recovery (soft error): stop and start again; on another node after migration-threshold" ;;
	start:1) echo "fail-count INFINITY here (start-failure-is-fatal): started on another node" ;;
	stop:*) echo "stop failed: the node is fenced (without fencing the resource is blocked)" ;;
	*:2 | *:4 | *:5) echo "hard error: banned from this node until cleaned up; started on another" ;;
	*:6) echo "fatal: stopped on every node until the configuration is fixed" ;;
	*) echo "code $2 from $1: see Pacemaker Explained" ;;
	esac
}

# fault_line AGENT OP FAULT RC EXCERPT: the row as docs/faults.md writes it.
fault_line() {
	printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "$3" "$2" "$(fault_code_name "$4")" \
		"$5" "$(fault_pacemaker "$2" "$4")"
}

# doc_row KIND LINE DESCRIPTION: LINE goes to the build's tests/faults/NAME.KIND (KIND: rows
# for the fault table, inputs for the bad-input one) and must be in docs/faults.md.
doc_row() {
	_dr_dir=${top_builddir:?}/tests/faults
	_dr_file=$_dr_dir/$(basename "$0" .sh).$1
	case " ${_dr_started:-} " in
	*" $1 "*) ;;
	*) mkdir -p "$_dr_dir" && : > "$_dr_file"; _dr_started="${_dr_started:-} $1" ;;
	esac
	printf '%s\n' "$2" >> "$_dr_file"
	if grep -Fqx -- "$2" "${top_srcdir:?}/docs/faults.md" 2>/dev/null; then
		ok "docs/faults.md: $3"
	else
		not_ok "docs/faults.md lacks the row (scripts/fault-table.sh writes it): $2"
	fi
}

# fault_row AGENT OP FAULT EXCERPT: a row from the last answer (last_rc, last_out: set by
# expect_rc and by tests/kamailio/lib.sh's run): EXCERPT must be in the output (empty: none
# asked), and the row must be in docs/faults.md (doc_row).
# OP: start, stop, monitor (recurring), probe (monitor without interval), validate-all.
fault_row() {
	case $last_out in
	*"$4"*) ;;
	*) not_ok "fault '$3': no '$4' in the answer to $2"; return 1 ;;
	esac
	doc_row rows "$(fault_line "$1" "$2" "$3" "$last_rc" "${4:+\`$4\`}")" \
		"$1, $3: $(fault_code_name "$last_rc")"
}
