/* tests/unit/test_kam_instance.c: an instance's files, and its state from our record. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "kam/kam_instance.h"

static char dir[] = "/tmp/test_kam_instance.XXXXXX";

static void paths(void **state)
{
	struct kam_paths p;

	(void)state;
	snprintf(p.prefix, sizeof(p.prefix), "/var/lib/sipha/kam1");
	kam_paths_fill(&p, "/run/kam", NULL);
	assert_string_equal(p.id, "/var/lib/sipha/kam1.kamailio.id");
	assert_string_equal(p.startlog, "/var/lib/sipha/kam1.kamailio.log");
	assert_string_equal(p.pidfile, "/var/lib/sipha/kam1.kamailio.pid");
	assert_string_equal(p.other_pidfile, "/run/kam/kamailio.pid");
	assert_string_equal(p.rpc, "/run/kam/kamailio_rpc.sock");
	kam_paths_fill(&p, "/run/kam", "");
	assert_string_equal(p.rpc, "/run/kam/kamailio_rpc.sock");
	kam_paths_fill(&p, "/run/kam", "/run/other.sock");
	assert_string_equal(p.rpc, "/run/other.sock");
}

static void status_and_forget(void **state)
{
	struct kam_paths p;
	struct kam_status s;
	struct proc_id me, gone;
	FILE *f;
	pid_t pid;
	int st, sync[2];
	char c;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(p.prefix, sizeof(p.prefix), "%s/inst", dir);
	kam_paths_fill(&p, dir, NULL);

	/* no record: gone */
	assert_int_equal(kam_status(&p, &s), 0);
	assert_int_equal(s.state, KAM_GONE);

	/* our own process: running */
	assert_int_equal(proc_id_get(getpid(), &me), 0);
	assert_int_equal(proc_id_save(p.id, &me), 0);
	assert_int_equal(kam_status(&p, &s), 0);
	assert_int_equal(s.state, KAM_RUNNING);
	assert_int_equal(s.id.pid, getpid());
	assert_int_equal(s.stopped, 0);

	/* a child (in a session of its own, as Kamailio is) that exited and was reaped: gone */
	assert_int_equal(pipe(sync), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setsid();
		close(sync[1]);
		pause();
		_exit(0);
	}
	close(sync[1]);
	assert_int_equal(read(sync[0], &c, 1), 0);
	close(sync[0]);
	assert_int_equal(proc_id_get(pid, &gone), 0);
	kill(pid, SIGKILL);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(proc_id_save(p.id, &gone), 0);
	assert_int_equal(kam_status(&p, &s), 0);
	assert_int_equal(s.state, KAM_GONE);

	/* forget: the record goes; Kamailio's pidfile only when it names the process */
	f = fopen(p.pidfile, "w");
	assert_non_null(f);
	fprintf(f, "%d\n", (int)getpid());
	fclose(f);
	kam_forget(&p, &gone);
	assert_int_equal(access(p.id, F_OK), -1);
	assert_int_equal(access(p.pidfile, F_OK), 0);
	assert_int_equal(proc_id_save(p.id, &me), 0);
	kam_forget(&p, &me);
	assert_int_equal(access(p.id, F_OK), -1);
	assert_int_equal(access(p.pidfile, F_OK), -1);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paths),
		cmocka_unit_test(status_and_forget),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
