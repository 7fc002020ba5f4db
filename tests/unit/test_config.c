/* tests/unit/test_config.c: a whole configuration from OCF_RESKEY_*: defaults, required values,
 * unknown parameters, installed checks, and lists freed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ocf/ocf.h"
#include "tests/unit/env.h"
#include "ocf/param.h"
#include "tests/ocf/siphatest.h"


static int reset_env(void **state)
{
	test_clearenv();
	return 0;
}

static int parse(struct siphatest_cfg *c, bool installed, bool strict, char *why)
{
	memset(c, 0, sizeof(*c));
	return ocf_config_parse_ex(&siphatest_agent, c, installed, strict, why, 256);
}

static void test_defaults(void **state)
{
	struct siphatest_cfg c;
	char why[256] = "";

	setenv("OCF_RESKEY_ip", "192.0.2.7", 1);
	assert_int_equal(parse(&c, true, true, why), OCF_SUCCESS);
	assert_string_equal(c.ip.text, "192.0.2.7");
	assert_int_equal(c.count, 3);
	assert_false(c.verbose);
	assert_int_equal(c.interval_ms, 200);
	assert_int_equal(c.mode, 1);
	assert_null(c.nic);
	assert_string_equal(c.binary, "/bin/true");
	assert_int_equal(c.names.n, 0);
	assert_string_equal(c.label, "test");
	ocf_config_free(&siphatest_agent, &c);
}

static void test_values(void **state)
{
	struct siphatest_cfg c;
	char why[256] = "";

	setenv("OCF_RESKEY_ip", "2001:db8::5/64", 1);
	setenv("OCF_RESKEY_count", "7", 1);
	setenv("OCF_RESKEY_verbose", "yes", 1);
	setenv("OCF_RESKEY_interval", "1s", 1);
	setenv("OCF_RESKEY_mode", "fast", 1);
	setenv("OCF_RESKEY_nic", "br0", 1);
	setenv("OCF_RESKEY_names", "a b,c", 1);
	setenv("OCF_RESKEY_count", "", 1);	/* empty means unset: the default */
	setenv("OCF_RESKEY_CRM_meta_timeout", "20000", 1);	/* not a parameter, not unknown */
	assert_int_equal(parse(&c, true, true, why), OCF_SUCCESS);
	assert_int_equal(c.ip.prefix, 64);
	assert_int_equal(c.count, 3);
	assert_true(c.verbose);
	assert_int_equal(c.interval_ms, 1000);
	assert_int_equal(c.mode, 0);
	assert_string_equal(c.nic, "br0");
	assert_int_equal(c.names.n, 3);
	ocf_config_free(&siphatest_agent, &c);
	assert_int_equal(c.names.n, 0);
}

static void test_required(void **state)
{
	struct siphatest_cfg c;
	char why[256] = "";

	assert_int_equal(parse(&c, true, false, why), OCF_ERR_CONFIGURED);
	assert_string_equal(why, "required parameter ip is not set (Test address)");
}

static void test_bad_value_first_error(void **state)
{
	struct siphatest_cfg c;
	char why[256] = "";

	setenv("OCF_RESKEY_ip", "192.0.2.7", 1);
	setenv("OCF_RESKEY_count", "11", 1);
	assert_int_equal(parse(&c, true, false, why), OCF_ERR_CONFIGURED);
	assert_string_equal(why, "parameter count='11': expected an integer from 1 to 10");
	setenv("OCF_RESKEY_count", "2", 1);
	setenv("OCF_RESKEY_label", "much-too-long", 1);
	assert_int_equal(parse(&c, true, false, why), OCF_ERR_CONFIGURED);
	assert_string_equal(why, "parameter label='much-too-long': expected at most 8 characters");
}

static void test_unknown(void **state)
{
	struct siphatest_cfg c;
	char why[256] = "";

	setenv("OCF_RESKEY_ip", "192.0.2.7", 1);
	setenv("OCF_RESKEY_cidr_netmaks", "24", 1);
	assert_int_equal(parse(&c, true, false, why), OCF_SUCCESS);
	assert_int_equal(parse(&c, true, true, why), OCF_ERR_CONFIGURED);
	assert_string_equal(why, "unknown parameter 'cidr_netmaks' (see: siphatest meta-data)");
}

static void test_installed(void **state)
{
	struct siphatest_cfg c;
	char why[256] = "";

	setenv("OCF_RESKEY_ip", "192.0.2.7", 1);
	setenv("OCF_RESKEY_binary", "/nonexistent/bin", 1);
	assert_int_equal(parse(&c, true, false, why), OCF_ERR_INSTALLED);
	assert_non_null(strstr(why, "parameter binary: /nonexistent/bin"));
	assert_int_equal(parse(&c, false, false, why), OCF_SUCCESS);
}

static void test_find(void **state)
{
	assert_non_null(ocf_param_find(&siphatest_agent, "mode"));
	assert_null(ocf_param_find(&siphatest_agent, "nope"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_defaults, reset_env),
		cmocka_unit_test_setup(test_values, reset_env),
		cmocka_unit_test_setup(test_required, reset_env),
		cmocka_unit_test_setup(test_bad_value_first_error, reset_env),
		cmocka_unit_test_setup(test_unknown, reset_env),
		cmocka_unit_test_setup(test_installed, reset_env),
		cmocka_unit_test(test_find),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
