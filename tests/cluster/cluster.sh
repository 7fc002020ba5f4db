#!/bin/bash
# tests/cluster/cluster.sh: run a real 1-3 node Corosync/Pacemaker cluster in namespaces.
#   cluster.sh up N [--agents-dir DIR] [--no-wait]   start N nodes (+ client), wait for a DC
#   cluster.sh down                                  remove everything (safe to repeat)
#   cluster.sh exec NODE CMD...                      run CMD inside node NODE (1, n1, node1)
#   cluster.sh client CMD...                         run CMD in the client namespace
#   cluster.sh crash NODE                            unplug NODE and kill -9 all its processes
#   cluster.sh status                                nodes and crm_mon -1 -r
# SCL_NAME (default scl) prefixes every namespace; SCL_STATE is the state dir.
set -u
. "$(dirname "$0")/lib.sh"

usage() { sed -n '2,9s/^# \{0,1\}//p' "$0" >&2; exit 2; }

cmd=${1:-}
[ -n "$cmd" ] || usage
shift
case $cmd in
up)
	scl_require
	n=${1:-2}
	shift || true
	agents= wait=yes
	while [ $# -gt 0 ]; do
		case $1 in
		--agents-dir) agents=$(cd "$2" && pwd) || exit 2; shift 2 ;;
		--agents-dir=*) agents=$(cd "${1#*=}" && pwd) || exit 2; shift ;;
		--no-wait) wait=; shift ;;
		*) usage ;;
		esac
	done
	if ! scl_up "$n" "$agents"; then
		scl_down
		exit 1
	fi
	if [ -n "$wait" ]; then
		t0=$(scl_now_ms)
		scl_wait_ready 90 || { scl_log "cluster not ready; leaving it up for a look"; exit 1; }
		scl_log "DC elected, $n node(s) online after $(( $(scl_now_ms) - t0 )) ms"
	fi
	;;
down) scl_down ;;
exec)
	[ $# -ge 2 ] || usage
	i=$(scl_node_idx "$1") || exit 2
	shift
	scl_exec "$i" "$@"
	;;
client) scl_client "$@" ;;
crash)
	i=$(scl_node_idx "${1:-}") || exit 2
	scl_crash "$i"
	;;
status) scl_status ;;
*) usage ;;
esac
