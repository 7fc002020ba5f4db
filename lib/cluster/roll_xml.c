/* lib/cluster/roll_xml.c: the CIB elements of a rolling restart (lock, ban, IP move, last-run
 * record), built and read with libxml2 alone. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "cluster/cib_xml.h"
#include "cluster/roll_xml.h"

#define ID_MAX (CV_NAME_MAX + 48)

/* @prefix + @node + @suffix with what an XML id may not hold replaced by '_'. 0 or -EINVAL. */
static int make_id(char *buf, size_t len, const char *prefix, const char *node,
		   const char *suffix)
{
	size_t p;
	int n;

	if (!node || !*node)
		return -EINVAL;
	n = snprintf(buf, len, "%s%s%s", prefix, node, suffix);
	if (n < 0 || (size_t)n >= len)
		return -EINVAL;
	for (p = strlen(prefix); p < strlen(prefix) + strlen(node); p++) {
		char c = buf[p];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			buf[p] = '_';
	}
	return 0;
}

static xmlNode *child(xmlNode *parent, const char *tag)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)tag, NULL);
}

static void prop(xmlNode *n, const char *name, const char *value)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

void roll_xml_time(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M:%SZ", &tm))
		snprintf(buf, len, "1970-01-01 00:00:00Z");
}

/* <rsc_location id=ID rsc=RSC role=Started><rule score=SCORE boolean-op=and>#uname eq NODE
 * and now < lease end</rule>: crm_resource --ban/--move --lifetime's form, so that Pacemaker
 * itself lifts it at the lease end when no one renews it. */
static xmlNode *location(const char *kind, const char *rsc, const char *node, const char *score,
			 time_t lease_end)
{
	char id[ID_MAX], sub[ID_MAX + 16], end[40];
	xmlNode *loc, *rule, *e;

	if (!rsc || !*rsc || make_id(id, sizeof(id), kind, node, "") < 0)
		return NULL;
	loc = xmlNewNode(NULL, (const xmlChar *)"rsc_location");
	if (!loc)
		return NULL;
	prop(loc, "id", id);
	prop(loc, "rsc", rsc);
	prop(loc, "role", "Started");
	rule = child(loc, "rule");
	snprintf(sub, sizeof(sub), "%s-rule", id);
	prop(rule, "id", sub);
	prop(rule, "score", score);
	prop(rule, "boolean-op", "and");
	e = child(rule, "expression");
	snprintf(sub, sizeof(sub), "%s-expr", id);
	prop(e, "id", sub);
	prop(e, "attribute", "#uname");
	prop(e, "operation", "eq");
	prop(e, "value", node);
	prop(e, "type", "string");
	e = child(rule, "date_expression");
	snprintf(sub, sizeof(sub), "%s-lifetime", id);
	prop(e, "id", sub);
	prop(e, "operation", "lt");
	roll_xml_time(lease_end, end, sizeof(end));
	prop(e, "end", end);
	return loc;
}

xmlNode *roll_xml_ban(const char *clone_id, const char *node, time_t lease_end)
{
	return location(ROLL_ID_PREFIX "ban-", clone_id, node, "-INFINITY", lease_end);
}

xmlNode *roll_xml_ip_move(const char *ip_id, const char *node, time_t lease_end)
{
	return location(ROLL_ID_PREFIX "ip-", ip_id, node, "INFINITY", lease_end);
}

/* An nvpair whose id is its name (the names are ours and unique in the CIB). */
static void nvpair(xmlNode *set, const char *name, const char *value)
{
	xmlNode *nv = child(set, "nvpair");

	prop(nv, "id", name);
	prop(nv, "name", name);
	prop(nv, "value", value ? value : "");
}

static void nvpair_long(xmlNode *set, const char *name, long long v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld", v);
	nvpair(set, name, buf);
}

static xmlNode *property_set(const char *id)
{
	xmlNode *set = xmlNewNode(NULL, (const xmlChar *)"cluster_property_set");

	if (set)
		prop(set, "id", id);
	return set;
}

xmlNode *roll_xml_lock(const struct roll_lock *l)
{
	xmlNode *set;

	if (!l->owner[0])
		return NULL;
	set = property_set(ROLL_LOCK_ID);
	if (!set)
		return NULL;
	nvpair(set, ROLL_LOCK_ID "-owner", l->owner);
	nvpair_long(set, ROLL_LOCK_ID "-pid", l->pid);
	nvpair_long(set, ROLL_LOCK_ID "-start", (long long)l->start);
	nvpair_long(set, ROLL_LOCK_ID "-lease-end", (long long)l->lease_end);
	if (l->lease_s > 0)
		nvpair_long(set, ROLL_LOCK_ID "-lease-s", l->lease_s);
	/* left out when empty: a renewal (modify) must not erase an abort asked meanwhile */
	if (l->abort[0])
		nvpair(set, ROLL_LOCK_ID "-abort", l->abort);
	return set;
}

