/* tests/unit/test_roll_xml.c: the run's CIB elements are what Pacemaker accepts. Each one goes
 * into a CIB file (cibadmin --empty, CIB_file=) through Pacemaker's own tools: cibadmin
 * creates it, crm_verify checks the whole configuration, crm_rule proves the lease rule in
 * force before its end and expired after it. The readers get back what the builders wrote. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "cluster/roll_xml.h"

static char dir[] = "/tmp/sipha-rollxml-XXXXXX";
static char cib[300];

/* Runs argv (PATH search, CIB_file set) with stdout to @out (NULL: /dev/null); exit status. */
static int run(const char *out, char *const argv[])
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

#define RUN(...) run(NULL, (char *[]){ __VA_ARGS__, NULL })

/* Hands @x to cibadmin (@verb: --create/--modify/--delete) under @section; frees @x. */
static int cib_put(const char *verb, const char *section, xmlNode *x)
{
	xmlBuffer *b = xmlBufferCreate();
	int r;

	assert_non_null(x);
	assert_true(xmlNodeDump(b, NULL, x, 0, 0) > 0);
	r = RUN("cibadmin", (char *)verb, "-o", (char *)section, "-X",
		(char *)xmlBufferContent(b));
	xmlBufferFree(b);
	xmlFreeNode(x);
	return r;
}

static xmlDoc *read_cib(void)
{
	xmlDoc *d = xmlReadFile(cib, NULL, XML_PARSE_NONET);

	assert_non_null(d);
	return d;
}

static int setup(void **state)
{
	if (!mkdtemp(dir))
		return -1;
	snprintf(cib, sizeof(cib), "%s/cib.xml", dir);
	setenv("CIB_file", cib, 1);
	if (run(cib, (char *[]){ "cibadmin", "--empty", NULL }) != 0)
		return -1;
	/* the resources the constraints name: a clone and a primitive of Pacemaker's Dummy */
	if (RUN("cibadmin", "--create", "-o", "resources", "-X",
		"<clone id=\"kamailio-clone\"><primitive id=\"kamailio\" class=\"ocf\" "
		"provider=\"pacemaker\" type=\"Dummy\"/></clone>") != 0 ||
	    RUN("cibadmin", "--create", "-o", "resources", "-X",
		"<primitive id=\"sip-ip\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>")
	    != 0 ||
	    RUN("crm_attribute", "-n", "stonith-enabled", "-v", "false") != 0)
		return -1;
	return RUN("crm_verify", "-x", cib) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	RUN("rm", "-rf", dir);
	return 0;
}

static void test_time(void **state)
{
	char buf[40];

	roll_xml_time(0, buf, sizeof(buf));
	assert_string_equal(buf, "1970-01-01 00:00:00Z");
	roll_xml_time(1796097600, buf, sizeof(buf));
	assert_string_equal(buf, "2026-12-01 04:00:00Z");
}

/* A lease rule is in force at @before and expired at @after (crm_rule -c exit 0 vs 110). */
static void expect_lease(const char *rule_id, time_t before, time_t after)
{
	char b[40], a[40];

	roll_xml_time(before, b, sizeof(b));
	roll_xml_time(after, a, sizeof(a));
	assert_int_equal(RUN("crm_rule", "-c", "-r", (char *)rule_id, "-d", b), 0);
	assert_int_equal(RUN("crm_rule", "-c", "-r", (char *)rule_id, "-d", a), 110);
}

static void test_ban(void **state)
{
	time_t end = 1796097600;
	char ids[4][CV_NAME_MAX];

	assert_int_equal(cib_put("--create", "constraints",
				 roll_xml_ban("kamailio-clone", "node1", end)), 0);
	assert_int_equal(RUN("crm_verify", "-x", cib), 0);
	expect_lease("sipha-roll-ban-node1-rule", end - 1, end + 1);
	/* a second create of the same id is refused: what the lock relies on */
	assert_int_not_equal(cib_put("--create", "constraints",
				     roll_xml_ban("kamailio-clone", "node1", end)), 0);
	/* renewal: the same element with a later end, merged by id */
	assert_int_equal(cib_put("--modify", "constraints",
				 roll_xml_ban("kamailio-clone", "node1", end + 600)), 0);
	expect_lease("sipha-roll-ban-node1-rule", end + 599, end + 601);
	xmlDoc *d = read_cib();
	assert_int_equal(roll_leftovers(xmlDocGetRootElement(d), ids, 4), 1);
	assert_string_equal(ids[0], "sipha-roll-ban-node1");
	xmlFreeDoc(d);
}

static void test_ip_move(void **state)
{
	time_t end = 1796097600;
	char ids[4][CV_NAME_MAX];
	xmlDoc *d;

	assert_int_equal(cib_put("--create", "constraints",
				 roll_xml_ip_move("sip-ip", "node2", end)), 0);
	assert_int_equal(RUN("crm_verify", "-x", cib), 0);
	expect_lease("sipha-roll-ip-node2-rule", end - 1, end + 1);
	d = read_cib();
	assert_int_equal(roll_leftovers(xmlDocGetRootElement(d), ids, 4), 2);
	xmlFreeDoc(d);
	/* removal by tag and id, as the driver does it; nothing of the run left */
	assert_int_equal(cib_put("--delete", "constraints",
				 roll_xml_ip_move("sip-ip", "node2", 0)), 0);
	assert_int_equal(cib_put("--delete", "constraints",
				 roll_xml_ban("kamailio-clone", "node1", 0)), 0);
	d = read_cib();
	assert_int_equal(roll_leftovers(xmlDocGetRootElement(d), ids, 4), 0);
	xmlFreeDoc(d);
}

