/* tests/unit/test_digest.c: lib/sip/digest.c against the RFC 2617 and RFC 7616 worked examples. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "sip/digest.h"

#define PARSE(s, ret) digest_challenge_parse((s), strlen(s), (ret))

static const char rfc2617_challenge[] =
	"Digest\r\n"
	"                 realm=\"testrealm@host.com\",\r\n"
	"                 qop=\"auth,auth-int\",\r\n"
	"                 nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\",\r\n"
	"                 opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

/* RFC 2617 section 3.5: "Circle Of Life" with qop=auth. */
static void rfc2617_example(void **state)
{
	struct digest_challenge c;
	char resp[DIGEST_HEX_MAX];

	assert_int_equal(PARSE(rfc2617_challenge, &c), 0);
	assert_string_equal(c.realm, "testrealm@host.com");
	assert_string_equal(c.nonce, "dcd98b7102dd2f0e8b11d0f600bfb0c093");
	assert_string_equal(c.opaque, "5ccc069c403ebaf9f0171e9517f40e41");
	assert_true(c.has_opaque);
	assert_true(c.qop_auth);
	assert_false(c.stale);
	assert_int_equal(c.algo, DIGEST_MD5);
	assert_int_equal(digest_response(&c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html",
					 "0a4f113b", 1, resp), 0);
	assert_string_equal(resp, "6629fae49393a05397450978507c4ef1");
}

/* The same without qop (RFC 2069 compatibility) and with MD5-sess; expected values computed
 * independently with Python's hashlib. */
