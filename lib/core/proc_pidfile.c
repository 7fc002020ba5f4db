/* lib/core/proc_pidfile.c: reading a daemon's pidfile. */
#include "core/proc_pidfile.h"
#include "core/proc_internal.h"
#include "core/statefile.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>

int proc_pidfile_parse(const char *text, pid_t *ret)
{
	unsigned long long v;
	char *end;

	if (proc__parse_ull(text, &end, &v) < 0 || v <= 1 || v > INT32_MAX)
		return -EINVAL;
	while (*end && isspace((unsigned char)*end))
		end++;
	if (*end)
		return -EINVAL;
	*ret = (pid_t)v;
	return 0;
}

int proc_pidfile_read(const char *path, pid_t *ret)
{
	char buf[64];
	int r = (int)statefile_read(path, buf, sizeof(buf), NULL);

	if (r < 0)
		return r;
	return proc_pidfile_parse(buf, ret);
}
