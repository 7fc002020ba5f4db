/* tests/unit/test_sip.c: lib/sip/sip.c: target parsing, and OPTIONS/REGISTER transactions against
 * scripted fake servers on loopback (retransmission, matching, TCP framing, digest retry,
 * bounded failures). */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/clock.h"
#include "tests/unit/fake_sip.h"
#include "sip/digest.h"
#include "sip/sip.h"

static uint16_t target_port(const struct sip_target *t)
{
	if (t->addr.ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)&t->addr)->sin6_port);
	return ntohs(((const struct sockaddr_in *)&t->addr)->sin_port);
}

static void target_good(void **state)
{
	static const struct {
		const char *text, *formatted;
		enum sip_transport tr;
		int family;
		uint16_t port;
	} cases[] = {
		{ "udp:192.0.2.1:5060", "udp:192.0.2.1:5060", SIP_UDP, AF_INET, 5060 },
		{ "tcp:[2001:db8::1]:5061", "tcp:[2001:db8::1]:5061", SIP_TCP, AF_INET6, 5061 },
		{ "udp:127.0.0.1", "udp:127.0.0.1:5060", SIP_UDP, AF_INET, 5060 },
		{ "TCP:[::1]", "tcp:[::1]:5060", SIP_TCP, AF_INET6, 5060 },
		{ "udp:::1", "udp:[::1]:5060", SIP_UDP, AF_INET6, 5060 },
		{ "udp:2001:db8::5", "udp:[2001:db8::5]:5060", SIP_UDP, AF_INET6, 5060 },
		{ "  tcp:198.51.100.9:65535 ", "tcp:198.51.100.9:65535", SIP_TCP, AF_INET, 65535 },
		{ "udp:[::ffff:192.0.2.1]:1", "udp:[::ffff:192.0.2.1]:1", SIP_UDP, AF_INET6, 1 },
		{ "tls:192.0.2.1:5071", "tls:192.0.2.1:5071", SIP_TLS, AF_INET, 5071 },
		{ "TLS:[2001:db8::1]", "tls:[2001:db8::1]:5061", SIP_TLS, AF_INET6, 5061 },
	};
	char buf[80];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sip_target t;

		if (sip_target_parse(cases[i].text, &t) != 0)
			fail_msg("refused: %s", cases[i].text);
		assert_int_equal(t.transport, cases[i].tr);
		assert_int_equal(t.addr.ss_family, cases[i].family);
		assert_int_equal(t.addrlen, cases[i].family == AF_INET ? sizeof(struct sockaddr_in)
								   : sizeof(struct sockaddr_in6));
		assert_int_equal(target_port(&t), cases[i].port);
		assert_int_equal(sip_target_format(&t, buf, sizeof(buf)),
				 (int)strlen(cases[i].formatted));
		assert_string_equal(buf, cases[i].formatted);
	}
	{
		struct sip_target t;

		assert_int_equal(sip_target_set(&t, SIP_TCP, "2001:db8::2", 5070), 0);
		assert_int_equal(sip_target_format(&t, buf, sizeof(buf)), 22);
		assert_string_equal(buf, "tcp:[2001:db8::2]:5070");
		assert_int_equal(sip_target_format(&t, buf, 22), -ENOSPC);
		assert_int_equal(sip_target_set(&t, SIP_TCP, "host.example", 5070), -EINVAL);
		assert_int_equal(sip_target_set(&t, SIP_TCP, "192.0.2.1", 0), -EINVAL);
	}
}

