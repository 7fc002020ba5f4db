/* lib/cluster/cluster_view.c: a cluster_view from a whole CIB — node states, quorum, DC and
 * active resources judged by libpe_status; the rest read with XPath from the CIB itself. */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "cluster/cib_xml.h"
#include "cluster/cluster_view.h"
#include "cluster/pcmk_compat.h"

#define KAM_MATCH "@class='ocf' and @provider='sipha' and @type='kamailio'"
#define IP_MATCH "@class='ocf' and @provider='sipha' and @type='floatip'"
#define SCORE_INFINITY 1000000

static void say(char *why, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL || len == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
}

static void copy_str(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src != NULL ? src : "");
}

/* libxml2 returns xmlChar; every string we read is UTF-8 text for C. */
static const char *attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a = xmlHasProp(n, (const xmlChar *)name);

	if (a == NULL || a->children == NULL || a->children->content == NULL)
		return NULL;
	return (const char *)a->children->content;
}

/* The nodes matching @expr, evaluated relative to @ctx_node. NULL when none (or ENOMEM). */
static xmlXPathObject *xp(xmlNode *ctx_node, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(ctx_node->doc);
	xmlXPathObject *o;

	if (ctx == NULL)
		return NULL;
	ctx->node = ctx_node;
	o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	xmlXPathFreeContext(ctx);
	if (o != NULL && (o->nodesetval == NULL || o->nodesetval->nodeNr == 0)) {
		xmlXPathFreeObject(o);
		return NULL;
	}
	return o;
}

