/* lib/net/link_text.h: interfaces and hardware addresses as text, for reasons and logs. */
#ifndef SIPHA_LINK_TEXT_H
#define SIPHA_LINK_TEXT_H

#include <net/if.h>
#include <stddef.h>
#include <stdint.h>

#include "net/nl.h"

/* Writes the @len bytes of @mac as "02:00:00:00:00:0a" into @buf (@buflen bytes), as many
 * bytes as fit whole; "" when none does. Pure. */
void link_mac_text(const unsigned char *mac, size_t len, char *buf, size_t buflen);

/* The name of interface @ifindex in @buf, or "if<ifindex>" when it cannot be had (gone since,
 * netlink failing): a reason still names the interface. Never fails. Returns @buf. */
const char *link_name_of(struct nl *nl, int ifindex, char buf[IFNAMSIZ], int64_t deadline);

#endif
