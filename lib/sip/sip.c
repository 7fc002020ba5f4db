/* lib/sip/sip.c: the SIP probe client: targets, OPTIONS and REGISTER transactions (RFC 3261 17.1.2,
 * non-INVITE client transaction, with digest authentication for REGISTER). */
#include "sip/sip.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "sip/digest.h"
#include "sip/sip_conn.h"
#include "sip/sip_msg.h"

/* RFC 3261 timers: first retransmission after T1, doubling up to T2. */
#define SIP_T1_MS 500
#define SIP_T2_MS 4000

#define SIP_USER_AGENT "sipha-probe"

static int parse_port(const char *s, uint16_t *ret)
{
	unsigned long v = 0;

	if (!*s || strlen(s) > 5)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*s - '0');
	}
	if (v == 0 || v > 65535)
		return -EINVAL;
	*ret = (uint16_t)v;
	return 0;
}

int sip_target_set(struct sip_target *ret, enum sip_transport transport, const char *addr,
		   uint16_t port)
{
	struct sip_target t = { .transport = transport };
	struct sockaddr_in *s4 = (struct sockaddr_in *)&t.addr;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&t.addr;

	if (!ret || !addr || port == 0 || (unsigned)transport > SIP_TLS)
		return -EINVAL;
	if (inet_pton(AF_INET, addr, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		t.addrlen = sizeof(*s4);
	} else if (inet_pton(AF_INET6, addr, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		t.addrlen = sizeof(*s6);
	} else {
		return -EINVAL;
	}
	*ret = t;
	return 0;
}

/* The transport named by the @n characters at @text, and its default port. Returns 0,
 * -EPROTONOSUPPORT for one Kamailio has but the probe does not speak, or -EINVAL. */
static int parse_transport(const char *text, size_t n, enum sip_transport *tr, uint16_t *port)
{
	static const char *const unsupported[] = { "sctp", "ws", "wss" };

	*port = SIP_DEFAULT_PORT;
	if (n == 3 && strncasecmp(text, "udp", 3) == 0) {
		*tr = SIP_UDP;
	} else if (n == 3 && strncasecmp(text, "tcp", 3) == 0) {
		*tr = SIP_TCP;
	} else if (n == 3 && strncasecmp(text, "tls", 3) == 0) {
		*tr = SIP_TLS;
		*port = SIP_DEFAULT_TLS_PORT;
	} else {
		for (size_t i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
			if (n == strlen(unsupported[i]) && strncasecmp(text, unsupported[i], n) == 0)
				return -EPROTONOSUPPORT;
		return -EINVAL;
	}
	return 0;
}

/* Splits "addr", "addr:port", "[v6]", "[v6]:port" or a bare IPv6 address in @rest (changed
 * in place) into @ret_addr and @port (left as it is when none is given). 0 or -EINVAL. */
static int split_host_port(char *rest, char **ret_addr, uint16_t *port)
{
	char *colon;

	*ret_addr = rest;
	if (rest[0] == '[') {
		char *close = strchr(rest, ']');

		if (!close)
			return -EINVAL;
		*close = '\0';
		*ret_addr = rest + 1;
		if (close[1] == ':' && parse_port(close + 2, port) < 0)
			return -EINVAL;
		if (close[1] != ':' && close[1] != '\0')
			return -EINVAL;
		/* Brackets hold an IPv6 address only. */
		return strchr(*ret_addr, ':') ? 0 : -EINVAL;
	}
	/* Two colons or more and no brackets: a bare IPv6 address, default port. */
	if (strchr(rest, ':') != strrchr(rest, ':'))
		return 0;
	colon = strchr(rest, ':');
	if (!colon)
		return 0;
	*colon = '\0';
	return parse_port(colon + 1, port) < 0 ? -EINVAL : 0;
}

int sip_target_parse(const char *text, struct sip_target *ret)
{
	enum sip_transport tr;
	uint16_t port;
	char rest[80], *addr;
	const char *p, *sep;
	size_t n;
	int r;

	if (!text || !ret)
		return -EINVAL;
	while (*text == ' ' || *text == '\t')
		text++;
	sep = strchr(text, ':');
	if (!sep)
		return -EINVAL;
	r = parse_transport(text, (size_t)(sep - text), &tr, &port);
	if (r < 0)
		return r;
	p = sep + 1;
	n = strlen(p);
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof(rest))
		return -EINVAL;
	memcpy(rest, p, n);
	rest[n] = '\0';
	if (split_host_port(rest, &addr, &port) < 0)
		return -EINVAL;
	return sip_target_set(ret, tr, addr, port);
}

/* "127.0.0.1:5060" or "[::1]:5060". */
static int target_hostport(const struct sip_target *t, char *buf, size_t size)
{
	char host[INET6_ADDRSTRLEN];
	int n;

	if (t->addr.ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)&t->addr;

		if (!inet_ntop(AF_INET, &s4->sin_addr, host, sizeof(host)))
			return -EINVAL;
		n = snprintf(buf, size, "%s:%u", host, ntohs(s4->sin_port));
	} else if (t->addr.ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)&t->addr;

		if (!inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof(host)))
			return -EINVAL;
		n = snprintf(buf, size, "[%s]:%u", host, ntohs(s6->sin6_port));
	} else {
		return -EINVAL;
	}
	if (n < 0)
		return -EINVAL;
	return (size_t)n >= size ? -ENOSPC : n;
}

