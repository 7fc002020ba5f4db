/* tests/unit/test_sched_record.c: the record of a scheduled rolling restart goes into a CIB
 * file through Pacemaker's own tools (cibadmin create and modify, crm_verify, crm_attribute reads
 * an nvpair back) and the reader gets back every field the builder wrote; records among a real
 * CIB (tests/unit/cib/, changed in memory); garbage values read as unset; the nearest predicted
 * exhaustion of shared memory over cluster views. */
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
#include <libxml/xpath.h>

#include "cluster/sched_record.h"

static char dir[] = "/tmp/sipha-schedrec-XXXXXX";
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

static char *dump(xmlNode *x)
{
	xmlBuffer *b = xmlBufferCreate();
	char *s;

	assert_non_null(x);
	assert_true(xmlNodeDump(b, NULL, x, 0, 0) > 0);
	s = strdup((const char *)xmlBufferContent(b));
	xmlBufferFree(b);
	assert_non_null(s);
	return s;
}

/* Hands @x to cibadmin (@verb: --create/--modify) under crm_config; frees @x. */
static int cib_put(const char *verb, xmlNode *x)
{
	char *s = dump(x);
	int r = RUN("cibadmin", (char *)verb, "-o", "crm_config", "-X", s);

	free(s);
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
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	snprintf(cib, sizeof(cib), "%s/cib.xml", dir);
	setenv("CIB_file", cib, 1);
	if (run(cib, (char *[]){ "cibadmin", "--empty", NULL }) != 0)
		return -1;
	return RUN("crm_attribute", "-n", "stonith-enabled", "-v", "false");
}

static int teardown(void **state)
{
	(void)state;
	RUN("rm", "-rf", dir);
	return 0;
}

static void fill(char *buf, size_t len, char c)
{
	memset(buf, c, len - 1);
	buf[len - 1] = '\0';
}

static struct sched_record sample(void)
{
	struct sched_record r = { .present = true, .rsc = "roll", .schedule = "0 4 * * 2,5",
				  .since = 1795000000, .slot_done = 1796097600,
				  .next_slot = 1796356800, .running = true, .run_node = "node2",
				  .run_pid = 4242, .run_start = 1796097630, .run_end = 0,
				  .run_slot = 1796097600,
				  .trigger = "slot 2026-12-01 05:00 CET",
				  .outcome = "refused: node node2 is in standby" };

	return r;
}

static void assert_same(const struct sched_record *a, const struct sched_record *b)
{
	assert_int_equal(a->present, b->present);
	assert_string_equal(a->rsc, b->rsc);
	assert_string_equal(a->schedule, b->schedule);
	assert_int_equal(a->since, b->since);
	assert_int_equal(a->slot_done, b->slot_done);
	assert_int_equal(a->next_slot, b->next_slot);
	assert_int_equal(a->running, b->running);
	assert_string_equal(a->run_node, b->run_node);
	assert_int_equal(a->run_pid, b->run_pid);
	assert_int_equal(a->run_start, b->run_start);
	assert_int_equal(a->run_end, b->run_end);
	assert_int_equal(a->run_slot, b->run_slot);
	assert_string_equal(a->trigger, b->trigger);
	assert_string_equal(a->outcome, b->outcome);
}

/* What Pacemaker stores: created, verified, shown by crm_attribute, modified in place (the
 * nvpairs replaced by id, no second set), read back field by field. */
static void test_cib_round_trip(void **state)
{
	struct sched_record r = sample(), back;
	char val[300];
	xmlDoc *d;
	FILE *f;

	(void)state;
	assert_int_equal(cib_put("--create", sched_xml_record(&r)), 0);
	assert_int_equal(RUN("crm_verify", "-x", cib), 0);
	snprintf(val, sizeof(val), "%s/val", dir);
	assert_int_equal(run(val, (char *[]){ "crm_attribute", "-t", "crm_config", "-s",
					      "sipha-schedule-roll", "-n", "sipha-sched-schedule",
					      "-G", "-q", NULL }), 0);
	f = fopen(val, "r");
	assert_non_null(f);
	assert_non_null(fgets(val, sizeof(val), f));
	fclose(f);
	assert_string_equal(val, "0 4 * * 2,5\n");
	d = read_cib();
	assert_int_equal(sched_record_from_cib(xmlDocGetRootElement(d), "roll", &back), 0);
	xmlFreeDoc(d);
	assert_same(&r, &back);

	/* the run ends: a modify with the whole record */
	r.running = false;
	r.run_end = r.run_start + 75;
	r.run_pid = 0;
	r.run_node[0] = '\0';
	snprintf(r.outcome, sizeof(r.outcome), "success");
	assert_int_equal(cib_put("--modify", sched_xml_record(&r)), 0);
	assert_int_equal(RUN("crm_verify", "-x", cib), 0);
	d = read_cib();
	assert_int_equal(sched_record_from_cib(xmlDocGetRootElement(d), "roll", &back), 0);
	assert_same(&r, &back);
	{
		struct sched_record all[SCHED_RECORDS_MAX];

		assert_int_equal(sched_records_from_cib(xmlDocGetRootElement(d), all,
							SCHED_RECORDS_MAX), 1);
		assert_same(&r, &all[0]);
	}
	xmlFreeDoc(d);
}

