/* tests/fuzz/fuzz_sip_reply.c: libFuzzer target for what the SIP client reads from the network:
 * response parsing (datagram and stream framing), reply matching, Contact lookups, digest
 * challenge parsing and the credentials built from a parsed challenge; also target parsing. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sip/digest.h"
#include "sip/sip.h"
#include "sip/sip_msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch every byte of a slice so that ASan sees any slice pointing outside the input. */
static unsigned int touch(struct sip_slice s)
{
	unsigned int sum = 0;

	for (size_t i = 0; i < s.n; i++)
		sum += (unsigned char)s.p[i];
	return sum;
}

static void challenge(const char *p, size_t n)
{
	struct digest_challenge c;
	char hdr[2048];

	if (digest_challenge_parse(p, n, &c) == 0)
		digest_authorization(&c, "user", "pass", "REGISTER", "sip:127.0.0.1", "cnonce", 1,
				     hdr, sizeof(hdr));
}

static void one_message(const struct sip_msg *m)
{
	volatile unsigned int sink = 0;

	sink += touch(m->reason) + touch(m->call_id) + touch(m->cseq_method) +
		touch(m->via_branch) + touch(m->from_tag) + touch(m->to_tag) + touch(m->server);
	for (unsigned int i = 0; i < m->ncontact; i++)
		sink += touch(m->contact[i]);
	for (unsigned int i = 0; i < m->nauth; i++)
		challenge(m->auth[i].p, m->auth[i].n);
	sink += (unsigned int)sip_msg_contact_expires(m, "sip:probe@127.0.0.1");
	sink += sip_msg_contact_count(m);
	sink += sip_msg_matches(m, "cid", 1, "OPTIONS", "z9hG4bK1");
	(void)sink;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* An exact-size copy: reads past the end are caught. */
	char *buf = malloc(size ? size : 1);
	struct sip_msg m;
	struct sip_target t;
	size_t off = 0;

	if (!buf)
		return 0;
	memcpy(buf, data, size);

	if (sip_msg_parse(buf, size, false, &m) == 0) {
		if (m.len > size || m.head_len > m.len)
			abort();
		one_message(&m);
	}
	/* as a TCP stream: consecutive messages */
	while (off < size && sip_msg_parse(buf + off, size - off, true, &m) == 0) {
		if (m.len == 0 || m.len > size - off)
			abort();
		one_message(&m);
		off += m.len;
	}
	challenge(buf, size);
	free(buf);

	if (size < 128) {
		char text[128];

		memcpy(text, data, size);
		text[size] = '\0';
		sip_target_parse(text, &t);
	}
	return 0;
}
