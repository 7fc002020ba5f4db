/* tests/unit/test_check.c: the rules of siphactl check (lib/cluster/check.c) over CIB fixtures
 * made by pcs and crm (tests/unit/cib/check-*.xml, see make-check-fixtures.sh), and the scan of
 * this node's interfaces in a private network namespace (root; else that part is skipped). */
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "cluster/check.h"
#include "core/clock.h"
#include "net/addr_origin.h"
#include "net/nl.h"
#include "net/nl_addr.h"
#include "net/nl_link.h"
#include "tests/unit/test_netns.h"

static bool in_netns;

static xmlDoc *load(const char *name)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	xmlDoc *d;

	snprintf(path, sizeof(path), "%s/tests/unit/cib/%s", top ? top : ".", name);
	d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	assert_non_null(d);
	return d;
}

static const struct check_finding *find(const struct check_report *r, enum check_rule_id id)
{
	for (int i = 0; i < r->n; i++)
		if (r->f[i].rule->id == id)
			return &r->f[i];
	return NULL;
}

static void run(const char *fixture, const struct cv_select *sel, struct check_report *r)
{
	xmlDoc *d = load(fixture);

	check_run(xmlDocGetRootElement(d), NULL, sel, NULL, r);
	xmlFreeDoc(d);
}

/* The table is complete and indexed by its ids (docs and the man page list it). */
static void test_table(void **state)
{
	for (int i = 0; i < CHECK_RULES_N; i++) {
		assert_int_equal(check_rules[i].id, i);
		assert_non_null(check_rules[i].name);
		assert_non_null(check_rules[i].text);
		assert_non_null(check_rules[i].todo);
	}
	assert_string_equal(check_severity_name(check_rules[CHECK_STONITH].severity), "warning");
}

/* The configuration as pcs and as crmsh write it: nothing to report. */
static void test_good(void **state)
{
	static const char *const good[] = { "check-good-pcs.xml", "check-good-crm.xml" };
	struct check_report r;

	for (int i = 0; i < 2; i++) {
		run(good[i], NULL, &r);
		for (int k = 0; k < r.n; k++)
			print_message("# %s: unexpected %s: %s\n", good[i], r.f[k].rule->name,
				      r.f[k].what);
		assert_int_equal(r.n, 0);
	}
}

static void test_broken(void **state)
{
	static const enum check_rule_id want[] = { CHECK_HEALTH_RULE, CHECK_COLOCATION,
		CHECK_ORDER, CHECK_INTERLEAVE, CHECK_DEEP_MONITOR, CHECK_STICKINESS, CHECK_STONITH };
	const struct check_finding *f;
	struct check_report r;

	run("check-broken.xml", NULL, &r);
	assert_int_equal(r.n, 7);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_non_null(find(&r, want[i]));
	assert_int_equal(r.n_errors, 6);
	assert_int_equal(r.n_warnings, 1);
	/* each names its resource and a command with the real ids */
	f = find(&r, CHECK_COLOCATION);
	assert_string_equal(f->rsc, "sip-ip");
	assert_non_null(strstr(f->todo, "pcs constraint colocation add sip-ip with kamailio-clone"));
	f = find(&r, CHECK_INTERLEAVE);
	assert_string_equal(f->rsc, "kamailio-clone");
	f = find(&r, CHECK_DEEP_MONITOR);
	assert_string_equal(f->rsc, "kamailio");
	assert_non_null(strstr(f->todo, "OCF_CHECK_LEVEL=10"));
}

/* Constraints that exist but point the wrong way do not count. */
static void test_reversed(void **state)
{
	struct check_report r;

	run("check-reversed.xml", NULL, &r);
	assert_int_equal(r.n, 3);
	assert_non_null(find(&r, CHECK_HEALTH_RULE));
	assert_non_null(find(&r, CHECK_COLOCATION));
	assert_non_null(find(&r, CHECK_ORDER));
}

