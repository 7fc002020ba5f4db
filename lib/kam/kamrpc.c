/* lib/kam/kamrpc.c: the transport of Kamailio's JSON-RPC: a unix datagram reply socket bound
 * in the caller's directory, one request sent, the reply awaited until a deadline. The JSON
 * (request text, reply envelope) is lib/kam/kamrpc_parse.c. */
#include "kam/kamrpc.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/fdwait.h"
#include "kam/kamrpc_parse.h"

/* Binds @fd to @sa with the socket file created in mode @mode. Kamailio usually runs as its
 * own user and must be allowed to send the reply back (the directory keeps everyone else
 * out). No chmod of the path afterwards: the directory is Kamailio's user's, who could swap
 * the socket for a symlink to any file between bind and chmod. bind gives the new file the
 * socket's inode mode (0777) less the umask, so the umask sets it. */
static int bind_mode(int fd, const struct sockaddr_un *sa, mode_t mode)
{
	mode_t old = umask(~mode & 0777);
	int r = bind(fd, (const struct sockaddr *)sa, sizeof(*sa));
	int e = errno;

	umask(old);
	errno = e;
	return r;
}

int kamrpc_open(struct kamrpc *k, const char *server, const char *client_dir)
{
	static unsigned seq;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int n, e;

	k->fd = -1;
	k->buf = NULL;
	k->local[0] = '\0';
	k->next_id = 1;
	k->peer_pid = 0;
	if (strlen(server) >= sizeof(k->server))
		return -ENAMETOOLONG;
	strcpy(k->server, server);
	/* pid plus a counter: monitors of several instances may run at once */
	n = snprintf(k->local, sizeof(k->local), "%s/sipha-rpc.%d.%u", client_dir, (int)getpid(),
		     seq++);
	if (n < 0 || (size_t)n >= sizeof(k->local)) {
		k->local[0] = '\0';
		return -ENAMETOOLONG;
	}
	k->buf = malloc(KAMRPC_REPLY_MAX + 1);
	if (!k->buf)
		return -ENOMEM;
	k->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (k->fd < 0)
		goto fail;
	/* the kernel then tells which process sent each reply (SCM_CREDENTIALS) */
	if (setsockopt(k->fd, SOL_SOCKET, SO_PASSCRED, &(int){ 1 }, sizeof(int)) < 0)
		goto fail;
	strcpy(sa.sun_path, k->local);
	/* unlink and bind act on the name itself, never through a symlink at it */
	unlink(k->local);
	if (bind_mode(k->fd, &sa, 0666) < 0)
		goto fail;
	return 0;
fail:
	e = errno;
	kamrpc_close(k);
	return -e;
}

void kamrpc_close(struct kamrpc *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
	if (k->local[0])
		unlink(k->local);
	k->local[0] = '\0';
	free(k->buf);
	k->buf = NULL;
}

/* One datagram into k->buf, its sender's pid into k->peer_pid (0 when the kernel gave none). */
static ssize_t recv_reply(struct kamrpc *k)
{
	union {
		char buf[CMSG_SPACE(sizeof(struct ucred))];
		struct cmsghdr align;
	} control;
	struct iovec iov = { .iov_base = k->buf, .iov_len = KAMRPC_REPLY_MAX };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
			      .msg_controllen = sizeof(control.buf) };
	ssize_t n = recvmsg(k->fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);

	k->peer_pid = 0;
	if (n < 0)
		return n;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS &&
		    c->cmsg_len >= CMSG_LEN(sizeof(struct ucred))) {
			struct ucred cred;

			memcpy(&cred, CMSG_DATA(c), sizeof(cred));
			k->peer_pid = cred.pid;
		}
	}
	return n;
}

int kamrpc_call(struct kamrpc *k, const char *method, const char *const *params,
		size_t nparams, int64_t deadline, const char **ret_reply)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	unsigned id = k->next_id++;
	char *req = kamrpc_request(method, params, nparams, id);
	ssize_t n;

	if (!req)
		return -ENOMEM;
	strcpy(sa.sun_path, k->server);
	n = sendto(k->fd, req, strlen(req), MSG_DONTWAIT, (struct sockaddr *)&sa, sizeof(sa));
	free(req);
	if (n < 0)
		return -errno;
	for (;;) {
		int r = fd_wait(k->fd, POLLIN, deadline);

		if (r < 0)
			return r;
		n = recv_reply(k);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0)
			return -errno;
		k->buf[n] = '\0';
		/* a late answer to an earlier call that timed out is not ours: keep waiting */
		if (kamrpc_parse_reply(k->buf, (size_t)n, id, NULL, 0) == -ESTALE)
			continue;
		*ret_reply = k->buf;
		return (int)n;
	}
}
