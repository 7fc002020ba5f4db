/* tests/unit/test_kam_lifecycle.c: waiting for a started instance, ending a running one
 * (lib/kam/kam_lifecycle.c), with ordinary processes standing in for Kamailio. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/proc_id.h"
#include "core/proc_signal.h"
#include "core/proc_spawn.h"
#include "kam/kam_lifecycle.h"

/* Starts /bin/sh -c @script (NULL: /bin/sleep 30, without a shell, so that the exe recorded
 * is the one that runs) as a session leader and fills a RUNNING status for it. */
static pid_t start(const char *script, struct kam_status *s)
{
	char *sh[] = { (char *)"sh", (char *)"-c", (char *)script, NULL };
	char *sleep30[] = { (char *)"sleep", (char *)"30", NULL };
	struct proc_spawn_opts o = { .setsid = true, .stdout_fd = -1 };
	pid_t pid;

	assert_int_equal(proc_spawn(script ? "/bin/sh" : "/bin/sleep", script ? sh : sleep30, &o,
				    &pid), 0);
	memset(s, 0, sizeof(*s));
	s->state = KAM_RUNNING;
	assert_int_equal(proc_id_get(pid, &s->id), 0);
	return pid;
}

static void ends_with_sigterm(void **state)
{
	struct kam_status s;
	bool killed = true;
	int64_t now;

	start(NULL, &s);
	now = clock_now_ms();
	assert_int_equal(kam_end(&s, now + 3000, now + 5000, &killed), 0);
	assert_false(killed);
	assert_int_equal(proc_id_alive(&s.id, NULL), 0);
}

/* One that ignores SIGTERM gets SIGKILL once the SIGTERM part of the budget is over */
static void escalates_to_sigkill(void **state)
{
	struct kam_status s;
	bool killed = false;
	int64_t t0;

	start("trap '' TERM; while :; do sleep 1; done", &s);
	usleep(100000);	/* the trap is set */
	t0 = clock_now_ms();
	assert_int_equal(kam_end(&s, t0 + 300, t0 + 5000, &killed), 0);
	assert_true(killed);
	assert_true(clock_now_ms() - t0 >= 290);
	assert_int_equal(proc_id_alive(&s.id, NULL), 0);
}

/* A stopped one is continued, so that SIGTERM can act */
static void continues_a_stopped_one(void **state)
{
	struct kam_status s;
	bool killed = true;
	int64_t now;

	start(NULL, &s);
	assert_int_equal(proc_id_signal(&s.id, SIGSTOP), 0);
	s.state = KAM_STOPPED;
	now = clock_now_ms();
	assert_int_equal(kam_end(&s, now + 3000, now + 5000, &killed), 0);
	assert_false(killed);
}

static void await_sees_exit(void **state)
{
	char *argv[] = { (char *)"sh", (char *)"-c", (char *)"exit 3", NULL };
	struct proc_spawn_opts o = { .setsid = true, .stdout_fd = -1 };
	pid_t pid;
	int status = 0;

	assert_int_equal(proc_spawn("/bin/sh", argv, &o, &pid), 0);

	assert_int_equal(kam_await_rpc(pid, "/nonexistent/rpc.sock", "/tmp",
				       clock_now_ms() + 5000, &status), 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 3);
}

static void await_is_bounded(void **state)
{
	struct kam_status s;
	pid_t pid = start(NULL, &s);
	int64_t t0 = clock_now_ms();
	int status;

	assert_int_equal(kam_await_rpc(pid, "/nonexistent/rpc.sock", "/tmp", t0 + 300, &status),
			 -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 < 2000);
	assert_int_equal(kam_end(&s, clock_now_ms() + 2000, clock_now_ms() + 4000, NULL), 0);
	waitpid(pid, &status, WNOHANG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ends_with_sigterm),
		cmocka_unit_test(escalates_to_sigkill),
		cmocka_unit_test(continues_a_stopped_one),
		cmocka_unit_test(await_sees_exit),
		cmocka_unit_test(await_is_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