static void target_bad(void **state)
{
	static const char *const bad[] = {
		"", "udp", "udp:", "192.0.2.1:5060", "udp192.0.2.1", "xyz:192.0.2.1",
		"udp:192.0.2.1:", "udp:192.0.2.1:0", "udp:192.0.2.1:65536", "udp:192.0.2.1:50a",
		"udp:192.0.2.1:-1", "udp:192.0.2.1:+5", "udp:192.0.2.1:123456",
		"udp:192.0.2", "udp:192.0.2.256", "udp:host.example:5060", "udp:eth0:5060",
		"udp:[::1", "udp:[::1]5060", "udp:[::1]:", "udp:[192.0.2.1]:5060", "udp:[]:5060",
		"udp:::1:5060x", "udp:[::1]:5060:1", "udp:1.2.3.4 :5060", "udp:*:5060",
		"udp:192.0.2.1:5060 advertise 1.2.3.4:5060",
		"udp:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	struct sip_target t = { .addrlen = 123 };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (sip_target_parse(bad[i], &t) != -EINVAL)
			fail_msg("accepted: \"%s\"", bad[i]);
	assert_int_equal(sip_target_parse("sctp:192.0.2.1", &t), -EPROTONOSUPPORT);
	assert_int_equal(sip_target_parse("WSS:[::1]:443", &t), -EPROTONOSUPPORT);
	assert_int_equal(sip_target_parse(NULL, &t), -EINVAL);
	/* nothing written on failure */
	assert_int_equal(t.addrlen, 123);
}

/* A scripted fake SIP server on loopback, run in a thread. */
enum script {
	S_DROP2_THEN_200,	/* UDP: ignore two transmissions, answer the third */
	S_NOISE_THEN_200,	/* UDP: junk, a stray reply, 100 Trying, then 200 */
	S_SILENT,		/* read requests, never answer */
	S_TCP_FRAGMENTS,	/* TCP: reply in pieces, with keepalive CRLFs and a second message */
	S_TCP_CLOSE,		/* TCP: accept and close */
	S_TCP_JUNK,		/* TCP: answer HTTP */
	S_AUTH,			/* 401 with a challenge, then 200 if the response is right */
	S_AUTH_STALE,		/* 401, 401 stale=true, then check and 200 */
	S_AUTH_ALWAYS,		/* 401 to everything */
	S_PROXY_AUTH,		/* 407, then 200 */
};

struct server {
	enum script script;
	int type, family;
	int fd;
	struct sip_target target;
	pthread_t thread;
	/* results, read after join */
	int requests;
	char last[4096];
	bool auth_ok;
};

static const char challenge[] =
	"WWW-Authenticate: Digest realm=\"sipha\", nonce=\"n0nce\", qop=\"auth\", "
	"opaque=\"op\"\r\nServer: fake\r\n";
static const char stale_challenge[] =
	"WWW-Authenticate: Digest realm=\"sipha\", nonce=\"n1nce\", qop=\"auth\", "
	"stale=true\r\nServer: fake\r\n";

/* Checks the Authorization in @req against user alice, password secret: recomputes the digest
 * from the request's own fields. */
static bool check_auth(const char *req, const char *hdr, const char *nonce)
{
	struct digest_challenge c = { .realm = "sipha", .qop_auth = true, .algo = DIGEST_MD5 };
	char want[DIGEST_HEX_MAX], cnonce[64] = "", resp[80] = "", uri[128] = "";
	const char *a = strstr(req, hdr), *p;

	if (!a)
		return false;
	snprintf(c.nonce, sizeof(c.nonce), "%s", nonce);
	if ((p = strstr(a, "cnonce=\"")))
		sscanf(p + 8, "%63[^\"]", cnonce);
	if ((p = strstr(a, "response=\"")))
		sscanf(p + 10, "%79[^\"]", resp);
	if ((p = strstr(a, "uri=\"")))
		sscanf(p + 5, "%127[^\"]", uri);
	if (!strstr(a, "nc=00000001") || !strstr(a, "username=\"alice\""))
		return false;
	if (digest_response(&c, "alice", "secret", "REGISTER", uri, cnonce, 1, want) < 0)
		return false;
	/* the digest uri is the request's R-URI */
	return strcmp(resp, want) == 0 && strncmp(req + 9, uri, strlen(uri)) == 0;
}

static void answer(struct server *s, int fd, const struct sockaddr *peer, socklen_t plen,
		   const char *text)
{
	sendto(fd, text, strlen(text), MSG_NOSIGNAL, peer, plen);
}

static void *udp_server(void *arg)
{
	struct server *s = arg;
	struct sockaddr_storage peer;
	char resp[4096];

	for (;;) {
		socklen_t plen = sizeof(peer);
		ssize_t n = recvfrom(s->fd, s->last, sizeof(s->last) - 1, 0,
				     (struct sockaddr *)&peer, &plen);
		const struct sockaddr *pa = (const struct sockaddr *)&peer;

		if (n <= 0)
			break;
		s->last[n] = '\0';
		s->requests++;
		switch (s->script) {
		case S_DROP2_THEN_200:
			if (s->requests < 3)
				continue;
			make_response(s->last, "200 OK", NULL, resp, sizeof(resp));
			answer(s, s->fd, pa, plen, resp);
			return NULL;
		case S_NOISE_THEN_200:
			answer(s, s->fd, pa, plen, "garbage\r\n\r\n");
			answer(s, s->fd, pa, plen,
			       "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP x;branch=z9hG4bKstray\r\n"
			       "Call-ID: stray\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
			make_response(s->last, "100 Trying", NULL, resp, sizeof(resp));
			answer(s, s->fd, pa, plen, resp);
			make_response(s->last, "200 Fine", "Server: fake\x01srv\r\n", resp,
				      sizeof(resp));
			answer(s, s->fd, pa, plen, resp);
			return NULL;
		case S_SILENT:
			continue;
		case S_AUTH:
		case S_PROXY_AUTH:
			if (s->requests == 1) {
				make_response(s->last,
					      s->script == S_AUTH ? "401 Unauthorized"
								  : "407 Proxy Auth",
					      s->script == S_AUTH ? challenge
								  : "Proxy-Authenticate: Digest "
								    "realm=\"sipha\", nonce=\"n0nce\", "
								    "qop=\"auth\"\r\n",
					      resp, sizeof(resp));
			} else {
				s->auth_ok = check_auth(s->last,
							s->script == S_AUTH
								? "\r\nAuthorization: Digest "
								: "\r\nProxy-Authorization: Digest ",
							"n0nce");
				make_response(s->last, s->auth_ok ? "200 OK" : "403 Forbidden",
					      "Contact: <sip:probe@127.0.0.1>;expires=60, "
					      "<sip:other@192.0.2.1>;expires=10\r\n",
					      resp, sizeof(resp));
			}
			answer(s, s->fd, pa, plen, resp);
			if (s->requests == 2)
				return NULL;
			continue;
		case S_AUTH_STALE:
			if (s->requests == 1) {
				make_response(s->last, "401 Unauthorized", challenge, resp,
					      sizeof(resp));
			} else if (s->requests == 2) {
				make_response(s->last, "401 Unauthorized", stale_challenge, resp,
					      sizeof(resp));
			} else {
				s->auth_ok = check_auth(s->last, "\r\nAuthorization: Digest ",
							"n1nce");
				make_response(s->last, s->auth_ok ? "200 OK" : "403 Forbidden",
					      NULL, resp, sizeof(resp));
			}
			answer(s, s->fd, pa, plen, resp);
			if (s->requests == 3)
				return NULL;
			continue;
		case S_AUTH_ALWAYS:
			make_response(s->last, "401 Unauthorized", challenge, resp, sizeof(resp));
			answer(s, s->fd, pa, plen, resp);
			continue;
		default:
			return NULL;
		}
	}
	return NULL;
}

static void *tcp_server(void *arg)
{
	struct server *s = arg;
	int c = accept(s->fd, NULL, NULL);
	char resp[4096], both[8192];
	size_t len = 0;

	if (c < 0)
		return NULL;
	/* never hang the test run, whatever the client does */
	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &(struct timeval){ .tv_sec = 5 },
		   sizeof(struct timeval));
	if (s->script == S_TCP_CLOSE) {
		close(c);
		return NULL;
	}
	/* read one request: headers end with an empty line, no body */
	while (len < sizeof(s->last) - 1 && !strstr(s->last, "\r\n\r\n")) {
		ssize_t n = recv(c, s->last + len, sizeof(s->last) - 1 - len, 0);

		if (n <= 0)
			break;
		len += (size_t)n;
		s->last[len] = '\0';
	}
	s->requests++;
	if (s->script == S_TCP_JUNK) {
		const char junk[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";

		send(c, junk, sizeof(junk) - 1, MSG_NOSIGNAL);
	} else if (s->script == S_TCP_FRAGMENTS) {
		make_response(s->last, "200 OK", "Server: tcp-fake\r\n", resp, sizeof(resp));
		len = (size_t)snprintf(both, sizeof(both), "\r\n\r\n%s%s", resp, resp);
		/* in three pieces with pauses: inside the keepalive, inside a header, the rest */
		send(c, both, 3, MSG_NOSIGNAL);
		usleep(100 * 1000);
		send(c, both + 3, 60, MSG_NOSIGNAL);
		usleep(100 * 1000);
		send(c, both + 63, len - 63, MSG_NOSIGNAL);
	} else if (s->script == S_SILENT) {
		char b[64];

		/* wait for the client to give up and close */
		while (recv(c, b, sizeof(b), 0) > 0)
			;
	}
	close(c);
	return NULL;
}

static void server_start(struct server *s, enum script script, int type, int family)
{
	struct sockaddr_storage ss = { .ss_family = (sa_family_t)family };
	socklen_t len = family == AF_INET6 ? sizeof(struct sockaddr_in6)
					   : sizeof(struct sockaddr_in);
	char addr[INET6_ADDRSTRLEN];

	memset(s, 0, sizeof(*s));
	s->script = script;
	s->type = type;
	s->family = family;
	if (family == AF_INET6)
		((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
	else
		((struct sockaddr_in *)&ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s->fd = socket(family, type | SOCK_CLOEXEC, 0);
	assert_true(s->fd >= 0);
	setsockopt(s->fd, SOL_SOCKET, SO_RCVTIMEO, &(struct timeval){ .tv_sec = 10 },
		   sizeof(struct timeval));
	assert_int_equal(bind(s->fd, (struct sockaddr *)&ss, len), 0);
	assert_int_equal(getsockname(s->fd, (struct sockaddr *)&ss, &len), 0);
	if (type == SOCK_STREAM)
		assert_int_equal(listen(s->fd, 4), 0);
	if (family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, addr, sizeof(addr));
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, addr, sizeof(addr));
	assert_int_equal(sip_target_set(&s->target, type == SOCK_STREAM ? SIP_TCP : SIP_UDP, addr,
					ntohs(((struct sockaddr_in *)&ss)->sin_port)), 0);
	assert_int_equal(pthread_create(&s->thread, NULL,
					type == SOCK_STREAM ? tcp_server : udp_server, s), 0);
}

static void server_stop(struct server *s)
{
	/* shutdown wakes a thread blocked in recvfrom/accept */
	shutdown(s->fd, SHUT_RDWR);
	pthread_join(s->thread, NULL);
	close(s->fd);
}

static void options_retransmit(void **state)
{
	struct server s;
	struct sip_reply rep;
	int64_t t0 = clock_now_ms();

	server_start(&s, S_DROP2_THEN_200, SOCK_DGRAM, AF_INET);
	assert_int_equal(sip_options(&s.target, t0 + 5000, &rep), 0);
	server_stop(&s);
	assert_int_equal(rep.code, 200);
	assert_string_equal(rep.reason, "OK");
	assert_int_equal(rep.sent, 3);
	assert_int_equal(s.requests, 3);
	/* T1 = 500 ms, then 1000 ms: the third copy leaves at about 1.5 s */
	assert_true(rep.rtt_ms >= 1450 && rep.rtt_ms < 2500);
	assert_non_null(strstr(s.last, "OPTIONS sip:127.0.0.1:"));
	assert_non_null(strstr(s.last, ";rport;branch=z9hG4bK"));
}

static void options_ignores_noise(void **state)
{
	struct server s;
	struct sip_reply rep;

	server_start(&s, S_NOISE_THEN_200, SOCK_DGRAM, AF_INET6);
	assert_int_equal(sip_options(&s.target, clock_now_ms() + 3000, &rep), 0);
	server_stop(&s);
	assert_int_equal(rep.code, 200);
	assert_string_equal(rep.reason, "Fine");
	assert_string_equal(rep.server, "fake?srv");
	assert_int_equal(rep.sent, 1);
	assert_true(rep.rtt_ms < 450);
	assert_non_null(strstr(s.last, "OPTIONS sip:[::1]:"));
	assert_non_null(strstr(s.last, "Via: SIP/2.0/UDP [::1]:"));
}

static void options_timeout_bounded(void **state)
{
	struct server s;
	struct sip_reply rep = { .code = -7 };
	int64_t t0 = clock_now_ms(), dt;

	server_start(&s, S_SILENT, SOCK_DGRAM, AF_INET);
	assert_int_equal(sip_options(&s.target, t0 + 1200, &rep), -ETIMEDOUT);
	dt = clock_now_ms() - t0;
	server_stop(&s);
	assert_true(dt >= 1190 && dt < 1400);
	/* sent at 0 and 500 ms; the next (1500 ms) is past the deadline */
	assert_int_equal(s.requests, 2);
	assert_int_equal(rep.code, -7);

	/* a deadline already past: nothing sent */
	server_start(&s, S_SILENT, SOCK_DGRAM, AF_INET);
	assert_int_equal(sip_options(&s.target, clock_now_ms() - 1, &rep), -ETIMEDOUT);
	server_stop(&s);
	assert_int_equal(s.requests, 0);

	/* TCP: connected, no answer */
	t0 = clock_now_ms();
	server_start(&s, S_SILENT, SOCK_STREAM, AF_INET);
	assert_int_equal(sip_options(&s.target, t0 + 700, &rep), -ETIMEDOUT);
	dt = clock_now_ms() - t0;
	server_stop(&s);
	assert_true(dt >= 690 && dt < 900);
	assert_int_equal(s.requests, 1);
}

/* A TCP server whose accept queue is full drops new SYNs: the connect itself must give up at
 * the deadline. */
static void options_tcp_connect_timeout(void **state)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), fill[4];
	struct sip_target t;
	struct sip_reply rep;
	int64_t t0, dt;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sin, len), 0);
	assert_int_equal(getsockname(lfd, (struct sockaddr *)&sin, &len), 0);
	assert_int_equal(listen(lfd, 0), 0);
	for (int i = 0; i < 4; i++) {
		fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		connect(fill[i], (struct sockaddr *)&sin, len);
	}
	usleep(50 * 1000);
	assert_int_equal(sip_target_set(&t, SIP_TCP, "127.0.0.1", ntohs(sin.sin_port)), 0);
	t0 = clock_now_ms();
	assert_int_equal(sip_options(&t, t0 + 600, &rep), -ETIMEDOUT);
	dt = clock_now_ms() - t0;
	assert_true(dt >= 590 && dt < 800);
	for (int i = 0; i < 4; i++)
		close(fill[i]);
	close(lfd);
}

