/* cli_setup.h — `kup setup --shared DIR ...`: installs for a shared server (cli_setup.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_SETUP_H
#define KUP_CLI_SETUP_H

#include "cli_common.h"

int cmd_setup(struct cli *c);

#endif
