/* tests/unit/test_addr_probe.c: probing for and announcing one address by family
 * (lib/net/addr_probe.c) across a veth pair in a private network namespace. */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if_arp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "net/addr_probe.h"
#include "net/nl.h"
#include "net/nl_addr.h"
#include "net/nl_link.h"
#include "tests/unit/test_netns.h"

static bool in_netns;
static struct nl_link here, there, lo;	/* we probe from sfq0; sfq1 is the other host */
static const struct arp_probe_plan plan = { .count = 2, .interval_ms = 20, .wait_ms = 40 };

static int setup(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_addr a = { .family = AF_INET, .prefix = 24, .valid_lft = NL_LIFE_FOREVER,
			     .preferred_lft = NL_LIFE_FOREVER };

	(void)state;
	if (!in_netns)
		return 0;
	if (nl_open(&nl) < 0 || nl_link_get(nl, 0, "sfq0", &here, dl) < 0 ||
	    nl_link_get(nl, 0, "sfq1", &there, dl) < 0 || nl_link_get(nl, 0, "lo", &lo, dl) < 0)
		return -1;
	a.ifindex = there.ifindex;
	inet_pton(AF_INET, "192.0.2.40", a.addr);
	return nl_addr_add(nl, &a, dl) < 0 ? -1 : 0;
}

static void test_speaks(void **state)
{
	struct nl_link l = { .type = ARPHRD_ETHER, .maclen = 6 };

	(void)state;
	assert_true(addr_link_speaks(&l));
	l.flags = IFF_NOARP;
	assert_false(addr_link_speaks(&l));
	l.flags = 0;
	l.maclen = 0;
	assert_false(addr_link_speaks(&l));
	l.maclen = 6;
	l.type = ARPHRD_LOOPBACK;
	assert_false(addr_link_speaks(&l));
	l.type = ARPHRD_INFINIBAND;
	l.maclen = 20;
	assert_false(addr_link_speaks(&l));
	if (!in_netns)
		skip();
	assert_true(addr_link_speaks(&here));
	assert_false(addr_link_speaks(&lo));
}

static void test_probe_v4(void **state)
{
	uint8_t ip[4], who[6] = { 0 };
	int64_t t0 = clock_now_ms();

	(void)state;
	if (!in_netns)
		skip();
	inet_pton(AF_INET, "192.0.2.40", ip);
	assert_int_equal(addr_probe(&here, AF_INET, ip, false, &plan, who, t0 + 2000), 1);
	assert_memory_equal(who, there.mac, 6);
	inet_pton(AF_INET, "192.0.2.41", ip);
	assert_int_equal(addr_probe(&here, AF_INET, ip, false, &plan, who, t0 + 2000), 0);
}

static void test_probe_v6(void **state)
{
	uint8_t ip[16], who[6] = { 0 };
	int64_t t0 = clock_now_ms();

	(void)state;
	if (!in_netns)
		skip();
	inet_pton(AF_INET6, "2001:db8::41", ip);
	assert_int_equal(addr_probe(&here, AF_INET6, ip, false, &plan, who, t0 + 2000), 0);
}

static void test_refused(void **state)
{
	uint8_t ip[16] = { 192, 0, 2, 42 }, who[6];
	int64_t dl = clock_now_ms() + 2000;

	(void)state;
	if (!in_netns)
		skip();
	assert_int_equal(addr_probe(&lo, AF_INET, ip, false, &plan, who, dl), -EOPNOTSUPP);
	assert_int_equal(addr_announce(&lo, AF_INET, ip, 1, 0, dl), -EOPNOTSUPP);
	assert_int_equal(addr_probe(&here, AF_UNIX, ip, false, &plan, who, dl), -EAFNOSUPPORT);
	assert_int_equal(addr_announce(&here, AF_UNIX, ip, 1, 0, dl), -EAFNOSUPPORT);
}

static void test_announce(void **state)
{
	uint8_t ip4[4], ip6[16];
	int64_t t0 = clock_now_ms();

	(void)state;
	if (!in_netns)
		skip();
	inet_pton(AF_INET, "192.0.2.43", ip4);
	inet_pton(AF_INET6, "2001:db8::43", ip6);
	assert_int_equal(addr_announce(&here, AF_INET, ip4, 2, 10, t0 + 2000), 2);
	assert_int_equal(addr_announce(&here, AF_INET6, ip6, 2, 10, t0 + 2000), 2);
	assert_int_equal(addr_announce(&here, AF_INET, ip4, 1, 0, t0 + 2000), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_speaks),
		cmocka_unit_test(test_probe_v4),
		cmocka_unit_test(test_probe_v6),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_announce),
	};

	in_netns = netns_enter() == 0 && netns_veth("sfq0", "sfq1", 0xa7, 0xb7) == 0 &&
		   netns_link_set("lo", true) == 0;
	return cmocka_run_group_tests(tests, setup, NULL);
}