int sip_target_format(const struct sip_target *t, char *buf, size_t size)
{
	char hp[INET6_ADDRSTRLEN + 8];
	int n;

	if (!t || !buf || (unsigned)t->transport > SIP_TLS)
		return -EINVAL;
	n = target_hostport(t, hp, sizeof(hp));
	if (n < 0)
		return n;
	n = snprintf(buf, size, "%s:%s", t->transport == SIP_TLS ? "tls" :
		     t->transport == SIP_TCP ? "tcp" : "udp", hp);
	if (n < 0)
		return -EINVAL;
	return (size_t)n >= size ? -ENOSPC : n;
}

static void conn_freep(struct sip_conn **c)
{
	if (*c) {
		sip_conn_close(*c);
		free(*c);
	}
}

#define _cleanup_conn_ __attribute__((cleanup(conn_freep)))

static int conn_new(const struct sip_target *t, int64_t deadline, struct sip_conn **ret)
{
	struct sip_conn *c;
	int r;

	if (!t || (unsigned)t->transport > SIP_TLS)
		return -EINVAL;
	if (clock_ms_left(deadline) == 0)
		return -ETIMEDOUT;
	c = malloc(sizeof(*c));
	if (!c)
		return -ENOMEM;
	r = sip_conn_open(c, t, deadline);
	if (r < 0) {
		free(c);
		return r;
	}
	*ret = c;
	return 0;
}

static void copy_text(char *dst, size_t size, struct sip_slice s)
{
	size_t n = s.n < size - 1 ? s.n : size - 1;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s.p[i];

		dst[i] = (ch < 0x20 || ch == 0x7f) ? '?' : (char)ch;
	}
	dst[n] = '\0';
}

/* One client transaction: sends @req (with a fresh branch) until its final response arrives in
 * @msg. UDP retransmits on timer E; replies to other transactions are ignored. */
static int transact(struct sip_conn *c, struct sip_msg_req *req, int64_t deadline,
		    struct sip_msg *msg, struct sip_reply *rep)
{
	char branch[7 + 24 + 1] = "z9hG4bK";
	char buf[4096];
	int64_t t0, next;
	int interval = SIP_T1_MS, n, r;

	r = sip_msg_random(branch + 7, sizeof(branch) - 7);
	if (r < 0)
		return r;
	req->branch = branch;
	req->proto = c->transport == SIP_TLS ? SIP_MSG_TLS :
		     c->transport == SIP_TCP ? SIP_MSG_TCP : SIP_MSG_UDP;
	req->via_host = c->local_host;
	req->via_port = c->local_port;
	n = sip_msg_build(req, buf, sizeof(buf));
	if (n < 0)
		return n;

