/* cli_check.h — `kup check`: checks the database, one verdict line (cli_check.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_CHECK_H
#define KUP_CLI_CHECK_H

#include "cli_common.h"

int cmd_check(struct cli *c);

#endif
