/* lib/cluster/cib_xml.h: small readers of CIB XML shared by the record formats (roll_xml,
 * sched_record): element tests and nvpair values. */
#ifndef SIPHA_CIB_XML_H
#define SIPHA_CIB_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

/* @n is an element named @tag. */
bool cib_xml_is(const xmlNode *n, const char *tag);

/* Copies into @buf the value of the nvpair named @name among @set's children ("" when there is
 * none; the last one wins when there are several); values longer than @len are cut. */
void cib_xml_nvpair_value(xmlNode *set, const char *name, char *buf, size_t len);

#endif
