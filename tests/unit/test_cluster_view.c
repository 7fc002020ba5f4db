/* tests/unit/test_cluster_view.c: the view of real CIBs captured from the namespace cluster
 * (tests/unit/cib/), and resource detection on variants made from them in memory. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "cluster/cluster_view.h"

static xmlDoc *load(const char *name)
{
	char path[512];
	xmlDoc *d;

	snprintf(path, sizeof(path), "%s/%s", CIB_FIXTURES, name);
	d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	assert_non_null(d);
	return d;
}

/* The view of fixture @name with resources detected; asserts it builds. */
static void view_of(const char *name, struct cluster_view *v)
{
	char why[256] = "";
	xmlDoc *d = load(name);
	int rc = cluster_view_from_cib(xmlDocGetRootElement(d), NULL, v, why, sizeof(why));

	if (rc != 0)
		print_error("%s: %d %s\n", name, rc, why);
	assert_int_equal(rc, 0);
	xmlFreeDoc(d);
}

static const struct cv_node *node(const struct cluster_view *v, const char *name)
{
	const struct cv_node *n = cluster_view_node(v, name);

	assert_non_null(n);
	return n;
}

static void assert_serving(const struct cv_node *n)
{
	assert_true(n->online);
	assert_false(n->standby);
	assert_false(n->maintenance);
	assert_false(n->shutdown);
	assert_false(n->unclean);
	assert_true(n->kam_active);
	assert_string_equal(n->health, "green");
	assert_int_equal(n->shm_used_pct, 1);
}

static void two_nodes(void **state)
{
	struct cluster_view v;

	(void)state;
	view_of("two-nodes.xml", &v);
	assert_string_equal(v.clone_id, "kamailio-clone");
	assert_string_equal(v.kam_id, "kamailio");
	assert_string_equal(v.ip_id, "sip-ip");
	assert_true(v.have_quorum);
	assert_string_equal(v.dc, "node1");
	assert_int_equal(v.n_nodes, 2);
	assert_serving(node(&v, "node1"));
	assert_serving(node(&v, "node2"));
	assert_true(node(&v, "node1")->ip_active);
	assert_false(node(&v, "node2")->ip_active);
	assert_ptr_equal(cluster_view_ip_node(&v), node(&v, "node1"));
	/* the agent writes "none" while no exhaustion is foreseen: not a number */
	assert_int_equal(node(&v, "node1")->shm_exhaust_s, -1);
	assert_int_equal(v.n_failed, 0);
	assert_int_equal(v.ip_stickiness, 0);
	assert_null(cluster_view_node(&v, "node3"));
}

static void standby_node(void **state)
{
	struct cluster_view v;
	const struct cv_node *n2;

	(void)state;
	view_of("node2-standby.xml", &v);
	n2 = node(&v, "node2");
	assert_true(n2->standby);
	assert_true(n2->online);
	assert_false(n2->kam_active);
	assert_false(n2->ip_active);
	assert_false(node(&v, "node1")->standby);
	assert_true(node(&v, "node1")->kam_active);
	assert_string_equal(cluster_view_ip_node(&v)->name, "node1");
	assert_int_equal(v.n_failed, 0);
}

static void failed_action(void **state)
{
	struct cluster_view v;

	(void)state;
	view_of("failed-action.xml", &v);
	assert_int_equal(v.n_failed, 1);
	assert_string_equal(v.failed[0].rsc, "kamailio");
	assert_string_equal(v.failed[0].node, "node2");
	assert_string_equal(v.failed[0].op, "monitor");
	assert_int_equal(v.failed[0].rc, 7);
	assert_non_null(strstr(v.failed[0].reason, "exited or was killed"));
	/* standby was switched off again ("off" is not true) and the instance recovered */
	assert_false(node(&v, "node2")->standby);
	assert_true(node(&v, "node2")->kam_active);
}

static void three_nodes(void **state)
{
	struct cluster_view v;
	int on_ip = 0;

	(void)state;
	view_of("three-nodes.xml", &v);
	assert_int_equal(v.n_nodes, 3);
	assert_true(v.have_quorum);
	assert_string_equal(v.dc, "node1");
	for (int i = 0; i < 3; i++) {
		assert_serving(&v.nodes[i]);
		on_ip += v.nodes[i].ip_active;
	}
	assert_int_equal(on_ip, 1);
	assert_string_equal(cluster_view_ip_node(&v)->name, "node1");
}

