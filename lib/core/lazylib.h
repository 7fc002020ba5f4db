/* lib/core/lazylib.h: a shared library loaded on first use. Every agent run is a new process, and
 * mapping and relocating a library costs more than a depth-0 monitor's own work (libcrypto and
 * libqb with its libsystemd chain: ~3.5 ms per run here). The monitor path needs neither in
 * the steady state: digests only at depth 20 with a password, the logger only when a line is
 * written. */
#ifndef SIPHA_LAZYLIB_H
#define SIPHA_LAZYLIB_H

#include <stddef.h>

/* One symbol to resolve: its name and where its address goes. */
struct lazylib_sym {
	const char *name;
	void **slot;
};

/* A library and its symbols; .state is 0 before the first load, then 1 (loaded) or -1
 * (failed, not retried). */
struct lazylib {
	const char *soname;
	const struct lazylib_sym *syms;
	size_t nsyms;
	int state;
	void *handle;
	char error[160];
};

/* Loads @l once and resolves all its symbols. Returns 0, or -ENOENT with the reason in
 * l->error (the same answer on every later call). */
int lazylib_load(struct lazylib *l);

/* Closes @l if it was loaded (its symbols are NULL afterwards) and lets it load again; for a
 * clean exit under leak checkers. */
void lazylib_unload(struct lazylib *l);

/* Fills a slot: LAZYLIB_SYM(fn_pointer_variable, "symbol"). */
#define LAZYLIB_SYM(var, name) { name, (void **)&(var) }

#endif
