/* tests/unit/test_sip_msg.c: lib/sip/sip_msg.c, building requests and parsing responses. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "sip/sip_msg.h"

static int parse(const char *s, bool stream, struct sip_msg *m)
{
	return sip_msg_parse(s, strlen(s), stream, m);
}

static bool slice_eq(struct sip_slice s, const char *want)
{
	return s.p && s.n == strlen(want) && memcmp(s.p, want, s.n) == 0;
}

#define assert_slice(s, want)                                                                   \
	do {                                                                                    \
		if (!slice_eq((s), (want)))                                                     \
			fail_msg("%s: got \"%.*s\", want \"%s\"", #s, (int)(s).n,              \
				 (s).p ? (s).p : "", (want));                                   \
	} while (0)

/* What Kamailio 5.6 answers to an OPTIONS relayed once (two Vias). */
static const char kam_200[] =
	"SIP/2.0 200 Keepalive\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:40000;rport=40000;branch=z9hG4bKabc;received=127.0.0.1\r\n"
	"Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bKother\r\n"
	"From: <sip:sipha@127.0.0.1>;tag=ftag1\r\n"
	"To: <sip:127.0.0.1:5070>;tag=b27e1a1d33761e85846fc98f5f3a7e58.a1d0\r\n"
	"Call-ID: cid-1@host\r\n"
	"CSeq: 1 OPTIONS\r\n"
	"Server: kamailio (5.6.3 (x86_64/linux))\r\n"
	"Content-Length: 0\r\n"
	"\r\n";

static void parse_good(void **state)
{
	struct sip_msg m;

	assert_int_equal(parse(kam_200, true, &m), 0);
	assert_int_equal(m.code, 200);
	assert_slice(m.reason, "Keepalive");
	assert_slice(m.call_id, "cid-1@host");
	assert_int_equal(m.cseq, 1);
	assert_slice(m.cseq_method, "OPTIONS");
	assert_int_equal(m.nvia, 2);
	assert_slice(m.via_branch, "z9hG4bKabc");
	assert_slice(m.from_tag, "ftag1");
	assert_slice(m.to_tag, "b27e1a1d33761e85846fc98f5f3a7e58.a1d0");
	assert_slice(m.server, "kamailio (5.6.3 (x86_64/linux))");
	assert_int_equal(m.content_length, 0);
	assert_int_equal(m.expires, -1);
	assert_int_equal(m.nauth, 0);
	assert_int_equal(m.head_len, strlen(kam_200));
	assert_int_equal(m.len, strlen(kam_200));
	assert_true(sip_msg_matches(&m, "cid-1@host", 1, "OPTIONS", "z9hG4bKabc"));
	assert_false(sip_msg_matches(&m, "cid-2@host", 1, "OPTIONS", "z9hG4bKabc"));
	assert_false(sip_msg_matches(&m, "cid-1@host", 2, "OPTIONS", "z9hG4bKabc"));
	assert_false(sip_msg_matches(&m, "cid-1@host", 1, "REGISTER", "z9hG4bKabc"));
	assert_false(sip_msg_matches(&m, "cid-1@host", 1, "options", "z9hG4bKabc"));
	assert_false(sip_msg_matches(&m, "cid-1@host", 1, "OPTIONS", "z9hG4bKother"));
	assert_false(sip_msg_matches(&m, "cid-1@host", 1, "OPTIONS", "z9hG4bKab"));
	assert_false(sip_msg_matches(&m, "cid-1@hos", 1, "OPTIONS", "z9hG4bKabc"));
}

