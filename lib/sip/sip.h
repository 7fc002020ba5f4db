/* lib/sip/sip.h: the SIP probe client: OPTIONS and REGISTER transactions against one SIP server
 * socket over UDP, TCP or TLS, IPv4 or IPv6, each bounded by an absolute deadline.
 *
 * Every function returns 0 on success or a negative errno, never prints, never blocks past its
 * deadline (a clock_now_ms() value from lib/core/clock.h), and closes every socket it opened before
 * returning. Nothing is shared between calls: any number may run in parallel threads. */
#ifndef SIPHA_SIP_H
#define SIPHA_SIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

enum sip_transport { SIP_UDP, SIP_TCP, SIP_TLS };

#define SIP_DEFAULT_PORT 5060
#define SIP_DEFAULT_TLS_PORT 5061

/* Where requests go. */
struct sip_target {
	enum sip_transport transport;
	struct sockaddr_storage addr;	/* AF_INET or AF_INET6 with the port set */
	socklen_t addrlen;
};

/* Parses a listen socket in Kamailio's syntax: PROTO:ADDR[:PORT] with PROTO "udp", "tcp" or
 * "tls" (any case), ADDR a numeric IPv4 address or an IPv6 address (in brackets when a port
 * follows; "udp:::1" is accepted too), PORT 1..65535, default 5060 (tls: 5061). Examples:
 * "udp:192.0.2.1:5060", "tcp:[2001:db8::1]:5060", "tls:127.0.0.1". Surrounding whitespace is
 * ignored. TLS: the server's certificate is not verified (the probe asks whether the node's
 * own Kamailio answers, it does not authenticate it).
 * Returns 0 and fills @ret; -EPROTONOSUPPORT for "sctp", "ws", "wss" (well formed but
 * not probed by this client); -EINVAL for anything else, including host names and interface
 * names (Kamailio accepts those; resolve them first). */
int sip_target_parse(const char *text, struct sip_target *ret);

/* Fills @ret from @transport and a numeric address string and port (e.g. from Kamailio's
 * socket list RPC). Returns 0 or -EINVAL. */
int sip_target_set(struct sip_target *ret, enum sip_transport transport, const char *addr,
		   uint16_t port);

/* Writes @t as "udp:127.0.0.1:5060" or "tcp:[::1]:5060" into @buf (NUL-terminated).
 * Returns the length, -ENOSPC when @size is too small, -EINVAL for a bad target. */
int sip_target_format(const struct sip_target *t, char *buf, size_t size);

/* The final response of a transaction (RFC 3261: code >= 200). */
struct sip_reply {
	int code;		/* 200..699 */
	char reason[64];	/* reason phrase, truncated; control characters replaced by '?' */
	char server[64];	/* Server (or User-Agent) header, "" when absent; truncated */
	int expires;		/* REGISTER 2xx: seconds granted to our contact; -1 when the reply
				 * does not list it (the normal result of an un-REGISTER) */
	int contacts;		/* REGISTER 2xx: bindings the reply lists for the AOR */
	int sent;		/* requests written, retransmissions and the authenticated retry
				 * included */
	bool challenged;	/* a 401/407 challenge was answered with credentials */
	int64_t rtt_ms;		/* first transmission of the last request -> its final reply */
};

/* Sends OPTIONS sip:HOST:PORT (no user part: a request the server answers itself; Kamailio's
 * stock config replies "200 Keepalive") to @t and waits for the final reply.
 * UDP: connected socket, retransmitted after 500 ms, doubling up to 4 s (RFC 3261 timer E),
 * until a final reply or the deadline; replies that do not match Call-ID, CSeq and Via branch
 * are ignored, and so are malformed datagrams. TCP: non-blocking connect bounded by the
 * deadline, one request, the reply framed by Content-Length.
 * Returns 0 and fills @ret for ANY final reply (also 4xx-6xx: look at ret->code);
 * -ETIMEDOUT when no final reply came before @deadline (a deadline already past gives
 * -ETIMEDOUT before anything is sent); -ECONNREFUSED when the port is closed (TCP RST, or for
 * UDP an ICMP port unreachable); -ECONNRESET when a TCP server closed the connection before
 * answering; -EPROTO when a TCP server sent something that is not a SIP response; -EMSGSIZE when
 * its response is larger than 64 KiB; other -errno from socket calls (e.g. -ENETUNREACH). */
int sip_options(const struct sip_target *t, int64_t deadline, struct sip_reply *ret);

/* A REGISTER of one contact for the address-of-record sip:USER@DOMAIN. */
struct sip_register_req {
	const char *user;	/* AOR user part and digest username; required */
	const char *domain;	/* AOR domain and R-URI "sip:DOMAIN"; NULL: the target's address */
	const char *password;	/* NULL: send no credentials, return a 401/407 as the reply */
	int expires;		/* Expires header, >= 0; 0 removes the contact (un-REGISTER) */
	const char *contact_user; /* Contact sip:CONTACT_USER@LOCAL_ADDRESS; NULL: @user */
};

/* Sends REGISTER to @t and waits for the final reply, with the transport behaviour of
 * sip_options(). The contact is sip:CONTACT_USER@LOCAL_ADDRESS without a port, so that the
 * same request with expires 0 (from a new socket, new port) removes exactly that binding.
 * When the reply is 401 or 407 and @r->password is set, answers the (first usable) challenge once
 * with digest credentials (MD5, MD5-sess, SHA-256, SHA-256-sess; qop=auth when offered) on the
 * same socket, same Call-ID, CSeq + 1, and once more only if the server says the nonce was
 * stale. A wrong password thus ends with the server's answer to the credentials (Kamailio:
 * another 401, or 403).
 * Returns 0 and fills @ret for any final reply (a 500 there is a server in trouble: look at
 * ret->code); -EINVAL when user/domain/contact_user contain characters not allowed in a SIP URI
 * (user: letters, digits and -_.!~*'()%&=+$,;?/ ; domain: letters, digits and -.:[] ; at most
 * 128 each), the password contains CR or LF, or expires < 0; otherwise the errors of
 * sip_options(). */
int sip_register(const struct sip_target *t, const struct sip_register_req *r,
		 int64_t deadline, struct sip_reply *ret);

#endif
