/* tests/unit/test_cib_conn.c: libcib through cib_conn against CIB_file (a copy of a captured
 * CIB in a temporary directory), with elements built by plain libxml2; no cluster at all. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "cluster/cib_conn.h"

#define ROLL_XPATH "//*[starts-with(@id,'sipha-roll-') and " \
	"(self::rsc_location or self::cluster_property_set)]"

static char dir[64], path[128];

/* A fresh copy of two-nodes.xml for each test, named by CIB_file. */
static int setup(void **state)
{
	char src[512];
	xmlDoc *d;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/sipha-cib-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/cib.xml", dir);
	snprintf(src, sizeof(src), "%s/two-nodes.xml", CIB_FIXTURES);
	d = xmlReadFile(src, NULL, XML_PARSE_NONET);
	if (d == NULL || xmlSaveFile(path, d) < 0)
		return -1;
	xmlFreeDoc(d);
	setenv("CIB_file", path, 1);
	return 0;
}

static int teardown(void **state)
{
	struct dirent *e;
	DIR *d;

	(void)state;
	unsetenv("CIB_file");
	/* the file and whatever libcib wrote next to it (backups, signatures) */
	d = opendir(dir);
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	}
	if (d != NULL)
		closedir(d);
	return rmdir(dir);
}

static struct cib_conn *open_conn(void)
{
	struct cib_conn *c = NULL;

	assert_int_equal(cib_conn_open("test_cib_conn", &c), 0);
	assert_non_null(c);
	return c;
}

/* How many elements of the current CIB match @xpath. */
static int count(struct cib_conn *c, const char *xpath)
{
	xmlDoc *d = NULL;
	xmlXPathContext *ctx;
	xmlXPathObject *o;
	int n;

	assert_int_equal(cib_conn_query(c, &d), 0);
	ctx = xmlXPathNewContext(d);
	o = xmlXPathEvalExpression((const xmlChar *)xpath, ctx);
	assert_non_null(o);
	n = o->nodesetval != NULL ? o->nodesetval->nodeNr : 0;
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(d);
	return n;
}

static xmlNode *prop_set(const char *id, const char *owner)
{
	xmlNode *s = xmlNewNode(NULL, (const xmlChar *)"cluster_property_set");
	xmlNode *nv = xmlNewChild(s, NULL, (const xmlChar *)"nvpair", NULL);
	char nid[128];

	xmlNewProp(s, (const xmlChar *)"id", (const xmlChar *)id);
	snprintf(nid, sizeof(nid), "%s-owner", id);
	xmlNewProp(nv, (const xmlChar *)"id", (const xmlChar *)nid);
	xmlNewProp(nv, (const xmlChar *)"name", (const xmlChar *)"owner");
	xmlNewProp(nv, (const xmlChar *)"value", (const xmlChar *)owner);
	return s;
}

static xmlNode *ban(const char *id, const char *node)
{
	xmlNode *l = xmlNewNode(NULL, (const xmlChar *)"rsc_location");

	xmlNewProp(l, (const xmlChar *)"id", (const xmlChar *)id);
	xmlNewProp(l, (const xmlChar *)"rsc", (const xmlChar *)"kamailio-clone");
	xmlNewProp(l, (const xmlChar *)"node", (const xmlChar *)node);
	xmlNewProp(l, (const xmlChar *)"score", (const xmlChar *)"-INFINITY");
	return l;
}

static void query_whole_cib(void **state)
{
	struct cib_conn *c = open_conn();
	xmlDoc *d = NULL;
	xmlNode *root;

	(void)state;
	assert_int_equal(cib_conn_query(c, &d), 0);
	root = xmlDocGetRootElement(d);
	assert_string_equal((const char *)root->name, "cib");
	xmlFreeDoc(d);
	assert_int_equal(count(c, "/cib/configuration/resources/clone[@id='kamailio-clone']"), 1);
	assert_int_equal(count(c, "/cib/status/node_state"), 2);
	cib_conn_close(c);
}

static void create_is_test_and_set(void **state)
{
	struct cib_conn *c = open_conn();
	xmlNode *lock = prop_set("sipha-roll-lock", "node1");

	(void)state;
	assert_int_equal(cib_conn_create(c, "crm_config", lock), 0);
	assert_int_equal(cib_conn_create(c, "crm_config", lock), -EEXIST);
	assert_int_equal(count(c, "/cib/configuration/crm_config/"
			       "cluster_property_set[@id='sipha-roll-lock']"), 1);
	xmlFreeNode(lock);
	cib_conn_close(c);
	/* CIB_file: written back at close, read again at the next open */
	c = open_conn();
	assert_int_equal(count(c, "//nvpair[@id='sipha-roll-lock-owner' and @value='node1']"), 1);
	cib_conn_close(c);
}

