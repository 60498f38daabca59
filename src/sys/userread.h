/* userread.h — reading a file the person at the keyboard names (an import).
 * The counterpart of userfile.h: in shared-server mode kup runs setgid, and
 * a file must be read with the user's own rights only, or an import could
 * reveal (in its error messages) a file only the kup group may read. A
 * forked child drops the group for good, reads the file and passes the
 * bytes back through a pipe. userfile_read's data is malloc'd,
 * NUL-terminated, the caller's. */
#ifndef KUP_USERREAD_H
#define KUP_USERREAD_H

#include <stddef.h>
#include "err.h"

#include <sys/types.h>

/* Reads at most max bytes of path ("-": standard input); bigger files are
 * refused with a message. */
kcode userfile_read(const char *path, size_t max, char **data, size_t *len, kerr *e);

/* The same a piece at a time, for a reader that keeps only what it needs:
 * open, take pieces until 0 (the end, the child's own failure checked) or
 * -1 (e set), and always close, which also stops a child not yet done. */
typedef struct userread {
	const char *path; /* not copied */
	int fd;
	pid_t pid;        /* 0 once waited for */
} userread;
kcode userread_open(const char *path, userread *r, kerr *e);
ssize_t userread_next(userread *r, char *buf, size_t n, kerr *e);
void userread_close(userread *r);

#endif
