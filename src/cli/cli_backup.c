/* cli_backup.c — `kup backup DEST`: an online, checked copy of the database
 * (db_backup) while others keep working. One verdict line: on stdout when
 * the copy is good (exit 0), else `kup: ...` on stderr (1). */
#include "cli_backup.h"
#include "cli_ident.h"
#include "i18n.h"

#include <stdio.h>

int cmd_backup(struct cli *c)
{
	if (c->argc != 2)
		return cli_usage_error("%s", _("backup needs one argument: the new file to write the copy to"));
	kdb *db;
	kactor who;
	if (cli_open(c, DB_OPEN_READONLY, &db, &who))
		return 1;
	kerr e = { 0 };
	int64_t pages = 0;
	kcode rc = db_backup(db, &who, c->argv[1], &pages, &e);
	db_close(db);
	if (rc)
		return cli_fail(&e);
	printf("%s\n", e.msg);
	return cli_flush_stdout();
}
