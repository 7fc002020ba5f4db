#!/bin/bash
# The bad-input matrix: every parameter of every agent (read from its meta-data) given an
# empty value, a control character, a newline, 5000 characters, a path traversal and, for
# typed parameters, words of the wrong type; paths root runs or reads, one in a directory
# anyone may write and another user's symlink; all through validate-all; every siphactl option
# with bad values. Each must end with the documented code (agents: 6 OCF_ERR_CONFIGURED naming
# the parameter, 4 OCF_ERR_PERM for those paths; 0 where a string takes the value, or for an
# empty optional one) or exit status (siphactl: 2 naming the option), within 10 s,
# never a crash; nothing is changed (addresses, routes, links, processes, files compared before
# and after). It runs in a network namespace of its own (a veth pair, 192.0.2.1/24 for
# floatip), so that what other tests running meanwhile do is not seen as a change. A table of
# what each parameter answered goes to the log.
. "$top_srcdir/tests/lib.sh"
need_root
need_cmd xmllint timeout ip unshare
if [ -z "${SIPHA_BADINPUT_NETNS:-}" ]; then
	SIPHA_BADINPUT_NETNS=1 exec unshare -n "$BASH" "$0" "$@"
fi
ip link set lo up && ip link add sipha0 type veth peer name sipha1 &&
	ip link set sipha0 addrgenmode none && ip link set sipha1 addrgenmode none &&
	ip addr add 192.0.2.1/24 dev sipha0 && ip link set sipha1 up &&
	ip link set sipha0 up || skip "cannot set up a veth pair in a network namespace"
export HA_RSCTMP=$(mktemp -d /tmp/sipha-badinput-XXXXXX) OCF_RESOURCE_INSTANCE=badinput
# Paths root must not rely on (parameters that say "writable by root alone"): an executable
# in a directory anyone may write, and a symlink another user owns in a sticky one.
W=$(mktemp -d /tmp/sipha-badinput-paths-XXXXXX)
trap 'rm -rf "$HA_RSCTMP" "$W"' EXIT
mkdir -m 0777 "$W/anyone" && mkdir -m 1777 "$W/sticky" && chmod 0755 "$W" &&
	install -m 0755 "$(type -P true)" "$W/anyone/prog" &&
	ln -s "$(type -P true)" "$W/sticky/theirs" && chown -h nobody "$W/sticky/theirs" ||
	skip "cannot make the untrusted paths under $W"
CTL=$top_builddir/tools/siphactl/siphactl

# What must stay as it was: the namespace's links, addresses and routes, the state dir; and no
# process may outlive its run (what an agent or siphactl starts inherits SIPHA_BADINPUT_RUN,
# this run's own value: another run of this test on the machine, e.g. in a CI root, is not ours).
RUN_MARK=$$.$(date +%s%N)
host_state() {
	ip -o link show | sed 's/ qlen.*//'
	ip -o addr show | sed 's/valid_lft.*//'
	ip route show
	find "$HA_RSCTMP" -mindepth 1 | sort
	grep -lsaz "^SIPHA_BADINPUT_RUN=$RUN_MARK\$" /proc/[0-9]*/environ | sed 's/^/left running: /'
}
before=$(host_state)

long=$(head -c 5000 /dev/zero | tr '\0' x)
# value id -> value; typed: values every non-string parameter must refuse
declare -A bad=([ctrl]=$'a\x01b' [newline]=$'a\nb' [escape]=$'\x1b[31m' [long]=$long)
declare -A typed=([word]=xyzzy [traversal]=../../../etc/shadow [negative]=-1
	[huge]=99999999999999999999999 [percent]=%s%n)
# for paths root runs or reads: each must be refused with 4 (OCF_ERR_PERM) naming the parameter
declare -A untrusted=([anyone-writes]=$W/anyone/prog [their-symlink]=$W/sticky/theirs)

# What a parameter takes on purpose, checked later by whom it is for: these must answer 0.
declare -A accepts=(
	# a host or interface name: Kamailio resolves it at its configuration check (start: 6)
	[kamailio:listen]="word"
	# Kamailio's own arguments, word by word: its configuration check judges them
	[kamailio:extra_options]="word traversal negative huge percent"
)

