/* ocf/ocf.h: the OCF resource agent protocol, the whole surface an agent sees.
 *
 * An agent is a table: its parameters (which produce parsing, validation, meta-data and the
 * man page), its actions, and its exit-code policy. ocf_main() does the rest.
 */
#ifndef SIPHA_OCF_H
#define SIPHA_OCF_H

#include <netinet/in.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ocf/exit.h"

/* --- parameters --------------------------------------------------------------------------- */

enum ocf_type {
	OCF_T_STRING,	/* const char *                                                       */
	OCF_T_INT,	/* long long, within [min, max]                                       */
	OCF_T_BOOL,	/* bool: true/false, yes/no, on/off, 1/0                              */
	OCF_T_DURATION,	/* int64_t milliseconds: "250ms", "2s", "1min", "1h"; a bare number is
			 * in the parameter's `unit` (milliseconds per unit, default 1000)    */
	OCF_T_ENUM,	/* int: index into `choices`                                          */
	OCF_T_ADDR,	/* struct ocf_addr: IPv4 or IPv6, optional "/prefix"                  */
	OCF_T_IFNAME,	/* const char *: a valid Linux interface name (not checked to exist)  */
	OCF_T_PATH,	/* const char *: an absolute path                                     */
	OCF_T_LIST,	/* struct ocf_list: items separated by spaces and/or commas           */
};

/* flags */
#define OCF_REQUIRED	0x01u	/* must be set                                                */
#define OCF_UNIQUE	0x02u	/* no two resources of this agent may share the value          */
#define OCF_RELOADABLE	0x04u	/* reload-agent applies it without a restart                   */
#define OCF_EXECUTABLE	0x08u	/* PATH: must exist and be executable, else ERR_INSTALLED      */
#define OCF_EXISTS	0x10u	/* PATH: must exist (file or directory), else ERR_INSTALLED    */
#define OCF_ADDR_V4	0x20u	/* ADDR: IPv4 only                                             */
#define OCF_ADDR_V6	0x40u	/* ADDR: IPv6 only                                             */
#define OCF_NO_PREFIX	0x80u	/* ADDR: a "/prefix" is an error                               */
#define OCF_SECRET	0x100u	/* never echo the value in reasons or logs                     */
#define OCF_ROOT_TRUSTED 0x200u	/* PATH: root runs or reads it: it and every directory above    */
				/* owned by root, writable by root alone, else ERR_PERM       */

/* The longest parameter value taken (longer ones are OCF_ERR_CONFIGURED, as are values with
 * control characters) */
#define OCF_VALUE_MAX 4096

struct ocf_addr {
	int family;			/* AF_INET or AF_INET6, 0 when unset */
	union {
		struct in_addr v4;
		struct in6_addr v6;
		unsigned char bytes[16];
	} a;
	int prefix;			/* -1 when no "/prefix" was given */
	char text[64];			/* canonical text of the address, without prefix */
};

struct ocf_list {
	size_t n;
	char **items;			/* owned by the list; freed by ocf_config_free() */
};

struct ocf_param;

/* An extra check on top of the type's own: returns OCF_SUCCESS or an exit code, and on
 * failure writes what is expected (not the value, that is added) into @why. */
typedef int (*ocf_check_fn)(const struct ocf_param *p, const void *value, char *why,
			    size_t whylen);

struct ocf_param {
	const char *name;
	enum ocf_type type;
	unsigned flags;
	const char *def;		/* default in the parameter's own syntax, or NULL */
	const char *shortdesc;
	const char *longdesc;
	size_t offset;			/* where the parsed value goes in the agent's config */
	long long min, max;		/* INT range; DURATION range in ms (0, 0 = unbounded) */
	int64_t unit;			/* DURATION: ms per bare number (0 means 1000) */
	const char *const *choices;	/* ENUM: NULL-terminated */
	ocf_check_fn check;		/* optional */
};

/* Table helpers: OCF_P(name, type, flags, default, short, long, struct, field, ...) with the
 * rest set by designated initialisers. The table ends with an entry whose name is NULL. */
#define OCF_FIELD(st, field) .offset = offsetof(st, field)
#define OCF_PARAM_END { .name = NULL }

/* --- actions ------------------------------------------------------------------------------ */

struct ocf_op {
	const char *action;		/* "start", "monitor", ...                       */
	const char *instance;		/* OCF_RESOURCE_INSTANCE, or the agent's name    */
	int check_level;		/* OCF_CHECK_LEVEL, 0 when unset                 */
	bool probe;			/* monitor with CRM_meta_interval=0              */
	int64_t interval_ms;		/* CRM_meta_interval                             */
	int64_t timeout_ms;		/* CRM_meta_timeout, or the action's default     */
	int64_t started_ms;		/* clock_now_ms() when the agent began           */
	int64_t deadline_ms;		/* when waits must end to leave room to answer   */
	void *cfg;			/* the agent's parsed configuration              */
	const struct ocf_agent *agent;
	int attrd_err;			/* attrd_updater's failure in this operation: the
					 * other attributes are not tried (ocf_attr_*)   */
};

typedef int (*ocf_action_fn)(struct ocf_op *op);

struct ocf_action {
	const char *name;
	ocf_action_fn run;		/* NULL for meta-data/usage/validate-all handled by ocf/ */
	unsigned timeout_s;		/* advertised default timeout                     */
	unsigned interval_s;		/* advertised interval (monitor), 0 = none         */
	int depth;			/* advertised OCF_CHECK_LEVEL, -1 = no attribute   */
	const char *role;		/* optional                                       */
	bool internal;			/* the agent's own (a detached child): not in
					 * meta-data, usage or the man page               */
};
#define OCF_ACTION_END { .name = NULL }

