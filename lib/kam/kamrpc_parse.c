/* lib/kam/kamrpc_parse.c: the JSON side of Kamailio's RPC (json-c): the request text, the
 * reply envelope, and parsers of the replies the kamailio agent reads. No I/O. */
#include "kam/kamrpc_parse.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void json_putp(json_object **o)
{
	if (*o)
		json_object_put(*o);
}
#define _cleanup_json_ __attribute__((cleanup(json_putp)))

char *kamrpc_request(const char *method, const char *const *params, size_t nparams,
		     unsigned id)
{
	_cleanup_json_ json_object *req = json_object_new_object();
	json_object *arr;
	char *text;

	if (!req)
		return NULL;
	arr = json_object_new_array();
	if (!arr)
		return NULL;
	for (size_t i = 0; i < nparams; i++)
		json_object_array_add(arr, json_object_new_string(params[i]));
	json_object_object_add(req, "jsonrpc", json_object_new_string("2.0"));
	json_object_object_add(req, "method", json_object_new_string(method));
	json_object_object_add(req, "params", arr);
	json_object_object_add(req, "id", json_object_new_int64(id));
	text = strdup(json_object_to_json_string_ext(req, JSON_C_TO_STRING_PLAIN));
	return text;
}

static json_object *parse(const char *text, size_t len)
{
	json_tokener *tok;
	json_object *o;

	if (len > INT32_MAX)
		return NULL;
	tok = json_tokener_new();
	if (!tok)
		return NULL;
	o = json_tokener_parse_ex(tok, text, (int)len);
	if (o && json_tokener_get_error(tok) == json_tokener_success) {
		/* one JSON value and nothing after it but white space */
		for (size_t i = json_tokener_get_parse_end(tok); i < len; i++)
			if (!strchr(" \t\r\n", text[i]) || !text[i]) {
				json_object_put(o);
				o = NULL;
				break;
			}
	} else if (o) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

/* Returns the reply's "result", -EREMOTEIO for an "error", -EBADMSG otherwise. With @id 0
 * any id goes; else another id gives -ESTALE. */
static int envelope(json_object *o, unsigned id, json_object **ret, char *err, size_t errlen)
{
	json_object *v;

	if (!o || !json_object_is_type(o, json_type_object))
		return -EBADMSG;
	if (id && (!json_object_object_get_ex(o, "id", &v) ||
		   !json_object_is_type(v, json_type_int) || json_object_get_int64(v) != id))
		return -ESTALE;
	if (json_object_object_get_ex(o, "error", &v)) {
		json_object *m;

		if (err && errlen) {
			const char *msg = "error";

			if (json_object_is_type(v, json_type_object) &&
			    json_object_object_get_ex(v, "message", &m) &&
			    json_object_is_type(m, json_type_string))
				msg = json_object_get_string(m);
			snprintf(err, errlen, "%s", msg);
		}
		return -EREMOTEIO;
	}
	if (!json_object_object_get_ex(o, "result", &v))
		return -EBADMSG;
	*ret = v;
	return 0;
}

int kamrpc_parse_reply(const char *text, size_t len, unsigned id, char *err, size_t errlen)
{
	_cleanup_json_ json_object *o = parse(text, len);
	json_object *res;

	return envelope(o, id, &res, err, errlen);
}

/* A non-negative integer member, as a JSON number or a decimal string. */
static int get_u64(json_object *obj, const char *key, uint64_t *ret)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v))
		return -EBADMSG;
	if (json_object_is_type(v, json_type_int)) {
		int64_t x = json_object_get_int64(v);

		if (x < 0)
			return -EBADMSG;
		*ret = (uint64_t)x;
		return 0;
	}
	if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);
		char *end;

		if (*s < '0' || *s > '9')
			return -EBADMSG;
		errno = 0;
		*ret = strtoull(s, &end, 10);
		return errno || *end ? -EBADMSG : 0;
	}
	return -EBADMSG;
}

int kamrpc_parse_shmmem(const char *text, size_t len, struct kamrpc_shm *ret)
{
	_cleanup_json_ json_object *o = parse(text, len);
	struct kamrpc_shm s;
	json_object *res;
	int r = envelope(o, 0, &res, NULL, 0);

	if (r < 0)
		return r;
	if (!json_object_is_type(res, json_type_object))
		return -EBADMSG;
	if (get_u64(res, "total", &s.total) < 0 || get_u64(res, "free", &s.free) < 0 ||
	    get_u64(res, "used", &s.used) < 0 || get_u64(res, "real_used", &s.real_used) < 0 ||
	    get_u64(res, "max_used", &s.max_used) < 0 ||
	    get_u64(res, "fragments", &s.fragments) < 0)
		return -EBADMSG;
	if (s.total == 0 || s.real_used > s.total)
		return -EBADMSG;
	*ret = s;
	return 0;
}

