/* cli_export.h — `kup export plan ...`: the plan for the MUS meeting (cli_export.c);
 * `kup export ics ...` passed on to cli_export_ics.h.
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_EXPORT_H
#define KUP_CLI_EXPORT_H

#include "cli_common.h"

int cmd_export(struct cli *c);

#endif
