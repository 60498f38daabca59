/* cli_commands.h — the commands of the kup command line: one table of them
 * (cli_commands.c) that both runs them and makes the usage text, so a new
 * command is one line there plus its own file. Nothing returned is to be
 * freed. */
#ifndef KUP_CLI_COMMANDS_H
#define KUP_CLI_COMMANDS_H

#include <stdio.h>
#include "cli_common.h"

/* Runs the command in c->argv (argc 0: the terminal front end). Before a
 * command that needs a database, works out which (secure_database) from
 * c->dbpath (--db or NULL) and c->as, and puts it in c->dbpath. Returns the
 * exit status; a usage error prints the usage and gives 2. */
int cli_command(struct cli *c);
/* Prints the usage text, made from the table. */
void cli_usage(FILE *f);
/* A command's result as the exit status: CLI_USAGE (after a usage error
 * that main or a command printed) adds the usage on stderr and gives 2. */
int cli_status(int rc);

#endif
