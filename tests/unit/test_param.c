/* tests/unit/test_param.c: parsing of every parameter type, good and bad values. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ocf/ocf.h"
#include "ocf/param.h"

struct cfg {
	const char *s;
	long long i;
	bool b;
	int64_t d;
	int e;
	struct ocf_addr a;
	struct ocf_list l;
};

static const char *const colours[] = { "red", "green", NULL };

static int parse(const struct ocf_param *p, const char *v, struct cfg *c, char *why)
{
	return ocf_param_parse(p, v, c, why, 256);
}

static void test_int(void **state)
{
	struct ocf_param p = { "n", OCF_T_INT, 0, NULL, "n", NULL, offsetof(struct cfg, i),
			       .min = 1, .max = 32 };
	struct cfg c = { 0 };
	char why[256];

	assert_int_equal(parse(&p, "24", &c, why), OCF_SUCCESS);
	assert_int_equal(c.i, 24);
	assert_int_equal(parse(&p, "1", &c, why), OCF_SUCCESS);
	assert_int_equal(parse(&p, "32", &c, why), OCF_SUCCESS);
	const char *bad[] = { "0", "33", "-1", "abc", "", " 5", "5 ", "5x", "0x10",
			      "99999999999999999999999", NULL };
	for (int k = 0; bad[k]; k++) {
		assert_int_equal(parse(&p, bad[k], &c, why), OCF_ERR_CONFIGURED);
		assert_non_null(strstr(why, "parameter n="));
		assert_non_null(strstr(why, "an integer from 1 to 32"));
	}
	assert_int_equal(c.i, 32);	/* untouched by the failures */
	p.min = p.max = 0;
	assert_int_equal(parse(&p, "-5000", &c, why), OCF_SUCCESS);
	assert_int_equal(c.i, -5000);
}

static void test_bool(void **state)
{
	struct ocf_param p = { "b", OCF_T_BOOL, 0, NULL, "b", NULL, offsetof(struct cfg, b) };
	struct cfg c = { 0 };
	char why[256];
	const char *yes[] = { "1", "true", "TRUE", "yes", "on", "y", NULL };
	const char *no[] = { "0", "false", "No", "off", "n", NULL };

	for (int k = 0; yes[k]; k++) {
		c.b = false;
		assert_int_equal(parse(&p, yes[k], &c, why), OCF_SUCCESS);
		assert_true(c.b);
	}
	for (int k = 0; no[k]; k++) {
		c.b = true;
		assert_int_equal(parse(&p, no[k], &c, why), OCF_SUCCESS);
		assert_false(c.b);
	}
	assert_int_equal(parse(&p, "maybe", &c, why), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(why, "boolean"));
	assert_int_equal(parse(&p, "2", &c, why), OCF_ERR_CONFIGURED);
}

static void test_duration(void **state)
{
	struct ocf_param p = { "d", OCF_T_DURATION, 0, NULL, "d", NULL, offsetof(struct cfg, d) };
	struct cfg c = { 0 };
	char why[256];
	static const struct { const char *in; int64_t ms; } good[] = {
		{ "250ms", 250 }, { "2s", 2000 }, { "2", 2000 }, { "1min", 60000 }, { "1m", 60000 },
		{ "1h", 3600000 }, { "0", 0 }, { "3SEC", 3000 },
	};

	for (size_t k = 0; k < sizeof(good) / sizeof(good[0]); k++) {
		assert_int_equal(parse(&p, good[k].in, &c, why), OCF_SUCCESS);
		assert_int_equal(c.d, good[k].ms);
	}
	p.unit = 1;	/* IPaddr2-style milliseconds */
	assert_int_equal(parse(&p, "200", &c, why), OCF_SUCCESS);
	assert_int_equal(c.d, 200);
	p.min = 10, p.max = 1000;
	assert_int_equal(parse(&p, "5", &c, why), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(why, "from 10ms to 1000ms"));
	assert_int_equal(parse(&p, "2s", &c, why), OCF_ERR_CONFIGURED);
	const char *bad[] = { "", "-1", "1.5s", "s", "10 s", "10years", "99999999999999999999", NULL };
	for (int k = 0; bad[k]; k++)
		assert_int_equal(parse(&p, bad[k], &c, why), OCF_ERR_CONFIGURED);
}

