/* tests/unit/test_nl_addr.c: address messages (pure) and add/find/delete on a real kernel in a
 * private network namespace (lib/net/nl_addr.c, lib/net/nl.c). */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "net/nl.h"
#include "net/nl_addr.h"
#include "net/nl_link.h"
#include "tests/unit/test_netns.h"

static bool in_netns;

#define NEED_NETNS()                                                        \
	do {                                                                \
		if (!in_netns)                                              \
			skip();                                             \
	} while (0)

static struct nl_addr v4(int ifindex, const char *text, int prefix)
{
	struct nl_addr a = { .family = AF_INET, .ifindex = ifindex, .prefix = prefix,
			     .valid_lft = NL_LIFE_FOREVER, .preferred_lft = NL_LIFE_FOREVER };

	assert_int_equal(inet_pton(AF_INET, text, a.addr), 1);
	return a;
}

static struct nl_addr v6(int ifindex, const char *text, int prefix)
{
	struct nl_addr a = { .family = AF_INET6, .ifindex = ifindex, .prefix = prefix,
			     .valid_lft = NL_LIFE_FOREVER, .preferred_lft = NL_LIFE_FOREVER };

	assert_int_equal(inet_pton(AF_INET6, text, a.addr), 1);
	return a;
}

static void test_build_parse_roundtrip(void **state)
{
	char buf[NL_REQ_LEN] = { 0 };
	struct nl_addr a = v4(3, "192.0.2.10", 24), b;
	struct nlmsghdr *nlh;

	(void)state;
	a.proto = 83;
	a.flags = 0x200;	/* IFA_F_NOPREFIXROUTE: beyond the 8-bit ifa_flags */
	strcpy(a.label, "eth0:fip");
	a.has_broadcast = true;
	inet_pton(AF_INET, "192.0.2.255", a.broadcast);
	a.preferred_lft = 0;
	nlh = nl_addr_build_add(buf, &a);
	assert_non_null(nlh);
	assert_int_equal(nlh->nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL | NLM_F_REPLACE),
			 NLM_F_CREATE | NLM_F_EXCL);
	/* The request has the shape of the kernel's own message: parse it back. */
	assert_int_equal(nl_addr_parse(nlh, &b), 0);
	assert_int_equal(b.family, AF_INET);
	assert_int_equal(b.ifindex, 3);
	assert_int_equal(b.prefix, 24);
	assert_int_equal(b.proto, 83);
	assert_int_equal(b.flags, 0x200);
	assert_string_equal(b.label, "eth0:fip");
	assert_true(b.has_broadcast);
	assert_memory_equal(b.broadcast, a.broadcast, 4);
	assert_memory_equal(b.addr, a.addr, 4);
	assert_int_equal(b.preferred_lft, 0);
	assert_int_equal(b.valid_lft, NL_LIFE_FOREVER);

	nlh = nl_addr_build_del(buf, &a);
	assert_non_null(nlh);
	assert_int_equal(nlh->nlmsg_type, RTM_DELADDR);
}

static void test_build_rejects(void **state)
{
	char buf[NL_REQ_LEN] = { 0 };
	struct nl_addr a = v4(3, "192.0.2.10", 33);

	(void)state;
	assert_null(nl_addr_build_add(buf, &a));
	a.prefix = 24;
	a.ifindex = 0;
	assert_null(nl_addr_build_add(buf, &a));
	a.ifindex = 1;
	a.family = AF_UNIX;
	assert_null(nl_addr_build_del(buf, &a));
}

static void test_parse_rejects(void **state)
{
	char buf[NL_REQ_LEN] = { 0 };
	struct nl_addr a = v6(2, "2001:db8::10", 64), b;
	struct nlmsghdr *nlh = nl_addr_build_add(buf, &a);
	struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);

	(void)state;
	assert_int_equal(nl_addr_parse(nlh, &b), 0);
	assert_int_equal(b.proto, 0);
	assert_string_equal(b.label, "");
	ifa->ifa_prefixlen = 129;
	assert_int_equal(nl_addr_parse(nlh, &b), -EBADMSG);
	ifa->ifa_prefixlen = 64;
	ifa->ifa_family = AF_PACKET;
	assert_int_equal(nl_addr_parse(nlh, &b), -EAFNOSUPPORT);
	ifa->ifa_family = AF_INET6;
	nlh->nlmsg_type = RTM_NEWLINK;
	assert_int_equal(nl_addr_parse(nlh, &b), -EBADMSG);
	nlh->nlmsg_type = RTM_NEWADDR;
	/* A message shorter than its own header. */
	nlh->nlmsg_len = (uint32_t)mnl_nlmsg_size(sizeof(*ifa)) - 1;
	assert_int_equal(nl_addr_parse(nlh, &b), -EBADMSG);
	/* No address attribute at all. */
	nlh->nlmsg_len = (uint32_t)mnl_nlmsg_size(sizeof(*ifa));
	assert_int_equal(nl_addr_parse(nlh, &b), -EBADMSG);
}