/* One row of an agent's exit-code policy: documented in meta-data longdesc and man page. */
struct ocf_policy {
	const char *situation;		/* "address present on nic but not added by floatip" */
	int code;			/* the exit code the agent returns                   */
	const char *consequence;	/* what Pacemaker then does                          */
};
#define OCF_POLICY_END { .situation = NULL }

struct ocf_agent {
	const char *name;		/* "floatip"                                   */
	const char *version;		/* agent version                               */
	const char *shortdesc;
	const char *longdesc;
	const struct ocf_param *params;
	const struct ocf_action *actions;
	const struct ocf_policy *policy;
	size_t cfg_size;		/* sizeof the agent's config struct             */
	/* optional: cross-parameter and host checks once every value parsed (op->cfg is
	 * filled). Returns OCF_SUCCESS, or reports with ocf_fail() and returns its code.
	 * Runs for validate-all, reload-agent and before start. */
	int (*validate)(struct ocf_op *op);
};

/* Runs the agent: argv[1] is the action. Returns the process exit code. */
int ocf_main(const struct ocf_agent *agent, int argc, char **argv);

/* --- inside actions ----------------------------------------------------------------------- */

/* Prints "ocf-exit-reason:TEXT" on stderr (TEXT cut to OCF_REASON_MAX - 1 characters), logs it
 * at error level, and returns @code so an action can `return ocf_fail(op, CODE, ...)`. */
#define OCF_REASON_MAX 128
int ocf_fail(struct ocf_op *op, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Formats an exit reason into @buf (at most OCF_REASON_MAX bytes with the NUL): one line,
 * control characters replaced, cut with "..." when too long. Returns the length. */
size_t ocf_reason_format(char *buf, size_t len, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/* Milliseconds left in the operation's budget (0 when spent). */
int ocf_ms_left(const struct ocf_op *op);

/* When a wait that cleans up after the budget ran out (reaping what was just killed) must
 * end: half-way through the reserve, so that the answer still comes before the executor's
 * timeout. */
int64_t ocf_cleanup_deadline(const struct ocf_op *op);

/* The longest operation budget taken from CRM_meta_timeout: a day. Longer values (a typo, or
 * a number near INT64_MAX that would overflow the deadline) are cut to it. */
#define OCF_TIMEOUT_MAX_MS (24LL * 3600 * 1000)

/* Computes the deadline for a budget: the agent must answer before started + timeout; waits
 * stop a reserve earlier (10 % of the budget, between 100 ms and 2 s). @timeout_ms is taken
 * as at most OCF_TIMEOUT_MAX_MS. */
int64_t ocf_deadline_for(int64_t started_ms, int64_t timeout_ms);

/* Logging through libqb (syslog facility from HA_LOGFACILITY, debug with HA_debug=1, stderr),
 * every line tagged with the instance. */
#define ocf_log_err(...)	ocf_log(3, __VA_ARGS__)
#define ocf_log_warn(...)	ocf_log(4, __VA_ARGS__)
#define ocf_log_info(...)	ocf_log(6, __VA_ARGS__)
#define ocf_log_debug(...)	ocf_log(7, __VA_ARGS__)
void ocf_log(int priority, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The state directory for this agent's instances: $HA_RSCTMP/sipha (created 0700), or
 * /run/resource-agents/sipha. Writes the path into @buf; returns 0 or -errno. */
int ocf_state_dir(char *buf, size_t len);

/* "<state dir>/<instance>": the start of every state file of this instance (an instance name
 * too long for a file name is shortened with a hash of the whole). 0 or -errno (-EINVAL for a
 * name with a '/'). */
int ocf_state_prefix(const struct ocf_op *op, char *buf, size_t len);

/* Sets a transient node attribute with attrd_updater, only when the value differs from the one
 * this instance last wrote (remembered in the state dir). Waits within the operation budget.
 * Returns 1 when written, 0 when unchanged, -errno on failure. */
int ocf_attr_set(struct ocf_op *op, const char *name, const char *value);

/* Deletes a transient node attribute (attrd_updater -D) and forgets this instance's memo of
 * it, so that the next ocf_attr_set writes even the same value again. Waits within the
 * operation budget. Returns 0 or -errno (the memo is forgotten even then). */
int ocf_attr_delete(struct ocf_op *op, const char *name);

/* The value this instance last wrote for @name (its memo), into @buf. -ENOENT when none. */
int ocf_attr_last(struct ocf_op *op, const char *name, char *buf, size_t len);

/* --- used by ocf_main, exposed for tests and tools ----------------------------------------- */

/* Parses every parameter from the environment (OCF_RESKEY_<name>) into @cfg. On failure
 * writes a reason and returns the exit code. @cfg must be zeroed and cfg_size long. */
int ocf_config_parse(const struct ocf_agent *agent, void *cfg, char *why, size_t whylen);
/* Parses one value of one parameter into the field of @cfg; same contract. */
int ocf_param_parse(const struct ocf_param *p, const char *value, void *cfg, char *why,
		    size_t whylen);
void ocf_config_free(const struct ocf_agent *agent, void *cfg);

/* Writes the OCF 1.1 meta-data XML / the troff man page to @out. */
#include <stdio.h>
void ocf_metadata_write(const struct ocf_agent *agent, FILE *out);
void ocf_manpage_write(const struct ocf_agent *agent, FILE *out);

#endif
