/* tests/fuzz/fuzz_nl.c: the rtnetlink decoders (lib/net/nl_addr.c, nl_link.c, nl_route.c) on
 * arbitrary kernel answers, walked message by message as nl_talk() hands them over. */
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net/nl.h"
#include "net/nl_addr.h"
#include "net/nl_link.h"
#include "net/nl_route.h"
#include "tests/fuzz/fuzz_nl_driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t ip[16] = { 192, 0, 2, 10 };
	/* The kernel's buffer is aligned; so is this copy. */
	uint32_t *buf = malloc(size + 4);
	const struct nlmsghdr *nlh;
	int len = (int)size;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	/* libmnl 1.0.4's mnl_nlmsg_ok() casts nlmsg_len to int, so a length above INT_MAX
	 * passes it: the walk checks that first (the kernel never sends such a length). */
	for (nlh = (const struct nlmsghdr *)buf;
	     len >= (int)sizeof(*nlh) && nlh->nlmsg_len <= (uint32_t)len && mnl_nlmsg_ok(nlh, len);
	     nlh = mnl_nlmsg_next(nlh, &len)) {
		struct nl_addr a;
		struct nl_link l;
		struct nl_route r;

		if (nl_addr_parse(nlh, &a) == 0 && (a.prefix < 0 || a.prefix > 128))
			__builtin_trap();
		if (nl_link_parse(nlh, &l) == 0 && (l.maclen > sizeof(l.mac) || !l.name[0]))
			__builtin_trap();
		if (nl_route_parse(nlh, &r) == 0)
			(void)nl_route_connects(&r, r.family, ip, 0);
	}
	free(buf);
	return 0;
}

size_t fuzz_seed(unsigned i, uint8_t *buf, size_t len)
{
	struct nl_addr a = { .family = AF_INET, .ifindex = 2, .prefix = 24, .proto = 83,
			     .valid_lft = 3600, .preferred_lft = 3600, .has_broadcast = true };
	char req[NL_REQ_LEN] = { 0 };
	struct nlmsghdr *nlh;

	if (i > 1 || len < NL_REQ_LEN)
		return 0;
	memcpy(a.addr, (uint8_t[]){ 192, 0, 2, 10 }, 4);
	strcpy(a.label, "eth0:fip");
	if (i == 1) {
		a.family = AF_INET6;
		a.prefix = 64;
		memcpy(a.addr, (uint8_t[]){ 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 }, 16);
		a.flags = 0x02;
	}
	/* An add request has the layout of the kernel's RTM_NEWADDR answers. */
	nlh = nl_addr_build_add(req, &a);
	if (!nlh)
		return 0;
	memcpy(buf, nlh, nlh->nlmsg_len);
	return nlh->nlmsg_len;
}
