/* cli_init.c — `kup init`: a new, empty database at the chosen path. */
#include "cli_init.h"
#include "cli_ident.h"
#include "i18n.h"

#include <stdio.h>

int cmd_init(struct cli *c)
{
	if (c->argc > 1)
		return cli_usage_error(_("init takes no arguments, not %s"), c->argv[1]);
	struct cli_db d;
	if (cli_open(c, DB_OPEN_CREATE, &d))
		return 1;
	db_close(d.db);
	printf(_("Created an empty kup database in %s."), c->dbpath);
	putchar('\n');
	return 0;
}
