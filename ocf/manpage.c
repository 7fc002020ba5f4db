/* ocf/manpage.c: the agent's man page (troff), from the same tables as its meta-data. */
#include "ocf/ocf.h"
#include "ocf/dispatch.h"
#include "ocf/text.h"

#include <ctype.h>

static void write_upper(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc(toupper((unsigned char)*s), out);
}

static void write_action_row(const struct ocf_action *a, FILE *out)
{
	fputs(".TP\n.B ", out);
	ocf_troff_puts(out, a->name);
	fprintf(out, "default timeout %us", a->timeout_s ? a->timeout_s : 20);
	if (a->interval_s)
		fprintf(out, ", interval %us", a->interval_s);
	if (a->depth >= 0 && a->interval_s)
		fprintf(out, ", OCF_CHECK_LEVEL %d", a->depth);
	fputs("\n", out);
}

void ocf_manpage_write(const struct ocf_agent *agent, FILE *out)
{
	char doc[512];

	fputs(".TH ", out);
	write_upper(out, agent->name);
	fprintf(out, " 7 \"\" \"sipha %s\" \"OCF resource agents\"\n.SH NAME\n", agent->version);
	fprintf(out, "ocf:sipha:%s \\- ", agent->name);
	ocf_troff_puts(out, agent->shortdesc);
	fputs(".SH SYNOPSIS\n", out);
	fprintf(out, ".B pcs resource create\n.I NAME\n.B ocf:sipha:%s\n", agent->name);
	for (const struct ocf_param *p = agent->params; p && p->name; p++)
		if (p->flags & OCF_REQUIRED)
			fprintf(out, ".IR %s =VALUE\n", p->name);
	fputs(".br\n", out);
	fprintf(out, ".B %s\n.RB { start | stop | monitor | validate\\-all | meta\\-data | usage }\n",
		agent->name);
	fputs(".SH DESCRIPTION\n", out);
	ocf_troff_puts(out, agent->longdesc);
	fputs(".SH PARAMETERS\n", out);
	for (const struct ocf_param *p = agent->params; p && p->name; p++) {
		fputs(".TP\n.B ", out);
		ocf_troff_puts(out, p->name);
		ocf_troff_puts(out, p->longdesc ? p->longdesc : p->shortdesc);
		ocf_param_doc(p, doc, sizeof(doc));
		fputs(".br\n", out);
		ocf_troff_puts(out, doc);
	}
	fputs(".SH ACTIONS\n", out);
	for (const struct ocf_action *a = agent->actions; a && a->name; a++)
		if (!a->internal)
			write_action_row(a, out);
	for (const struct ocf_action *a = ocf_builtin_actions; a->name; a++)
		write_action_row(a, out);
	if (agent->policy && agent->policy->situation) {
		fputs(".SH EXIT CODES\nWhat the agent returns in each situation, and what Pacemaker "
		      "then does.\n", out);
		for (const struct ocf_policy *r = agent->policy; r->situation; r++) {
			fprintf(out, ".TP\n.B %d (%s)\n", r->code, ocf_exit_name(r->code));
			ocf_troff_puts(out, r->situation);
			fputs(".br\n", out);
			ocf_troff_puts(out, r->consequence);
		}
	}
	fputs(".SH ENVIRONMENT\n"
	      ".TP\n.B OCF_RESKEY_\\fIparameter\\fP\nParameter values, set by Pacemaker.\n"
	      ".TP\n.B OCF_RESKEY_CRM_meta_timeout\nThe operation's budget in milliseconds; every "
	      "wait ends early enough to answer within it.\n"
	      ".TP\n.B OCF_CHECK_LEVEL\nMonitor depth: 0, 10 or 20.\n"
	      ".TP\n.B HA_LOGFACILITY, HA_debug\nSyslog facility (none: no syslog); debug output "
	      "when 1.\n"
	      ".TP\n.B HA_RSCTMP\nState directory (default /run/resource-agents).\n", out);
	fprintf(out, ".SH SEE ALSO\n.BR pcs (8),\n.BR crm (8),\n.BR crm_resource (8)\n");
}
