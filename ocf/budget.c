/* ocf/budget.c: the operation's time budget, from CRM_meta_timeout. */
#include "ocf/ocf.h"
#include "core/clock.h"

int64_t ocf_deadline_for(int64_t started_ms, int64_t timeout_ms)
{
	int64_t reserve;

	/* no overflow of started + timeout, whatever the caller passes */
	if (timeout_ms > OCF_TIMEOUT_MAX_MS)
		timeout_ms = OCF_TIMEOUT_MAX_MS;
	if (timeout_ms < 0)
		timeout_ms = 0;
	/* Leave time to report and exit before the executor kills us. */
	reserve = timeout_ms / 10;

	if (reserve < 100)
		reserve = 100;
	if (reserve > 2000)
		reserve = 2000;
	if (reserve > timeout_ms / 2)
		reserve = timeout_ms / 2;
	return started_ms + timeout_ms - reserve;
}

int ocf_ms_left(const struct ocf_op *op)
{
	return clock_ms_left(op->deadline_ms);
}

int64_t ocf_cleanup_deadline(const struct ocf_op *op)
{
	int64_t end = op->started_ms + op->timeout_ms;

	return op->deadline_ms + (end > op->deadline_ms ? (end - op->deadline_ms) / 2 : 0);
}
