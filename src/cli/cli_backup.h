/* cli_backup.h — `kup backup FILE`: a checked online copy (cli_backup.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_BACKUP_H
#define KUP_CLI_BACKUP_H

#include "cli_common.h"

int cmd_backup(struct cli *c);

#endif
