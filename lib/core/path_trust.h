/* lib/core/path_trust.h: may root use a path (run the file, read it) without another user
 * choosing what it gets? A binary or configuration file in a directory someone else can
 * write lets that user replace it, or swap in a symlink, and have root run or read theirs. */
#ifndef SIPHA_PATH_TRUST_H
#define SIPHA_PATH_TRUST_H

#include <stddef.h>
#include <sys/types.h>

/* Whether an entry owned by @uid:@gid with @mode may be relied on by root: owned by root and
 * writable by nobody else (group write only for group root). A sticky directory others may
 * write (/tmp) passes: they may add entries there but not replace root's, and every entry
 * below must pass on its own. A symlink passes when root owns it. */
int path_entry_trusted(mode_t mode, uid_t uid, gid_t gid);

/* Walks @path (absolute) from /, following symlinks (each one judged as an entry of its
 * directory, at most 40), and judges every directory and the final entry with
 * path_entry_trusted(). Returns 0 when root may rely on it; -EPERM with the first entry that
 * another user can change in @why (its path and why: "/srv/kam is writable by other
 * users"); -ELOOP, -ENAMETOOLONG, -EINVAL (not absolute) or the -errno of lstat/readlink
 * (-ENOENT: missing), with the entry in @why as well. */
int path_trusted(const char *path, char *why, size_t why_len);

#endif
