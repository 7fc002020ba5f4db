/* lib/cluster/dc_ping.c: the DC's FSA state through the controller IPC, bounded by a deadline. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <crm/common/ipc.h>
#include <crm/common/ipc_controld.h>

#include "cluster/dc_ping.h"
#include "core/clock.h"

struct ping_wait {
	bool done;
	int rc;			/* 0, or -errno once done */
	char *state;
	size_t len;
};

static void on_event(pcmk_ipc_api_t *api, enum pcmk_ipc_event type, crm_exit_t status,
		     void *data, void *user)
{
	struct ping_wait *w = user;
	const pcmk_controld_api_reply_t *reply = data;

	if (type == pcmk_ipc_event_disconnect) {
		w->done = true;
		w->rc = -ENOTCONN;
		return;
	}
	if (type != pcmk_ipc_event_reply)
		return;
	w->done = true;
	if (status != CRM_EX_OK || reply == NULL || reply->reply_type != pcmk_controld_reply_ping ||
	    reply->data.ping.fsa_state == NULL) {
		w->rc = -EPROTO;
		return;
	}
	w->rc = snprintf(w->state, w->len, "%s", reply->data.ping.fsa_state) < (int)w->len ?
		0 : -ENOBUFS;
}

/* Polls and dispatches until the reply came or @deadline_ms passed. */
static int wait_reply(pcmk_ipc_api_t *api, struct ping_wait *w, int64_t deadline_ms)
{
	while (!w->done) {
		int left = clock_ms_left(deadline_ms);
		int rc;

		if (left <= 0)
			return -ETIMEDOUT;
		rc = pcmk_poll_ipc(api, left);
		if (rc == EAGAIN)
			continue;	/* poll timed out: the loop checks the deadline */
		if (rc != pcmk_rc_ok)
			return rc == ENOTCONN || rc == EPIPE ? -ENOTCONN : -EPROTO;
		pcmk_dispatch_ipc(api);
	}
	return w->rc;
}

int dc_ping_state(const char *dc_node, int64_t deadline_ms, char *ret_state, size_t len)
{
	struct ping_wait w = { .state = ret_state, .len = len };
	pcmk_ipc_api_t *api = NULL;
	int rc;

	if (ret_state == NULL || len == 0)
		return -EINVAL;
	rc = pcmk_new_ipc_api(&api, pcmk_ipc_controld);
	if (rc != pcmk_rc_ok)
		return rc == ENOMEM ? -ENOMEM : -EPROTO;
	pcmk_register_ipc_callback(api, on_event, &w);
	/* Standard return codes here; any failure to connect means no controller to ask. */
	rc = pcmk_connect_ipc(api, pcmk_ipc_dispatch_poll);
	if (rc != pcmk_rc_ok) {
		rc = rc == EACCES || rc == EPERM ? -EACCES : -ENOTCONN;
		goto out;
	}
	rc = pcmk_controld_api_ping(api, dc_node);
	if (rc != pcmk_rc_ok) {
		rc = -ENOTCONN;
		goto out;
	}
	rc = wait_reply(api, &w, deadline_ms);
out:
	pcmk_free_ipc_api(api);
	return rc;
}
