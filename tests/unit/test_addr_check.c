/* tests/unit/test_addr_check.c: whether an address can float (lib/net/addr_check.c). Pure. */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "net/addr_check.h"

static int unicast(int family, const char *text)
{
	unsigned char a[16];

	assert_int_equal(inet_pton(family, text, a), 1);
	return addr_check_unicast(family, a);
}

static int host(const char *text, int prefix)
{
	unsigned char a[4];

	assert_int_equal(inet_pton(AF_INET, text, a), 1);
	return addr_check_host(a, prefix);
}

static void test_unicast_v4(void **state)
{
	(void)state;
	assert_int_equal(unicast(AF_INET, "192.0.2.10"), 0);
	assert_int_equal(unicast(AF_INET, "10.0.0.1"), 0);
	assert_int_equal(unicast(AF_INET, "223.255.255.254"), 0);
	assert_int_equal(unicast(AF_INET, "126.255.255.255"), 0);
	assert_int_equal(unicast(AF_INET, "0.0.0.0"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET, "127.0.0.1"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET, "127.255.0.9"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET, "224.0.0.1"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET, "239.1.2.3"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET, "240.0.0.1"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET, "255.255.255.255"), -EADDRNOTAVAIL);
}

static void test_unicast_v6(void **state)
{
	unsigned char a[16] = { 0 };

	(void)state;
	assert_int_equal(unicast(AF_INET6, "2001:db8::10"), 0);
	assert_int_equal(unicast(AF_INET6, "fd00::1"), 0);
	assert_int_equal(unicast(AF_INET6, "fec0::1"), 0);
	assert_int_equal(unicast(AF_INET6, "::2"), 0);
	assert_int_equal(unicast(AF_INET6, "::"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET6, "::1"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET6, "ff02::1"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET6, "fe80::1"), -EADDRNOTAVAIL);
	assert_int_equal(unicast(AF_INET6, "febf::1"), -EADDRNOTAVAIL);
	assert_int_equal(addr_check_unicast(AF_UNIX, a), -EAFNOSUPPORT);
}

static void test_host(void **state)
{
	(void)state;
	assert_int_equal(host("192.0.2.10", 24), 0);
	assert_int_equal(host("192.0.2.0", 24), -EADDRNOTAVAIL);
	assert_int_equal(host("192.0.2.255", 24), -EADDRNOTAVAIL);
	assert_int_equal(host("192.0.2.127", 25), -EADDRNOTAVAIL);
	assert_int_equal(host("192.0.2.128", 25), -EADDRNOTAVAIL);
	assert_int_equal(host("192.0.2.129", 25), 0);
	assert_int_equal(host("10.0.0.1", 30), 0);
	assert_int_equal(host("10.0.0.3", 30), -EADDRNOTAVAIL);
	/* /31 and /32: every address is a host (RFC 3021); no prefix: nothing to check. */
	assert_int_equal(host("10.0.0.0", 31), 0);
	assert_int_equal(host("10.0.0.1", 31), 0);
	assert_int_equal(host("10.0.0.0", 32), 0);
	assert_int_equal(host("10.0.0.0", -1), 0);
	assert_int_equal(host("10.0.0.0", 0), 0);
	assert_int_equal(host("128.0.0.0", 1), -EADDRNOTAVAIL);
	assert_int_equal(host("128.0.0.1", 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unicast_v4),
		cmocka_unit_test(test_unicast_v6),
		cmocka_unit_test(test_host),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
