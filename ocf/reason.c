/* ocf/reason.c: the one-line exit reason Pacemaker shows in crm_mon. */
#include "ocf/ocf.h"

#include <stdio.h>
#include <string.h>

size_t ocf_reason_format(char *buf, size_t len, const char *fmt, va_list ap)
{
	char full[1024];
	size_t n, max;

	if (len == 0)
		return 0;
	vsnprintf(full, sizeof(full), fmt, ap);
	/* Pacemaker takes one line: anything that would break it becomes a space. */
	for (char *c = full; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = ' ';
	max = len < OCF_REASON_MAX ? len - 1 : OCF_REASON_MAX - 1;
	n = strlen(full);
	if (n > max) {
		n = max;
		if (max >= 3)
			memcpy(full + max - 3, "...", 3);
	}
	memcpy(buf, full, n);
	buf[n] = '\0';
	return n;
}

int ocf_fail(struct ocf_op *op, int code, const char *fmt, ...)
{
	char reason[OCF_REASON_MAX];
	va_list ap;

	(void)op;
	va_start(ap, fmt);
	ocf_reason_format(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	ocf_log_err("%s (%s)", reason, ocf_exit_name(code));
	fprintf(stderr, "ocf-exit-reason:%s\n", reason);
	fflush(stderr);
	return code;
}
