/* lib/cluster/cib_lazy.c: a CIB query with libcib loaded by dlopen (cib_conn.c links it). */
#include <errno.h>

#include <crm/cib.h>
#include <crm/common/xml.h>

#include "cluster/cib_lazy.h"
#include "core/lazylib.h"

/* crm_xml_init and free_xml live in libcrmcommon, which libcib brings: dlsym on libcib's
 * handle searches its dependencies too. */
static struct {
	__typeof__(cib_new) *cib_new;
	__typeof__(cib_delete) *cib_delete;
	void (*xml_init)(void);
	void (*xml_free)(xmlNode *);
} pcmk;
static const struct lazylib_sym cib_syms[] = {
	LAZYLIB_SYM(pcmk.cib_new, "cib_new"),
	LAZYLIB_SYM(pcmk.cib_delete, "cib_delete"),
	LAZYLIB_SYM(pcmk.xml_init, "crm_xml_init"),
	LAZYLIB_SYM(pcmk.xml_free, "free_xml"),
};
static struct lazylib libcib = {
	.soname = CIB_SONAME,
	.syms = cib_syms,
	.nsyms = sizeof(cib_syms) / sizeof(cib_syms[0]),
};
LAZYLIB_DLOPEN_NOTE(libcib_note, "cib", "the peers' registrations while a start syncs",
		    "recommended", CIB_SONAME);

static int rc_errno(int rc)
{
	if (rc == -EACCES || rc == -EPERM)
		return -EACCES;
	if (rc == -ECONNREFUSED || rc == -ENOENT || rc == -ECONNRESET || rc == -EPIPE ||
	    rc == -EHOSTUNREACH)
		return -ENOTCONN;
	return rc < 0 && -rc < 200 ? rc : -EPROTO;
}

int cib_lazy_read(const char *client_name, int64_t ms, cib_lazy_fn fn, void *ctx)
{
	int64_t s = ms / 1000;
	xmlNode *out = NULL;
	cib_t *cib;
	int rc = lazylib_load(&libcib);

	if (rc < 0)
		return rc;
	pcmk.xml_init();
	/* cib_new() reads CIB_file: the tests' way to a CIB without a cluster */
	cib = pcmk.cib_new();
	if (cib == NULL)
		return -ENOMEM;
	cib->call_timeout = s < 1 ? 1 : s > 3600 ? 3600 : (int)s;
	rc = cib->cmds->signon(cib, client_name, cib_query);
	if (rc == pcmk_ok) {
		rc = cib->cmds->query(cib, NULL, &out, cib_sync_call);
		cib->cmds->signoff(cib);
	}
	pcmk.cib_delete(cib);
	if (rc == pcmk_ok && out != NULL)
		rc = fn(out, ctx);
	else
		rc = rc != pcmk_ok ? rc_errno(rc) : -EPROTO;
	if (out)
		pcmk.xml_free(out);
	return rc;
}
