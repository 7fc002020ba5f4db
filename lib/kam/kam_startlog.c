/* lib/kam/kam_startlog.c: the error line in what Kamailio writes while it starts. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kam/kam_startlog.h"

void kam_error_line(const char *out, char *buf, size_t len)
{
	static const char *const levels[] = { "CRITICAL:", "ERROR:" };

	snprintf(buf, len, "no error message");
	for (size_t l = 0; l < 2; l++) {
		const char *s = strstr(out, levels[l]);
		const char *eol, *msg;
		size_t n;

		if (!s)
			continue;
		eol = strchr(s, '\n');
		n = eol ? (size_t)(eol - s) : strlen(s);
		msg = s + strlen(levels[l]);
		/* skip "<core> [file:line]: func(): " when present */
		for (int i = 0; i < 2; i++) {
			const char *c = strstr(msg, "]: ");
			const char *f = strstr(msg, "(): ");

			if (i == 0 && c && c < s + n)
				msg = c + 3;
			else if (i == 1 && f && f < s + n && f - msg < 40)
				msg = f + 4;
		}
		while (*msg == ' ')
			msg++;
		n = (size_t)(s + n - msg);
		snprintf(buf, len, "%.*s", (int)n, msg);
		return;
	}
}

void kam_startlog_tail(const char *path, char *buf, size_t len)
{
	char text[2048];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	ssize_t n = 0;
	off_t size;
	char *end, *start;

	buf[0] = '\0';
	if (fd < 0)
		return;
	size = lseek(fd, 0, SEEK_END);
	if (size > (off_t)sizeof(text) - 1)
		lseek(fd, size - (off_t)sizeof(text) + 1, SEEK_SET);
	else
		lseek(fd, 0, SEEK_SET);
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return;
	text[n] = '\0';
	end = text + n;
	while (end > text && (end[-1] == '\n' || end[-1] == ' '))
		*--end = '\0';
	start = strrchr(text, '\n');
	kam_error_line(start ? start : text, buf, len);
	if (!strcmp(buf, "no error message"))
		snprintf(buf, len, "%s", start ? start + 1 : text);
}
