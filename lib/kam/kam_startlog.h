/* lib/kam/kam_startlog.h: the error line in what Kamailio writes while it starts. Kamailio
 * logs "0(123) CRITICAL: <core> [core/cfg.y:3787]: yyerror_at(): ..."; a reason wants only
 * what follows the prefix. */
#ifndef SIPHA_KAM_STARTLOG_H
#define SIPHA_KAM_STARTLOG_H

#include <stddef.h>

/* The most telling line of Kamailio's output @out: the first CRITICAL, else the first ERROR,
 * with the log prefix cut, into @buf (NUL-terminated, cut to fit). Writes "no error message"
 * when there is neither. Cannot fail. */
void kam_error_line(const char *out, char *buf, size_t len);

/* The last non-empty line of the file @path (Kamailio's stdout/stderr of a start; only its
 * last 2 KiB are read; a symlink is not followed), as kam_error_line() cuts it when it is an
 * error line, else as it is, into @buf. Leaves @buf empty when the file cannot be read or is
 * empty. Cannot fail. */
void kam_startlog_tail(const char *path, char *buf, size_t len);

#endif
