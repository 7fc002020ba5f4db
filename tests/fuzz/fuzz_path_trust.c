/* tests/fuzz/fuzz_path_trust.c: libFuzzer target for lib/core/path_trust.c, which walks a path
 * from a resource parameter (binary, conffile) through this machine's real file system and its
 * symlinks (/proc/self/... among them). Any bytes up to the first NUL are a path: the answer is
 * 0 or a -errno, and the reason is a terminated string inside its buffer. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/path_trust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[8192], why[128];
	size_t n = size < sizeof(path) - 1 ? size : sizeof(path) - 1;
	int r;

	memcpy(path, data, n);
	path[n] = '\0';
	memset(why, 'x', sizeof(why));
	r = path_trusted(path, why, sizeof(why));
	if (r > 0 || r < -4095)
		abort();
	if (r < 0 && !memchr(why, '\0', sizeof(why)))
		abort();
	return 0;
}