/* Compact names, folded lines, LF-only endings, comma-joined Vias, leading keepalive CRLFs. */
static void parse_compact_folded(void **state)
{
	static const char text[] =
		"\r\n\r\n"
		"SIP/2.0 486 Busy Here\n"
		"v: SIP/2.0/TCP [2001:db8::1]:5060 ;\n"
		"  branch = z9hG4bKfold ; rport , SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK2,\n"
		"\tSIP/2.0/UDP 192.0.2.2\n"
		"i:   folded-\n"
		" id\n"
		"f: \"A, B\" <sip:a@b;tag=notit>;tag=ft\n"
		"t: sip:x@y;tag=tt\n"
		"cseq:   7    REGISTER\n"
		"USER-AGENT: ua\n"
		"l: 5\n"
		"\n"
		"hello";
	struct sip_msg m;

	assert_int_equal(parse(text, true, &m), 0);
	assert_int_equal(m.code, 486);
	assert_slice(m.reason, "Busy Here");
	assert_int_equal(m.nvia, 3);
	assert_slice(m.via_branch, "z9hG4bKfold");
	assert_slice(m.call_id, "folded-\n id");
	assert_slice(m.from_tag, "ft");
	assert_slice(m.to_tag, "tt");
	assert_int_equal(m.cseq, 7);
	assert_slice(m.cseq_method, "REGISTER");
	assert_slice(m.server, "ua");
	assert_int_equal(m.content_length, 5);
	assert_int_equal(m.len, strlen(text));
	assert_int_equal(m.head_len, strlen(text) - 5);
}

/* TCP: a message ends after Content-Length bytes; the next one follows. */
static void parse_stream_framing(void **state)
{
	char two[2048];
	struct sip_msg m;
	size_t one;

	snprintf(two, sizeof(two), "%s%s", kam_200, kam_200);
	assert_int_equal(parse(two, true, &m), 0);
	one = m.len;
	assert_int_equal(one, strlen(kam_200));
	assert_int_equal(sip_msg_parse(two + one, strlen(two) - one, true, &m), 0);
	assert_int_equal(m.len, strlen(kam_200));

	/* a body shorter than announced: more to read (stream) or truncated (datagram) */
	assert_int_equal(parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
			       "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 10\r\n\r\n12345",
			       true, &m), -EAGAIN);
	assert_int_equal(parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
			       "Call-ID: c\r\nCSeq: 1 OPTIONS\r\nContent-Length: 10\r\n\r\n12345",
			       false, &m), -EAGAIN);
	/* no Content-Length: fine in a datagram (body = the rest), not on a stream */
	assert_int_equal(parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
			       "Call-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\nbody",
			       false, &m), 0);
	assert_int_equal(m.len, m.head_len + 4);
	assert_int_equal(m.content_length, -1);
	assert_int_equal(parse("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
			       "Call-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\nbody",
			       true, &m), -EBADMSG);
}

/* Every prefix of a good message is "need more", never a crash or a wrong success. */
static void parse_truncated(void **state)
{
	struct sip_msg m;
	size_t len = strlen(kam_200);
	char *copy;

	for (size_t n = 0; n < len; n++) {
		/* exact-size heap copies so ASan/valgrind catch any read past the end */
		copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, kam_200, n);
		assert_int_equal(sip_msg_parse(copy, n, true, &m), -EAGAIN);
		free(copy);
	}
}

static void parse_malformed(void **state)
{
	static const char *const heads[] = {
		"SIP/2.0 20 OK\r\n",
		"SIP/2.0 2000 OK\r\n",
		"SIP/2.0 099 Low\r\n",
		"SIP/2.0 700 High\r\n",
		"SIP/2.0 200OK\r\n",
		"SIP/1.0 200 OK\r\n",
		"HTTP/1.1 200 OK\r\n",
		"SIP/2.0 abc OK\r\n",
		"SIP/2.0 200 O\001K\r\n",
		"OPTIONS sip:x SIP/2.0\r\n",
	};
	static const char rest[] = "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\n"
				   "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
	static const char *const bodies[] = {
		/* missing mandatory headers */
		"SIP/2.0 200 OK\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h\r\nCSeq: 1 OPTIONS\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h\r\nCall-ID: c\r\nl: 0\r\n\r\n",
		/* broken header lines */
		"SIP/2.0 200 OK\r\n folded first\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1 A\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia h\r\nCall-ID: c\r\nCSeq: 1 A\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nV ia: h\r\nCall-ID: c\r\nCSeq: 1 A\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\n: h\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1 A\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID:\r\nCSeq: 1 A\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: h,,h\r\nCall-ID: c\r\nCSeq: 1 A\r\nl: 0\r\n\r\n",
		/* bad CSeq */
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: x OPTIONS\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1OPTIONS\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 2147483648 A\r\nl: 0\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 99999999999999999999 A\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1 OPT<IONS\r\nl: 0\r\n\r\n",
		/* bad or contradictory Content-Length */
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1 A\r\nl: -1\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1 A\r\nl: 1x\r\n\r\n",
		"SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1 A\r\nl: 0\r\nl: 4\r\n\r\nabcd",
		("SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1 A\r\n"
		 "Content-Length: 99999999999999999999999\r\n\r\n"),
	};
	static const char with_nul[] = "SIP/2.0 200 OK\r\nX: a\0b\r\nVia: h\r\nCall-ID: c\r\n"
				       "CSeq: 1 A\r\nl: 0\r\n\r\n";
	char buf[512];
	struct sip_msg m;

	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		snprintf(buf, sizeof(buf), "%s%s", heads[i], rest);
		if (parse(buf, true, &m) != -EBADMSG)
			fail_msg("accepted: %s", heads[i]);
	}
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++)
		if (parse(bodies[i], true, &m) != -EBADMSG)
			fail_msg("accepted: %s", bodies[i]);
	/* the same with the reason phrase empty is fine */
	snprintf(buf, sizeof(buf), "SIP/2.0 503\r\n%s", rest);
	assert_int_equal(parse(buf, true, &m), 0);
	assert_int_equal(m.code, 503);
	assert_int_equal(m.reason.n, 0);
	/* a NUL inside the header part */
	assert_int_equal(sip_msg_parse(with_nul, sizeof(with_nul) - 1, true, &m), -EBADMSG);
}

