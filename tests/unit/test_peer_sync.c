/* tests/unit/test_peer_sync.c: the peers' registration tables from CIB status sections
 * (lib/cluster/peer_sync.c): small CIBs inline, and the namespace cluster's real three-node
 * CIB with the attributes added in memory. Linked without Pacemaker's libraries, as the
 * kamailio agent links it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "cluster/peer_sync.h"

#define NVP(name, value) "<nvpair id='x-" name "' name='" name "' value='" value "'/>"
#define NODE(uname, attrs)                                                                     \
	"<node_state id='" uname "' uname='" uname "' in_ccm='true' crmd='online'>"           \
	"<transient_attributes id='" uname "'><instance_attributes id='status-" uname "'>"     \
	NVP("#feature-set", "3.16.1") attrs "</instance_attributes></transient_attributes>"    \
	"</node_state>"
#define CIB(status) "<cib><configuration><nodes/><resources/></configuration>" status "</cib>"

/* Parses @text and reads it as @self. */
static int read_cib(const char *text, const char *self, struct peer_sync *ret)
{
	xmlDoc *doc = xmlReadMemory(text, (int)strlen(text), "cib.xml", NULL, XML_PARSE_NONET);
	int r;

	assert_non_null(doc);
	r = peer_sync_from_cib(xmlDocGetRootElement(doc), self, ret);
	xmlFreeDoc(doc);
	return r;
}

static void max_of_the_peers(void **state)
{
	static const char cib[] = CIB(
		"<status>"
		NODE("node1", NVP("sipha-contacts", "5000") NVP("sipha-sync", "syncing"))
		NODE("node2", NVP("sipha-contacts", "1000") NVP("sipha-sync", "synced"))
		NODE("node3", NVP("sipha-contacts", "1200") NVP("sipha-sync", "timed-out"))
		NODE("node4", NVP("sipha-contacts", "9000"))
		NODE("node5", NVP("sipha-contacts", "12x"))
		NODE("node6", NVP("sipha-contacts", ""))
		NODE("node7", NVP("sipha-contacts", "-3"))
		NODE("node8", NVP("sipha-contacts", "99999999999999999999"))
		NODE("node9", NVP("sipha-health", "green"))
		"</status>");
	struct peer_sync ps;

	/* node4 is self; node1 syncs; node5..8 publish no count; node9 nothing */
	assert_int_equal(read_cib(cib, "node4", &ps), 0);
	assert_int_equal(ps.peers, 2);
	assert_int_equal(ps.max_contacts, 1200);
	assert_string_equal(ps.max_node, "node3");
	/* as node2: node4's 9000 is the largest */
	assert_int_equal(read_cib(cib, "node2", &ps), 0);
	assert_int_equal(ps.peers, 2);
	assert_int_equal(ps.max_contacts, 9000);
	assert_string_equal(ps.max_node, "node4");
}

/* An empty table published is a peer with 0: it counts (a cluster with no phones yet). */
static void zero_is_a_table(void **state)
{
	static const char cib[] = CIB("<status>" NODE("a", NVP("sipha-contacts", "0"))
				      NODE("b", NVP("sipha-contacts", "0")) "</status>");
	struct peer_sync ps;

	assert_int_equal(read_cib(cib, "b", &ps), 0);
	assert_int_equal(ps.peers, 1);
	assert_int_equal(ps.max_contacts, 0);
	assert_string_equal(ps.max_node, "a");
}

static void none_and_no_status(void **state)
{
	static const char only_self[] =
		CIB("<status>" NODE("node1", NVP("sipha-contacts", "10")) "</status>");
	static const char empty[] = CIB("<status/>");
	static const char no_status[] = CIB("");
	struct peer_sync ps;

	memset(&ps, 0x55, sizeof(ps));
	assert_int_equal(read_cib(only_self, "node1", &ps), 0);
	assert_int_equal(ps.peers, 0);
	assert_int_equal(ps.max_contacts, 0);
	assert_string_equal(ps.max_node, "");
	memset(&ps, 0x55, sizeof(ps));
	assert_int_equal(read_cib(empty, "node1", &ps), 0);
	assert_int_equal(ps.peers, 0);
	assert_string_equal(ps.max_node, "");
	ps.peers = 42;
	assert_int_equal(read_cib(no_status, "node1", &ps), -EINVAL);
	assert_int_equal(ps.peers, 42);
	assert_int_equal(peer_sync_from_cib(NULL, "node1", &ps), -EINVAL);
}

