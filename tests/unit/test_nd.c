/* tests/unit/test_nd.c: neighbour discovery packets and DAD conflict rules (lib/net/nd.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net/nd.h"

static const uint8_t mac_a[6] = { 0x02, 0, 0, 0, 0, 0x0a };
static const uint8_t mac_b[6] = { 0x02, 0, 0, 0, 0, 0x0b };
/* 2001:db8::10 and 2001:db8::20 */
static const uint8_t ip[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 };
static const uint8_t other[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x20 };

/* Recomputes the ICMPv6 checksum of the packet in @b, written apart from lib/net/nd.c. */
static void fix_sum(uint8_t *b)
{
	size_t len = (size_t)(b[4] << 8 | b[5]), i;
	uint32_t s = 58 + (uint32_t)len;

	b[42] = b[43] = 0;
	for (i = 8; i < 40; i += 2)
		s += (uint32_t)(b[i] << 8 | b[i + 1]);
	for (i = 0; i < len; i += 2)
		s += (uint32_t)(b[40 + i] << 8 | (i + 1 < len ? b[41 + i] : 0));
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	s = ~s & 0xffff;
	b[42] = (uint8_t)(s >> 8);
	b[43] = (uint8_t)s;
}

static void test_probe_bytes(void **state)
{
	/* The checksum 0x4ccf was computed independently (RFC 8200 pseudo-header sum). */
	static const uint8_t want[64] = {
		0x60, 0, 0, 0, 0, 24, 58, 255,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0, 0, 0x10,
		135, 0, 0x4c, 0xcf, 0, 0, 0, 0,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
	};
	uint8_t buf[ND_MAX_LEN], mac[6];
	struct nd_pkt p;

	(void)state;
	nd_make_probe(&p, ip);
	assert_int_equal(nd_build(buf, sizeof(buf), &p), 64);
	assert_memory_equal(buf, want, 64);
	nd_multicast_mac(p.dst, mac);
	assert_memory_equal(mac, ((uint8_t[]){ 0x33, 0x33, 0xff, 0, 0, 0x10 }), 6);
}

static void test_announce_bytes(void **state)
{
	uint8_t buf[ND_MAX_LEN];
	struct nd_pkt p, q;

	(void)state;
	nd_make_announce(&p, ip, mac_a);
	assert_int_equal(nd_build(buf, sizeof(buf), &p), ND_MAX_LEN);
	assert_int_equal(buf[40], 136);
	assert_int_equal(buf[42], 0xf9);	/* checksum 0xf903, computed independently */
	assert_int_equal(buf[43], 0x03);
	assert_int_equal(buf[44], 0x20);	/* override, not solicited, not router */
	assert_int_equal(nd_parse(buf, sizeof(buf), &q), 0);
	assert_int_equal(q.type, ND_NA);
	assert_int_equal(q.flags, ND_NA_OVERRIDE);
	assert_true(q.has_lla);
	assert_memory_equal(q.lla, mac_a, 6);
	assert_memory_equal(q.target, ip, 16);
	assert_memory_equal(q.src, ip, 16);
	assert_int_equal(q.dst[0], 0xff);
	assert_int_equal(q.dst[15], 1);
}

