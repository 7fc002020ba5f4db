/* tests/unit/test_proc_spawn.c: spawning without a shell, output captured (its tail), and the
 * bounds on it all: a deadline, a child SIGKILL does not stop at once, a kernel without
 * close_range. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/clock.h"
#include "core/proc_spawn.h"

/* With swallow_sigkill set, SIGKILL does nothing, as for a child in D state (NFS, a hung
 * disk) until it wakes. This kill overrides libc's for lib/core/proc_spawn.c too. */
static bool swallow_sigkill;

int kill(pid_t pid, int sig)
{
	if (swallow_sigkill && sig == SIGKILL)
		return 0;
	return (int)syscall(SYS_kill, pid, sig);
}

static void run_kill_wait_bounded(void **state)
{
	char *argv[] = { "sleep", "3", NULL };
	char out[16];
	int64_t t0 = clock_now_ms();
	int status;

	swallow_sigkill = true;
	assert_int_equal(proc_run("/bin/sleep", argv, t0 + 200, out, sizeof(out), &status),
			 -ETIMEDOUT);
	swallow_sigkill = false;
	/* the old wait after SIGKILL had no bound: it returned when sleep did, after 3 s */
	assert_true(clock_now_ms() - t0 < 1000);
}

/* A kernel before 5.9 (no close_range), simulated with seccomp in a child: an fd the agent
 * left open must still not reach the spawned program. */
static int no_close_range(void)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_close_range, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

/* In a child: exits 0 when fd 40 did not reach ls (it lists its own fds). */
static void spawn_without_close_range(void)
{
	char *argv[] = { "ls", "/proc/self/fd", NULL };
	char out[512], *tok, *save;
	int status;

	if (no_close_range() < 0 || syscall(SYS_close_range, 40, 40, 0) != -1 || errno != ENOSYS)
		_exit(2);
	if (dup2(1, 40) < 0)
		_exit(3);
	if (proc_run("/bin/ls", argv, clock_now_ms() + 5000, out, sizeof(out), &status) < 0)
		_exit(4);
	for (tok = strtok_r(out, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save))
		if (!strcmp(tok, "40"))
			_exit(1);
	_exit(0);
}

static void close_fds_fallback(void **state)
{
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (pid == 0)
		spawn_without_close_range();
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);

	/* the slow path directly: everything from 3 up goes, except the one kept */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		bool ok = dup2(2, 40) == 40 && dup2(2, 41) == 41 && dup2(2, 1000) == 1000 &&
			  proc_close_fds(3, 41, true) == 0 && fcntl(40, F_GETFD) < 0 &&
			  fcntl(41, F_GETFD) >= 0 && fcntl(1000, F_GETFD) < 0 &&
			  fcntl(2, F_GETFD) >= 0;

		_exit(ok ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void spawn_missing(void **state)
{
	char *argv[] = { "nope", NULL };
	pid_t pid;

	assert_int_equal(proc_spawn("/nonexistent/nope", argv, NULL, &pid), -ENOENT);
}

static void run_captures(void **state)
{
	char *argv[] = { "ls", "/nonexistent-sipha-dir", NULL };
	char out[256];
	int status;

	assert_int_equal(proc_run("/bin/ls", argv, clock_now_ms() + 5000, out, sizeof(out),
				  &status), 0);
	assert_true(WIFEXITED(status));
	assert_int_not_equal(WEXITSTATUS(status), 0);
	assert_non_null(strstr(out, "nonexistent-sipha-dir"));

	/* only the tail is kept */
	char *echo[] = { "echo", "0123456789abcdefghij", NULL };
	char small[8];
	assert_int_equal(proc_run("/bin/echo", echo, clock_now_ms() + 5000, small, sizeof(small),
				  &status), 0);
	assert_string_equal(small, "efghij\n");
}

static void run_times_out(void **state)
{
	char *argv[] = { "sleep", "10", NULL };
	char out[16];
	int64_t t0 = clock_now_ms();
	int status;

	assert_int_equal(proc_run("/bin/sleep", argv, t0 + 200, out, sizeof(out), &status),
			 -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 < 2000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(run_kill_wait_bounded),
		cmocka_unit_test(close_fds_fallback),
		cmocka_unit_test(spawn_missing),
		cmocka_unit_test(run_captures),
		cmocka_unit_test(run_times_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
