/* userread.h — reading a file the person at the keyboard names (an import).
 * The counterpart of userfile.h: in shared-server mode kup runs setgid, and
 * a file must be read with the user's own rights only, or an import could
 * reveal (in its error messages) a file only the kup group may read. A
 * forked child drops the group for good, reads the file and passes the
 * bytes back through a pipe. The data is malloc'd, NUL-terminated, the
 * caller's. */
#ifndef KUP_USERREAD_H
#define KUP_USERREAD_H

#include <stddef.h>
#include "err.h"

/* Reads at most max bytes of path ("-": standard input); bigger files are
 * refused with a message. */
kcode userfile_read(const char *path, size_t max, char **data, size_t *len, kerr *e);

#endif
