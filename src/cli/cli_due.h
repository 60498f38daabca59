/* cli_due.h — `kup due ...`: what each person must do now (cli_due.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_DUE_H
#define KUP_CLI_DUE_H

#include "cli_common.h"

int cmd_due(struct cli *c);

#endif
