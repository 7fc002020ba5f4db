/* lib/cluster/sched_record.c: the record of a scheduled rolling restart (sched_record.h) as a
 * <cluster_property_set> of nvpairs sipha-sched-*, built and read with libxml2 alone; and the
 * nearest predicted exhaustion of shared memory over a cluster view. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "cluster/cib_xml.h"
#include "cluster/roll_xml.h"
#include "cluster/sched_record.h"

/* "sipha-schedule-" + the rsc + "-" + the longest field name */
#define SET_ID_MAX (sizeof(SCHED_ID_PREFIX) + CV_NAME_MAX)
#define NV_ID_MAX (SET_ID_MAX + 32)
#define NV_PREFIX "sipha-sched-"

/* The set's id for @rsc, what an XML id may not hold replaced by '_'. 0 or -EINVAL. */
static int set_id(char *buf, size_t len, const char *rsc)
{
	size_t p = strlen(SCHED_ID_PREFIX);
	int n;

	if (!rsc || !*rsc)
		return -EINVAL;
	n = snprintf(buf, len, "%s%s", SCHED_ID_PREFIX, rsc);
	if (n < 0 || (size_t)n >= len)
		return -EINVAL;
	for (; buf[p]; p++) {
		char c = buf[p];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			buf[p] = '_';
	}
	return 0;
}

static bool prop(xmlNode *n, const char *name, const char *value)
{
	return xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)value) != NULL;
}

/* <nvpair id="SETID-FIELD" name="sipha-sched-FIELD" value=@value/>; false on ENOMEM. */
static bool nvpair(xmlNode *set, const char *id, const char *field, const char *value)
{
	char nid[NV_ID_MAX], name[48];
	xmlNode *nv = xmlNewChild(set, NULL, (const xmlChar *)"nvpair", NULL);

	if (!nv)
		return false;
	snprintf(nid, sizeof(nid), "%s-%s", id, field);
	snprintf(name, sizeof(name), NV_PREFIX "%s", field);
	return prop(nv, "id", nid) && prop(nv, "name", name) && prop(nv, "value", value);
}

/* Times as roll_xml_time writes them; "" for 0 (none), so that `pcs property` shows no 1970. */
static bool nv_time(xmlNode *set, const char *id, const char *field, time_t t)
{
	char buf[40] = "";

	if (t > 0)
		roll_xml_time(t, buf, sizeof(buf));
	return nvpair(set, id, field, buf);
}

xmlNode *sched_xml_record(const struct sched_record *r)
{
	char id[SET_ID_MAX], pid[24] = "";
	xmlNode *set;
	bool ok;

	if (!r || set_id(id, sizeof(id), r->rsc) < 0)
		return NULL;
	set = xmlNewNode(NULL, (const xmlChar *)"cluster_property_set");
	if (!set)
		return NULL;
	ok = prop(set, "id", id);
	if (r->run_pid > 0)
		snprintf(pid, sizeof(pid), "%ld", r->run_pid);
	ok = ok && nvpair(set, id, "rsc", r->rsc) && nvpair(set, id, "schedule", r->schedule) &&
	     nv_time(set, id, "since", r->since) && nv_time(set, id, "slot-done", r->slot_done) &&
	     nv_time(set, id, "next-slot", r->next_slot) &&
	     nvpair(set, id, "running", r->running ? "true" : "false") &&
	     nvpair(set, id, "run-node", r->run_node) && nvpair(set, id, "run-pid", pid) &&
	     nv_time(set, id, "run-start", r->run_start) &&
	     nv_time(set, id, "run-end", r->run_end) &&
	     nv_time(set, id, "run-slot", r->run_slot) &&
	     nvpair(set, id, "trigger", r->trigger) && nvpair(set, id, "outcome", r->outcome);
	if (!ok) {
		xmlFreeNode(set);
		return NULL;
	}
	return set;
}

/* The value of nvpair sipha-sched-@field in @set; "" when missing, cut to @len. */
static void nv_get(xmlNode *set, const char *field, char *buf, size_t len)
{
	char name[48];

	snprintf(name, sizeof(name), NV_PREFIX "%s", field);
	cib_xml_nvpair_value(set, name, buf, len);
}

/* "2026-12-01 04:00:00Z" back to a time; 0 for anything else (missing, garbage, an impossible
 * date such as 31 February: only what roll_xml_time writes again the same is taken). */
static time_t nv_time_get(xmlNode *set, const char *field)
{
	char buf[64], again[40];
	struct tm tm = { 0 };
	const char *end;
	time_t t;

	nv_get(set, field, buf, sizeof(buf));
	end = strptime(buf, "%Y-%m-%d %H:%M:%S", &tm);
	if (!end || strcmp(end, "Z"))
		return 0;
	t = timegm(&tm);
	if (t <= 0)
		return 0;
	roll_xml_time(t, again, sizeof(again));
	return strcmp(again, buf) ? 0 : t;
}

