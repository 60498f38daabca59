/* cli_privacy_erase.h — `kup privacy status|sweep|erase`: the retention
 * rule and how many people it would erase now, applying it, and erasing
 * one person who has left (db_erase.h). Admins only. Returns the exit
 * status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_PRIVACY_ERASE_H
#define KUP_CLI_PRIVACY_ERASE_H

#include "cli_common.h"

/* c->argv[0] is "privacy", argv[1] the subcommand. */
int cmd_privacy_erase(struct cli *c);

#endif
