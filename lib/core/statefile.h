/* lib/core/statefile.h: small state files kept across agent runs (counters, trend samples,
 * attribute memos). Written whole to NAME.tmp and renamed, so a reader (or the next monitor
 * after a kill mid-write) sees the old content or the new, never half of it. */
#ifndef SIPHA_STATEFILE_H
#define SIPHA_STATEFILE_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* Replaces @path with @len bytes of @data (mode 0600; a symlink at NAME.tmp is refused with
 * -ELOOP, any other file there is unlinked, never written through). Returns 0 or -errno; on
 * failure @path is unchanged and no NAME.tmp is left. */
int statefile_write(const char *path, const void *data, size_t len);

/* Reads at most @len - 1 bytes of @path into @buf and terminates them. Returns the number of
 * bytes read, or -errno (-ENOENT when there is no state yet, -ELOOP when @path is a symlink,
 * -EINVAL when it is not a regular file). @mtime, if not NULL, gets the file's modification
 * time. */
ssize_t statefile_read(const char *path, char *buf, size_t len, time_t *mtime);

#endif
