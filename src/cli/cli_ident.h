/* cli_ident.h — opening the database for a command and working out who is
 * at the keyboard (the actor every db_* call is made for). The caller owns
 * the database handle it gets and closes it with db_close. */
#ifndef KUP_CLI_IDENT_H
#define KUP_CLI_IDENT_H

#include "cli_common.h"
#include "db.h"

/* What a command works with: the open database, who acts, and the error
 * of the command's last db_* call. */
struct cli_db {
	kdb *db;
	kactor who;
	kerr e;
};

/* Opens c->dbpath with the DB_OPEN_* flags, works out who acts and clears
 * d->e. On failure prints why on stderr (for someone not registered: the
 * login and the admins to ask), leaves d->db NULL and returns 1; 0 on
 * success. */
int cli_open(struct cli *c, int flags, struct cli_db *d);

#endif