/* A port nobody listens on: got by binding and closing. */
static void closed_port(int type, struct sip_target *t)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	int fd = socket(AF_INET, type, 0);

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sin, len), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
	close(fd);
	assert_int_equal(sip_target_set(t, type == SOCK_STREAM ? SIP_TCP : SIP_UDP, "127.0.0.1",
					ntohs(sin.sin_port)), 0);
}

static void options_refused(void **state)
{
	struct sip_target t;
	struct sip_reply rep;
	int64_t t0 = clock_now_ms();

	closed_port(SOCK_DGRAM, &t);
	assert_int_equal(sip_options(&t, t0 + 2000, &rep), -ECONNREFUSED);
	closed_port(SOCK_STREAM, &t);
	assert_int_equal(sip_options(&t, t0 + 2000, &rep), -ECONNREFUSED);
	/* both come back long before the deadline */
	assert_true(clock_now_ms() - t0 < 400);
}

static void options_tcp(void **state)
{
	struct server s;
	struct sip_reply rep;

	server_start(&s, S_TCP_FRAGMENTS, SOCK_STREAM, AF_INET6);
	assert_int_equal(sip_options(&s.target, clock_now_ms() + 3000, &rep), 0);
	server_stop(&s);
	assert_int_equal(rep.code, 200);
	assert_string_equal(rep.server, "tcp-fake");
	assert_int_equal(rep.sent, 1);
	assert_non_null(strstr(s.last, "Via: SIP/2.0/TCP [::1]:"));

	server_start(&s, S_TCP_CLOSE, SOCK_STREAM, AF_INET);
	assert_int_equal(sip_options(&s.target, clock_now_ms() + 3000, &rep), -ECONNRESET);
	server_stop(&s);

	server_start(&s, S_TCP_JUNK, SOCK_STREAM, AF_INET);
	assert_int_equal(sip_options(&s.target, clock_now_ms() + 3000, &rep), -EPROTO);
	server_stop(&s);
}