static void parse_huge(void **state)
{
	size_t size = SIP_MSG_MAX + 4096;
	char *big = malloc(size);
	struct sip_msg m;
	int n;

	assert_non_null(big);
	/* a header part larger than any datagram: refused, both complete and incomplete */
	n = snprintf(big, size, "SIP/2.0 200 OK\r\nX: ");
	memset(big + n, 'a', size - (size_t)n);
	assert_int_equal(sip_msg_parse(big, size, true, &m), -EMSGSIZE);
	memcpy(big + size - 4, "\r\n\r\n", 4);
	assert_int_equal(sip_msg_parse(big, size, true, &m), -EMSGSIZE);
	/* a body announced larger than we would ever buffer */
	n = snprintf(big, size, "SIP/2.0 200 OK\r\nVia: h\r\nCall-ID: c\r\nCSeq: 1 A\r\n"
			      "Content-Length: 70000\r\n\r\n");
	assert_int_equal(sip_msg_parse(big, (size_t)n, true, &m), -EMSGSIZE);
	/* many headers, many Vias: counted, no fixed table overflows */
	n = snprintf(big, size, "SIP/2.0 200 OK\r\nCall-ID: c\r\nCSeq: 1 A\r\n");
	for (int i = 0; i < 400; i++)
		n += snprintf(big + n, size - (size_t)n,
			      "Via: SIP/2.0/UDP h%d;branch=z9hG4bK%d\r\n"
			      "WWW-Authenticate: Digest realm=r%d, nonce=n\r\nContact: <sip:c%d@h>\r\n",
			      i, i, i, i);
	n += snprintf(big + n, size - (size_t)n, "l: 0\r\n\r\n");
	assert_int_equal(sip_msg_parse(big, (size_t)n, true, &m), 0);
	assert_int_equal(m.nvia, 400);
	assert_slice(m.via_branch, "z9hG4bK0");
	assert_int_equal(m.nauth, SIP_MSG_MAX_AUTH);
	assert_int_equal(m.ncontact, SIP_MSG_MAX_CONTACT);
	free(big);
}

