# tests/cluster/rollingrestart-lib.sh: ocf:sipha:rollingrestart in the namespace cluster, for
# tests/cluster/rollingrestart.sh and tools/demo.sh: docs/rollingrestart.md's blocks run inside a
# node as an admin types them (with the few replacements a test needs), the schedule's record
# and node attributes read back. Sourced after lib.sh, config.sh and rolling-lib.sh.
RR_DOC=$SCL_SRCDIR/docs/rollingrestart.md
# replacements: monitor interval, schedule, node of the "Moving it" block (empty: as written)
RR_MON=${RR_MON:-10s} RR_SCHED=${RR_SCHED:-} RR_NODE=${RR_NODE:-}

# The commands of the docs' first block under the heading $1 (exactly), one per line, with
# the replacements above.
rr_block() {
	docs_block "$RR_DOC" "$1" |
		sed -e "s/interval=60s/interval=$RR_MON/" \
			-e "s|^siphactl |$(rl_siphactl_bin) |" \
			${RR_SCHED:+-e "s|schedule=\"[^\"]*\"|schedule=\"$RR_SCHED\"|"} \
			${RR_NODE:+-e "s/--node node2/--node $RR_NODE/"}
}

# rr_run_block I HEADING OUT: runs the block inside node I as an admin types it (output to OUT).
rr_run_block() {
	local i=$1 h=$2 out=$3 line n=0
	: >"$out"
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		n=$((n + 1))
		echo "  [docs '$h' on node$i] $line" >&2
		eval "scl_exec \"\$i\" $line" >>"$out" 2>&1 ||
			{ scl_die "failed: $line: $(tail -n 5 "$out" | tr '\n' ' ')"; return 1; }
	done < <(rr_block "$h")
	[ "$n" -gt 0 ] || { scl_die "docs/rollingrestart.md: no commands under '$h'"; return 1; }
}

# A field of the schedule's record (nvpair sipha-sched-FIELD of sipha-schedule-roll).
rr_rec() {
	scl_exec 1 cibadmin -Q 2>/dev/null | xmllint --xpath "string(//cluster_property_set[@id='sipha-schedule-roll']/nvpair[@name='sipha-sched-$1']/@value)" - 2>/dev/null
}
rr_outcome_like() { case $(rr_rec outcome) in $1) return 0 ;; esac; return 1; }
rr_where() { scl_exec 1 crm_resource --locate --resource roll 2>/dev/null | sed -n 's/.*running on: //p'; }
rr_attr() { scl_exec 1 attrd_updater -Q -n "$1" -N "$2" 2>/dev/null | sed -n 's/.*value="\([^"]*\)".*/\1/p'; }
# The record's form of a time: "2026-12-01 04:00:00Z".
rr_time() { date -u -d "@$1" '+%Y-%m-%d %H:%M:%SZ'; }
# The first minute boundary at least $1 seconds from now (epoch seconds).
rr_slot_after() { echo $((($(date +%s) + $1 + 59) / 60 * 60)); }
rr_cron_at() { date -d "@$1" '+%-M %-H %-d %-m *'; }
rr_on() { [ -n "$(rr_where)" ]; }
rr_on_node() { [ "$(rr_where)" = "$1" ]; }
rr_has_record() { [ -n "$(rr_rec since)" ]; }
rr_sched_is() { [ "$(rr_rec schedule)" = "$1" ]; }
rr_attr_like() { case $(rr_attr "$1" "$2") in $3) return 0 ;; esac; return 1; }
rr_show() { echo "  record: outcome '$(rr_rec outcome)', trigger '$(rr_rec trigger)', slot done '$(rr_rec slot-done)'"; }
rr_gone() { ! scl_exec 1 crm_resource --resource roll --query-xml >/dev/null 2>&1; }
rr_no_leftovers() { [ "$(rl_leftovers 1)" = 0 ]; }
