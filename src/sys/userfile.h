/* userfile.h — writing a file for the person at the keyboard (an export, a
 * printed plan). In shared-server mode kup runs setgid to reach the
 * database; a file the user asked for must be written with the user's own
 * rights only, so it lands only where they may write and belongs to them.
 * The bytes are prepared in memory first; a forked child drops the group for
 * good, never touches the database, and writes them. Nothing is allocated. */
#ifndef KUP_USERFILE_H
#define KUP_USERFILE_H

#include <stddef.h>
#include "err.h"

/* Writes len bytes to path (created 0666 & ~umask, replaced if it exists;
 * "-" means standard output). Errors (no permission, disk full, ...) come
 * back with a message naming the path. */
kcode userfile_write(const char *path, const char *data, size_t len, kerr *e);

#endif
