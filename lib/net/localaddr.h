/* lib/net/localaddr.h: is an address this node's own? The SIP probe must reach the node's own
 * Kamailio: a listen socket on the floating IP, bound with ip_nonlocal_bind on a node that does
 * not hold the IP, would send the probe over the network to whichever node does. A bind() test
 * cannot tell (ip_nonlocal_bind makes it succeed), so the kernel's routing is asked instead. */
#ifndef SIPHA_LOCALADDR_H
#define SIPHA_LOCALADDR_H

#include <stdint.h>
#include <sys/socket.h>

/* Asks the kernel (one rtnetlink route lookup per address, no process executed) whether
 * packets to @sa (AF_INET or AF_INET6; the port is ignored) are delivered to this network
 * namespace itself: a route of type "local", which exists for every address assigned to an
 * interface of the namespace, and for all of 127.0.0.0/8 and ::1 once loopback is up. The
 * unspecified address (0.0.0.0, ::) is never local: it names no address of the node.
 * Returns 1 when local, 0 when not (also when the kernel has no route to it); -EAFNOSUPPORT
 * for another family; -ETIMEDOUT when the kernel did not answer before @deadline (a
 * clock_now_ms() value; a deadline already past gives -ETIMEDOUT before anything is sent);
 * other -errno from the netlink socket. */
int localaddr_is_local(const struct sockaddr *sa, int64_t deadline);

#endif
