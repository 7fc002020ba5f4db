/* lib/net/addr_copies.c: every copy of one address on the node, and the read-back of one. */
#include "net/addr_copies.h"
#include "net/addr_origin.h"

int addr_copies(struct nl *nl, int family, const void *addr,
		struct nl_addr ret[ADDR_COPIES_MAX], int64_t deadline)
{
	int n = nl_addr_find(nl, family, addr, ret, ADDR_COPIES_MAX, deadline);

	return n > ADDR_COPIES_MAX ? ADDR_COPIES_MAX : n;
}

int addr_tag_read(struct nl *nl, const struct nl_addr *a, int64_t deadline)
{
	struct nl_addr found[ADDR_COPIES_MAX];
	int n = addr_copies(nl, a->family, a->addr, found, deadline);

	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		if (found[i].ifindex != a->ifindex || found[i].prefix != a->prefix)
			continue;
		return addr_origin(&found[i]) == ADDR_OURS ? ADDR_TAG_KEPT : ADDR_TAG_DROPPED;
	}
	return ADDR_TAG_GONE;
}
