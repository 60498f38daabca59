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
int cmd_backup(struct cli *c); /* h-conc: cli_backup.c */
/* Flushes stdout; on failure (disk full, ...) says so on stderr; exit status. */
int cli_flush_stdout(void);
int cmd_report(struct cli *c); /* h-reports: cli_report.c */
int cmd_export(struct cli *c); /* h-reports: cli_export.c (export plan) */
int cmd_import(struct cli *c); /* h-reports: cli_import.c */
int cmd_due(struct cli *c); /* h-cycle: cli_due.c */
int cli_usage_error(const char *fmt, const char *arg); /* prints, returns 2 */
/* Opens the database and works out who acts; prints errors; 0 on success. */
int cli_open(struct cli *c, int flags, kdb **db, kactor *who);
/* h-roles: works out who acts on an open database (cli_ident.c): prints
 * why not (naming the login and the admins to ask) and returns 1. */
int cli_identify(struct cli *c, kdb *db, kactor *who);
/* `kup setup --shared DIR ...`, as root (cli_setup.c). */
int cmd_setup(struct cli *c);

#endif
