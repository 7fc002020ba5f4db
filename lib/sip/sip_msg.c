/* lib/sip/sip_msg.c: SIP request text out, SIP response text in (RFC 3261 sections 7, 8, 20). */
#include "sip/sip_msg.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

static bool is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static bool is_lws(char c)
{
	return is_ws(c) || c == '\r' || c == '\n';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_token(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
	       (c != '\0' && strchr("-.!%*_+`'~", c) != NULL);
}

static struct sip_slice trim(const char *p, const char *end)
{
	while (p < end && is_lws(*p))
		p++;
	while (end > p && is_lws(end[-1]))
		end--;
	return (struct sip_slice){ p, (size_t)(end - p) };
}

static bool slice_is(struct sip_slice s, const char *str)
{
	return s.n == strlen(str) && memcmp(s.p, str, s.n) == 0;
}

static bool slice_casei(struct sip_slice s, const char *str)
{
	return s.n == strlen(str) && strncasecmp(s.p, str, s.n) == 0;
}

/* Parses decimal digits of @s completely into @ret (saturating at @max). */
static int slice_uint(struct sip_slice s, unsigned long max, unsigned long *ret)
{
	unsigned long v = 0;

	if (s.n == 0)
		return -EBADMSG;
	for (size_t i = 0; i < s.n; i++) {
		if (!is_digit(s.p[i]))
			return -EBADMSG;
		v = v * 10 + (unsigned long)(s.p[i] - '0');
		if (v > max)
			v = max + 1;
	}
	*ret = v;
	return 0;
}

/* Next element of a comma separated header value starting at @p: stops at a comma outside
 * quoted strings and angle brackets. */
static const char *list_elem_end(const char *p, const char *end)
{
	bool quoted = false, angled = false;

	for (; p < end; p++) {
		if (quoted) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '"')
				quoted = false;
		} else if (*p == '"') {
			quoted = true;
		} else if (*p == '<') {
			angled = true;
		} else if (*p == '>') {
			angled = false;
		} else if (*p == ',' && !angled) {
			break;
		}
	}
	return p;
}

/* Value of parameter @name (";name=value") in a parameter list [p, end), up to ; , or space. */
static struct sip_slice find_param(const char *p, const char *end, const char *name)
{
	size_t nlen = strlen(name);

	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *q;

		if (!semi)
			break;
		q = semi + 1;
		while (q < end && is_lws(*q))
			q++;
		if ((size_t)(end - q) > nlen && strncasecmp(q, name, nlen) == 0) {
			const char *v = q + nlen;

			while (v < end && is_lws(*v))
				v++;
			if (v < end && *v == '=') {
				const char *e;

				v++;
				while (v < end && is_lws(*v))
					v++;
				e = v;
				while (e < end && *e != ';' && *e != ',' && !is_lws(*e))
					e++;
				return (struct sip_slice){ v, (size_t)(e - v) };
			}
		}
		p = q;
	}
	return (struct sip_slice){ NULL, 0 };
}

/* Splits a name-addr / addr-spec ("Name" <uri>;params or uri;params) into URI and params. */
static void split_addr(struct sip_slice v, struct sip_slice *uri, struct sip_slice *params)
{
	const char *end = v.p + v.n;
	const char *lt = NULL, *gt = NULL;
	bool quoted = false;

	for (const char *p = v.p; p < end; p++) {
		if (quoted) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '"')
				quoted = false;
		} else if (*p == '"') {
			quoted = true;
		} else if (*p == '<' && !lt) {
			lt = p;
		} else if (*p == '>' && lt) {
			gt = p;
			break;
		}
	}
	if (lt && gt) {
		*uri = trim(lt + 1, gt);
		*params = (struct sip_slice){ gt + 1, (size_t)(end - gt - 1) };
	} else {
		const char *semi = memchr(v.p, ';', v.n);

		if (!semi)
			semi = end;
		*uri = trim(v.p, semi);
		*params = (struct sip_slice){ semi, (size_t)(end - semi) };
	}
}

static struct sip_slice addr_tag(struct sip_slice v)
{
	struct sip_slice uri, params;

