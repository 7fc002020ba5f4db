/* tests/unit/test_kamrpc_parse.c: JSON-RPC replies as Kamailio 5.6 sends them, through the
 * parsers of lib/kam/kamrpc_parse.c, and the request text the client sends. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kam/kamrpc_parse.h"

/* verbatim from Kamailio 5.6.3 with jsonrpcs pretty_format=1 (tabs and newlines) */
static const char shmmem_reply[] =
	"{\n\t\"jsonrpc\":\t\"2.0\",\n\t\"result\":\t{\n\t\t\"total\":\t8388608,\n"
	"\t\t\"free\":\t5604920,\n\t\t\"used\":\t2541672,\n\t\t\"real_used\":\t2783688,\n"
	"\t\t\"max_used\":\t2783688,\n\t\t\"fragments\":\t1\n\t},\n\t\"id\":\t1\n}";

static const char pkg_reply[] =
	"{\"jsonrpc\":\"2.0\",\"result\":[{\"entry\":0,\"pid\":10354,\"rank\":0,"
	"\"used\":695432,\"free\":3120096,\"real_used\":1074208,\"total_size\":4194304,"
	"\"total_frags\":7,\"desc\":\"main process - attendant\"},"
	"{\"entry\":1,\"pid\":10355,\"rank\":1,\"used\":695624,\"free\":3119800,"
	"\"real_used\":3900000,\"total_size\":4194304,\"total_frags\":7,"
	"\"desc\":\"udp receiver child=0 sock=127.0.0.1:5068\"},"
	"{\"entry\":2,\"pid\":10356,\"rank\":2,\"used\":695616,\"free\":3120016,"
	"\"real_used\":1074288,\"total_size\":4194304,\"total_frags\":7,\"desc\":\"x\"}],"
	"\"id\":3}";

static const char stats_reply[] =
	"{\"jsonrpc\":\"2.0\",\"result\":[\"sl:1xx_replies = 0\", \"sl:500_replies = 17\","
	" \"sl:5xx_replies = 18\", \"registrar:accepted_regs = 4242\","
	" \"registrar:rejected_regs = 18\", \"usrloc:location_contacts = 4242\","
	" \"shmem:free_size = 5604920\"],\"id\":1}";

static const char error_reply[] =
	"{\"jsonrpc\":\"2.0\",\"error\":{\"code\":500,\"message\":\"Method Not Found\"},\"id\":1}";

/* dmq.list_nodes, verbatim from Kamailio 5.6.3 running examples/kamailio-ha.cfg: A of three
 * instances naming each other, with B up (active) and C down (pending), A itself local */
static const char dmq_three_reply[] =
	"{\n"
	"\t\"jsonrpc\":\t\"2.0\",\n"
	"\t\"result\":\t[{\n"
	"\t\t\t\"host\":\t\"127.91.17.5\",\n"
	"\t\t\t\"port\":\t\"5092\",\n"
	"\t\t\t\"proto\":\t\"*\",\n"
	"\t\t\t\"resolved_ip\":\t\"127.91.17.5\",\n"
	"\t\t\t\"status\":\t\"pending\",\n"
	"\t\t\t\"last_notification\":\t0,\n"
	"\t\t\t\"local\":\t0\n"
	"\t\t}, {\n"
	"\t\t\t\"host\":\t\"127.91.17.5\",\n"
	"\t\t\t\"port\":\t\"5091\",\n"
	"\t\t\t\"proto\":\t\"*\",\n"
	"\t\t\t\"resolved_ip\":\t\"127.91.17.5\",\n"
	"\t\t\t\"status\":\t\"active\",\n"
	"\t\t\t\"last_notification\":\t0,\n"
	"\t\t\t\"local\":\t0\n"
	"\t\t}, {\n"
	"\t\t\t\"host\":\t\"127.91.17.5\",\n"
	"\t\t\t\"port\":\t\"5090\",\n"
	"\t\t\t\"proto\":\t\"*\",\n"
	"\t\t\t\"resolved_ip\":\t\"127.91.17.5\",\n"
	"\t\t\t\"status\":\t\"active\",\n"
	"\t\t\t\"last_notification\":\t0,\n"
	"\t\t\t\"local\":\t1\n"
	"\t\t}],\n"
	"\t\"id\":\t7\n"
	"}";

