/* lib/sip/sip_msg.h: SIP message text for the probe client (RFC 3261): build a request, parse a
 * response, match a response to its request. Pure functions: no I/O, no allocation. */
#ifndef SIPHA_SIP_MSG_H
#define SIPHA_SIP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest message we build or accept: the largest UDP datagram. */
#define SIP_MSG_MAX 65535

/* A piece of the parsed buffer: not NUL-terminated, valid as long as the buffer is. */
struct sip_slice {
	const char *p;
	size_t n;
};

#define SIP_MSG_MAX_AUTH 4
#define SIP_MSG_MAX_CONTACT 16

/* What sip_msg_parse() keeps of a response. Slices are trimmed of surrounding whitespace; for
 * headers that may repeat, the first occurrence wins unless said otherwise. */
struct sip_msg {
	int code;			/* 100..699 */
	struct sip_slice reason;	/* may be empty */
	struct sip_slice call_id;
	uint32_t cseq;
	struct sip_slice cseq_method;
	unsigned int nvia;		/* Via values, counting comma separated ones */
	struct sip_slice via_branch;	/* branch= of the topmost Via; empty if none */
	struct sip_slice from_tag, to_tag;
	struct sip_slice server;	/* Server:, else User-Agent:; may be empty */
	int expires;			/* Expires: header, -1 when absent */
	/* WWW-Authenticate / Proxy-Authenticate values in order (first SIP_MSG_MAX_AUTH) */
	struct sip_slice auth[SIP_MSG_MAX_AUTH];
	bool auth_proxy[SIP_MSG_MAX_AUTH];	/* true: from Proxy-Authenticate */
	unsigned int nauth;
	/* Contact header values (each may hold several comma separated contacts) */
	struct sip_slice contact[SIP_MSG_MAX_CONTACT];
	unsigned int ncontact;
	long content_length;		/* -1 when absent */
	size_t head_len;		/* start line + headers + empty line */
	size_t len;			/* whole message: head_len + body */
};

/* Parses the response at the start of @buf (@len bytes). Header names are matched without
 * regard to case, compact forms (v i f t l m) are understood, folded lines are joined (the
 * slices then contain the folding CRLF and whitespace). The body is skipped.
 * With @stream (TCP) the message ends after Content-Length bytes of body (a missing
 * Content-Length is an error) and more bytes may follow; without it (UDP) the datagram is the
 * message, Content-Length may be absent and must not exceed what is there.
 * Returns 0 and fills @ret; -EAGAIN when @buf ends before the message does (stream: read more;
 * datagram: it was truncated); -EBADMSG when it is not a well-formed SIP/2.0 response or lacks
 * Call-ID, CSeq or Via; -EMSGSIZE when the header part exceeds SIP_MSG_MAX. */
int sip_msg_parse(const char *buf, size_t len, bool stream, struct sip_msg *ret);

/* Whether @m answers the request identified by @call_id, @cseq, @method and the @branch of the
 * Via we put in it (the topmost Via of the response, compared exactly; Call-ID exactly, method
 * case-sensitively as RFC 3261 wants). */
bool sip_msg_matches(const struct sip_msg *m, const char *call_id, uint32_t cseq,
		     const char *method, const char *branch);

/* The expiry the registrar granted to @uri (compared without case, angle brackets stripped):
 * its ;expires= parameter in the response's Contact values, else the Expires header. Returns
 * seconds >= 0, or -ENOENT when @uri is not among the contacts (e.g. removed by an
 * un-REGISTER), -EINVAL on bad arguments. */
int sip_msg_contact_expires(const struct sip_msg *m, const char *uri);

/* Number of contacts (bindings) listed in the response's Contact headers. */
unsigned int sip_msg_contact_count(const struct sip_msg *m);

enum sip_msg_proto { SIP_MSG_UDP, SIP_MSG_TCP, SIP_MSG_TLS };

/* What goes into a request; every string is mandatory unless marked optional. */
struct sip_msg_req {
	const char *method;		/* "OPTIONS", "REGISTER" */
	const char *ruri;		/* "sip:127.0.0.1:5060;transport=tcp" */
	enum sip_msg_proto proto;	/* for Via */
	const char *via_host;		/* our address as sent-by; IPv6 in brackets */
	uint16_t via_port;
	const char *branch;		/* complete, starting with "z9hG4bK" */
	const char *from_uri, *from_tag;
	const char *to_uri;
	const char *call_id;
	uint32_t cseq;
	const char *contact;		/* optional: URI without angle brackets */
	bool has_expires;		/* add an Expires header ... */
	unsigned int expires;		/* ... with this value */
	const char *authorization;	/* optional: value of the credentials header */
	bool proxy_authorization;	/* credentials go in Proxy-Authorization */
	const char *user_agent;		/* optional */
};

/* Writes the request @r into @buf (@size bytes, NUL-terminated): request line, Via with rport
 * and branch, Max-Forwards: 70, From with tag, To, Call-ID, CSeq, optional Contact, Expires,
 * (Proxy-)Authorization and User-Agent, Content-Length: 0. Returns the length, -EINVAL when a
 * mandatory field is missing, the branch lacks the RFC 3261 magic cookie or any field contains
 * CR, LF or NUL-breaking junk (no header injection), -ENOSPC when @buf is too small. */
int sip_msg_build(const struct sip_msg_req *r, char *buf, size_t size);

/* Fills @buf with @n - 1 random token characters ([0-9a-z]) and a NUL, from getrandom().
 * Returns 0 or -errno. */
int sip_msg_random(char *buf, size_t n);

#endif