static void parse_auth_contacts(void **state)
{
	static const char text[] =
		"SIP/2.0 200 OK\r\n"
		"Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK1\r\n"
		"Call-ID: c\r\nCSeq: 2 REGISTER\r\n"
		"Proxy-Authenticate: Digest realm=\"p\", nonce=\"1\"\r\n"
		"WWW-Authenticate: Digest realm=\"w\", nonce=\"2\"\r\n"
		"Contact: <sip:probe@127.0.0.1>;expires=60;q=1, \"x, y\" <sip:other@[::1]:5>\r\n"
		"m: sip:third@192.0.2.1;expires=5\r\n"
		"Contact: <sip:bad@h>;expires=abc\r\n"
		"Expires: 3600\r\n"
		"Content-Length: 0\r\n\r\n";
	struct sip_msg m;

	assert_int_equal(parse(text, false, &m), 0);
	assert_int_equal(m.nauth, 2);
	assert_true(m.auth_proxy[0]);
	assert_false(m.auth_proxy[1]);
	assert_slice(m.auth[0], "Digest realm=\"p\", nonce=\"1\"");
	assert_slice(m.auth[1], "Digest realm=\"w\", nonce=\"2\"");
	assert_int_equal(m.expires, 3600);
	assert_int_equal(sip_msg_contact_count(&m), 4);
	assert_int_equal(sip_msg_contact_expires(&m, "sip:probe@127.0.0.1"), 60);
	assert_int_equal(sip_msg_contact_expires(&m, "SIP:PROBE@127.0.0.1"), 60);
	assert_int_equal(sip_msg_contact_expires(&m, "sip:other@[::1]:5"), 3600);
	assert_int_equal(sip_msg_contact_expires(&m, "sip:third@192.0.2.1"), 5);
	assert_int_equal(sip_msg_contact_expires(&m, "sip:bad@h"), 3600);
	assert_int_equal(sip_msg_contact_expires(&m, "sip:probe@127.0.0.2"), -ENOENT);
	assert_int_equal(sip_msg_contact_expires(&m, "sip:probe"), -ENOENT);
}

static const char options_text[] =
	"OPTIONS sip:127.0.0.1:5070 SIP/2.0\r\n"
	"Via: SIP/2.0/UDP 127.0.0.1:40000;rport;branch=z9hG4bKxyz\r\n"
	"Max-Forwards: 70\r\n"
	"From: <sip:sipha@127.0.0.1>;tag=ft\r\n"
	"To: <sip:127.0.0.1:5070>\r\n"
	"Call-ID: cid\r\n"
	"CSeq: 1 OPTIONS\r\n"
	"User-Agent: sipha-probe\r\n"
	"Content-Length: 0\r\n\r\n";

static struct sip_msg_req options_req(void)
{
	return (struct sip_msg_req){
		.method = "OPTIONS",
		.ruri = "sip:127.0.0.1:5070",
		.proto = SIP_MSG_UDP,
		.via_host = "127.0.0.1",
		.via_port = 40000,
		.branch = "z9hG4bKxyz",
		.from_uri = "sip:sipha@127.0.0.1",
		.from_tag = "ft",
		.to_uri = "sip:127.0.0.1:5070",
		.call_id = "cid",
		.cseq = 1,
		.user_agent = "sipha-probe",
	};
}

static void build_options(void **state)
{
	struct sip_msg_req r = options_req();
	char buf[1024];
	int n = sip_msg_build(&r, buf, sizeof(buf));

	assert_int_equal(n, (int)strlen(options_text));
	assert_string_equal(buf, options_text);
	/* every too small buffer is refused */
	for (size_t size = 1; size <= (size_t)n; size++)
		assert_int_equal(sip_msg_build(&r, buf, size), -ENOSPC);
}

static void build_register(void **state)
{
	struct sip_msg_req r = {
		.method = "REGISTER",
		.ruri = "sip:example.org",
		.proto = SIP_MSG_TCP,
		.via_host = "[::1]",
		.via_port = 5,
		.branch = "z9hG4bK1",
		.from_uri = "sip:alice@example.org",
		.from_tag = "t",
		.to_uri = "sip:alice@example.org",
		.call_id = "c",
		.cseq = 2,
		.contact = "sip:probe@[::1]",
		.has_expires = true,
		.expires = 0,
		.authorization = "Digest username=\"alice\", realm=\"x\"",
		.proxy_authorization = true,
	};
	char buf[1024];

	assert_true(sip_msg_build(&r, buf, sizeof(buf)) > 0);
	assert_string_equal(buf,
			    "REGISTER sip:example.org SIP/2.0\r\n"
			    "Via: SIP/2.0/TCP [::1]:5;rport;branch=z9hG4bK1\r\n"
			    "Max-Forwards: 70\r\n"
			    "From: <sip:alice@example.org>;tag=t\r\n"
			    "To: <sip:alice@example.org>\r\n"
			    "Call-ID: c\r\n"
			    "CSeq: 2 REGISTER\r\n"
			    "Contact: <sip:probe@[::1]>\r\n"
			    "Expires: 0\r\n"
			    "Proxy-Authorization: Digest username=\"alice\", realm=\"x\"\r\n"
			    "Content-Length: 0\r\n\r\n");
	r.proxy_authorization = false;
	assert_true(sip_msg_build(&r, buf, sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "\r\nAuthorization: Digest"));
}

