/* lib/sip/digest.h: HTTP/SIP digest authentication (RFC 2617, RFC 7616) as a SIP client uses it:
 * parse a WWW-Authenticate/Proxy-Authenticate challenge, compute the response, build the
 * Authorization header value. Pure functions: no I/O, no allocation. */
#ifndef SIPHA_DIGEST_H
#define SIPHA_DIGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum digest_algo {
	DIGEST_MD5,		/* also what an absent algorithm= means */
	DIGEST_MD5_SESS,
	DIGEST_SHA256,
	DIGEST_SHA256_SESS,
};

/* Longest hex digest we produce (SHA-256) plus the terminating NUL. */
#define DIGEST_HEX_MAX 65

/* One parsed challenge. Strings are unquoted (backslash escapes removed) and NUL-terminated. */
struct digest_challenge {
	char realm[128];
	char nonce[192];
	char opaque[192];	/* "" when absent */
	bool has_opaque;	/* opaque= was present (possibly empty): it must be echoed */
	enum digest_algo algo;
	bool qop_auth;		/* the server offered qop "auth": answer with qop=auth, cnonce, nc */
	bool stale;		/* stale=TRUE: the nonce expired, the credentials were fine */
};

/* Parses the value of a WWW-Authenticate or Proxy-Authenticate header (the text after the
 * colon, @len bytes, need not be NUL-terminated), e.g.
 *   Digest realm="a", nonce="b", qop="auth,auth-int", algorithm=MD5, opaque="c"
 * Parameter names are case-insensitive, values may be tokens or quoted strings, unknown
 * parameters are skipped. Fills @ret only on success and returns 0; -EINVAL when the scheme is
 * not Digest, the syntax is broken or realm/nonce is missing; -ENOTSUP for an algorithm we do not
 * implement or a qop list without "auth"; -E2BIG when a value does not fit @ret. */
int digest_challenge_parse(const char *value, size_t len, struct digest_challenge *ret);

/* Computes the digest "response" value as lowercase hex into @ret (at least DIGEST_HEX_MAX
 * bytes) for @method and @uri (the request's R-URI). @cnonce and @nc are used only when
 * c->qop_auth or the algorithm is a -sess one; @cnonce must then be non-NULL.
 * Returns 0, -EINVAL on missing arguments, -EIO when libcrypto fails. */
int digest_response(const struct digest_challenge *c, const char *user, const char *password,
		    const char *method, const char *uri, const char *cnonce, uint32_t nc,
		    char *ret);

/* Builds the complete value of an Authorization/Proxy-Authorization header answering @c into
 * @buf (@size bytes, NUL-terminated):
 *   Digest username="u", realm="r", nonce="n", uri="sip:x", response="...", algorithm=MD5
 *   [, cnonce="c", qop=auth, nc=00000001] [, opaque="o"]
 * Quoted values are escaped. Returns the length written, -ENOSPC when @buf is too small,
 * -EINVAL for missing arguments or a CR/LF in any of them, -EIO when libcrypto fails. */
int digest_authorization(const struct digest_challenge *c, const char *user, const char *password,
			 const char *method, const char *uri, const char *cnonce, uint32_t nc,
			 char *buf, size_t size);

/* Name of @a as written in algorithm= ("MD5", "MD5-sess", "SHA-256", "SHA-256-sess"). */
const char *digest_algo_name(enum digest_algo a);

#endif
