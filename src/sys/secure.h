/* secure.h — running as a setgid program on a shared server. After `kup
 * setup --shared` the installed binary is setgid to the kup group, the only
 * group that may open the database; every user has a shell, so everything
 * the user controls (options, environment, terminal type, open files) is
 * treated as hostile before the database is opened. Nothing here allocates
 * memory the caller must free. */
#ifndef KUP_SECURE_H
#define KUP_SECURE_H

#include <stddef.h>
#include "err.h"

#ifndef KUP_SYSCONFDIR
#define KUP_SYSCONFDIR "/usr/local/etc" /* the Makefile passes $(PREFIX)/etc */
#endif

/* Called first thing in main: opens /dev/null onto a missing fd 0, 1 or 2
 * and, when running with a group (or user) not the caller's own, turns off
 * core dumps and clears the variables that steer temp files and terminfo.
 * TERM is left alone: only the front end reads it (ui_term.c, which
 * refuses one that is not a plain name). Returns 0, or -1 if that cannot
 * be done. */
int secure_start(void);
/* Running setgid (or setuid) for someone other than root: shared mode.
 * Identity then comes from the login only. */
int secure_shared(void);
/* Whether this user may create the database at dbpath: always outside
 * shared mode; in it only root or the owner of the directory it goes in
 * (the installation's owner), never any user with a shell. */
int secure_may_create(const char *dbpath);
/* Decides the database after the options are read. In shared mode --db,
 * --as and KUP_* variables are refused and the database is the system config's, on a local file system.
 * Otherwise: --db, else $KUP_DB, else the system config's, else ./kup.db.
 * Returns 0, or the exit status after printing why not. */
int secure_database(const char *opt_db, const char *opt_as, const char **dbpath);

/* The system config file kup reads first (KUP_SYSCONFDIR/kup.conf; then
 * /etc/kup.conf), and the one `kup setup` writes. */
const char *secure_config_path(void);
/* Reads "database = PATH" from a config file into db (size bytes); the
 * file may also hold "mail_from = ADDRESS" (secure_mail_from).
 * KE_NOTFOUND if the file does not exist; KE_INVALID naming file and line
 * for anything else in it; with trusted, KE_DENIED unless root owns it and
 * only root may write it. */
kcode secure_read_config(const char *path, int trusted, char *db, size_t size, kerr *e);
/* The sender of kup's mail: "mail_from = ADDRESS" in the system config
 * (the same file, and as trusted, as the database's). KE_NOTFOUND naming
 * the file and the key when it is not there. */
kcode secure_mail_from(char *from, size_t size, kerr *e);
/* The mail_from of one config file ("" when it has none), read as
 * secure_read_config reads it. */
kcode secure_read_mail_from(const char *path, int trusted, char *from, size_t size, kerr *e);
/* How many days kup keeps its record of who read whose plan:
 * "access_log_days = N" (1 to 36500) in the system config, read as the
 * database is; SECURE_ACCESS_LOG_DAYS when there is no config, no such line
 * or the config cannot be read (its own reader says why). */
#define SECURE_ACCESS_LOG_DAYS 365
int secure_access_log_days(void);
/* The retention rule: "retention_years = N" in the system config (N
 * years after employment ended, 1 to 100), or outside shared mode
 * $KUP_RETENTION_YEARS, which comes first. *years 0: no rule (nothing is
 * erased by it); source gets the file or variable that said so ("" for
 * none). A broken config or value is KE_INVALID. */
kcode secure_retention(int *years, char *source, size_t size, kerr *e);
/* "5" -> 5; 0 unless a whole number from 1 to 100. */
int secure_parse_years(const char *s);
/* TERM is a plain terminal name: [A-Za-z0-9._+-], 1 to 64 characters;
 * anything else could make curses read a terminfo file of the user's. */
int secure_term_ok(const char *term);
/* Refuses a database directory on NFS, CIFS or SMB: WAL needs every
 * reader and writer on one host. path is the database file. */
kcode secure_check_fs(const char *path, kerr *e);

#endif
