/* cli_export_ics.c — `kup export ics --login L [--out FILE]`: the person's
 * sessions (ical_export.h) written as the user (userfile_write) to FILE, by
 * default ~/kalender-<login>.ics; `--out -` writes to standard output. The
 * same people may as for the plan: the person, their leader, an admin. */
#include "cli_export_ics.h"
#include "cli_ident.h"
#include "db_staff.h"
#include "i18n.h"
#include "ical_export.h"
#include "userfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_export_ics(struct cli *c)
{
	const char *login = NULL, *out = NULL;
	for (int i = 2; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (i + 1 >= c->argc)
			return cli_usage_error(_("export ics does not know %s"), a);
		const char *v = c->argv[++i];
		if (!strcmp(a, "--login")) {
			login = v;
		} else if (!strcmp(a, "--out")) {
			if (!*v)
				return cli_usage_error(_("option %s needs a value"), a);
			out = v;
		} else {
			return cli_usage_error(_("export ics does not know %s"), a);
		}
	}
	if (!login)
		return cli_usage_error("%s", _("export ics needs --login LOGIN"));
	struct cli_db d;
	if (cli_open(c, DB_OPEN_READONLY, &d))
		return 1;
	staff_rec s;
	char *doc = NULL;
	size_t len = 0;
	kcode rc = staff_find_login(d.db, &d.who, login, &s, &d.e);
	if (!rc) {
		rc = ical_export_person(d.db, &d.who, s.id, &doc, &len, &d.e);
		staff_free(&s);
	}
	db_close(d.db);
	if (rc)
		return cli_fail(&d.e);
	char path[4096];
	if (out)
		snprintf(path, sizeof path, "%s", out);
	else
		ical_default_path(login, 0, path, sizeof path);
	return cli_write_file(path, doc, len);
}