/* Empty and longest strings, zero times, a resource id that needs sanitising. */
static void test_round_trip_limits(void **state)
{
	struct sched_record r = { .present = true }, back;
	xmlNode *x;
	xmlChar *id;

	(void)state;
	fill(r.rsc, sizeof(r.rsc), 'r');
	x = sched_xml_record(&r);
	assert_non_null(x);
	assert_int_equal(sched_record_from_cib(x, r.rsc, &back), 0);
	assert_same(&r, &back);
	xmlFreeNode(x);

	fill(r.schedule, sizeof(r.schedule), '*');
	fill(r.run_node, sizeof(r.run_node), 'n');
	fill(r.trigger, sizeof(r.trigger), 't');
	fill(r.outcome, sizeof(r.outcome), 'o');
	r.run_pid = 2147483647;
	r.since = r.slot_done = r.next_slot = r.run_start = r.run_end = r.run_slot = 4102444799;
	x = sched_xml_record(&r);
	assert_non_null(x);
	assert_int_equal(sched_record_from_cib(x, r.rsc, &back), 0);
	assert_same(&r, &back);
	xmlFreeNode(x);

	memset(&r, 0, sizeof(r));
	r.present = true;
	snprintf(r.rsc, sizeof(r.rsc), "roll:0 é<x>");
	snprintf(r.trigger, sizeof(r.trigger), "brought forward: \"node2\" & <more>");
	x = sched_xml_record(&r);
	assert_non_null(x);
	id = xmlGetProp(x, (const xmlChar *)"id");
	assert_string_equal((const char *)id, "sipha-schedule-roll_0____x_");
	xmlFree(id);
	id = xmlGetProp(x->children, (const xmlChar *)"id");
	assert_string_equal((const char *)id, "sipha-schedule-roll_0____x_-rsc");
	xmlFree(id);
	assert_int_equal(sched_record_from_cib(x, r.rsc, &back), 0);
	assert_same(&r, &back);
	xmlFreeNode(x);

	/* no id can be made */
	memset(&r, 0, sizeof(r));
	assert_null(sched_xml_record(&r));
	assert_null(sched_xml_record(NULL));
}

/* The fixture's crm_config gets two records and an unrelated set; all records are found. */
static void test_records_in_fixture(void **state)
{
	char path[512];
	struct sched_record a = sample(), b = { .present = true, .rsc = "roll-b",
						.schedule = "@daily", .since = 1795000000 };
	struct sched_record all[SCHED_RECORDS_MAX], one;
	xmlXPathContext *ctx;
	xmlXPathObject *o;
	xmlNode *cc;
	xmlDoc *d;

	(void)state;
	snprintf(path, sizeof(path), "%s/two-nodes.xml", CIB_FIXTURES);
	d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	assert_non_null(d);
	assert_int_equal(sched_records_from_cib(xmlDocGetRootElement(d), all, 8), 0);
	assert_int_equal(sched_record_from_cib(xmlDocGetRootElement(d), "roll", &one), 0);
	assert_false(one.present);
	assert_string_equal(one.rsc, "");
	ctx = xmlXPathNewContext(d);
	o = xmlXPathEvalExpression((const xmlChar *)"//crm_config", ctx);
	assert_true(o && o->nodesetval && o->nodesetval->nodeNr == 1);
	cc = o->nodesetval->nodeTab[0];
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	assert_non_null(xmlAddChild(cc, sched_xml_record(&a)));
	assert_non_null(xmlAddChild(cc, sched_xml_record(&b)));

	assert_int_equal(sched_records_from_cib(xmlDocGetRootElement(d), all, 8), 2);
	assert_same(&a, &all[0]);
	assert_same(&b, &all[1]);
	assert_int_equal(sched_records_from_cib(xmlDocGetRootElement(d), all, 1), 1);
	assert_same(&a, &all[0]);
	assert_int_equal(sched_record_from_cib(xmlDocGetRootElement(d), "roll-b", &one), 0);
	assert_same(&b, &one);
	assert_int_equal(sched_record_from_cib(xmlDocGetRootElement(d), "roll-c", &one), 0);
	assert_false(one.present);
	assert_int_equal(sched_record_from_cib(xmlDocGetRootElement(d), "", &one), -EINVAL);
	assert_int_equal(sched_record_from_cib(NULL, "roll", &one), 0);
	assert_false(one.present);
	assert_int_equal(sched_records_from_cib(NULL, all, 8), 0);
	xmlFreeDoc(d);
}