xmlNode *roll_xml_last(const struct roll_last *r)
{
	xmlNode *set = property_set(ROLL_LAST_ID);

	if (!set)
		return NULL;
	nvpair_long(set, "sipha-last-start", (long long)r->start);
	nvpair_long(set, "sipha-last-end", (long long)r->end);
	nvpair(set, "sipha-last-outcome", r->outcome);
	nvpair(set, "sipha-last-reason", r->reason);
	nvpair(set, "sipha-last-ip-from", r->ip_from);
	nvpair(set, "sipha-last-ip-to", r->ip_to);
	nvpair(set, "sipha-last-per-node", r->per_node);
	return set;
}

/* The first element named @tag with id @id in document order under @n, or NULL. */
static xmlNode *find_id(xmlNode *n, const char *tag, const char *id)
{
	for (; n; n = n->next) {
		xmlNode *f;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (cib_xml_is(n, tag)) {
			xmlChar *v = xmlGetProp(n, (const xmlChar *)"id");
			bool match = v && !strcmp((const char *)v, id);

			xmlFree(v);
			if (match)
				return n;
		}
		if ((f = find_id(n->children, tag, id)))
			return f;
	}
	return NULL;
}

static long long nv_num(xmlNode *set, const char *name)
{
	char buf[32];

	cib_xml_nvpair_value(set, name, buf, sizeof(buf));
	return strtoll(buf, NULL, 10);
}

int roll_lock_from_cib(xmlNode *cib, struct roll_lock *ret)
{
	xmlNode *set = cib ? find_id(cib, "cluster_property_set", ROLL_LOCK_ID) : NULL;

	memset(ret, 0, sizeof(*ret));
	if (!set)
		return 0;
	ret->present = true;
	cib_xml_nvpair_value(set, ROLL_LOCK_ID "-owner", ret->owner, sizeof(ret->owner));
	ret->pid = (long)nv_num(set, ROLL_LOCK_ID "-pid");
	ret->start = (time_t)nv_num(set, ROLL_LOCK_ID "-start");
	ret->lease_end = (time_t)nv_num(set, ROLL_LOCK_ID "-lease-end");
	ret->lease_s = (long)nv_num(set, ROLL_LOCK_ID "-lease-s");
	cib_xml_nvpair_value(set, ROLL_LOCK_ID "-abort", ret->abort, sizeof(ret->abort));
	return 0;
}

int roll_last_from_cib(xmlNode *cib, struct roll_last *ret)
{
	xmlNode *set = cib ? find_id(cib, "cluster_property_set", ROLL_LAST_ID) : NULL;

	memset(ret, 0, sizeof(*ret));
	if (!set)
		return 0;
	ret->present = true;
	ret->start = (time_t)nv_num(set, "sipha-last-start");
	ret->end = (time_t)nv_num(set, "sipha-last-end");
	cib_xml_nvpair_value(set, "sipha-last-outcome", ret->outcome, sizeof(ret->outcome));
	cib_xml_nvpair_value(set, "sipha-last-reason", ret->reason, sizeof(ret->reason));
	cib_xml_nvpair_value(set, "sipha-last-ip-from", ret->ip_from, sizeof(ret->ip_from));
	cib_xml_nvpair_value(set, "sipha-last-ip-to", ret->ip_to, sizeof(ret->ip_to));
	cib_xml_nvpair_value(set, "sipha-last-per-node", ret->per_node, sizeof(ret->per_node));
	return 0;
}

static int leftovers_in(xmlNode *n, char ids[][CV_NAME_MAX], int max, int found)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (cib_xml_is(n, "rsc_location")) {
			xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");

			if (id && !strncmp((const char *)id, ROLL_ID_PREFIX,
					   strlen(ROLL_ID_PREFIX))) {
				if (found < max)
					snprintf(ids[found], CV_NAME_MAX, "%s", (const char *)id);
				found++;
			}
			xmlFree(id);
			continue;
		}
		found = leftovers_in(n->children, ids, max, found);
	}
	return found;
}

int roll_leftovers(xmlNode *cib, char ids[][CV_NAME_MAX], int max)
{
	return cib ? leftovers_in(cib, ids, max, 0) : 0;
}

/* A lease that ends further ahead than its writer's own lease can reach was written by a clock
 * ahead of ours, or ours went back: it would hold every run until that date. */
long long roll_lock_ahead_s(const struct roll_lock *l, time_t now)
{
	long long beyond;

	if (!l->present || l->lease_s <= 0)
		return 0;
	beyond = (long long)l->lease_end - (long long)now - l->lease_s - ROLL_CLOCK_SLACK_S;
	return beyond > 0 ? beyond : 0;
}