int kamrpc_parse_shmmem_kib(const char *text, size_t len, struct kamrpc_shm *ret)
{
	struct kamrpc_shm s;
	uint64_t *fig[] = { &s.total, &s.free, &s.used, &s.real_used, &s.max_used };
	int r = kamrpc_parse_shmmem(text, len, &s);

	if (r < 0)
		return r;
	for (size_t i = 0; i < sizeof(fig) / sizeof(fig[0]); i++) {
		if (*fig[i] > UINT64_MAX / 1024)
			return -EBADMSG;
		*fig[i] *= 1024;
	}
	*ret = s;
	return 0;
}

int kamrpc_parse_pkg(const char *text, size_t len, struct kamrpc_pkg *ret)
{
	_cleanup_json_ json_object *o = parse(text, len);
	struct kamrpc_pkg p = { .worst_pid = -1 };
	json_object *res;
	size_t n;
	int r = envelope(o, 0, &res, NULL, 0);

	if (r < 0)
		return r;
	if (!json_object_is_type(res, json_type_array))
		return -EBADMSG;
	n = json_object_array_length(res);
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(res, i), *v;
		uint64_t used, total, pid;

		if (!json_object_is_type(e, json_type_object) ||
		    get_u64(e, "real_used", &used) < 0 || get_u64(e, "total_size", &total) < 0 ||
		    get_u64(e, "pid", &pid) < 0 || total == 0 || used > total || pid > INT32_MAX)
			return -EBADMSG;
		p.nproc++;
		/* used/total > worst_used/worst_total, without division */
		if (p.worst_pid < 0 ||
		    (long double)used * p.worst_total > (long double)p.worst_real_used * total) {
			p.worst_pid = (int)pid;
			p.worst_real_used = used;
			p.worst_total = total;
			p.worst_desc[0] = '\0';
			if (json_object_object_get_ex(e, "desc", &v) &&
			    json_object_is_type(v, json_type_string))
				snprintf(p.worst_desc, sizeof(p.worst_desc), "%s",
					 json_object_get_string(v));
		}
	}
	if (!p.nproc)
		return -EBADMSG;
	*ret = p;
	return 0;
}

int kamrpc_parse_stats(const char *text, size_t len, struct kamrpc_counter *c, size_t n)
{
	_cleanup_json_ json_object *o = parse(text, len);
	json_object *res;
	size_t m;
	int r = envelope(o, 0, &res, NULL, 0);

	if (r < 0)
		return r;
	if (!json_object_is_type(res, json_type_array))
		return -EBADMSG;
	m = json_object_array_length(res);
	for (size_t i = 0; i < m; i++) {
		json_object *e = json_object_array_get_idx(res, i);
		const char *s, *eq;
		uint64_t v;
		char *end;

		if (!json_object_is_type(e, json_type_string))
			return -EBADMSG;
		s = json_object_get_string(e);
		eq = strstr(s, " = ");
		if (!eq)
			return -EBADMSG;
		for (size_t j = 0; j < n; j++) {
			size_t kl = strlen(c[j].name);

			if ((size_t)(eq - s) != kl || strncmp(s, c[j].name, kl))
				continue;
			/* counters are unsigned; some stats (e.g. gauges) may be negative */
			errno = 0;
			v = strtoull(eq + 3, &end, 10);
			if (errno || end == eq + 3 || *end || eq[3] == '-')
				return -EBADMSG;
			c[j].value = v;
			c[j].found = true;
		}
	}
	return 0;
}

/* "local": 1 for the instance's own entry; a number in Kamailio 5.6 and 6.0, a boolean
 * accepted too. */
static int get_flag(json_object *obj, const char *key, bool *ret)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v))
		return -EBADMSG;
	if (json_object_is_type(v, json_type_int) || json_object_is_type(v, json_type_boolean)) {
		*ret = json_object_get_int64(v) != 0;
		return 0;
	}
	return -EBADMSG;
}

int kamrpc_parse_dmq_nodes(const char *text, size_t len, struct kamrpc_dmq *ret)
{
	_cleanup_json_ json_object *o = parse(text, len);
	struct kamrpc_dmq d = { 0 };
	json_object *res;
	size_t n;
	int r = envelope(o, 0, &res, NULL, 0);

	if (r < 0)
		return r;
	if (!json_object_is_type(res, json_type_array))
		return -EBADMSG;
	n = json_object_array_length(res);
	if (n > UINT32_MAX)
		return -EBADMSG;
	for (size_t i = 0; i < n; i++) {
		json_object *e = json_object_array_get_idx(res, i), *st;
		bool local;

		/* every entry names a host: anything else is not dmq's node list */
		if (!json_object_is_type(e, json_type_object) ||
		    !json_object_object_get_ex(e, "host", &st) ||
		    !json_object_is_type(st, json_type_string) || get_flag(e, "local", &local) < 0)
			return -EBADMSG;
		d.nodes++;
		if (local)
			continue;
		/* "active", "pending", "not_active", "disabled"; 6.0 may give no status at all
		 * for a value it has no name for: not active either */
		if (json_object_object_get_ex(e, "status", &st) &&
		    json_object_is_type(st, json_type_string) &&
		    !strcmp(json_object_get_string(st), "active"))
			d.active_peers++;
		else
			d.other_peers++;
	}
	*ret = d;
	return 0;
}