	t0 = clock_now_ms();
	next = t0 + interval;
	r = sip_conn_send(c, buf, (size_t)n, deadline);
	if (r < 0)
		return r;
	rep->sent++;
	for (;;) {
		int64_t until = (c->transport == SIP_UDP && next < deadline) ? next : deadline;

		r = sip_conn_recv(c, until, msg);
		if (r == -ETIMEDOUT) {
			if (clock_ms_left(deadline) == 0 || c->transport != SIP_UDP)
				return -ETIMEDOUT;
			r = sip_conn_send(c, buf, (size_t)n, deadline);
			if (r < 0)
				return r;
			rep->sent++;
			interval = interval * 2 > SIP_T2_MS ? SIP_T2_MS : interval * 2;
			next = clock_now_ms() + interval;
			continue;
		}
		if (r < 0)
			return r;
		if (!sip_msg_matches(msg, req->call_id, req->cseq, req->method, branch))
			continue;
		/* Provisional: the server has it; keep retransmitting at T2 (RFC 3261 17.1.2.2). */
		if (msg->code < 200) {
			interval = SIP_T2_MS;
			continue;
		}
		rep->rtt_ms = clock_now_ms() - t0;
		return 0;
	}
}

static void fill_reply(struct sip_reply *rep, const struct sip_msg *m)
{
	rep->code = m->code;
	copy_text(rep->reason, sizeof(rep->reason), m->reason);
	copy_text(rep->server, sizeof(rep->server), m->server);
}

/* Per-request identifiers: random Call-ID and From tag. */
struct ids {
	char call_id[33];
	char from_tag[17];
};

static int ids_new(struct ids *ids)
{
	int r = sip_msg_random(ids->call_id, sizeof(ids->call_id));

	return r < 0 ? r : sip_msg_random(ids->from_tag, sizeof(ids->from_tag));
}

int sip_options(const struct sip_target *t, int64_t deadline, struct sip_reply *ret)
{
	struct sip_conn *c _cleanup_conn_ = NULL;
	struct sip_reply rep = { .expires = -1 };
	char hp[INET6_ADDRSTRLEN + 8], ruri[INET6_ADDRSTRLEN + 16], from[INET6_ADDRSTRLEN + 16];
	struct sip_msg msg;
	struct ids ids;
	int r;

	if (!t || !ret)
		return -EINVAL;
	r = target_hostport(t, hp, sizeof(hp));
	if (r < 0)
		return r;
	r = ids_new(&ids);
	if (r < 0)
		return r;
	r = conn_new(t, deadline, &c);
	if (r < 0)
		return r;
	snprintf(ruri, sizeof(ruri), "sip:%s", hp);
	snprintf(from, sizeof(from), "sip:sipha@%s", c->local_host);
	r = transact(c,
		     &(struct sip_msg_req){
			     .method = "OPTIONS",
			     .ruri = ruri,
			     .from_uri = from,
			     .from_tag = ids.from_tag,
			     .to_uri = ruri,
			     .call_id = ids.call_id,
			     .cseq = 1,
			     .user_agent = SIP_USER_AGENT,
		     },
		     deadline, &msg, &rep);
	if (r < 0)
		return r;
	fill_reply(&rep, &msg);
	*ret = rep;
	return 0;
}

/* User parts (RFC 3261 25.1: unreserved / escaped / user-unreserved) and hosts (names, IPv4,
 * [IPv6], optional port): anything else could break the URI or the message. */
static bool uri_part_ok(const char *s, const char *extra)
{
	if (!s || !*s || strlen(s) > 128)
		return false;
	for (; *s; s++) {
		char c = *s;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr(extra, c)))
			return false;
	}
	return true;
}

#define USER_CHARS "-_.!~*'()%&=+$,;?/"
#define HOST_CHARS "-.:[]"

/* Answers the challenge in @m (a 401/407) by setting credentials on @req.
 * Returns 1 when credentials were set, 0 when no usable challenge is there. */
static int answer_challenge(const struct sip_msg *m, const struct sip_register_req *r,
			    struct sip_msg_req *req, bool need_stale, char *hdr, size_t size)
{
	bool proxy = m->code == 407;
	struct digest_challenge ch;
	char cnonce[17];
	int n;