/* A positive pid, or 0 (unset, garbage, negative, out of range). */
static long nv_pid(xmlNode *set)
{
	char buf[32], *end;
	long v;

	nv_get(set, "run-pid", buf, sizeof(buf));
	errno = 0;
	v = strtol(buf, &end, 10);
	return errno || end == buf || *end || v <= 0 || v > 0x7fffffffL ? 0 : v;
}

/* Fills @ret from @set; @rsc when given (else the rsc nvpair, else the id's tail). */
static void record_from_set(xmlNode *set, const char *rsc, struct sched_record *ret)
{
	char running[8];

	memset(ret, 0, sizeof(*ret));
	ret->present = true;
	if (rsc) {
		snprintf(ret->rsc, sizeof(ret->rsc), "%s", rsc);
	} else {
		nv_get(set, "rsc", ret->rsc, sizeof(ret->rsc));
		if (!ret->rsc[0]) {
			xmlChar *id = xmlGetProp(set, (const xmlChar *)"id");

			snprintf(ret->rsc, sizeof(ret->rsc), "%s",
				 (const char *)id + strlen(SCHED_ID_PREFIX));
			xmlFree(id);
		}
	}
	nv_get(set, "schedule", ret->schedule, sizeof(ret->schedule));
	ret->since = nv_time_get(set, "since");
	ret->slot_done = nv_time_get(set, "slot-done");
	ret->next_slot = nv_time_get(set, "next-slot");
	nv_get(set, "running", running, sizeof(running));
	ret->running = !strcmp(running, "true");
	nv_get(set, "run-node", ret->run_node, sizeof(ret->run_node));
	ret->run_pid = nv_pid(set);
	ret->run_start = nv_time_get(set, "run-start");
	ret->run_end = nv_time_get(set, "run-end");
	ret->run_slot = nv_time_get(set, "run-slot");
	nv_get(set, "trigger", ret->trigger, sizeof(ret->trigger));
	nv_get(set, "outcome", ret->outcome, sizeof(ret->outcome));
}

/* Walks @n in document order: the <cluster_property_set>s whose id starts with the prefix
 * (@id NULL) or is @id. Calls @fn for each until it returns false (then sets @stop). */
static void walk_sets(xmlNode *n, const char *id, bool (*fn)(xmlNode *, void *), void *arg,
		      bool *stop)
{
	for (; n && !*stop; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (cib_xml_is(n, "cluster_property_set")) {
			xmlChar *v = xmlGetProp(n, (const xmlChar *)"id");
			const char *s = (const char *)v;
			bool match = s && (id ? !strcmp(s, id) :
					   !strncmp(s, SCHED_ID_PREFIX, strlen(SCHED_ID_PREFIX)) &&
					   s[strlen(SCHED_ID_PREFIX)]);

			xmlFree(v);
			if (match)
				*stop = !fn(n, arg);
			continue;
		}
		walk_sets(n->children, id, fn, arg, stop);
	}
}

struct one {
	const char *rsc;
	struct sched_record *ret;
};

static bool take_one(xmlNode *set, void *arg)
{
	struct one *o = arg;

	record_from_set(set, o->rsc, o->ret);
	return false;
}

int sched_record_from_cib(xmlNode *cib, const char *rsc, struct sched_record *ret)
{
	char id[SET_ID_MAX];
	struct one o = { rsc, ret };
	bool stop = false;

	if (!ret)
		return -EINVAL;
	memset(ret, 0, sizeof(*ret));
	if (set_id(id, sizeof(id), rsc) < 0)
		return -EINVAL;
	if (cib)
		walk_sets(cib, id, take_one, &o, &stop);
	return 0;
}

struct many {
	struct sched_record *ret;
	int max, n;
};

static bool take_many(xmlNode *set, void *arg)
{
	struct many *m = arg;

	if (m->n >= m->max)
		return false;
	record_from_set(set, NULL, &m->ret[m->n++]);
	return true;
}

int sched_records_from_cib(xmlNode *cib, struct sched_record *ret, int max)
{
	struct many m = { ret, max, 0 };
	bool stop = false;

	if (!cib || !ret || max <= 0)
		return 0;
	walk_sets(cib, NULL, take_many, &m, &stop);
	return m.n;
}

int sched_exhaust_from_view(const struct cluster_view *v, int64_t *ret_s, char *node,
			    size_t len)
{
	const struct cv_node *best = NULL;

	if (!v || !ret_s)
		return -EINVAL;
	for (int i = 0; i < v->n_nodes && i < CV_NODES_MAX; i++) {
		const struct cv_node *n = &v->nodes[i];

		if (n->kam_active && n->shm_exhaust_s >= 0 &&
		    (!best || n->shm_exhaust_s < best->shm_exhaust_s))
			best = n;
	}
	if (!best)
		return -ENOENT;
	*ret_s = best->shm_exhaust_s;
	if (node && len)
		snprintf(node, len, "%s", best->name);
	return 0;
}