	split_addr(v, &uri, &params);
	return find_param(params.p, params.p + params.n, "tag");
}

enum hdr {
	H_OTHER,
	H_VIA,
	H_CALL_ID,
	H_CSEQ,
	H_FROM,
	H_TO,
	H_CONTENT_LENGTH,
	H_CONTACT,
	H_EXPIRES,
	H_SERVER,
	H_USER_AGENT,
	H_WWW_AUTH,
	H_PROXY_AUTH,
};

static enum hdr header_kind(struct sip_slice name)
{
	static const struct {
		const char *name;
		char compact;
		enum hdr kind;
	} names[] = {
		{ "Via", 'v', H_VIA },
		{ "Call-ID", 'i', H_CALL_ID },
		{ "CSeq", 0, H_CSEQ },
		{ "From", 'f', H_FROM },
		{ "To", 't', H_TO },
		{ "Content-Length", 'l', H_CONTENT_LENGTH },
		{ "Contact", 'm', H_CONTACT },
		{ "Expires", 0, H_EXPIRES },
		{ "Server", 0, H_SERVER },
		{ "User-Agent", 0, H_USER_AGENT },
		{ "WWW-Authenticate", 0, H_WWW_AUTH },
		{ "Proxy-Authenticate", 0, H_PROXY_AUTH },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (slice_casei(name, names[i].name))
			return names[i].kind;
		if (name.n == 1 && names[i].compact &&
		    (name.p[0] | 0x20) == names[i].compact)
			return names[i].kind;
	}
	return H_OTHER;
}

static int parse_via(struct sip_msg *m, struct sip_slice v)
{
	const char *p = v.p, *end = v.p + v.n;

	while (p < end) {
		const char *e = list_elem_end(p, end);
		struct sip_slice one = trim(p, e);

		if (one.n == 0)
			return -EBADMSG;
		if (m->nvia == 0) {
			m->via_branch = find_param(one.p, one.p + one.n, "branch");
			if (!m->via_branch.p)
				m->via_branch = (struct sip_slice){ one.p, 0 };
		}
		m->nvia++;
		p = e < end ? e + 1 : e;
	}
	return 0;
}

static int parse_cseq(struct sip_msg *m, struct sip_slice v)
{
	const char *p = v.p, *end = v.p + v.n, *d = p;
	unsigned long n;

	while (p < end && is_digit(*p))
		p++;
	if (slice_uint((struct sip_slice){ d, (size_t)(p - d) }, 0x7fffffffUL, &n) < 0 ||
	    n > 0x7fffffffUL || p >= end || !is_lws(*p))
		return -EBADMSG;
	m->cseq_method = trim(p, end);
	for (size_t i = 0; i < m->cseq_method.n; i++)
		if (!is_token(m->cseq_method.p[i]))
			return -EBADMSG;
	if (m->cseq_method.n == 0)
		return -EBADMSG;
	m->cseq = (uint32_t)n;
	return 0;
}

