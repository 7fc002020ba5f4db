/* lib/cluster/peer_sync.c: the largest registration table among the peers, from their node
 * attributes in the CIB status. The tree is walked through libxml2's structures only, no
 * libxml2 call: ocf:sipha:kamailio runs it on the tree libcib returns (cib_lazy_read) without
 * linking libxml2, which would map it (and ICU) into every monitor. */
#include "cluster/peer_sync.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name && !strcmp((const char *)n->name, name);
}

/* The first child element of @n called @name, NULL when none. */
static xmlNode *child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (named(c, name))
			return c;
	return NULL;
}

/* The value of @n's attribute @name when it is plain text (one text child), else NULL. */
static const char *prop(const xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a; a = a->next) {
		if (!a->name || strcmp((const char *)a->name, name))
			continue;
		if (!a->children)
			return "";
		if (a->children->type != XML_TEXT_NODE || a->children->next)
			return NULL;
		return (const char *)a->children->content;
	}
	return NULL;
}

/* The value of @state's transient attribute @name; NULL when unset. */
static const char *transient(const xmlNode *state, const char *name)
{
	for (xmlNode *set = child(child(state, "transient_attributes"), "instance_attributes");
	     set; set = set->next) {
		if (!named(set, "instance_attributes"))
			continue;
		for (xmlNode *nv = set->children; nv; nv = nv->next) {
			const char *n = named(nv, "nvpair") ? prop(nv, "name") : NULL;

			if (n && !strcmp(n, name))
				return prop(nv, "value");
		}
	}
	return NULL;
}

/* sipha-contacts is a count: decimal digits only, within 64 bits. */
static int parse_count(const char *s, uint64_t *ret)
{
	char *end;

	if (!s || *s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	*ret = strtoull(s, &end, 10);
	return errno || *end ? -EINVAL : 0;
}

/* Adds @state's table to @ps when it is a peer's, published and not syncing. */
static void add_peer(const xmlNode *state, const char *self, struct peer_sync *ps)
{
	const char *uname = prop(state, "uname"), *sync;
	uint64_t n;

	if (!uname || (self && !strcmp(uname, self)))
		return;
	if (parse_count(transient(state, "sipha-contacts"), &n) < 0)
		return;
	/* a peer still syncing has not got the table yet: its count would hold us back */
	sync = transient(state, "sipha-sync");
	if (sync && !strcmp(sync, "syncing"))
		return;
	if (ps->peers == 0 || n > ps->max_contacts) {
		ps->max_contacts = n;
		snprintf(ps->max_node, sizeof(ps->max_node), "%s", uname);
	}
	ps->peers++;
}

int peer_sync_from_cib(xmlNode *cib, const char *self, struct peer_sync *ret)
{
	struct peer_sync ps = { 0 };
	xmlNode *status = child(cib, "status");

	if (!status)
		return -EINVAL;
	for (xmlNode *n = status->children; n; n = n->next)
		if (named(n, "node_state"))
			add_peer(n, self, &ps);
	*ret = ps;
	return 0;
}
