#include "cli.h"
int cli_tui(struct cli *c) { (void)c; return 0; }
