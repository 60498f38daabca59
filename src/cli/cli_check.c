/* cli_check.c — `kup check`: the database's full integrity check, as one
 * verdict line on stdout; exit status 1 when the file is damaged. */
#include "cli_check.h"
#include "cli_ident.h"
#include "i18n.h"

#include <stdio.h>

int cmd_check(struct cli *c)
{
	if (c->argc > 1)
		return cli_usage_error(_("check takes no arguments, not %s"), c->argv[1]);
	struct cli_db d;
	/* No quick check at open: the full check below reports the damage,
	 * which a refusal to open would hide. */
	if (cli_open(c, DB_OPEN_READONLY | DB_OPEN_NOCHECK, &d))
		return 1;
	kcode rc = db_check(d.db, &d.e);
	db_close(d.db);
	printf("%s\n", d.e.msg);
	return rc ? 1 : 0;
}
