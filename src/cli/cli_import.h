/* cli_import.h — `kup import staff|activities FILE`: HR's spreadsheet (cli_import.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_IMPORT_H
#define KUP_CLI_IMPORT_H

#include "cli_common.h"

int cmd_import(struct cli *c);

#endif
