/* lib/kam/kam_cmdline.h: Kamailio's command line, built from the values it is started with.
 * Run directly, never through a shell: one argument per word. */
#ifndef SIPHA_KAM_CMDLINE_H
#define SIPHA_KAM_CMDLINE_H

#include <stddef.h>

/* Slots of an argv built here: the arguments and the closing NULL. */
#define KAM_ARGV_MAX 128

/* What Kamailio's command line is made of. Strings are borrowed, not copied. */
struct kam_cmdline {
	const char *binary;		/* argv[0] */
	const char *conffile;		/* -f */
	const char *runtime_dir;	/* -Y */
	const char *pidfile;		/* -P */
	long long shmem_mb, pkgmem_mb;	/* -m, -M */
	const char *user, *group;	/* -u, -g; NULL or "" leaves them out */
	char *const *listen;		/* -l each */
	size_t n_listen;
	char *const *extra;		/* appended as they are */
	size_t n_extra;
};

/* What the command line is for. */
enum kam_argv_mode {
	KAM_ARGV_RUN,	/* -DD: the main process stays in the foreground, the pid spawned is it */
	KAM_ARGV_CHECK,	/* -c -E: check the configuration only, errors on stderr */
};

/* Fills @argv (NULL-terminated) with Kamailio's command line for @mode; the numbers are
 * written into @num, which must live as long as @argv. Returns the number of arguments, or
 * -E2BIG when they do not fit in KAM_ARGV_MAX - 1. */
int kam_argv(const struct kam_cmdline *c, enum kam_argv_mode mode, char *argv[KAM_ARGV_MAX],
	     char num[2][24]);

/* Is @item a socket Kamailio's -l takes: [proto:]host[:port], proto one of udp, tcp, tls,
 * sctp, ws, wss; host an [IPv6] address in brackets, or an IPv4 address, a host or interface
 * name or '*' (letters, digits, '.', '-', '_', '*'; not starting with '-' or '.', not only
 * digits); port 1 to 65535. Returns 0 or -EINVAL. What the name means is Kamailio's to say
 * (its configuration check, before every start). */
int kam_listen_check(const char *item);

#endif
