/* tests/unit/test_nl_route.c: finding the connected subnet of an address (lib/net/nl_route.c), pure
 * matching and on a real kernel in a private network namespace. */
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
#include "net/nl_route.h"
#include "tests/unit/test_netns.h"

static bool in_netns;

static void test_connects(void **state)
{
	struct nl_route r = { .family = AF_INET, .prefix = 25, .table = RT_TABLE_MAIN,
			      .type = RTN_UNICAST, .oif = 4 };
	unsigned char in[4], out[4];

	(void)state;
	inet_pton(AF_INET, "192.0.2.0", r.dst);
	inet_pton(AF_INET, "192.0.2.127", in);
	inet_pton(AF_INET, "192.0.2.128", out);
	assert_true(nl_route_connects(&r, AF_INET, in, 0));
	assert_true(nl_route_connects(&r, AF_INET, in, 4));
	assert_false(nl_route_connects(&r, AF_INET, in, 5));
	assert_false(nl_route_connects(&r, AF_INET, out, 0));
	assert_false(nl_route_connects(&r, AF_INET6, in, 0));
	r.gateway = true;
	assert_false(nl_route_connects(&r, AF_INET, in, 0));
	r.gateway = false;
	r.type = RTN_LOCAL;
	assert_false(nl_route_connects(&r, AF_INET, in, 0));
	r.type = RTN_UNICAST;
	r.table = 100;
	assert_false(nl_route_connects(&r, AF_INET, in, 0));
	r.table = RT_TABLE_MAIN;
	/* A default route without gateway is no subnet. */
	r.prefix = 0;
	assert_false(nl_route_connects(&r, AF_INET, in, 0));
}

static void add(struct nl *nl, const char *ifname, int family, const char *text, int prefix)
{
	int64_t dl = clock_now_ms() + 5000;
	struct nl_addr a = { .family = family, .prefix = prefix, .flags = 0x02,
			     .valid_lft = NL_LIFE_FOREVER, .preferred_lft = NL_LIFE_FOREVER };
	struct nl_link l;

	assert_int_equal(nl_link_get(nl, 0, ifname, &l, dl), 0);
	a.ifindex = l.ifindex;
	assert_int_equal(inet_pton(family, text, a.addr), 1);
	assert_int_equal(nl_addr_add(nl, &a, dl), 0);
}

static void test_kernel(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	unsigned char ip[16];
	struct nl_link a, b;
	struct nl_route r;

	(void)state;
	if (!in_netns)
		skip();
	assert_int_equal(nl_open(&nl), 0);
	assert_int_equal(nl_link_get(nl, 0, "sfr0", &a, dl), 0);
	assert_int_equal(nl_link_get(nl, 0, "sfr1", &b, dl), 0);
	add(nl, "sfr0", AF_INET, "192.0.2.1", 24);
	add(nl, "sfr1", AF_INET, "192.0.2.129", 25);
	add(nl, "sfr0", AF_INET6, "2001:db8::1", 64);

	inet_pton(AF_INET, "192.0.2.10", ip);
	assert_int_equal(nl_route_connected(nl, AF_INET, ip, 0, &r, dl), 0);
	assert_int_equal(r.oif, a.ifindex);
	assert_int_equal(r.prefix, 24);
	/* The longest prefix wins. */
	inet_pton(AF_INET, "192.0.2.200", ip);
	assert_int_equal(nl_route_connected(nl, AF_INET, ip, 0, &r, dl), 0);
	assert_int_equal(r.oif, b.ifindex);
	assert_int_equal(r.prefix, 25);
	/* Restricted to an interface, its own subnet. */
	assert_int_equal(nl_route_connected(nl, AF_INET, ip, a.ifindex, &r, dl), 0);
	assert_int_equal(r.oif, a.ifindex);
	assert_int_equal(r.prefix, 24);
	inet_pton(AF_INET, "198.51.100.10", ip);
	assert_int_equal(nl_route_connected(nl, AF_INET, ip, 0, &r, dl), -ENETUNREACH);

	inet_pton(AF_INET6, "2001:db8::10", ip);
	assert_int_equal(nl_route_connected(nl, AF_INET6, ip, 0, &r, dl), 0);
	assert_int_equal(r.oif, a.ifindex);
	assert_int_equal(r.prefix, 64);
	assert_int_equal(nl_route_connected(nl, AF_INET6, ip, b.ifindex, &r, dl), -ENETUNREACH);
	inet_pton(AF_INET6, "2001:db8:1::10", ip);
	assert_int_equal(nl_route_connected(nl, AF_INET6, ip, 0, &r, dl), -ENETUNREACH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_connects),
		cmocka_unit_test(test_kernel),
	};

	in_netns = netns_enter() == 0 && netns_veth("sfr0", "sfr1", 0xa2, 0xb2) == 0;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
