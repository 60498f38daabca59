/* cli_list.c — `kup list ...`: tab-separated rows under a header line. */
#include "cli.h"
#include "i18n.h"

#include <stdio.h>

int cli_list(struct cli *c, kdb *db, const kactor *who)
{
	(void)db; (void)who;
	return cli_usage_error(_("cannot list %s"), c->argv[1]);
}