static void test_lock(void **state)
{
	struct roll_lock l = { .present = true, .owner = "node1", .pid = 4242, .start = 1000,
			       .lease_end = 1120, .lease_s = 120 }, got;
	xmlDoc *d;

	assert_int_equal(cib_put("--create", "crm_config", roll_xml_lock(&l)), 0);
	assert_int_not_equal(cib_put("--create", "crm_config", roll_xml_lock(&l)), 0);
	assert_int_equal(RUN("crm_verify", "-x", cib), 0);
	d = read_cib();
	assert_int_equal(roll_lock_from_cib(xmlDocGetRootElement(d), &got), 0);
	xmlFreeDoc(d);
	assert_true(got.present);
	assert_string_equal(got.owner, "node1");
	assert_int_equal(got.pid, 4242);
	assert_int_equal(got.start, 1000);
	assert_int_equal(got.lease_end, 1120);
	assert_int_equal(got.lease_s, 120);
	assert_string_equal(got.abort, "");
	/* an abort request, then a renewal without it: the request stays */
	snprintf(l.abort, sizeof(l.abort), "requested by admin at now");
	assert_int_equal(cib_put("--modify", "crm_config", roll_xml_lock(&l)), 0);
	l.abort[0] = '\0';
	l.lease_end = 1160;
	assert_int_equal(cib_put("--modify", "crm_config", roll_xml_lock(&l)), 0);
	d = read_cib();
	roll_lock_from_cib(xmlDocGetRootElement(d), &got);
	xmlFreeDoc(d);
	assert_string_equal(got.abort, "requested by admin at now");
	assert_int_equal(got.lease_end, 1160);
	assert_int_equal(cib_put("--delete", "crm_config", roll_xml_lock(&l)), 0);
	d = read_cib();
	roll_lock_from_cib(xmlDocGetRootElement(d), &got);
	xmlFreeDoc(d);
	assert_false(got.present);
}

/* How far a lease end lies beyond what its writer's lease could reach from now. */
static void test_lock_ahead(void **state)
{
	struct roll_lock l = { .present = true, .owner = "node1", .lease_end = 10000,
			       .lease_s = 120 };

	/* just renewed, and up to a minute of clock difference between the nodes */
	assert_int_equal(roll_lock_ahead_s(&l, 10000 - 120), 0);
	assert_int_equal(roll_lock_ahead_s(&l, 10000 - 120 - ROLL_CLOCK_SLACK_S), 0);
	assert_int_equal(roll_lock_ahead_s(&l, 10000 - 120 - ROLL_CLOCK_SLACK_S - 1), 1);
	/* written a year ahead of this clock */
	assert_int_equal(roll_lock_ahead_s(&l, 10000 - 365 * 86400),
			 365 * 86400 - 120 - ROLL_CLOCK_SLACK_S);
	/* passed: not ahead */
	assert_int_equal(roll_lock_ahead_s(&l, 20000), 0);
	/* a lock that does not say its lease (an older writer), or none at all */
	l.lease_s = 0;
	assert_int_equal(roll_lock_ahead_s(&l, 0), 0);
	l.lease_s = 120;
	l.present = false;
	assert_int_equal(roll_lock_ahead_s(&l, 0), 0);
}

static void test_last(void **state)
{
	struct roll_last r = { .present = true, .start = 100, .end = 160, .outcome = "aborted",
			       .reason = "sipha-health turned red on node2", .ip_from = "node1",
			       .ip_to = "node2", .per_node = "node2=14.2s" }, got;
	xmlDoc *d;

	assert_int_equal(cib_put("--create", "crm_config", roll_xml_last(&r)), 0);
	assert_int_equal(RUN("crm_verify", "-x", cib), 0);
	snprintf(r.outcome, sizeof(r.outcome), "success");
	r.reason[0] = '\0';
	assert_int_equal(cib_put("--modify", "crm_config", roll_xml_last(&r)), 0);
	d = read_cib();
	assert_int_equal(roll_last_from_cib(xmlDocGetRootElement(d), &got), 0);
	xmlFreeDoc(d);
	assert_true(got.present);
	assert_int_equal(got.start, 100);
	assert_int_equal(got.end, 160);
	assert_string_equal(got.outcome, "success");
	assert_string_equal(got.reason, "");
	assert_string_equal(got.ip_from, "node1");
	assert_string_equal(got.ip_to, "node2");
	assert_string_equal(got.per_node, "node2=14.2s");
}

/* Node names become ids: what an id cannot hold is replaced; the rule keeps the real name. */
static void test_names(void **state)
{
	xmlNode *x = roll_xml_ban("kamailio-clone", "node 1/a", 0);
	xmlChar *id;

	assert_non_null(x);
	id = xmlGetProp(x, (const xmlChar *)"id");
	assert_string_equal((char *)id, "sipha-roll-ban-node_1_a");
	xmlFree(id);
	id = xmlGetProp(x->children->children, (const xmlChar *)"value");
	assert_string_equal((char *)id, "node 1/a");
	xmlFree(id);
	xmlFreeNode(x);
	assert_null(roll_xml_ban("kamailio-clone", "", 0));
	assert_null(roll_xml_ip_move(NULL, "node1", 0));
	assert_null(roll_xml_lock(&(struct roll_lock){ .owner = "" }));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time), cmocka_unit_test(test_ban),
		cmocka_unit_test(test_ip_move), cmocka_unit_test(test_lock),
		cmocka_unit_test(test_lock_ahead),
		cmocka_unit_test(test_last), cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
