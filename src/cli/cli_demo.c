/* cli_demo.c — `kup demo [--staff N]`: a new database filled with the demo
 * organisation, or with N generated staff for trying kup at scale. */
#include "cli_demo.h"
#include "cli_ident.h"
#include "cli_opts.h"
#include "db_demo.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>

/* All or nothing: a half-made demo file would only confuse. */
static void remove_database(const char *path)
{
	const char *side[] = { "", "-wal", "-shm", "-journal" };
	for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
		char p[4096];
		snprintf(p, sizeof p, "%s%s", path, side[i]);
		remove(p);
	}
}

int cmd_demo(struct cli *c)
{
	long staff = 0;
	for (int i = 1; i < c->argc; i++) {
		const char *v = cli_opt_value(c, &i, "--staff");
		if (!v)
			return cli_usage_error(_("demo does not know %s"), c->argv[i]);
		char *end;
		staff = strtol(v, &end, 10);
		if (*end || staff < 1 || staff > 1000000)
			return cli_usage_error(_("--staff takes a number from 1 to 1000000, not %s"), v);
	}
	struct cli_db d;
	if (cli_open(c, DB_OPEN_CREATE, &d))
		return 1;
	demo_summary sum = { 0 };
	kcode rc = demo_create(d.db, &d.who, (int)staff, &sum, &d.e);
	db_close(d.db);
	if (rc) {
		cli_fail(&d.e);
		remove_database(c->dbpath);
		return 1;
	}
	printf(_("Created %s: %d units, %d staff, %d activities, %d sessions, %d plans, %d participations, %d follow-ups, %d colleagues' parts."),
	       c->dbpath, sum.units, sum.staff, sum.activities, sum.sessions, sum.plans,
	       sum.participations, sum.followups, sum.colleagues);
	putchar('\n');
	return 0;
}
