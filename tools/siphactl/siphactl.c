/* tools/siphactl/siphactl.c: the command and option table, which drives parsing, --help and the
 * man page (--man); permission and connection errors turned into exit statuses. */
#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cluster/check.h"
#include "core/duration.h"
#include "tools/siphactl/siphactl.h"

enum { C_STATUS = 1, C_CHECK = 2, C_ROLL = 4, C_ABORT = 8, C_ALL = 15 };

struct ctl_cmd {
	const char *name;
	unsigned bit;
	int (*run)(const struct ctl *o);
	bool needs_rights;
	const char *help;
};

static const struct ctl_cmd cmds[] = {
	{ "status", C_STATUS, cmd_status, true,
	  "Nodes (online, standby, offline), the Kamailio instance and its sipha-health and "
	  "shared-memory figures per node, where the floating IP runs, the lock of a running "
	  "rolling restart and the record of the last one; per scheduled rolling restart "
	  "(ocf:sipha:rollingrestart) its schedule, next slot, run going on or latest run, and "
	  "the outcome of its latest attempt with the reason." },
	{ "check", C_CHECK, cmd_check, true,
	  "Pre-flight of configuration and cluster: each finding with its severity, the node and "
	  "resource it concerns and what to do. Exit 0 when no error was found, 1 otherwise." },
	{ "rolling-restart", C_ROLL, cmd_roll, true,
	  "Restarts Kamailio node by node: the nodes not holding the floating IP first, then the "
	  "IP moves once to a restarted green node, the former holder last. Refuses (exit 3) "
	  "unless quorate, every node online, no failed action, the DC idle (waited for up to "
	  "15 s) and every instance "
	  "started and not red. One timestamped line per step, a summary at the end. Ctrl-C "
	  "(SIGINT) or SIGTERM aborts: the run removes its constraints and releases the lock." },
	{ "abort", C_ABORT, cmd_abort, true,
	  "Asks the running rolling restart (on any node) to stop; it cleans up and exits 1. A "
	  "dead driver's leftovers (lease passed) are removed." },
};

enum opt_id { O_CLONE, O_IP, O_JSON, O_DRY_RUN, O_LEASE, O_MIN_HEALTHY, O_STEP_TIMEOUT, O_HELP };

struct ctl_opt {
	enum opt_id id;
	const char *name;
	const char *arg;	/* NULL: a flag */
	unsigned cmds;		/* where it applies */
	const char *help;
};

static const struct ctl_opt opts[] = {
	{ O_CLONE, "clone", "ID", C_ALL,
	  "The clone of ocf:sipha:kamailio (default: the only one configured)." },
	{ O_IP, "ip", "ID", C_ALL,
	  "The ocf:sipha:floatip primitive (default: the only one configured)." },
	{ O_JSON, "json", NULL, C_STATUS | C_CHECK, "Print JSON instead of text." },
	{ O_DRY_RUN, "dry-run", NULL, C_ROLL, "Print the plan, step by step; change nothing." },
	{ O_LEASE, "lease", "DUR", C_ROLL,
	  "How long the run's constraints and lock outlive a dead driver (default 120s); the "
	  "live driver renews them." },
	{ O_MIN_HEALTHY, "min-healthy", "DUR", C_ROLL,
	  "How long a restarted instance must stay green before the next step (default 10s)." },
	{ O_STEP_TIMEOUT, "step-timeout", "DUR", C_ROLL,
	  "The longest one step may take before the run aborts (default 180s)." },
	{ O_HELP, "help", NULL, C_ALL, "Print this help and exit." },
};

