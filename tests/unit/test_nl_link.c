/* tests/unit/test_nl_link.c: link state over rtnetlink on a real kernel in a private network
 * namespace (lib/net/nl_link.c). */
#include <errno.h>
#include <net/if_arp.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "net/nl.h"
#include "net/nl_link.h"
#include "tests/unit/test_netns.h"

static bool in_netns;

static void test_get(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	static const unsigned char mac[6] = { 2, 0, 0, 0, 0, 0xa1 };
	int64_t dl = clock_now_ms() + 5000;
	struct nl_link l, m;

	(void)state;
	if (!in_netns)
		skip();
	assert_int_equal(nl_open(&nl), 0);
	assert_int_equal(nl_link_get(nl, 0, "sfl0", &l, dl), 0);
	assert_string_equal(l.name, "sfl0");
	assert_int_equal(l.type, ARPHRD_ETHER);
	assert_int_equal(l.maclen, 6);
	assert_memory_equal(l.mac, mac, 6);
	assert_true(nl_link_running(&l));
	assert_int_equal(l.carrier, 1);
	assert_int_equal(l.mtu, 1500);
	/* By index: the same link. */
	assert_int_equal(nl_link_get(nl, l.ifindex, NULL, &m, dl), 0);
	assert_string_equal(m.name, "sfl0");
	assert_int_equal(nl_link_get(nl, 0, "lo", &m, dl), 0);
	assert_int_equal(m.type, ARPHRD_LOOPBACK);
	assert_int_equal(m.ifindex, 1);

	/* The peer down: no carrier here, though still administratively up. */
	assert_int_equal(netns_link_set("sfl1", false), 0);
	assert_int_equal(nl_link_get(nl, l.ifindex, NULL, &l, dl), 0);
	assert_true(l.flags & IFF_UP);
	assert_false(l.flags & IFF_LOWER_UP);
	assert_false(nl_link_running(&l));
	assert_int_equal(netns_link_set("sfl1", true), 0);
	assert_int_equal(netns_link_set("sfl0", false), 0);
	assert_int_equal(nl_link_get(nl, l.ifindex, NULL, &l, dl), 0);
	assert_false(l.flags & IFF_UP);
	assert_false(nl_link_running(&l));
	assert_int_equal(netns_link_set("sfl0", true), 0);
}

static void test_missing(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_link l;

	(void)state;
	if (!in_netns)
		skip();
	assert_int_equal(nl_open(&nl), 0);
	assert_int_equal(nl_link_get(nl, 0, "sfnone0", &l, dl), -ENODEV);
	assert_int_equal(nl_link_get(nl, 99999, NULL, &l, dl), -ENODEV);
	assert_int_equal(nl_link_get(nl, 0, "", &l, dl), -EINVAL);
	assert_int_equal(nl_link_get(nl, 0, "a-name-far-too-long", &l, dl), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_get),
		cmocka_unit_test(test_missing),
	};

	in_netns = netns_enter() == 0 && netns_veth("sfl0", "sfl1", 0xa1, 0xb1) == 0;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
