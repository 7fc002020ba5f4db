/* lib/net/link_text.c: interfaces and hardware addresses as text, for reasons and logs. */
#include <stdio.h>
#include <string.h>

#include "net/link_text.h"
#include "net/nl_link.h"

void link_mac_text(const unsigned char *mac, size_t len, char *buf, size_t buflen)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < len && n + 4 <= buflen; i++)
		n += (size_t)snprintf(buf + n, buflen - n, i ? ":%02x" : "%02x", mac[i]);
}

const char *link_name_of(struct nl *nl, int ifindex, char buf[IFNAMSIZ], int64_t deadline)
{
	struct nl_link l;

	if (nl_link_get(nl, ifindex, NULL, &l, deadline) < 0)
		snprintf(buf, IFNAMSIZ, "if%d", ifindex);
	else
		memcpy(buf, l.name, IFNAMSIZ);
	return buf;
}
