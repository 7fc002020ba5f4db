/* lib/nl.h: one rtnetlink socket (libmnl) and request/answer exchanges bounded by a deadline. */
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

#endif