static const struct { int code; const char *text; } ctl_exits[] = {
	{ CTL_OK, "done; check: no error found; abort: the request was recorded" },
	{ CTL_FAILED, "rolling-restart aborted or failed (its constraints removed, the cluster "
		      "left serving); check: errors found; abort: no run to abort" },
	{ CTL_USAGE, "bad command line (unknown command or option, malformed duration, unknown "
		     "resource id) or no cluster reachable" },
	{ CTL_REFUSED, "refused, nothing changed: not root and not in haclient, a live lock held "
		       "by another run, or the cluster not fit for a rolling restart" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

int ctl_fail(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("siphactl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

void ctl_node_name(char *buf, size_t len)
{
	roll_env_cib_self(buf, len);
}

int ctl_connect(struct cib_conn **ret)
{
	int r = cib_conn_open("siphactl", ret);

	if (r == -ENOTCONN || r == -ECONNREFUSED || r == -ENOENT)
		return ctl_fail(CTL_USAGE, "no cluster reachable: pacemaker is not running on this "
				"node (systemctl status pacemaker)");
	if (r == -EACCES || r == -EPERM)
		return ctl_fail(CTL_REFUSED, "the CIB refused the connection: run as root or as a "
				"member of haclient");
	if (r < 0)
		return ctl_fail(CTL_USAGE, "connecting to the CIB: %s", strerror(-r));
	return -1;
}

int ctl_read_cib(xmlDoc **ret)
{
	struct cib_conn *c = NULL;
	int r = ctl_connect(&c);

	if (r >= 0)
		return r;
	r = cib_conn_query(c, ret);
	cib_conn_close(c);
	if (r < 0)
		return ctl_fail(CTL_USAGE, "reading the CIB: %s", strerror(-r));
	return -1;
}

/* Root, or a member of haclient (Pacemaker's own rule for its IPC). */
static bool allowed(void)
{
	struct group *g;
	gid_t groups[256];
	int n;

	if (geteuid() == 0)
		return true;
	g = getgrnam("haclient");
	if (!g)
		return false;
	if (getegid() == g->gr_gid)
		return true;
	n = getgroups((int)N(groups), groups);
	for (int i = 0; i < n; i++)
		if (groups[i] == g->gr_gid)
			return true;
	return false;
}

static void wrap(FILE *f, const char *indent, const char *text)
{
	int col = (int)strlen(indent);

	fputs(indent, f);
	while (*text) {
		size_t w = strcspn(text, " ");

		if (col + (int)w > 78 && col > (int)strlen(indent)) {
			fprintf(f, "\n%s", indent);
			col = (int)strlen(indent);
		}
		fprintf(f, "%.*s", (int)w, text);
		col += (int)w;
		text += w;
		if (*text == ' ') {
			fputc(' ', f);
			col++;
			text++;
		}
	}
	fputc('\n', f);
}

static void usage_line(FILE *f, const struct ctl_cmd *c)
{
	fprintf(f, "  siphactl [--clone ID] [--ip ID] %s", c->name);
	for (size_t i = 0; i < N(opts); i++)
		if ((opts[i].cmds & c->bit) && opts[i].cmds != C_ALL)
			fprintf(f, opts[i].arg ? " [--%s %s]" : " [--%s]", opts[i].name,
				opts[i].arg ? opts[i].arg : "");
	fputc('\n', f);
}

static int help(void)
{
	puts("Usage:");
	for (size_t i = 0; i < N(cmds); i++)
		usage_line(stdout, &cmds[i]);
	puts("\nCommands:");
	for (size_t i = 0; i < N(cmds); i++) {
		printf("  %s\n", cmds[i].name);
		wrap(stdout, "      ", cmds[i].help);
	}
	puts("\nOptions (DUR: 500ms, 10s, 2min, 1h; a bare number is seconds):");
	for (size_t i = 0; i < N(opts); i++) {
		printf("  --%s%s%s\n", opts[i].name, opts[i].arg ? " " : "",
		       opts[i].arg ? opts[i].arg : "");
		wrap(stdout, "      ", opts[i].help);
	}
	puts("\nExit status:");
	for (size_t i = 0; i < N(ctl_exits); i++) {
		printf("  %d\n", ctl_exits[i].code);
		wrap(stdout, "      ", ctl_exits[i].text);
	}
	puts("\nSee siphactl(8).");
	return CTL_OK;
}

/* groff escapes of backslashes and hyphens, no newline. */
static void esc(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

/* A line of text: also a leading dot or quote escaped. */
static void roff(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	esc(s);
	putchar('\n');
}

static int man(void)
{
	puts(".TH SIPHACTL 8 \"\" \"sipha " PACKAGE_VERSION "\" \"System Administration\"");
	puts(".SH NAME\nsiphactl \\- status, pre\\-flight check and health\\-gated rolling restart "
	     "of Kamailio under Pacemaker");
	puts(".SH SYNOPSIS");
	for (size_t i = 0; i < N(cmds); i++) {
		printf(".B siphactl\n");
		fputs("[\\fB\\-\\-clone\\fR \\fIID\\fR] [\\fB\\-\\-ip\\fR \\fIID\\fR] \\fB", stdout);
		esc(cmds[i].name);
		fputs("\\fR", stdout);
		for (size_t k = 0; k < N(opts); k++)
			if ((opts[k].cmds & cmds[i].bit) && opts[k].cmds != C_ALL)
			{
				fputs(" [\\fB\\-\\-", stdout);
				esc(opts[k].name);
				printf(opts[k].arg ? "\\fR \\fI%s\\fR]" : "\\fR]",
				       opts[k].arg ? opts[k].arg : "");
			}
		puts("\n.br");
	}
	puts(".SH COMMANDS");
	for (size_t i = 0; i < N(cmds); i++) {
		fputs(".TP\n.B ", stdout);
		roff(cmds[i].name);
		roff(cmds[i].help);
	}
	puts(".SH OPTIONS\nDurations: 500ms, 10s, 2min, 1h; a bare number counts seconds.");
	for (size_t i = 0; i < N(opts); i++) {
		fputs(opts[i].arg ? ".TP\n.BI \"\\-\\-" : ".TP\n.B \\-\\-", stdout);
		esc(opts[i].name);
		printf(opts[i].arg ? " \" %s\n" : "\n", opts[i].arg ? opts[i].arg : "");
		roff(opts[i].help);
	}
	puts(".SH CHECK RULES\nWhat \\fBsiphactl check\\fR looks for, with its severity.");
	for (int i = 0; i < CHECK_RULES_N; i++) {
		fputs(".TP\n.BR ", stdout);
		esc(check_rules[i].name);
		printf(" \" (%s)\"\n", check_severity_name(check_rules[i].severity));
		roff(check_rules[i].text);
		fputs(".br\nWhat to do: ", stdout);
		roff(check_rules[i].todo);
	}
	puts(".SH EXIT STATUS");
	for (size_t i = 0; i < N(ctl_exits); i++) {
		printf(".TP\n.B %d\n", ctl_exits[i].code);
		roff(ctl_exits[i].text);
	}
	puts(".SH SEE ALSO\n.BR ocf_sipha_kamailio (7),\n.BR ocf_sipha_floatip (7),\n"
	     ".BR crm_mon (8),\n.BR pcs (8)");
	return CTL_OK;
}

static const struct ctl_opt *find_opt(const char *name, size_t len)
{
	for (size_t i = 0; i < N(opts); i++)
		if (strlen(opts[i].name) == len && !strncmp(opts[i].name, name, len))
			return &opts[i];
	return NULL;
}

static int set_duration(const struct ctl_opt *p, const char *v, int64_t *ret)
{
	int r = duration_parse(v, 1000, ret);

	if (r < 0 || *ret <= 0)
		return ctl_fail(CTL_USAGE, "--%s %s: %s (a duration like 500ms, 10s, 2min, 1h)",
				p->name, v, r == -ERANGE ? "too large" : r < 0 ?
				"not a duration" : "must be more than 0");
	return -1;
}

/* A resource id as Pacemaker takes it (an XML ID): a letter or '_', then letters, digits, '_',
 * '.', '-', ':'. The value is echoed only when it is printable. */
static int set_id(const struct ctl_opt *p, const char *v, const char **ret)
{
	size_t n = strlen(v), ok = strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				       "0123456789_.-:");
	bool printable = true;

	for (const char *c = v; *c; c++)
		printable = printable && (unsigned char)*c >= 0x20 && *c != 0x7f;
	if (ok == n && n < CV_NAME_MAX && (isalpha((unsigned char)v[0]) || v[0] == '_')) {
		*ret = v;
		return -1;
	}
	return ctl_fail(CTL_USAGE, "--%s%s%.60s%s: not a resource id (a letter or '_', then "
			"letters, digits, '_', '.', '-', ':'; under %d characters)", p->name,
			printable ? " '" : "", printable ? v : "", printable ? "'" : "",
			CV_NAME_MAX);
}

static int set_opt(struct ctl *o, const struct ctl_opt *p, const char *v, bool *want_help)
{
	switch (p->id) {
	case O_CLONE: return set_id(p, v, &o->sel.clone_id);
	case O_IP: return set_id(p, v, &o->sel.ip_id);
	case O_JSON: o->json = true; break;
	case O_DRY_RUN: o->dry_run = true; break;
	case O_HELP: *want_help = true; break;
	case O_LEASE: return set_duration(p, v, &o->lease_ms);
	case O_MIN_HEALTHY: return set_duration(p, v, &o->min_healthy_ms);
	case O_STEP_TIMEOUT: return set_duration(p, v, &o->step_timeout_ms);
	}
	return -1;
}

/* One option at argv[*i] ("--name", "--name=value" or "--name value"). */
static int parse_opt(int argc, char **argv, int *i, struct ctl *o, const struct ctl_opt **used,
		     int *n_used, bool *want_help)
{
	const char *a = argv[*i] + 2, *eq = strchr(a, '=');
	const struct ctl_opt *p = find_opt(a, eq ? (size_t)(eq - a) : strlen(a));
	const char *v = eq ? eq + 1 : NULL;

	if (!p)
		return ctl_fail(CTL_USAGE, "unknown option %s (siphactl --help lists them)",
				argv[*i]);
	if (p->arg && !v) {
		if (*i + 1 >= argc)
			return ctl_fail(CTL_USAGE, "--%s needs a value (%s)", p->name, p->arg);
		v = argv[++*i];
	}
	if (!p->arg && v)
		return ctl_fail(CTL_USAGE, "--%s takes no value", p->name);
	if (p->arg && !*v)
		return ctl_fail(CTL_USAGE, "--%s: empty %s", p->name, p->arg);
	used[(*n_used)++] = p;
	return set_opt(o, p, v, want_help);
}

static int parse(int argc, char **argv, struct ctl *o, const struct ctl_cmd **ret_cmd,
		 bool *want_help)
{
	const struct ctl_opt *used[64];
	const struct ctl_cmd *cmd = NULL;
	int n_used = 0, r;

	for (int i = 1; i < argc; i++) {
		if (!strncmp(argv[i], "--", 2) && argv[i][2]) {
			if (n_used == (int)N(used))
				return ctl_fail(CTL_USAGE, "too many options");
			r = parse_opt(argc, argv, &i, o, used, &n_used, want_help);
			if (r >= 0)
				return r;
			continue;
		}
		if (cmd)
			return ctl_fail(CTL_USAGE, "unexpected argument '%s' after %s", argv[i],
					cmd->name);
		for (size_t k = 0; k < N(cmds) && !cmd; k++)
			if (!strcmp(argv[i], cmds[k].name))
				cmd = &cmds[k];
		if (!cmd)
			return ctl_fail(CTL_USAGE, "unknown command '%s' (commands: status, check, "
					"rolling-restart, abort)", argv[i]);
	}
	for (int i = 0; cmd && i < n_used; i++)
		if (!(used[i]->cmds & cmd->bit))
			return ctl_fail(CTL_USAGE, "--%s does not apply to %s", used[i]->name,
					cmd->name);
	*ret_cmd = cmd;
	return -1;
}

int main(int argc, char **argv)
{
	struct ctl o = { .lease_ms = -1, .min_healthy_ms = -1, .step_timeout_ms = -1 };
	const struct ctl_cmd *cmd = NULL;
	bool want_help = false;
	int r;

	/* hidden: the man page, generated at build time from the tables above */
	if (argc == 2 && !strcmp(argv[1], "--man"))
		return man();
	r = parse(argc, argv, &o, &cmd, &want_help);
	if (r >= 0)
		return r;
	if (want_help)
		return help();
	if (!cmd)
		return ctl_fail(CTL_USAGE, "no command given (status, check, rolling-restart, abort; "
				"siphactl --help)");
	if (cmd->needs_rights && !allowed())
		return ctl_fail(CTL_REFUSED, "%s needs root or membership of the haclient group "
				"(Pacemaker's rule); nothing done", cmd->name);
	o.cmd = cmd->name;
	return cmd->run(&o);
}
