/* lib/core/proc_stat.c: reading and parsing /proc/PID/stat; which executable a process runs. */
#include "core/proc_stat.h"
#include "core/proc_internal.h"
#include "core/statefile.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int proc_stat_parse(const char *text, struct proc_stat *ret)
{
	struct proc_stat st = { 0 };
	const char *open = strchr(text, '(');
	const char *close = strrchr(text, ')');
	unsigned long long v;
	char *end;
	size_t n;
	int field;

	if (!open || !close || close < open)
		return -EINVAL;
	if (proc__parse_ull(text, &end, &v) < 0 || end != open - 1 || *end != ' ' || v == 0 ||
	    v > INT32_MAX)
		return -EINVAL;
	st.pid = (pid_t)v;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(st.comm))
		n = sizeof(st.comm) - 1;
	memcpy(st.comm, open + 1, n);
	st.comm[n] = '\0';
	/* field 3 (state) follows ") "; the numbers after it are fields 4.. */
	if (close[1] != ' ' || !close[2] || close[3] != ' ')
		return -EINVAL;
	st.state = close[2];
	end = (char *)close + 3;
	for (field = 4; field <= 22; field++) {
		const char *s = end + 1;
		long long sv;

		if (*end != ' ')
			return -EINVAL;
		if (field <= 8) {
			/* signed fields: ppid, pgrp, session, tty_nr, tpgid (-1 possible) */
			errno = 0;
			if (!(isdigit((unsigned char)*s) || (*s == '-' && isdigit((unsigned char)s[1]))))
				return -EINVAL;
			sv = strtoll(s, &end, 10);
			if (errno)
				return -EINVAL;
			if (field == 4)
				st.ppid = (pid_t)sv;
			else if (field == 5)
				st.pgrp = (pid_t)sv;
			else if (field == 6)
				st.session = (pid_t)sv;
			continue;
		}
		if (proc__parse_ull(s, &end, &v) < 0)
			return -EINVAL;
		if (field == 22)
			st.start = v;
	}
	if (*end != ' ' && *end != '\n' && *end != '\0')
		return -EINVAL;
	*ret = st;
	return 0;
}

int proc_stat_read(pid_t pid, struct proc_stat *ret)
{
	char path[64], buf[1024];
	int r;

	if (pid <= 0)
		return -EINVAL;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	/* /proc files report size 0: statefile_read() reads to EOF */
	r = (int)statefile_read(path, buf, sizeof(buf), NULL);
	if (r == -ENOENT)
		return -ESRCH;
	if (r < 0)
		return r;
	return proc_stat_parse(buf, ret);
}

int proc_exe_read(pid_t pid, char *buf, size_t len)
{
	static const char deleted[] = " (deleted)";
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	n = readlink(path, buf, len - 1);
	if (n < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	if ((size_t)n >= len - 1)
		return -ENAMETOOLONG;
	buf[n] = '\0';
	if ((size_t)n > sizeof(deleted) - 1 &&
	    strcmp(buf + n - (sizeof(deleted) - 1), deleted) == 0)
		buf[n - (sizeof(deleted) - 1)] = '\0';
	return 0;
}

int proc_exe_is(pid_t pid, const char *path)
{
	char exe[PATH_MAX], link[64];
	struct stat want, have;
	int r = proc_exe_read(pid, exe, sizeof(exe));

	if (r < 0)
		return r;
	if (strcmp(exe, path) == 0)
		return 1;
	snprintf(link, sizeof(link), "/proc/%d/exe", (int)pid);
	if (stat(link, &have) < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	if (stat(path, &want) < 0)
		return 0;
	return have.st_dev == want.st_dev && have.st_ino == want.st_ino;
}
