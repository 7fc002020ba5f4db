/* lib/cluster/check.c: the rules of `siphactl check`, read from a CIB with XPath. */
#include "cluster/check.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/xpath.h>

#include "cluster/cib_xml.h"
#include "net/nl.h"
#include "net/nl_addr.h"

const struct check_rule check_rules[CHECK_RULES_N] = {
	[CHECK_IP_LOCAL] = { CHECK_IP_LOCAL, "ip-local-foreign", CHECK_ERROR,
		"the floating IP is on an interface of this node as an ordinary address (a DHCP "
		"lease or a static address), not added by floatip: two hosts answer for it",
		"remove it from the DHCP pool or the static configuration of that interface, then "
		"delete it (ip addr del ADDR/PREFIX dev IFACE)" },
	[CHECK_IP_RECORDED] = { CHECK_IP_RECORDED, "ip-recorded-foreign", CHECK_ERROR,
		"floatip found the floating IP on a node as an address it did not add (recorded "
		"in the CIB by its monitor or probe)",
		"remove the address from that node's DHCP or static configuration, delete it, "
		"then clean up the resource (crm_resource --cleanup -r IP)" },
	[CHECK_IP_ANSWERED] = { CHECK_IP_ANSWERED, "ip-answered-elsewhere", CHECK_ERROR,
		"floatip's depth-10 monitor saw the floating IP answered by a MAC address that is "
		"not the holder's: another host uses it",
		"find the host with that MAC (switch tables, DHCP leases) and take the address "
		"away from it" },
	[CHECK_HEALTH_RULE] = { CHECK_HEALTH_RULE, "health-rule-missing", CHECK_ERROR,
		"no location rule keeps the floating IP off a node whose sipha-health is red, "
		"nor does node-health-strategy (migrate-on-red, only-green or progressive, with "
		"node_health=true on the Kamailio primitive and allow-unhealthy-nodes=true on "
		"its clone)",
		"pcs constraint location IP rule score=-INFINITY sipha-health eq red" },
	[CHECK_COLOCATION] = { CHECK_COLOCATION, "colocation-missing", CHECK_ERROR,
		"the floating IP is not colocated with the Kamailio clone: it may run where no "
		"Kamailio serves",
		"pcs constraint colocation add IP with CLONE score=INFINITY" },
	[CHECK_ORDER] = { CHECK_ORDER, "order-missing", CHECK_ERROR,
		"no order starts the Kamailio clone before the floating IP",
		"pcs constraint order start CLONE then start IP" },
	[CHECK_NOT_CLONE] = { CHECK_NOT_CLONE, "kamailio-not-cloned", CHECK_ERROR,
		"the Kamailio resource is not a clone: only one node serves, a failover starts "
		"Kamailio from cold and a rolling restart is impossible",
		"clone it (pcs resource clone KAMAILIO interleave=true)" },
	[CHECK_INTERLEAVE] = { CHECK_INTERLEAVE, "clone-not-interleaved", CHECK_ERROR,
		"the Kamailio clone has no interleave=true: what depends on it waits for (or "
		"restarts with) every instance instead of the one on its node",
		"pcs resource meta CLONE interleave=true" },
	[CHECK_DEEP_MONITOR] = { CHECK_DEEP_MONITOR, "no-deep-monitor", CHECK_ERROR,
		"the Kamailio primitive has no depth-10 monitor (OCF_CHECK_LEVEL=10): SIP answers "
		"and memory health go unwatched, sipha-health is never published",
		"pcs resource op add KAMAILIO monitor interval=30s timeout=30s OCF_CHECK_LEVEL=10" },
	[CHECK_STICKINESS] = { CHECK_STICKINESS, "ip-stickiness-zero", CHECK_ERROR,
		"resource-stickiness is 0 for the floating IP: it may move back after a restart "
		"(one more interruption), and rolling-restart refuses to run",
		"pcs resource meta IP resource-stickiness=100 (or pcs resource defaults update "
		"resource-stickiness=100)" },
	[CHECK_STONITH] = { CHECK_STONITH, "stonith-disabled", CHECK_WARNING,
		"stonith-enabled=false: a node that stops answering is assumed down, and may still "
		"hold the floating IP",
		"configure a fence device and pcs property set stonith-enabled=true" },
	[CHECK_NO_RESOURCE] = { CHECK_NO_RESOURCE, "resource-missing", CHECK_ERROR,
		"no ocf:sipha:kamailio or ocf:sipha:floatip primitive was found (or the one named "
		"does not exist)",
		"configure them as docs/kamailio.md shows, or name them with --clone and --ip" },
	[CHECK_LOCAL_UNSCANNED] = { CHECK_LOCAL_UNSCANNED, "local-not-scanned", CHECK_INFO,
		"this node's interfaces could not be read for copies of the floating IP",
		"run siphactl check as root on each node" },
	[CHECK_NO_REPLICATION] = { CHECK_NO_REPLICATION, "registrations-not-replicated",
		CHECK_WARNING,
		"Kamailio's configuration does not replicate registrations (no dmq: the agent "
		"publishes sipha-dmq-peers=off): after a failover or a restart phones are "
		"unreachable (404) until each re-registers, up to its Expires",
		"replicate the location table with dmq and dmq_usrloc, e.g. examples/kamailio-ha.cfg "
		"with dmq_port=5090 (docs/kamailio.md, \"Registrations that survive failover\")" },
	[CHECK_DMQ_PEERS] = { CHECK_DMQ_PEERS, "replication-peers-missing", CHECK_WARNING,
		"a Kamailio instance sees fewer DMQ peers than other nodes replicate: registrations "
		"made on those nodes do not reach it, nor does its sync",
		"make the replication port (dmq_port) reachable between the nodes' ring addresses; "
		"look at dmq.list_nodes on that node (kamcmd dmq.list_nodes)" },
	[CHECK_HEALTH_EXEMPT] = { CHECK_HEALTH_EXEMPT, "health-clone-not-exempt", CHECK_ERROR,
		"node-health-strategy reads #health-sipha (node_health=true) but the Kamailio "
		"clone is not exempt: a red node would stop Kamailio itself, and as the stop "
		"keeps a red the agent published, nothing starts it there until it is cleared",
		"pcs resource meta CLONE allow-unhealthy-nodes=true" },
};

