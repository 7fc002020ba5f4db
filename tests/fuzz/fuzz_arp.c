/* tests/fuzz/fuzz_arp.c: lib/net/arp.c's parser and conflict rules on arbitrary packets. */
#include <string.h>

#include "net/arp.h"
#include "tests/fuzz/fuzz_nl_driver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint8_t ip[4] = { 192, 0, 2, 10 }, self[6] = { 2, 0, 0, 0, 0, 1 };
	struct arp_pkt p;
	uint8_t out[ARP_LEN];

	if (arp_parse(data, size, &p) < 0)
		return 0;
	(void)arp_conflicts(&p, ip, self, true);
	(void)arp_conflicts(&p, ip, self, false);
	/* What parses builds back to the same bytes. */
	if (arp_build(out, sizeof(out), &p) != ARP_LEN || memcmp(out, data, ARP_LEN) != 0)
		__builtin_trap();
	return 0;
}

size_t fuzz_seed(unsigned i, uint8_t *buf, size_t len)
{
	static const uint8_t ip[4] = { 192, 0, 2, 10 }, mac[6] = { 2, 0, 0, 0, 0, 2 };
	struct arp_pkt p;

	if (i > 1 || len < ARP_LEN)
		return 0;
	if (i == 0)
		arp_make_probe(&p, mac, ip);
	else
		arp_make_announce(&p, mac, ip);
	return (size_t)arp_build(buf, len, &p);
}
