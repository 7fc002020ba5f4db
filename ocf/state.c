/* ocf/state.c: where an instance keeps what must survive between agent runs. */
#include "ocf/ocf.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Longest instance name used as it is in a file name (NAME_MAX is 255, suffixes follow). */
#define INSTANCE_NAME_MAX 200

int ocf_state_dir(char *buf, size_t len)
{
	const char *base = getenv("HA_RSCTMP");
	int n;

	if (!base || base[0] != '/')
		base = "/run/resource-agents";
	if (mkdir(base, 0755) < 0 && errno != EEXIST)
		return -errno;
	n = snprintf(buf, len, "%s/sipha", base);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	if (mkdir(buf, 0700) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

/* The instance's part of a state file's name: the name itself, or when longer than
 * INSTANCE_NAME_MAX its head and a 64-bit FNV-1a hash of all of it, so that two long names
 * never share a record (cutting them did, when their first 64 characters were equal). */
static void instance_key(const char *instance, char *buf, size_t len)
{
	size_t n = strlen(instance);
	uint64_t h = 14695981039346656037ULL;

	if (n <= INSTANCE_NAME_MAX) {
		snprintf(buf, len, "%s", instance);
		return;
	}
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)instance[i]) * 1099511628211ULL;
	snprintf(buf, len, "%.*s~%016llx", INSTANCE_NAME_MAX - 17, instance,
		 (unsigned long long)h);
}

int ocf_state_prefix(const struct ocf_op *op, char *buf, size_t len)
{
	char dir[PATH_MAX], key[INSTANCE_NAME_MAX + 1];
	int r = ocf_state_dir(dir, sizeof(dir));

	if (r < 0)
		return r;
	if (strchr(op->instance, '/'))
		return -EINVAL;
	instance_key(op->instance, key, sizeof(key));
	r = snprintf(buf, len, "%s/%s", dir, key);
	return r < 0 || (size_t)r >= len ? -ENAMETOOLONG : 0;
}
