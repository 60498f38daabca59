/* cli.c — the non-interactive commands: init, demo, check (list is in
 * cli_list.c). Errors go to stderr as one line; usage errors exit 2. */
#include "cli.h"
#include "db_demo.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_open(struct cli *c, int flags, kdb **db, kactor *who)
{
	kerr e = { 0 };
	if (db_open(c->dbpath, flags, db, &e)) {
		fprintf(stderr, "kup: %s\n", e.msg);
		return 1;
	}
	/* h-roles: who acts, from the login (cli_ident.c) */
	if (cli_identify(c, *db, who)) {
		db_close(*db);
		*db = NULL;
		return 1;
	}
	return 0;
}

static int cmd_init(struct cli *c)
{
	if (c->argc > 1)
		return cli_usage_error(_("init takes no arguments, not %s"), c->argv[1]);
	kdb *db;
	kactor who;
	if (cli_open(c, DB_OPEN_CREATE, &db, &who))
		return 1;
	db_close(db);
	printf(_("Created an empty kup database in %s."), c->dbpath);
	putchar('\n');
	return 0;
}

static int cmd_demo(struct cli *c)
{
	long staff = 0;
	for (int i = 1; i < c->argc; i++) {
		if (!strcmp(c->argv[i], "--staff") && i + 1 < c->argc) {
			char *end;
			staff = strtol(c->argv[++i], &end, 10);
			if (*end || staff < 1 || staff > 1000000)
				return cli_usage_error(_("--staff takes a number from 1 to 1000000, not %s"), c->argv[i]);
		} else {
			return cli_usage_error(_("demo does not know %s"), c->argv[i]);
		}
	}
	kdb *db;
	kactor who;
	if (cli_open(c, DB_OPEN_CREATE, &db, &who))
		return 1;
	kerr e = { 0 };
	demo_summary sum = { 0 };
	kcode rc = demo_create(db, &who, (int)staff, &sum, &e);
	db_close(db);
	if (rc) {
		fprintf(stderr, "kup: %s\n", e.msg);
		/* All or nothing: a half-made demo file would only confuse. */
		const char *side[] = { "", "-wal", "-shm", "-journal" };
		for (size_t i = 0; i < sizeof side / sizeof *side; i++) {
			char p[4096];
			snprintf(p, sizeof p, "%s%s", c->dbpath, side[i]);
			remove(p);
		}
		return 1;
	}
	printf(_("Created %s: %d units, %d staff, %d activities, %d sessions, %d plans, %d participations, %d follow-ups."),
	       c->dbpath, sum.units, sum.staff, sum.activities, sum.sessions, sum.plans,
	       sum.participations, sum.followups);
	putchar('\n');
	return 0;
}

static int cmd_check(struct cli *c)
{
	if (c->argc > 1)
		return cli_usage_error(_("check takes no arguments, not %s"), c->argv[1]);
	kdb *db;
	kactor who;
	/* h-conc: no quick_check at open: the full check below reports damage */
	if (cli_open(c, DB_OPEN_READONLY | DB_OPEN_NOCHECK, &db, &who))
		return 1;
	kerr e = { 0 };
	kcode rc = db_check(db, &e);
	db_close(db);
	printf("%s\n", e.msg);
	return rc ? 1 : 0;
}

int cli_command(struct cli *c)
{
	const char *cmd = c->argv[0];
	if (!strcmp(cmd, "init"))
		return cmd_init(c);
	if (!strcmp(cmd, "demo"))
		return cmd_demo(c);
	if (!strcmp(cmd, "check"))
		return cmd_check(c);
	if (!strcmp(cmd, "setup"))
		return cmd_setup(c); /* h-roles: cli_setup.c */
	if (!strcmp(cmd, "backup"))
		return cmd_backup(c);
	if (!strcmp(cmd, "report"))
		return cmd_report(c); /* h-reports: cli_report.c */
	if (!strcmp(cmd, "export"))
		return cmd_export(c); /* h-reports: cli_export.c */
	if (!strcmp(cmd, "import"))
		return cmd_import(c); /* h-reports: cli_import.c */
	if (!strcmp(cmd, "due"))
		return cmd_due(c); /* h-cycle: cli_due.c */
	if (!strcmp(cmd, "list")) {
		kdb *db;
		kactor who;
		if (c->argc < 2)
			return cli_usage_error("%s", _("list needs what to list: staff, plans, activities, sessions, participations or followups"));
		if (cli_open(c, DB_OPEN_READONLY, &db, &who))
			return 1;
		int rc = cli_list(c, db, &who);
		db_close(db);
		return rc;
	}
	return cli_usage_error(_("unknown command %s"), cmd);
}
