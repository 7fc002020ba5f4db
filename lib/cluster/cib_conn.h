/* lib/cluster/cib_conn.h: a connection to the CIB through libcib (cib_new: the live cluster, or
 * the file named by CIB_file for tests), with the few operations siphactl needs. Every call is
 * synchronous. Errors are -errno (Pacemaker's legacy codes converted); nothing is printed.
 *
 * XML is libxml2's: callers build elements with libxml2 (xmlNewNode/xmlNewProp) and read
 * answers with it; no Pacemaker XML helper leaks out of this file and pcmk_compat.h.
 */
#ifndef SIPHA_CIB_CONN_H
#define SIPHA_CIB_CONN_H

#include <stdint.h>

#include <libxml/tree.h>

struct cib_conn;

/* Connects as @client_name (shown in Pacemaker's logs). -ENOTCONN when no cluster answers
 * (pacemaker-based not running or not reachable), -EACCES when not allowed (not root and not
 * in haclient). */
int cib_conn_open(const char *client_name, struct cib_conn **ret);
void cib_conn_close(struct cib_conn *c);

/* Bounds every later call on @c to about @ms (whole seconds, at least one: libcib's unit),
 * so that an agent's call ends within its operation budget. Without it libcib's default
 * applies. */
void cib_conn_set_timeout(struct cib_conn *c, int64_t ms);

/* The whole CIB (<cib> with configuration and status) as a new document the caller frees
 * with xmlFreeDoc(). */
int cib_conn_query(struct cib_conn *c, xmlDoc **ret);

/* Creates @xml under @section ("constraints", "crm_config", ...). -EEXIST when an element
 * with its id exists already: the atomic test-and-set siphactl's lock relies on. */
int cib_conn_create(struct cib_conn *c, const char *section, xmlNode *xml);

/* Modifies the element with @xml's id under @section (attributes and children merged).
 * -ENXIO when it does not exist. */
int cib_conn_modify(struct cib_conn *c, const char *section, xmlNode *xml);

/* Removes the element with @xml's tag and id under @section. 0 also when it was not there. */
int cib_conn_remove(struct cib_conn *c, const char *section, xmlNode *xml);

/* Removes every element matching @xpath (e.g. every id starting with "sipha-roll-"). 0 also
 * when none matched. */
int cib_conn_remove_xpath(struct cib_conn *c, const char *xpath);

#endif
