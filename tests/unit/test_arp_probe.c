/* tests/unit/test_arp_probe.c: RFC 5227 probing and announcing (lib/net/arp_probe.c, lib/net/pkt.c)
 * across a veth pair in a private network namespace. */
#include <arpa/inet.h>
#include <errno.h>
#include <net/ethernet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "net/arp.h"
#include "net/arp_probe.h"
#include "core/clock.h"
#include "net/nl.h"
#include "net/nl_addr.h"
#include "net/nl_link.h"
#include "net/pkt.h"
#include "tests/unit/test_netns.h"

static bool in_netns;
static struct nl_link here, there;	/* we probe from sfp0; sfp1 is the other host */
static const struct arp_probe_plan plan = { .count = 3, .interval_ms = 20, .wait_ms = 40 };
/* A plan long enough that an early answer is told apart from a full run on a busy machine. */
static const struct arp_probe_plan slow = { .count = 3, .interval_ms = 200, .wait_ms = 200 };

static int setup(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_addr a = { .family = AF_INET, .prefix = 24, .valid_lft = NL_LIFE_FOREVER,
			     .preferred_lft = NL_LIFE_FOREVER };

	(void)state;
	if (!in_netns)
		return 0;
	if (nl_open(&nl) < 0 || nl_link_get(nl, 0, "sfp0", &here, dl) < 0 ||
	    nl_link_get(nl, 0, "sfp1", &there, dl) < 0)
		return -1;
	a.ifindex = there.ifindex;
	inet_pton(AF_INET, "192.0.2.20", a.addr);
	return nl_addr_add(nl, &a, dl) < 0 ? -1 : 0;
}

static void test_conflict(void **state)
{
	uint8_t ip[4], who[6] = { 0 };
	int64_t t0 = clock_now_ms();

	(void)state;
	if (!in_netns)
		skip();
	inet_pton(AF_INET, "192.0.2.20", ip);
	assert_int_equal(arp_probe(here.ifindex, here.mac, ip, false, &plan, who, t0 + 2000), 1);
	assert_memory_equal(who, there.mac, 6);
	/* The first answer ends the probe, long before the plan's 600 ms. */
	t0 = clock_now_ms();
	assert_int_equal(arp_probe(here.ifindex, here.mac, ip, false, &slow, who, t0 + 2000), 1);
	assert_in_range(clock_now_ms() - t0, 0, 300);
	/* Holding the address (monitor): still a conflict, someone else answers for it. */
	assert_int_equal(arp_probe(here.ifindex, here.mac, ip, true, &plan, who, t0 + 2000), 1);
}

static void test_unused(void **state)
{
	uint8_t ip[4], who[6];
	int64_t t0 = clock_now_ms(), took;

	(void)state;
	if (!in_netns)
		skip();
	inet_pton(AF_INET, "192.0.2.21", ip);
	assert_int_equal(arp_probe(here.ifindex, here.mac, ip, false, &plan, who, t0 + 2000), 0);
	/* The whole plan: 2 intervals then the final wait, 80 ms. */
	took = clock_now_ms() - t0;
	assert_in_range(took, 78, 400);
	/* No probes: nothing to wait for. */
	struct arp_probe_plan none = { 0 };
	assert_int_equal(arp_probe(here.ifindex, here.mac, ip, false, &none, who, t0 + 2000), 0);
}

static void test_deadline(void **state)
{
	uint8_t ip[4], who[6];
	int64_t t0 = clock_now_ms();

	(void)state;
	if (!in_netns)
		skip();
	inet_pton(AF_INET, "192.0.2.21", ip);
	assert_int_equal(arp_probe(here.ifindex, here.mac, ip, false, &plan, who, t0 + 30),
			 -ETIMEDOUT);
	assert_in_range(clock_now_ms() - t0, 29, 250);
}

static void test_announce(void **state)
{
	__attribute__((cleanup(pkt_closep))) int fd = -1;
	uint8_t ip[4], buf[64];
	struct pkt_from from;
	struct arp_pkt p;
	int64_t t0 = clock_now_ms();
	int seen = 0;

	(void)state;
	if (!in_netns)
		skip();
	fd = pkt_open(there.ifindex, ETH_P_ARP, NULL);
	assert_true(fd >= 0);
	inet_pton(AF_INET, "192.0.2.30", ip);
	assert_int_equal(arp_announce(here.ifindex, here.mac, ip, 3, 20, t0 + 2000), 3);
	assert_in_range(clock_now_ms() - t0, 38, 300);
	/* The other host received three gratuitous ARPs from us, broadcast. */
	while (pkt_recv(fd, buf, sizeof(buf), &from, clock_now_ms() + 50) > 0) {
		if (arp_parse(buf, sizeof(buf), &p) < 0 || memcmp(p.spa, ip, 4) != 0)
			continue;
		assert_int_equal(from.pkttype, 1);	/* PACKET_BROADCAST */
		assert_memory_equal(from.mac, here.mac, 6);
		assert_memory_equal(p.tpa, ip, 4);
		seen++;
	}
	assert_int_equal(seen, 3);
	/* A budget that holds only the first: one sent, no wait past the deadline. */
	t0 = clock_now_ms();
	assert_int_equal(arp_announce(here.ifindex, here.mac, ip, 5, 200, t0 + 100), 1);
	assert_in_range(clock_now_ms() - t0, 0, 400);	/* 5 x 200 ms unbounded */
	assert_int_equal(arp_announce(999999, here.mac, ip, 1, 20, t0 + 100), -ENODEV);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conflict),
		cmocka_unit_test(test_unused),
		cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_announce),
	};

	in_netns = netns_enter() == 0 && netns_veth("sfp0", "sfp1", 0xa3, 0xb3) == 0;
	return cmocka_run_group_tests(tests, setup, NULL);
}
