/* tests/unit/test_attr.c: node attributes are written through attrd_updater only on change.
 * A stand-in attrd_updater (a shell script that logs its arguments) counts the calls. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocf/ocf.h"
#include "core/clock.h"

static char dir[] = "/tmp/sipha-attr-XXXXXX";
static char calls[300], fake[300];

static int count_lines(const char *path, char *last, size_t len)
{
	FILE *f = fopen(path, "r");
	char line[256];
	int n = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		n++;
		snprintf(last, len, "%s", line);
	}
	fclose(f);
	return n;
}

static void write_fake(int status)
{
	FILE *f = fopen(fake, "w");

	fprintf(f, "#!/bin/sh\necho \"$*\" >> '%s'\nexit %d\n", calls, status);
	fclose(f);
	chmod(fake, 0755);
}

static int setup(void **state)
{
	if (!mkdtemp(dir))
		return -1;
	snprintf(calls, sizeof(calls), "%s/calls", dir);
	snprintf(fake, sizeof(fake), "%s/attrd_updater", dir);
	setenv("HA_RSCTMP", dir, 1);
	setenv("SIPHA_ATTRD_UPDATER", fake, 1);
	return 0;
}

static void test_only_on_change(void **state)
{
	struct ocf_op op = { .instance = "kam:0", .deadline_ms = clock_now_ms() + 10000 };
	char last[256] = "";

	write_fake(0);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 1);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 0);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 0);
	assert_int_equal(count_lines(calls, last, sizeof(last)), 1);
	assert_string_equal(last, "-n sipha-health -U green\n");
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "yellow"), 1);
	assert_int_equal(count_lines(calls, last, sizeof(last)), 2);
	assert_string_equal(last, "-n sipha-health -U yellow\n");
	/* another attribute, another memory */
	assert_int_equal(ocf_attr_set(&op, "sipha-shm-used-pct", "42"), 1);
	assert_int_equal(count_lines(calls, last, sizeof(last)), 3);
}

static void test_failure_not_remembered(void **state)
{
	struct ocf_op op = { .instance = "kam:1", .deadline_ms = clock_now_ms() + 10000 };
	char last[256];
	int before = count_lines(calls, last, sizeof(last));

	struct ocf_op next = op;

	write_fake(1);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "red"), -EIO);
	/* the same operation tries no other attribute once attrd_updater failed */
	write_fake(0);
	assert_int_equal(ocf_attr_set(&op, "sipha-shm-used-pct", "12"), -EIO);
	assert_int_equal(ocf_attr_delete(&op, "sipha-sync"), -EIO);
	assert_int_equal(count_lines(calls, last, sizeof(last)), before + 1);
	/* the next operation writes what failed */
	assert_int_equal(ocf_attr_set(&next, "sipha-health", "red"), 1);
	assert_int_equal(count_lines(calls, last, sizeof(last)), before + 2);
}

static void test_missing_helper(void **state)
{
	struct ocf_op op = { .instance = "kam:2", .deadline_ms = clock_now_ms() + 10000 };

	setenv("SIPHA_ATTRD_UPDATER", "/nonexistent/attrd_updater", 1);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), -ENOENT);
	setenv("SIPHA_ATTRD_UPDATER", fake, 1);
}

static void test_hung_helper_is_bounded(void **state)
{
	struct ocf_op op = { .instance = "kam:3", .deadline_ms = clock_now_ms() + 300 };
	FILE *f = fopen(fake, "w");
	int64_t t0 = clock_now_ms();

	fprintf(f, "#!/bin/sh\nexec sleep 30\n");
	fclose(f);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 < 2000);
}

/* A stand-in attrd: a child whose command name is SIPHA_ATTRD_COMM's. */
static pid_t fake_attrd(void)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		/* gone with the test, even when an assertion ends it early */
		prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
		prctl(PR_SET_NAME, "sipha-tattrd", 0, 0, 0);
		pause();
		_exit(0);
	}
	/* the name is set by the child: wait until /proc shows it */
	for (int i = 0; i < 200; i++) {
		char path[64], comm[32] = "";
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(comm, sizeof(comm), f))
				comm[0] = '\0';
			fclose(f);
		}
		if (!strcmp(comm, "sipha-tattrd\n"))
			return pid;
		usleep(5000);
	}
	fail_msg("stand-in attrd did not take its name");
	return -1;
}

static void stop_attrd(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* A restart of Pacemaker on the node empties attrd: the values are written again at once,
 * not ATTR_REFRESH_S later. */
static void test_attrd_restart_republishes(void **state)
{
	struct ocf_op op = { .instance = "kam:4", .deadline_ms = clock_now_ms() + 10000 };
	char last[256];
	pid_t attrd = fake_attrd();
	int before;

	setenv("SIPHA_ATTRD_COMM", "sipha-tattrd", 1);
	write_fake(0);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 1);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 0);
	before = count_lines(calls, last, sizeof(last));
	stop_attrd(attrd);
	attrd = fake_attrd();
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 1);
	assert_int_equal(count_lines(calls, last, sizeof(last)), before + 1);
	/* the memo now names the new attrd */
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 0);
	stop_attrd(attrd);
	/* attrd gone altogether (Pacemaker stopping): written again, which fails or not */
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 1);
	unsetenv("SIPHA_ATTRD_COMM");
}