static void test_parse_rejects(void **state)
{
	uint8_t buf[ND_MAX_LEN + 8], good[ND_MAX_LEN];
	struct nd_pkt p;
	int n;

	(void)state;
	nd_make_announce(&p, ip, mac_a);
	n = nd_build(good, sizeof(good), &p);
	assert_int_equal(n, ND_MAX_LEN);

	memcpy(buf, good, (size_t)n);
	assert_int_equal(nd_parse(buf, 39, &p), -EBADMSG);
	assert_int_equal(nd_parse(buf, (size_t)n - 1, &p), -EBADMSG);	/* payload cut */
	buf[50] ^= 1;	/* corrupt the target: checksum fails */
	assert_int_equal(nd_parse(buf, (size_t)n, &p), -EBADMSG);
	memcpy(buf, good, (size_t)n);
	buf[7] = 64;	/* hop limit: forwarded by a router, RFC 4861 says drop */
	assert_int_equal(nd_parse(buf, (size_t)n, &p), -EBADMSG);
	memcpy(buf, good, (size_t)n);
	buf[0] = 0x40;
	assert_int_equal(nd_parse(buf, (size_t)n, &p), -EBADMSG);
	memcpy(buf, good, (size_t)n);
	buf[6] = 17;	/* UDP */
	assert_int_equal(nd_parse(buf, (size_t)n, &p), -ENOMSG);
	memcpy(buf, good, (size_t)n);
	buf[40] = 128;	/* echo request */
	assert_int_equal(nd_parse(buf, (size_t)n, &p), -ENOMSG);
	/* An option of length 0 would loop forever, one longer than the packet would read past
	 * it: both rejected even with a valid checksum. */
	memcpy(buf, good, (size_t)n);
	buf[65] = 0;
	fix_sum(buf);
	assert_int_equal(nd_parse(buf, (size_t)n, &p), -EBADMSG);
	buf[65] = 2;
	fix_sum(buf);
	assert_int_equal(nd_parse(buf, (size_t)n, &p), -EBADMSG);
	buf[65] = 1;
	fix_sum(buf);
	assert_int_equal(nd_parse(buf, (size_t)n, &p), 0);
}

static void test_options(void **state)
{
	uint8_t buf[ND_MAX_LEN];
	struct nd_pkt p, q;
	int n;

	(void)state;
	/* An NS with a source link-layer option (ordinary resolution) parses, and its option
	 * is kept. */
	nd_make_probe(&p, ip);
	memcpy(p.src, other, 16);
	p.has_lla = true;
	memcpy(p.lla, mac_b, 6);
	n = nd_build(buf, sizeof(buf), &p);
	assert_int_equal(n, ND_MAX_LEN);
	assert_int_equal(buf[64], 1);
	assert_int_equal(nd_parse(buf, (size_t)n, &q), 0);
	assert_true(q.has_lla);
	assert_memory_equal(q.lla, mac_b, 6);
	assert_int_equal(q.flags, 0);
	p.type = 1;
	assert_int_equal(nd_build(buf, sizeof(buf), &p), -EINVAL);
	p.type = ND_NS;
	assert_int_equal(nd_build(buf, 50, &p), -ENOSPC);
}

static void test_conflicts(void **state)
{
	struct nd_pkt p;
	uint8_t who[6] = { 0 };

	(void)state;
	/* Another host defends the address with an NA: a conflict, reported with the MAC from
	 * its target link-layer option. */
	nd_make_announce(&p, ip, mac_b);
	assert_true(nd_conflicts(&p, mac_b, ip, mac_a, true, who));
	assert_memory_equal(who, mac_b, 6);
	assert_true(nd_conflicts(&p, mac_b, ip, mac_a, false, who));
	/* Without the option, the frame's source address names it. */
	memset(who, 0, 6);
	p.has_lla = false;
	assert_true(nd_conflicts(&p, mac_b, ip, mac_a, false, who));
	assert_memory_equal(who, mac_b, 6);
	/* Our own NA reflected back is not. */
	assert_false(nd_conflicts(&p, mac_a, ip, mac_a, true, who));
	/* An NA for another address is not. */
	nd_make_announce(&p, other, mac_b);
	assert_false(nd_conflicts(&p, mac_b, ip, mac_a, true, who));
	/* Another host's DAD probe: a conflict while probing only. */
	nd_make_probe(&p, ip);
	assert_true(nd_conflicts(&p, mac_b, ip, mac_a, true, who));
	assert_false(nd_conflicts(&p, mac_b, ip, mac_a, false, who));
	/* An ordinary solicitation (from a real address) is someone resolving us. */
	memcpy(p.src, other, 16);
	assert_false(nd_conflicts(&p, mac_b, ip, mac_a, true, who));
}

static void test_solicited_node(void **state)
{
	static const uint8_t addr[16] = { 0x20, 0x01, 0x0d, 0xb8, [13] = 0xab, 0xcd, 0xef };
	static const uint8_t want[16] = { 0xff, 0x02, [11] = 1, 0xff, 0xab, 0xcd, 0xef };
	uint8_t g[16];

	(void)state;
	nd_solicited_node(addr, g);
	assert_memory_equal(g, want, 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_bytes),
		cmocka_unit_test(test_announce_bytes),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_conflicts),
		cmocka_unit_test(test_solicited_node),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