static void test_not_clone(void **state)
{
	struct check_report r;

	run("check-notclone.xml", NULL, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(find(&r, CHECK_NOT_CLONE)->rsc, "kamailio");
}

/* What floatip recorded: node2 holds a DHCP copy, node1 (the holder) hears another MAC. */
static void test_recorded(void **state)
{
	const struct check_finding *f;
	struct check_report r;

	run("check-status.xml", NULL, &r);
	assert_int_equal(r.n, 2);
	f = find(&r, CHECK_IP_RECORDED);
	assert_non_null(f);
	assert_string_equal(f->node, "node2");
	assert_non_null(strstr(f->what, "eth1"));
	assert_non_null(strstr(f->what, "dynamic"));
	f = find(&r, CHECK_IP_ANSWERED);
	assert_non_null(f);
	assert_string_equal(f->node, "node1");
	assert_non_null(strstr(f->what, "node1 holds sip-ip, and 02:00:00:00:00:99 answers"));
}

/* sipha-dmq-peers as the kamailio agent publishes it: "off" is a configuration without dmq;
 * a node seeing fewer peers than the other nodes that replicate (node2..4 publish a number:
 * each should see 2) is cut off from some. Warnings: check still exits 0 on them. */
static void test_replication(void **state)
{
	struct check_report r;

	run("check-replication.xml", NULL, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.n_errors, 0);
	assert_int_equal(r.n_warnings, 2);
	assert_string_equal(r.f[0].node, "node1");
	assert_string_equal(r.f[0].rule->name, "registrations-not-replicated");
	assert_string_equal(r.f[0].rsc, "kamailio");
	assert_non_null(strstr(r.f[0].what, "Kamailio on node1 does not replicate"));
	assert_non_null(strstr(r.f[0].todo, "examples/kamailio-ha.cfg"));
	assert_string_equal(r.f[1].node, "node4");
	assert_string_equal(r.f[1].rule->name, "replication-peers-missing");
	assert_non_null(strstr(r.f[1].what, "node4 sees 1 active DMQ peer, 2 other nodes "
				"replicate"));
}

/* Named resources: a wrong id is a finding, a right one as detection. */
/* node-health-strategy in place of the location rule (docs/health.md): accepted with
 * node_health=true and the clone exempt; the clone not exempt is an error of its own, even
 * with the rule there; a strategy that does not ban red, or no #health-sipha, is no rule. */
static void test_node_health(void **state)
{
	struct check_report r;
	const struct check_finding *f;

	run("check-nodehealth-pcs.xml", NULL, &r);
	for (int k = 0; k < r.n; k++)
		print_message("# unexpected %s: %s\n", r.f[k].rule->name, r.f[k].what);
	assert_int_equal(r.n, 0);

	run("check-nodehealth-notexempt.xml", NULL, &r);
	assert_int_equal(r.n_errors, 2);
	assert_non_null(find(&r, CHECK_HEALTH_RULE));
	f = find(&r, CHECK_HEALTH_EXEMPT);
	assert_non_null(f);
	assert_string_equal(f->rule->name, "health-clone-not-exempt");
	assert_string_equal(f->rsc, "kamailio-clone");
	assert_non_null(strstr(f->what, "node-health-strategy=migrate-on-red"));
	assert_non_null(strstr(f->what, "a red node would stop Kamailio itself"));
	assert_non_null(strstr(f->todo, "pcs resource meta kamailio-clone "
				"allow-unhealthy-nodes=true"));

	/* no #health-sipha: the strategy has nothing of sipha's to read */
	run("check-nodehealth-off.xml", NULL, &r);
	assert_int_equal(r.n, 1);
	assert_non_null(find(&r, CHECK_HEALTH_RULE));

	/* progressive with node-health-red -100: a preference, no ban */
	run("check-nodehealth-progressive.xml", NULL, &r);
	assert_int_equal(r.n, 1);
	f = find(&r, CHECK_HEALTH_RULE);
	assert_non_null(f);
	assert_non_null(strstr(f->what, "node-health-strategy=progressive does not ban"));

	/* crmsh: only-green on top of the rule, the clone exempt */
	run("check-nodehealth-crm.xml", NULL, &r);
	for (int k = 0; k < r.n; k++)
		print_message("# unexpected %s: %s\n", r.f[k].rule->name, r.f[k].what);
	assert_int_equal(r.n, 0);

	/* the rule does not excuse the missing exemption: the strategy still bans Kamailio */
	{
		xmlDoc *d = load("check-nodehealth-crm.xml");
		xmlXPathContext *ctx = xmlXPathNewContext(d);
		xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)
			"//nvpair[@name='allow-unhealthy-nodes']", ctx);

		xmlNode *exempt;

		assert_int_equal(o->nodesetval->nodeNr, 1);
		exempt = o->nodesetval->nodeTab[0];
		/* the result reads its nodes when freed: free it before the node */
		xmlXPathFreeObject(o);
		xmlXPathFreeContext(ctx);
		xmlUnlinkNode(exempt);
		xmlFreeNode(exempt);
		check_run(xmlDocGetRootElement(d), NULL, NULL, NULL, &r);
		xmlFreeDoc(d);
		assert_int_equal(r.n, 1);
		assert_non_null(find(&r, CHECK_HEALTH_EXEMPT));
	}
}

