/* tests/unit/test_kamrpc.c: JSON-RPC replies as Kamailio 5.6 sends them, and the client's
 * round trip and bounded wait against a fake server socket. */
#include <dirent.h>
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/unit/fake_dgram.h"

#include "core/clock.h"
#include "kam/kamrpc.h"
#include "kam/kamrpc_parse.h"

/* verbatim from Kamailio 5.6.3 with jsonrpcs pretty_format=1 (tabs and newlines) */
static const char shmmem_reply[] =
	"{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t{\n\t\t\"total\":\t8388608,\n"
	"\t\t\"free\":\t5604920,\n\t\t\"used\":\t2541672,\n\t\t\"real_used\":\t2783688,\n"
	"\t\t\"max_used\":\t2783688,\n\t\t\"fragments\":\t1\n\t},\n\t\"id\":\t1\n}";

static const char pkg_reply[] =
	"{\"jsonrpc\":\"2.0\",\"result\":[{\"entry\":0,\"pid\":10354,\"rank\":0,"
	"\"used\":695432,\"free\":3120096,\"real_used\":1074208,\"total_size\":4194304,"
	"\"total_frags\":7,\"desc\":\"main process - attendant\"},"
	"{\"entry\":1,\"pid\":10355,\"rank\":1,\"used\":695624,\"free\":3119800,"
	"\"real_used\":3900000,\"total_size\":4194304,\"total_frags\":7,"
	"\"desc\":\"udp receiver child=0 sock=127.0.0.1:5068\"},"
	"{\"entry\":2,\"pid\":10356,\"rank\":2,\"used\":695616,\"free\":3120016,"
	"\"real_used\":1074288,\"total_size\":4194304,\"total_frags\":7,\"desc\":\"x\"}],"
	"\"id\":3}";

static const char stats_reply[] =
	"{\"jsonrpc\":\"2.0\",\"result\":[\"sl:1xx_replies = 0\", \"sl:500_replies = 17\","
	" \"sl:5xx_replies = 18\", \"registrar:accepted_regs = 4242\","
	" \"registrar:rejected_regs = 18\", \"usrloc:location_contacts = 4242\","
	" \"shmem:free_size = 5604920\"],\"id\":1}";

static const char error_reply[] =
	"{\"jsonrpc\":\"2.0\",\"error\":{\"code\":500,\"message\":\"Method Not Found\"},\"id\":1}";

static void shmmem_parses(void **state)
{
	struct kamrpc_shm s;

	assert_int_equal(kamrpc_parse_shmmem(shmmem_reply, strlen(shmmem_reply), &s), 0);
	assert_int_equal(s.total, 8388608);
	assert_int_equal(s.free, 5604920);
	assert_int_equal(s.used, 2541672);
	assert_int_equal(s.real_used, 2783688);
	assert_int_equal(s.max_used, 2783688);
	assert_int_equal(s.fragments, 1);
}

static void shmmem_rejects(void **state)
{
	static const char *bad[] = {
		"",
		"{",
		"[]",
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":1},\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":-1,\"free\":1,\"used\":1,"
		"\"real_used\":1,\"max_used\":1,\"fragments\":1},\"id\":1}",
		/* used above total: not a pool */
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":10,\"free\":1,\"used\":1,"
		"\"real_used\":11,\"max_used\":1,\"fragments\":1},\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":0,\"free\":0,\"used\":0,"
		"\"real_used\":0,\"max_used\":0,\"fragments\":0},\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[1,2],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":\"8x\",\"free\":1,\"used\":1,"
		"\"real_used\":1,\"max_used\":1,\"fragments\":1},\"id\":1}",
		/* trailing garbage after a complete object is not a reply */
		"{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1} trailing",
	};
	struct kamrpc_shm s;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(kamrpc_parse_shmmem(bad[i], strlen(bad[i]), &s), -EBADMSG);
	assert_int_equal(kamrpc_parse_shmmem(error_reply, strlen(error_reply), &s), -EREMOTEIO);
}

static void shmmem_accepts_strings(void **state)
{
	static const char r[] = "{\"jsonrpc\":\"2.0\",\"result\":{\"total\":\"100\",\"free\":\"40\","
				"\"used\":\"50\",\"real_used\":\"60\",\"max_used\":\"70\","
				"\"fragments\":\"2\"},\"id\":9}";
	struct kamrpc_shm s;

	assert_int_equal(kamrpc_parse_shmmem(r, strlen(r), &s), 0);
	assert_int_equal(s.total, 100);
	assert_int_equal(s.real_used, 60);
}

static void pkg_finds_fullest(void **state)
{
	struct kamrpc_pkg p;

	assert_int_equal(kamrpc_parse_pkg(pkg_reply, strlen(pkg_reply), &p), 0);
	assert_int_equal(p.nproc, 3);
	assert_int_equal(p.worst_pid, 10355);
	assert_int_equal(p.worst_real_used, 3900000);
	assert_int_equal(p.worst_total, 4194304);
	assert_string_equal(p.worst_desc, "udp receiver child=0 sock=127.0.0.1:5068");
}

