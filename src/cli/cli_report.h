/* cli_report.h — `kup report KIND ...`: the Reports pane's figures (cli_report.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_REPORT_H
#define KUP_CLI_REPORT_H

#include "cli_common.h"

int cmd_report(struct cli *c);

#endif
