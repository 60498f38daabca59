/* cli_migrate.h — `kup migrate`: brings the database to this kup's schema
 * (cli_migrate.c), for an upgrade's install script. Returns the exit
 * status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_MIGRATE_H
#define KUP_CLI_MIGRATE_H

#include "cli_common.h"

int cmd_migrate(struct cli *c);

#endif
