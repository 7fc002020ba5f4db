#!/bin/bash
# tests/cluster/node-init.sh NODEDIR NODENAME RESOURCE_D: PID 1 of one cluster node.
# Runs inside the node's network namespace and fresh private mount, PID, UTS and IPC
# namespaces (see lib.sh scl_start_node). Sets up the node's private view of the file system,
# starts corosync and pacemakerd, then reaps orphans until killed.
set -eu
d=$1
name=$2
rd=$3

hostname "$name"
mount -t tmpfs -o mode=0755 tmpfs /run
mkdir -p /run/lock /run/crm /run/resource-agents
install -d -o kamailio -g kamailio /run/kamailio 2>/dev/null || true
mount -t tmpfs -o mode=1777 tmpfs /dev/shm
mount --bind "$d/pacemaker" /var/lib/pacemaker
mount --bind "$d/corosync-lib" /var/lib/corosync
mount --bind "$d/corosync-etc" /etc/corosync
mount --bind "$d/log" /var/log/pacemaker
# The prepared copy adds sipha; the stock providers are bound in from the original.
mkdir -p /run/scl-ocf
mount --bind /usr/lib/ocf/resource.d /run/scl-ocf
mount --bind "$rd" /usr/lib/ocf/resource.d
for p in /run/scl-ocf/*; do
	[ "${p##*/}" = sipha ] || mount --bind "$p" "/usr/lib/ocf/resource.d/${p##*/}"
done

export PCMK_logfile=/var/log/pacemaker/pacemaker.log PCMK_logfacility=none
export HA_LOGFACILITY=none HA_LOGFILE=/var/log/pacemaker/agents.log HA_debug=0
corosync -f -c /etc/corosync/corosync.conf >/var/log/pacemaker/corosync.out 2>&1 &
for _ in $(seq 1 100); do
	corosync-cmapctl -g totem.cluster_name >/dev/null 2>&1 && break
	sleep 0.1
done
pacemakerd >/var/log/pacemaker/pacemakerd.out 2>&1 &
echo "node $name: corosync and pacemakerd started"
set +e
# PID 1 must reap orphans; a blocking sleep keeps one child alive so wait blocks.
while :; do
	sleep 3600 &
	wait
done
