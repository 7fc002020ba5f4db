/* lib/kam/kamrpc_parse.h: the JSON of Kamailio's JSON-RPC (module jsonrpcs): the request text
 * kam/kamrpc.h sends, and parsers for the replies the kamailio agent reads. No I/O: what is
 * parsed may come from anyone able to write to the reply socket.
 */
#ifndef SIPHA_KAMRPC_PARSE_H
#define SIPHA_KAMRPC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Builds the request text for @method and @params with id @id: malloc'd, caller frees. */
char *kamrpc_request(const char *method, const char *const *params, size_t nparams,
		     unsigned id);

/* core.shmmem */
struct kamrpc_shm {
	uint64_t total, free, used, real_used, max_used, fragments;
};

/* pkg.stats: one private pool per process; the agent cares about the fullest one. */
struct kamrpc_pkg {
	unsigned nproc;
	int worst_pid;
	uint64_t worst_real_used;	/* of the process with the highest real_used/total */
	uint64_t worst_total;
	char worst_desc[64];
};

/* A counter from stats.get_statistics, "group:name = value". */
struct kamrpc_counter {
	const char *name;		/* "registrar:rejected_regs" (set by the caller)  */
	uint64_t value;
	bool found;
};

/* dmq.list_nodes: the DMQ bus as this instance sees it (one entry per node, "local" marks
 * its own; "status" "active" a peer that answered). */
struct kamrpc_dmq {
	unsigned nodes;			/* entries, its own included                    */
	unsigned active_peers;		/* not local, status "active"                  */
	unsigned other_peers;		/* not local, any other status (pending, ...)  */
};

/* Checks a reply's envelope: returns 0 when it carries a "result" for request @id, -EREMOTEIO
 * when it carries an "error" (its message copied into @err, may be NULL), -EBADMSG when it is
 * not a JSON-RPC reply. With @id 0 any id goes; else a reply to another id gives -ESTALE. */
int kamrpc_parse_reply(const char *text, size_t len, unsigned id, char *err, size_t errlen);

/* Parse the replies to core.shmmem, pkg.stats and stats.get_statistics (any id). Return 0,
 * -EREMOTEIO on an error reply, -EBADMSG when a figure is missing or malformed. Counters not in
 * the reply keep found = false. */
int kamrpc_parse_shmmem(const char *text, size_t len, struct kamrpc_shm *ret);

/* core.shmmem's parameter for figures in KiB, and their parser (kamrpc_parse_shmmem's, the
 * figures then in bytes). Kamailio's RPC sends the byte figures as 32-bit ints: a pool of 2 GB
 * or more comes back negative or wrapped (seen: 5.6.3 with -m 3072, total -1073741824); in
 * KiB they fit up to 2 TiB. */
#define KAMRPC_SHMMEM_UNIT "k"
int kamrpc_parse_shmmem_kib(const char *text, size_t len, struct kamrpc_shm *ret);
int kamrpc_parse_pkg(const char *text, size_t len, struct kamrpc_pkg *ret);
int kamrpc_parse_stats(const char *text, size_t len, struct kamrpc_counter *c, size_t n);
/* dmq.list_nodes: 0, -EREMOTEIO on an error reply (dmq not loaded: "Method Not Found"),
 * -EBADMSG when the result is not a list of nodes. */
int kamrpc_parse_dmq_nodes(const char *text, size_t len, struct kamrpc_dmq *ret);

#endif
