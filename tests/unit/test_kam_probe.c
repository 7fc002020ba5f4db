/* tests/unit/test_kam_probe.c: which targets are probed, and where a probe stops, against a
 * fake SIP server on loopback. */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/clock.h"
#include "kam/kam_probe.h"
#include "tests/unit/fake_sip.h"

static void target_text(const char *in, const char *want)
{
	struct sip_target t;
	char buf[64];

	assert_int_equal(kam_probe_target_parse(in, &t), 0);
	assert_true(sip_target_format(&t, buf, sizeof(buf)) > 0);
	assert_string_equal(buf, want);
}

static void wildcards_on_loopback(void **state)
{
	struct sip_target t;

	(void)state;
	target_text("udp:*:5060", "udp:127.0.0.1:5060");
	target_text("tcp:0.0.0.0:5070", "tcp:127.0.0.1:5070");
	target_text("udp:[::]:5060", "udp:[::1]:5060");
	target_text("tls:192.0.2.1:5061", "tls:192.0.2.1:5061");
	assert_true(kam_probe_target_parse("sctp:127.0.0.1:5060", &t) < 0);
	assert_true(kam_probe_target_parse("udp:sip.example.org:5060", &t) < 0);
}

static void local_targets_only(void **state)
{
	char *items[] = { "udp:127.0.0.1:5060", "sctp:127.0.0.1:5060", "udp:198.51.100.7:5060",
			  "tcp:203.0.113.7:5060" };
	struct kam_probe_set s;

	(void)state;
	kam_probe_targets(items, 4, clock_now_ms() + 2000, &s);
	assert_int_equal(s.err, 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.text[0], "udp:127.0.0.1:5060");
	assert_int_equal(s.n_foreign, 2);
	assert_string_equal(s.foreign, "udp:198.51.100.7:5060");
	assert_int_equal(s.n_skipped, 3);
	assert_string_equal(s.skipped[0].item, "sctp:127.0.0.1:5060");
	assert_false(s.skipped[0].foreign);
	assert_true(s.skipped[1].foreign);
	/* nothing listed: udp and tcp on 127.0.0.1:5060 */
	kam_probe_targets(NULL, 0, clock_now_ms() + 2000, &s);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.text[0], "udp:127.0.0.1:5060");
	assert_string_equal(s.text[1], "tcp:127.0.0.1:5060");
}

/* A UDP server that answers the n-th request with codes[n] (0: no answer). */
struct server {
	int fd;
	int codes[4];
	char target[64];
	pthread_t thread;
};

static void *serve(void *arg)
{
	struct server *s = arg;
	char req[4096], resp[4096], status[32];

	for (int i = 0; i < 4; i++) {
		struct sockaddr_storage peer;
		socklen_t plen = sizeof(peer);
		ssize_t n = recvfrom(s->fd, req, sizeof(req) - 1, 0, (struct sockaddr *)&peer,
				     &plen);

		if (n <= 0)
			break;
		req[n] = '\0';
		if (!s->codes[i])
			continue;
		snprintf(status, sizeof(status), "%d Fake", s->codes[i]);
		make_response(req, status, NULL, resp, sizeof(resp));
		sendto(s->fd, resp, strlen(resp), 0, (struct sockaddr *)&peer, plen);
	}
	return NULL;
}

static void server_start(struct server *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);

	s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(s->fd >= 0);
	setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &(struct timeval){ .tv_sec = 10 },
		   sizeof(struct timeval));
	assert_int_equal(bind(s->fd, (struct sockaddr *)&a, len), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&a, &len), 0);
	snprintf(s->target, sizeof(s->target), "udp:127.0.0.1:%u", ntohs(a.sin_port));
	assert_int_equal(pthread_create(&s->thread, NULL, serve, s), 0);
}

static void server_stop(struct server *s)
{
	shutdown(s->fd, SHUT_RDWR);
	pthread_join(s->thread, NULL);
	close(s->fd);
}

static int probe(const int codes[4], bool reg, struct kam_probe_result *res)
{
	struct server srv = { .codes = { codes[0], codes[1], codes[2], codes[3] } };
	struct kam_probe_opts o = { .reg = reg, .req.user = "sipha-probe", .timeout_ms = 300,
				    .deadline = clock_now_ms() + 5000 };
	char *items[1] = { srv.target };
	struct kam_probe_set s;
	int r;

	server_start(&srv);
	kam_probe_targets(items, 1, clock_now_ms() + 2000, &s);
	assert_int_equal(s.n, 1);
	r = kam_probe_run(&s, &o, res);
	server_stop(&srv);
	return r;
}

static void where_it_stops(void **state)
{
	struct kam_probe_result res;

	(void)state;
	/* depth 10: OPTIONS only */
	assert_int_equal(probe((int[4]){ 200 }, false, &res), 0);
	assert_int_equal(res.n_options, 1);
	assert_int_equal(res.options[0].code, 200);
	assert_int_equal(probe((int[4]){ 404 }, false, &res), 1);
	assert_int_equal(res.step, KAM_PROBE_OPTIONS);
	assert_int_equal(res.rep.code, 404);
	assert_int_equal(res.n_options, 0);
	assert_int_equal(probe((int[4]){ 0 }, false, &res), -ETIMEDOUT);
	assert_int_equal(res.step, KAM_PROBE_OPTIONS);
	/* depth 20: REGISTER, then un-REGISTER */
	assert_int_equal(probe((int[4]){ 200, 200, 200 }, true, &res), 0);
	assert_int_equal(probe((int[4]){ 200, 503 }, true, &res), 1);
	assert_int_equal(res.step, KAM_PROBE_REGISTER);
	assert_int_equal(res.target, 0);
	assert_int_equal(res.rep.code, 503);
	assert_int_equal(probe((int[4]){ 200, 200, 403 }, true, &res), 1);
	assert_int_equal(res.step, KAM_PROBE_UNREGISTER);
	assert_int_equal(res.rep.code, 403);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wildcards_on_loopback),
		cmocka_unit_test(local_targets_only),
		cmocka_unit_test(where_it_stops),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
