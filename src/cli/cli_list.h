/* cli_list.h — `kup list WHAT ...`: the rows of a register (cli_list.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_LIST_H
#define KUP_CLI_LIST_H

#include "cli_common.h"

int cmd_list(struct cli *c);

#endif