const char *check_severity_name(enum check_severity s)
{
	return s == CHECK_ERROR ? "error" : s == CHECK_WARNING ? "warning" : "info";
}

/* Adds a finding unless one of the same rule, node and resource is there already. */
static struct check_finding *add(struct check_report *r, enum check_rule_id id, const char *node,
				 const char *rsc)
{
	struct check_finding *f;

	node = node ? node : "";
	rsc = rsc ? rsc : "";
	for (int i = 0; i < r->n; i++)
		if (r->f[i].rule->id == id && !strcmp(r->f[i].node, node) &&
		    !strcmp(r->f[i].rsc, rsc))
			return NULL;
	if (r->n == CHECK_FINDINGS_MAX) {
		r->truncated = true;
		return NULL;
	}
	f = &r->f[r->n++];
	memset(f, 0, sizeof(*f));
	f->rule = &check_rules[id];
	snprintf(f->node, sizeof(f->node), "%s", node);
	snprintf(f->rsc, sizeof(f->rsc), "%s", rsc);
	snprintf(f->what, sizeof(f->what), "%s", f->rule->text);
	snprintf(f->todo, sizeof(f->todo), "%s", f->rule->todo);
	if (f->rule->severity == CHECK_ERROR)
		r->n_errors++;
	else if (f->rule->severity == CHECK_WARNING)
		r->n_warnings++;
	return f;
}

static void set_text(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_text(char *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, CHECK_TEXT_MAX, fmt, ap);
	va_end(ap);
}

