/* cli_demo.h — `kup demo [--staff N]`: creates the demo organisation (cli_demo.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_DEMO_H
#define KUP_CLI_DEMO_H

#include "cli_common.h"

int cmd_demo(struct cli *c);

#endif
