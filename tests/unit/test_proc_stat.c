/* tests/unit/test_proc_stat.c: /proc/PID/stat parsing (odd command names), reading our own,
 * and a process's executable by the link's text or by device and inode. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/proc_stat.h"

static void stat_plain(void **state)
{
	static const char line[] =
		"10354 (kamailio) S 1 10352 8463 0 -1 4194560 1234 0 0 0 5 3 0 0 20 0 1 0 "
		"987654 123456789 1000 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 "
		"0 0\n";
	struct proc_stat st;

	assert_int_equal(proc_stat_parse(line, &st), 0);
	assert_int_equal(st.pid, 10354);
	assert_string_equal(st.comm, "kamailio");
	assert_int_equal(st.state, 'S');
	assert_int_equal(st.ppid, 1);
	assert_int_equal(st.pgrp, 10352);
	assert_int_equal(st.session, 8463);
	assert_int_equal(st.start, 987654ULL);
}

static void stat_odd_comm(void **state)
{
	/* a process may name itself anything, including ") R 1 2 3 " */
	static const char line[] =
		"42 (evil) R 1 2 3 (x) y) T 7 42 42 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
		"55555 0 0\n";
	struct proc_stat st;

	assert_int_equal(proc_stat_parse(line, &st), 0);
	assert_int_equal(st.pid, 42);
	assert_string_equal(st.comm, "evil) R 1 2 3 (x) y");
	assert_int_equal(st.state, 'T');
	assert_int_equal(st.ppid, 7);
	assert_int_equal(st.session, 42);
	assert_int_equal(st.start, 55555ULL);

	static const char spaces[] = "7 (a b  c) S 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 99 0\n";
	assert_int_equal(proc_stat_parse(spaces, &st), 0);
	assert_string_equal(st.comm, "a b  c");
	assert_int_equal(st.start, 99ULL);
}

static void stat_rejects(void **state)
{
	static const char *bad[] = {
		"",
		"42",
		"42 (x",
		"x (y) S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0",
		"42 (y) S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0",	/* no start time */
		"42 (y) S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 x 0",
		"42 (y)S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0",
		"0 (y) S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0",
		")42 (y( S 1 2 3 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0",
	};
	struct proc_stat st;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(proc_stat_parse(bad[i], &st), -EINVAL);
}

static void stat_self(void **state)
{
	struct proc_stat st;

	assert_int_equal(proc_stat_read(getpid(), &st), 0);
	assert_int_equal(st.pid, getpid());
	assert_int_equal(st.ppid, getppid());
	assert_true(st.start > 0);
	assert_int_equal(proc_stat_read(0x7ffffff0, &st), -ESRCH);
}


/* The exe link's text is compared first; another path to the same file (what another mount
 * namespace or a chroot shows) matches by device and inode; a different file does not. A
 * child running sleep(1), not this process: under valgrind our own exe is valgrind's. */
static void exe_is_by_text_or_inode(void **state)
{
	char exe[PATH_MAX], want[PATH_MAX], link[64];
	pid_t pid;
	int status;

	(void)state;
	assert_non_null(realpath("/bin/sleep", want));
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execl(want, "sleep", "5", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200; i++) {	/* until the child has exec'd: 2 s at most */
		if (proc_exe_read(pid, exe, sizeof(exe)) == 0 && strcmp(exe, want) == 0)
			break;
		usleep(10000);
	}
	assert_string_equal(exe, want);
	assert_int_equal(proc_exe_is(pid, want), 1);
	snprintf(link, sizeof(link), "/tmp/sipha-exe-%d", (int)getpid());
	unlink(link);
	assert_int_equal(symlink(want, link), 0);
	assert_int_equal(proc_exe_is(pid, link), 1);
	unlink(link);
	assert_int_equal(proc_exe_is(pid, "/bin/sh"), 0);
	assert_int_equal(proc_exe_is(pid, "/nonexistent/binary"), 0);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	assert_int_equal(proc_exe_is(pid, want), -ESRCH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stat_plain),
		cmocka_unit_test(stat_odd_comm),
		cmocka_unit_test(stat_rejects),
		cmocka_unit_test(stat_self),
		cmocka_unit_test(exe_is_by_text_or_inode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
