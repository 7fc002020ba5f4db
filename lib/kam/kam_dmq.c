/* lib/kam/kam_dmq.c: the -A defines of examples/kamailio-ha.cfg from this node's address and
 * its peers'. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "kam/kam_dmq.h"

/* a host name's longest form (253) and any address fit; the words then fit KAM_DMQ_WORD_MAX */
#define KAM_DMQ_ADDR_MAX 255

/* An IPv4 or IPv6 address or a host name: letters, digits, '.', '-', ':'. Anything else (a
 * quote, a space, a bracket) would change the meaning of the define or the URI. */
static bool addr_ok(const char *a)
{
	size_t len = strlen(a);

	if (len == 0 || len > KAM_DMQ_ADDR_MAX)
		return false;
	return strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:") == len;
}

/* ADDR:PORT, an IPv6 address in brackets */
static void host_port(char *buf, size_t len, const char *addr, unsigned port)
{
	bool v6 = strchr(addr, ':') != NULL;

	snprintf(buf, len, "%s%s%s:%u", v6 ? "[" : "", addr, v6 ? "]" : "", port);
}

int kam_dmq_defines(const char *self, const char *const *peers, size_t n_peers, unsigned port,
		    char words[KAM_DMQ_WORDS_MAX][KAM_DMQ_WORD_MAX])
{
	char hp[KAM_DMQ_ADDR_MAX + 16];
	size_t n = n_peers < KAM_DMQ_PEERS_MAX ? n_peers : KAM_DMQ_PEERS_MAX;
	int w = 0;

	if (port == 0 || port > 65535 || !self || !addr_ok(self))
		return -EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!peers[i] || !addr_ok(peers[i]))
			return -EINVAL;
	host_port(hp, sizeof(hp), self, port);
	snprintf(words[w++], KAM_DMQ_WORD_MAX, "-A");
	snprintf(words[w++], KAM_DMQ_WORD_MAX, "SIPHA_DMQ_LISTEN=udp:%s", hp);
	snprintf(words[w++], KAM_DMQ_WORD_MAX, "-A");
	snprintf(words[w++], KAM_DMQ_WORD_MAX, "SIPHA_DMQ_SELF=\"sip:%s\"", hp);
	for (size_t i = 0; i < n; i++) {
		host_port(hp, sizeof(hp), peers[i], port);
		snprintf(words[w++], KAM_DMQ_WORD_MAX, "-A");
		snprintf(words[w++], KAM_DMQ_WORD_MAX, "SIPHA_DMQ_PEER%zu=\"sip:%s\"", i + 1, hp);
	}
	return w;
}
