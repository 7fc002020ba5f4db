#!/bin/bash
# examples/kamailio-ha.cfg replicates registrations: three instances on one loopback address
# (A, B, C: SIP ports 5060-5062, DMQ ports 5090-5092), started by the agent with the example
# unchanged and only -A defines differing. N phones (sipp, contacts on a sipp UAS that answers
# MESSAGE) register with A; B must know all N and relay a MESSAGE to each (200 from the phone,
# not 404); C started afterwards and B restarted must get the full table by dmq_usrloc's sync
# (time printed). Baseline: the same with Debian's /etc/kamailio/kamailio.cfg (no DMQ): B
# knows none. Both counts are printed side by side. TAP points; sipp bounded by -m and -timeout.
. "$top_srcdir/tests/kamailio/lib.sh"
need_cmd sipp kamcmd
EXAMPLE=$top_srcdir/examples/kamailio-ha.cfg
N=${DMQ_PHONES:-200}
[ "$N" -ge 1 ] && [ "$N" -le 5000 ] || fail "DMQ_PHONES=$N: 1..5000"
# Bound of every wait for a count to be reached (replication, sync).
SYNC_WAIT_MS=15000
PHONE_PORT=5070
export OCF_RESKEY_shmem=32
mkdir -p "$T/sipp"
# The phones' scenarios (REGISTER, MESSAGE, the phones' UAS), shared with the cluster tests.
SCEN=$top_srcdir/tests/sip/scenarios

# Instance NAME's SIP and DMQ ports.
sip_port() { case $1 in a) echo 5060 ;; b) echo 5061 ;; c) echo 5062 ;; esac; }
dmq_port() { case $1 in a) echo 5090 ;; b) echo 5091 ;; c) echo 5092 ;; esac; }
dmq_uri() { echo "sip:$KAM_IP:$(dmq_port "$1")"; }

# The -A defines of instance $1 with the example: its own DMQ socket, the two others as peers.
# The agent passes each word as it is (no shell), so the quotes reach Kamailio.
ha_defines() {
	local self=$1 p n=1 out
	out="-n 2 -A SIPHA_DMQ_LISTEN=udp:$KAM_IP:$(dmq_port "$self")"
	out="$out -A SIPHA_DMQ_SELF=\"$(dmq_uri "$self")\""
	for p in a b c; do
		[ "$p" = "$self" ] && continue
		out="$out -A SIPHA_DMQ_PEER$n=\"$(dmq_uri "$p")\""
		n=$((n + 1))
	done
	echo "$out"
}

# inst NAME CONFFILE EXTRA RC ACTION: the agent's ACTION on instance NAME, expecting RC.
inst() {
	OCF_RESOURCE_INSTANCE=skam-dmq-$1 OCF_RESKEY_runtime_dir=$T/run-$1 \
		OCF_RESKEY_listen="udp:$KAM_IP:$(sip_port "$1")" OCF_RESKEY_conffile=$2 \
		OCF_RESKEY_extra_options=$3 expect "$4" "$5"
}
ha() { inst "$1" "$EXAMPLE" "$(ha_defines "$1")" "$2" "$3"; }
deb() { inst "$1" /etc/kamailio/kamailio.cfg "-n 2" "$2" "$3"; }

# Every instance the agent may have started, and the phones' UAS, go at exit.
PHONES_PID=
EXTRA_CLEANUP='for i in a b c; do
	OCF_RESOURCE_INSTANCE=skam-dmq-$i OCF_RESKEY_runtime_dir=$T/run-$i "$AGENT" stop >/dev/null 2>&1
done
[ -n "$PHONES_PID" ] && kill "$PHONES_PID" 2>/dev/null'

# Contacts in instance $1's location table (usrloc statistic over ctl), empty when it fails.
contacts() {
	timeout 5 kamcmd -s "unix:$T/run-$1/kamailio_ctl" stats.get_statistics location_contacts \
		2>/dev/null | awk '$1 == "usrloc:location_contacts" { print $3 }'
}

# wait_contacts NAME COUNT: polls until instance NAME holds COUNT contacts or SYNC_WAIT_MS
# passed; sets GOT (last count) and WAITED (ms).
wait_contacts() {
	local t0=$(date +%s%N)
	while :; do
		GOT=$(contacts "$1")
		WAITED=$(( ($(date +%s%N) - t0) / 1000000 ))
		[ "${GOT:-x}" = "$2" ] && return 0
		[ "$WAITED" -ge "$SYNC_WAIT_MS" ] && { log_aors "$1"; return 1; }
		sleep 0.05
	done
}
# log_aors NAME: the AoRs of instance NAME that are not phones (why a count is off), on stderr.
log_aors() {
	echo "# instance $1, AoRs other than phones:" \
		"$(timeout 5 kamcmd -s "unix:$T/run-$1/kamailio_ctl" ul.dump brief 2>/dev/null |
			awk '$1 == "AoR:" && $2 !~ /^phone/ { printf " %s", $2 }')" >&2
}

cat > "$T/sipp/kdmq.xml" <<'EOS'
<?xml version="1.0" encoding="ISO-8859-1" ?>
<scenario name="a KDMQ sync request on a SIP socket: refused">
  <send retrans="500">
    <![CDATA[
      KDMQ sip:usrloc@[remote_ip]:[remote_port] SIP/2.0
      Via: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]
      From: <sip:usrloc@[local_ip]:[local_port]>;tag=[call_number]
      To: <sip:usrloc@[remote_ip]:[remote_port]>
      Call-ID: [call_id]
      CSeq: 1 KDMQ
      Max-Forwards: 1
      Content-Type: application/json
      Content-Length: [len]

      {"action":3}
    ]]>
  </send>
  <recv response="403"/>
