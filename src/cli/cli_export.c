/* cli_export.c — `kup export plan --login L [--year Y] [--format md|html|txt]
 * [--out FILE]`: the plan for the MUS meeting (plan_print.h), written as the
 * user (userfile_write) to FILE, by default ~/plan-<login>-<year>.<ext>;
 * `--out -` writes it to standard output. `kup export ics` is
 * cli_export_ics.c. */
#include "cli_export.h"
#include "cli_export_ics.h"
#include "cli_ident.h"
#include "cli_opts.h"
#include "date.h"
#include "db_access.h"
#include "db_plan.h"
#include "db_staff.h"
#include "i18n.h"
#include "plan_print.h"
#include "userfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_export(struct cli *c)
{
	if (c->argc >= 2 && !strcmp(c->argv[1], "ics"))
		return cli_export_ics(c);
	if (c->argc < 2 || strcmp(c->argv[1], "plan"))
		return cli_usage_error(_("export takes plan or ics, not %s"), c->argc < 2 ? "" : c->argv[1]);
	const char *login = NULL, *out = NULL;
	int year = 0;
	plan_fmt fmt = PP_MD;
	for (int i = 2; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (i + 1 >= c->argc)
			return cli_usage_error(_("export plan does not know %s"), a);
		const char *v = c->argv[++i];
		if (!strcmp(a, "--login")) {
			login = v;
		} else if (!strcmp(a, "--year")) {
			if (cli_opt_year(v, &year))
				return CLI_USAGE;
		} else if (!strcmp(a, "--format")) {
			if (plan_fmt_parse(v, &fmt))
				return cli_usage_error(_("--format takes md, html or txt, not %s"), v);
		} else if (!strcmp(a, "--out")) {
			if (!*v)
				return cli_usage_error(_("option %s needs a value"), a);
			out = v;
		} else {
			return cli_usage_error(_("export plan does not know %s"), a);
		}
	}
	if (!login)
		return cli_usage_error("%s", _("export plan needs --login LOGIN"));
	if (!year)
		year = date_year_today();
	struct cli_db d;
	/* not read-only: the access log notes who exported whose plan */
	if (cli_open(c, 0, &d))
		return 1;
	staff_rec s;
	plan_rec p;
	char *doc = NULL;
	size_t len = 0;
	kcode rc = staff_find_login(d.db, &d.who, login, &s, &d.e);
	if (!rc) {
		rc = plan_find(d.db, &d.who, s.id, year, &p, &d.e);
		staff_free(&s);
		if (!rc) {
			rc = plan_print(d.db, &d.who, p.id, fmt, &doc, &len, &d.e);
			if (!rc)
				access_log_note(d.db, &d.who, p.staff_id, ACC_EXPORT);
			plan_free(&p);
		}
	}
	db_close(d.db);
	if (rc)
		return cli_fail(&d.e);
	char path[4096];
	if (out)
		snprintf(path, sizeof path, "%s", out);
	else
		plan_print_default_path(login, year, fmt, path, sizeof path);
	return cli_write_file(path, doc, len);
}
