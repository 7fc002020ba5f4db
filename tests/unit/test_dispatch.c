/* tests/unit/test_dispatch.c: ocf_main from argv to exit code, as Pacemaker runs an agent. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
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

/* In a child that ran ocf_main: exits 0 when a write to a socket whose peer closed gives
 * EPIPE (OpenSSL writes without MSG_NOSIGNAL) and a program it execs has SIGPIPE neither
 * ignored nor handled; SIGPIPE kills it where the agent left the default. */
static void sigpipe_child(void)
{
	char *argv[] = { (char *)"siphatest", (char *)"usage", NULL };
	char *grep[] = { (char *)"grep", (char *)"^SigIgn", (char *)"/proc/self/status", NULL };
	int sv[2], p[2], null = open("/dev/null", O_WRONLY);
	char line[128] = "";
	unsigned long long ign;
	pid_t pid;

	dup2(null, 1);
	ocf_main(&siphatest_agent, 2, argv);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || close(sv[1]) < 0)
		_exit(2);
	if (write(sv[0], "x", 1) != -1 || errno != EPIPE)
		_exit(3);
	if (pipe(p) < 0 || (pid = fork()) < 0)
		_exit(4);
	if (pid == 0) {
		dup2(p[1], 1);
		execv("/bin/grep", grep);
		_exit(127);
	}
	close(p[1]);
	if (read(p[0], line, sizeof(line) - 1) <= 0 || sscanf(line, "SigIgn: %llx", &ign) != 1)
		_exit(5);
	waitpid(pid, NULL, 0);
	_exit(ign & (1ULL << (SIGPIPE - 1)) ? 6 : 0);
}

static void test_sigpipe_is_not_fatal(void **state)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0)
		sigpipe_child();
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_false(WIFSIGNALED(status));	/* the old agent died here of SIGPIPE */
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_no_action, reset_env),
		cmocka_unit_test_setup(test_sigpipe_is_not_fatal, reset_env),
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