/* Runs the view on @d with @sel; returns its code and leaves the reason in @why. */
static int view_rc(xmlDoc *d, const char *clone, const char *ip, char *why, size_t len)
{
	struct cv_select sel = { clone, ip };
	struct cluster_view v;

	why[0] = '\0';
	return cluster_view_from_cib(xmlDocGetRootElement(d), &sel, &v, why, len);
}

static xmlNode *find(xmlDoc *d, const char *xpath)
{
	xmlXPathContext *ctx = xmlXPathNewContext(d);
	xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	xmlNode *n = NULL;

	if (o != NULL && o->nodesetval != NULL && o->nodesetval->nodeNr > 0)
		n = o->nodesetval->nodeTab[0];
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	assert_non_null(n);
	return n;
}

/* After a cleanup, the re-probe of a running instance is stored as <rsc>_last_failure_0 with
 * rc 0 (it expected "stopped"): Pacemaker and crm_mon do not call that a failure, nor may we
 * (a rolling restart right after a cleanup was refused: "kamailio probe on node3 (rc 0)"). */
static void probe_found_running(void **state)
{
	xmlDoc *d = load("failed-action.xml");
	xmlNode *op = find(d, "//lrm_rsc_op[substring(@id, string-length(@id) - 14) = "
			      "'_last_failure_0']");
	struct cv_select sel = { NULL, NULL };
	struct cluster_view v;
	char why[256];

	(void)state;
	xmlSetProp(op, (const xmlChar *)"interval", (const xmlChar *)"0");
	xmlSetProp(op, (const xmlChar *)"rc-code", (const xmlChar *)"0");
	assert_int_equal(cluster_view_from_cib(xmlDocGetRootElement(d), &sel, &v, why,
					       sizeof(why)), 0);
	assert_int_equal(v.n_failed, 0);
	/* a probe that failed for real still counts */
	xmlSetProp(op, (const xmlChar *)"rc-code", (const xmlChar *)"1");
	assert_int_equal(cluster_view_from_cib(xmlDocGetRootElement(d), &sel, &v, why,
					       sizeof(why)), 0);
	assert_int_equal(v.n_failed, 1);
	xmlFreeDoc(d);
}

static void detect_none(void **state)
{
	xmlDoc *d = load("two-nodes.xml");
	xmlNode *ip = find(d, "//primitive[@id='sip-ip']"), *clone;
	char why[256];

	(void)state;
	xmlUnlinkNode(ip);
	xmlFreeNode(ip);
	assert_int_equal(view_rc(d, NULL, NULL, why, sizeof(why)), -ENOENT);
	assert_non_null(strstr(why, "ocf:sipha:floatip"));
	clone = find(d, "//clone[@id='kamailio-clone']");
	xmlUnlinkNode(clone);
	xmlFreeNode(clone);
	assert_int_equal(view_rc(d, NULL, NULL, why, sizeof(why)), -ENOENT);
	assert_non_null(strstr(why, "no clone of ocf:sipha:kamailio"));
	xmlFreeDoc(d);
}

static void detect_several(void **state)
{
	xmlDoc *d = load("two-nodes.xml");
	xmlNode *ip = find(d, "//primitive[@id='sip-ip']");
	xmlNode *ip2 = xmlCopyNode(ip, 1);
	char why[256];

	(void)state;
	xmlSetProp(ip2, (const xmlChar *)"id", (const xmlChar *)"sip-ip2");
	xmlAddNextSibling(ip, ip2);
	assert_int_equal(view_rc(d, NULL, NULL, why, sizeof(why)), -ENOTUNIQ);
	assert_non_null(strstr(why, "sip-ip, sip-ip2"));
	/* naming one settles it */
	assert_int_equal(view_rc(d, NULL, "sip-ip2", why, sizeof(why)), 0);
	xmlFreeDoc(d);
}

static void given_ids(void **state)
{
	xmlDoc *d = load("two-nodes.xml");
	char why[256];

	(void)state;
	assert_int_equal(view_rc(d, "kamailio-clone", "sip-ip", why, sizeof(why)), 0);
	assert_int_equal(view_rc(d, "nosuch", NULL, why, sizeof(why)), -ENOENT);
	assert_non_null(strstr(why, "nosuch"));
	/* --clone naming the primitive, or the IP: the wrong kind, said so */
	assert_int_equal(view_rc(d, "kamailio", NULL, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "kamailio is a primitive, not a clone"));
	assert_int_equal(view_rc(d, "sip-ip", NULL, why, sizeof(why)), -EINVAL);
	assert_int_equal(view_rc(d, NULL, "kamailio-clone", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "kamailio-clone is a clone, not an ocf:sipha:floatip primitive"));
	assert_int_equal(view_rc(d, NULL, "kamailio", why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "ocf:sipha:kamailio"));
	xmlFreeDoc(d);
}

