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
 * -E2BIG over CS_NODES_MAX nodes, -ENAMETOOLONG for a name or address over CS_NAME_MAX - 1,
 * -ELIBACC when libcmap, loaded on first use, cannot be (lazylib_strerror() says why).
 * Nothing is printed. Without Corosync it fails at once (the IPC connect is refused); a
 * Corosync that accepts the connection but never replies blocks it (libcmap waits for replies
 * without a timeout): the caller's operation timeout is the bound. */
int cs_nodelist_read(struct cs_nodelist *ret);

#endif
