/* lib/kam/kam_instance.c: one Kamailio instance's files, and what of it runs. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/proc_pidfile.h"
#include "core/proc_session.h"
#include "core/proc_stat.h"
#include "core/procscan.h"
#include "kam/health_kam.h"
#include "kam/kam_instance.h"

void kam_paths_fill(struct kam_paths *p, const char *runtime_dir, const char *rpc_socket)
{
	snprintf(p->id, sizeof(p->id), "%s.kamailio.id", p->prefix);
	snprintf(p->startlog, sizeof(p->startlog), "%s.kamailio.log", p->prefix);
	snprintf(p->pidfile, sizeof(p->pidfile), "%s.kamailio.pid", p->prefix);
	snprintf(p->other_pidfile, sizeof(p->other_pidfile), "%s/kamailio.pid", runtime_dir);
	if (rpc_socket && *rpc_socket)
		snprintf(p->rpc, sizeof(p->rpc), "%s", rpc_socket);
	else
		snprintf(p->rpc, sizeof(p->rpc), "%s/kamailio_rpc.sock", runtime_dir);
}

/* Our Kamailio without our record: the session leader started with our own -P pidfile, a
 * path in our root-only state dir that no other instance is given. The record is written
 * again so that the next operation finds it. */
static int rebuild_record(const struct kam_paths *p, struct kam_status *ret)
{
	struct proc_who w;
	int r = procscan_find_leader_args("-P", p->pidfile, &w);

	if (r == -ESRCH || (r == 0 && proc_id_get(w.pid, &ret->id) < 0)) {
		memset(&ret->id, 0, sizeof(ret->id));
		ret->state = KAM_GONE;
		ret->record_lost = true;
		return 1;
	}
	if (r < 0)
		return r;
	ret->record_rebuilt = true;
	proc_id_save(p->id, &ret->id);
	return 0;
}

int kam_status(const struct kam_paths *p, struct kam_status *ret)
{
	int r = proc_id_load(p->id, &ret->id);

	ret->left = ret->stopped = 0;
	ret->record_rebuilt = ret->record_lost = false;
	if (r == -ENOENT) {
		ret->state = KAM_GONE;
		return 0;
	}
	if (r == -EINVAL && (r = rebuild_record(p, ret)) != 0)
		return r > 0 ? 0 : r;
	if (r < 0)
		return r;
	r = proc_id_alive(&ret->id, NULL);
	if (r < 0)
		return r;
	ret->left = proc_session_count(&ret->id, &ret->stopped);
	if (ret->left < 0)
		return ret->left;
	if (r == 1) {
		ret->state = ret->stopped ? KAM_STOPPED : KAM_RUNNING;
		return 0;
	}
	ret->state = ret->left > 0 ? KAM_ORPHANS : KAM_GONE;
	/* our record names a pid that another (live) process now has */
	if (ret->state == KAM_GONE) {
		struct proc_stat st;

		if (proc_stat_read(ret->id.pid, &st) == 0 && st.state != 'Z' && st.state != 'X')
			ret->state = KAM_STRANGER;
	}
	return 0;
}

void kam_forget(const struct kam_paths *p, const struct proc_id *id)
{
	pid_t pid;

	/* Kamailio's pidfile goes only when it names our process */
	if (id && proc_pidfile_read(p->pidfile, &pid) == 0 && pid == id->pid)
		unlink(p->pidfile);
	unlink(p->id);
	health_kam_reset(p->prefix);
}