static xmlXPathObject *xp_v(xmlNode *cib, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
static xmlXPathObject *xp_v(xmlNode *cib, const char *fmt, va_list ap)
{
	char path[1024];
	xmlXPathContext *ctx;
	xmlXPathObject *o;
	int n = vsnprintf(path, sizeof(path), fmt, ap);

	if (n < 0 || (size_t)n >= sizeof(path) || !cib || !cib->doc)
		return NULL;
	ctx = xmlXPathNewContext(cib->doc);
	if (!ctx)
		return NULL;
	o = xmlXPathEvalExpression((const xmlChar *)path, ctx);
	xmlXPathFreeContext(ctx);
	if (o && (!o->nodesetval || o->nodesetval->nodeNr == 0)) {
		xmlXPathFreeObject(o);
		o = NULL;
	}
	return o;
}

/* The nodes matching the XPath built from @fmt, evaluated over @cib's document; NULL when
 * none matched or the expression is invalid. The caller frees with xmlXPathFreeObject. */
static xmlXPathObject *xp(xmlNode *cib, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static xmlXPathObject *xp(xmlNode *cib, const char *fmt, ...)
{
	xmlXPathObject *o;
	va_list ap;

	va_start(ap, fmt);
	o = xp_v(cib, fmt, ap);
	va_end(ap);
	return o;
}

/* Whether anything matches. */
static bool xp_any(xmlNode *cib, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool xp_any(xmlNode *cib, const char *fmt, ...)
{
	xmlXPathObject *o;
	va_list ap;

	va_start(ap, fmt);
	o = xp_v(cib, fmt, ap);
	va_end(ap);
	xmlXPathFreeObject(o);
	return o != NULL;
}

/* The value of attribute @name of @n, "" when absent (copied to @buf). */
static const char *attr(xmlNode *n, const char *name, char *buf, size_t len)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);

	snprintf(buf, len, "%s", v ? (const char *)v : "");
	xmlFree(v);
	return buf;
}

/* An id fit to go between quotes of an XPath literal. */
static bool id_ok(const char *id)
{
	return id && *id && !strpbrk(id, "'\"") && strlen(id) < CV_NAME_MAX;
}

#define CFG "/cib/configuration"

/* The id of the only primitive of ocf:sipha:@type (or @given, when it exists), into @ret. */
static int find_primitive(xmlNode *cib, const char *type, const char *given, char *ret)
{
	xmlXPathObject *o;
	int n;

	if (given) {
		if (!id_ok(given) || !xp_any(cib, CFG "/resources//primitive[@id='%s']", given))
			return -ENOENT;
		snprintf(ret, CV_NAME_MAX, "%s", given);
		return 0;
	}
	o = xp(cib, CFG "/resources//primitive[@class='ocf' and @provider='sipha' and "
	       "@type='%s']", type);
	if (!o)
		return -ENOENT;
	n = o->nodesetval->nodeNr;
	if (n == 1) {
		char buf[CV_NAME_MAX];

		snprintf(ret, CV_NAME_MAX, "%s", attr(o->nodesetval->nodeTab[0], "id", buf,
						      sizeof(buf)));
	}
	xmlXPathFreeObject(o);
	return n == 1 ? 0 : -ENOTUNIQ;
}

struct ids {
	char kam[CV_NAME_MAX], clone[CV_NAME_MAX], ip[CV_NAME_MAX];
};

/* The ids the rules are about: the view's, else @sel's or detected ones. The clone is the
 * parent of the Kamailio primitive ("" when it has none). */
static int resolve_ids(xmlNode *cib, const struct cluster_view *v, const struct cv_select *sel,
		       struct ids *ret)
{
	xmlXPathObject *o;
	char buf[CV_NAME_MAX];

	memset(ret, 0, sizeof(*ret));
	if (v) {
		snprintf(ret->kam, sizeof(ret->kam), "%s", v->kam_id);
		snprintf(ret->clone, sizeof(ret->clone), "%s", v->clone_id);
		snprintf(ret->ip, sizeof(ret->ip), "%s", v->ip_id);
		return 0;
	}
	if (find_primitive(cib, "floatip", sel ? sel->ip_id : NULL, ret->ip) < 0)
		ret->ip[0] = '\0';
	if (sel && sel->clone_id) {
		if (!id_ok(sel->clone_id))
			return -ENOENT;
		o = xp(cib, CFG "/resources/clone[@id='%s']/primitive", sel->clone_id);
		if (!o)
			return -ENOENT;
		snprintf(ret->kam, sizeof(ret->kam), "%s",
			 attr(o->nodesetval->nodeTab[0], "id", buf, sizeof(buf)));
		xmlXPathFreeObject(o);
	} else if (find_primitive(cib, "kamailio", NULL, ret->kam) < 0) {
		return -ENOENT;
	}
	o = xp(cib, CFG "/resources/clone[primitive/@id='%s']", ret->kam);
	if (o)
		attr(o->nodesetval->nodeTab[0], "id", ret->clone, sizeof(ret->clone));
	xmlXPathFreeObject(o);
	return ret->ip[0] ? 0 : -ENOENT;
}

/* A score that means "always" / "never": INFINITY, +INFINITY, inf (crmsh) / -INFINITY, -inf. */
static bool score_inf(const char *s, bool negative)
{
	if (negative) {
		if (*s != '-')
			return false;
		s++;
	} else if (*s == '+') {
		s++;
	}
	return !strcasecmp(s, "INFINITY") || !strcasecmp(s, "inf");
}

/* The value of the first nvpair the XPath built from @fmt matches, "" when none (into @buf). */
static const char *nv_value(xmlNode *cib, char *buf, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static const char *nv_value(xmlNode *cib, char *buf, size_t len, const char *fmt, ...)
{
	xmlXPathObject *o;
	va_list ap;

	va_start(ap, fmt);
	o = xp_v(cib, fmt, ap);
	va_end(ap);
	buf[0] = '\0';
	if (o)
		attr(o->nodesetval->nodeTab[0], "value", buf, len);
	xmlXPathFreeObject(o);
	return buf;
}

/* What stands in for the location rule when node-health-strategy is used (docs/health.md). */
struct node_health {
	char strategy[32];	/* node-health-strategy, "none" when unset */
	bool bans_red;		/* the strategy gives red -INFINITY on every resource not exempt */
	bool published;		/* node_health=true on the Kamailio primitive: #health-sipha */
	bool exempt;		/* allow-unhealthy-nodes=true on the clone (the primitive when not cloned) */
};

static void node_health_read(xmlNode *cib, const struct ids *id, struct node_health *nh)
{
	char v[64];

	nv_value(cib, nh->strategy, sizeof(nh->strategy), CFG "/crm_config/cluster_property_set/"
		 "nvpair[@name='node-health-strategy']");
	if (!nh->strategy[0])
		snprintf(nh->strategy, sizeof(nh->strategy), "none");
	nh->bans_red = !strcmp(nh->strategy, "migrate-on-red") ||
		       !strcmp(nh->strategy, "only-green");
	if (!strcmp(nh->strategy, "progressive")) {
		/* its red score: node-health-red, -INFINITY when unset */
		nv_value(cib, v, sizeof(v), CFG "/crm_config/cluster_property_set/nvpair[@name="
			 "'node-health-red']");
		nh->bans_red = !v[0] || score_inf(v, true);
	}
	nh->published = cib_xml_is_true(nv_value(cib, v, sizeof(v), CFG "/resources//primitive[@id="
					   "'%s']/instance_attributes/nvpair[@name='node_health']",
					   id->kam));
	nh->exempt = cib_xml_is_true(nv_value(cib, v, sizeof(v), CFG "/resources/%s[@id='%s']/"
					"meta_attributes/nvpair[@name='allow-unhealthy-nodes']",
					id->clone[0] ? "clone" : "/primitive",
					id->clone[0] ? id->clone : id->kam));
}

/* The Kamailio clone must survive its own red when a strategy reads #health-sipha: without
 * allow-unhealthy-nodes the scheduler stops it, and the stop keeps the agent's red (so that
 * the IP leaves), which bans the node until someone clears it. */
static void check_health_exempt(const struct ids *id, const struct node_health *nh,
				struct check_report *r)
{
	const char *c = id->clone[0] ? id->clone : id->kam;
	struct check_finding *f;

	if (!strcmp(nh->strategy, "none") || !strcmp(nh->strategy, "custom") || !nh->published ||
	    nh->exempt || !(f = add(r, CHECK_HEALTH_EXEMPT, NULL, c)))
		return;
	set_text(f->what, "node-health-strategy=%s reads #health-sipha (node_health=true on %s) "
		 "but %s has no allow-unhealthy-nodes=true: a red node would stop Kamailio itself, "
		 "and as the stop keeps a red the agent published, nothing starts it there until "
		 "it is cleared", nh->strategy, id->kam, c);
	set_text(f->todo, "pcs resource meta %s allow-unhealthy-nodes=true  (crmsh: crm resource "
		 "meta %s set allow-unhealthy-nodes true)", c, c);
}

static void check_health_rule(xmlNode *cib, const struct ids *id, struct check_report *r)
{
	struct node_health nh = { 0 };
	xmlXPathObject *o = xp(cib, CFG "/constraints/rsc_location[@rsc='%s']/rule[expression["
			       "@attribute='sipha-health' and @operation='eq' and @value='red']]",
			       id->ip);
	bool found = false;
	struct check_finding *f;
	char score[32];

	for (int i = 0; o && i < o->nodesetval->nodeNr && !found; i++)
		found = score_inf(attr(o->nodesetval->nodeTab[i], "score", score, sizeof(score)),
				  true);
	xmlXPathFreeObject(o);
	node_health_read(cib, id, &nh);
	check_health_exempt(id, &nh, r);
	/* node-health-strategy in place of the rule: red bans every resource not exempt, the
	 * IP with them, while Kamailio (exempt) recovers in place */
	if (found || (nh.bans_red && nh.published && nh.exempt))
		return;
	f = add(r, CHECK_HEALTH_RULE, NULL, id->ip);
	if (f && nh.published && nh.exempt && strcmp(nh.strategy, "none"))
		set_text(f->what, "no location rule keeps the floating IP off a node whose "
			 "sipha-health is red, and node-health-strategy=%s does not ban a red "
			 "node (migrate-on-red, only-green, or progressive with node-health-red "
			 "-INFINITY do)", nh.strategy);
	if (f)
		set_text(f->todo, "pcs constraint location %s rule score=-INFINITY sipha-health eq "
			 "red  (crmsh: crm configure location %s-health %s rule -inf: sipha-health "
			 "eq red)", id->ip, id->ip, id->ip);
}

static void check_colocation_order(xmlNode *cib, const struct ids *id, struct check_report *r)
{
	const char *with = id->clone[0] ? id->clone : id->kam;
	xmlXPathObject *o = xp(cib, CFG "/constraints/rsc_colocation[@rsc='%s' and "
			       "@with-rsc='%s']", id->ip, with);
	bool found = false;
	struct check_finding *f;
	char score[32];

	for (int i = 0; o && i < o->nodesetval->nodeNr && !found; i++) {
		attr(o->nodesetval->nodeTab[i], "score", score, sizeof(score));
		found = score_inf(score, false) || atoll(score) > 0;
	}
	xmlXPathFreeObject(o);
	if (!found && (f = add(r, CHECK_COLOCATION, NULL, id->ip)))
		set_text(f->todo, "pcs constraint colocation add %s with %s score=INFINITY  "
			 "(crmsh: crm configure colocation %s-with-%s inf: %s %s)", id->ip, with,
			 id->ip, with, id->ip, with);
	/* an Optional order does not hold the IP back: only Mandatory (the default) counts */
	if (!xp_any(cib, CFG "/constraints/rsc_order[@first='%s' and @then='%s' and "
		    "(not(@kind) or @kind='Mandatory') and (not(@first-action) or "
		    "@first-action='start')]", with, id->ip) &&
	    (f = add(r, CHECK_ORDER, NULL, id->ip)))
		set_text(f->todo, "pcs constraint order start %s then start %s  (crmsh: crm "
			 "configure order %s-before-%s Mandatory: %s %s)", with, id->ip, with,
			 id->ip, with, id->ip);
}

static void check_clone(xmlNode *cib, const struct ids *id, struct check_report *r)
{
	struct check_finding *f;

	if (!id->clone[0]) {
		if ((f = add(r, CHECK_NOT_CLONE, NULL, id->kam)))
			set_text(f->todo, "pcs resource clone %s interleave=true  (crmsh: crm "
				 "configure clone %s-clone %s meta interleave=true)", id->kam,
				 id->kam, id->kam);
		return;
	}
	if (!xp_any(cib, CFG "/resources/clone[@id='%s']/meta_attributes/nvpair[@name="
		    "'interleave' and (@value='true' or @value='yes' or @value='on' or "
		    "@value='1')]", id->clone) &&
	    (f = add(r, CHECK_INTERLEAVE, NULL, id->clone)))
		set_text(f->todo, "pcs resource meta %s interleave=true  (crmsh: crm resource "
			 "meta %s set interleave true)", id->clone, id->clone);
}

static void check_deep_monitor(xmlNode *cib, const struct ids *id, struct check_report *r)
{
	xmlXPathObject *o = xp(cib, CFG "/resources//primitive[@id='%s']/operations/op[@name="
			       "'monitor']//nvpair[@name='OCF_CHECK_LEVEL']", id->kam);
	bool found = false;
	struct check_finding *f;
	char v[32];

	/* depth 20 runs the depth-10 checks too */
	for (int i = 0; o && i < o->nodesetval->nodeNr && !found; i++)
		found = atoi(attr(o->nodesetval->nodeTab[i], "value", v, sizeof(v))) >= 10;
	xmlXPathFreeObject(o);
	if (!found && (f = add(r, CHECK_DEEP_MONITOR, NULL, id->kam)))
		set_text(f->todo, "pcs resource op add %s monitor interval=30s timeout=30s "
			 "OCF_CHECK_LEVEL=10", id->kam);
}

/* The IP's resource-stickiness: its meta attribute, else rsc_defaults; 0 when unset. */
static bool ip_sticky(xmlNode *cib, const char *ip)
{
	xmlXPathObject *o = xp(cib, CFG "/resources//primitive[@id='%s']/meta_attributes/nvpair["
			       "@name='resource-stickiness']", ip);
	char v[32] = "";

	if (!o)
		o = xp(cib, CFG "/rsc_defaults/meta_attributes/nvpair[@name='resource-stickiness']");
	if (o)
		attr(o->nodesetval->nodeTab[0], "value", v, sizeof(v));
	xmlXPathFreeObject(o);
	return score_inf(v, false) || atoll(v) > 0;
}

static void check_cluster_options(xmlNode *cib, const struct cluster_view *v, const struct ids *id,
				  struct check_report *r)
{
	struct check_finding *f;
	/* the view judged rsc_defaults and rules; without one, the plain nvpairs */
	bool sticky = v ? v->ip_stickiness != 0 : ip_sticky(cib, id->ip);

	if (id->ip[0] && !sticky && (f = add(r, CHECK_STICKINESS, NULL, id->ip)))
		set_text(f->todo, "pcs resource meta %s resource-stickiness=100  (crmsh: crm "
			 "resource meta %s set resource-stickiness 100)", id->ip, id->ip);
	if (xp_any(cib, CFG "/crm_config/cluster_property_set/nvpair[@name='stonith-enabled' and "
		   "(@value='false' or @value='no' or @value='off' or @value='0' or @value="
		   "'FALSE' or @value='False')]"))
		add(r, CHECK_STONITH, NULL, NULL);
}

/* "... is also answered by 02:00:00:00:00:99 on eth0" -> "02:00:00:00:00:99". */
static void answered_by(const char *reason, char *mac, size_t len)
{
	const char *p = strstr(reason, "also answered by ");
	size_t n;

	if (!p) {
		snprintf(mac, len, "?");
		return;
	}
	p += strlen("also answered by ");
	n = strcspn(p, " ");
	snprintf(mac, len, "%.*s", (int)n, p);
}

/* What floatip recorded on each node: rc 1 "... is not floatip's (origin)", rc 190 "also
 * answered by MAC". Each op of the IP in the status section is a node's last word on it. */
static void check_recorded(xmlNode *cib, const struct ids *id, struct check_report *r)
{
	xmlXPathObject *o = xp(cib, "/cib/status/node_state/lrm/lrm_resources/lrm_resource[@id="
			       "'%s']/lrm_rsc_op[@exit-reason]", id->ip);

	for (int i = 0; o && i < o->nodesetval->nodeNr; i++) {
		xmlNode *op = o->nodesetval->nodeTab[i];
		char rc[16], reason[CV_REASON_MAX], node[CV_NAME_MAX], mac[64];
		struct check_finding *f;

		attr(op, "rc-code", rc, sizeof(rc));
		attr(op, "exit-reason", reason, sizeof(reason));
		attr(op->parent->parent->parent->parent, "uname", node, sizeof(node));
		if (!strcmp(rc, "1") && strstr(reason, "is not floatip's") &&
		    (f = add(r, CHECK_IP_RECORDED, node, id->ip))) {
			set_text(f->what, "on %s: %s", node, reason);
		} else if (!strcmp(rc, "190") && strstr(reason, "also answered by") &&
			   (f = add(r, CHECK_IP_ANSWERED, node, id->ip))) {
			answered_by(reason, mac, sizeof(mac));
			set_text(f->what, "%s holds %s, and %s answers for it too (%s)", node,
				 id->ip, mac, reason);
		}
	}
	xmlXPathFreeObject(o);
}

static void check_local(const struct check_local *l, const char *ip_id, struct check_report *r)
{
	struct check_finding *f;

	if (!l)
		return;
	if (!l->scanned) {
		if ((f = add(r, CHECK_LOCAL_UNSCANNED, l->node, ip_id)))
			set_text(f->what, "%s: reading the interfaces: %s", l->node[0] ? l->node :
				 "this node", strerror(l->err > 0 ? l->err : -l->err));
		return;
	}
	for (int i = 0; i < l->n; i++) {
		const struct check_local_copy *c = &l->c[i];

		if (c->origin == ADDR_OURS || !(f = add(r, CHECK_IP_LOCAL, l->node, ip_id)))
			continue;
		set_text(f->what, "%s on %s of %s is %s (%s), not floatip's", l->ip, c->ifname,
			 l->node, c->origin == ADDR_DYNAMIC ? "a DHCP lease" : "a static address",
			 c->origin_text);
		set_text(f->todo, "%s, then: ip addr del %s dev %s",
			 c->origin == ADDR_DYNAMIC ? "take it out of the DHCP pool (or stop the DHCP "
			 "client on that interface)" : "remove it from the interface's static "
			 "configuration", l->ip, c->ifname);
	}
}

/* From the node attribute each kamailio instance publishes: sipha-dmq-peers "off" (no dmq)
 * or the number of active DMQ peers it sees, which should be every other node publishing a
 * number. */
static void check_replication(xmlNode *cib, const char *kam, struct check_report *r)
{
	xmlXPathObject *o = xp(cib, "/cib/status/node_state/transient_attributes/"
			       "instance_attributes/nvpair[@name='sipha-dmq-peers']");
	int replicating = 0;

	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; o && i < o->nodesetval->nodeNr; i++) {
			xmlNode *nv = o->nodesetval->nodeTab[i];
			char v[32], node[CV_NAME_MAX], *end;
			struct check_finding *f;
			long seen;

			attr(nv, "value", v, sizeof(v));
			attr(nv->parent->parent->parent, "uname", node, sizeof(node));
			seen = strtol(v, &end, 10);
			if (pass == 0) {
				replicating += v[0] && !*end && seen >= 0;
				if (!strcmp(v, "off") &&
				    (f = add(r, CHECK_NO_REPLICATION, node, kam)))
					set_text(f->what, "Kamailio on %s does not replicate "
						 "registrations (its configuration loads no dmq): "
						 "after a failover or a restart, phones registered "
						 "there are unreachable until they re-register", node);
			} else if (v[0] && !*end && seen >= 0 && seen < replicating - 1 &&
				   (f = add(r, CHECK_DMQ_PEERS, node, kam))) {
				set_text(f->what, "Kamailio on %s sees %ld active DMQ peer%s, %d other "
					 "node%s replicate%s", node, seen, seen == 1 ? "" : "s",
					 replicating - 1, replicating == 2 ? "" : "s",
					 replicating == 2 ? "s" : "");
			}
		}
	}
	xmlXPathFreeObject(o);
}

