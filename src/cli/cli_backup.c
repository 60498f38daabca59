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
	struct cli_db d;
	if (cli_open(c, DB_OPEN_READONLY, &d))
		return 1;
	int64_t pages = 0;
	kcode rc = db_backup(d.db, &d.who, c->argv[1], &pages, &d.e);
	db_close(d.db);
	if (rc)
		return cli_fail(&d.e);
	printf("%s\n", d.e.msg);
	return cli_flush_stdout();
}