static void test_enum(void **state)
{
	struct ocf_param p = { "e", OCF_T_ENUM, 0, NULL, "e", NULL, offsetof(struct cfg, e),
			       .choices = colours };
	struct cfg c = { 0 };
	char why[256];

	assert_int_equal(parse(&p, "green", &c, why), OCF_SUCCESS);
	assert_int_equal(c.e, 1);
	assert_int_equal(parse(&p, "blue", &c, why), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(why, "one of: red green"));
	assert_int_equal(parse(&p, "", &c, why), OCF_ERR_CONFIGURED);
}

static void test_addr(void **state)
{
	struct ocf_param p = { "ip", OCF_T_ADDR, 0, NULL, "ip", NULL, offsetof(struct cfg, a) };
	struct cfg c = { 0 };
	char why[256];

	assert_int_equal(parse(&p, "192.0.2.10", &c, why), OCF_SUCCESS);
	assert_int_equal(c.a.family, AF_INET);
	assert_int_equal(c.a.prefix, -1);
	assert_string_equal(c.a.text, "192.0.2.10");
	assert_int_equal(parse(&p, "2001:DB8:0::1/64", &c, why), OCF_SUCCESS);
	assert_int_equal(c.a.family, AF_INET6);
	assert_int_equal(c.a.prefix, 64);
	assert_string_equal(c.a.text, "2001:db8::1");
	assert_int_equal(parse(&p, "198.51.100.1/32", &c, why), OCF_SUCCESS);
	assert_int_equal(c.a.prefix, 32);
	const char *bad[] = { "", "192.0.2", "192.0.2.256", "192.0.2.1/33", "2001:db8::1/129",
			      "192.0.2.1/", "192.0.2.1/-1", "192.0.2.1/+8", "fe80::1%eth0",
			      "host.example", "192.0.2.1 ", NULL };
	for (int k = 0; bad[k]; k++) {
		assert_int_equal(parse(&p, bad[k], &c, why), OCF_ERR_CONFIGURED);
		assert_non_null(strstr(why, "IPv4 or IPv6"));
	}
	p.flags = OCF_ADDR_V4;
	assert_int_equal(parse(&p, "2001:db8::1", &c, why), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(why, "an IPv4 address"));
	p.flags = OCF_ADDR_V6 | OCF_NO_PREFIX;
	assert_int_equal(parse(&p, "2001:db8::1/64", &c, why), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(why, "without /prefix"));
	assert_int_equal(parse(&p, "192.0.2.1", &c, why), OCF_ERR_CONFIGURED);
}

static void test_ifname(void **state)
{
	struct ocf_param p = { "nic", OCF_T_IFNAME, 0, NULL, "nic", NULL, offsetof(struct cfg, s) };
	struct cfg c = { 0 };
	char why[256];

	assert_int_equal(parse(&p, "eth0", &c, why), OCF_SUCCESS);
	assert_string_equal(c.s, "eth0");
	assert_int_equal(parse(&p, "enp0s31f6.100", &c, why), OCF_SUCCESS);
	const char *bad[] = { "", "eth0:1", "a/b", "has space", "0123456789abcdef", ".", "..", NULL };
	for (int k = 0; bad[k]; k++)
		assert_int_equal(parse(&p, bad[k], &c, why), OCF_ERR_CONFIGURED);
}

static void test_path(void **state)
{
	struct ocf_param p = { "bin", OCF_T_PATH, OCF_EXECUTABLE, NULL, "bin", NULL,
			       offsetof(struct cfg, s) };
	struct cfg c = { 0 };
	char why[256];

	assert_int_equal(parse(&p, "/bin/sh", &c, why), OCF_SUCCESS);
	assert_int_equal(parse(&p, "bin/sh", &c, why), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(why, "absolute path"));
	assert_int_equal(parse(&p, "/nonexistent/kamailio", &c, why), OCF_ERR_INSTALLED);
	assert_non_null(strstr(why, "No such file"));
	assert_int_equal(parse(&p, "/etc", &c, why), OCF_ERR_INSTALLED);
	assert_non_null(strstr(why, "not an executable"));
	/* stop and monitor parse without the installed check */
	assert_int_equal(ocf_param_parse_ex(&p, "/nonexistent/kamailio", &c, false, why, 256),
			 OCF_SUCCESS);
	assert_string_equal(c.s, "/nonexistent/kamailio");
}