static void modify_merges(void **state)
{
	struct cib_conn *c = open_conn();
	xmlNode *lock = prop_set("sipha-roll-lock", "node1");
	xmlNode *lock2 = prop_set("sipha-roll-lock", "node2");
	xmlNode *missing = prop_set("sipha-roll-nothere", "node2");

	(void)state;
	assert_int_equal(cib_conn_modify(c, "crm_config", missing), -ENXIO);
	assert_int_equal(cib_conn_create(c, "crm_config", lock), 0);
	assert_int_equal(cib_conn_modify(c, "crm_config", lock2), 0);
	assert_int_equal(count(c, "//nvpair[@id='sipha-roll-lock-owner' and @value='node2']"), 1);
	assert_int_equal(count(c, "//nvpair[@id='sipha-roll-lock-owner']"), 1);
	xmlFreeNode(lock);
	xmlFreeNode(lock2);
	xmlFreeNode(missing);
	cib_conn_close(c);
}

static void remove_by_id(void **state)
{
	struct cib_conn *c = open_conn();
	xmlNode *b = ban("sipha-roll-ban-node1", "node1");

	(void)state;
	assert_int_equal(cib_conn_create(c, "constraints", b), 0);
	assert_int_equal(count(c, "//rsc_location[@id='sipha-roll-ban-node1']"), 1);
	assert_int_equal(cib_conn_remove(c, "constraints", b), 0);
	assert_int_equal(count(c, "//rsc_location[@id='sipha-roll-ban-node1']"), 0);
	/* not there: still 0 */
	assert_int_equal(cib_conn_remove(c, "constraints", b), 0);
	/* the configuration's own constraints untouched */
	assert_int_equal(count(c, "//rsc_location[@id='sip-ip-health']"), 1);
	xmlFreeNode(b);
	cib_conn_close(c);
}

static void remove_xpath_takes_every_run_element(void **state)
{
	struct cib_conn *c = open_conn();
	xmlNode *els[] = {
		prop_set("sipha-roll-lock", "node1"), ban("sipha-roll-ban-node1", "node1"),
		ban("sipha-roll-ip-node2", "node2"), prop_set("sipha-last-run", "node1"),
	};

	(void)state;
	assert_int_equal(cib_conn_create(c, "crm_config", els[0]), 0);
	assert_int_equal(cib_conn_create(c, "constraints", els[1]), 0);
	assert_int_equal(cib_conn_create(c, "constraints", els[2]), 0);
	assert_int_equal(cib_conn_create(c, "crm_config", els[3]), 0);
	assert_int_equal(count(c, ROLL_XPATH), 3);
	assert_int_equal(cib_conn_remove_xpath(c, ROLL_XPATH), 0);
	assert_int_equal(count(c, ROLL_XPATH), 0);
	/* the record of the last run and the rest of the configuration stay */
	assert_int_equal(count(c, "//cluster_property_set[@id='sipha-last-run']"), 1);
	assert_int_equal(count(c, "//rsc_location[@id='sip-ip-health']"), 1);
	assert_int_equal(count(c, "/cib/configuration/crm_config/cluster_property_set"), 2);
	/* nothing left to match: 0 */
	assert_int_equal(cib_conn_remove_xpath(c, ROLL_XPATH), 0);
	for (size_t i = 0; i < sizeof(els) / sizeof(els[0]); i++)
		xmlFreeNode(els[i]);
	cib_conn_close(c);
}

/* The host runs no cluster: without CIB_file, libcib finds no pacemaker-based. */
static void no_cluster_is_enotconn(void **state)
{
	struct cib_conn *c = NULL;

	(void)state;
	unsetenv("CIB_file");
	unsetenv("CIB_shadow");
	assert_int_equal(cib_conn_open("test_cib_conn", &c), -ENOTCONN);
	assert_null(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(query_whole_cib, setup, teardown),
		cmocka_unit_test_setup_teardown(create_is_test_and_set, setup, teardown),
		cmocka_unit_test_setup_teardown(modify_merges, setup, teardown),
		cmocka_unit_test_setup_teardown(remove_by_id, setup, teardown),
		cmocka_unit_test_setup_teardown(remove_xpath_takes_every_run_element, setup,
						teardown),
		cmocka_unit_test(no_cluster_is_enotconn),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
