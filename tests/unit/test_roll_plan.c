/* tests/unit/test_roll_plan.c: the order of a rolling restart for 2 and 3 nodes with the IP on
 * each node (and nowhere), and each refusal of the pre-flight. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cluster/roll_plan.h"

/* @n healthy nodes node1..nodeN, the IP on node @ip (1-based; 0: nowhere), ready to roll. */
static void view(struct cluster_view *v, int n, int ip)
{
	memset(v, 0, sizeof(*v));
	v->have_quorum = true;
	snprintf(v->dc, sizeof(v->dc), "node1");
	snprintf(v->clone_id, sizeof(v->clone_id), "kamailio-clone");
	snprintf(v->ip_id, sizeof(v->ip_id), "sip-ip");
	v->ip_stickiness = 100;
	v->n_nodes = n;
	/* listed out of order: the plan sorts by name */
	for (int i = 0; i < n; i++) {
		struct cv_node *d = &v->nodes[i];

		snprintf(d->name, sizeof(d->name), "node%d", n - i);
		d->online = d->kam_active = true;
		d->ip_active = (n - i) == ip;
		snprintf(d->health, sizeof(d->health), "green");
	}
}

/* The plan as one string: "R node1,I node1,R node2". */
static void plan_str(const struct roll_plan *p, char *buf, size_t len)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; i < p->n; i++)
		off += (size_t)snprintf(buf + off, len - off, "%s%c %s", i ? "," : "",
					p->steps[i].kind == ROLL_MOVE_IP ? 'I' : 'R',
					p->steps[i].node);
}

static void expect_plan(int n, int ip, const char *want, const char *from, const char *to)
{
	struct cluster_view v;
	struct roll_plan p;
	char got[256], why[256] = "";

	view(&v, n, ip);
	assert_int_equal(roll_plan_make(&v, &p, why, sizeof(why)), 0);
	plan_str(&p, got, sizeof(got));
	assert_string_equal(got, want);
	assert_string_equal(p.ip_from, from);
	assert_string_equal(p.ip_to, to);
}

static void test_two_nodes(void **state)
{
	expect_plan(2, 1, "R node2,I node2,R node1", "node1", "node2");
	expect_plan(2, 2, "R node1,I node1,R node2", "node2", "node1");
	expect_plan(2, 0, "R node1,R node2", "", "");
}

static void test_three_nodes(void **state)
{
	expect_plan(3, 1, "R node2,R node3,I node2,R node1", "node1", "node2");
	expect_plan(3, 2, "R node1,R node3,I node1,R node2", "node2", "node1");
	expect_plan(3, 3, "R node1,R node2,I node1,R node3", "node3", "node1");
	expect_plan(3, 0, "R node1,R node2,R node3", "", "");
}

static void test_too_few_nodes(void **state)
{
	struct cluster_view v;
	struct roll_plan p;
	char why[256] = "";

	view(&v, 2, 1);
	v.nodes[0].online = false;
	assert_int_equal(roll_plan_make(&v, &p, why, sizeof(why)), -EINVAL);
	assert_non_null(strstr(why, "1 node online"));
}

static void expect_refusal(const struct cluster_view *v, const char *dc, const char *part)
{
	char why[256] = "";

	assert_int_equal(roll_preflight(v, dc, why, sizeof(why)), -EBUSY);
	if (!strstr(why, part))
		fail_msg("reason '%s' lacks '%s'", why, part);
}

static void test_preflight(void **state)
{
	struct cluster_view v;
	char why[256] = "";

	view(&v, 3, 2);
	assert_int_equal(roll_preflight(&v, "S_IDLE", why, sizeof(why)), 0);
	v.have_quorum = false;
	expect_refusal(&v, "S_IDLE", "no quorum");
	view(&v, 3, 2);
	v.nodes[1].online = false;
	expect_refusal(&v, "S_IDLE", "node node2 is offline");
	view(&v, 3, 2);
	v.nodes[0].standby = true;
	expect_refusal(&v, "S_IDLE", "node node3 is in standby");
	view(&v, 3, 2);
	v.nodes[2].maintenance = true;
	expect_refusal(&v, "S_IDLE", "node node1 is in maintenance");
	view(&v, 3, 2);
	v.n_failed = 1;
	snprintf(v.failed[0].rsc, CV_NAME_MAX, "kamailio:1");
	snprintf(v.failed[0].node, CV_NAME_MAX, "node2");
	snprintf(v.failed[0].op, 32, "monitor");
	v.failed[0].rc = 1;
	expect_refusal(&v, "S_IDLE", "failed action: kamailio:1 monitor on node2 (rc 1)");
	/* a degraded result (yellow health: the leak a restart cures) is no reason to refuse;
	 * the demo's run after the leak scenario was refused for it */
	v.failed[0].rc = 190;
	assert_int_equal(roll_preflight(&v, "S_IDLE", NULL, 0), 0);
	view(&v, 3, 2);
	expect_refusal(&v, "S_TRANSITION_ENGINE", "not settled (DC node1 in state "
		       "S_TRANSITION_ENGINE)");
	expect_refusal(&v, NULL, "state unknown");
	v.nodes[1].kam_active = false;
	expect_refusal(&v, "S_IDLE", "instance on node2 is not running");
	view(&v, 3, 2);
	snprintf(v.nodes[0].health, 16, "red");
	expect_refusal(&v, "S_IDLE", "sipha-health is red on node3");
	view(&v, 3, 2);
	v.ip_stickiness = 0;
	expect_refusal(&v, "S_IDLE", "resource-stickiness is 0: after the run the IP could move "
		       "back (a second outage); set it, e.g. pcs resource defaults update "
		       "resource-stickiness=100");
}

static void test_step_text(void **state)
{
	struct roll_step s = { .kind = ROLL_RESTART, .node = "node2" };
	char buf[128];

	roll_step_text(&s, "kamailio-clone", "sip-ip", buf, sizeof(buf));
	assert_string_equal(buf, "restart kamailio-clone on node2");
	s.kind = ROLL_MOVE_IP;
	roll_step_text(&s, "kamailio-clone", "sip-ip", buf, sizeof(buf));
	assert_string_equal(buf, "move sip-ip to node2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_nodes), cmocka_unit_test(test_three_nodes),
		cmocka_unit_test(test_too_few_nodes), cmocka_unit_test(test_preflight),
		cmocka_unit_test(test_step_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