# The agent's required parameters with good values, so that only the one under test is bad.
base_env() {
	case $1 in
	floatip) echo "OCF_RESKEY_ip=192.0.2.10" ;;	# on sipha0's subnet
	rollingrestart) echo "OCF_RESKEY_schedule=0 4 * * 2" ;;
	esac
}

# run AGENT PARAM VALUE: validate-all; sets RC and REASON
run() {
	local env
	env=$(base_env "$1")
	out=$(env ${env:+"$env"} SIPHA_BADINPUT_RUN=$RUN_MARK "OCF_RESKEY_$2=$3" timeout 10 \
		"$top_builddir/agents/$1" validate-all 2>&1)
	RC=$?
	REASON=$(printf '%s\n' "$out" | sed -n 's/^ocf-exit-reason://p' | tail -1)
}

printf '# %-15s %-20s %-10s %s\n' agent parameter value "rc reason" >&2
# answered ID: logs the last run's answer to the value ID and keeps its code for the table
declare -A seen
answered() {
	printf '# %-15s %-20s %-10s %s %.90s\n' "$agent" "$p" "$1" "$RC" "$REASON" >&2
	seen[$1]=$RC
}
# input_row: this parameter's row of docs/faults.md's bad-input table (codes by value, sorted)
input_row() {
	local id codes=
	for id in $(printf '%s\n' "${!seen[@]}" | sort); do codes="$codes, $id ${seen[$id]}"; done
	doc_row inputs "| $agent | $p | ${type:-?} | ${codes#, } |" "bad input to $agent $p"
}
for agent in floatip kamailio rollingrestart; do
	a=$top_builddir/agents/$agent
	[ -x "$a" ] || { not_ok "$agent not built"; continue; }
	md=$("$a" meta-data)
	env=$(base_env "$agent")
	out=$(env ${env:+"$env"} timeout 10 "$a" validate-all 2>&1)
	rc=$?
	check "$agent validate-all with good values: 0 (rc $rc)" [ "$rc" = 0 ]
	for p in $(printf '%s\n' "$md" | xmllint --xpath '//parameter/@name' - |
		sed 's/ name="\([^"]*\)"/\1\n/g'); do
		type=$(printf '%s\n' "$md" | xmllint --xpath "string(//parameter[@name='$p']/longdesc)" - |
			sed -n 's/.*Value: \([^.]*\)\..*/\1/p' | head -1)
		fails=
		ids=${!bad[*]}
		# empty is unset: a required parameter is missing (6), another takes its default (0)
		seen=()
		run "$agent" "$p" ""
		answered empty
		req=$(printf '%s\n' "$md" | xmllint --xpath "string(//parameter[@name='$p']/@required)" -)
		if [ "$req" = 1 ]; then
			[ "$RC" = 6 ] && [[ " $REASON" == *[^a-z_]"$p"[^a-z_]* ]] || fails="$fails empty:rc$RC"
		else
			[ "$RC" = 0 ] || fails="$fails empty:rc$RC(default)"
		fi
		if printf '%s\n' "$md" | xmllint --xpath "string(//parameter[@name='$p']/longdesc)" - |
			grep -q "writable by root alone"; then
			for id in ${!untrusted[*]}; do
				run "$agent" "$p" "${untrusted[$id]}"
				answered "$id"
				[ "$RC" = 4 ] && [[ " $REASON" == *[^a-z_]"$p"[^a-z_]* ]] ||
					fails="$fails $id:rc$RC"
			done
			trusted_paths="${trusted_paths:-} $agent:$p"
		fi
		case $type in
		"a string"* | "any"* | "") ;;
		*) ids="$ids ${!typed[*]}" ;;
		esac
		# in a list a newline separates items
		case $type in "a list"*) ids=${ids/newline/} ;; esac
		for id in $ids; do
			v=${bad[$id]-${typed[$id]}}
			run "$agent" "$p" "$v"
			answered "$id"
			if [ "$RC" -ge 124 ]; then
				fails="$fails $id:crash-or-hang($RC)"
			elif [[ " ${accepts[$agent:$p]-} " == *" $id "* ]]; then
				[ "$RC" = 0 ] || fails="$fails $id:rc$RC(taken on purpose)"
			elif [ "$RC" != 6 ]; then
				fails="$fails $id:rc$RC"
			else
				case " $REASON" in
				*[^a-z_]"$p"[^a-z_]*) ;;
				*) fails="$fails $id:reason-lacks-name" ;;
				esac
				case $REASON in *$'\n'* | *$'\x1b'*) fails="$fails $id:reason-echoes" ;; esac
			fi
		done
		check "$agent $p (${type:-?}): every bad value refused with 6 (paths root uses: 4) naming it${accepts[$agent:$p]+ (taken: ${accepts[$agent:$p]})}${fails:+ —$fails}" \
			[ -z "$fails" ]
		input_row
	done
