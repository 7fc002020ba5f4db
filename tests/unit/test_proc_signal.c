/* tests/unit/test_proc_signal.c: signalling real processes only while they are still the
 * ones recorded (strangers with our pid untouched), with and without pidfd_send_signal; the
 * session count and the bounded wait of core/proc_wait.h on the same spawned process. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <string.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/clock.h"
#include "core/proc_id.h"
#include "core/proc_session.h"
#include "core/proc_signal.h"
#include "core/proc_spawn.h"
#include "core/proc_wait.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spawn_identify_signal),
		cmocka_unit_test(signal_without_pidfd_send_signal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
