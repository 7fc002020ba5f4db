/* lib/kam/health.c: green/yellow/red from Kamailio's memory figures, trend and REGISTER errors. */
#include "kam/health.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *health_level_name(enum health_level l)
{
	switch (l) {
	case HEALTH_GREEN:
		return "green";
	case HEALTH_YELLOW:
		return "yellow";
	case HEALTH_RED:
		return "red";
	}
	return "red";
}

void health_duration(double s, char *buf, size_t len)
{
	if (s < 120)
		snprintf(buf, len, "%.0f s", s < 0 ? 0 : s);
	else if (s < 7200)
		snprintf(buf, len, "%.0f min", s / 60);
	else if (s < 172800)
		snprintf(buf, len, "%.1f h", s / 3600);
	else
		snprintf(buf, len, "%.1f d", s / 86400);
}

/* One finding, with its level; the report lists red ones before yellow ones. */
struct finding {
	enum health_level level;
	char text[128];
};

static void add(struct finding *f, size_t *n, enum health_level l, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(struct finding *f, size_t *n, enum health_level l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f[*n].text, sizeof(f[*n].text), fmt, ap);
	va_end(ap);
	f[*n].level = l;
	(*n)++;
}

static enum health_level grade(double v, int warn, int crit)
{
	if (crit > 0 && v >= crit)
		return HEALTH_RED;
	if (warn > 0 && v >= warn)
		return HEALTH_YELLOW;
	return HEALTH_GREEN;
}

/* The findings into @buf, worst first, separated by "; ". */
static void join_findings(const struct finding *f, size_t n, char *buf, size_t len)
{
	size_t pos = 0;

	buf[0] = '\0';
	for (int want = HEALTH_RED; want >= HEALTH_YELLOW; want--)
		for (size_t i = 0; i < n; i++) {
			int w;

			if ((int)f[i].level != want || pos >= len - 1)
				continue;
			w = snprintf(buf + pos, len - pos, "%s%s", pos ? "; " : "", f[i].text);
			if (w > 0)
				pos += (size_t)w;
		}
	/* snprintf may have run past the end; the string itself is terminated */
}

void health_eval(const struct health_input *in, const struct health_limits *lim,
		 struct health_report *ret)
{
	struct finding f[4];
	size_t n = 0;
	enum health_level l, worst = HEALTH_GREEN;
	double mib = 1024.0 * 1024.0;
	char dur[32];

	memset(ret, 0, sizeof(*ret));
	ret->shm_pct = in->shm.total ? 100.0 * (double)in->shm.real_used / (double)in->shm.total
				     : 0;
	ret->pkg_pct = in->have_pkg && in->pkg.worst_total
			       ? 100.0 * (double)in->pkg.worst_real_used / (double)in->pkg.worst_total
			       : 0;
	if (in->reg_ok + in->reg_fail)
		ret->reg_fail_pct = 100.0 * (double)in->reg_fail / (double)(in->reg_ok + in->reg_fail);

	l = grade(ret->shm_pct, lim->shm_warn_pct, lim->shm_crit_pct);
	if (l != HEALTH_GREEN)
		add(f, &n, l, "shm %.0f%% used (%.1f of %.1f MiB)", ret->shm_pct,
		    (double)in->shm.real_used / mib, (double)in->shm.total / mib);
	if (in->have_exhaust) {
		l = HEALTH_GREEN;
		if (lim->exhaust_crit_s > 0 && in->exhaust_s <= (double)lim->exhaust_crit_s)
			l = HEALTH_RED;
		else if (lim->exhaust_warn_s > 0 && in->exhaust_s <= (double)lim->exhaust_warn_s)
			l = HEALTH_YELLOW;
		if (l != HEALTH_GREEN) {
			health_duration(in->exhaust_s, dur, sizeof(dur));
			add(f, &n, l, "shm leak trend: full in ~%s (+%.1f KiB/s)", dur,
			    in->slope / 1024.0);
		}
	}
	if (in->have_pkg) {
		l = grade(ret->pkg_pct, lim->pkg_warn_pct, lim->pkg_crit_pct);
		if (l != HEALTH_GREEN)
			add(f, &n, l, "pkg %.0f%% used in pid %d (%s)", ret->pkg_pct,
			    in->pkg.worst_pid, in->pkg.worst_desc);
	}
	if (in->reg_fail >= lim->reg_min && in->reg_fail > 0) {
		l = grade(ret->reg_fail_pct, lim->reg_warn_pct, lim->reg_crit_pct);
		if (l != HEALTH_GREEN)
			add(f, &n, l, "REGISTER failing: %" PRIu64 " of %" PRIu64 " (%.0f%%)",
			    in->reg_fail, in->reg_ok + in->reg_fail, ret->reg_fail_pct);
	}
	for (size_t i = 0; i < n; i++)
		if (f[i].level > worst)
			worst = f[i].level;
	ret->level = worst;
	if (!n)
		snprintf(ret->why, sizeof(ret->why), "shm %.0f%% used (%.1f of %.1f MiB), pkg %.0f%%",
			 ret->shm_pct, (double)in->shm.real_used / mib,
			 (double)in->shm.total / mib, ret->pkg_pct);
	else
		join_findings(f, n, ret->why, sizeof(ret->why));
}
