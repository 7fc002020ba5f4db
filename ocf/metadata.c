/* ocf/metadata.c: OCF 1.1 meta-data XML, written from the agent's tables. */
#include "ocf/ocf.h"
#include "ocf/text.h"
#include "ocf/dispatch.h"

static void write_policy(const struct ocf_agent *agent, FILE *out)
{
	if (!agent->policy || !agent->policy->situation)
		return;
	fputs("\n\nExit-code policy:\n", out);
	for (const struct ocf_policy *r = agent->policy; r->situation; r++) {
		fputs("- ", out);
		ocf_xml_puts(out, r->situation);
		fprintf(out, ": %d (%s), ", r->code, ocf_exit_name(r->code));
		ocf_xml_puts(out, r->consequence);
		fputs(".\n", out);
	}
}

static void write_param(const struct ocf_param *p, FILE *out)
{
	char doc[512];

	fputs("    <parameter name=\"", out);
	ocf_xml_puts(out, p->name);
	fprintf(out, "\" required=\"%d\"", !!(p->flags & OCF_REQUIRED));
	if (p->flags & OCF_UNIQUE) {
		fputs(" unique=\"1\" unique-group=\"", out);
		ocf_xml_puts(out, p->name);
		fputs("\"", out);
	} else {
		fputs(" unique=\"0\"", out);
	}
	fprintf(out, " reloadable=\"%d\">\n", !!(p->flags & OCF_RELOADABLE));
	ocf_param_doc(p, doc, sizeof(doc));
	fputs("      <longdesc lang=\"en\">", out);
	ocf_xml_puts(out, p->longdesc ? p->longdesc : p->shortdesc);
	fputs("\n", out);
	ocf_xml_puts(out, doc);
	fputs("</longdesc>\n      <shortdesc lang=\"en\">", out);
	ocf_xml_puts(out, p->shortdesc);
	fprintf(out, "</shortdesc>\n      <content type=\"%s\"", ocf_content_type(p));
	if (p->def) {
		fputs(" default=\"", out);
		ocf_xml_puts(out, p->def);
		fputs("\"", out);
	}
	if (p->type == OCF_T_ENUM && p->choices) {
		fputs(">\n", out);
		for (int i = 0; p->choices[i]; i++) {
			fputs("        <option value=\"", out);
			ocf_xml_puts(out, p->choices[i]);
			fputs("\"/>\n", out);
		}
		fputs("      </content>\n", out);
	} else {
		fputs("/>\n", out);
	}
	fputs("    </parameter>\n", out);
}

static void write_action(const struct ocf_action *a, FILE *out)
{
	fputs("    <action name=\"", out);
	ocf_xml_puts(out, a->name);
	fprintf(out, "\" timeout=\"%us\"", a->timeout_s ? a->timeout_s : 20);
	if (a->interval_s)
		fprintf(out, " interval=\"%us\"", a->interval_s);
	if (a->depth >= 0 && a->interval_s)
		fprintf(out, " depth=\"%d\"", a->depth);
	if (a->role) {
		fputs(" role=\"", out);
		ocf_xml_puts(out, a->role);
		fputs("\"", out);
	}
	fputs("/>\n", out);
}

void ocf_metadata_write(const struct ocf_agent *agent, FILE *out)
{
	fputs("<?xml version=\"1.0\"?>\n<resource-agent name=\"", out);
	ocf_xml_puts(out, agent->name);
	fputs("\" version=\"", out);
	ocf_xml_puts(out, agent->version);
	fputs("\">\n  <version>1.1</version>\n  <longdesc lang=\"en\">", out);
	ocf_xml_puts(out, agent->longdesc);
	write_policy(agent, out);
	fputs("</longdesc>\n  <shortdesc lang=\"en\">", out);
	ocf_xml_puts(out, agent->shortdesc);
	fputs("</shortdesc>\n  <parameters>\n", out);
	for (const struct ocf_param *p = agent->params; p && p->name; p++)
		write_param(p, out);
	fputs("  </parameters>\n  <actions>\n", out);
	for (const struct ocf_action *a = agent->actions; a && a->name; a++)
		if (!a->internal)
			write_action(a, out);
	for (const struct ocf_action *a = ocf_builtin_actions; a->name; a++)
		write_action(a, out);
	fputs("  </actions>\n</resource-agent>\n", out);
}
