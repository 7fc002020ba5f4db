/* lib/kam/kamrpc.h: a JSON-RPC client for Kamailio's control socket (module jsonrpcs, unix
 * datagram transport). The request text and the parsers of the replies are in
 * kam/kamrpc_parse.h.
 *
 * jsonrpcs answers a datagram to the address it came from, so the client binds its own unix
 * socket (in a directory the caller names, normally Kamailio's runtime dir) for the reply.
 */
#ifndef SIPHA_KAMRPC_H
#define SIPHA_KAMRPC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/un.h>

struct kamrpc {
	int fd;
	unsigned next_id;
	char local[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char server[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *buf;			/* reply buffer, KAMRPC_REPLY_MAX bytes */
	pid_t peer_pid;			/* the process that sent the last reply, 0 unknown */
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

#endif
