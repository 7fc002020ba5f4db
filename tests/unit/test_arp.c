/* tests/unit/test_arp.c: ARP packet format and RFC 5227 conflict rules (lib/net/arp.c). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net/arp.h"

static const uint8_t mac_a[6] = { 0x02, 0, 0, 0, 0, 0x0a };
static const uint8_t mac_b[6] = { 0x02, 0, 0, 0, 0, 0x0b };
static const uint8_t ip[4] = { 192, 0, 2, 10 };
static const uint8_t other_ip[4] = { 192, 0, 2, 20 };

static void test_probe_bytes(void **state)
{
	/* RFC 826 layout of an RFC 5227 probe: htype 1, ptype 0x0800, hlen 6, plen 4, op 1,
	 * sender 02:..:0a / 0.0.0.0, target 00:..:00 / 192.0.2.10. */
	static const uint8_t want[ARP_LEN] = {
		0, 1, 8, 0, 6, 4, 0, 1,
		0x02, 0, 0, 0, 0, 0x0a, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 192, 0, 2, 10,
	};
	uint8_t buf[64];
	struct arp_pkt p;

	(void)state;
	arp_make_probe(&p, mac_a, ip);
	assert_int_equal(arp_build(buf, sizeof(buf), &p), ARP_LEN);
	assert_memory_equal(buf, want, ARP_LEN);
}

static void test_announce_roundtrip(void **state)
{
	uint8_t buf[ARP_LEN + 18];
	struct arp_pkt p, q;

	(void)state;
	arp_make_announce(&p, mac_a, ip);
	assert_int_equal(p.op, 1);
	assert_memory_equal(p.spa, ip, 4);
	assert_memory_equal(p.tpa, ip, 4);
	/* Ethernet pads frames: a parser must accept trailing bytes. */
	memset(buf, 0xee, sizeof(buf));
	assert_int_equal(arp_build(buf, sizeof(buf), &p), ARP_LEN);
	assert_int_equal(arp_parse(buf, sizeof(buf), &q), 0);
	assert_int_equal(q.op, 1);
	assert_memory_equal(q.sha, mac_a, 6);
	assert_memory_equal(q.spa, ip, 4);
	assert_memory_equal(q.tpa, ip, 4);
}

static void test_build_short(void **state)
{
	uint8_t buf[ARP_LEN - 1];
	struct arp_pkt p;

	(void)state;
	arp_make_probe(&p, mac_a, ip);
	assert_int_equal(arp_build(buf, sizeof(buf), &p), -ENOSPC);
}

static void test_parse_rejects(void **state)
{
	uint8_t buf[ARP_LEN];
	struct arp_pkt p;

	(void)state;
	arp_make_probe(&p, mac_a, ip);
	arp_build(buf, sizeof(buf), &p);
	assert_int_equal(arp_parse(buf, ARP_LEN - 1, &p), -EBADMSG);
	buf[1] = 6;	/* IEEE 802 hardware type */
	assert_int_equal(arp_parse(buf, sizeof(buf), &p), -EBADMSG);
	buf[1] = 1;
	buf[3] = 0xdd;	/* protocol 0x08dd */
	assert_int_equal(arp_parse(buf, sizeof(buf), &p), -EBADMSG);
	buf[3] = 0;
	buf[4] = 8;	/* 8-byte hardware addresses */
	assert_int_equal(arp_parse(buf, sizeof(buf), &p), -EBADMSG);
	buf[4] = 6;
	buf[5] = 16;
	assert_int_equal(arp_parse(buf, sizeof(buf), &p), -EBADMSG);
	buf[5] = 4;
	assert_int_equal(arp_parse(buf, sizeof(buf), &p), 0);
}

static void test_conflicts(void **state)
{
	struct arp_pkt p;

	(void)state;
	/* Another host replying for the address: always a conflict. */
	memset(&p, 0, sizeof(p));
	p.op = 2;
	memcpy(p.sha, mac_b, 6);
	memcpy(p.spa, ip, 4);
	memcpy(p.tha, mac_a, 6);
	assert_true(arp_conflicts(&p, ip, mac_a, true));
	assert_true(arp_conflicts(&p, ip, mac_a, false));
	/* The same packet from our own hardware address (reflected) is not. */
	memcpy(p.sha, mac_a, 6);
	assert_false(arp_conflicts(&p, ip, mac_a, true));
	/* Another host's gratuitous ARP for the address. */
	arp_make_announce(&p, mac_b, ip);
	assert_true(arp_conflicts(&p, ip, mac_a, false));
	/* Another host's probe: a conflict while we probe, not once we hold the address. */
	arp_make_probe(&p, mac_b, ip);
	assert_true(arp_conflicts(&p, ip, mac_a, true));
	assert_false(arp_conflicts(&p, ip, mac_a, false));
	/* Traffic about other addresses. */
	arp_make_announce(&p, mac_b, other_ip);
	assert_false(arp_conflicts(&p, ip, mac_a, true));
	arp_make_probe(&p, mac_b, other_ip);
	assert_false(arp_conflicts(&p, ip, mac_a, true));
	/* A request from another address asking for ours is ordinary resolution. */
	memset(&p, 0, sizeof(p));
	p.op = 1;
	memcpy(p.sha, mac_b, 6);
	memcpy(p.spa, other_ip, 4);
	memcpy(p.tpa, ip, 4);
	assert_false(arp_conflicts(&p, ip, mac_a, true));
	/* Unknown opcodes (RARP and the like) never count. */
	arp_make_announce(&p, mac_b, ip);
	p.op = 3;
	assert_false(arp_conflicts(&p, ip, mac_a, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_probe_bytes),
		cmocka_unit_test(test_announce_roundtrip),
		cmocka_unit_test(test_build_short),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_conflicts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