static void register_digest(void **state)
{
	struct sip_register_req r = {
		.user = "alice", .password = "secret", .expires = 60, .contact_user = "probe",
	};
	struct server s;
	struct sip_reply rep;

	server_start(&s, S_AUTH, SOCK_DGRAM, AF_INET);
	assert_int_equal(sip_register(&s.target, &r, clock_now_ms() + 3000, &rep), 0);
	server_stop(&s);
	assert_true(s.auth_ok);
	assert_int_equal(rep.code, 200);
	assert_true(rep.challenged);
	assert_int_equal(rep.sent, 2);
	assert_int_equal(rep.expires, 60);
	assert_int_equal(rep.contacts, 2);
	/* the retry: same dialog, next CSeq, the contact without a port */
	assert_non_null(strstr(s.last, "CSeq: 2 REGISTER\r\n"));
	assert_non_null(strstr(s.last, "Contact: <sip:probe@127.0.0.1>\r\n"));
	assert_non_null(strstr(s.last, "Expires: 60\r\n"));
	assert_non_null(strstr(s.last, "opaque=\"op\""));

	server_start(&s, S_PROXY_AUTH, SOCK_DGRAM, AF_INET);
	r.domain = "example.org";
	assert_int_equal(sip_register(&s.target, &r, clock_now_ms() + 3000, &rep), 0);
	server_stop(&s);
	assert_true(s.auth_ok);
	assert_int_equal(rep.code, 200);
	assert_non_null(strstr(s.last, "REGISTER sip:example.org SIP/2.0\r\n"));
	assert_non_null(strstr(s.last, "To: <sip:alice@example.org>\r\n"));
}

