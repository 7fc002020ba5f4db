/* tests/unit/test_kam_startlog.c: the error line of Kamailio's output, and of its start log. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "kam/kam_startlog.h"

static void error_line(void **state)
{
	char buf[160];

	(void)state;
	kam_error_line(" 0(12) INFO: <core> [main.c:1]: main(): hello\n"
		       " 0(12) ERROR: <core> [core/tcp_main.c:9]: tcp_init(): bind failed\n"
		       " 0(12) CRITICAL: <core> [core/cfg.y:3787]: yyerror_at(): parse error in "
		       "config file /x.cfg, line 3, column 1: syntax error\n"
		       " 0(12) ERROR: <core> [core/cfg.y:3790]: yyerror_at(): second\n",
		       buf, sizeof(buf));
	/* CRITICAL wins over an earlier ERROR; the prefix is cut */
	assert_string_equal(buf, "parse error in config file /x.cfg, line 3, column 1: "
			    "syntax error");
	kam_error_line("x\n ERROR: <core> [main.c:9]: main(): bad listen\n", buf, sizeof(buf));
	assert_string_equal(buf, "bad listen");
	/* no [file:line]: only the level is cut */
	kam_error_line("ERROR: plain words", buf, sizeof(buf));
	assert_string_equal(buf, "plain words");
	kam_error_line("nothing to see\n", buf, sizeof(buf));
	assert_string_equal(buf, "no error message");
	kam_error_line("ERROR: <core> [a.c:1]: f(): 0123456789", buf, 6);
	assert_string_equal(buf, "01234");
}

static char dir[] = "/tmp/test_kam_startlog.XXXXXX";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void startlog_tail(void **state)
{
	char path[256], link[256], buf[160], big[5000];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/log", dir);
	snprintf(link, sizeof(link), "%s/link", dir);

	kam_startlog_tail(path, buf, sizeof(buf));
	assert_string_equal(buf, "");
	write_file(path, "");
	kam_startlog_tail(path, buf, sizeof(buf));
	assert_string_equal(buf, "");
	/* the last non-empty line, as it is when it is no error line */
	write_file(path, "first\nlisten failed: address in use \n\n");
	kam_startlog_tail(path, buf, sizeof(buf));
	assert_string_equal(buf, "listen failed: address in use");
	write_file(path, "a\n 0(1) ERROR: <core> [x.c:1]: f(): no such module\n");
	kam_startlog_tail(path, buf, sizeof(buf));
	assert_string_equal(buf, "no such module");
	/* only the tail of a long log is read */
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[100] = '\n';
	big[sizeof(big) - 20] = '\n';
	write_file(path, big);
	kam_startlog_tail(path, buf, sizeof(buf));
	assert_int_equal(strlen(buf), 18);
	/* a symlink is not followed */
	assert_int_equal(symlink(path, link), 0);
	kam_startlog_tail(link, buf, sizeof(buf));
	assert_string_equal(buf, "");
	unlink(link);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(error_line),
		cmocka_unit_test(startlog_tail),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
