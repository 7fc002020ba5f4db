/* tests/fuzz/fuzz_nd.c: lib/nd.c's parser (IPv6 header, ICMPv6 checksum, options) and DAD
 * rules on arbitrary packets. */
#include <string.h>

#include "lib/nd.h"
#include "tests/fuzz/fuzz_nl_driver.h"

static const uint8_t ip[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 };
static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 2 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t self[6] = { 2, 0, 0, 0, 0, 1 };
	uint8_t out[ND_MAX_LEN], who[6];
	struct nd_pkt p, q;
	int n;

	if (nd_parse(data, size, &p) < 0)
		return 0;
	(void)nd_conflicts(&p, mac, ip, self, true, who);
	(void)nd_conflicts(&p, mac, p.target, self, false, who);
	/* What parses rebuilds into a packet that parses to the same fields. */
	n = nd_build(out, sizeof(out), &p);
	if (n < 0 || nd_parse(out, (size_t)n, &q) < 0 || q.type != p.type ||
	    memcmp(q.target, p.target, 16) != 0 || q.has_lla != p.has_lla)
		__builtin_trap();
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
