/* tests/unit/test_proc_session.c: a session whose number went to another instance's leader is
 * not ours: neither counted nor signalled. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/proc_id.h"
#include "core/proc_session.h"

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
		cmocka_unit_test(reused_session_is_not_ours),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
