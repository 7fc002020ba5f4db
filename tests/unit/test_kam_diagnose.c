/* tests/unit/test_kam_diagnose.c: the re-run of a failed start, against a fake kamailio. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/clock.h"
#include "kam/kam_diagnose.h"

static char dir[] = "/tmp/test_kam_diagnose.XXXXXX";
static char bin[256], pidfile[256];

/* The fake says its error only when run as "kamailio -E -DD ...", and writes its pidfile. */
static void make_fake(const char *error)
{
	FILE *f = fopen(bin, "w");

	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n[ \"$1\" = -E ] && [ \"$2\" = -DD ] || exit 3\n"
		"echo $$ > %s\necho ' 0(1) INFO: <core> [main.c:1]: main(): up' >&2\n"
		"echo '%s' >&2\nexit 255\n", pidfile, error);
	fclose(f);
	assert_int_equal(chmod(bin, 0755), 0);
}

static void diagnose(void **state)
{
	struct kam_cmdline c = { .conffile = "/x.cfg", .runtime_dir = "/run/x", .shmem_mb = 1,
				 .pkgmem_mb = 1 };
	char line[160];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(bin, sizeof(bin), "%s/kamailio", dir);
	snprintf(pidfile, sizeof(pidfile), "%s/k.pid", dir);
	c.binary = bin;
	c.pidfile = pidfile;

	make_fake(" 0(1) ERROR: <core> [core/socket_info.c:1]: f(): bind: Address in use");
	snprintf(line, sizeof(line), "before");
	assert_int_equal(kam_diagnose(&c, clock_now_ms() + 5000, line, sizeof(line)), 1);
	assert_string_equal(line, "bind: Address in use");
	/* the pidfile of the re-run is removed */
	assert_int_equal(access(pidfile, F_OK), -1);

	/* no error line: @line stays */
	make_fake("all fine");
	snprintf(line, sizeof(line), "before");
	assert_int_equal(kam_diagnose(&c, clock_now_ms() + 5000, line, sizeof(line)), 0);
	assert_string_equal(line, "before");

	/* too little time left: nothing runs */
	assert_int_equal(kam_diagnose(&c, clock_now_ms() + 100, line, sizeof(line)), -ETIME);
	assert_string_equal(line, "before");
	unlink(bin);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(diagnose),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