	for (unsigned int i = 0; i < m->nauth; i++) {
		if (m->auth_proxy[i] != proxy)
			continue;
		if (digest_challenge_parse(m->auth[i].p, m->auth[i].n, &ch) < 0)
			continue;
		if (need_stale && !ch.stale)
			return 0;
		n = sip_msg_random(cnonce, sizeof(cnonce));
		if (n < 0)
			return n;
		n = digest_authorization(&ch, r->user, r->password, req->method, req->ruri,
					 cnonce, 1, hdr, size);
		if (n < 0)
			return n;
		req->authorization = hdr;
		req->proxy_authorization = proxy;
		return 1;
	}
	return 0;
}

/* Sends @req and answers a digest challenge with @r's password: once, and a second time only
 * when the first nonce went stale. @auth holds the Authorization header for @req. */
static int transact_with_auth(struct sip_conn *c, const struct sip_register_req *r,
			      struct sip_msg_req *req, int64_t deadline, struct sip_msg *msg,
			      struct sip_reply *rep, char *auth, size_t authlen)
{
	int rc = transact(c, req, deadline, msg, rep);

	for (int answered = 0; rc == 0 && (msg->code == 401 || msg->code == 407) &&
			       r->password && answered < 2; answered++) {
		int set = answer_challenge(msg, r, req, answered > 0, auth, authlen);

		if (set <= 0)
			return set;
		rep->challenged = true;
		req->cseq++;
		rc = transact(c, req, deadline, msg, rep);
	}
	return rc;
}

int sip_register(const struct sip_target *t, const struct sip_register_req *r,
		 int64_t deadline, struct sip_reply *ret)
{
	struct sip_conn *c _cleanup_conn_ = NULL;
	struct sip_reply rep = { .expires = -1 };
	const char *cuser;
	char hp[INET6_ADDRSTRLEN + 8], ruri[160], aor[300], contact[200], auth[1024];
	struct sip_msg msg;
	struct sip_msg_req req;
	struct ids ids;
	int rc;

	if (!t || !r || !ret)
		return -EINVAL;
	cuser = r->contact_user ? r->contact_user : r->user;
	if (!uri_part_ok(r->user, USER_CHARS) || !uri_part_ok(cuser, USER_CHARS) ||
	    (r->domain && !uri_part_ok(r->domain, HOST_CHARS)) || r->expires < 0 ||
	    (r->password && strpbrk(r->password, "\r\n")))
		return -EINVAL;
	rc = target_hostport(t, hp, sizeof(hp));
	if (rc < 0)
		return rc;
	rc = ids_new(&ids);
	if (rc < 0)
		return rc;
	rc = conn_new(t, deadline, &c);
	if (rc < 0)
		return rc;
	snprintf(ruri, sizeof(ruri), "sip:%s", r->domain ? r->domain : hp);
	snprintf(aor, sizeof(aor), "sip:%s@%s", r->user, r->domain ? r->domain : hp);
	/* No port: the same contact from any socket, so an un-REGISTER finds it. */
	snprintf(contact, sizeof(contact), "sip:%s@%s", cuser, c->local_host);
	req = (struct sip_msg_req){
		.method = "REGISTER",
		.ruri = ruri,
		.from_uri = aor,
		.from_tag = ids.from_tag,
		.to_uri = aor,
		.call_id = ids.call_id,
		.cseq = 1,
		.contact = contact,
		.has_expires = true,
		.expires = (unsigned int)r->expires,
		.user_agent = SIP_USER_AGENT,
	};
	rc = transact_with_auth(c, r, &req, deadline, &msg, &rep, auth, sizeof(auth));
	if (rc < 0)
		return rc;
	fill_reply(&rep, &msg);
	if (msg.code >= 200 && msg.code < 300) {
		int e = sip_msg_contact_expires(&msg, contact);

		rep.expires = e >= 0 ? e : -1;
		rep.contacts = (int)sip_msg_contact_count(&msg);
	}
	*ret = rep;
	return 0;
}
