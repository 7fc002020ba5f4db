/* lib/sip/digest.c: digest authentication for the SIP probe (RFC 2617, RFC 7616). */
#include "sip/digest.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/evp.h>

#include "core/lazylib.h"

/* libcrypto is loaded on first use: only a depth-20 REGISTER with a password hashes. */
static struct {
	__typeof__(EVP_md5) *md5;
	__typeof__(EVP_sha256) *sha256;
	__typeof__(EVP_MD_CTX_new) *ctx_new;
	__typeof__(EVP_MD_CTX_free) *ctx_free;
	__typeof__(EVP_DigestInit_ex) *init;
	__typeof__(EVP_DigestUpdate) *update;
	__typeof__(EVP_DigestFinal_ex) *final;
} evp;
static const struct lazylib_sym evp_syms[] = {
	LAZYLIB_SYM(evp.md5, "EVP_md5"),
	LAZYLIB_SYM(evp.sha256, "EVP_sha256"),
	LAZYLIB_SYM(evp.ctx_new, "EVP_MD_CTX_new"),
	LAZYLIB_SYM(evp.ctx_free, "EVP_MD_CTX_free"),
	LAZYLIB_SYM(evp.init, "EVP_DigestInit_ex"),
	LAZYLIB_SYM(evp.update, "EVP_DigestUpdate"),
	LAZYLIB_SYM(evp.final, "EVP_DigestFinal_ex"),
};
static struct lazylib libcrypto = {
	.soname = CRYPTO_SONAME,
	.syms = evp_syms,
	.nsyms = sizeof(evp_syms) / sizeof(evp_syms[0]),
};
LAZYLIB_DLOPEN_NOTE(libcrypto_note, "sip-digest", "SIP digest authentication of the depth-20 REGISTER",
		    "recommended", CRYPTO_SONAME);

static bool is_lws(char c)
{
	/* Folded header lines reach us with their CRLF still inside the value. */
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* RFC 3261 token characters. */
static bool is_token(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("-.!%*_+`'~", c) != NULL);
}

struct cursor {
	const char *p, *end;
};

static void skip_lws(struct cursor *c)
{
	while (c->p < c->end && is_lws(*c->p))
		c->p++;
}

static size_t take_token(struct cursor *c, const char **start)
{
	*start = c->p;
	while (c->p < c->end && is_token(*c->p))
		c->p++;
	return (size_t)(c->p - *start);
}

/* Reads a token or a quoted string into @out (NUL-terminated, unescaped). -EINVAL on an
 * unterminated quote or an empty token, -E2BIG when it does not fit. */
static int take_value(struct cursor *c, char *out, size_t size)
{
	size_t n = 0;

	if (c->p < c->end && *c->p == '"') {
		c->p++;
		for (;;) {
			char ch;

			if (c->p >= c->end)
				return -EINVAL;
			ch = *c->p++;
			if (ch == '"')
				break;
			if (ch == '\\') {
				if (c->p >= c->end)
					return -EINVAL;
				ch = *c->p++;
			}
			if (ch == '\0')
				return -EINVAL;
			if (n + 1 >= size)
				return -E2BIG;
			out[n++] = ch;
		}
	} else {
		const char *t;
		size_t len = take_token(c, &t);

		if (len == 0)
			return -EINVAL;
		if (len >= size)
			return -E2BIG;
		memcpy(out, t, len);
		n = len;
	}
	out[n] = '\0';
	return 0;
}

static bool name_is(const char *p, size_t n, const char *name)
{
	return strlen(name) == n && strncasecmp(p, name, n) == 0;
}

static int parse_algo(const char *v, enum digest_algo *ret)
{
	static const struct {
		const char *name;
		enum digest_algo algo;
	} algos[] = {
		{ "MD5", DIGEST_MD5 },
		{ "MD5-sess", DIGEST_MD5_SESS },
		{ "SHA-256", DIGEST_SHA256 },
		{ "SHA-256-sess", DIGEST_SHA256_SESS },
	};

	for (size_t i = 0; i < sizeof(algos) / sizeof(algos[0]); i++)
		if (strcasecmp(v, algos[i].name) == 0) {
			*ret = algos[i].algo;
			return 0;
		}
	return -ENOTSUP;
}

