/* cli_export_ics.h — `kup export ics --login L [--out FILE]`: a person's
 * course days as a calendar file (cli_export_ics.c), reached through `kup
 * export`. Returns the exit status, or CLI_USAGE after a usage error;
 * nothing to free. */
#ifndef KUP_CLI_EXPORT_ICS_H
#define KUP_CLI_EXPORT_ICS_H

#include "cli_common.h"

int cli_export_ics(struct cli *c);

#endif
