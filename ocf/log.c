/* ocf/log.c: logging through libqb, to syslog and stderr, tagged with the resource instance.
 * libqb is loaded when the first line that passes the level filter is written (lib/core/lazylib.h):
 * a healthy monitor writes none, and loading it would cost more than the monitor itself. When
 * it cannot be loaded, lines go to stderr (the executor's log) after one line saying why and
 * that syslog is lost. */
#include "ocf/ocf.h"
#include "ocf/log.h"

#include <qb/qblog.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "core/lazylib.h"

static struct {
	__typeof__(qb_log_init) *init;
	__typeof__(qb_log_fini) *fini;
	__typeof__(qb_log_ctl) *ctl;
	__typeof__(qb_log_filter_ctl) *filter_ctl;
	__typeof__(qb_log_format_set) *format_set;
	__typeof__(qb_log_facility2int) *facility2int;
	__typeof__(qb_log_from_external_source) *from_external;
} qb;
static const struct lazylib_sym qb_syms[] = {
	LAZYLIB_SYM(qb.init, "qb_log_init"),
	LAZYLIB_SYM(qb.fini, "qb_log_fini"),
	LAZYLIB_SYM(qb.ctl, "qb_log_ctl"),
	LAZYLIB_SYM(qb.filter_ctl, "qb_log_filter_ctl"),
	LAZYLIB_SYM(qb.format_set, "qb_log_format_set"),
	LAZYLIB_SYM(qb.facility2int, "qb_log_facility2int"),
	LAZYLIB_SYM(qb.from_external, "qb_log_from_external_source"),
};
static struct lazylib libqb = {
	.soname = QB_SONAME,
	.syms = qb_syms,
	.nsyms = sizeof(qb_syms) / sizeof(qb_syms[0]),
};
LAZYLIB_DLOPEN_NOTE(libqb_note, "log", "logging to syslog and the executor's log", "required",
		    QB_SONAME);

/* What ocf_log_setup was asked for; libqb is set up from it on the first line. */
static struct {
	int configured;		/* ocf_log_setup ran */
	int started;		/* libqb set up (1), or unavailable (-1) */
	int told;		/* the reason libqb is unavailable was written */
	int prio;
	int to_stderr;
	char *facility;		/* NULL: no syslog */
	char agent[64];
	char instance[128];
} cfg;

static int env_true(const char *v)
{
	return v && (!strcmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "true") ||
		     !strcasecmp(v, "on"));
}

void ocf_log_setup(const char *agent, const char *instance, bool to_stderr)
{
	const char *fac = getenv("HA_LOGFACILITY");

	ocf_log_teardown();
	cfg.prio = env_true(getenv("HA_debug")) ? LOG_DEBUG : LOG_INFO;
	cfg.to_stderr = to_stderr;
	cfg.facility = fac && *fac && strcmp(fac, "none") ? strdup(fac) : NULL;
	snprintf(cfg.agent, sizeof(cfg.agent), "%s", agent);
	snprintf(cfg.instance, sizeof(cfg.instance), "%s", instance);
	cfg.configured = 1;
}

/* Sets libqb up as configured. 1 when it logs, -1 when it cannot be loaded. */
static int qb_start(void)
{
	char format[192], fmt_syslog[256], fmt_stderr[256];
	size_t j = 0;

	if (lazylib_load(&libqb) < 0)
		return -1;
	qb.init(cfg.agent, LOG_DAEMON, cfg.prio);
	if (!cfg.facility) {
		qb.ctl(QB_LOG_SYSLOG, QB_LOG_CONF_ENABLED, QB_FALSE);
	} else {
		int f = qb.facility2int(cfg.facility);

		if (f >= 0)
			qb.ctl(QB_LOG_SYSLOG, QB_LOG_CONF_FACILITY, f);
		qb.filter_ctl(QB_LOG_SYSLOG, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", cfg.prio);
	}
	qb.ctl(QB_LOG_BLACKBOX, QB_LOG_CONF_ENABLED, QB_FALSE);
	/* Every line names the instance; '%' in it must not become a format directive. */
	for (const char *c = cfg.instance; *c && j < 120; c++) {
		if (*c == '%')
			format[j++] = '%';
		format[j++] = *c;
	}
	format[j] = '\0';
	snprintf(fmt_syslog, sizeof(fmt_syslog), "%s: %%b", format);
	snprintf(fmt_stderr, sizeof(fmt_stderr), "%%N(%s)[%%P]: %%p: %%b", format);
	qb.format_set(QB_LOG_SYSLOG, fmt_syslog);
	if (cfg.to_stderr) {
		qb.filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", cfg.prio);
		qb.format_set(QB_LOG_STDERR, fmt_stderr);
		qb.ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_TRUE);
	}
	return 1;
}

void ocf_log_teardown(void)
{
	if (cfg.started > 0) {
		qb.fini();
		lazylib_unload(&libqb);
	}
	free(cfg.facility);
	memset(&cfg, 0, sizeof(cfg));
}

static const char *prio_name(int priority)
{
	static const char *const names[] = { "emerg", "alert", "crit", "error", "warning",
					     "notice", "info", "debug" };

	return priority >= 0 && priority <= LOG_DEBUG ? names[priority] : "log";
}

void ocf_log(int priority, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (!cfg.configured || priority > cfg.prio || (!cfg.to_stderr && !cfg.facility))
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (!cfg.started)
		cfg.started = qb_start();
	if (cfg.started > 0) {
		qb.from_external(__func__, __FILE__, "%s", (uint8_t)priority, __LINE__, 0, line);
		return;
	}
	/* libqb could not be loaded: say why once, on stderr (the executor's log), then the line
	 * in the usual format */
	if (!cfg.told) {
		cfg.told = 1;
		fprintf(stderr, "%s(%s)[%d]: error: cannot log through libqb, %s%s\n", cfg.agent,
			cfg.instance, (int)getpid(), lazylib_error(),
			cfg.facility ? "; nothing goes to syslog" : "");
	}
	if (cfg.to_stderr)
		fprintf(stderr, "%s(%s)[%d]: %s: %s\n", cfg.agent, cfg.instance, (int)getpid(),
			prio_name(priority), line);
}
