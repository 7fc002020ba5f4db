/* lib/cluster/cib_conn.c: synchronous libcib calls (the live CIB or CIB_file) with -errno. */
#include <errno.h>
#include <stdlib.h>

#include <libxml/tree.h>

#include "cluster/cib_conn.h"
#include "cluster/pcmk_compat.h"

struct cib_conn {
	cib_t *cib;
};

/* Pacemaker's legacy return codes are -errno, or -pcmk_err_* (above 200) for its own
 * failures: keep the first, give the second the nearest errno. */
static int legacy_to_errno(int rc)
{
	if (rc >= 0)
		return 0;
	switch (-rc) {
	case pcmk_err_no_quorum:
		return -ENOLINK;
	case pcmk_err_schema_validation:
	case pcmk_err_bad_nvpair:
	case pcmk_err_unknown_format:
		return -EINVAL;
	case pcmk_err_old_data:
	case pcmk_err_cib_modified:
	case pcmk_err_diff_resync:
		return -EAGAIN;
	default:
		return -rc < 200 ? rc : -EPROTO;
	}
}

/* Why signon fails: no pacemaker-based (no socket, refused, gone) or not allowed. */
static int signon_errno(int rc)
{
	switch (-rc) {
	case EACCES:
	case EPERM:
		return -EACCES;
	case ENOTCONN:
	case ECONNREFUSED:
	case ECONNRESET:
	case ENOENT:
	case EHOSTUNREACH:
	case EPIPE:
		return -ENOTCONN;
	default:
		return legacy_to_errno(rc);
	}
}

int cib_conn_open(const char *client_name, struct cib_conn **ret)
{
	struct cib_conn *c = calloc(1, sizeof(*c));
	int rc;

	if (c == NULL)
		return -ENOMEM;
	pc_init();
	/* cib_new() reads CIB_file (and CIB_shadow): the tests' way to a CIB without a cluster */
	c->cib = cib_new();
	if (c->cib == NULL) {
		free(c);
		return -ENOMEM;
	}
	rc = c->cib->cmds->signon(c->cib, client_name, cib_command);
	if (rc != pcmk_ok) {
		cib_delete(c->cib);
		free(c);
		return signon_errno(rc);
	}
	*ret = c;
	return 0;
}

void cib_conn_close(struct cib_conn *c)
{
	if (c == NULL)
		return;
	/* with CIB_file, signoff is when the file is written back */
	c->cib->cmds->signoff(c->cib);
	cib_delete(c->cib);
	free(c);
}

void cib_conn_set_timeout(struct cib_conn *c, int64_t ms)
{
	int64_t s = ms / 1000;

	c->cib->call_timeout = s < 1 ? 1 : s > 3600 ? 3600 : (int)s;
}

int cib_conn_query(struct cib_conn *c, xmlDoc **ret)
{
	xmlNode *out = NULL, *copy;
	xmlDoc *doc;
	int rc;

	rc = c->cib->cmds->query(c->cib, NULL, &out, cib_sync_call);
	if (rc != pcmk_ok) {
		pc_xml_free(out);
		return legacy_to_errno(rc);
	}
	if (out == NULL)
		return -EPROTO;
	/* a document of our own: the caller frees it with xmlFreeDoc, not Pacemaker's free */
	doc = xmlNewDoc((const xmlChar *)"1.0");
	copy = doc != NULL ? xmlDocCopyNode(out, doc, 1) : NULL;
	pc_xml_free(out);
	if (copy == NULL) {
		xmlFreeDoc(doc);
		return -ENOMEM;
	}
	xmlDocSetRootElement(doc, copy);
	*ret = doc;
	return 0;
}

typedef int (*cib_op_fn)(cib_t *cib, const char *section, xmlNode *data, int options);

/* Runs @op with a Pacemaker-owned copy of the caller's plain libxml2 element. */
static int run_op(struct cib_conn *c, cib_op_fn op, const char *section, xmlNode *xml)
{
	xmlNode *copy;
	int rc;

	if (xml == NULL || xml->type != XML_ELEMENT_NODE)
		return -EINVAL;
	copy = pc_xml_import(xml);
	if (copy == NULL)
		return -ENOMEM;
	rc = op(c->cib, section, copy, cib_sync_call);
	pc_xml_free(copy);
	return legacy_to_errno(rc);
}

int cib_conn_create(struct cib_conn *c, const char *section, xmlNode *xml)
{
	return run_op(c, c->cib->cmds->create, section, xml);
}

int cib_conn_modify(struct cib_conn *c, const char *section, xmlNode *xml)
{
	return run_op(c, c->cib->cmds->modify, section, xml);
}

int cib_conn_remove(struct cib_conn *c, const char *section, xmlNode *xml)
{
	int rc = run_op(c, c->cib->cmds->remove, section, xml);

	/* gone already is what the caller wanted */
	return rc == -ENXIO ? 0 : rc;
}

int cib_conn_remove_xpath(struct cib_conn *c, const char *xpath)
{
	int rc = c->cib->cmds->remove(c->cib, xpath, NULL,
				      cib_sync_call | cib_xpath | cib_multiple);

	rc = legacy_to_errno(rc);
	return rc == -ENXIO ? 0 : rc;
}