static void pkg_rejects(void **state)
{
	static const char *bad[] = {
		"{\"jsonrpc\":\"2.0\",\"result\":[],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"pid\":1,\"real_used\":5,\"total_size\":4}],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"pid\":1,\"real_used\":5}],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[7],\"id\":1}",
	};
	struct kamrpc_pkg p;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(kamrpc_parse_pkg(bad[i], strlen(bad[i]), &p), -EBADMSG);
}

static void stats_counters(void **state)
{
	struct kamrpc_counter c[] = {
		{ .name = "registrar:accepted_regs" },
		{ .name = "registrar:rejected_regs" },
		{ .name = "sl:5xx_replies" },
		{ .name = "sl:5xx" },		/* a prefix of a name is not that name */
		{ .name = "tm:5xx_transactions" },	/* not in the reply */
	};

	assert_int_equal(kamrpc_parse_stats(stats_reply, strlen(stats_reply), c, 5), 0);
	assert_true(c[0].found);
	assert_int_equal(c[0].value, 4242);
	assert_true(c[1].found);
	assert_int_equal(c[1].value, 18);
	assert_true(c[2].found);
	assert_int_equal(c[2].value, 18);
	assert_false(c[3].found);
	assert_false(c[4].found);
}

static void stats_rejects(void **state)
{
	static const char *bad[] = {
		"{\"jsonrpc\":\"2.0\",\"result\":[\"sl:5xx_replies = x\"],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[\"sl:5xx_replies = -1\"],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[\"sl:5xx_replies 1\"],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[3],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":\"sl\",\"id\":1}",
	};
	struct kamrpc_counter c[] = { { .name = "sl:5xx_replies" } };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(kamrpc_parse_stats(bad[i], strlen(bad[i]), c, 1), -EBADMSG);
}

static void envelope_ids(void **state)
{
	char err[64];

	assert_int_equal(kamrpc_parse_reply(shmmem_reply, strlen(shmmem_reply), 1, NULL, 0), 0);
	assert_int_equal(kamrpc_parse_reply(shmmem_reply, strlen(shmmem_reply), 2, NULL, 0),
			 -ESTALE);
	assert_int_equal(kamrpc_parse_reply(error_reply, strlen(error_reply), 1, err, sizeof(err)),
			 -EREMOTEIO);
	assert_string_equal(err, "Method Not Found");
}

static void request_escapes(void **state)
{
	const char *params[] = { "sl:", "a\"b" };
	char *r = kamrpc_request("stats.get_statistics", params, 2, 7);

	assert_non_null(r);
	assert_string_equal(r, "{\"jsonrpc\":\"2.0\",\"method\":\"stats.get_statistics\","
			       "\"params\":[\"sl:\",\"a\\\"b\"],\"id\":7}");
	free(r);
}

/* A fake jsonrpcs: answers @n requests, first with a stale id, then echoing the real id. */
static pid_t fake_server(const char *path, int mode)
{
	int fd;
	pid_t pid = fake_dgram_fork(path, &fd);

	if (pid > 0)
		return pid;
	for (;;) {
		struct sockaddr_un from;
		socklen_t fl = sizeof(from);
		char buf[4096], out[512];
		ssize_t n = recvfrom(fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from, &fl);
		char *id;

		if (n <= 0)
			_exit(1);
		buf[n] = '\0';
		if (mode == 1)
			continue;	/* hung: never answers */
		id = strstr(buf, "\"id\":");
		if (!id)
			_exit(2);
		snprintf(out, sizeof(out), "{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":999}");
		sendto(fd, out, strlen(out), 0, (struct sockaddr *)&from, fl);
		snprintf(out, sizeof(out),
			 "{\"jsonrpc\":\"2.0\",\"result\":{\"total\":100,\"free\":40,\"used\":50,"
			 "\"real_used\":60,\"max_used\":70,\"fragments\":2},\"id\":%d}",
			 atoi(id + 5));
		sendto(fd, out, strlen(out), 0, (struct sockaddr *)&from, fl);
	}
}

