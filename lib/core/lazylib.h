/* lib/core/lazylib.h: a shared library loaded on first use. Every agent run is a new process, and
 * mapping and relocating a library costs more than a depth-0 monitor's own work (libcrypto,
 * libssl and libqb with its libsystemd chain: 1.4-1.9 ms per run, measured in README.md's
 * Benchmarks). The monitor path needs none of them in the steady state: digests only at depth
 * 20 with a password, TLS only for a tls: target, the logger only when a line is written.
 * What is loaded this way is declared in the binary (LAZYLIB_DLOPEN_NOTE) for packagers. */
#ifndef SIPHA_LAZYLIB_H
#define SIPHA_LAZYLIB_H

#include <stddef.h>
#include <stdint.h>

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
	char error[256];
};

/* Loads @l once and resolves all its symbols. Returns 0, or -ELIBACC with the loader's reason
 * (dlerror(): "libcrypto.so.3: cannot open shared object file: ...") in l->error and in
 * lazylib_error(); the same answer on every later call. */
int lazylib_load(struct lazylib *l);

/* Closes @l if it was loaded (its symbols are NULL afterwards) and lets it load again; for a
 * clean exit under leak checkers. */
void lazylib_unload(struct lazylib *l);

/* The reason of the last failed lazylib_load in this process, "" when none failed. */
const char *lazylib_error(void);

/* strerror(-@err), except for -ELIBACC: the loader's reason for the library that failed. For
 * callers turning an error of a function that loads a library into a message. */
const char *lazylib_strerror(int err);

/* Fills a slot: LAZYLIB_SYM(fn_pointer_variable, "symbol"). */
#define LAZYLIB_SYM(var, name) { name, (void **)&(var) }

/* Declares a library loaded with dlopen in a ".note.dlopen" ELF note (the freedesktop "dlopen
 * metadata for ELF files" format: owner "FDO", type 0x407c0c0a, a JSON array), so that
 * packaging tools see the dependency that is not a NEEDED entry:
 *   LAZYLIB_DLOPEN_NOTE(var, "feature", "what for", "recommended", CRYPTO_SONAME);
 * The strings must not need JSON escaping. */
#define LAZYLIB_DLOPEN_NOTE(var, feature, description, priority, soname)                      \
	__attribute__((used, section(".note.dlopen"))) _Alignas(4) static const struct {      \
		uint32_t n_namesz, n_descsz, n_type;                                          \
		char name[4];                                                                 \
		_Alignas(4) char json[sizeof("[{\"feature\":\"" feature "\",\"description\":\""  \
					     description "\",\"priority\":\"" priority          \
					     "\",\"soname\":[\"" soname "\"]}]")];             \
	} var = {                                                                             \
		4,                                                                            \
		sizeof("[{\"feature\":\"" feature "\",\"description\":\"" description          \
		       "\",\"priority\":\"" priority "\",\"soname\":[\"" soname "\"]}]"),        \
		0x407c0c0a, "FDO",                                                            \
		"[{\"feature\":\"" feature "\",\"description\":\"" description                  \
		"\",\"priority\":\"" priority "\",\"soname\":[\"" soname "\"]}]",                \
	}

#endif