/* Values Pacemaker would accept but no builder writes: unset, never a crash or a guess. */
static void test_garbage_is_unset(void **state)
{
	static const char *xml =
		"<cib><configuration><crm_config>"
		"<cluster_property_set id=\"sipha-schedule-\"/>"
		"<cluster_property_set id=\"sipha-schedule-g\">"
		"<nvpair id=\"a\" name=\"sipha-sched-since\" value=\"yesterday\"/>"
		"<nvpair id=\"b\" name=\"sipha-sched-slot-done\" value=\"2026-02-31 04:00:00Z\"/>"
		"<nvpair id=\"c\" name=\"sipha-sched-next-slot\" value=\"2026-12-04 04:00:00\"/>"
		"<nvpair id=\"d\" name=\"sipha-sched-run-pid\" value=\"-12\"/>"
		"<nvpair id=\"e\" name=\"sipha-sched-run-start\" value=\"1796097630\"/>"
		"<nvpair id=\"f\" name=\"sipha-sched-run-end\" value=\"1969-12-31 23:59:59Z\"/>"
		"<nvpair id=\"g\" name=\"sipha-sched-running\" value=\"yes\"/>"
		"<nvpair id=\"h\" name=\"sipha-sched-run-slot\"/>"
		"<nvpair id=\"i\" name=\"sipha-sched-schedule\" value=\"0 4 * * 2,5 and a very "
		"long tail that does not fit the one hundred and twenty-seven characters the record "
		"holds for a schedule, cut\"/>"
		"<nvpair id=\"j\" name=\"sipha-sched-run-end\" value=\"2026-12-01 04:01:15Z\"/>"
		"</cluster_property_set>"
		"<cluster_property_set id=\"sipha-schedule-p\">"
		"<nvpair id=\"k\" name=\"sipha-sched-run-pid\" value=\"12abc\"/>"
		"<nvpair id=\"l\" name=\"sipha-sched-run-start\" value=\"2026-12-01 04:00:00Zx\"/>"
		"</cluster_property_set>"
		"<cluster_property_set id=\"sipha-schedule-q\">"
		"<nvpair id=\"m\" name=\"sipha-sched-run-pid\" value=\"99999999999999999999\"/>"
		"</cluster_property_set>"
		"</crm_config></configuration></cib>";
	xmlDoc *d = xmlReadMemory(xml, (int)strlen(xml), "garbage.xml", NULL, XML_PARSE_NONET);
	struct sched_record all[4], r;

	(void)state;
	assert_non_null(d);
	/* the set with an empty rsc part is not a record */
	assert_int_equal(sched_records_from_cib(xmlDocGetRootElement(d), all, 4), 3);
	r = all[0];
	assert_true(r.present);
	assert_string_equal(r.rsc, "g");		/* no rsc nvpair: from the id */
	assert_int_equal(r.since, 0);
	assert_int_equal(r.slot_done, 0);
	assert_int_equal(r.next_slot, 0);
	assert_int_equal(r.run_pid, 0);
	assert_int_equal(r.run_start, 0);
	assert_int_equal(r.run_end, 1796097675);	/* the last nvpair of a name wins */
	assert_false(r.running);
	assert_int_equal(r.run_slot, 0);
	assert_int_equal(strlen(r.schedule), sizeof(r.schedule) - 1);
	assert_int_equal(strncmp(r.schedule, "0 4 * * 2,5 and", 15), 0);
	assert_string_equal(all[1].rsc, "p");
	assert_int_equal(all[1].run_pid, 0);
	assert_int_equal(all[1].run_start, 0);
	assert_int_equal(all[2].run_pid, 0);
	xmlFreeDoc(d);
}

static struct cluster_view view(int n)
{
	struct cluster_view v = { .n_nodes = n };

