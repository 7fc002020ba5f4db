/* lib/kam/kam_dmq.h: the -A defines examples/kamailio-ha.cfg takes for replication (its dmq
 * socket and URI, its peers' URIs), built from addresses: the same configuration on every
 * node, what differs comes from here.
 */
#ifndef SIPHA_KAM_DMQ_H
#define SIPHA_KAM_DMQ_H

#include <stddef.h>

/* SIPHA_DMQ_PEER1 .. SIPHA_DMQ_PEER4 in the example: dmq learns further peers from them. */
#define KAM_DMQ_PEERS_MAX 4
/* one word: "SIPHA_DMQ_PEER1=\"sip:[...]:65535\"" with a name of up to 255 characters */
#define KAM_DMQ_WORD_MAX 300
/* "-A" + define, for SIPHA_DMQ_LISTEN, SIPHA_DMQ_SELF and the peers */
#define KAM_DMQ_WORDS_MAX (2 * (2 + KAM_DMQ_PEERS_MAX))

/* Fills @words with "-A", "SIPHA_DMQ_LISTEN=udp:ADDR:PORT", "-A",
 * "SIPHA_DMQ_SELF=\"sip:ADDR:PORT\"", then "-A", "SIPHA_DMQ_PEERi=\"sip:PEER:PORT\"" for the
 * first KAM_DMQ_PEERS_MAX of @peers (IPv6 addresses in brackets; host names as they are,
 * Kamailio resolves them). Returns the number of words; -EINVAL when an address is empty, too
 * long or holds a character no address or host name has (a quote, a space, ...), or @port is
 * 0. */
int kam_dmq_defines(const char *self, const char *const *peers, size_t n_peers, unsigned port,
		    char words[KAM_DMQ_WORDS_MAX][KAM_DMQ_WORD_MAX]);

#endif
