/* ocf/text.h: escaping text for the two documents an agent writes (XML and troff). */
#ifndef SIPHA_OCF_TEXT_H
#define SIPHA_OCF_TEXT_H

#include <stdio.h>

#include "ocf/ocf.h"

/* Writes @s with &, <, >, " and ' escaped for XML text and attribute values. */
void ocf_xml_puts(FILE *out, const char *s);
/* Writes @s for a troff text line: backslashes escaped, a leading '.' or '\'' protected,
 * blank lines (paragraph breaks) turned into .PP requests. */
void ocf_troff_puts(FILE *out, const char *s);

/* The OCF 1.1 content type of a parameter: "string", "integer", "boolean" or "select". */
const char *ocf_content_type(const struct ocf_param *p);

/* The text documenting a parameter's accepted values (and flags), shared by meta-data and man
 * page so the two never disagree. */
void ocf_param_doc(const struct ocf_param *p, char *buf, size_t len);

#endif
