/* lib/cluster/corosync_nodes.h: the cluster's nodes as Corosync is configured with them
 * (corosync.conf's nodelist, read through libcmap), and which of them this node is: what a
 * clone instance needs to name its peers without a hand-kept list.
 */
#ifndef SIPHA_COROSYNC_NODES_H
#define SIPHA_COROSYNC_NODES_H

#include <stddef.h>
#include <stdint.h>

#define CS_NODES_MAX 32
#define CS_NAME_MAX 256

struct cs_node {
	uint32_t nodeid;		/* nodelist.node.N.nodeid (0 when not set)          */
	char name[CS_NAME_MAX];		/* nodelist.node.N.name ("" when not set)           */
	char addr[CS_NAME_MAX];		/* nodelist.node.N.ring0_addr: an address or a name */
};

struct cs_nodelist {
	struct cs_node node[CS_NODES_MAX];
	size_t n;			/* in nodelist order                                */
	int self;			/* index of this node (nodelist.local_node_pos)     */
};

/* Reads the node list from the running Corosync. Returns 0; -ENOTCONN when Corosync does not
 * answer (not running, or not allowed: root or the haclient group), -ENOENT when it has no
 * nodelist (or a node without ring0_addr), -ESRCH when this node's position is unknown,
 * -E2BIG over CS_NODES_MAX nodes. Nothing is printed. */
int cs_nodelist_read(struct cs_nodelist *ret);

#endif
