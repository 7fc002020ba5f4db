/* tests/unit/test_dispatch.c: ocf_main from argv to exit code, as Pacemaker runs an agent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ocf/ocf.h"
#include "tests/unit/env.h"
#include "tests/ocf/siphatest.h"
#include "tests/unit/capture.h"

static char rsctmp[] = "/tmp/sipha-dispatch-XXXXXX";

static int reset_env(void **state)
{
	test_clearenv();
	setenv("HA_RSCTMP", rsctmp, 1);
	setenv("OCF_RESOURCE_INSTANCE", "t1", 1);
	setenv("OCF_RESKEY_ip", "192.0.2.1", 1);
	return 0;
}

/* Runs an action; returns its exit code and what it wrote to @fd (1 or 2) in *out. */
static int run(const char *action, int fd, char **out)
{
	char *argv[] = { (char *)"siphatest", (char *)action, NULL };
	struct capture c;
	int r;

	capture_begin(&c, fd);
	r = ocf_main(&siphatest_agent, action ? 2 : 1, argv);
	capture_end(&c);
	*out = c.text;
	return r;
}

static void test_no_action(void **state)
{
	char *out;

	assert_int_equal(run(NULL, 2, &out), OCF_ERR_ARGS);
	assert_non_null(strstr(out, "usage: siphatest {start|stop|monitor|"));
	free(out);
}

static void test_unknown_action(void **state)
{
	char *out;

	assert_int_equal(run("promote", 2, &out), OCF_ERR_UNIMPLEMENTED);
	assert_non_null(strstr(out, "ocf-exit-reason:action 'promote' is not implemented"));
	free(out);
}

static void test_meta_data_and_usage(void **state)
{
	char *out;

	test_clearenv();	/* meta-data needs no parameters */
	assert_int_equal(run("meta-data", 1, &out), OCF_SUCCESS);
	assert_non_null(strstr(out, "<resource-agent name=\"siphatest\""));
	free(out);
	assert_int_equal(run("usage", 1, &out), OCF_SUCCESS);
	assert_non_null(strstr(out, "usage:"));
	free(out);
	assert_int_equal(run("--man", 1, &out), OCF_SUCCESS);
	assert_non_null(strstr(out, ".TH SIPHATEST 7"));
	free(out);
}

static void test_validate(void **state)
{
	char *out;

	assert_int_equal(run("validate-all", 2, &out), OCF_SUCCESS);
	assert_null(strstr(out, "ocf-exit-reason"));
	free(out);
	setenv("OCF_RESKEY_ip", "192.0.2.300", 1);
	assert_int_equal(run("validate-all", 2, &out), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(out, "ocf-exit-reason:parameter ip='192.0.2.300': expected an "
				    "IPv4 or IPv6 address"));
	free(out);
	/* the agent's own cross-check */
	setenv("OCF_RESKEY_ip", "192.0.2.1", 1);
	setenv("OCF_RESKEY_mode", "fast", 1);
	setenv("OCF_RESKEY_count", "9", 1);
	assert_int_equal(run("validate-all", 2, &out), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(out, "ocf-exit-reason:mode=fast allows count up to 5, not 9"));
	free(out);
	/* typos in parameter names are caught by validate-all */
	unsetenv("OCF_RESKEY_mode");
	setenv("OCF_RESKEY_lable", "x", 1);
	assert_int_equal(run("validate-all", 2, &out), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(out, "unknown parameter 'lable'"));
	free(out);
}

static void test_start_monitor_stop(void **state)
{
	char *out;

	setenv("OCF_RESKEY_CRM_meta_interval", "10000", 1);
	assert_int_equal(run("monitor", 2, &out), OCF_NOT_RUNNING);
	free(out);
	assert_int_equal(run("start", 2, &out), OCF_SUCCESS);
	free(out);
	assert_int_equal(run("start", 2, &out), OCF_SUCCESS);
	free(out);
	assert_int_equal(run("monitor", 2, &out), OCF_SUCCESS);
	free(out);
	assert_int_equal(run("stop", 2, &out), OCF_SUCCESS);
	free(out);
	assert_int_equal(run("stop", 2, &out), OCF_SUCCESS);
	free(out);
	assert_int_equal(run("monitor", 2, &out), OCF_NOT_RUNNING);
	free(out);
}

static void test_start_refused_when_not_installed(void **state)
{
	char *out;

	setenv("OCF_RESKEY_binary", "/nonexistent/siphatest-helper", 1);
	assert_int_equal(run("start", 2, &out), OCF_ERR_INSTALLED);
	assert_non_null(strstr(out, "ocf-exit-reason:parameter binary: /nonexistent/"));
	free(out);
	/* a probe on a node without the binary answers "not running", not an error */
	assert_int_equal(run("monitor", 2, &out), OCF_NOT_RUNNING);
	free(out);
	assert_int_equal(run("stop", 2, &out), OCF_SUCCESS);
	free(out);
}

static void test_stop_with_broken_config(void **state)
{
	char *out;

	setenv("OCF_RESKEY_count", "many", 1);
	assert_int_equal(run("stop", 2, &out), OCF_SUCCESS);
	free(out);
	assert_int_equal(run("monitor", 2, &out), OCF_ERR_CONFIGURED);
	assert_non_null(strstr(out, "ocf-exit-reason:parameter count='many'"));
	free(out);
}

static void test_bad_meta(void **state)
{
	char *out;

	setenv("OCF_RESKEY_CRM_meta_timeout", "-5", 1);
	assert_int_equal(run("start", 2, &out), OCF_ERR_ARGS);
	assert_non_null(strstr(out, "ocf-exit-reason:CRM_meta_timeout='-5'"));
	free(out);
}

static void test_logging_tagged_and_debug(void **state)
{
	char *out;

	setenv("OCF_RESKEY_count", "oops", 1);
	assert_int_equal(run("monitor", 2, &out), OCF_ERR_CONFIGURED);
	/* every line names the instance; no debug output unless asked */
	assert_non_null(strstr(out, "siphatest(t1)["));
	assert_non_null(strstr(out, "]: error: parameter count='oops'"));
	assert_null(strstr(out, "debug"));
	free(out);
	setenv("HA_debug", "1", 1);
	unsetenv("OCF_RESKEY_count");
	assert_int_equal(run("monitor", 2, &out), OCF_NOT_RUNNING);
	assert_non_null(strstr(out, "siphatest(t1)["));
	assert_non_null(strstr(out, "]: debug: monitor: timeout 20000ms, depth 0, probe"));
	assert_non_null(strstr(out, "]: debug: monitor: OCF_NOT_RUNNING after "));
	free(out);
}

static int make_tmp(void **state)
{
	return mkdtemp(rsctmp) ? 0 : -1;
}

static int remove_tmp(void **state)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/sipha", rsctmp);
	rmdir(path);
	return rmdir(rsctmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_no_action, reset_env),
		cmocka_unit_test_setup(test_unknown_action, reset_env),
		cmocka_unit_test_setup(test_meta_data_and_usage, reset_env),
		cmocka_unit_test_setup(test_validate, reset_env),
		cmocka_unit_test_setup(test_start_monitor_stop, reset_env),
		cmocka_unit_test_setup(test_start_refused_when_not_installed, reset_env),
		cmocka_unit_test_setup(test_stop_with_broken_config, reset_env),
		cmocka_unit_test_setup(test_bad_meta, reset_env),
		cmocka_unit_test_setup(test_logging_tagged_and_debug, reset_env),
	};
	return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
