/* userfile.h — writing a file for the person at the keyboard (an export, a
 * printed plan, a backup). In shared-server mode kup runs setgid to reach
 * the database; a file the user asked for must be written with the user's
 * own rights only, so it lands only where they may write and belongs to
 * them. The bytes are prepared in memory (or in a file kup already holds
 * open) first; a forked child gives up the group for good, lets go of every
 * descriptor and shared mapping of the database (userfile_child_start), and
 * writes them. Nothing is allocated. */
#ifndef KUP_USERFILE_H
#define KUP_USERFILE_H

#include <stddef.h>
#include "err.h"

/* The mode of every file kup creates with a person's data in it (exports,
 * printed plans, backups, a new database): theirs alone. The shared
 * database gets its group's mode from kup setup. */
#define USERFILE_MODE 0600

/* Writes len bytes to path ("-" means standard output). A new or existing
 * regular file is written to a temporary file beside it and renamed over it
 * only when all is written and synced, so a full disk leaves the old file
 * whole; the result has USERFILE_MODE. Something that is not a regular file
 * (a FIFO, /dev/null) is written in place; a symbolic link is refused. A
 * hang-up or SIGTERM while waiting ends the writer too, and is then passed
 * on to the caller's own handler. Errors come back naming the path. */
kcode userfile_write(const char *path, const char *data, size_t len, kerr *e);

/* Copies everything readable from src_fd (at its current offset) into a new
 * file path (never replacing one: KE_EXISTS), written like userfile_write.
 * A copy that fails is removed. */
kcode userfile_copy_new(int src_fd, const char *path, kerr *e);

/* The first thing a child writing or reading for the user does: default
 * signal actions, every descriptor above 2 closed, every shared mapping (the
 * database's -shm) unmapped, the setgid group given up for good, and death
 * with its parent. Returns 0 or an errno. */
int userfile_child_start(void);
/* Writes all len bytes to fd (again after a signal); 0 or the errno of
 * the failure. */
int userfile_write_all(int fd, const char *data, size_t len);
/* Copies everything from in to out (in a child, with a 64 KiB buffer of
 * its own); 0 at the end of in, else the errno of the failure. */
int userfile_copy(int in, int out);

#endif