	for (int i = 0; i < n; i++) {
		snprintf(v.nodes[i].name, sizeof(v.nodes[i].name), "node%d", i + 1);
		v.nodes[i].kam_active = true;
		v.nodes[i].shm_exhaust_s = -1;
	}
	return v;
}

static void test_exhaust_from_view(void **state)
{
	struct cluster_view v = view(3);
	char node[CV_NAME_MAX] = "unchanged";
	int64_t s = 77;

	(void)state;
	assert_int_equal(sched_exhaust_from_view(&v, &s, node, sizeof(node)), -ENOENT);
	assert_int_equal(s, 77);
	assert_string_equal(node, "unchanged");
	v.nodes[0].shm_exhaust_s = 9000;
	v.nodes[1].shm_exhaust_s = 7800;
	assert_int_equal(sched_exhaust_from_view(&v, &s, node, sizeof(node)), 0);
	assert_int_equal(s, 7800);
	assert_string_equal(node, "node2");
	/* an instance that does not run there: its figure is stale */
	v.nodes[1].kam_active = false;
	assert_int_equal(sched_exhaust_from_view(&v, &s, node, sizeof(node)), 0);
	assert_int_equal(s, 9000);
	assert_string_equal(node, "node1");
	/* 0 (running out now) is a prediction; a tie goes to the first node */
	v.nodes[2].shm_exhaust_s = 0;
	v.nodes[1].kam_active = true;
	v.nodes[1].shm_exhaust_s = 0;
	assert_int_equal(sched_exhaust_from_view(&v, &s, NULL, 0), 0);
	assert_int_equal(s, 0);
	assert_int_equal(sched_exhaust_from_view(&v, &s, node, 3), 0);
	assert_string_equal(node, "no");
	v.nodes[0].kam_active = v.nodes[1].kam_active = v.nodes[2].kam_active = false;
	assert_int_equal(sched_exhaust_from_view(&v, &s, node, sizeof(node)), -ENOENT);
	assert_int_equal(sched_exhaust_from_view(NULL, &s, node, sizeof(node)), -EINVAL);
	assert_int_equal(sched_exhaust_from_view(&v, NULL, node, sizeof(node)), -EINVAL);
	v = view(0);
	assert_int_equal(sched_exhaust_from_view(&v, &s, node, sizeof(node)), -ENOENT);
}

/* The chain from the attribute the kamailio agent writes: "none" is no prediction, a number is
 * one (the real two-node CIB, its attribute values changed in memory). */
static void test_exhaust_from_cib(void **state)
{
	static const struct { const char *n1, *n2; int rc; int64_t s; const char *node; } cases[] = {
		{ "none", "none", -ENOENT, 0, "" },
		{ "none", "5400", 0, 5400, "node2" },
		{ "3600", "5400", 0, 3600, "node1" },
		{ "-5", "garbage", -ENOENT, 0, "" },
	};
	static struct cluster_view v;
	char path[512], why[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/two-nodes.xml", CIB_FIXTURES);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		xmlDoc *d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
		xmlXPathContext *ctx = xmlXPathNewContext(d);
		xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)
			"//nvpair[@name='sipha-shm-exhaust-s']", ctx);
		char node[CV_NAME_MAX] = "";
		int64_t s = 0;

		assert_true(o && o->nodesetval && o->nodesetval->nodeNr == 2);
		for (int k = 0; k < 2; k++) {
			xmlNode *nv = o->nodesetval->nodeTab[k];
			xmlChar *id = xmlGetProp(nv, (const xmlChar *)"id");
			bool first = strstr((const char *)id, "status-1-") != NULL;

			xmlSetProp(nv, (const xmlChar *)"value",
				   (const xmlChar *)(first ? cases[i].n1 : cases[i].n2));
			xmlFree(id);
		}
		xmlXPathFreeObject(o);
		xmlXPathFreeContext(ctx);
		assert_int_equal(cluster_view_from_cib(xmlDocGetRootElement(d), NULL, &v, why,
						       sizeof(why)), 0);
		xmlFreeDoc(d);
		assert_int_equal(sched_exhaust_from_view(&v, &s, node, sizeof(node)), cases[i].rc);
		if (cases[i].rc == 0) {
			assert_int_equal(s, cases[i].s);
			assert_string_equal(node, cases[i].node);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cib_round_trip),
		cmocka_unit_test(test_round_trip_limits),
		cmocka_unit_test(test_records_in_fixture),
		cmocka_unit_test(test_garbage_is_unset),
		cmocka_unit_test(test_exhaust_from_view),
		cmocka_unit_test(test_exhaust_from_cib),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
