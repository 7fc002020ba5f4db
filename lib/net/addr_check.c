/* lib/net/addr_check.c: whether an address can float between nodes. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "net/addr_check.h"

static uint32_t v4_host_order(const void *ip)
{
	uint32_t v;

	memcpy(&v, ip, 4);
	return ntohl(v);
}

int addr_check_unicast(int family, const void *addr)
{
	static const unsigned char any[16], loop[16] = { [15] = 1 };
	const unsigned char *b = addr;
	uint32_t ip;

	if (family == AF_INET) {
		ip = v4_host_order(addr);
		if (ip == 0 || (ip >> 24) == 127 || (ip >> 28) == 14 || (ip >> 28) == 15)
			return -EADDRNOTAVAIL;
		return 0;
	}
	if (family != AF_INET6)
		return -EAFNOSUPPORT;
	if (!memcmp(b, any, 16) || !memcmp(b, loop, 16) || b[0] == 0xff ||
	    (b[0] == 0xfe && (b[1] & 0xc0) == 0x80))
		return -EADDRNOTAVAIL;
	return 0;
}

int addr_check_host(const void *ip, int prefix)
{
	uint32_t host, v;

	if (prefix <= 0 || prefix > 30)
		return 0;
	host = 0xffffffffu >> prefix;
	v = v4_host_order(ip);
	return (v & host) == 0 || (v & host) == host ? -EADDRNOTAVAIL : 0;
}