int check_run(xmlNode *cib, const struct cluster_view *v, const struct cv_select *sel,
	      const struct check_local *local, struct check_report *ret)
{
	struct ids id;

	memset(ret, 0, sizeof(*ret));
	if (resolve_ids(cib, v, sel, &id) < 0) {
		add(ret, CHECK_NO_RESOURCE, NULL, NULL);
	} else {
		check_recorded(cib, &id, ret);
		check_health_rule(cib, &id, ret);
		check_colocation_order(cib, &id, ret);
		check_clone(cib, &id, ret);
		check_deep_monitor(cib, &id, ret);
		check_replication(cib, id.kam, ret);
	}
	check_cluster_options(cib, v, &id, ret);
	check_local(local, id.ip, ret);
	return ret->n_errors;
}

int check_find_ip(xmlNode *cib, const char *given, char *ret)
{
	return find_primitive(cib, "floatip", given, ret);
}

int check_ip_param(xmlNode *cib, const char *ip_id, char *buf, size_t len)
{
	xmlXPathObject *o;
	char v[64];

	if (!id_ok(ip_id))
		return -ENOENT;
	o = xp(cib, CFG "/resources//primitive[@id='%s']/instance_attributes/nvpair[@name='ip']",
	       ip_id);
	if (!o)
		return -ENOENT;
	attr(o->nodesetval->nodeTab[0], "value", v, sizeof(v));
	xmlXPathFreeObject(o);
	v[strcspn(v, "/")] = '\0';
	snprintf(buf, len, "%s", v);
	return 0;
}

int check_local_scan(const char *node, const char *ip, int64_t deadline, struct check_local *ret)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	struct nl_addr found[ADDR_COPIES_MAX];
	struct check_local l = { 0 };
	unsigned char a[16];
	int family = strchr(ip, ':') ? AF_INET6 : AF_INET, n;

	if (inet_pton(family, ip, a) != 1)
		return -EINVAL;
	n = nl_open(&nl);
	if (n < 0)
		return n;
	n = addr_copies(nl, family, a, found, deadline);
	if (n < 0)
		return n;
	snprintf(l.node, sizeof(l.node), "%s", node ? node : "");
	snprintf(l.ip, sizeof(l.ip), "%s", ip);
	for (int i = 0; i < n; i++) {
		struct check_local_copy *c = &l.c[l.n++];

		if (!if_indextoname((unsigned)found[i].ifindex, c->ifname))
			snprintf(c->ifname, sizeof(c->ifname), "if%d", found[i].ifindex);
		c->origin = addr_origin(&found[i]);
		addr_origin_text(&found[i], c->origin_text, sizeof(c->origin_text));
	}
	l.scanned = true;
	*ret = l;
	return 0;
}
