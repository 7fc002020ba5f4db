/* tests/unit/test_proc.c: /proc/PID/stat parsing (odd command names), pidfiles, recorded
 * identities, spawning/signalling real processes without a shell, and the bounds on it all:
 * a child SIGKILL does not stop at once, a kernel without close_range, a reused session. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/clock.h"
#include "core/proc.h"

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

static void pidfile_parse(void **state)
{
	pid_t p;

	assert_int_equal(proc_pidfile_parse("1234\n", &p), 0);
	assert_int_equal(p, 1234);
	assert_int_equal(proc_pidfile_parse("99", &p), 0);
	assert_int_equal(p, 99);
	assert_int_equal(proc_pidfile_parse("", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("\n", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("1\n", &p), -EINVAL);	/* init is never ours */
	assert_int_equal(proc_pidfile_parse("0", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("-5", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("12 34", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("12abc", &p), -EINVAL);
	assert_int_equal(proc_pidfile_parse("99999999999", &p), -EINVAL);
	assert_int_equal(proc_pidfile_read("/nonexistent/sipha.pid", &p), -ENOENT);
}

static void id_round_trip(void **state)
{
	struct proc_id a = { .pid = 4321, .session = 4321, .start = 123456789ULL }, b;
	char buf[PATH_MAX + 64], path[] = "/tmp/sipha-procid-XXXXXX";
	int fd;

	strcpy(a.exe, "/usr/sbin/kamailio");
	assert_true(proc_id_format(&a, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, "4321 4321 123456789 /usr/sbin/kamailio\n");
	assert_int_equal(proc_id_parse(buf, &b), 0);
	assert_int_equal(b.pid, 4321);
	assert_int_equal(b.start, 123456789ULL);
	assert_string_equal(b.exe, "/usr/sbin/kamailio");
	assert_int_equal(proc_id_parse("4321 1 2 relative/exe", &b), -EINVAL);
	assert_int_equal(proc_id_parse("4321 1 /usr/sbin/kamailio", &b), -EINVAL);
	assert_int_equal(proc_id_parse("garbage", &b), -EINVAL);

	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(proc_id_save(path, &a), 0);
	memset(&b, 0, sizeof(b));
	assert_int_equal(proc_id_load(path, &b), 0);
	assert_int_equal(b.session, 4321);
	assert_string_equal(b.exe, a.exe);
	unlink(path);
	assert_int_equal(proc_id_load(path, &b), -ENOENT);
}

static void spawn_identify_signal(void **state)
{
	char *argv[] = { "sleep", "30", NULL };
	struct proc_spawn_opts o = { .setsid = true, .stdout_fd = -1 };
	struct proc_id id, stranger;
	struct proc_stat st;
	pid_t pid;
	int status;

	assert_int_equal(proc_spawn("/bin/sleep", argv, &o, &pid), 0);
	assert_int_equal(proc_id_get(pid, &id), 0);
	assert_int_equal(id.pid, pid);
	assert_int_equal(id.session, pid);	/* setsid: it leads its session */
	assert_non_null(strstr(id.exe, "sleep"));
	assert_int_equal(proc_id_alive(&id, &st), 1);
	assert_int_equal(st.pid, pid);

	/* the same pid with another start time or exe is a stranger: untouched */
	stranger = id;
	stranger.start++;
	assert_int_equal(proc_id_alive(&stranger, NULL), 0);
	assert_int_equal(proc_id_signal(&stranger, SIGKILL), -ESRCH);
	stranger = id;
	strcpy(stranger.exe, "/usr/sbin/kamailio");
	assert_int_equal(proc_id_signal(&stranger, SIGKILL), -ESRCH);
	assert_int_equal(proc_session_signal(&stranger, SIGKILL), 0);
	assert_int_equal(proc_id_alive(&id, NULL), 1);

	/* stopped shows as state T */
	assert_int_equal(proc_id_signal(&id, SIGSTOP), 0);
	for (int i = 0; i < 100; i++) {
		assert_int_equal(proc_id_alive(&id, &st), 1);
		if (st.state == 'T')
			break;
		usleep(10000);
	}
	assert_int_equal(st.state, 'T');

	/* waiting is bounded while it lives */
	assert_int_equal(proc_id_wait_gone(&id, true, clock_now_ms() + 100), -ETIMEDOUT);
	int stopped = -1;
	assert_int_equal(proc_session_count(&id, &stopped), 1);
	assert_int_equal(stopped, 1);
	assert_int_equal(proc_session_signal(&id, SIGKILL), 1);
	assert_int_equal(proc_id_wait_gone(&id, true, clock_now_ms() + 5000), 0);
	assert_int_equal(proc_id_alive(&id, NULL), 0);
	assert_int_equal(proc_id_signal(&id, SIGTERM), -ESRCH);
	assert_int_equal(waitpid(pid, &status, WNOHANG), -1);	/* already reaped */
}

/* pidfd_open without pidfd_send_signal (valgrind 3.24, seccomp filters written before the
 * second): signalling still works, through kill after the identity check. A child process
 * installs a filter that answers ENOSYS to pidfd_send_signal, then kills the sleeper. */
static void signal_without_pidfd_send_signal(void **state)
{
	struct sock_filter code[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pidfd_send_signal, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(code) / sizeof(code[0]), .filter = code };
	char *argv[] = { "sleep", "30", NULL };
	struct proc_spawn_opts o = { .setsid = true, .stdout_fd = -1 };
	struct proc_id id;
	pid_t pid, child;
	int status, gone;

	(void)state;
	assert_int_equal(proc_spawn("/bin/sleep", argv, &o, &pid), 0);
	assert_int_equal(proc_id_get(pid, &id), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
			_exit(2);
		_exit(proc_id_signal(&id, SIGKILL) == 0 ? 0 : 1);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	gone = proc_id_wait_gone(&id, true, clock_now_ms() + 5000);
	if (gone != 0) {	/* leave no sleeper behind a failure */
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_int_equal(gone, 0);
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

/* With swallow_sigkill set, SIGKILL does nothing, as for a child in D state (NFS, a hung
 * disk) until it wakes. This kill overrides libc's for lib/core/proc.c too. */
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

/* Our Kamailio's session has ended and its number went to another instance's leader (same
 * exe, started later): the walk must leave that session alone. Simulated with a session
 * leader and a member forked from this test, and our record of "the leader that had this pid
 * before": the same pid and exe, an earlier start. */
static void reused_session_is_not_ours(void **state)
{
	struct proc_id ours, theirs;
	int p[2], status;
	char c;
	pid_t pid;

	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setsid();
		if (fork() == 0) {
			if (write(p[1], "x", 1) < 0)
				_exit(1);
			sleep(30);	/* bounded: killed below, else gone in 30 s */
			_exit(0);
		}
		sleep(30);
		_exit(0);
	}
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	assert_int_equal(proc_id_get(pid, &theirs), 0);
	ours = theirs;
	ours.start--;
	assert_int_equal(proc_session_count(&ours, NULL), 0);
	assert_int_equal(proc_session_signal(&ours, SIGKILL), 0);
	assert_int_equal(proc_session_count(&theirs, NULL), 2);
	assert_int_equal(proc_session_signal(&theirs, SIGKILL), 2);
	assert_int_equal(waitpid(pid, &status, 0), pid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(run_kill_wait_bounded),
		cmocka_unit_test(close_fds_fallback),
		cmocka_unit_test(reused_session_is_not_ours),
		cmocka_unit_test(stat_plain),
		cmocka_unit_test(stat_odd_comm),
		cmocka_unit_test(stat_rejects),
		cmocka_unit_test(stat_self),
		cmocka_unit_test(exe_is_by_text_or_inode),
		cmocka_unit_test(pidfile_parse),
		cmocka_unit_test(id_round_trip),
		cmocka_unit_test(spawn_identify_signal),
		cmocka_unit_test(signal_without_pidfd_send_signal),
		cmocka_unit_test(spawn_missing),
		cmocka_unit_test(run_captures),
		cmocka_unit_test(run_times_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
