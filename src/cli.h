/* cli.h — the commands of the kup command line (cli.c, cli_list.c) and the
 * entry to the terminal front end. Each returns the process exit status. */
#ifndef KUP_CLI_H
#define KUP_CLI_H

#include "db.h"

struct cli {
	const char *dbpath;
	const char *login; /* the real Unix user */
	const char *as;    /* --as LOGIN, or NULL */
	int argc;          /* the command and its arguments */
	char **argv;
};

int cli_command(struct cli *c);
int cli_tui(struct cli *c);
int cli_list(struct cli *c, kdb *db, const kactor *who);
int cli_usage_error(const char *fmt, const char *arg); /* prints, returns 2 */
/* Opens the database and works out who acts; prints errors; 0 on success. */
int cli_open(struct cli *c, int flags, kdb **db, kactor *who);

#endif
