/* ocf/log.c: logging through libqb, to syslog and stderr, tagged with the resource instance. */
#include "ocf/ocf.h"
#include "ocf/log.h"

#include <qb/qblog.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

static int log_ready;

static int env_true(const char *v)
{
	return v && (!strcmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
		     !strcasecmp(v, "on"));
}

void ocf_log_setup(const char *agent, const char *instance, bool to_stderr)
{
	const char *fac = getenv("HA_LOGFACILITY");
	int prio = env_true(getenv("HA_debug")) ? LOG_DEBUG : LOG_INFO;
	char format[192];
	size_t j = 0;

	qb_log_init(agent, LOG_DAEMON, prio);
	if (!fac || !*fac || !strcmp(fac, "none")) {
		qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, QB_FALSE);
	} else {
		int f = qb_log_facility2int(fac);

		if (f >= 0)
			qb_log_ctl(QB_LOG_SYSLOG, QB_LOG_CONF_FACILITY, f);
		qb_log_filter_ctl(QB_LOG_SYSLOG, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", prio);
	}
	qb_log_ctl(QB_LOG_BLACKBOX, QB_LOG_CONF_ENABLED, QB_FALSE);
	/* Every line names the instance; '%' in it must not become a format directive. */
	for (const char *c = instance; *c && j < 120; c++) {
		if (*c == '%')
			format[j++] = '%';
		format[j++] = *c;
	}
	format[j] = '\0';
	char fmt_syslog[256], fmt_stderr[256];

	snprintf(fmt_syslog, sizeof(fmt_syslog), "%s: %%b", format);
	snprintf(fmt_stderr, sizeof(fmt_stderr), "%%N(%s)[%%P]: %%p: %%b", format);
	qb_log_format_set(QB_LOG_SYSLOG, fmt_syslog);
	if (to_stderr) {
		qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", prio);
		qb_log_format_set(QB_LOG_STDERR, fmt_stderr);
		qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_TRUE);
	}
	log_ready = 1;
}

void ocf_log_teardown(void)
{
	if (log_ready)
		qb_log_fini();
	log_ready = 0;
}

void ocf_log(int priority, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (!log_ready)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	qb_log(priority, "%s", line);
}
