/* cli_migrate.c — `kup migrate`: opens the database for writing, which runs
 * the schema steps it lacks (db_open), and says which schema it is at. The
 * package's postinst runs it after an upgrade, so the read-only commands
 * (`kup due` from a timer, `kup list`) work at once instead of refusing a
 * database that "needs an upgrade" until someone opens the screen. One
 * verdict line; exit status 0, or 1 with the reason on stderr. */
#include "cli_migrate.h"
#include "cli_ident.h"
#include "i18n.h"

#include <stdio.h>

int cmd_migrate(struct cli *c)
{
	if (c->argc > 1)
		return cli_usage_error(_("migrate takes no arguments, not %s"), c->argv[1]);
	struct cli_db d;
	if (cli_open(c, 0, &d))
		return 1;
	int ver = db_schema_version(d.db);
	db_close(d.db);
	printf(_("%s is at schema %d, the one this kup uses."), c->dbpath, ver);
	putchar('\n');
	return cli_flush_stdout();
}
