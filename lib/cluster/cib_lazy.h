/* lib/cluster/cib_lazy.h: one read of the whole CIB through libcib loaded on first use. For an
 * agent that reads the CIB on a few runs only: linking libcib maps Pacemaker's libraries
 * (libcrmcommon, glib, gnutls, ...) into every run, ~15 ms of CPU per monitor of
 * ocf:sipha:kamailio, which reads the CIB only while a start syncs (lib/core/lazylib.h).
 */
#ifndef SIPHA_CIB_LAZY_H
#define SIPHA_CIB_LAZY_H

#include <stdint.h>

#include <libxml/tree.h>

/* What is done with the CIB: @cib is libcib's own tree, gone after the call. It may only be
 * walked through libxml2's structures (as peer_sync_from_cib does): calling libxml2 would
 * link it into the program, which is what this file avoids. Returns 0 or -errno. */
typedef int (*cib_lazy_fn)(xmlNode *cib, void *ctx);

/* Signs on as @client_name (read-only; CIB_file is honoured as by cib_conn), queries the whole
 * CIB within about @ms, signs off and hands the CIB to @fn. Returns @fn's answer; -ELIBACC
 * when libcib cannot be loaded (lazylib_strerror says why), -ENOTCONN when no CIB answers,
 * -EACCES when not allowed, or another -errno. */
int cib_lazy_read(const char *client_name, int64_t ms, cib_lazy_fn fn, void *ctx);

#endif
