/* lib/kam/kamrpc.h: a JSON-RPC client for Kamailio's control socket (module jsonrpcs, unix
 * datagram transport), and parsers for the replies the kamailio agent reads.
 *
 * jsonrpcs answers a datagram to the address it came from, so the client binds its own unix
 * socket (in a directory the caller names, normally Kamailio's runtime dir) for the reply.
 */
#ifndef SIPHA_KAMRPC_H
#define SIPHA_KAMRPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/un.h>

struct kamrpc {
	int fd;
	unsigned next_id;
	char local[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char server[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *buf;			/* reply buffer, KAMRPC_REPLY_MAX bytes */
};

/* Largest reply read; jsonrpcs sends each reply as one datagram. */
#define KAMRPC_REPLY_MAX (256 * 1024)

/* Binds a client socket in @client_dir for replies from the server socket @server. Returns 0,
 * -ENAMETOOLONG when a path does not fit a unix address, or -errno. */
int kamrpc_open(struct kamrpc *k, const char *server, const char *client_dir);

/* Closes the socket and removes the client socket file. Safe on a zeroed or closed struct
 * whose fd is -1. */
void kamrpc_close(struct kamrpc *k);

/* Calls @method with string parameters @params (@nparams of them) and waits for the reply
 * until @deadline. On success *ret_reply points to the reply text (NUL-terminated, owned by
 * @k, valid until the next call) and its length is returned. -ETIMEDOUT when no reply came,
 * -ENOENT / -ECONNREFUSED when nobody listens on the server socket, or -errno. */
int kamrpc_call(struct kamrpc *k, const char *method, const char *const *params,
		size_t nparams, int64_t deadline, const char **ret_reply);

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

/* Checks a reply's envelope: returns 0 when it carries a "result" for request @id, -EREMOTEIO
 * when it carries an "error" (its message copied into @err, may be NULL), -EBADMSG when it is
 * not a JSON-RPC reply. */
int kamrpc_parse_reply(const char *text, size_t len, unsigned id, char *err, size_t errlen);

/* Parse the replies to core.shmmem, pkg.stats and stats.get_statistics (any id). Return 0,
 * -EREMOTEIO on an error reply, -EBADMSG when a figure is missing or malformed. Counters not in
 * the reply keep found = false. */
int kamrpc_parse_shmmem(const char *text, size_t len, struct kamrpc_shm *ret);
int kamrpc_parse_pkg(const char *text, size_t len, struct kamrpc_pkg *ret);
int kamrpc_parse_stats(const char *text, size_t len, struct kamrpc_counter *c, size_t n);

#endif
