/* lib/net/addr_copies.h: every copy of one address on the node, on whichever interface and
 * with whichever prefix, and reading back the copy just added. */
#ifndef SIPHA_ADDR_COPIES_H
#define SIPHA_ADDR_COPIES_H

#include <stdint.h>

#include "net/nl.h"
#include "net/nl_addr.h"

/* More copies of one address than this on one node is beyond any sane setup. */
#define ADDR_COPIES_MAX 16

/* What the read-back of an added address found. */
enum addr_tag {
	ADDR_TAG_KEPT,		/* the copy is there with the sipha tag */
	ADDR_TAG_DROPPED,	/* the copy is there without it: the kernel (before 5.18) drops it */
	ADDR_TAG_GONE,		/* no copy on that interface with that prefix any more */
};

/* Lists every copy of @addr (@family) on the node into @ret. Returns how many were stored (at
 * most ADDR_COPIES_MAX), or -errno from nl_addr_find() (-EINTR: the kernel interrupted every
 * try of the dump). */
int addr_copies(struct nl *nl, int family, const void *addr,
		struct nl_addr ret[ADDR_COPIES_MAX], int64_t deadline);

/* Reads back @a, just added: the first copy of its address on its interface with its prefix
 * tells whether the kernel kept the tag. Returns an enum addr_tag, or -errno as
 * addr_copies(). */
int addr_tag_read(struct nl *nl, const struct nl_addr *a, int64_t deadline);

#endif
