/* cli_ident.h — opening the database for a command and working out who is
 * at the keyboard (the actor every db_* call is made for). The caller owns
 * the database handle it gets and closes it with db_close. */
#ifndef KUP_CLI_IDENT_H
#define KUP_CLI_IDENT_H

#include "cli_common.h"
#include "db.h"

/* Opens c->dbpath with the DB_OPEN_* flags and fills *who. On failure prints
 * why on stderr (for someone not registered: the login and the admins to
 * ask), leaves *db NULL and returns 1; 0 on success. */
int cli_open(struct cli *c, int flags, kdb **db, kactor *who);

#endif