static void rfc2617_variants(void **state)
{
	struct digest_challenge c;
	char resp[DIGEST_HEX_MAX];

	assert_int_equal(PARSE("Digest realm=\"testrealm@host.com\", "
			       "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"", &c), 0);
	assert_false(c.qop_auth);
	assert_false(c.has_opaque);
	assert_int_equal(digest_response(&c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html",
					 NULL, 0, resp), 0);
	assert_string_equal(resp, "670fd8c2df070c60b045671b8b24ff02");

	assert_int_equal(PARSE("Digest realm=\"testrealm@host.com\", qop=auth, algorithm=MD5-sess,"
			       "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"", &c), 0);
	assert_int_equal(c.algo, DIGEST_MD5_SESS);
	assert_int_equal(digest_response(&c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html",
					 "0a4f113b", 1, resp), 0);
	assert_string_equal(resp, "8e3825c57e897f5a0dec6c2d4e5059d0");
	/* -sess and qop need a cnonce */
	assert_int_equal(digest_response(&c, "Mufasa", "x", "GET", "/", NULL, 1, resp), -EINVAL);
}

/* RFC 7616 section 3.9.1: MD5 and SHA-256 with qop=auth. */
static void rfc7616_examples(void **state)
{
	static const struct {
		const char *algo;
		enum digest_algo want;
		const char *resp;
	} cases[] = {
		{ "MD5", DIGEST_MD5, "8ca523f5e9506fed4657c9700eebdbec" },
		{ "SHA-256", DIGEST_SHA256,
		  "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1" },
		{ "sha-256-SESS", DIGEST_SHA256_SESS,
		  "2fd51b3a77ad75bad6afad6003e818d767133c46d9e2749e7f5232ae1ea3efd7" },
	};
	char text[512], resp[DIGEST_HEX_MAX];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct digest_challenge c;

		snprintf(text, sizeof(text),
			 "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
			 "algorithm=%s, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
			 "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
			 cases[i].algo);
		assert_int_equal(PARSE(text, &c), 0);
		assert_int_equal(c.algo, cases[i].want);
		assert_int_equal(digest_response(&c, "Mufasa", "Circle of Life", "GET",
						 "/dir/index.html",
						 "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", 1,
						 resp), 0);
		assert_string_equal(resp, cases[i].resp);
	}
}

static void challenge_syntax(void **state)
{
	struct digest_challenge c;

	/* Case, spacing, escapes, unknown and empty list elements, stale. */
	assert_int_equal(PARSE("  digest   NONCE = abc ,, REALM=\"a \\\"q\\\" \\\\ b\" ,"
			       "domain=\"sip:x\", stale=TRUE, foo=bar", &c), 0);
	assert_string_equal(c.nonce, "abc");
	assert_string_equal(c.realm, "a \"q\" \\ b");
	assert_true(c.stale);
	assert_false(c.qop_auth);
	/* Kamailio's own style */
	assert_int_equal(PARSE("Digest realm=\"127.0.0.1\", nonce=\"Y+G2Z2PhtcpvrT4h\", qop=\"auth\"",
			       &c), 0);
	assert_true(c.qop_auth);
	assert_string_equal(c.nonce, "Y+G2Z2PhtcpvrT4h");
	/* an empty opaque is still echoed */
	assert_int_equal(PARSE("Digest realm=r, nonce=n, opaque=\"\"", &c), 0);
	assert_true(c.has_opaque);
	assert_string_equal(c.opaque, "");
	/* not counted: a value that merely contains "auth" */
	assert_int_equal(PARSE("Digest realm=r, nonce=n, qop=\"auth-int\"", &c), -ENOTSUP);
	assert_int_equal(PARSE("Digest realm=r, nonce=n, qop=\"auth-int, auth\"", &c), 0);
	assert_true(c.qop_auth);
}

static void challenge_bad(void **state)
{
	struct digest_challenge c = { .realm = "untouched" };
	char big[400];

	assert_int_equal(PARSE("", &c), -EINVAL);
	assert_int_equal(PARSE("Digest", &c), -EINVAL);
	assert_int_equal(PARSE("Digest ", &c), -EINVAL);
	assert_int_equal(PARSE("Basic realm=\"x\"", &c), -EINVAL);
	assert_int_equal(PARSE("Digestrealm=\"x\", nonce=y", &c), -EINVAL);
	assert_int_equal(PARSE("Digest realm=\"x\"", &c), -EINVAL);		/* no nonce */
	assert_int_equal(PARSE("Digest nonce=\"x\"", &c), -EINVAL);		/* no realm */
	assert_int_equal(PARSE("Digest realm=\"x\", nonce=\"\"", &c), -EINVAL);
	assert_int_equal(PARSE("Digest realm=\"x, nonce=y", &c), -EINVAL);	/* open quote */
	assert_int_equal(PARSE("Digest realm=\"x\\", &c), -EINVAL);
	assert_int_equal(PARSE("Digest realm=, nonce=y", &c), -EINVAL);
	assert_int_equal(PARSE("Digest realm x, nonce=y", &c), -EINVAL);
	assert_int_equal(PARSE("Digest realm=\"x\" junk, nonce=y", &c), -EINVAL);
	assert_int_equal(PARSE("Digest realm=x, nonce=y, algorithm=SHA-512-256", &c), -ENOTSUP);
	assert_int_equal(PARSE("Digest realm=x, nonce=y, algorithm=AKAv1-MD5", &c), -ENOTSUP);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	{
		char text[512];

		snprintf(text, sizeof(text), "Digest realm=\"%s\", nonce=y", big);
		assert_int_equal(PARSE(text, &c), -E2BIG);
		snprintf(text, sizeof(text), "Digest realm=x, nonce=y, foo=\"%s\"", big);
		assert_int_equal(PARSE(text, &c), -E2BIG);
	}
	/* a length shorter than the string: the parser must not read past it */
	assert_int_equal(digest_challenge_parse("Digest realm=x, nonce=\"abc\"", 24, &c), -EINVAL);
	/* nothing written on failure */
	assert_string_equal(c.realm, "untouched");
}

static void authorization_header(void **state)
{
	struct digest_challenge c;
	char buf[512];
	int n;

	assert_int_equal(PARSE(rfc2617_challenge, &c), 0);
	n = digest_authorization(&c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html",
				 "0a4f113b", 1, buf, sizeof(buf));
	assert_int_equal(n, (int)strlen(buf));
	assert_string_equal(buf,
			    "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
			    "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", "
			    "response=\"6629fae49393a05397450978507c4ef1\", algorithm=MD5, "
			    "cnonce=\"0a4f113b\", qop=auth, nc=00000001, "
			    "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
	/* every truncation point is refused, never a cut header */
	for (size_t size = 1; size <= (size_t)n; size++)
		assert_int_equal(digest_authorization(&c, "Mufasa", "Circle Of Life", "GET",
						      "/dir/index.html", "0a4f113b", 1, buf,
						      size), -ENOSPC);

	/* quotes in values are escaped; nc in hex; no qop: no cnonce/nc */
	assert_int_equal(PARSE("Digest realm=\"a\\\"b\", nonce=n", &c), 0);
	assert_true(digest_authorization(&c, "u\"x", "p", "REGISTER", "sip:h", "c", 26, buf,
					 sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "username=\"u\\\"x\", realm=\"a\\\"b\""));
	assert_null(strstr(buf, "cnonce"));
	assert_null(strstr(buf, "opaque"));
	assert_int_equal(PARSE("Digest realm=r, nonce=n, qop=auth", &c), 0);
	assert_true(digest_authorization(&c, "u", "p", "REGISTER", "sip:h", "c", 26, buf,
					 sizeof(buf)) > 0);
	assert_non_null(strstr(buf, "nc=0000001a"));

	/* header injection refused */
	assert_int_equal(digest_authorization(&c, "u\r\nX: y", "p", "REGISTER", "sip:h", "c", 1,
					      buf, sizeof(buf)), -EINVAL);
	assert_int_equal(digest_authorization(&c, NULL, "p", "REGISTER", "sip:h", "c", 1, buf,
					      sizeof(buf)), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc2617_example),
		cmocka_unit_test(rfc2617_variants),
		cmocka_unit_test(rfc7616_examples),
		cmocka_unit_test(challenge_syntax),
		cmocka_unit_test(challenge_bad),
		cmocka_unit_test(authorization_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