/* With swallow_sigkill set, SIGKILL does nothing, as for a helper in D state. This kill
 * overrides libc's for ocf/attr.c too. */
static int swallow_sigkill;

int kill(pid_t pid, int sig)
{
	if (swallow_sigkill && sig == SIGKILL)
		return 0;
	return (int)syscall(SYS_kill, pid, sig);
}

static void test_unkillable_helper_is_bounded(void **state)
{
	struct ocf_op op = { .instance = "kam:5", .deadline_ms = clock_now_ms() + 200 };
	FILE *f = fopen(fake, "w");
	int64_t t0 = clock_now_ms();

	fprintf(f, "#!/bin/sh\nexec sleep 3\n");
	fclose(f);
	swallow_sigkill = 1;
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), -ETIMEDOUT);
	swallow_sigkill = 0;
	/* the old wait after SIGKILL had no bound: it returned with sleep, after 3 s */
	assert_true(clock_now_ms() - t0 < 1000);
}

/* A name longer than a file name may be (255) still gets its memo, and one of its own. */
static void test_long_instance_name(void **state)
{
	char name[301];
	struct ocf_op op = { .instance = name, .deadline_ms = clock_now_ms() + 10000 };

	memset(name, 'k', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	write_fake(0);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 1);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 0);
	/* another long name with the same head has a memo of its own */
	name[sizeof(name) - 2] = 'x';
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 1);
}

/* A stop deletes the attribute and forgets its memo: the next start publishes even the same
 * value again (a restarted instance's green is fresh). A failed delete forgets all the same. */
static void test_delete_forgets(void **state)
{
	struct ocf_op op = { .instance = "kam:6", .deadline_ms = clock_now_ms() + 10000 };
	char last[256];
	int before;

	write_fake(0);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 1);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 0);
	before = count_lines(calls, last, sizeof(last));
	assert_int_equal(ocf_attr_delete(&op, "sipha-health"), 0);
	assert_int_equal(count_lines(calls, last, sizeof(last)), before + 1);
	assert_string_equal(last, "-D -n sipha-health\n");
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 1);
	assert_int_equal(count_lines(calls, last, sizeof(last)), before + 2);
	assert_string_equal(last, "-n sipha-health -U green\n");
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "green"), 0);

	write_fake(1);
	assert_int_equal(ocf_attr_delete(&op, "sipha-health"), -EIO);
	write_fake(0);
	/* a failed delete forgot the value: the next operation writes it */
	struct ocf_op next = { .instance = "kam:6", .deadline_ms = clock_now_ms() + 10000 };
	assert_int_equal(ocf_attr_set(&next, "sipha-health", "green"), 1);
	assert_int_equal(count_lines(calls, last, sizeof(last)), before + 4);
	/* deleting what was never set is no error either */
	assert_int_equal(ocf_attr_delete(&next, "sipha-shm-exhaust-s"), 0);
}

/* The last value written is readable (kamailio's stop keeps a red health); none after delete. */
static void test_last(void **state)
{
	struct ocf_op op = { .instance = "kam:7", .deadline_ms = clock_now_ms() + 10000 };
	char v[16];

	write_fake(0);
	assert_int_equal(ocf_attr_last(&op, "sipha-health", v, sizeof(v)), -ENOENT);
	assert_int_equal(ocf_attr_set(&op, "sipha-health", "red"), 1);
	assert_int_equal(ocf_attr_last(&op, "sipha-health", v, sizeof(v)), 0);
	assert_string_equal(v, "red");
	assert_int_equal(ocf_attr_last(&op, "sipha-health", v, 3), -ENAMETOOLONG);
	assert_int_equal(ocf_attr_delete(&op, "sipha-health"), 0);
	assert_int_equal(ocf_attr_last(&op, "sipha-health", v, sizeof(v)), -ENOENT);
}

static void test_state_dir(void **state)
{
	char buf[256], want[300];
	struct stat st;

	assert_int_equal(ocf_state_dir(buf, sizeof(buf)), 0);
	snprintf(want, sizeof(want), "%s/sipha", dir);
	assert_string_equal(buf, want);
	assert_int_equal(stat(buf, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
}

static int teardown(void **state)
{
	char cmd[400];
	char *argv[] = { (char *)"rm", (char *)"-rf", dir, NULL };

	(void)cmd;
	if (fork() == 0) {
		execvp("rm", argv);
		_exit(127);
	}
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_only_on_change), cmocka_unit_test(test_failure_not_remembered),
		cmocka_unit_test(test_missing_helper), cmocka_unit_test(test_hung_helper_is_bounded),
		cmocka_unit_test(test_attrd_restart_republishes),
		cmocka_unit_test(test_unkillable_helper_is_bounded),
		cmocka_unit_test(test_long_instance_name), cmocka_unit_test(test_delete_forgets),
		cmocka_unit_test(test_state_dir), cmocka_unit_test(test_last),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