/* the same, an instance without peers defined: itself alone on the bus */
static const char dmq_alone_reply[] =
	"{\n"
	"\t\"jsonrpc\":\t\"2.0\",\n"
	"\t\"result\":\t[{\n"
	"\t\t\t\"host\":\t\"127.91.17.5\",\n"
	"\t\t\t\"port\":\t\"5095\",\n"
	"\t\t\t\"proto\":\t\"*\",\n"
	"\t\t\t\"resolved_ip\":\t\"127.91.17.5\",\n"
	"\t\t\t\"status\":\t\"active\",\n"
	"\t\t\t\"last_notification\":\t0,\n"
	"\t\t\t\"local\":\t1\n"
	"\t\t}],\n"
	"\t\"id\":\t7\n"
	"}";

/* Debian's /etc/kamailio/kamailio.cfg (no dmq), verbatim from 5.6.3 */
static const char dmq_missing_reply[] =
	"{\n"
	"\t\"jsonrpc\":\t\"2.0\",\n"
	"\t\"error\":\t{\n"
	"\t\t\"code\":\t500,\n"
	"\t\t\"message\":\t\"Method Not Found\"\n"
	"\t},\n"
	"\t\"id\":\t7\n"
	"}";

static void shmmem_parses(void **state)
{
	struct kamrpc_shm s;

	assert_int_equal(kamrpc_parse_shmmem(shmmem_reply, strlen(shmmem_reply), &s), 0);
	assert_int_equal(s.total, 8388608);
	assert_int_equal(s.free, 5604920);
	assert_int_equal(s.used, 2541672);
	assert_int_equal(s.real_used, 2783688);
	assert_int_equal(s.max_used, 2783688);
	assert_int_equal(s.fragments, 1);
}

/* A 3 GB pool as Kamailio 5.6.3 reports it: in bytes the 32-bit figures wrap (refused); asked
 * in KiB (core.shmmem "k") they fit, and come back in bytes. */
static void shmmem_large_pool(void **state)
{
	static const char bytes[] = "{\"jsonrpc\":\"2.0\",\"result\":{\"total\":-1073741824,"
				    "\"free\":-1074361136,\"used\":379584,\"real_used\":619312,"
				    "\"max_used\":619312,\"fragments\":1},\"id\":1}";
	static const char kib[] = "{\"jsonrpc\":\"2.0\",\"result\":{\"total\":3145728,"
				  "\"free\":3145123,\"used\":370,\"real_used\":604,"
				  "\"max_used\":604,\"fragments\":1},\"id\":1}";
	static const char huge[] = "{\"jsonrpc\":\"2.0\",\"result\":{\"total\":18014398509481985,"
				   "\"free\":1,\"used\":1,\"real_used\":1,\"max_used\":1,"
				   "\"fragments\":1},\"id\":1}";
	struct kamrpc_shm s;

	assert_int_equal(kamrpc_parse_shmmem(bytes, strlen(bytes), &s), -EBADMSG);
	assert_int_equal(kamrpc_parse_shmmem_kib(bytes, strlen(bytes), &s), -EBADMSG);
	assert_int_equal(kamrpc_parse_shmmem_kib(kib, strlen(kib), &s), 0);
	assert_int_equal(s.total, 3221225472ULL);
	assert_int_equal(s.real_used, 604 * 1024);
	assert_int_equal(s.free, 3145123ULL * 1024);
	assert_int_equal(s.fragments, 1);
	/* no overflow when counted in bytes */
	assert_int_equal(kamrpc_parse_shmmem_kib(huge, strlen(huge), &s), -EBADMSG);
}