static void test_kernel_v4(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_link l;
	struct nl_addr a, b, found[4];

	(void)state;
	NEED_NETNS();
	assert_int_equal(nl_open(&nl), 0);
	assert_int_equal(nl_link_get(nl, 0, "sfa0", &l, dl), 0);
	a = v4(l.ifindex, "192.0.2.10", 24);
	a.proto = 83;
	strcpy(a.label, "sfa0:fip");
	assert_int_equal(nl_addr_find(nl, AF_INET, a.addr, found, 4, dl), 0);
	assert_int_equal(nl_addr_add(nl, &a, dl), 0);
	/* An exclusive create never adopts what is there, even our own. */
	assert_int_equal(nl_addr_add(nl, &a, dl), -EEXIST);
	assert_int_equal(nl_addr_find(nl, AF_INET, a.addr, found, 4, dl), 1);
	assert_int_equal(found[0].ifindex, l.ifindex);
	assert_int_equal(found[0].proto, 83);
	assert_int_equal(found[0].prefix, 24);
	assert_string_equal(found[0].label, "sfa0:fip");
	assert_true(found[0].flags & 0x80);	/* IFA_F_PERMANENT */
	assert_int_equal(found[0].valid_lft, NL_LIFE_FOREVER);

	/* The same address with another prefix, on another interface, with a lease: the
	 * kernel takes all of them; find lists every one. */
	b = v4(l.ifindex, "192.0.2.10", 25);
	assert_int_equal(nl_addr_add(nl, &b, dl), 0);
	assert_int_equal(nl_link_get(nl, 0, "sfb0", &l, dl), 0);
	b = v4(l.ifindex, "192.0.2.10", 24);
	b.valid_lft = b.preferred_lft = 3600;
	assert_int_equal(nl_addr_add(nl, &b, dl), 0);
	assert_int_equal(nl_addr_find(nl, AF_INET, a.addr, found, 4, dl), 3);
	assert_int_equal(nl_addr_find(nl, AF_INET, a.addr, found, 1, dl), 3);
	assert_int_equal(nl_addr_find(nl, AF_INET, a.addr, found, 4, dl), 3);
	for (int i = 0; i < 3; i++) {
		if (found[i].ifindex != l.ifindex)
			continue;
		assert_int_equal(found[i].proto, 0);
		assert_false(found[i].flags & 0x80);
		assert_in_range(found[i].valid_lft, 3590, 3600);
	}

	assert_int_equal(nl_addr_del(nl, &a, dl), 0);
	assert_int_equal(nl_addr_del(nl, &a, dl), -EADDRNOTAVAIL);
	assert_int_equal(nl_addr_del(nl, &b, dl), 0);
	assert_int_equal(nl_addr_find(nl, AF_INET, a.addr, found, 4, dl), 1);
	assert_int_equal(found[0].prefix, 25);
	assert_int_equal(nl_addr_del(nl, &found[0], dl), 0);
	assert_int_equal(nl_addr_find(nl, AF_INET, a.addr, found, 4, dl), 0);
}

static void test_kernel_v6(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_link l;
	struct nl_addr a, found[2];

	(void)state;
	NEED_NETNS();
	assert_int_equal(nl_open(&nl), 0);
	assert_int_equal(nl_link_get(nl, 0, "sfa0", &l, dl), 0);
	a = v6(l.ifindex, "2001:db8::10", 64);
	a.proto = 83;
	a.flags = 0x02;		/* IFA_F_NODAD */
	a.preferred_lft = 0;	/* deprecated: never picked as a source address */
	assert_int_equal(nl_addr_add(nl, &a, dl), 0);
	assert_int_equal(nl_addr_add(nl, &a, dl), -EEXIST);
	assert_int_equal(nl_addr_find(nl, AF_INET6, a.addr, found, 2, dl), 1);
	assert_int_equal(found[0].proto, 83);
	assert_true(found[0].flags & 0x02);
	assert_false(found[0].flags & 0x40);	/* not tentative: DAD skipped */
	assert_true(found[0].flags & 0x20);	/* deprecated */
	assert_int_equal(found[0].preferred_lft, 0);
	assert_int_equal(nl_addr_del(nl, &a, dl), 0);
	assert_int_equal(nl_addr_find(nl, AF_INET6, a.addr, found, 2, dl), 0);

	/* Without NODAD the kernel runs DAD first: the address shows as tentative. */
	a.flags = 0;
	a.preferred_lft = NL_LIFE_FOREVER;
	assert_int_equal(nl_addr_add(nl, &a, dl), 0);
	assert_int_equal(nl_addr_find(nl, AF_INET6, a.addr, found, 2, dl), 1);
	assert_true(found[0].flags & 0x40);
	assert_int_equal(nl_addr_del(nl, &a, dl), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_parse_roundtrip),
		cmocka_unit_test(test_build_rejects),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_kernel_v4),
		cmocka_unit_test(test_kernel_v6),
	};

	in_netns = netns_enter() == 0 && netns_veth("sfa0", "sfb0", 0xa0, 0xb0) == 0;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
