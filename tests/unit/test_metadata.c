/* tests/unit/test_metadata.c: meta-data XML and man page, written from the test agent's tables.
 * (tests/ocf/metadata.sh validates the XML against the OCF 1.1 schema with xmllint.) */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ocf/ocf.h"
#include "ocf/text.h"
#include "tests/ocf/siphatest.h"

static char *render(void (*fn)(const struct ocf_agent *, FILE *), const struct ocf_agent *a)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	fn(a, f);
	fclose(f);
	return buf;
}

static void test_metadata(void **state)
{
	char *x = render(ocf_metadata_write, &siphatest_agent);

	assert_non_null(strstr(x, "<resource-agent name=\"siphatest\""));
	assert_non_null(strstr(x, "<version>1.1</version>"));
	assert_non_null(strstr(x, "<parameter name=\"ip\" required=\"1\" unique=\"1\" "
				  "unique-group=\"ip\" reloadable=\"0\">"));
	assert_non_null(strstr(x, "<parameter name=\"count\" required=\"0\" unique=\"0\" "
				  "reloadable=\"1\">"));
	assert_non_null(strstr(x, "<content type=\"integer\" default=\"3\"/>"));
	assert_non_null(strstr(x, "<content type=\"boolean\" default=\"false\"/>"));
	assert_non_null(strstr(x, "<content type=\"select\" default=\"safe\">"));
	assert_non_null(strstr(x, "<option value=\"fast\"/>"));
	assert_non_null(strstr(x, "Value: an integer from 1 to 10."));
	assert_non_null(strstr(x, "<action name=\"monitor\" timeout=\"30s\" interval=\"60s\" "
				  "depth=\"10\"/>"));
	assert_non_null(strstr(x, "<action name=\"meta-data\" timeout=\"5s\"/>"));
	assert_non_null(strstr(x, "<action name=\"validate-all\" timeout=\"20s\"/>"));
	assert_non_null(strstr(x, "- the state file is missing: 7 (OCF_NOT_RUNNING), Pacemaker"));
	free(x);
}

static void test_escaping(void **state)
{
	static const struct ocf_param params[] = {
		{ "p", OCF_T_STRING, 0, "<a&b>", "say \"hi\"", "it's <b>", 0 },
		OCF_PARAM_END,
	};
	struct ocf_agent a = { .name = "x", .version = "1", .shortdesc = "s & t",
			       .longdesc = ".starts with a dot\n\nback\\slash", .params = params };
	char *x = render(ocf_metadata_write, &a);
	char *m = render(ocf_manpage_write, &a);

	assert_non_null(strstr(x, "default=\"&lt;a&amp;b&gt;\""));
	assert_non_null(strstr(x, "say &quot;hi&quot;"));
	assert_non_null(strstr(x, "it&apos;s &lt;b&gt;"));
	assert_null(strstr(x, "<b>"));
	assert_non_null(strstr(m, "\\&.starts with a dot\n.PP\nback\\eslash"));
	free(x);
	free(m);
}

static void test_manpage(void **state)
{
	char *m = render(ocf_manpage_write, &siphatest_agent);

	assert_true(strncmp(m, ".TH SIPHATEST 7 ", 16) == 0);
	assert_non_null(strstr(m, ".SH PARAMETERS\n.TP\n.B ip\n"));
	assert_non_null(strstr(m, "Value: an IPv4 or IPv6 address, optionally with /prefix. "
				  "Required. Must be unique among resources."));
	assert_non_null(strstr(m, ".SH EXIT CODES"));
	assert_non_null(strstr(m, ".B 7 (OCF_NOT_RUNNING)\nthe state file is missing"));
	assert_non_null(strstr(m, ".B monitor\ndefault timeout 30s, interval 60s, "
				  "OCF_CHECK_LEVEL 10"));
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metadata), cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_manpage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