/* The first match of the printf-built @fmt under @ctx_node, or NULL. */
static xmlNode *xp_first(xmlNode *ctx_node, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static xmlNode *xp_first(xmlNode *ctx_node, const char *fmt, ...)
{
	char expr[1024];
	xmlXPathObject *o;
	xmlNode *n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(expr, sizeof(expr), fmt, ap);
	va_end(ap);
	o = xp(ctx_node, expr);
	if (o == NULL)
		return NULL;
	n = o->nodesetval->nodeTab[0];
	xmlXPathFreeObject(o);
	return n;
}

static const char *or_dash(const char *s)
{
	return s != NULL ? s : "-";
}

/* XPath has no escaping inside a literal: refuse quotes in names we put into one. */
static bool xp_safe(const char *s)
{
	return strchr(s, '\'') == NULL && strchr(s, '"') == NULL;
}

/* Picks the one element matching @expr, or says how many there were. */
static int detect_one(xmlNode *cib, const char *expr, const char *what, char *dst,
		      char *why, size_t len)
{
	xmlXPathObject *o = xp(cib, expr);
	char names[CV_REASON_MAX] = "";
	int n;

	if (o == NULL) {
		say(why, len, "no %s in the configuration", what);
		return -ENOENT;
	}
	n = o->nodesetval->nodeNr;
	if (n == 1) {
		copy_str(dst, CV_NAME_MAX, attr(o->nodesetval->nodeTab[0], "id"));
		xmlXPathFreeObject(o);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		size_t used = strlen(names);

		snprintf(names + used, sizeof(names) - used, "%s%s", i ? ", " : "",
			 attr(o->nodesetval->nodeTab[i], "id"));
	}
	xmlXPathFreeObject(o);
	say(why, len, "%d %ss (%s): name the one to use", n, what, names);
	return -ENOTUNIQ;
}

/* The clone given by id: it must exist, be a clone, and clone an ocf:sipha:kamailio. */
static int check_clone(xmlNode *cib, const char *id, char *why, size_t len)
{
	xmlNode *n;

	if (!xp_safe(id) ||
	    (n = xp_first(cib, "configuration/resources//*[@id='%s']", id)) == NULL) {
		say(why, len, "no resource with id %s", id);
		return -ENOENT;
	}
	if (strcmp((const char *)n->name, "clone") != 0) {
		say(why, len, "%s is a %s, not a clone of ocf:sipha:kamailio", id, n->name);
		return -EINVAL;
	}
	if (xp_first(n, "primitive[" KAM_MATCH "]") == NULL) {
		say(why, len, "clone %s does not clone an ocf:sipha:kamailio primitive", id);
		return -EINVAL;
	}
	return 0;
}

/* The floating IP given by id: it must be an ocf:sipha:floatip primitive. */
static int check_ip(xmlNode *cib, const char *id, char *why, size_t len)
{
	xmlNode *n;

	if (!xp_safe(id) ||
	    (n = xp_first(cib, "configuration/resources//*[@id='%s']", id)) == NULL) {
		say(why, len, "no resource with id %s", id);
		return -ENOENT;
	}
	if (strcmp((const char *)n->name, "primitive") != 0) {
		say(why, len, "%s is a %s, not an ocf:sipha:floatip primitive", id, n->name);
		return -EINVAL;
	}
	if (xp_first(n, "self::*[" IP_MATCH "]") == NULL) {
		say(why, len, "%s is a %s of %s:%s:%s, not an ocf:sipha:floatip primitive", id,
		    n->name, or_dash(attr(n, "class")), or_dash(attr(n, "provider")),
		    or_dash(attr(n, "type")));
		return -EINVAL;
	}
	return 0;
}

/* Fills clone_id, kam_id and ip_id: given ones checked, missing ones detected. */
static int select_resources(xmlNode *cib, const struct cv_select *sel, struct cluster_view *v,
			    char *why, size_t len)
{
	xmlNode *prim;
	int rc;

	if (sel != NULL && sel->clone_id != NULL) {
		rc = check_clone(cib, sel->clone_id, why, len);
		if (rc < 0)
			return rc;
		copy_str(v->clone_id, sizeof(v->clone_id), sel->clone_id);
	} else {
		rc = detect_one(cib, "configuration/resources//clone[primitive[" KAM_MATCH "]]",
				"clone of ocf:sipha:kamailio", v->clone_id, why, len);
		if (rc < 0)
			return rc;
	}
	prim = xp_first(cib, "configuration/resources//clone[@id='%s']/primitive", v->clone_id);
	copy_str(v->kam_id, sizeof(v->kam_id), prim != NULL ? attr(prim, "id") : NULL);

	if (sel != NULL && sel->ip_id != NULL) {
		rc = check_ip(cib, sel->ip_id, why, len);
		if (rc < 0)
			return rc;
		copy_str(v->ip_id, sizeof(v->ip_id), sel->ip_id);
		return 0;
	}
	return detect_one(cib, "configuration/resources//primitive[" IP_MATCH "]",
			  "ocf:sipha:floatip primitive", v->ip_id, why, len);
}

/* A score: an integer or [+-]INFINITY; @dflt when unset or unreadable. */
static int64_t score(const char *s, int64_t dflt)
{
	char *end;
	long long x;

	if (s == NULL)
		return dflt;
	if (!strcasecmp(s, "INFINITY") || !strcasecmp(s, "+INFINITY"))
		return SCORE_INFINITY;
	if (!strcasecmp(s, "-INFINITY"))
		return -SCORE_INFINITY;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return dflt;
	return x > SCORE_INFINITY ? SCORE_INFINITY : x < -SCORE_INFINITY ? -SCORE_INFINITY : x;
}

/* A node's transient attribute (status section), NULL when unset. */
static const char *transient(xmlNode *cib, const char *uname, const char *name)
{
	xmlNode *n = xp_first(cib, "status/node_state[@uname='%s']/transient_attributes/"
			      "instance_attributes/nvpair[@name='%s']", uname, name);

	return n != NULL ? attr(n, "value") : NULL;
}

/* standby: a transient value overrides the permanent one, as in Pacemaker. */
static bool node_standby(xmlNode *cib, const char *uname)
{
	const char *t = transient(cib, uname, "standby");
	xmlNode *n;

	if (t != NULL)
		return cib_xml_is_true(t);
	n = xp_first(cib, "configuration/nodes/node[@uname='%s']/instance_attributes/"
		     "nvpair[@name='standby']", uname);
	return n != NULL && cib_xml_is_true(attr(n, "value"));
}

/* A non-negative number, or -1 when unset or not a number (the agent writes "none" while it
 * foresees no exhaustion). */
static int64_t figure(const char *s)
{
	char *end;
	long long x;

	if (s == NULL)
		return -1;
	errno = 0;
	x = strtoll(s, &end, 10);
	return errno != 0 || end == s || *end != '\0' || x < 0 ? -1 : x;
}

static void node_attrs(xmlNode *cib, struct cv_node *n)
{
	int64_t pct = figure(transient(cib, n->name, "sipha-shm-used-pct"));

	n->standby = node_standby(cib, n->name);
	copy_str(n->health, sizeof(n->health), transient(cib, n->name, "sipha-health"));
	n->shm_used_pct = pct > 100 ? -1 : (int)pct;
	n->shm_exhaust_s = figure(transient(cib, n->name, "sipha-shm-exhaust-s"));
}

/* Names of the configured cluster nodes (remote nodes aside), in CIB order. */
static int list_nodes(xmlNode *cib, struct cluster_view *v, char *why, size_t len)
{
	xmlXPathObject *o = xp(cib, "configuration/nodes/node[not(@type) or @type='member']");

	if (o == NULL)
		return 0;
	if (o->nodesetval->nodeNr > CV_NODES_MAX) {
		say(why, len, "%d nodes: more than the %d siphactl handles",
		    o->nodesetval->nodeNr, CV_NODES_MAX);
		xmlXPathFreeObject(o);
		return -E2BIG;
	}
	for (int i = 0; i < o->nodesetval->nodeNr; i++) {
		const char *uname = attr(o->nodesetval->nodeTab[i], "uname");

		if (uname == NULL || !xp_safe(uname))
			continue;
		copy_str(v->nodes[v->n_nodes].name, CV_NAME_MAX, uname);
		node_attrs(cib, &v->nodes[v->n_nodes]);
		v->n_nodes++;
	}
	xmlXPathFreeObject(o);
	return 0;
}

/* "kamailio:1" -> is it an instance of (or the very) resource @id? */
static bool same_rsc(const char *rsc, const char *id)
{
	size_t n = strlen(id);

	if (*id == '\0' || strncmp(rsc, id, n) != 0)
		return false;
	if (rsc[n] == '\0')
		return true;
	if (rsc[n] != ':' || rsc[n + 1] == '\0')
		return false;
	return strspn(rsc + n + 1, "0123456789") == strlen(rsc + n + 1);
}

struct active_ctx {
	const struct cluster_view *v;
	struct cv_node *n;
};

static bool on_active(pc_rsc_t *r, void *data)
{
	struct active_ctx *a = data;
	const char *id = pc_rsc_id(r);

	if (id == NULL)
		return true;
	if (same_rsc(id, a->v->kam_id) || same_rsc(id, a->v->clone_id))
		a->n->kam_active = true;
	if (same_rsc(id, a->v->ip_id))
		a->n->ip_active = true;
	return true;
}

/* Runs libpe_status over a Pacemaker copy of @cib and copies what it judged into @v. */
static int pe_judge(xmlNode *cib, struct cluster_view *v, char *why, size_t len)
{
	pc_sched_t *s = pe_new_working_set();
	xmlNode *input = pc_xml_import(cib);
	const pc_node_t *dc;

	if (s == NULL || input == NULL) {
		pc_xml_free(input);
		if (s != NULL)
			pe_free_working_set(s);
		return -ENOMEM;
	}
	if (pc_sched_set_cib(s, input) < 0 || !cluster_status(s)) {
		pe_free_working_set(s);
		say(why, len, "Pacemaker could not read this CIB (cluster_status failed)");
		return -EINVAL;
	}
	v->have_quorum = pc_has_quorum(s);
	dc = pc_dc(s);
	for (int i = 0; i < v->n_nodes; i++) {
		struct cv_node *n = &v->nodes[i];
		pc_node_t *pn = pc_find_node(s, n->name);
		struct active_ctx a = { v, n };
		struct pc_node_state st;

		if (pn == NULL)
			continue;
		st = pc_node_state(pn);
		n->online = st.online;
		n->maintenance = st.maintenance;
		n->shutdown = st.shutdown;
		n->unclean = st.unclean;
		if (dc != NULL && pn == dc)
			copy_str(v->dc, sizeof(v->dc), n->name);
		pc_foreach_active(pn, on_active, &a);
	}
	pe_free_working_set(s);
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void one_failure(xmlNode *op, struct cv_failed *f)
{
	xmlNode *lrm_rsc = op->parent;
	xmlNode *state = xp_first(op, "ancestor::node_state");
	const char *name = attr(op, "operation");
	const char *interval = attr(op, "interval");

	copy_str(f->rsc, sizeof(f->rsc), lrm_rsc != NULL ? attr(lrm_rsc, "id") : NULL);
	copy_str(f->node, sizeof(f->node), state != NULL ? attr(state, "uname") : NULL);
	/* a probe is recorded as a monitor with interval 0 */
	if (name != NULL && !strcmp(name, "monitor") && (interval == NULL || !strcmp(interval, "0")))
		name = "probe";
	copy_str(f->op, sizeof(f->op), name);
	f->rc = attr(op, "rc-code") != NULL ? (int)strtol(attr(op, "rc-code"), NULL, 10) : -1;
	copy_str(f->reason, sizeof(f->reason), attr(op, "exit-reason"));
}

/* A probe that found the resource running (rc 0, or 8 promoted) is recorded under
 * _last_failure_0 (its target was "stopped"), yet Pacemaker does not count it as a failure and
 * crm_mon lists no failed action for it: after a cleanup every running instance shows one. */
static bool probe_found_running(xmlNode *op)
{
	const char *name = attr(op, "operation"), *interval = attr(op, "interval"),
		   *rc = attr(op, "rc-code");

	return name != NULL && !strcmp(name, "monitor") && interval != NULL &&
	       !strcmp(interval, "0") && rc != NULL && (!strcmp(rc, "0") || !strcmp(rc, "8"));
}

/* Every failed action the status section records (lrm_rsc_op "<rsc>_last_failure_0"). */
static int list_failures(xmlNode *cib, struct cluster_view *v, char *why, size_t len)
{
	xmlXPathObject *o = xp(cib, "status/node_state/lrm/lrm_resources/lrm_resource/lrm_rsc_op");
	int rc = 0;

	if (o == NULL)
		return 0;
	for (int i = 0; i < o->nodesetval->nodeNr; i++) {
		xmlNode *op = o->nodesetval->nodeTab[i];
		const char *id = attr(op, "id");

		if (id == NULL || !ends_with(id, "_last_failure_0") || probe_found_running(op))
			continue;
		if (v->n_failed == CV_FAILED_MAX) {
			say(why, len, "more than %d failed actions: clean them up first",
			    CV_FAILED_MAX);
			rc = -E2BIG;
			break;
		}
		one_failure(op, &v->failed[v->n_failed++]);
	}
	xmlXPathFreeObject(o);
	return rc;
}

/* resource-stickiness of the IP: its own meta attribute, else rsc_defaults, else 0. */
static int64_t ip_stickiness(xmlNode *cib, const char *ip_id)
{
	xmlNode *n = xp_first(cib, "configuration/resources//primitive[@id='%s']/meta_attributes/"
			      "nvpair[@name='resource-stickiness']", ip_id);

	if (n == NULL)
		n = xp_first(cib, "configuration/rsc_defaults/meta_attributes/"
			     "nvpair[@name='resource-stickiness']");
	return n != NULL ? score(attr(n, "value"), 0) : 0;
}

int cluster_view_from_cib(xmlNode *cib, const struct cv_select *sel, struct cluster_view *ret,
			  char *why, size_t why_len)
{
	struct cluster_view *v;
	int rc;

	if (cib == NULL || cib->doc == NULL || strcmp((const char *)cib->name, "cib") != 0) {
		say(why, why_len, "not a CIB (no <cib> element)");
		return -EINVAL;
	}
	v = calloc(1, sizeof(*v));
	if (v == NULL)
		return -ENOMEM;
	rc = select_resources(cib, sel, v, why, why_len);
	if (rc >= 0)
		rc = list_nodes(cib, v, why, why_len);
	if (rc >= 0)
		rc = pe_judge(cib, v, why, why_len);
	if (rc >= 0)
		rc = list_failures(cib, v, why, why_len);
	if (rc >= 0) {
		v->ip_stickiness = ip_stickiness(cib, v->ip_id);
		*ret = *v;
	}
	free(v);
	return rc < 0 ? rc : 0;
}

const struct cv_node *cluster_view_node(const struct cluster_view *v, const char *name)
{
	for (int i = 0; i < v->n_nodes; i++)
		if (strcmp(v->nodes[i].name, name) == 0)
			return &v->nodes[i];
	return NULL;
}

const struct cv_node *cluster_view_ip_node(const struct cluster_view *v)
{
	for (int i = 0; i < v->n_nodes; i++)
		if (v->nodes[i].ip_active)
			return &v->nodes[i];
	return NULL;
}

int cluster_view_failures(const struct cluster_view *v, const struct cv_failed **ret_last)
{
	const struct cv_failed *last = NULL;
	int n = 0;

	for (int i = 0; i < v->n_failed; i++) {
		if (v->failed[i].rc == 190 || v->failed[i].rc == 191)
			continue;
		last = &v->failed[i];
		n++;
	}
	if (ret_last != NULL)
		*ret_last = last;
	return n;
}
