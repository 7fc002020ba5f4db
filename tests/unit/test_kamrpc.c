/* tests/unit/test_kamrpc.c: the client's round trip and bounded wait against a fake server
 * socket, and its reply socket against the directory owner's symlink tricks. The replies
 * themselves are tests/unit/test_kamrpc_parse.c. */
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
		/* the kernel named the sender */
		assert_int_equal(k.peer_pid, pid);
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
		cmocka_unit_test(round_trip),
		cmocka_unit_test(path_too_long),
		cmocka_unit_test(victim_untouched),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
