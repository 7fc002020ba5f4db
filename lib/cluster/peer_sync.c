/* lib/cluster/peer_sync.c: the largest registration table among the peers, from their node
 * attributes in the CIB status. libxml2 only (no Pacemaker header): ocf:sipha:kamailio reads
 * it in its monitor. */
#include "cluster/peer_sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>

/* The nodes matching the constant @expr under @ctx_node; NULL when none (or ENOMEM). The
 * expressions are fixed strings: a node's name never becomes part of one. */
static xmlXPathObject *xp(xmlNode *ctx_node, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(ctx_node->doc);
	xmlXPathObject *o;

	if (!ctx)
		return NULL;
	ctx->node = ctx_node;
	o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	if (o && (!o->nodesetval || o->nodesetval->nodeNr == 0)) {
		xmlXPathFreeObject(o);
		return NULL;
	}
	return o;
}

/* The value of @state's transient attribute @name, malloc'd (xmlFree); NULL when unset. */
static xmlChar *transient(xmlNode *state, const char *name)
{
	char expr[160];
	xmlXPathObject *o;
	xmlChar *v;

	snprintf(expr, sizeof(expr),
		 "transient_attributes/instance_attributes/nvpair[@name='%s']", name);
	o = xp(state, expr);
	if (!o)
		return NULL;
	v = xmlGetProp(o->nodesetval->nodeTab[0], (const xmlChar *)"value");
	xmlXPathFreeObject(o);
	return v;
}

/* sipha-contacts is a count: decimal digits only, within 64 bits. */
static int parse_count(const xmlChar *s, uint64_t *ret)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	*ret = strtoull((const char *)s, &end, 10);
	return errno || *end ? -EINVAL : 0;
}

/* Adds @state's table to @ps when it is a peer's, published and not syncing. */
static void add_peer(xmlNode *state, const char *self, struct peer_sync *ps)
{
	xmlChar *uname = xmlGetProp(state, (const xmlChar *)"uname");
	xmlChar *contacts = NULL, *sync = NULL;
	uint64_t n;

	if (!uname || (self && !strcmp((const char *)uname, self)))
		goto out;
	contacts = transient(state, "sipha-contacts");
	if (parse_count(contacts, &n) < 0)
		goto out;
	/* a peer still syncing has not got the table yet: its count would hold us back */
	sync = transient(state, "sipha-sync");
	if (sync && !strcmp((const char *)sync, "syncing"))
		goto out;
	if (ps->peers == 0 || n > ps->max_contacts) {
		ps->max_contacts = n;
		snprintf(ps->max_node, sizeof(ps->max_node), "%s", (const char *)uname);
	}
	ps->peers++;
out:
	xmlFree(sync);
	xmlFree(contacts);
	xmlFree(uname);
}

int peer_sync_from_cib(xmlNode *cib, const char *self, struct peer_sync *ret)
{
	struct peer_sync ps = { 0 };
	xmlXPathObject *o;

	if (!cib || !cib->doc)
		return -EINVAL;
	o = xp(cib, "status");
	if (!o)
		return -EINVAL;
	xmlXPathFreeObject(o);
	o = xp(cib, "status/node_state[@uname]");
	for (int i = 0; o && i < o->nodesetval->nodeNr; i++)
		add_peer(o->nodesetval->nodeTab[i], self, &ps);
	if (o)
		xmlXPathFreeObject(o);
	*ret = ps;
	return 0;
}