static int parse_header(struct sip_msg *m, struct sip_slice name, struct sip_slice v,
			bool *seen_cseq)
{
	unsigned long n;

	switch (header_kind(name)) {
	case H_VIA:
		return parse_via(m, v);
	case H_CALL_ID:
		if (v.n == 0)
			return -EBADMSG;
		if (!m->call_id.p)
			m->call_id = v;
		return 0;
	case H_CSEQ:
		if (*seen_cseq)
			return 0;
		*seen_cseq = true;
		return parse_cseq(m, v);
	case H_FROM:
		if (!m->from_tag.p)
			m->from_tag = addr_tag(v);
		return 0;
	case H_TO:
		if (!m->to_tag.p)
			m->to_tag = addr_tag(v);
		return 0;
	case H_CONTENT_LENGTH:
		if (slice_uint(v, LONG_MAX / 2, &n) < 0 || n > LONG_MAX / 2)
			return -EBADMSG;
		/* Two different lengths would let us frame the stream wrongly. */
		if (m->content_length >= 0 && (unsigned long)m->content_length != n)
			return -EBADMSG;
		m->content_length = (long)n;
		return 0;
	case H_CONTACT:
		if (m->ncontact < SIP_MSG_MAX_CONTACT)
			m->contact[m->ncontact++] = v;
		return 0;
	case H_EXPIRES:
		/* RFC 3261 allows up to 2^32-1; the probe only cares about 0 vs not 0. */
		if (m->expires < 0 && slice_uint(v, INT_MAX, &n) == 0)
			m->expires = n > INT_MAX ? INT_MAX : (int)n;
		return 0;
	case H_SERVER:
		m->server = v;
		return 0;
	case H_USER_AGENT:
		if (!m->server.p)
			m->server = v;
		return 0;
	case H_WWW_AUTH:
	case H_PROXY_AUTH:
		if (m->nauth < SIP_MSG_MAX_AUTH) {
			m->auth_proxy[m->nauth] = header_kind(name) == H_PROXY_AUTH;
			m->auth[m->nauth++] = v;
		}
		return 0;
	case H_OTHER:
		return 0;
	}
	return 0;
}

/* "SIP/2.0 200 OK": version, a 3 digit code 100..699, a space, any reason phrase. */
static int parse_status(struct sip_msg *m, const char *p, const char *end)
{
	static const char ver[] = "SIP/2.0 ";
	size_t vlen = sizeof(ver) - 1;

	if ((size_t)(end - p) < vlen + 3 || strncasecmp(p, ver, vlen) != 0)
		return -EBADMSG;
	p += vlen;
	if (!is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]))
		return -EBADMSG;
	m->code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	if (m->code < 100 || m->code > 699)
		return -EBADMSG;
	p += 3;
	if (p < end && *p != ' ')
		return -EBADMSG;
	if (p < end)
		p++;
	for (const char *q = p; q < end; q++)
		if ((unsigned char)*q < 0x20 && *q != '\t')
			return -EBADMSG;
	m->reason = trim(p, end);
	return 0;
}

/* End of the line starting at @p (position of its LF), or NULL. */
static const char *line_end(const char *p, const char *end)
{
	return memchr(p, '\n', (size_t)(end - p));
}

/* Content of a line without its CR LF. */
static const char *strip_cr(const char *p, const char *lf)
{
	return (lf > p && lf[-1] == '\r') ? lf - 1 : lf;
}

/* Where the header part ends (after its empty line: LF, optional CR, LF), in @ret_end.
 * Returns 0, -EAGAIN when not all of it is here yet, -EMSGSIZE past SIP_MSG_MAX. */
static int find_head_end(const char *buf, const char *start, const char *end,
			 const char **ret_end)
{
	const char *p, *lf;

	for (p = start; (lf = line_end(p, end)) != NULL; p = lf + 1) {
		if (lf + 1 < end && lf[1] == '\n') {
			*ret_end = lf + 2;
			break;
		}
		if (lf + 2 < end && lf[1] == '\r' && lf[2] == '\n') {
			*ret_end = lf + 3;
			break;
		}
		if ((size_t)(lf - buf) > SIP_MSG_MAX)
			return -EMSGSIZE;
	}
	if (!*ret_end)
		return (size_t)(end - buf) > SIP_MSG_MAX ? -EMSGSIZE : -EAGAIN;
	return (size_t)(*ret_end - buf) > SIP_MSG_MAX ? -EMSGSIZE : 0;
}

/* Each header from @p to @head_end: a name, a colon, a value running on over lines starting
 * with SP/HT. Returns 0 or -EBADMSG. */
static int parse_headers(struct sip_msg *m, const char *p, const char *head_end,
			 bool *seen_cseq)
{
	while (p < head_end) {
		const char *colon, *vend, *lf, *next = p;
		struct sip_slice name;
		int r;

		if (*p == '\r' || *p == '\n')
			break;
		if (is_ws(*p))
			return -EBADMSG;
		do {
			lf = line_end(next, head_end);
			next = lf + 1;
		} while (next < head_end && is_ws(*next));
		vend = strip_cr(p, lf);
		colon = memchr(p, ':', (size_t)(vend - p));
		if (!colon)
			return -EBADMSG;
		name = trim(p, colon);
		if (name.n == 0)
			return -EBADMSG;
		for (size_t i = 0; i < name.n; i++)
			if (!is_token(name.p[i]))
				return -EBADMSG;
		r = parse_header(m, name, trim(colon + 1, vend), seen_cseq);
		if (r < 0)
			return r;
		p = next;
	}
	return 0;
}

