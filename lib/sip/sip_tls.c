/* lib/sip/sip_tls.c: non-blocking TLS client sessions for the SIP probe, libssl loaded lazily. */
#include "sip/sip_tls.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include <openssl/ssl.h>

#include "core/lazylib.h"

static struct {
	__typeof__(TLS_client_method) *client_method;
	__typeof__(SSL_CTX_new) *ctx_new;
	__typeof__(SSL_CTX_free) *ctx_free;
	__typeof__(SSL_CTX_set_verify) *ctx_set_verify;
	__typeof__(SSL_new) *new_;
	__typeof__(SSL_free) *free_;
	__typeof__(SSL_set_fd) *set_fd;
	__typeof__(SSL_connect) *connect_;
	__typeof__(SSL_read) *read_;
	__typeof__(SSL_write) *write_;
	__typeof__(SSL_get_error) *get_error;
} ssl;
static const struct lazylib_sym ssl_syms[] = {
	LAZYLIB_SYM(ssl.client_method, "TLS_client_method"),
	LAZYLIB_SYM(ssl.ctx_new, "SSL_CTX_new"),
	LAZYLIB_SYM(ssl.ctx_free, "SSL_CTX_free"),
	LAZYLIB_SYM(ssl.ctx_set_verify, "SSL_CTX_set_verify"),
	LAZYLIB_SYM(ssl.new_, "SSL_new"),
	LAZYLIB_SYM(ssl.free_, "SSL_free"),
	LAZYLIB_SYM(ssl.set_fd, "SSL_set_fd"),
	LAZYLIB_SYM(ssl.connect_, "SSL_connect"),
	LAZYLIB_SYM(ssl.read_, "SSL_read"),
	LAZYLIB_SYM(ssl.write_, "SSL_write"),
	LAZYLIB_SYM(ssl.get_error, "SSL_get_error"),
};
static struct lazylib libssl = {
	.soname = SSL_SONAME,
	.syms = ssl_syms,
	.nsyms = sizeof(ssl_syms) / sizeof(ssl_syms[0]),
};
LAZYLIB_DLOPEN_NOTE(libssl_note, "sip-tls", "SIP probes of tls: targets", "recommended",
		    SSL_SONAME);

int sip_tls_new(int fd, void **ret)
{
	SSL_CTX *ctx;
	SSL *s;
	int r = lazylib_load(&libssl);

	if (r < 0)
		return r;
	ctx = ssl.ctx_new(ssl.client_method());
	if (!ctx)
		return -ENOMEM;
	ssl.ctx_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	s = ssl.new_(ctx);
	ssl.ctx_free(ctx);	/* the session holds its own reference */
	if (!s)
		return -ENOMEM;
	if (ssl.set_fd(s, fd) != 1) {
		ssl.free_(s);
		return -ENOMEM;
	}
	*ret = s;
	return 0;
}

/* Maps a failed SSL call's result to -EAGAIN (with the event to wait for) or an error. */
static int fail(SSL *s, int r, short *want)
{
	switch (ssl.get_error(s, r)) {
	case SSL_ERROR_WANT_READ:
		*want = POLLIN;
		return -EAGAIN;
	case SSL_ERROR_WANT_WRITE:
		*want = POLLOUT;
		return -EAGAIN;
	case SSL_ERROR_ZERO_RETURN:
	case SSL_ERROR_SYSCALL:
		return -ECONNRESET;
	default:
		return -EPROTO;
	}
}

int sip_tls_handshake(void *tls, short *want)
{
	int r = ssl.connect_(tls);

	return r == 1 ? 0 : fail(tls, r, want);
}

ssize_t sip_tls_read(void *tls, void *buf, size_t len, short *want)
{
	int n = ssl.read_(tls, buf, len > 1 << 30 ? 1 << 30 : (int)len);

	if (n > 0)
		return n;
	n = fail(tls, n, want);
	return n == -ECONNRESET ? 0 : n;
}

ssize_t sip_tls_write(void *tls, const void *buf, size_t len, short *want)
{
	int n = ssl.write_(tls, buf, len > 1 << 30 ? 1 << 30 : (int)len);

	return n > 0 ? n : fail(tls, n, want);
}

void sip_tls_free(void *tls)
{
	if (tls)
		ssl.free_(tls);
}
