/* lib/cluster/cib_xml.c: element tests and nvpair values in CIB XML. */
#include <stdio.h>
#include <string.h>

#include "cluster/cib_xml.h"

bool cib_xml_is(const xmlNode *n, const char *tag)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, tag);
}

void cib_xml_nvpair_value(xmlNode *set, const char *name, char *buf, size_t len)
{
	buf[0] = '\0';
	for (xmlNode *n = set->children; n; n = n->next) {
		xmlChar *nm, *v;

		if (!cib_xml_is(n, "nvpair"))
			continue;
		nm = xmlGetProp(n, (const xmlChar *)"name");
		if (nm && !strcmp((const char *)nm, name)) {
			v = xmlGetProp(n, (const xmlChar *)"value");
			snprintf(buf, len, "%s", v ? (const char *)v : "");
			xmlFree(v);
		}
		xmlFree(nm);
	}
}