/* The message's length from Content-Length (a stream needs one; a datagram is whole). */
static int set_length(struct sip_msg *m, size_t len, bool stream)
{
	if (m->content_length < 0) {
		if (stream)
			return -EBADMSG;
		m->len = len;
		return 0;
	}
	if ((unsigned long)m->content_length > SIP_MSG_MAX)
		return -EMSGSIZE;
	if ((size_t)m->content_length > len - m->head_len)
		return -EAGAIN;
	m->len = m->head_len + (size_t)m->content_length;
	return 0;
}

int sip_msg_parse(const char *buf, size_t len, bool stream, struct sip_msg *ret)
{
	struct sip_msg m = { .expires = -1, .content_length = -1 };
	const char *start = buf, *end, *head_end = NULL, *lf;
	bool seen_cseq = false;
	int r;

	if (!buf || !ret)
		return -EINVAL;
	end = buf + len;
	/* RFC 3261 7.5: CRLFs before the start line are ignored (stream keepalives). */
	while (start < end && (*start == '\r' || *start == '\n'))
		start++;
	r = find_head_end(buf, start, end, &head_end);
	if (r < 0)
		return r;
	if (memchr(start, '\0', (size_t)(head_end - start)))
		return -EBADMSG;
	lf = line_end(start, head_end);
	r = parse_status(&m, start, strip_cr(start, lf));
	if (r < 0)
		return r;
	r = parse_headers(&m, lf + 1, head_end, &seen_cseq);
	if (r < 0)
		return r;
	if (!m.call_id.p || !seen_cseq || m.nvia == 0)
		return -EBADMSG;
	m.head_len = (size_t)(head_end - buf);
	r = set_length(&m, len, stream);
	if (r < 0)
		return r;
	*ret = m;
	return 0;
}

bool sip_msg_matches(const struct sip_msg *m, const char *call_id, uint32_t cseq,
		     const char *method, const char *branch)
{
	return m && call_id && method && branch && slice_is(m->call_id, call_id) &&
	       m->cseq == cseq && slice_is(m->cseq_method, method) &&
	       slice_is(m->via_branch, branch);
}

/* Calls @fn for each contact in the Contact values; stops when it returns non-zero. */
static int each_contact(const struct sip_msg *m,
			int (*fn)(struct sip_slice uri, struct sip_slice params, void *arg),
			void *arg)
{
	for (unsigned int i = 0; i < m->ncontact; i++) {
		const char *p = m->contact[i].p, *end = p + m->contact[i].n;

		while (p < end) {
			const char *e = list_elem_end(p, end);
			struct sip_slice one = trim(p, e), uri, params;

			if (one.n > 0) {
				int r;

				split_addr(one, &uri, &params);
				r = fn(uri, params, arg);
				if (r)
					return r;
			}
			p = e < end ? e + 1 : e;
		}
	}
	return 0;
}

struct expires_arg {
	const char *uri;
	long found;
};

static int match_contact(struct sip_slice uri, struct sip_slice params, void *arg)
{
	struct expires_arg *a = arg;
	struct sip_slice e;
	unsigned long n;

	if (!slice_casei(uri, a->uri))
		return 0;
	e = find_param(params.p, params.p + params.n, "expires");
	if (e.p && slice_uint(e, INT_MAX, &n) == 0)
		a->found = n > INT_MAX ? INT_MAX : (long)n;
	else
		a->found = -2;
	return 1;
}