/* Adds <meta_attributes><nvpair name="resource-stickiness" value=@v/> under @parent. */
static void add_stickiness(xmlNode *parent, const char *id, const char *v)
{
	xmlNode *m = xmlNewChild(parent, NULL, (const xmlChar *)"meta_attributes", NULL);
	xmlNode *nv = xmlNewChild(m, NULL, (const xmlChar *)"nvpair", NULL);
	char nid[64];

	snprintf(nid, sizeof(nid), "%s-meta", id);
	xmlNewProp(m, (const xmlChar *)"id", (const xmlChar *)nid);
	snprintf(nid, sizeof(nid), "%s-meta-st", id);
	xmlNewProp(nv, (const xmlChar *)"id", (const xmlChar *)nid);
	xmlNewProp(nv, (const xmlChar *)"name", (const xmlChar *)"resource-stickiness");
	xmlNewProp(nv, (const xmlChar *)"value", (const xmlChar *)v);
}

static void stickiness(void **state)
{
	xmlDoc *d = load("two-nodes.xml");
	xmlNode *conf = find(d, "/cib/configuration");
	xmlNode *defaults = xmlNewChild(conf, NULL, (const xmlChar *)"rsc_defaults", NULL);
	struct cluster_view v;
	char why[256];

	(void)state;
	add_stickiness(defaults, "rsc-options", "100");
	assert_int_equal(cluster_view_from_cib(xmlDocGetRootElement(d), NULL, &v, why,
					       sizeof(why)), 0);
	assert_int_equal(v.ip_stickiness, 100);
	/* the IP's own meta attribute wins over rsc_defaults */
	add_stickiness(find(d, "//primitive[@id='sip-ip']"), "sip-ip", "INFINITY");
	assert_int_equal(cluster_view_from_cib(xmlDocGetRootElement(d), NULL, &v, why,
					       sizeof(why)), 0);
	assert_int_equal(v.ip_stickiness, 1000000);
	xmlFreeDoc(d);
}

/* Adds a transient standby=@v to node2 (crm_attribute -l reboot writes it there). */
static void transient_standby(xmlDoc *d, const char *v)
{
	xmlNode *ia = find(d, "/cib/status/node_state[@uname='node2']/transient_attributes/"
			   "instance_attributes");
	xmlNode *nv = xmlNewChild(ia, NULL, (const xmlChar *)"nvpair", NULL);

	xmlNewProp(nv, (const xmlChar *)"id", (const xmlChar *)"status-2-standby");
	xmlNewProp(nv, (const xmlChar *)"name", (const xmlChar *)"standby");
	xmlNewProp(nv, (const xmlChar *)"value", (const xmlChar *)v);
}

/* standby from the status section, which overrides the node's permanent attribute */
static void standby_transient(void **state)
{
	xmlDoc *d = load("two-nodes.xml"), *s = load("node2-standby.xml");
	struct cluster_view v;
	char why[256];

	(void)state;
	transient_standby(d, "on");
	assert_int_equal(cluster_view_from_cib(xmlDocGetRootElement(d), NULL, &v, why,
					       sizeof(why)), 0);
	assert_true(cluster_view_node(&v, "node2")->standby);
	transient_standby(s, "off");
	assert_int_equal(cluster_view_from_cib(xmlDocGetRootElement(s), NULL, &v, why,
					       sizeof(why)), 0);
	assert_false(cluster_view_node(&v, "node2")->standby);
	xmlFreeDoc(d);
	xmlFreeDoc(s);
}

static void not_a_cib(void **state)
{
	xmlDoc *d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNode *r = xmlNewNode(NULL, (const xmlChar *)"configuration");
	struct cluster_view v;
	char why[128];

	(void)state;
	xmlDocSetRootElement(d, r);
	assert_int_equal(cluster_view_from_cib(r, NULL, &v, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "cib"));
	xmlFreeDoc(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(two_nodes),
		cmocka_unit_test(standby_node),
		cmocka_unit_test(failed_action),
		cmocka_unit_test(three_nodes),
		cmocka_unit_test(detect_none),
		cmocka_unit_test(detect_several),
		cmocka_unit_test(given_ids),
		cmocka_unit_test(stickiness),
		cmocka_unit_test(standby_transient),
		cmocka_unit_test(not_a_cib),
		cmocka_unit_test(probe_found_running),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
