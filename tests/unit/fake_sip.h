/* tests/unit/fake_sip.h: what the tests' fake SIP servers share: a response to a request,
 * made as a server would make it (the request's Via, From, To, Call-ID and CSeq copied). */
#ifndef SIPHA_TEST_FAKE_SIP_H
#define SIPHA_TEST_FAKE_SIP_H

#include <stdio.h>
#include <string.h>

/* Copies the header line "@name: ..." of @req into @out (with its CRLF). */
static void copy_header(const char *req, const char *name, char *out, size_t size)
{
	char key[32];
	const char *p, *e;

	snprintf(key, sizeof(key), "\r\n%s:", name);
	p = strstr(req, key);
	e = p ? strstr(p + 2, "\r\n") : NULL;
	if (e)
		snprintf(out, size, "%.*s\r\n", (int)(e - p - 2), p + 2);
}

/* A response to @req with @status ("200 OK"); @extra: more header lines, each with CRLF. */
static void make_response(const char *req, const char *status, const char *extra, char *out,
			  size_t size)
{
	char via[512] = "", from[256] = "", to[256] = "", cid[128] = "", cseq[64] = "";

	copy_header(req, "Via", via, sizeof(via));
	copy_header(req, "From", from, sizeof(from));
	copy_header(req, "To", to, sizeof(to));
	copy_header(req, "Call-ID", cid, sizeof(cid));
	copy_header(req, "CSeq", cseq, sizeof(cseq));
	snprintf(out, size, "SIP/2.0 %s\r\n%s%s%s%s%s%sContent-Length: 0\r\n\r\n", status, via,
		 from, to, cid, cseq, extra ? extra : "");
}

#endif