int sip_msg_contact_expires(const struct sip_msg *m, const char *uri)
{
	struct expires_arg a = { uri, -1 };

	if (!m || !uri)
		return -EINVAL;
	if (each_contact(m, match_contact, &a) == 0)
		return -ENOENT;
	if (a.found >= 0)
		return (int)a.found;
	/* Listed without its own expiry: the Expires header applies. */
	return m->expires >= 0 ? m->expires : -ENOENT;
}

static int count_contact(struct sip_slice uri, struct sip_slice params, void *arg)
{
	if (uri.n > 0)
		(*(unsigned int *)arg)++;
	return 0;
}

unsigned int sip_msg_contact_count(const struct sip_msg *m)
{
	unsigned int n = 0;

	each_contact(m, count_contact, &n);
	return n;
}

/* No control characters (and so no CR/LF header injection); @tok: no whitespace either. */
static bool field_ok(const char *s, bool tok)
{
	if (!s || !*s)
		return false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || (tok && c == ' '))
			return false;
	}
	return true;
}

struct out {
	char *buf;
	size_t size, len;
	bool full;
};

static void __attribute__((format(printf, 2, 3))) putf(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->size - o->len) {
		o->full = true;
		return;
	}
	o->len += (size_t)n;
}

int sip_msg_build(const struct sip_msg_req *r, char *buf, size_t size)
{
	struct out o = { buf, size, 0, false };

	if (!r || !buf || size == 0)
		return -EINVAL;
	if (!field_ok(r->method, true) || !field_ok(r->ruri, true) ||
	    !field_ok(r->via_host, true) || !field_ok(r->branch, true) ||
	    !field_ok(r->from_uri, true) || !field_ok(r->from_tag, true) ||
	    !field_ok(r->to_uri, true) || !field_ok(r->call_id, true) ||
	    (r->contact && !field_ok(r->contact, true)) ||
	    (r->authorization && !field_ok(r->authorization, false)) ||
	    (r->user_agent && !field_ok(r->user_agent, false)))
		return -EINVAL;
	for (const char *p = r->method; *p; p++)
		if (!is_token(*p))
			return -EINVAL;
	if (strncmp(r->branch, "z9hG4bK", 7) != 0 || r->cseq > 0x7fffffffU)
		return -EINVAL;

	buf[0] = '\0';
	putf(&o, "%s %s SIP/2.0\r\n", r->method, r->ruri);
	/* rport (RFC 3581): answer to the address and port the request came from. */
	putf(&o, "Via: SIP/2.0/%s %s:%u;rport;branch=%s\r\n",
	     r->proto == SIP_MSG_TLS ? "TLS" : r->proto == SIP_MSG_TCP ? "TCP" : "UDP",
	     r->via_host, r->via_port, r->branch);
	putf(&o, "Max-Forwards: 70\r\n");
	putf(&o, "From: <%s>;tag=%s\r\n", r->from_uri, r->from_tag);
	putf(&o, "To: <%s>\r\n", r->to_uri);
	putf(&o, "Call-ID: %s\r\n", r->call_id);
	putf(&o, "CSeq: %u %s\r\n", r->cseq, r->method);
	if (r->contact)
		putf(&o, "Contact: <%s>\r\n", r->contact);
	if (r->has_expires)
		putf(&o, "Expires: %u\r\n", r->expires);
	if (r->authorization)
		putf(&o, "%s: %s\r\n",
		     r->proxy_authorization ? "Proxy-Authorization" : "Authorization",
		     r->authorization);
	if (r->user_agent)
		putf(&o, "User-Agent: %s\r\n", r->user_agent);
	putf(&o, "Content-Length: 0\r\n\r\n");
	if (o.full)
		return -ENOSPC;
	return (int)o.len;
}

int sip_msg_random(char *buf, size_t n)
{
	static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	size_t got = 0;

	if (!buf || n == 0)
		return -EINVAL;
	while (got < n - 1) {
		ssize_t r = getrandom(buf + got, n - 1 - got, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		got += (size_t)r;
	}
	for (size_t i = 0; i < n - 1; i++)
		buf[i] = alphabet[(unsigned char)buf[i] % 36];
	buf[n - 1] = '\0';
	return 0;
}
