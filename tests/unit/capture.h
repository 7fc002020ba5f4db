/* tests/unit/capture.h: capture what a call writes to stdout or stderr, for assertions. */
#ifndef SIPHA_TEST_CAPTURE_H
#define SIPHA_TEST_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct capture {
	int fd, saved;
	FILE *tmp;
	char *text;
};

/* Redirects @fd (1 or 2) into a temporary file until capture_end(). */
static inline void capture_begin(struct capture *c, int fd)
{
	c->fd = fd;
	c->tmp = tmpfile();
	fflush(NULL);
	c->saved = dup(fd);
	dup2(fileno(c->tmp), fd);
	c->text = NULL;
}

/* Restores the descriptor and returns what was written (owned by @c until capture_free). */
static inline const char *capture_end(struct capture *c)
{
	long n;

	fflush(NULL);
	dup2(c->saved, c->fd);
	close(c->saved);
	n = ftell(c->tmp);
	c->text = calloc(1, (size_t)(n > 0 ? n : 0) + 1);
	rewind(c->tmp);
	if (n > 0 && fread(c->text, 1, (size_t)n, c->tmp) != (size_t)n)
		c->text[0] = '\0';
	fclose(c->tmp);
	return c->text;
}

static inline void capture_free(struct capture *c)
{
	free(c->text);
	c->text = NULL;
}

#endif