/* Control characters and very long values, whatever the type: refused with a reason that
 * echoes neither (a newline would cut the exit-reason line); a tab, and a newline between list
 * items, are whitespace. */
static void test_insane(void **state)
{
	struct ocf_param str = { "user", OCF_T_STRING, 0, NULL, "u", NULL, offsetof(struct cfg, s) };
	struct ocf_param l = { "l", OCF_T_LIST, 0, NULL, "l", NULL, offsetof(struct cfg, l) };
	struct cfg c = { 0 };
	char why[256], *long_value = malloc(OCF_VALUE_MAX + 2);

	assert_int_equal(parse(&str, "kam\nailio", &c, why), OCF_ERR_CONFIGURED);
	assert_string_equal(why, "parameter user: a control character (0x0a) at position 4");
	assert_int_equal(parse(&str, "\x1b[31m", &c, why), OCF_ERR_CONFIGURED);
	assert_int_equal(parse(&str, "a\x7f", &c, why), OCF_ERR_CONFIGURED);
	assert_int_equal(parse(&str, "a\tb", &c, why), OCF_SUCCESS);
	assert_int_equal(parse(&l, "a\nb", &c, why), OCF_SUCCESS);
	assert_int_equal(c.l.n, 2);
	assert_int_equal(parse(&l, "a\rb", &c, why), OCF_ERR_CONFIGURED);
	assert_non_null(long_value);
	memset(long_value, 'x', OCF_VALUE_MAX + 1);
	long_value[OCF_VALUE_MAX + 1] = '\0';
	assert_int_equal(parse(&str, long_value, &c, why), OCF_ERR_CONFIGURED);
	assert_string_equal(why, "parameter user: 4097 characters, more than 4096");
	long_value[OCF_VALUE_MAX] = '\0';
	assert_int_equal(parse(&str, long_value, &c, why), OCF_SUCCESS);
	ocf_list_free(&c.l);
	free(long_value);
}

static void test_list(void **state)
{
	struct ocf_param p = { "l", OCF_T_LIST, 0, NULL, "l", NULL, offsetof(struct cfg, l) };
	struct cfg c = { 0 };
	char why[256];

	assert_int_equal(parse(&p, " udp:192.0.2.1:5060, tcp:[2001:db8::1]:5060\tx,,", &c, why),
			 OCF_SUCCESS);
	assert_int_equal(c.l.n, 3);
	assert_string_equal(c.l.items[0], "udp:192.0.2.1:5060");
	assert_string_equal(c.l.items[1], "tcp:[2001:db8::1]:5060");
	assert_string_equal(c.l.items[2], "x");
	assert_int_equal(parse(&p, "", &c, why), OCF_SUCCESS);	/* replaces, no leak */
	assert_int_equal(c.l.n, 0);
	ocf_list_free(&c.l);
}

static int only_even(const struct ocf_param *p, const void *v, char *why, size_t len)
{
	if (*(const long long *)v % 2) {
		snprintf(why, len, "an even number");
		return OCF_ERR_CONFIGURED;
	}
	return OCF_SUCCESS;
}

static void test_check_and_secret(void **state)
{
	struct ocf_param p = { "n", OCF_T_INT, 0, NULL, "n", NULL, offsetof(struct cfg, i),
			       .check = only_even };
	struct ocf_param s = { "password", OCF_T_INT, OCF_SECRET, NULL, "pw", NULL,
			       offsetof(struct cfg, i) };
	struct cfg c = { 0 };
	char why[256];

	assert_int_equal(parse(&p, "4", &c, why), OCF_SUCCESS);
	assert_int_equal(parse(&p, "5", &c, why), OCF_ERR_CONFIGURED);
	assert_string_equal(why, "parameter n='5': expected an even number");
	assert_int_equal(parse(&s, "hunter2", &c, why), OCF_ERR_CONFIGURED);
	assert_null(strstr(why, "hunter2"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_int), cmocka_unit_test(test_bool),
		cmocka_unit_test(test_duration), cmocka_unit_test(test_enum),
		cmocka_unit_test(test_addr), cmocka_unit_test(test_ifname),
		cmocka_unit_test(test_path), cmocka_unit_test(test_list), cmocka_unit_test(test_insane),
		cmocka_unit_test(test_check_and_secret),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