static void register_wrong_or_stale(void **state)
{
	struct sip_register_req r = { .user = "alice", .password = "secret", .expires = 0 };
	struct server s;
	struct sip_reply rep;

	/* a server that keeps challenging: answered once, its second 401 is the result */
	server_start(&s, S_AUTH_ALWAYS, SOCK_DGRAM, AF_INET);
	assert_int_equal(sip_register(&s.target, &r, clock_now_ms() + 3000, &rep), 0);
	server_stop(&s);
	assert_int_equal(rep.code, 401);
	assert_int_equal(rep.sent, 2);
	assert_true(rep.challenged);
	assert_int_equal(rep.expires, -1);

	/* without a password the 401 is the result */
	r.password = NULL;
	server_start(&s, S_AUTH_ALWAYS, SOCK_DGRAM, AF_INET);
	assert_int_equal(sip_register(&s.target, &r, clock_now_ms() + 3000, &rep), 0);
	server_stop(&s);
	assert_int_equal(rep.code, 401);
	assert_int_equal(rep.sent, 1);
	assert_false(rep.challenged);

	/* a stale nonce earns a second try */
	r.password = "secret";
	server_start(&s, S_AUTH_STALE, SOCK_DGRAM, AF_INET);
	assert_int_equal(sip_register(&s.target, &r, clock_now_ms() + 3000, &rep), 0);
	server_stop(&s);
	assert_true(s.auth_ok);
	assert_int_equal(rep.code, 200);
	assert_int_equal(rep.sent, 3);
	assert_non_null(strstr(s.last, "CSeq: 3 REGISTER\r\n"));
	assert_non_null(strstr(s.last, "Expires: 0\r\n"));
}

