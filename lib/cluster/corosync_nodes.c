/* lib/cluster/corosync_nodes.c: corosync.conf's nodelist as the running Corosync holds it
 * (its cmap keys nodelist.node.N.* and nodelist.local_node_pos). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <corosync/cmap.h>

#include "cluster/corosync_nodes.h"
#include "core/lazylib.h"

/* libcmap is loaded on first use: it brings libqb and its libsystemd chain, which every
 * monitor of ocf:sipha:kamailio would otherwise map (lib/core/lazylib.h); only a start with
 * dmq_port reads the node list. */
static struct {
	__typeof__(cmap_initialize) *initialize;
	__typeof__(cmap_finalize) *finalize;
	__typeof__(cmap_get) *get;
	__typeof__(cmap_get_string) *get_string;
	__typeof__(cmap_get_uint32) *get_uint32;
} cmap;
static const struct lazylib_sym cmap_syms[] = {
	LAZYLIB_SYM(cmap.initialize, "cmap_initialize"),
	LAZYLIB_SYM(cmap.finalize, "cmap_finalize"),
	LAZYLIB_SYM(cmap.get, "cmap_get"),
	LAZYLIB_SYM(cmap.get_string, "cmap_get_string"),
	LAZYLIB_SYM(cmap.get_uint32, "cmap_get_uint32"),
};
static struct lazylib libcmap = {
	.soname = CMAP_SONAME,
	.syms = cmap_syms,
	.nsyms = sizeof(cmap_syms) / sizeof(cmap_syms[0]),
};
LAZYLIB_DLOPEN_NOTE(libcmap_note, "corosync-nodes", "Corosync node list for dmq_port",
		    "recommended", CMAP_SONAME);

static void handle_close(cmap_handle_t *h)
{
	if (*h)
		cmap.finalize(*h);
}

/* Copies the string key @key into @buf: 0, -ENOENT when it is not set, -ENAMETOOLONG, or
 * -ENOTCONN when Corosync stopped answering. */
static int get_string(cmap_handle_t h, const char *key, char buf[CS_NAME_MAX])
{
	char *s = NULL;
	cs_error_t e = cmap.get_string(h, key, &s);
	int r = 0;

	if (e == CS_ERR_NOT_EXIST)
		return -ENOENT;
	if (e != CS_OK)
		return -ENOTCONN;
	if (snprintf(buf, CS_NAME_MAX, "%s", s) >= CS_NAME_MAX)
		r = -ENAMETOOLONG;
	free(s);
	return r;
}

/* Whether node @i is in the list at all: any of the keys a nodelist entry is made of. */
static int node_exists(cmap_handle_t h, size_t i)
{
	static const char *const keys[] = { "ring0_addr", "nodeid", "name" };
	char key[64];
	cmap_value_types_t type;
	size_t len;

	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		cs_error_t e;

		snprintf(key, sizeof(key), "nodelist.node.%zu.%s", i, keys[k]);
		e = cmap.get(h, key, NULL, &len, &type);
		if (e == CS_OK)
			return 1;
		if (e != CS_ERR_NOT_EXIST)
			return -ENOTCONN;
	}
	return 0;
}

static int node_read(cmap_handle_t h, size_t i, struct cs_node *n)
{
	char key[64];
	int r;

	*n = (struct cs_node){ 0 };
	snprintf(key, sizeof(key), "nodelist.node.%zu.ring0_addr", i);
	r = get_string(h, key, n->addr);
	if (r < 0)
		return r;
	snprintf(key, sizeof(key), "nodelist.node.%zu.name", i);
	r = get_string(h, key, n->name);
	if (r < 0 && r != -ENOENT)
		return r;
	snprintf(key, sizeof(key), "nodelist.node.%zu.nodeid", i);
	if (cmap.get_uint32(h, key, &n->nodeid) != CS_OK)
		n->nodeid = 0;
	return 0;
}

int cs_nodelist_read(struct cs_nodelist *ret)
{
	/* cmap_initialize connects to Corosync's IPC socket: refused at once when it is not
	 * running (its replies are awaited without a timeout once connected, see the header) */
	__attribute__((cleanup(handle_close))) cmap_handle_t h = 0;
	struct cs_nodelist l = { .n = 0 };
	uint32_t pos;
	int r = lazylib_load(&libcmap);

	if (r < 0)
		return r;
	if (cmap.initialize(&h) != CS_OK) {
		h = 0;
		return -ENOTCONN;
	}
	while ((r = node_exists(h, l.n)) == 1) {
		if (l.n == CS_NODES_MAX)
			return -E2BIG;
		r = node_read(h, l.n, &l.node[l.n]);
		if (r < 0)
			return r;
		l.n++;
	}
	if (r < 0)
		return r;
	if (l.n == 0)
		return -ENOENT;
	if (cmap.get_uint32(h, "nodelist.local_node_pos", &pos) != CS_OK || pos >= l.n)
		return -ESRCH;
	l.self = (int)pos;
	*ret = l;
	return 0;
}
