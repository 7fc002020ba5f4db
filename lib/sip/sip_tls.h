/* lib/sip/sip_tls.h: the TLS layer of a SIP probe connection, through OpenSSL's libssl loaded on
 * first use (lib/core/lazylib.h). The probe asks whether Kamailio answers SIP on its TLS socket; it
 * does not authenticate the server (no certificate verification: it is the node's own). */
#ifndef SIPHA_SIP_TLS_H
#define SIPHA_SIP_TLS_H

#include <stddef.h>
#include <sys/types.h>

/* Wraps the connected non-blocking socket @fd. Returns 0 with the session in *@ret, -ELIBACC
 * when libssl cannot be loaded (the loader's reason in lazylib_error()), -ENOMEM. */
int sip_tls_new(int fd, void **ret);

/* One step of the client handshake: 0 when done, -EAGAIN with the poll event to wait for in
 * *@want, -ECONNRESET/-EPROTO when it failed. */
int sip_tls_handshake(void *tls, short *want);

/* Reads/writes like recv/send: bytes moved; 0 (read: closed by the peer); -EAGAIN with the
 * poll event in *@want; -ECONNRESET or -EPROTO. */
ssize_t sip_tls_read(void *tls, void *buf, size_t len, short *want);
ssize_t sip_tls_write(void *tls, const void *buf, size_t len, short *want);

/* Frees the session (no blocking shutdown exchange); NULL is fine. */
void sip_tls_free(void *tls);

#endif