static void register_bad_args(void **state)
{
	struct sip_target t;
	struct sip_reply rep;
	struct sip_register_req r = { .user = "alice", .expires = 60 };
	int64_t deadline = clock_now_ms() + 1000;

	assert_int_equal(sip_target_parse("udp:127.0.0.1:9", &t), 0);
	r.user = "al ice";
	assert_int_equal(sip_register(&t, &r, deadline, &rep), -EINVAL);
	r.user = "alice@x";
	assert_int_equal(sip_register(&t, &r, deadline, &rep), -EINVAL);
	r.user = "alice";
	r.domain = "x>y";
	assert_int_equal(sip_register(&t, &r, deadline, &rep), -EINVAL);
	r.domain = NULL;
	r.contact_user = "a\r\nb";
	assert_int_equal(sip_register(&t, &r, deadline, &rep), -EINVAL);
	r.contact_user = NULL;
	r.expires = -1;
	assert_int_equal(sip_register(&t, &r, deadline, &rep), -EINVAL);
	r.expires = 1;
	r.user = NULL;
	assert_int_equal(sip_register(&t, &r, deadline, &rep), -EINVAL);
}

/* Open descriptors of this process: every test must end with as many as it started with,
 * so that no path of the library leaves a socket open. */
static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int fds_before;

static int fd_setup(void **state)
{
	fds_before = count_fds();
	return fds_before < 0 ? -1 : 0;
}

static int fd_teardown(void **state)
{
	int now = count_fds();

	if (now != fds_before) {
		fprintf(stderr, "# descriptors: %d before, %d after\n", fds_before, now);
		return -1;
	}
	return 0;
}

#define T(f) cmocka_unit_test_setup_teardown(f, fd_setup, fd_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(target_good),
		T(target_bad),
		T(options_retransmit),
		T(options_ignores_noise),
		T(options_timeout_bounded),
		T(options_refused),
		T(options_tcp_connect_timeout),
		T(options_tcp),
		T(register_digest),
		T(register_wrong_or_stale),
		T(register_bad_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
