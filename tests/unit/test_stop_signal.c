/* tests/unit/test_stop_signal.c: SIGTERM and SIGINT set the flag instead of ending the process,
 * and a blocking call they interrupt returns early (no SA_RESTART). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/stop_signal.h"

static void flag_set_by_each(void **state)
{
	volatile sig_atomic_t *stop = stop_signal_catch();

	assert_int_equal(*stop, 0);
	assert_int_equal(raise(SIGTERM), 0);
	assert_int_equal(*stop, 1);
	*stop = 0;
	assert_int_equal(raise(SIGINT), 0);
	assert_int_equal(*stop, 1);
	assert_ptr_equal(stop_signal_catch(), stop);
}

static void interrupts_a_wait(void **state)
{
	volatile sig_atomic_t *stop = stop_signal_catch();
	int fds[2], err;
	ssize_t r;
	pid_t pid;
	char c;

	*stop = 0;
	assert_int_equal(pipe(fds), 0);
	/* a read that would block forever: the child's SIGTERMs must end it with EINTR. It keeps
	 * sending (the first may come before the read starts), and after 5 s writes a byte, so
	 * that a broken handler fails the test instead of hanging it */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		for (int i = 0; i < 100; i++) {
			usleep(50 * 1000);
			kill(getppid(), SIGTERM);
		}
		_exit(write(fds[1], "x", 1) == 1 ? 0 : 1);
	}
	r = read(fds[0], &c, 1);
	err = errno;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	assert_int_equal(r, -1);
	assert_int_equal(err, EINTR);
	assert_int_equal(*stop, 1);
	close(fds[0]);
	close(fds[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(flag_set_by_each),
		cmocka_unit_test(interrupts_a_wait),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
