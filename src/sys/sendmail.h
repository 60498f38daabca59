/* sendmail.h — handing a message to the system's mail transfer agent
 * through the interface every Debian MTA provides (postfix, exim,
 * msmtp-mta, nullmailer): `sendmail -t -i`, the recipients read from the
 * headers. The program is started by fork and exec, never a shell, in a
 * child that has given up kup's setgid group and the database's
 * descriptors (userfile_child_start) first. Nothing is allocated. */
#ifndef KUP_SENDMAIL_H
#define KUP_SENDMAIL_H

#include <stddef.h>
#include "err.h"

/* The Debian MTA interface, used when no other program is named. */
#define SENDMAIL_DEFAULT "/usr/sbin/sendmail"

/* Whether path names a program kup may run: KE_NOTFOUND or KE_DENIED with
 * a message naming it and how to name another (--sendmail PATH). */
kcode sendmail_check(const char *path, kerr *e);

/* Runs `path -t -i` with the len bytes of msg on its standard input and
 * waits for it. KE_IO when it could not be started, was killed or exited
 * with a status other than 0 (the message says which). */
kcode sendmail_send(const char *path, const char *msg, size_t len, kerr *e);

#endif
