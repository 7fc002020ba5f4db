/* lib/net/nl.h: one rtnetlink socket (libmnl) and request/answer exchanges bounded by a deadline. */
#ifndef SIPHA_NL_H
#define SIPHA_NL_H

#include <libmnl/libmnl.h>
#include <stdint.h>

struct nl;

/* Room for any request sipha sends (a header and a few small attributes). */
#define NL_REQ_LEN 512

/* Opens a NETLINK_ROUTE socket. Returns 0 and the handle in @ret, or -errno. */
int nl_open(struct nl **ret);

/* Closes the socket and frees the handle; NULL is fine. */
void nl_close(struct nl *nl);

/* For __attribute__((cleanup(nl_closep))). */
void nl_closep(struct nl **nl);

/* Sends the request @nlh (sequence number and port filled in here; NLM_F_ACK added unless it is
 * a dump) and reads answers until the kernel acknowledges it or ends the dump, calling @cb (may
 * be NULL) for every data message. A callback stops the exchange with MNL_CB_ERROR and errno set.
 * Returns 0, the kernel's or the callback's -errno, or -ETIMEDOUT when @deadline passes first. */
int nl_talk(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data, int64_t deadline);

/* How many times nl_dump() runs a dump that the kernel keeps interrupting. */
#define NL_DUMP_TRIES 4

/* Runs the dump request @nlh as nl_talk() does. When the kernel reports the dump interrupted
 * (NLM_F_DUMP_INTR: the table changed while it was read; libmnl says -EINTR), calls
 * @restart(@data) (may be NULL) to forget what @cb gathered and runs it again on a fresh socket,
 * NL_DUMP_TRIES times in all, within @deadline. Returns as nl_talk(), -EINTR when every try was
 * interrupted, or -errno when no fresh socket could be opened. */
int nl_dump(struct nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
	    void (*restart)(void *data), int64_t deadline);

#endif
