/* tools/siphactl/cmd_check.c: siphactl check: the findings of lib/cluster/check.c as text or
 * JSON, over the live CIB and this node's own interfaces. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <json-c/json.h>

#include "cluster/check.h"
#include "core/clock.h"
#include "tools/siphactl/siphactl.h"

static void print_text(const struct check_report *r)
{
	for (int i = 0; i < r->n; i++) {
		const struct check_finding *f = &r->f[i];

		printf("%s: %s", check_severity_name(f->rule->severity), f->rule->name);
		if (f->node[0])
			printf(" node=%s", f->node);
		if (f->rsc[0])
			printf(" resource=%s", f->rsc);
		printf("\n    %s\n    what to do: %s\n", f->what, f->todo);
	}
	if (r->truncated)
		printf("(more findings than %d: fix these and run check again)\n", CHECK_FINDINGS_MAX);
	printf("%d error(s), %d warning(s)\n", r->n_errors, r->n_warnings);
}

static void print_json(const struct check_report *r)
{
	json_object *top = json_object_new_object(), *arr = json_object_new_array();

	for (int i = 0; i < r->n; i++) {
		const struct check_finding *f = &r->f[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "severity",
				       json_object_new_string(check_severity_name(f->rule->severity)));
		json_object_object_add(o, "rule", json_object_new_string(f->rule->name));
		json_object_object_add(o, "node", f->node[0] ? json_object_new_string(f->node) : NULL);
		json_object_object_add(o, "resource", f->rsc[0] ? json_object_new_string(f->rsc) : NULL);
		json_object_object_add(o, "what", json_object_new_string(f->what));
		json_object_object_add(o, "todo", json_object_new_string(f->todo));
		json_object_array_add(arr, o);
	}
	json_object_object_add(top, "findings", arr);
	json_object_object_add(top, "errors", json_object_new_int(r->n_errors));
	json_object_object_add(top, "warnings", json_object_new_int(r->n_warnings));
	json_object_object_add(top, "truncated", json_object_new_boolean(r->truncated));
	puts(json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY));
	json_object_put(top);
}

/* What this node sees of the floating IP; a failed scan is kept as an info finding. */
static void scan_local(xmlNode *cib, const char *given, struct check_local *l)
{
	char ip[64], ip_id[CV_NAME_MAX];

	memset(l, 0, sizeof(*l));
	ctl_node_name(l->node, sizeof(l->node));
	if (check_find_ip(cib, given, ip_id) < 0 || check_ip_param(cib, ip_id, ip, sizeof(ip)) < 0) {
		l->err = -ENOENT;
		return;
	}
	l->err = check_local_scan(l->node, ip, clock_now_ms() + 5000, l);
}

int cmd_check(const struct ctl *o)
{
	xmlDoc *doc = NULL;
	struct cluster_view v;
	struct check_local local;
	static struct check_report rep;
	char why[CV_REASON_MAX] = "";
	bool have_view;
	int r;

	if ((r = ctl_read_cib(&doc)) >= 0)
		return r;
	/* a view needs a clone: without one, the rules still run and say what is missing */
	have_view = cluster_view_from_cib(xmlDocGetRootElement(doc), &o->sel, &v, why,
					  sizeof(why)) == 0;
	scan_local(xmlDocGetRootElement(doc), have_view ? v.ip_id : o->sel.ip_id, &local);
	check_run(xmlDocGetRootElement(doc), have_view ? &v : NULL, &o->sel, &local, &rep);
	xmlFreeDoc(doc);
	/* an id given on the command line that names nothing is a usage error, not a finding */
	if ((o->sel.clone_id || o->sel.ip_id) && rep.n &&
	    rep.f[0].rule->id == CHECK_NO_RESOURCE)
		return ctl_fail(CTL_USAGE, "--clone/--ip: no such resource%s%s", why[0] ? ": " : "",
				why);
	if (o->json)
		print_json(&rep);
	else
		print_text(&rep);
	return rep.n_errors ? CTL_FAILED : CTL_OK;
}
