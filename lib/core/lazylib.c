/* lib/core/lazylib.c: dlopen on first use, every symbol resolved or none. */
#include "core/lazylib.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>

int lazylib_load(struct lazylib *l)
{
	void *h;

	if (l->state)
		return l->state > 0 ? 0 : -ENOENT;
	l->state = -1;
	h = dlopen(l->soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(l->error, sizeof(l->error), "%s", dlerror());
		return -ENOENT;
	}
	for (size_t i = 0; i < l->nsyms; i++) {
		void *p = dlsym(h, l->syms[i].name);

		if (!p) {
			snprintf(l->error, sizeof(l->error), "%s: no symbol %s", l->soname,
				 l->syms[i].name);
			for (size_t j = 0; j < i; j++)
				*l->syms[j].slot = NULL;
			dlclose(h);
			return -ENOENT;
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