static void round_trip(void **state)
{
	char dir[] = "/tmp/sipha-kamrpc-XXXXXX", srv[128];
	struct kamrpc k;
	struct kamrpc_shm s;
	const char *reply;
	int64_t t0;
	pid_t pid;
	int r, status;

	assert_non_null(mkdtemp(dir));
	snprintf(srv, sizeof(srv), "%s/kamailio_rpc.sock", dir);

	/* nobody listening: refused at once, not a wait */
	assert_int_equal(kamrpc_open(&k, srv, dir), 0);
	r = kamrpc_call(&k, "core.shmmem", NULL, 0, clock_now_ms() + 1000, &reply);
	assert_true(r == -ENOENT || r == -ECONNREFUSED);
	kamrpc_close(&k);

	pid = fake_server(srv, 0);
	assert_int_equal(kamrpc_open(&k, srv, dir), 0);
	for (int i = 0; i < 3; i++) {
		r = kamrpc_call(&k, "core.shmmem", NULL, 0, clock_now_ms() + 2000, &reply);
		assert_true(r > 0);
		assert_int_equal(kamrpc_parse_shmmem(reply, (size_t)r, &s), 0);
		assert_int_equal(s.real_used, 60);
	}
	kamrpc_close(&k);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);

	/* a server that never answers: the call ends at its deadline */
	pid = fake_server(srv, 1);
	assert_int_equal(kamrpc_open(&k, srv, dir), 0);
	t0 = clock_now_ms();
	r = kamrpc_call(&k, "core.shmmem", NULL, 0, t0 + 300, &reply);
	assert_int_equal(r, -ETIMEDOUT);
	assert_true(clock_now_ms() - t0 >= 290);
	assert_true(clock_now_ms() - t0 < 1000);
	kamrpc_close(&k);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);

	unlink(srv);
	assert_int_equal(rmdir(dir), 0);	/* the client removed its own socket */
}

/* What the kamailio user, who owns the directory, does around our bind: put a symlink to
 * @victim at the name just before bind (then bind must not follow it) or swap the fresh
 * socket for one just after (then nothing may act on the name through it). The test's own
 * bind overrides libc's for lib/kam/kamrpc.c too, so the race runs the same way every time. */
static const char *attack_victim;
static enum { ATTACK_NONE, ATTACK_BEFORE, ATTACK_AFTER } attack;

int bind(int fd, const struct sockaddr *sa, socklen_t len)
{
	const char *path = ((const struct sockaddr_un *)sa)->sun_path;
	int r;

	if (attack == ATTACK_BEFORE && strstr(path, "sipha-rpc."))
		assert_int_equal(symlink(attack_victim, path), 0);
	r = (int)syscall(SYS_bind, fd, sa, len);
	if (r == 0 && attack == ATTACK_AFTER && strstr(path, "sipha-rpc.")) {
		assert_int_equal(unlink(path), 0);
		assert_int_equal(symlink(attack_victim, path), 0);
	}
	return r;
}

static void victim_untouched(void **state)
{
	char dir[] = "/tmp/sipha-kamrpc-XXXXXX", victim[128], srv[128];
	struct kamrpc k;
	struct stat st;
	DIR *d;
	struct dirent *e;
	int fd, found = 0;

	assert_non_null(mkdtemp(dir));
	snprintf(victim, sizeof(victim), "%s.victim", dir);
	snprintf(srv, sizeof(srv), "%s/kamailio_rpc.sock", dir);
	fd = open(victim, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	close(fd);
	attack_victim = victim;

	/* no attack: the socket gets 0666 at creation (Kamailio may answer) */
	assert_int_equal(kamrpc_open(&k, srv, dir), 0);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, "sipha-rpc.", 10)) {
			assert_int_equal(fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW), 0);
			assert_true(S_ISSOCK(st.st_mode));
			assert_int_equal(st.st_mode & 07777, 0666);
			found++;
		}
	closedir(d);
	assert_int_equal(found, 1);
	kamrpc_close(&k);

	attack = ATTACK_BEFORE;
	assert_int_equal(kamrpc_open(&k, srv, dir), -EADDRINUSE);
	kamrpc_close(&k);
	attack = ATTACK_AFTER;
	assert_int_equal(kamrpc_open(&k, srv, dir), 0);
	kamrpc_close(&k);
	attack = ATTACK_NONE;

	assert_int_equal(stat(victim, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);
	assert_int_equal(unlink(victim), 0);
	/* whatever the attacks left */
	d = opendir(dir);
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	assert_int_equal(rmdir(dir), 0);
}

static void path_too_long(void **state)
{
	char longdir[200];
	struct kamrpc k;

	memset(longdir, 'a', sizeof(longdir) - 1);
	longdir[0] = '/';
	longdir[sizeof(longdir) - 1] = '\0';
	assert_int_equal(kamrpc_open(&k, "/tmp/x", longdir), -ENAMETOOLONG);
	kamrpc_close(&k);
	assert_int_equal(kamrpc_open(&k, longdir, "/tmp"), -ENAMETOOLONG);
	kamrpc_close(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shmmem_parses),
		cmocka_unit_test(shmmem_rejects),
		cmocka_unit_test(shmmem_accepts_strings),
		cmocka_unit_test(pkg_finds_fullest),
		cmocka_unit_test(pkg_rejects),
		cmocka_unit_test(stats_counters),
		cmocka_unit_test(stats_rejects),
		cmocka_unit_test(envelope_ids),
		cmocka_unit_test(request_escapes),
		cmocka_unit_test(round_trip),
		cmocka_unit_test(path_too_long),
		cmocka_unit_test(victim_untouched),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