done

check "paths root runs or reads are judged (kamailio binary and conffile):${trusted_paths:-none}" \
	[ "${trusted_paths:-}" = " kamailio:binary kamailio:conffile" ]

# siphactl: every option that takes a value, each bad value: exit 2 naming the option (in this
# namespace no cluster could answer, whatever runs on the host)
if [ -x "$CTL" ]; then
	for opt in --clone --ip --lease --min-healthy --step-timeout; do
		fails=
		for id in ctrl newline long word negative huge; do
			v=${bad[$id]-${typed[$id]}}
			case $opt:$id in --clone:word | --ip:word) continue ;; esac
			out=$(SIPHA_BADINPUT_RUN=$RUN_MARK timeout 10 "$CTL" "$opt" "$v" rolling-restart --dry-run 2>&1)
			rc=$?
			printf '# siphactl %-20s %-10s %s %.90s\n' "$opt" "$id" "$rc" "$(printf '%s' "$out" | head -1)" >&2
			[ "$rc" = 2 ] || { fails="$fails $id:rc$rc"; continue; }
			case $out in *"$opt"*) ;; *) fails="$fails $id:message-lacks-name" ;; esac
		done
		check "siphactl $opt: every bad value exits 2 naming it${fails:+ —$fails}" [ -z "$fails" ]
	done
	# the rest of the option table: a flag given a value, a value option given an empty one or
	# none, an option of another command, each named in the reason
	while read -r what args; do
		# shellcheck disable=SC2086 # args are words of this table
		out=$(SIPHA_BADINPUT_RUN=$RUN_MARK timeout 10 "$CTL" $args 2>&1)
		rc=$?
		printf '# siphactl %-32s %s %.90s\n' "$args" "$rc" "$(printf '%s' "$out" | head -1)" >&2
		name=${args##* }
		name=${name%%=*}
		check "siphactl $args ($what): exits 2 naming $name (rc $rc: $(printf '%s' "$out" | head -1))" \
			sh -c '[ "$1" = 2 ] && case $2 in *"$3"*) true ;; *) false ;; esac' - "$rc" "$out" "$name"
	done <<-EOF
		flag-value status --json=yes
		flag-value rolling-restart --dry-run=no
		flag-value status --help=1
		empty check --clone=
		empty status --ip=
		empty rolling-restart --lease=
		empty rolling-restart --min-healthy=
		empty rolling-restart --step-timeout=
		no-value status --clone
		no-value check --ip
		no-value rolling-restart --lease
		no-value rolling-restart --min-healthy
		elsewhere check --lease=10s
		elsewhere status --min-healthy=10s
		elsewhere abort --step-timeout=10s
		elsewhere abort --json
		elsewhere check --dry-run
		unknown status --verbose
	EOF
else
	not_ok "siphactl not built: $CTL"
fi

after=$(host_state)
check "nothing changed (links, addresses, routes, state files, no process left)" [ "$before" = "$after" ]
[ "$before" = "$after" ] || diff <(echo "$before") <(echo "$after") | sed 's/^/#   /'
finish
