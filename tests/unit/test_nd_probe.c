/* tests/unit/test_nd_probe.c: IPv6 DAD probes and unsolicited NAs (lib/net/nd_probe.c) across a
 * veth pair in a private network namespace. */
#include <arpa/inet.h>
#include <errno.h>
#include <net/ethernet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/clock.h"
#include "net/nd.h"
#include "net/nd_probe.h"
#include "net/nl.h"
#include "net/nl_addr.h"
#include "net/nl_link.h"
#include "net/pkt.h"
#include "tests/unit/test_netns.h"

static bool in_netns;
static struct nl_link here, there;
static const struct arp_probe_plan plan = { .count = 3, .interval_ms = 20, .wait_ms = 40 };
/* A plan long enough that an early answer is told apart from a full run on a busy machine. */
static const struct arp_probe_plan slow = { .count = 3, .interval_ms = 200, .wait_ms = 200 };

static int setup(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_addr a = { .family = AF_INET6, .prefix = 64, .flags = 0x02,
			     .valid_lft = NL_LIFE_FOREVER, .preferred_lft = NL_LIFE_FOREVER };

	(void)state;
	if (!in_netns)
		return 0;
	if (nl_open(&nl) < 0 || nl_link_get(nl, 0, "sfn0", &here, dl) < 0 ||
	    nl_link_get(nl, 0, "sfn1", &there, dl) < 0)
		return -1;
	a.ifindex = there.ifindex;
	inet_pton(AF_INET6, "2001:db8::20", a.addr);
	return nl_addr_add(nl, &a, dl) < 0 ? -1 : 0;
}

static void test_conflict(void **state)
{
	uint8_t ip[16], who[6] = { 0 };
	int64_t t0 = clock_now_ms();

	(void)state;
	if (!in_netns)
		skip();
	inet_pton(AF_INET6, "2001:db8::20", ip);
	/* The other kernel defends its address with an NA to all nodes. */
	assert_int_equal(nd_probe(here.ifindex, here.mac, ip, false, &plan, who, t0 + 2000), 1);
	assert_memory_equal(who, there.mac, 6);
	t0 = clock_now_ms();
	assert_int_equal(nd_probe(here.ifindex, here.mac, ip, false, &slow, who, t0 + 2000), 1);
	assert_in_range(clock_now_ms() - t0, 0, 300);
	assert_int_equal(nd_probe(here.ifindex, here.mac, ip, true, &plan, who, t0 + 2000), 1);
}

static void test_unused(void **state)
{
	uint8_t ip[16], who[6];
	int64_t t0 = clock_now_ms();

	(void)state;
	if (!in_netns)
		skip();
	inet_pton(AF_INET6, "2001:db8::21", ip);
	assert_int_equal(nd_probe(here.ifindex, here.mac, ip, false, &plan, who, t0 + 2000), 0);
	assert_in_range(clock_now_ms() - t0, 78, 400);
	assert_int_equal(nd_probe(here.ifindex, here.mac, ip, false, &plan, who,
				  clock_now_ms() + 30), -ETIMEDOUT);
}

static void test_other_probe(void **state)
{
	__attribute__((cleanup(pkt_closep))) int tx = -1, rx = -1;
	uint8_t ip[16], who[6] = { 0 }, buf[ND_MAX_LEN], mac[6], in[512];
	struct pkt_from from;
	struct nd_pkt p, q;
	ssize_t got;
	int n;

	(void)state;
	if (!in_netns)
		skip();
	/* Another host's DAD probe, as it arrives on the wire, parses and counts as a conflict
	 * while we probe for the same address (RFC 4862 5.4.3), not once we hold it. */
	inet_pton(AF_INET6, "2001:db8::22", ip);
	nd_make_probe(&p, ip);
	n = nd_build(buf, sizeof(buf), &p);
	nd_multicast_mac(p.dst, mac);
	tx = pkt_open(there.ifindex, 0, NULL);
	rx = pkt_open(here.ifindex, ETH_P_IPV6, NULL);
	assert_true(tx >= 0 && rx >= 0);
	assert_int_equal(pkt_send(tx, there.ifindex, ETH_P_IPV6, mac, 6, buf, (size_t)n), 0);
	do
		got = pkt_recv(rx, in, sizeof(in), &from, clock_now_ms() + 500);
	while (got > 0 && (nd_parse(in, (size_t)got, &q) < 0 || q.type != ND_NS ||
			   memcmp(q.target, ip, 16) != 0));
	assert_true(got > 0);
	assert_true(nd_conflicts(&q, from.mac, ip, here.mac, true, who));
	assert_memory_equal(who, there.mac, 6);
	assert_false(nd_conflicts(&q, from.mac, ip, here.mac, false, who));
}

static void test_announce(void **state)
{
	__attribute__((cleanup(pkt_closep))) int fd = -1;
	uint8_t ip[16], buf[512];
	struct pkt_from from;
	struct nd_pkt p;
	int64_t t0 = clock_now_ms();
	ssize_t n;
	int seen = 0;

	(void)state;
	if (!in_netns)
		skip();
	fd = pkt_open(there.ifindex, ETH_P_IPV6, NULL);
	assert_true(fd >= 0);
	inet_pton(AF_INET6, "2001:db8::30", ip);
	assert_int_equal(nd_announce(here.ifindex, here.mac, ip, 2, 20, t0 + 2000), 2);
	while ((n = pkt_recv(fd, buf, sizeof(buf), &from, clock_now_ms() + 50)) > 0) {
		if (nd_parse(buf, (size_t)n, &p) < 0 || p.type != ND_NA ||
		    memcmp(p.target, ip, 16) != 0)
			continue;
		assert_int_equal(from.pkttype, 2);	/* PACKET_MULTICAST */
		assert_memory_equal(from.mac, here.mac, 6);
		assert_true(p.flags & ND_NA_OVERRIDE);
		assert_false(p.flags & ND_NA_SOLICITED);
		assert_true(p.has_lla);
		assert_memory_equal(p.lla, here.mac, 6);
		seen++;
	}
	assert_int_equal(seen, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conflict),
		cmocka_unit_test(test_unused),
		cmocka_unit_test(test_other_probe),
		cmocka_unit_test(test_announce),
	};

	in_netns = netns_enter() == 0 && netns_veth("sfn0", "sfn1", 0xa4, 0xb4) == 0;
	return cmocka_run_group_tests(tests, setup, NULL);
}
