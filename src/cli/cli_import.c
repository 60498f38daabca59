/* cli_import.c — `kup import staff|activities FILE [--dry-run]
 * [--deactivate-missing [--allow-mass-deactivation]]`: loads HR's
 * spreadsheet (import_file.h). Prints what was (or, with --dry-run, would
 * be) done, and with --deactivate-missing how many of how many and whom; on
 * problems prints them on stderr, changes nothing and exits 1. More than
 * half the active staff is deactivated only with --allow-mass-deactivation. */
#include "cli_import.h"
#include "cli_ident.h"
#include "i18n.h"
#include "import_file.h"

#include <stdio.h>
#include <string.h>

static void print_lines(FILE *f, char **lines, int n)
{
	for (int i = 0; i < n; i++)
		fprintf(f, "%s\n", lines[i]);
}

int cmd_import(struct cli *c)
{
	if (c->argc < 3)
		return cli_usage_error("%s", _("import needs what and a file: import staff FILE.csv or import activities FILE.csv"));
	import_kind kind;
	if (!strcmp(c->argv[1], "staff"))
		kind = IMPORT_STAFF;
	else if (!strcmp(c->argv[1], "activities"))
		kind = IMPORT_ACTIVITIES;
	else
		return cli_usage_error(_("import takes staff or activities, not %s"), c->argv[1]);
	const char *path = NULL;
	int flags = 0;
	for (int i = 2; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (!strcmp(a, "--dry-run"))
			flags |= IMPORT_DRY_RUN;
		else if (!strcmp(a, "--deactivate-missing") && kind == IMPORT_STAFF)
			flags |= IMPORT_DEACTIVATE_MISSING;
		else if (!strcmp(a, "--allow-mass-deactivation") && kind == IMPORT_STAFF)
			flags |= IMPORT_DEACTIVATE_MANY;
		else if (a[0] == '-' && a[1])
			return cli_usage_error(_("import does not know %s"), a);
		else if (path)
			return cli_usage_error(_("import takes one file, not also %s"), a);
		else
			path = a;
	}
	if (!path)
		return cli_usage_error("%s", _("import needs the file to read"));
	struct cli_db d;
	if (cli_open(c, 0, &d))
		return 1;
	import_result res;
	kcode rc = import_file(d.db, &d.who, kind, path, flags, &res, &d.e);
	db_close(d.db);
	print_lines(stdout, res.notes, res.nnotes);
	if (rc) {
		print_lines(stderr, res.problems, res.nproblems);
		if (rc == KE_STATE && res.deactivate_most)
			fprintf(stderr, "%s\n", _("If the file is the full staff list, run again with --allow-mass-deactivation."));
		import_result_free(&res);
		return cli_fail(&d.e);
	}
	print_lines(stdout, res.actions, res.nactions);
	if (res.deactivation)
		printf("%s\n", res.deactivation);
	if (flags & IMPORT_DRY_RUN)
		printf(_("Dry run, nothing changed: would add %d, update %d, leave %d unchanged, deactivate %d."),
		       res.added, res.updated, res.unchanged, res.deactivated);
	else
		printf(_("Imported: %d added, %d updated, %d unchanged, %d deactivated."),
		       res.added, res.updated, res.unchanged, res.deactivated);
	putchar('\n');
	import_result_free(&res);
	return cli_flush_stdout();
}