static void build_refuses_injection(void **state)
{
	struct sip_msg_req r;
	char buf[1024];

#define REFUSE(field, value)                                                                    \
	do {                                                                                    \
		r = options_req();                                                              \
		r.field = (value);                                                              \
		assert_int_equal(sip_msg_build(&r, buf, sizeof(buf)), -EINVAL);                 \
	} while (0)
	REFUSE(method, NULL);
	REFUSE(method, "");
	REFUSE(method, "OPT IONS");
	REFUSE(method, "OPT:IONS");
	REFUSE(ruri, "sip:x\r\nX-Evil: 1");
	REFUSE(ruri, "sip:x y");
	REFUSE(call_id, "a\nb");
	REFUSE(call_id, NULL);
	REFUSE(branch, "abc");
	REFUSE(branch, "z9hG4bKa\rb");
	REFUSE(from_tag, "a b");
	REFUSE(to_uri, "");
	REFUSE(via_host, NULL);
	REFUSE(contact, "sip:a\r\n");
	REFUSE(authorization, "Digest a\r\nb");
	REFUSE(user_agent, "x\001");
	REFUSE(cseq, 0x80000000U);
#undef REFUSE
}

/* A request we build, answered as a server would (Via, From, Call-ID, CSeq copied, To tagged),
 * parses and matches; answered for another transaction, it does not. */
static void build_parse_round_trip(void **state)
{
	struct sip_msg_req r = options_req();
	char req[1024], resp[2048];
	struct sip_msg m;
	const char *via, *via_end;

	assert_true(sip_msg_build(&r, req, sizeof(req)) > 0);
	via = strstr(req, "Via: ");
	via_end = strstr(via, "\r\n");
	snprintf(resp, sizeof(resp),
		 "SIP/2.0 200 OK\r\n%.*s;received=127.0.0.1\r\nFrom: <%s>;tag=%s\r\n"
		 "To: <%s>;tag=srv\r\nCall-ID: %s\r\nCSeq: %u %s\r\nContent-Length: 0\r\n\r\n",
		 (int)(via_end - via), via, r.from_uri, r.from_tag, r.to_uri, r.call_id, r.cseq,
		 r.method);
	assert_int_equal(parse(resp, false, &m), 0);
	assert_true(sip_msg_matches(&m, r.call_id, r.cseq, r.method, r.branch));
	assert_slice(m.from_tag, "ft");
	assert_slice(m.to_tag, "srv");
	assert_false(sip_msg_matches(&m, r.call_id, r.cseq + 1, r.method, r.branch));
}

static void random_tokens(void **state)
{
	char a[33], b[33];

	assert_int_equal(sip_msg_random(a, sizeof(a)), 0);
	assert_int_equal(sip_msg_random(b, sizeof(b)), 0);
	assert_int_equal(strlen(a), 32);
	assert_int_equal(strspn(a, "0123456789abcdefghijklmnopqrstuvwxyz"), 32);
	/* 32 characters of 36 letters: a collision means the generator is broken */
	assert_string_not_equal(a, b);
	assert_int_equal(sip_msg_random(a, 1), 0);
	assert_string_equal(a, "");
	assert_int_equal(sip_msg_random(a, 0), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_good),
		cmocka_unit_test(parse_compact_folded),
		cmocka_unit_test(parse_stream_framing),
		cmocka_unit_test(parse_truncated),
		cmocka_unit_test(parse_malformed),
		cmocka_unit_test(parse_huge),
		cmocka_unit_test(parse_auth_contacts),
		cmocka_unit_test(build_options),
		cmocka_unit_test(build_register),
		cmocka_unit_test(build_refuses_injection),
		cmocka_unit_test(build_parse_round_trip),
		cmocka_unit_test(random_tokens),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
