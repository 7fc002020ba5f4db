/* tests/unit/test_addr_build.c: the address a floating IP becomes (lib/net/addr_build.c): prefix,
 * lifetimes, IPv4 label and broadcast rules, the sipha tag. Pure. */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_addr.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "net/addr_build.h"
#include "net/addr_origin.h"

static const struct nl_link eth0 = { .ifindex = 7, .name = "eth0" };

static void test_prefix_pick(void **state)
{
	(void)state;
	assert_int_equal(addr_prefix_pick(24, -1), 24);
	assert_int_equal(addr_prefix_pick(24, 24), 24);
	assert_int_equal(addr_prefix_pick(0, 25), 25);
	assert_int_equal(addr_prefix_pick(0, -1), -1);
}

static void test_lft_parse(void **state)
{
	uint32_t v = 7;

	(void)state;
	assert_int_equal(addr_lft_parse("forever", &v), 0);
	assert_int_equal(v, NL_LIFE_FOREVER);
	assert_int_equal(addr_lft_parse("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(addr_lft_parse("300", &v), 0);
	assert_int_equal(v, 300);
	assert_int_equal(addr_lft_parse("4294967294", &v), 0);
	assert_int_equal(v, 4294967294u);
	v = 7;
	assert_int_equal(addr_lft_parse("4294967295", &v), -EINVAL);
	assert_int_equal(addr_lft_parse("99999999999999999999999", &v), -EINVAL);
	assert_int_equal(addr_lft_parse("", &v), -EINVAL);
	assert_int_equal(addr_lft_parse("-1", &v), -EINVAL);
	assert_int_equal(addr_lft_parse("+5", &v), -EINVAL);
	assert_int_equal(addr_lft_parse(" 5", &v), -EINVAL);
	assert_int_equal(addr_lft_parse("12x", &v), -EINVAL);
	assert_int_equal(addr_lft_parse("Forever", &v), -EINVAL);
	assert_int_equal(v, 7);
}

static void test_label(void **state)
{
	char l[IFNAMSIZ] = "untouched";

	(void)state;
	assert_int_equal(addr_label("eth0", "fip", l), 0);
	assert_string_equal(l, "eth0:fip");
	/* 15 characters in all is the most the kernel takes. */
	assert_int_equal(addr_label("enp0s31f6", "abcde", l), 0);
	assert_string_equal(l, "enp0s31f6:abcde");
	strcpy(l, "untouched");
	assert_int_equal(addr_label("enp0s31f6", "abcdef", l), -ENAMETOOLONG);
	assert_string_equal(l, "untouched");
}

static int bcast(const char *ip, int prefix, const char *how, char *text)
{
	unsigned char a[4], b[4] = { 0 };
	int r;

	assert_int_equal(inet_pton(AF_INET, ip, a), 1);
	r = addr_broadcast(a, prefix, how, b);
	inet_ntop(AF_INET, b, text, INET_ADDRSTRLEN);
	return r;
}

static void test_broadcast(void **state)
{
	char t[INET_ADDRSTRLEN];

	(void)state;
	assert_int_equal(bcast("192.0.2.10", 24, NULL, t), 1);
	assert_string_equal(t, "192.0.2.255");
	assert_int_equal(bcast("192.0.2.10", 24, "+", t), 1);
	assert_string_equal(t, "192.0.2.255");
	assert_int_equal(bcast("192.0.2.10", 24, "-", t), 1);
	assert_string_equal(t, "192.0.2.0");
	assert_int_equal(bcast("10.1.2.3", 30, NULL, t), 1);
	assert_string_equal(t, "10.1.2.3");
	assert_int_equal(bcast("10.1.2.5", 30, "-", t), 1);
	assert_string_equal(t, "10.1.2.4");
	assert_int_equal(bcast("10.1.2.3", 0, NULL, t), 1);
	assert_string_equal(t, "255.255.255.255");
	/* RFC 3021: /31 and /32 have no broadcast address, unless given. */
	assert_int_equal(bcast("10.1.2.3", 31, NULL, t), 0);
	assert_int_equal(bcast("10.1.2.3", 31, "+", t), 0);
	assert_int_equal(bcast("10.1.2.3", 32, "-", t), 0);
	assert_int_equal(bcast("10.1.2.3", 32, "10.1.2.99", t), 1);
	assert_string_equal(t, "10.1.2.99");
	assert_int_equal(bcast("192.0.2.10", 24, "192.0.2.127", t), 1);
	assert_string_equal(t, "192.0.2.127");
	assert_int_equal(bcast("192.0.2.10", 24, "++", t), -EINVAL);
	assert_int_equal(bcast("192.0.2.10", 24, "", t), -EINVAL);
	assert_int_equal(bcast("192.0.2.10", 24, "2001:db8::1", t), -EINVAL);
}

static struct addr_spec v4_spec(const char *ip, int prefix)
{
	struct addr_spec s = { .family = AF_INET, .prefix = prefix, .preferred_lft = "forever" };

	assert_int_equal(inet_pton(AF_INET, ip, s.addr), 1);
	return s;
}

static void test_build_v4(void **state)
{
	struct addr_spec s = v4_spec("192.0.2.10", 24);
	struct nl_addr a;
	char t[INET_ADDRSTRLEN];

	(void)state;
	assert_int_equal(addr_build(&s, &eth0, &a), 0);
	assert_int_equal(a.family, AF_INET);
	assert_int_equal(a.ifindex, 7);
	assert_int_equal(a.prefix, 24);
	assert_memory_equal(a.addr, s.addr, 4);
	assert_int_equal(a.proto, ADDR_PROTO_SIPHA);
	assert_int_equal(a.proto, 83);
	assert_int_equal(a.flags, 0);
	assert_int_equal(a.valid_lft, NL_LIFE_FOREVER);
	assert_int_equal(a.preferred_lft, NL_LIFE_FOREVER);
	assert_string_equal(a.label, "");
	assert_true(a.has_broadcast);
	assert_string_equal(inet_ntop(AF_INET, a.broadcast, t, sizeof(t)), "192.0.2.255");

	s.iflabel = "fip";
	s.broadcast = "-";
	s.noprefixroute = true;
	s.preferred_lft = "0";
	assert_int_equal(addr_build(&s, &eth0, &a), 0);
	assert_string_equal(a.label, "eth0:fip");
	assert_string_equal(inet_ntop(AF_INET, a.broadcast, t, sizeof(t)), "192.0.2.0");
	assert_int_equal(a.flags, IFA_F_NOPREFIXROUTE);
	assert_int_equal(a.preferred_lft, 0);
	assert_int_equal(a.valid_lft, NL_LIFE_FOREVER);

	s = v4_spec("192.0.2.10", 32);
	s.preferred_lft = NULL;
	assert_int_equal(addr_build(&s, &eth0, &a), 0);
	assert_false(a.has_broadcast);
	assert_int_equal(a.preferred_lft, NL_LIFE_FOREVER);
}

static void test_build_v6(void **state)
{
	struct addr_spec s = { .family = AF_INET6, .prefix = 64, .preferred_lft = "600" };
	struct nl_addr a;

	(void)state;
	assert_int_equal(inet_pton(AF_INET6, "2001:db8::10", s.addr), 1);
	assert_int_equal(addr_build(&s, &eth0, &a), 0);
	assert_int_equal(a.family, AF_INET6);
	assert_int_equal(a.prefix, 64);
	assert_memory_equal(a.addr, s.addr, 16);
	assert_int_equal(a.proto, ADDR_PROTO_SIPHA);
	/* The caller's probe replaces the kernel's DAD. */
	assert_int_equal(a.flags, IFA_F_NODAD);
	assert_false(a.has_broadcast);
	assert_string_equal(a.label, "");
	assert_int_equal(a.preferred_lft, 600);
	s.noprefixroute = true;
	assert_int_equal(addr_build(&s, &eth0, &a), 0);
	assert_int_equal(a.flags, IFA_F_NODAD | IFA_F_NOPREFIXROUTE);
}

static void test_build_rejects(void **state)
{
	static const struct nl_link longname = { .ifindex = 8, .name = "enp0s31f6" };
	struct addr_spec s = v4_spec("192.0.2.10", 24);
	struct nl_addr a, before;

	(void)state;
	memset(&a, 0x5a, sizeof(a));
	before = a;
	s.iflabel = "abcdef";
	assert_int_equal(addr_build(&s, &longname, &a), -ENAMETOOLONG);
	s.iflabel = NULL;
	s.preferred_lft = "soon";
	assert_int_equal(addr_build(&s, &eth0, &a), -EINVAL);
	s.preferred_lft = "forever";
	s.broadcast = "nope";
	assert_int_equal(addr_build(&s, &eth0, &a), -EINVAL);
	/* Filled only on success. */
	assert_memory_equal(&a, &before, sizeof(a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix_pick),
		cmocka_unit_test(test_lft_parse),
		cmocka_unit_test(test_label),
		cmocka_unit_test(test_broadcast),
		cmocka_unit_test(test_build_v4),
		cmocka_unit_test(test_build_v6),
		cmocka_unit_test(test_build_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
