/* tests/unit/test_health_kam.c: a health sample against a fake jsonrpcs that answers like
 * Kamailio 5.6: figures, counters between samples, the trend, contacts and the DMQ bus, and
 * which call failed. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/unit/fake_dgram.h"

#include "core/clock.h"
#include "kam/health_kam.h"

struct fixture {
	char dir[64];
	char sock[128];
	char prefix[128];
	pid_t server;
};

/* Answers core.shmmem with used = 1000 KiB + 100 KiB per request seen so far, pkg.stats,
 * registrar counters that grow by 10 accepted and 2 rejected per request, 4000 + the request
 * count as usrloc:location_contacts when the usrloc: group is asked for, and dmq.list_nodes as
 * Kamailio 5.6.3 with the example (one peer active, one pending); mode 1: a Kamailio without
 * dmq and usrloc (errors for pkg.stats and dmq.list_nodes, no usrloc: group); mode 2: never
 * answers. */
static pid_t fake(const char *path, int mode)
{
	int fd;
	pid_t pid = fake_dgram_fork(path, &fd);
	unsigned n = 0;

	if (pid > 0)
		return pid;
	for (;;) {
		struct sockaddr_un from;
		socklen_t fl = sizeof(from);
		char buf[2048], out[2048];
		ssize_t r = recvfrom(fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fl);
		const char *id;

		if (r <= 0)
			_exit(1);
		buf[r] = '\0';
		if (mode == 2)
			continue;
		id = strstr(buf, "\"id\":");
		if (strstr(buf, "core.shmmem")) {
			/* in KiB when asked as the agent asks ("params":["k"]), as Kamailio */
			unsigned long used = 1024000 + 102400UL * n++, total = 8388608;
			unsigned long u = strstr(buf, "[\"k\"]") ? 1024 : 1;

			snprintf(out, sizeof(out),
				 "{\"jsonrpc\":\"2.0\",\"result\":{\"total\":%lu,\"free\":%lu,"
				 "\"used\":%lu,\"real_used\":%lu,\"max_used\":%lu,\"fragments\":1},"
				 "\"id\":%d}", total / u, (total - used) / u, used / u, used / u,
				 used / u, atoi(id + 5));
		} else if ((strstr(buf, "pkg.stats") || strstr(buf, "dmq.list_nodes")) &&
			   mode == 1) {
			snprintf(out, sizeof(out), "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":500,"
				 "\"message\":\"Method Not Found\"},\"id\":%d}", atoi(id + 5));
		} else if (strstr(buf, "pkg.stats")) {
			snprintf(out, sizeof(out),
				 "{\"jsonrpc\":\"2.0\",\"result\":[{\"entry\":0,\"pid\":10,\"rank\":0,"
				 "\"used\":1,\"free\":1,\"real_used\":2097152,\"total_size\":4194304,"
				 "\"total_frags\":1,\"desc\":\"main\"}],\"id\":%d}", atoi(id + 5));
		} else if (strstr(buf, "dmq.list_nodes")) {
			snprintf(out, sizeof(out),
				 "{\"jsonrpc\":\"2.0\",\"result\":[{\"host\":\"127.0.0.1\","
				 "\"port\":\"5092\",\"proto\":\"*\",\"resolved_ip\":\"127.0.0.1\","
				 "\"status\":\"pending\",\"last_notification\":0,\"local\":0},"
				 "{\"host\":\"127.0.0.1\",\"port\":\"5091\",\"proto\":\"*\","
				 "\"resolved_ip\":\"127.0.0.1\",\"status\":\"active\","
				 "\"last_notification\":0,\"local\":0},{\"host\":\"127.0.0.1\","
				 "\"port\":\"5090\",\"proto\":\"*\",\"resolved_ip\":\"127.0.0.1\","
				 "\"status\":\"active\",\"last_notification\":0,\"local\":1}],"
				 "\"id\":%d}", atoi(id + 5));
		} else {
			char usrloc[64] = "";

			if (mode == 0 && strstr(buf, "\"usrloc:\""))
				snprintf(usrloc, sizeof(usrloc),
					 ",\"usrloc:location_contacts = %u\"", 4000 + n);
			snprintf(out, sizeof(out),
				 "{\"jsonrpc\":\"2.0\",\"result\":["
				 "\"registrar:accepted_regs = %u\","
				 "\"registrar:rejected_regs = %u\",\"sl:200_replies = 5\"%s],"
				 "\"id\":%d}", 10 * n, 2 * n, usrloc, atoi(id + 5));
		}
		sendto(fd, out, strlen(out), 0, (struct sockaddr *)&from, fl);
	}
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	strcpy(f->dir, "/tmp/sipha-hkam-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->sock, sizeof(f->sock), "%s/kamailio_rpc.sock", f->dir);
	snprintf(f->prefix, sizeof(f->prefix), "%s/inst", f->dir);
	f->server = -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[256];
	int status;

	if (f->server > 0) {
		kill(f->server, SIGKILL);
		waitpid(f->server, &status, 0);
	}
	health_kam_reset(f->prefix);
	unlink(f->sock);
	snprintf(cmd, sizeof(cmd), "%s", f->dir);
	assert_int_equal(rmdir(cmd), 0);	/* nothing else left behind */
	free(f);
	return 0;
}

static struct health_kam_opts opts(struct fixture *f, int64_t now)
{
	struct health_kam_opts o = {
		.rpc_socket = f->sock, .client_dir = f->dir, .state_prefix = f->prefix,
		.window_ms = 600000, .min_samples = 3, .now_ms = now,
	};
	return o;
}

static void samples_trend_counters(void **state)
{
	struct fixture *f = *state;
	struct health_input in;
	struct health_kam_error e;
	int64_t t = 1000000;

	f->server = fake(f->sock, 0);
	for (int i = 0; i < 4; i++) {
		struct health_kam_opts o = opts(f, t + i * 10000);

		assert_int_equal(health_kam_sample(&o, clock_now_ms() + 2000, &in, &e), 0);
		assert_int_equal(in.shm.total, 8388608);
		assert_int_equal(in.shm.real_used, 1024000 + 102400 * i);
		assert_true(in.have_pkg);
		assert_int_equal(in.pkg.worst_real_used, 2097152);
		if (i == 0) {
			/* first sample: no previous counters, no trend */
			assert_int_equal(in.reg_ok + in.reg_fail, 0);
			assert_false(in.have_exhaust);
		} else {
			assert_int_equal(in.reg_ok, 10);
			assert_int_equal(in.reg_fail, 2);
		}
		/* the table's size as it is now (i + 1 core.shmmem calls so far) */
		assert_true(in.have_contacts);
		assert_int_equal(in.contacts, 4000 + i + 1);
		assert_true(in.have_dmq);
		assert_int_equal(in.dmq.nodes, 3);
		assert_int_equal(in.dmq.active_peers, 1);
		assert_int_equal(in.dmq.other_peers, 1);
		if (i < 2)
			assert_false(in.have_exhaust);
	}
	/* 100 KiB per 10 s = 10240 B/s; 8388608 - 1331200 bytes left */
	assert_true(in.have_exhaust);
	assert_true(in.slope > 10239 && in.slope < 10241);
	assert_true(in.exhaust_s > 688 && in.exhaust_s < 690);

	/* a restart forgets trend and counters */
	health_kam_reset(f->prefix);
	struct health_kam_opts o = opts(f, t + 50000);
	assert_int_equal(health_kam_sample(&o, clock_now_ms() + 2000, &in, &e), 0);
	assert_false(in.have_exhaust);
	assert_int_equal(in.reg_ok + in.reg_fail, 0);
}

/* The answer must come from our Kamailio's session: the fake server is a child of this test,
 * in its session; any other session refuses it, naming the sender. */
static void answered_by_another_session(void **state)
{
	struct fixture *f = *state;
	struct health_kam_opts o = opts(f, 5000);
	struct health_input in;
	struct health_kam_error e;

	f->server = fake(f->sock, 0);
	o.session = getsid(0);
	assert_int_equal(health_kam_sample(&o, clock_now_ms() + 2000, &in, &e), 0);
	o.session = getsid(0) + 1;
	assert_int_equal(health_kam_sample(&o, clock_now_ms() + 2000, &in, &e), -EXDEV);
	assert_string_equal(e.method, "core.shmmem");
	assert_int_equal(e.peer_pid, f->server);
	assert_int_equal(e.peer_session, getsid(0));
}

static void optional_calls(void **state)
{
	struct fixture *f = *state;
	struct health_kam_opts o = opts(f, 5000);
	struct health_input in;
	struct health_kam_error e;

	f->server = fake(f->sock, 1);
	assert_int_equal(health_kam_sample(&o, clock_now_ms() + 2000, &in, &e), 0);
	assert_false(in.have_pkg);		/* pkg.stats failed: best effort */
	assert_int_equal(in.shm.real_used, 1024000);
	/* no usrloc: group in the reply, dmq.list_nodes "Method Not Found" */
	assert_false(in.have_contacts);
	assert_false(in.have_dmq);
	assert_int_equal(in.dmq.nodes, 0);
	/* and neither is an error of the sample */
	assert_null(e.method);
	assert_int_equal(e.err, 0);
}

static void errors_named(void **state)
{
	struct fixture *f = *state;
	struct health_kam_opts o = opts(f, 5000);
	struct health_input in;
	struct health_kam_error e;
	int64_t t0;

	/* nobody there */
	assert_int_equal(health_kam_sample(&o, clock_now_ms() + 2000, &in, &e), -ENOENT);
	assert_string_equal(e.method, "core.shmmem");
	assert_int_equal(e.err, -ENOENT);

	/* hung: bounded by the deadline */
	f->server = fake(f->sock, 2);
	t0 = clock_now_ms();
	assert_int_equal(health_kam_sample(&o, t0 + 300, &in, &e), -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 < 1000);
	assert_string_equal(e.method, "core.shmmem");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(samples_trend_counters, setup, teardown),
		cmocka_unit_test_setup_teardown(answered_by_another_session, setup, teardown),
		cmocka_unit_test_setup_teardown(optional_calls, setup, teardown),
		cmocka_unit_test_setup_teardown(errors_named, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