static void shmmem_rejects(void **state)
{
	static const char *bad[] = {
		"",
		"{",
		"[]",
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":1},\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":-1,\"free\":1,\"used\":1,"
		"\"real_used\":1,\"max_used\":1,\"fragments\":1},\"id\":1}",
		/* used above total: not a pool */
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":10,\"free\":1,\"used\":1,"
		"\"real_used\":11,\"max_used\":1,\"fragments\":1},\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":0,\"free\":0,\"used\":0,"
		"\"real_used\":0,\"max_used\":0,\"fragments\":0},\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[1,2],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":{\"total\":\"8x\",\"free\":1,\"used\":1,"
		"\"real_used\":1,\"max_used\":1,\"fragments\":1},\"id\":1}",
		/* trailing garbage after a complete object is not a reply */
		"{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1} trailing",
	};
	struct kamrpc_shm s;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(kamrpc_parse_shmmem(bad[i], strlen(bad[i]), &s), -EBADMSG);
	assert_int_equal(kamrpc_parse_shmmem(error_reply, strlen(error_reply), &s), -EREMOTEIO);
}

static void shmmem_accepts_strings(void **state)
{
	static const char r[] = "{\"jsonrpc\":\"2.0\",\"result\":{\"total\":\"100\",\"free\":\"40\","
				"\"used\":\"50\",\"real_used\":\"60\",\"max_used\":\"70\","
				"\"fragments\":\"2\"},\"id\":9}";
	struct kamrpc_shm s;

	assert_int_equal(kamrpc_parse_shmmem(r, strlen(r), &s), 0);
	assert_int_equal(s.total, 100);
	assert_int_equal(s.real_used, 60);
}

static void pkg_finds_fullest(void **state)
{
	struct kamrpc_pkg p;

	assert_int_equal(kamrpc_parse_pkg(pkg_reply, strlen(pkg_reply), &p), 0);
	assert_int_equal(p.nproc, 3);
	assert_int_equal(p.worst_pid, 10355);
	assert_int_equal(p.worst_real_used, 3900000);
	assert_int_equal(p.worst_total, 4194304);
	assert_string_equal(p.worst_desc, "udp receiver child=0 sock=127.0.0.1:5068");
}

static void pkg_rejects(void **state)
{
	static const char *bad[] = {
		"{\"jsonrpc\":\"2.0\",\"result\":[],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":{},\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"pid\":1,\"real_used\":5,\"total_size\":4}],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"pid\":1,\"real_used\":5}],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[7],\"id\":1}",
	};
	struct kamrpc_pkg p;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(kamrpc_parse_pkg(bad[i], strlen(bad[i]), &p), -EBADMSG);
}

static void stats_counters(void **state)
{
	struct kamrpc_counter c[] = {
		{ .name = "registrar:accepted_regs" },
		{ .name = "registrar:rejected_regs" },
		{ .name = "sl:5xx_replies" },
		{ .name = "sl:5xx" },		/* a prefix of a name is not that name */
		{ .name = "tm:5xx_transactions" },	/* not in the reply */
	};

	assert_int_equal(kamrpc_parse_stats(stats_reply, strlen(stats_reply), c, 5), 0);
	assert_true(c[0].found);
	assert_int_equal(c[0].value, 4242);
	assert_true(c[1].found);
	assert_int_equal(c[1].value, 18);
	assert_true(c[2].found);
	assert_int_equal(c[2].value, 18);
	assert_false(c[3].found);
	assert_false(c[4].found);
}

static void stats_rejects(void **state)
{
	static const char *bad[] = {
		"{\"jsonrpc\":\"2.0\",\"result\":[\"sl:5xx_replies = x\"],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[\"sl:5xx_replies = -1\"],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[\"sl:5xx_replies 1\"],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[3],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":\"sl\",\"id\":1}",
	};
	struct kamrpc_counter c[] = { { .name = "sl:5xx_replies" } };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(kamrpc_parse_stats(bad[i], strlen(bad[i]), c, 1), -EBADMSG);
}

static void envelope_ids(void **state)
{
	char err[64];

	assert_int_equal(kamrpc_parse_reply(shmmem_reply, strlen(shmmem_reply), 1, NULL, 0), 0);
	assert_int_equal(kamrpc_parse_reply(shmmem_reply, strlen(shmmem_reply), 2, NULL, 0),
			 -ESTALE);
	assert_int_equal(kamrpc_parse_reply(error_reply, strlen(error_reply), 1, err, sizeof(err)),
			 -EREMOTEIO);
	assert_string_equal(err, "Method Not Found");
}

static void request_escapes(void **state)
{
	const char *params[] = { "sl:", "a\"b" };
	char *r = kamrpc_request("stats.get_statistics", params, 2, 7);

	assert_non_null(r);
	assert_string_equal(r, "{\"jsonrpc\":\"2.0\",\"method\":\"stats.get_statistics\","
			       "\"params\":[\"sl:\",\"a\\\"b\"],\"id\":7}");
	free(r);
}

static void dmq_nodes_counts(void **state)
{
	struct kamrpc_dmq d;

	(void)state;
	assert_int_equal(kamrpc_parse_dmq_nodes(dmq_three_reply, strlen(dmq_three_reply), &d), 0);
	assert_int_equal(d.nodes, 3);
	assert_int_equal(d.active_peers, 1);
	assert_int_equal(d.other_peers, 1);
	assert_int_equal(kamrpc_parse_dmq_nodes(dmq_alone_reply, strlen(dmq_alone_reply), &d), 0);
	assert_int_equal(d.nodes, 1);
	assert_int_equal(d.active_peers, 0);
	assert_int_equal(d.other_peers, 0);
}

/* Kamailio 6.0's dmq (src/modules/dmq/dmq.c, dmqnode.c): the same members; a status it has
 * no name for comes without a string; "disabled" and "not_active" are not active either. */
static void dmq_nodes_6_0(void **state)
{
	static const char r60[] =
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"host\":\"192.0.2.12\",\"port\":\"5090\","
		"\"proto\":\"udp\",\"resolved_ip\":\"192.0.2.12\",\"status\":\"disabled\","
		"\"last_notification\":0,\"local\":0},{\"host\":\"192.0.2.13\",\"port\":\"5090\","
		"\"proto\":\"udp\",\"resolved_ip\":\"192.0.2.13\",\"status\":null,"
		"\"last_notification\":0,\"local\":0},{\"host\":\"192.0.2.14\",\"port\":\"5090\","
		"\"proto\":\"udp\",\"resolved_ip\":\"192.0.2.14\",\"status\":\"not_active\","
		"\"last_notification\":0,\"local\":0},{\"host\":\"192.0.2.15\",\"port\":\"5090\","
		"\"proto\":\"udp\",\"resolved_ip\":\"192.0.2.15\",\"status\":\"active\","
		"\"last_notification\":1700000000,\"local\":0},{\"host\":\"192.0.2.11\","
		"\"port\":\"5090\",\"proto\":\"udp\",\"resolved_ip\":\"192.0.2.11\","
		"\"status\":\"active\",\"last_notification\":0,\"local\":1}],\"id\":3}";
	struct kamrpc_dmq d;

	(void)state;
	assert_int_equal(kamrpc_parse_dmq_nodes(r60, strlen(r60), &d), 0);
	assert_int_equal(d.nodes, 5);
	assert_int_equal(d.active_peers, 1);
	assert_int_equal(d.other_peers, 3);
}

static void dmq_nodes_rejects(void **state)
{
	static const char *const bad[] = {
		"{\"jsonrpc\":\"2.0\",\"result\":{\"host\":\"a\",\"local\":1},\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[\"127.0.0.1\"],\"id\":1}",
		/* no host, no local, local a string */
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"status\":\"active\",\"local\":1}],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"host\":\"a\",\"status\":\"active\"}],"
		"\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"host\":\"a\",\"local\":\"1\"}],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"host\":1,\"local\":1}],\"id\":1}",
		"{\"jsonrpc\":\"2.0\",\"result\":[{\"host\":\"a\",\"local\":1}],\"id\":1} x",
		"{\"jsonrpc\":\"2.0\",\"id\":1}",
		"",
	};
	struct kamrpc_dmq d = { .nodes = 42 };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(kamrpc_parse_dmq_nodes(bad[i], strlen(bad[i]), &d), -EBADMSG);
	/* not loaded: the error reply, and @ret untouched */
	assert_int_equal(kamrpc_parse_dmq_nodes(dmq_missing_reply, strlen(dmq_missing_reply), &d),
			 -EREMOTEIO);
	assert_int_equal(d.nodes, 42);
	/* an empty bus (never seen: dmq lists itself) is a list of no nodes */
	assert_int_equal(kamrpc_parse_dmq_nodes("{\"result\":[],\"id\":1}", 20, &d), 0);
	assert_int_equal(d.nodes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shmmem_parses),
		cmocka_unit_test(shmmem_large_pool),
		cmocka_unit_test(shmmem_rejects),
		cmocka_unit_test(shmmem_accepts_strings),
		cmocka_unit_test(pkg_finds_fullest),
		cmocka_unit_test(pkg_rejects),
		cmocka_unit_test(stats_counters),
		cmocka_unit_test(stats_rejects),
		cmocka_unit_test(envelope_ids),
		cmocka_unit_test(request_escapes),
		cmocka_unit_test(dmq_nodes_counts),
		cmocka_unit_test(dmq_nodes_6_0),
		cmocka_unit_test(dmq_nodes_rejects),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