/* qop is a comma separated list inside quotes; we implement only "auth". */
static bool qop_has_auth(const char *v)
{
	const char *p = v;

	while (*p) {
		size_t n;

		while (*p == ',' || is_lws(*p))
			p++;
		n = strcspn(p, ", \t\r\n");
		if (n == 4 && strncasecmp(p, "auth", 4) == 0)
			return true;
		p += n;
	}
	return false;
}

int digest_challenge_parse(const char *value, size_t len, struct digest_challenge *ret)
{
	struct digest_challenge ch = { .algo = DIGEST_MD5 };
	struct cursor c = { value, value + len };
	bool have_realm = false, have_nonce = false, have_qop = false;
	const char *name;
	size_t n;
	char v[256];
	int r;

	if (!value || !ret)
		return -EINVAL;
	skip_lws(&c);
	n = take_token(&c, &name);
	if (!name_is(name, n, "Digest") || c.p >= c.end || !is_lws(*c.p))
		return -EINVAL;

	for (;;) {
		skip_lws(&c);
		while (c.p < c.end && *c.p == ',') {
			c.p++;
			skip_lws(&c);
		}
		if (c.p >= c.end)
			break;
		n = take_token(&c, &name);
		if (n == 0)
			return -EINVAL;
		skip_lws(&c);
		if (c.p >= c.end || *c.p != '=')
			return -EINVAL;
		c.p++;
		skip_lws(&c);
		if (name_is(name, n, "realm")) {
			r = take_value(&c, ch.realm, sizeof(ch.realm));
			have_realm = true;
		} else if (name_is(name, n, "nonce")) {
			r = take_value(&c, ch.nonce, sizeof(ch.nonce));
			have_nonce = r == 0 && ch.nonce[0] != '\0';
		} else if (name_is(name, n, "opaque")) {
			r = take_value(&c, ch.opaque, sizeof(ch.opaque));
			ch.has_opaque = true;
		} else {
			r = take_value(&c, v, sizeof(v));
			if (r == 0 && name_is(name, n, "algorithm"))
				r = parse_algo(v, &ch.algo);
			else if (r == 0 && name_is(name, n, "qop")) {
				have_qop = true;
				ch.qop_auth = qop_has_auth(v);
			} else if (r == 0 && name_is(name, n, "stale"))
				ch.stale = strcasecmp(v, "true") == 0;
		}
		if (r < 0)
			return r;
		skip_lws(&c);
		if (c.p < c.end && *c.p != ',')
			return -EINVAL;
	}
	if (!have_realm || !have_nonce)
		return -EINVAL;
	if (have_qop && !ch.qop_auth)
		return -ENOTSUP;
	*ret = ch;
	return 0;
}

const char *digest_algo_name(enum digest_algo a)
{
	switch (a) {
	case DIGEST_MD5:
		return "MD5";
	case DIGEST_MD5_SESS:
		return "MD5-sess";
	case DIGEST_SHA256:
		return "SHA-256";
	case DIGEST_SHA256_SESS:
		return "SHA-256-sess";
	}
	return "MD5";
}

/* Hashes the @n strings joined by ':' with the challenge's hash, as lowercase hex into @hex. */
static int hash_joined(enum digest_algo a, const char *const *parts, size_t n, char *hex)
{
	unsigned char bin[EVP_MAX_MD_SIZE];
	unsigned int blen = 0;
	const EVP_MD *md;
	EVP_MD_CTX *ctx;
	int ok, r = lazylib_load(&libcrypto);

	if (r < 0)
		return r;
	md = (a == DIGEST_SHA256 || a == DIGEST_SHA256_SESS) ? evp.sha256() : evp.md5();
	ctx = evp.ctx_new();
	if (!ctx)
		return -EIO;
	ok = evp.init(ctx, md, NULL);
	for (size_t i = 0; ok && i < n; i++) {
		if (i > 0)
			ok = evp.update(ctx, ":", 1);
		if (ok)
			ok = evp.update(ctx, parts[i], strlen(parts[i]));
	}
	if (ok)
		ok = evp.final(ctx, bin, &blen);
	evp.ctx_free(ctx);
	if (!ok || blen * 2 >= DIGEST_HEX_MAX)
		return -EIO;
	for (unsigned int i = 0; i < blen; i++)
		snprintf(hex + 2 * i, 3, "%02x", bin[i]);
	return 0;
}

