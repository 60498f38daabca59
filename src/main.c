/* main.c — the command line: `kup [--db FILE] [--lang da|en] [--as LOGIN] [COMMAND ...]`.
 * Without a command it opens the terminal front end. */
#include "cli.h"
#include "date.h"
#include "db.h"
#include "i18n.h"
#include "secure.h" /* h-roles */

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef KUP_VERSION
#define KUP_VERSION "0.1.0"
#endif

static void usage(FILE *f)
{
	static const char *const lines[] = {
		N_("usage: kup [--db FILE] [--lang da|en] [--as LOGIN] [COMMAND ...]"),
		N_("commands:"),
		N_("  (none)                    open the terminal front end"),
		N_("  init                      create an empty database"),
		N_("  demo [--staff N]          create the demo organisation (or N generated staff)"),
		N_("  list staff|plans|activities|sessions|participations|followups"),
		N_("       [--year Y] [--unit NAME]  print tab-separated rows"),
		N_("  check                     check the database; prints one verdict line"),
		N_("  due [--days N] [--employees] [--format text|tsv]"),
		N_("                            what each leader (and person) must do now, for mail"),
		N_("  list audit                the audit trail, newest first (admins only)"), /* h-roles */
		N_("  list ... --out FILE       write the rows to FILE, yours, instead of the screen"),
		N_("  list ... --format csv|tsv [--sep ';'] [--bom]   CSV for spreadsheets"), /* h-reports */
		N_("  report coverage|followup|competences|focus|crossprof|methods|cost"),
		N_("       [--year Y] [--unit NAME] [--format text|csv|tsv]  the Reports pane's figures"),
		N_("  export plan --login L [--year Y] [--format md|html|txt] [--out FILE]"),
		N_("                            the plan for the MUS meeting, as a file"),
		N_("  import staff|activities FILE.csv [--dry-run] [--deactivate-missing]"),
		N_("                            load HR's spreadsheet, all or nothing (admins)"),
		N_("  setup --shared DIR [--group kup] --admin LOGIN [--binary PATH] [--demo]"),
		N_("                            as root: install for a shared server (see README)"),
		N_("  backup FILE               copy the database to a new FILE while others work, and check it"),
		N_("  --version, --help"),
		N_("The database is --db FILE, else $KUP_DB, else the one in kup.conf, else ./kup.db; on a shared server always the one in kup.conf."),
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		fprintf(f, "%s\n", _(lines[i]));
}

int cli_usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "kup: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	usage(stderr);
	return 2;
}

static const char *unix_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_name ? pw->pw_name : "local";
}

int main(int argc, char **argv)
{
	/* h-roles: before anything opens a file (secure.c) */
	if (secure_start() != 0) {
		i18n_init(NULL);
		fprintf(stderr, "kup: %s\n", _("cannot make the process safe to run (core dumps, environment)."));
		return 1;
	}
	const char *dbpath = NULL, *lang = NULL, *as = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--db") || !strcmp(a, "--lang") || !strcmp(a, "--as")) {
			if (i + 1 >= argc) {
				i18n_init(lang);
				return cli_usage_error(_("option %s needs a value"), a);
			}
			const char *v = argv[++i];
			if (!strcmp(a, "--db")) dbpath = v;
			else if (!strcmp(a, "--as")) as = v;
			else lang = v;
		} else if (!strcmp(a, "--version")) {
			printf("kup %s\n", KUP_VERSION);
			return 0;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			i18n_init(lang);
			usage(stdout);
			return 0;
		} else {
			i18n_init(lang);
			return cli_usage_error(_("unknown option %s"), a);
		}
	}
	if (lang && strcmp(lang, "da") && strcmp(lang, "en")) {
		i18n_init(NULL);
		return cli_usage_error(_("--lang takes da or en, not %s"), lang);
	}
	i18n_init(lang);
	/* h-roles: --db, $KUP_DB, the system config, ./kup.db; in shared mode
	 * only the system config (secure.c). setup needs no database. */
	if ((i >= argc || strcmp(argv[i], "setup") != 0) && secure_database(dbpath, as, &dbpath)) {
		i18n_done();
		return 1;
	}

	struct cli ctx = { .dbpath = dbpath, .login = unix_login(), .as = as,
			   .argc = argc - i, .argv = argv + i };
	int rc;
	if (i >= argc)
		rc = cli_tui(&ctx);
	else
		rc = cli_command(&ctx);
	i18n_done();
	return rc;
}
