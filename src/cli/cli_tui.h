/* cli_tui.h — no command: the terminal front end (cli_tui.c).
 * Returns the exit status, or CLI_USAGE after a usage error; nothing to free. */
#ifndef KUP_CLI_TUI_H
#define KUP_CLI_TUI_H

#include "cli_common.h"

int cmd_tui(struct cli *c);

#endif
