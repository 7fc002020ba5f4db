/* tests/unit/env.h: an empty environment for a test, keeping what the test runner needs. */
#ifndef SIPHA_TEST_ENV_H
#define SIPHA_TEST_ENV_H

#include <stdlib.h>
#include <string.h>

/* clearenv(), but cmocka reads CMOCKA_MESSAGE_OUTPUT at every message: keep it (and PATH). */
static inline void test_clearenv(void)
{
	const char *o = getenv("CMOCKA_MESSAGE_OUTPUT"), *p = getenv("PATH");
	char *out = o ? strdup(o) : NULL, *path = p ? strdup(p) : NULL;

	clearenv();
	if (out)
		setenv("CMOCKA_MESSAGE_OUTPUT", out, 1);
	if (path)
		setenv("PATH", path, 1);
	free(out);
	free(path);
}

#endif
