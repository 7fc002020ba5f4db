/* lib/core/lazylib.c: dlopen on first use, every symbol resolved or none. */
#include "core/lazylib.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Agents are one-shot, single-threaded processes: one "last failure" is enough. */
static char last_error[sizeof(((struct lazylib *)0)->error)];

static int failed(struct lazylib *l)
{
	memcpy(last_error, l->error, sizeof(last_error));
	return -ELIBACC;
}

int lazylib_load(struct lazylib *l)
{
	void *h;

	if (l->state)
		return l->state > 0 ? 0 : failed(l);
	l->state = -1;
	h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *e = dlerror();

		snprintf(l->error, sizeof(l->error), "%s", e ? e : l->soname);
		return failed(l);
	}
	for (size_t i = 0; i < l->nsyms; i++) {
		void *p = dlsym(h, l->syms[i].name);

		if (!p) {
			snprintf(l->error, sizeof(l->error), "%s: no symbol %s", l->soname,
				 l->syms[i].name);
			for (size_t j = 0; j < i; j++)
				*l->syms[j].slot = NULL;
			dlclose(h);
			return failed(l);
		}
		*l->syms[i].slot = p;
	}
	l->handle = h;
	l->state = 1;
	return 0;
}

void lazylib_unload(struct lazylib *l)
{
	if (l->state > 0) {
		for (size_t i = 0; i < l->nsyms; i++)
			*l->syms[i].slot = NULL;
		dlclose(l->handle);
	}
	l->handle = NULL;
	l->state = 0;
}

const char *lazylib_error(void)
{
	return last_error;
}

const char *lazylib_strerror(int err)
{
	if (err == -ELIBACC && *last_error)
		return last_error;
	return strerror(err < 0 ? -err : err);
}
