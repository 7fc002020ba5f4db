/* lib/cluster/roll_env_cib.c: the driver's operations (struct roll_env) over the live cluster:
 * libcib for snapshots and writes, the controller IPC for the DC's state. Shared by siphactl
 * and ocf:sipha:rollingrestart's detached run. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "cluster/dc_ping.h"
#include "cluster/roll_env_cib.h"
#include "core/clock.h"

static int snapshot(void *ctx, struct cluster_view *v, struct roll_lock *lock,
		    struct roll_last *last, char *why, size_t len)
{
	struct roll_env_cib *e = ctx;
	xmlDoc *doc = NULL;
	int r = cib_conn_query(e->cib, &doc);

	if (r < 0) {
		snprintf(why, len, "reading the CIB: %s", strerror(-r));
		return r;
	}
	r = cluster_view_from_cib(xmlDocGetRootElement(doc), &e->sel, v, why, len);
	if (r == 0)
		r = roll_lock_from_cib(xmlDocGetRootElement(doc), lock);
	if (r == 0)
		r = roll_last_from_cib(xmlDocGetRootElement(doc), last);
	xmlFreeDoc(doc);
	if (r < 0)
		return r;
	snprintf(e->dc, sizeof(e->dc), "%s", v->dc);
	/* Ctrl-C or SIGTERM: shown to the driver as an abort request in its lock, so that it
	 * leaves by its one path that removes its constraints and releases the lock */
	if (*e->stop && !lock->present) {
		snprintf(why, len, "interrupted before the run took the lock; nothing changed");
		return -ECANCELED;
	}
	if (*e->stop && !lock->abort[0])
		snprintf(lock->abort, sizeof(lock->abort), "signal to siphactl on %s", e->self);
	return 0;
}

static int dc_state(void *ctx, int64_t deadline_ms, char *state, size_t len)
{
	struct roll_env_cib *e = ctx;

	return dc_ping_state(e->dc[0] ? e->dc : NULL, deadline_ms, state, len);
}

static int create(void *ctx, const char *section, xmlNode *xml)
{
	return cib_conn_create(((struct roll_env_cib *)ctx)->cib, section, xml);
}

static int modify(void *ctx, const char *section, xmlNode *xml)
{
	return cib_conn_modify(((struct roll_env_cib *)ctx)->cib, section, xml);
}

static int remove_(void *ctx, const char *section, xmlNode *xml)
{
	return cib_conn_remove(((struct roll_env_cib *)ctx)->cib, section, xml);
}

static time_t wall_s(void *ctx)
{
	return time(NULL);
}

static int64_t mono_ms(void *ctx)
{
	return clock_now_ms();
}

/* Sleeps in slices so that a signal is seen within 100 ms, never longer than asked. */
static void sleep_ms(void *ctx, int64_t ms)
{
	struct roll_env_cib *e = ctx;
	int64_t end = clock_now_ms() + ms;

	while (!*e->stop && clock_ms_left(end) > 0)
		clock_sleep_ms(100, end);
}

static void progress(void *ctx, const char *line)
{
	char ts[16];
	time_t now = time(NULL);
	struct tm tm;

	strftime(ts, sizeof(ts), "%H:%M:%S", localtime_r(&now, &tm));
	printf("%s %s\n", ts, line);
	fflush(stdout);
}

void roll_env_cib_self(char *buf, size_t len)
{
	struct utsname u;

	snprintf(buf, len, "%s", uname(&u) == 0 ? u.nodename : "?");
}

void roll_env_cib_init(struct roll_env_cib *e, struct cib_conn *c, volatile sig_atomic_t *stop,
		       struct roll_env *ret)
{
	memset(e, 0, sizeof(*e));
	e->cib = c;
	e->stop = stop;
	roll_env_cib_self(e->self, sizeof(e->self));
	*ret = (struct roll_env){
		.ctx = e, .snapshot = snapshot, .dc_state = dc_state, .create = create,
		.modify = modify, .remove = remove_, .wall_s = wall_s, .mono_ms = mono_ms,
		.sleep_ms = sleep_ms, .progress = progress,
	};
}
