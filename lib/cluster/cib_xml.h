/* lib/cluster/cib_xml.h: small readers of CIB XML shared by the record formats (roll_xml,
 * sched_record): element tests and nvpair values. */
#ifndef SIPHA_CIB_XML_H
#define SIPHA_CIB_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

/* @n is an element named @tag. */
bool cib_xml_is(const xmlNode *n, const char *tag);

/* Copies into @buf the value of the nvpair named @name among @set's children ("" when there is
 * none; the last one wins when there are several); values longer than @len are cut. */
void cib_xml_nvpair_value(xmlNode *set, const char *name, char *buf, size_t len);

/* Pacemaker's idea of true (crm_is_true): "true", "on", "yes", "y" (any case), "1". Inline:
 * lib/cluster/check.c reads the CIB without the rest of this library. */
static inline bool cib_xml_is_true(const char *s)
{
	return s != NULL && (!strcasecmp(s, "true") || !strcasecmp(s, "on") ||
			     !strcasecmp(s, "yes") || !strcasecmp(s, "y") || !strcmp(s, "1"));
}

#endif
