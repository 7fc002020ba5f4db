/* tests/fuzz/fuzz_nd.c: lib/net/nd.c's parser (IPv6 header, ICMPv6 checksum, options) and DAD
 * rules on arbitrary packets. */
#include <stdlib.h>
#include <string.h>

#include "net/nd.h"
#include "tests/fuzz/fuzz_nl_driver.h"

static const uint8_t ip[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 };
static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 2 };

/* Writes a correct ICMPv6 checksum into a copy of the input, so that mutations reach the
 * option and rule code behind the checksum check (written apart from lib/net/nd.c). */
static void fix_sum(uint8_t *b, size_t size)
{
	size_t len, i;
	uint32_t s;

	if (size < 44)
		return;
	len = (size_t)(b[4] << 8 | b[5]);
	if (len > size - 40)
		return;
	s = 58 + (uint32_t)len;
	b[42] = b[43] = 0;
	for (i = 8; i < 40; i += 2)
		s += (uint32_t)(b[i] << 8 | b[i + 1]);
	for (i = 0; i < len; i += 2)
		s += (uint32_t)(b[40 + i] << 8 | (i + 1 < len ? b[41 + i] : 0));
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	s = ~s & 0xffff;
	b[42] = (uint8_t)(s >> 8);
	b[43] = (uint8_t)s;
}

static void one(const uint8_t *data, size_t size)
{
	static const uint8_t self[6] = { 2, 0, 0, 0, 0, 1 };
	uint8_t out[ND_MAX_LEN], who[6];
	struct nd_pkt p, q;
	int n;

	if (nd_parse(data, size, &p) < 0)
		return;
	(void)nd_conflicts(&p, mac, ip, self, true, who);
	(void)nd_conflicts(&p, mac, p.target, self, false, who);
	/* What parses rebuilds into a packet that parses to the same fields. */
	n = nd_build(out, sizeof(out), &p);
	if (n < 0 || nd_parse(out, (size_t)n, &q) < 0 || q.type != p.type ||
	    memcmp(q.target, p.target, 16) != 0 || q.has_lla != p.has_lla)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);

	one(data, size);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	fix_sum(copy, size);
	one(copy, size);
	free(copy);
	return 0;
}

size_t fuzz_seed(unsigned i, uint8_t *buf, size_t len)
{
	struct nd_pkt p;
	int n;

	if (i > 2)
		return 0;
	if (i == 0) {
		nd_make_probe(&p, ip);
	} else {
		nd_make_announce(&p, ip, mac);
		if (i == 2)
			p.flags |= ND_NA_SOLICITED;
	}
	n = nd_build(buf, len, &p);
	return n > 0 ? (size_t)n : 0;
}
