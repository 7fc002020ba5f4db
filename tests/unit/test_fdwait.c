/* tests/unit/test_fdwait.c: waiting for a descriptor until a deadline (lib/core/fdwait.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/fdwait.h"

static void ready_now(void **state)
{
	int p[2];

	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(fd_wait(p[0], POLLIN, clock_now_ms() + 1000), 0);
	/* at a deadline already passed it still looks once */
	assert_int_equal(fd_wait(p[0], POLLIN, clock_now_ms() - 10), 0);
	assert_int_equal(fd_wait(p[1], POLLOUT, clock_now_ms()), 0);
	close(p[0]);
	close(p[1]);
}

static void times_out(void **state)
{
	int p[2];
	int64_t t0 = clock_now_ms();

	assert_int_equal(pipe(p), 0);
	assert_int_equal(fd_wait(p[0], POLLIN, t0 + 100), -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 >= 90);
	assert_true(clock_now_ms() - t0 < 1000);
	close(p[0]);
	close(p[1]);
}

static void on_alarm(int sig)
{
	(void)sig;
}

/* A signal in the middle does not end the wait early */
static void signal_does_not_end_it(void **state)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { .it_value = { .tv_usec = 50000 } };
	int p[2];
	int64_t t0 = clock_now_ms();

	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
	assert_int_equal(fd_wait(p[0], POLLIN, t0 + 300), -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 >= 290);
	close(p[0]);
	close(p[1]);
}

static void bad_fd(void **state)
{
	/* poll reports a closed number as POLLNVAL: the wait ends for the read to fail */
	assert_int_equal(fd_wait(1000, POLLIN, clock_now_ms() + 1000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ready_now),
		cmocka_unit_test(times_out),
		cmocka_unit_test(signal_does_not_end_it),
		cmocka_unit_test(bad_fd),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
