/* lib/net/addr_build.c: the interface address a floating IP becomes, from its settings. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_addr.h>
#include <stdlib.h>
#include <string.h>

#include "net/addr_build.h"
#include "net/addr_origin.h"

int addr_prefix_pick(long long netmask, int given)
{
	return netmask > 0 ? (int)netmask : given;
}

/* "forever" or a number of seconds the kernel can hold, as IPaddr2 takes it. */
int addr_lft_parse(const char *s, uint32_t *ret)
{
	char *end;
	unsigned long long v;

	if (!strcmp(s, "forever")) {
		*ret = NL_LIFE_FOREVER;
		return 0;
	}
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v >= NL_LIFE_FOREVER)
		return -EINVAL;
	*ret = (uint32_t)v;
	return 0;
}

int addr_label(const char *ifname, const char *label, char ret[IFNAMSIZ])
{
	size_t n = strlen(ifname), m = strlen(label);

	if (n + 1 + m >= IFNAMSIZ)
		return -ENAMETOOLONG;
	memcpy(ret, ifname, n);
	ret[n] = ':';
	memcpy(ret + n + 1, label, m + 1);
	return 0;
}

int addr_broadcast(const unsigned char *ip, int prefix, const char *how, unsigned char ret[4])
{
	bool clear = how && !strcmp(how, "-");
	uint32_t host, v, b;

	if (how && strcmp(how, "+") && !clear)
		return inet_pton(AF_INET, how, ret) == 1 ? 1 : -EINVAL;
	if (prefix > 30)
		return 0;
	host = prefix > 0 ? 0xffffffffu >> prefix : 0xffffffffu;
	memcpy(&v, ip, 4);
	v = ntohl(v);
	b = htonl(clear ? v & ~host : v | host);
	memcpy(ret, &b, 4);
	return 1;
}

/* The IPv4-only parts: label and broadcast. */
static int build_v4(const struct addr_spec *spec, const struct nl_link *link,
		    struct nl_addr *ret)
{
	int r;

	if (spec->iflabel) {
		r = addr_label(link->name, spec->iflabel, ret->label);
		if (r < 0)
			return r;
	}
	r = addr_broadcast(spec->addr, spec->prefix, spec->broadcast, ret->broadcast);
	if (r < 0)
		return r;
	ret->has_broadcast = r == 1;
	return 0;
}

int addr_build(const struct addr_spec *spec, const struct nl_link *link, struct nl_addr *ret)
{
	struct nl_addr a = {
		.family = spec->family,
		.ifindex = link->ifindex,
		.prefix = spec->prefix,
		.proto = ADDR_PROTO_SIPHA,
		.valid_lft = NL_LIFE_FOREVER,
		.preferred_lft = NL_LIFE_FOREVER,
	};
	int r;

	memcpy(a.addr, spec->addr, nl_addr_len(a.family));
	if (spec->preferred_lft && addr_lft_parse(spec->preferred_lft, &a.preferred_lft) < 0)
		return -EINVAL;
	/* IPv6: the caller's own probe replaces the kernel's DAD, which would hold the address
	 * tentative for about a second. */
	if (a.family == AF_INET6)
		a.flags |= IFA_F_NODAD;
	if (spec->noprefixroute)
		a.flags |= IFA_F_NOPREFIXROUTE;
	if (a.family == AF_INET) {
		r = build_v4(spec, link, &a);
		if (r < 0)
			return r;
	}
	*ret = a;
	return 0;
}