static void test_select(void **state)
{
	struct check_report r;
	xmlDoc *d = load("check-good-pcs.xml");
	char ip[64];

	run("check-good-pcs.xml", &(struct cv_select){ "kamailio-clone", "sip-ip" }, &r);
	assert_int_equal(r.n, 0);
	run("check-good-pcs.xml", &(struct cv_select){ "nope", NULL }, &r);
	assert_non_null(find(&r, CHECK_NO_RESOURCE));
	run("check-good-pcs.xml", &(struct cv_select){ NULL, "x']|//*['" }, &r);
	assert_non_null(find(&r, CHECK_NO_RESOURCE));
	assert_int_equal(check_ip_param(xmlDocGetRootElement(d), "sip-ip", ip, sizeof(ip)), 0);
	assert_string_equal(ip, "192.0.2.10");
	assert_int_equal(check_ip_param(xmlDocGetRootElement(d), "kamailio", ip, sizeof(ip)),
			 -ENOENT);
	xmlFreeDoc(d);
}

static struct nl_addr v4(int ifindex, const char *text, int proto, uint32_t lft)
{
	struct nl_addr a = { .family = AF_INET, .ifindex = ifindex, .prefix = 24, .proto = proto,
			     .valid_lft = lft, .preferred_lft = lft };

	assert_int_equal(inet_pton(AF_INET, text, a.addr), 1);
	return a;
}

/* A DHCP-like copy of the IP on chk0 is reported naming chk0; floatip's own on chk1 is not. */
static void test_local_scan(void **state)
{
	__attribute__((cleanup(nl_closep))) struct nl *nl = NULL;
	int64_t dl = clock_now_ms() + 5000;
	struct nl_link l0, l1;
	struct nl_addr dyn, ours;
	struct check_local local;
	struct check_report r;
	const struct check_finding *f;
	xmlDoc *d;

	if (!in_netns)
		skip();
	assert_int_equal(nl_open(&nl), 0);
	assert_int_equal(nl_link_get(nl, 0, "chk0", &l0, dl), 0);
	assert_int_equal(nl_link_get(nl, 0, "chk1", &l1, dl), 0);
	assert_int_equal(check_local_scan("node2", "192.0.2.10", dl, &local), 0);
	assert_int_equal(local.n, 0);
	ours = v4(l1.ifindex, "192.0.2.10", ADDR_PROTO_SIPHA, NL_LIFE_FOREVER);
	assert_int_equal(nl_addr_add(nl, &ours, dl), 0);
	d = load("check-good-pcs.xml");
	assert_int_equal(check_local_scan("node2", "192.0.2.10", dl, &local), 0);
	assert_int_equal(local.n, 1);
	assert_int_equal(check_run(xmlDocGetRootElement(d), NULL, NULL, &local, &r), 0);
	assert_int_equal(r.n, 0);
	dyn = v4(l0.ifindex, "192.0.2.10", 0, 300);
	assert_int_equal(nl_addr_add(nl, &dyn, dl), 0);
	assert_int_equal(check_local_scan("node2", "192.0.2.10", dl, &local), 0);
	assert_int_equal(local.n, 2);
	assert_int_equal(check_run(xmlDocGetRootElement(d), NULL, NULL, &local, &r), 1);
	f = find(&r, CHECK_IP_LOCAL);
	assert_non_null(f);
	assert_string_equal(f->node, "node2");
	assert_string_equal(f->rsc, "sip-ip");
	assert_non_null(strstr(f->what, "192.0.2.10 on chk0 of node2 is a DHCP lease (dynamic"));
	assert_non_null(strstr(f->todo, "ip addr del 192.0.2.10 dev chk0"));
	xmlFreeDoc(d);
	assert_int_equal(check_local_scan("node2", "not-an-ip", dl, &local), -EINVAL);
}

/* A scan that could not run is said, not silently passed. */
static void test_local_unscanned(void **state)
{
	struct check_local local = { .scanned = false, .err = -EPERM, .node = "node1" };
	struct check_report r;
	xmlDoc *d = load("check-good-pcs.xml");

	assert_int_equal(check_run(xmlDocGetRootElement(d), NULL, NULL, &local, &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.f[0].rule->severity, CHECK_INFO);
	assert_non_null(strstr(r.f[0].what, "node1"));
	xmlFreeDoc(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_reversed),
		cmocka_unit_test(test_not_clone),
		cmocka_unit_test(test_recorded),
		cmocka_unit_test(test_replication),
		cmocka_unit_test(test_node_health),
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_local_scan),
		cmocka_unit_test(test_local_unscanned),
	};

	in_netns = netns_enter() == 0 && netns_veth("chk0", "chk1", 0xc0, 0xc1) == 0;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