static bool is_sess(enum digest_algo a)
{
	return a == DIGEST_MD5_SESS || a == DIGEST_SHA256_SESS;
}

int digest_response(const struct digest_challenge *c, const char *user, const char *password,
		    const char *method, const char *uri, const char *cnonce, uint32_t nc,
		    char *ret)
{
	char ha1[DIGEST_HEX_MAX], ha2[DIGEST_HEX_MAX], ncs[9];
	int r;

	if (!c || !user || !password || !method || !uri || !ret)
		return -EINVAL;
	if ((c->qop_auth || is_sess(c->algo)) && !cnonce)
		return -EINVAL;

	r = hash_joined(c->algo, (const char *const[]){ user, c->realm, password }, 3, ha1);
	if (r == 0 && is_sess(c->algo))
		r = hash_joined(c->algo, (const char *const[]){ ha1, c->nonce, cnonce }, 3, ha1);
	if (r == 0)
		r = hash_joined(c->algo, (const char *const[]){ method, uri }, 2, ha2);
	if (r < 0)
		return r;
	if (!c->qop_auth)
		return hash_joined(c->algo, (const char *const[]){ ha1, c->nonce, ha2 }, 3, ret);
	snprintf(ncs, sizeof(ncs), "%08x", nc);
	return hash_joined(c->algo,
			   (const char *const[]){ ha1, c->nonce, ncs, cnonce, "auth", ha2 }, 6,
			   ret);
}

struct out {
	char *buf;
	size_t size, len;
	bool full;
};

static void put(struct out *o, const char *s)
{
	size_t n = strlen(s);

	if (o->len + n >= o->size) {
		o->full = true;
		return;
	}
	memcpy(o->buf + o->len, s, n + 1);
	o->len += n;
}

/* Appends name="value" with '"' and '\' escaped (RFC 7230 quoted-pair). */
static void put_quoted(struct out *o, const char *name, const char *value)
{
	put(o, name);
	put(o, "=\"");
	for (const char *p = value; *p; p++) {
		char ch[3] = { '\\', *p, '\0' };

		put(o, (*p == '"' || *p == '\\') ? ch : ch + 1);
	}
	put(o, "\"");
}

static bool has_crlf(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

int digest_authorization(const struct digest_challenge *c, const char *user, const char *password,
			 const char *method, const char *uri, const char *cnonce, uint32_t nc,
			 char *buf, size_t size)
{
	char resp[DIGEST_HEX_MAX], ncs[9];
	struct out o = { buf, size, 0, false };
	int r;

	if (!buf || size == 0)
		return -EINVAL;
	r = digest_response(c, user, password, method, uri, cnonce, nc, resp);
	if (r < 0)
		return r;
	if (has_crlf(user) || has_crlf(uri) || (cnonce && has_crlf(cnonce)) ||
	    has_crlf(c->realm) || has_crlf(c->nonce) || has_crlf(c->opaque))
		return -EINVAL;
	buf[0] = '\0';
	put(&o, "Digest ");
	put_quoted(&o, "username", user);
	put_quoted(&o, ", realm", c->realm);
	put_quoted(&o, ", nonce", c->nonce);
	put_quoted(&o, ", uri", uri);
	put_quoted(&o, ", response", resp);
	put(&o, ", algorithm=");
	put(&o, digest_algo_name(c->algo));
	if (c->qop_auth || is_sess(c->algo))
		put_quoted(&o, ", cnonce", cnonce);
	if (c->qop_auth) {
		snprintf(ncs, sizeof(ncs), "%08x", nc);
		put(&o, ", qop=auth, nc=");
		put(&o, ncs);
	}
	if (c->has_opaque)
		put_quoted(&o, ", opaque", c->opaque);
	if (o.full)
		return -ENOSPC;
	return (int)o.len;
}
