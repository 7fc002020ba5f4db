/* lib/net/nl_addr.h: interface addresses over rtnetlink: list, add (exclusively), delete. */
#ifndef SIPHA_NL_ADDR_H
#define SIPHA_NL_ADDR_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/nl.h"

/* The kernel's "forever" lifetime. */
#define NL_LIFE_FOREVER 0xffffffffu

struct nl_addr {
	int family;			/* AF_INET or AF_INET6 */
	int ifindex;
	unsigned char addr[16];		/* the local address (IFA_LOCAL for IPv4) */
	int prefix;
	uint32_t flags;			/* IFA_F_*, all 32 bits when the kernel sends IFA_FLAGS */
	int proto;			/* IFA_PROTO; 0 when the kernel sends none (unspecified) */
	int scope;			/* RT_SCOPE_* */
	char label[IFNAMSIZ];		/* IPv4 label, "" for IPv6 */
	bool has_broadcast;
	unsigned char broadcast[4];	/* IPv4 only */
	uint32_t valid_lft;		/* seconds left, NL_LIFE_FOREVER when permanent */
	uint32_t preferred_lft;
};

/* Length in bytes of an address of @family (4 or 16), 0 for anything else. */
size_t nl_addr_len(int family);

/* Decodes one RTM_NEWADDR message. Pure. Returns 0, or -EBADMSG when it is malformed, or
 * -EAFNOSUPPORT for a family other than IPv4/IPv6. */
int nl_addr_parse(const struct nlmsghdr *nlh, struct nl_addr *ret);

/* Builds the RTM_NEWADDR request that adds @a in @buf (NL_REQ_LEN bytes, zeroed):
 * exclusive create (NLM_F_CREATE | NLM_F_EXCL), so that an address that already exists is
 * reported as -EEXIST and never taken over. Sends IFA_PROTO when a->proto is not 0, IFA_LABEL
 * when a->label is set (IPv4), IFA_BROADCAST when has_broadcast, IFA_CACHEINFO when a lifetime
 * is finite, IFA_FLAGS with a->flags (IFA_F_NODAD, IFA_F_NOPREFIXROUTE...). Pure. Returns the
 * message, or NULL when @a is not a valid IPv4/IPv6 address. */
struct nlmsghdr *nl_addr_build_add(char *buf, const struct nl_addr *a);

/* Builds the RTM_DELADDR request for @a in @buf (NL_REQ_LEN bytes, zeroed): family, ifindex, address, prefix and, for IPv4, the
 * label when set (the kernel then matches it too). Pure. NULL when @a is not valid. */
struct nlmsghdr *nl_addr_build_del(char *buf, const struct nl_addr *a);

/* Lists every address of @family equal to @addr on every interface, whatever its prefix.
 * Stores up to @max of them in @ret and returns how many exist (which may be more than @max),
 * or -errno (-EINTR when the kernel interrupted every try of the dump, see nl_dump()). */
int nl_addr_find(struct nl *nl, int family, const void *addr, struct nl_addr *ret, size_t max,
		 int64_t deadline);

/* Adds @a with an exclusive create. Returns 0, -EEXIST when the same address/prefix is
 * already on that interface (whoever put it there), or another -errno. */
int nl_addr_add(struct nl *nl, const struct nl_addr *a, int64_t deadline);

/* Deletes @a (matched on interface, address, prefix and IPv4 label). Returns 0, or
 * -EADDRNOTAVAIL when no such address exists, or another -errno. */
int nl_addr_del(struct nl *nl, const struct nl_addr *a, int64_t deadline);

#endif
