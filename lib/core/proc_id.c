/* lib/core/proc_id.c: a process's recorded identity: taken from /proc, saved and loaded as one
 * line, and checked against the process that holds the pid now. */
#include "core/proc_id.h"
#include "core/proc_internal.h"
#include "core/statefile.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int proc_id_get(pid_t pid, struct proc_id *ret)
{
	struct proc_stat st;
	struct proc_id id = { 0 };
	int r = proc_stat_read(pid, &st);

	if (r < 0)
		return r;
	r = proc_exe_read(pid, id.exe, sizeof(id.exe));
	if (r < 0)
		return r;
	id.pid = pid;
	id.session = st.session;
	id.start = st.start;
	*ret = id;
	return 0;
}

int proc_id_format(const struct proc_id *id, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%d %d %llu %s\n", (int)id->pid, (int)id->session, id->start,
			 id->exe);

	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return n;
}

int proc_id_parse(const char *text, struct proc_id *ret)
{
	struct proc_id id = { 0 };
	unsigned long long v;
	char *end;
	size_t n;

	if (proc__parse_ull(text, &end, &v) < 0 || v <= 1 || v > INT32_MAX || *end != ' ')
		return -EINVAL;
	id.pid = (pid_t)v;
	if (proc__parse_ull(end + 1, &end, &v) < 0 || v > INT32_MAX || *end != ' ')
		return -EINVAL;
	id.session = (pid_t)v;
	if (proc__parse_ull(end + 1, &end, &id.start) < 0 || *end != ' ' || end[1] != '/')
		return -EINVAL;
	n = strcspn(end + 1, "\n");
	if (n >= sizeof(id.exe))
		return -EINVAL;
	memcpy(id.exe, end + 1, n);
	id.exe[n] = '\0';
	*ret = id;
	return 0;
}

int proc_id_save(const char *path, const struct proc_id *id)
{
	char buf[PATH_MAX + 64];
	int n = proc_id_format(id, buf, sizeof(buf));

	if (n < 0)
		return n;
	return statefile_write(path, buf, (size_t)n);
}

int proc_id_load(const char *path, struct proc_id *ret)
{
	char buf[PATH_MAX + 64];
	int r = (int)statefile_read(path, buf, sizeof(buf), NULL);

	if (r < 0)
		return r;
	return proc_id_parse(buf, ret);
}

int proc__id_matches(const struct proc_id *id, pid_t pid, struct proc_stat *st)
{
	int r = proc_stat_read(pid, st);

	if (r == -ESRCH)
		return 0;
	if (r < 0)
		return r;
	if (st->state == 'Z' || st->state == 'X' || st->start != id->start)
		return 0;
	r = proc_exe_is(pid, id->exe);
	return r == -ESRCH ? 0 : r;
}

int proc_id_alive(const struct proc_id *id, struct proc_stat *ret_stat)
{
	struct proc_stat st;
	int r = proc__id_matches(id, id->pid, &st);

	if (r == 1 && ret_stat)
		*ret_stat = st;
	return r;
}