/* A name with a quote cannot break the query: names are compared, never put into one. */
static void names_are_data(void **state)
{
	static const char cib[] = CIB(
		"<status>"
		"<node_state id='1' uname=\"o'brien\"><transient_attributes id='1'>"
		"<instance_attributes id='s1'>" NVP("sipha-contacts", "7")
		"</instance_attributes></transient_attributes></node_state>"
		NODE("node2", NVP("sipha-contacts", "3"))
		"</status>");
	struct peer_sync ps;

	assert_int_equal(read_cib(cib, "o'brien", &ps), 0);
	assert_int_equal(ps.peers, 1);
	assert_int_equal(ps.max_contacts, 3);
	assert_int_equal(read_cib(cib, "node2", &ps), 0);
	assert_int_equal(ps.max_contacts, 7);
	assert_string_equal(ps.max_node, "o'brien");
}

/* Adds the transient attribute @name=@value to @uname's first set in @doc. */
static void add_attr(xmlDoc *doc, const char *uname, const char *name, const char *value)
{
	xmlNode *status = xmlDocGetRootElement(doc)->children;

	for (; status && xmlStrcmp(status->name, (const xmlChar *)"status"); status = status->next)
		;
	assert_non_null(status);
	for (xmlNode *ns = status->children; ns; ns = ns->next) {
		xmlChar *u = xmlGetProp(ns, (const xmlChar *)"uname");
		xmlNode *ta, *set, *nv;

		if (ns->type != XML_ELEMENT_NODE || !u || xmlStrcmp(u, (const xmlChar *)uname)) {
			xmlFree(u);
			continue;
		}
		xmlFree(u);
		for (ta = ns->children; ta; ta = ta->next)
			if (ta->type == XML_ELEMENT_NODE &&
			    !xmlStrcmp(ta->name, (const xmlChar *)"transient_attributes"))
				break;
		assert_non_null(ta);
		for (set = ta->children; set && set->type != XML_ELEMENT_NODE; set = set->next)
			;
		assert_non_null(set);
		nv = xmlNewChild(set, NULL, (const xmlChar *)"nvpair", NULL);
		xmlNewProp(nv, (const xmlChar *)"name", (const xmlChar *)name);
		xmlNewProp(nv, (const xmlChar *)"value", (const xmlChar *)value);
		return;
	}
	fail_msg("no node_state for %s", uname);
}

static void real_cib(void **state)
{
	xmlDoc *doc = xmlReadFile(CIB_FIXTURES "/three-nodes.xml", NULL, XML_PARSE_NONET);
	struct peer_sync ps;

	assert_non_null(doc);
	/* as captured: nobody publishes */
	assert_int_equal(peer_sync_from_cib(xmlDocGetRootElement(doc), "node1", &ps), 0);
	assert_int_equal(ps.peers, 0);
	/* node1 restarted (syncing), node2 and node3 hold the table */
	add_attr(doc, "node1", "sipha-contacts", "120");
	add_attr(doc, "node1", "sipha-sync", "syncing");
	add_attr(doc, "node2", "sipha-contacts", "1000");
	add_attr(doc, "node2", "sipha-sync", "synced");
	add_attr(doc, "node3", "sipha-contacts", "998");
	add_attr(doc, "node3", "sipha-sync", "alone");
	assert_int_equal(peer_sync_from_cib(xmlDocGetRootElement(doc), "node1", &ps), 0);
	assert_int_equal(ps.peers, 2);
	assert_int_equal(ps.max_contacts, 1000);
	assert_string_equal(ps.max_node, "node2");
	/* node3's view: node1 is syncing and does not count */
	assert_int_equal(peer_sync_from_cib(xmlDocGetRootElement(doc), "node3", &ps), 0);
	assert_int_equal(ps.peers, 1);
	assert_string_equal(ps.max_node, "node2");
	xmlFreeDoc(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(max_of_the_peers),
		cmocka_unit_test(zero_is_a_table),
		cmocka_unit_test(none_and_no_status),
		cmocka_unit_test(names_are_data),
		cmocka_unit_test(real_cib),
	};
	int r = cmocka_run_group_tests(tests, NULL, NULL);

	xmlCleanupParser();
	return r;
}
