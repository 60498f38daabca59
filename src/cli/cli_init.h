/* cli_init.h — `kup init`: creates an empty database (cli_init.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_INIT_H
#define KUP_CLI_INIT_H

#include "cli_common.h"

int cmd_init(struct cli *c);

#endif
