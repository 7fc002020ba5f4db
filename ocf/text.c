/* ocf/text.c: escaping for XML and troff, and the shared wording of parameter documentation. */
#include "ocf/text.h"
#include "ocf/param.h"

#include <string.h>

void ocf_xml_puts(FILE *out, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&apos;", out); break;
		default: fputc(*s, out);
		}
	}
}

void ocf_troff_puts(FILE *out, const char *s)
{
	int bol = 1;

	for (; s && *s; s++) {
		if (bol && *s == '\n') {
			fputs(".PP\n", out);
			while (s[1] == '\n')
				s++;
			continue;
		}
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", out);
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
		bol = *s == '\n';
	}
	if (!bol)
		fputc('\n', out);
}

const char *ocf_content_type(const struct ocf_param *p)
{
	switch (p->type) {
	case OCF_T_INT: return "integer";
	case OCF_T_BOOL: return "boolean";
	case OCF_T_ENUM: return "select";
	default: return "string";
	}
}

void ocf_param_doc(const struct ocf_param *p, char *buf, size_t len)
{
	char expect[160];
	size_t n;

	ocf_param_expect(p, expect, sizeof(expect));
	n = (size_t)snprintf(buf, len, "Value: %s.", expect);
	if (n < len && (p->flags & OCF_REQUIRED))
		n += (size_t)snprintf(buf + n, len - n, " Required.");
	if (n < len && p->def)
		n += (size_t)snprintf(buf + n, len - n, " Default: %s.", p->def);
	if (n < len && (p->flags & OCF_UNIQUE))
		n += (size_t)snprintf(buf + n, len - n, " Must be unique among resources.");
	if (n < len && (p->flags & OCF_RELOADABLE))
		n += (size_t)snprintf(buf + n, len - n, " Changes apply without a restart.");
	if (n < len && (p->flags & OCF_EXECUTABLE))
		n += (size_t)snprintf(buf + n, len - n, " Missing: OCF_ERR_INSTALLED.");
	if (n < len && (p->flags & OCF_ROOT_TRUSTED))
		snprintf(buf + n, len - n, " It and every directory above it must be root's and "
			 "writable by root alone, else OCF_ERR_PERM.");
}
