/* lib/cluster/peer_sync.h: the peers' registration tables as their kamailio instances publish
 * them in the CIB status (node attributes sipha-contacts, sipha-sync), for lib/kam/sync_gate.
 */
#ifndef SIPHA_PEER_SYNC_H
#define SIPHA_PEER_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#include <libxml/tree.h>

#define PEER_NODE_MAX 256

struct peer_sync {
	unsigned peers;			/* nodes but self with sipha-contacts, not syncing */
	uint64_t max_contacts;		/* the largest of their sipha-contacts             */
	char max_node[PEER_NODE_MAX];	/* whose it is ("" when peers is 0)                */
};

/* Reads @cib (a whole <cib>; libxml2's structures are walked, no libxml2 function is called,
 * so the tree may be Pacemaker's own) for every node_state other than @self (its uname) whose
 * transient attributes hold a numeric sipha-contacts and whose sipha-sync is not "syncing".
 * Returns 0 (also when there is none), -EINVAL when @cib has no status section. */
int peer_sync_from_cib(xmlNode *cib, const char *self, struct peer_sync *ret);

#endif