</scenario>
EOS

# register NAME: N phones register with instance NAME (bounded: N calls, 200/s, 30 s).
register() {
	sipp -sf "$SCEN/register-phones.xml" -key phones "$KAM_IP:$PHONE_PORT" -m "$N" -r 200 \
		-i "$KAM_IP" -p 0 -nostdin -timeout 30s -timeout_error \
		"$KAM_IP:$(sip_port "$1")" > "$T/sipp/reg-$1.out" 2>&1
}
# reach NAME: a MESSAGE to each phone through instance NAME; sets FOUND (200) and LOST (404).
reach() {
	local log=$T/sipp/msg-$1-$RANDOM.log
	sipp -sf "$SCEN/message-phone.xml" -m "$N" -r 200 -i "$KAM_IP" -p 0 -nostdin \
		-timeout 30s -trace_msg -message_file "$log" \
		"$KAM_IP:$(sip_port "$1")" > /dev/null 2>&1
	FOUND=$(grep -c '^SIP/2.0 200' "$log")
	LOST=$(grep -c '^SIP/2.0 404' "$log")
}

# The phones: one UAS answering every MESSAGE relayed to a phone's contact.
sipp -sf "$SCEN/phones-uas.xml" -i "$KAM_IP" -p "$PHONE_PORT" -nostdin -timeout 120s \
	> "$T/sipp/phones.out" 2>&1 &
PHONES_PID=$!

# A and B start while C, named as their peer, is down (a cluster starting cold).
ha a 0 start
# The agent's probes on the example: depth 20 registers and removes its probe contact. Before
# B starts: a removal while a peer receives its sync can come back there from the sync until
# the contact's own expiry (60 s), as docs/kamailio.md says; B would then hold N + 1.
OCF_CHECK_LEVEL=20 ha a 0 monitor
check "depth-20 monitor of A with the example config: 0" [ "$RC" = 0 ]
ha b 0 start
ok "example config started on A and B (DMQ peers: each other and C, which is down)"
# KDMQ is accepted on the replication socket only: a phone cannot write the location table
sipp -sf "$T/sipp/kdmq.xml" -m 1 -i "$KAM_IP" -p 0 -nostdin -timeout 10s -timeout_error \
	"$KAM_IP:$(sip_port a)" > "$T/sipp/kdmq.out" 2>&1
check "KDMQ on A's SIP socket answered 403 (sipp rc $?)" [ $? = 0 ]

register a
check "$N phones registered with A (sipp rc 0)" [ $? = 0 ]
wait_contacts a "$N"
check "A holds $N contacts (got ${GOT:-none})" [ "${GOT:-}" = "$N" ]
wait_contacts b "$N"
B_COUNT=${GOT:-0}
check "B knows all $N within ${SYNC_WAIT_MS} ms (got $B_COUNT after $WAITED ms)" \
	[ "$B_COUNT" = "$N" ]
reach b
B_FOUND=$FOUND
check "MESSAGE via B: $FOUND of $N relayed to the phone (200), $LOST lost (404)" \
	[ "$FOUND" = "$N" -a "$LOST" = 0 ]

# C starts while A and B hold N: dmq_usrloc's sync brings the full table.
t0=$(date +%s%N)
ha c 0 start
start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
wait_contacts c "$N"
C_SYNC_MS=$((start_ms + WAITED))
d="C synced $N contacts: ${GOT:-none} after ${C_SYNC_MS} ms"
check "$d (start ${start_ms} ms + ${WAITED} ms)" [ "${GOT:-}" = "$N" ]
reach c
check "MESSAGE via C: $FOUND of $N found, $LOST lost" [ "$FOUND" = "$N" -a "$LOST" = 0 ]

# B restarted (a restart in place, as a rolling restart does): empty, then synced.
ha b 0 stop
t0=$(date +%s%N)
ha b 0 start
start_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
wait_contacts b "$N"
B_RESYNC_MS=$((start_ms + WAITED))
check "B restarted, synced $N contacts: ${GOT:-none} after ${B_RESYNC_MS} ms" \
	[ "${GOT:-}" = "$N" ]

for i in a b c; do ha "$i" 0 stop; done

# Baseline: Debian's default configuration, registrations in memory, no replication.
if [ -r /etc/kamailio/kamailio.cfg ]; then
	deb a 0 start
	deb b 0 start
	register a
	check "baseline: $N phones registered with A (sipp rc 0)" [ $? = 0 ]
	wait_contacts a "$N"
	check "baseline: A holds $N contacts (got ${GOT:-none})" [ "${GOT:-}" = "$N" ]
	BASE_COUNT=$(contacts b)
	reach b
	BASE_FOUND=$FOUND
	check "baseline: B knows ${BASE_COUNT:-none} of $N, MESSAGE via B: $LOST of $N lost (404)" \
		[ "${BASE_COUNT:-}" = 0 -a "$LOST" = "$N" ]
	for i in a b; do deb "$i" 0 stop; done
else
	skip_part "baseline: no /etc/kamailio/kamailio.cfg"
	BASE_COUNT=- BASE_FOUND=-
fi

echo "# phones registered with A: $N"
echo "#                     contacts on B  reachable via B  full sync (C new / B restarted)"
printf '# example (dmq)      %13s  %15s  %s ms / %s ms\n' "$B_COUNT" "$B_FOUND" \
	"$C_SYNC_MS" "$B_RESYNC_MS"
printf '# Debian default     %13s  %15s  -\n' "$BASE_COUNT" "$BASE_FOUND"
finish
