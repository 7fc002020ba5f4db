/* tests/unit/test_reason.c: exit reasons are one line, under 128 characters, on stderr. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "ocf/ocf.h"
#include "tests/unit/capture.h"

static size_t fmt(char *buf, size_t len, const char *f, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, f);
	n = ocf_reason_format(buf, len, f, ap);
	va_end(ap);
	return n;
}

static void test_short(void **state)
{
	char buf[OCF_REASON_MAX];

	assert_int_equal(fmt(buf, sizeof(buf), "%s on %s", "192.0.2.1", "eth0"), 17);
	assert_string_equal(buf, "192.0.2.1 on eth0");
}

static void test_control_characters(void **state)
{
	char buf[OCF_REASON_MAX];

	fmt(buf, sizeof(buf), "kamailio said:\nerror\tat line 3\r");
	assert_string_equal(buf, "kamailio said: error at line 3 ");
}

static void test_truncation(void **state)
{
	char buf[OCF_REASON_MAX], big[400];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(fmt(buf, sizeof(buf), "%s", big), OCF_REASON_MAX - 1);
	assert_int_equal(strlen(buf), 127);
	assert_string_equal(buf + 124, "...");
	/* a smaller buffer is respected too */
	assert_int_equal(fmt(buf, 10, "%s", big), 9);
	assert_string_equal(buf, "xxxxxx...");
}

static void test_fail_prints_line(void **state)
{
	struct ocf_op op = { .instance = "t" };
	struct capture c;
	const char *out;

	capture_begin(&c, 2);
	assert_int_equal(ocf_fail(&op, OCF_ERR_CONFIGURED, "parameter %s is bad\nreally", "ip"),
			 OCF_ERR_CONFIGURED);
	out = capture_end(&c);
	assert_string_equal(out, "ocf-exit-reason:parameter ip is bad really\n");
	capture_free(&c);
}

static void test_exit_names(void **state)
{
	assert_string_equal(ocf_exit_name(OCF_ERR_CONFIGURED), "OCF_ERR_CONFIGURED");
	assert_string_equal(ocf_exit_name(190), "OCF_DEGRADED");
	assert_int_equal(OCF_NOT_RUNNING, 7);
	assert_int_equal(OCF_ERR_INSTALLED, 5);
	assert_string_equal(ocf_exit_name(42), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_short), cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_truncation), cmocka_unit_test(test_fail_prints_line),
		cmocka_unit_test(test_exit_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
